/**
 * Parsers built at their first use, not when the server initializes (server/src/lazy-parsers.ts,
 * issue 22): initialize must not build the completion parsers nor the plan languages' lexers and
 * parsers, and once built they must give what Langium's eagerly built ones give.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
    AstUtils,
    createCompletionParser,
    createLangiumParser,
    eagerLoad,
    URI,
    type AstNode,
    type LangiumCoreServices,
    type ParseResult
} from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, it } from 'vitest';
import { LazyCompletionParser, LazyLangiumParser, LazyLexer } from '../../server/src/lazy-parsers.js';
import { REPO_ROOT } from '../helpers.js';
import { buildLspWorkspace, createLspServices } from './lsp-helpers.js';

const services = createLspServices();
afterAll(async () => {
    await clearDocuments(services.shared);
});
const FILE = fs.readFileSync(path.join(REPO_ROOT, 'examples/pmae/saude-da-mulher.oci'), 'utf8');
const plano = (name: string) => {
    const file = path.join(REPO_ROOT, 'examples', path.extname(name).slice(1), name);
    return { uri: URI.file(file), text: fs.readFileSync(file, 'utf8') };
};
const PAR = plano('regiao-sao-luis.par');
const SE = plano('breves-pa.se');

/** Every node's type, range and properties that are not nodes; the parser's and the lexer's errors. */
function dump(result: ParseResult<AstNode>): unknown {
    const nodes = AstUtils.streamAst(result.value)
        .map(node => ({
            type: node.$type,
            range: [node.$cstNode?.offset, node.$cstNode?.end],
            values: Object.entries(node)
                .filter(([k, v]) => !k.startsWith('$') && (typeof v !== 'object' || v === null))
                .map(([k, v]) => `${k}=${String(v)}`)
        }))
        .toArray();
    return {
        nodes,
        parserErrors: result.parserErrors.map(e => `${e.token.startOffset}:${e.message}`),
        lexerErrors: result.lexerErrors.map(e => `${e.offset}:${e.message}`)
    };
}

describe('lazy parsers', () => {
    it('are not built when the services are loaded as initialize loads them', () => {
        eagerLoad(services.shared);
        const languages = services.shared.ServiceRegistry.all;
        expect(languages.length).toBe(3);
        for (const language of languages) {
            eagerLoad(language);
            const completion = language.parser.CompletionParser as unknown;
            expect(completion).toBeInstanceOf(LazyCompletionParser);
            expect((completion as LazyCompletionParser).built).toBe(false);
        }
        const plans = [PAR, SE].map(p => services.shared.ServiceRegistry.getServices(p.uri));
        expect(plans[0]).not.toBe(plans[1]);
        for (const plan of plans) {
            expect(plan).not.toBe(services.Oci);
            expect(plan.parser.Lexer).toBeInstanceOf(LazyLexer);
            expect((plan.parser.Lexer as LazyLexer).built).toBe(false);
            const parser = plan.parser.LangiumParser as unknown;
            expect(parser).toBeInstanceOf(LazyLangiumParser);
            expect((parser as LazyLangiumParser).built).toBe(false);
        }
    });

    it('completion: parses as the eagerly built parser does, at cuts all over a real file', () => {
        const lazy = services.Oci.parser.CompletionParser;
        const eager = createCompletionParser(services.Oci);
        let cuts = 0;
        for (let at = 0; at <= FILE.length; at += 997) {
            const text = FILE.slice(0, at);
            const a = lazy.parse(text);
            const b = eager.parse(text);
            expect(a.tokenIndex).toBe(b.tokenIndex);
            expect(a.tokens.map(t => t.image)).toEqual(b.tokens.map(t => t.image));
            expect(a.elementStack.length).toBe(b.elementStack.length);
            a.elementStack.forEach((e, i) => expect(e).toBe(b.elementStack[i]));
            cuts++;
        }
        expect(cuts).toBeGreaterThan(5);
        expect((lazy as unknown as LazyCompletionParser).built).toBe(true);
    });

    it('plans: the lazy lexer and parser give what Langium builds, whole, cut and broken', () => {
        for (const p of [PAR, SE]) {
            const plan: LangiumCoreServices = services.shared.ServiceRegistry.getServices(p.uri);
            const eager = createLangiumParser(plan);
            const texts = [p.text, p.text.slice(0, Math.floor(p.text.length / 2)), p.text.replace(/\{/, '{ "aberta')];
            for (const text of texts) {
                const a = plan.parser.LangiumParser.parse(text);
                const b = eager.parse(text);
                expect(dump(a)).toEqual(dump(b));
                expect(a.value.$type).toBe(b.value.$type);
            }
            expect(dump(plan.parser.LangiumParser.parse(texts[2]!))).not.toEqual(dump(eager.parse(texts[0]!)));
            expect(plan.parser.Lexer.tokenize(p.text).tokens.length).toBeGreaterThan(10);
            expect((plan.parser.LangiumParser as unknown as LazyLangiumParser).built).toBe(true);
        }
    });

    it('is built by the first completion, which offers items in a new OCI line', async () => {
        const fresh = createLspServices();
        const parser = fresh.Oci.parser.CompletionParser as unknown as LazyCompletionParser;
        expect(parser.built).toBe(false);
        const [doc] = await buildLspWorkspace(fresh, { 'saude-da-mulher.oci': FILE });
        const offset = FILE.indexOf('\n', FILE.indexOf('oci ')) + 1;
        const list = await fresh.Oci.lsp.CompletionProvider!.getCompletion(doc!, {
            textDocument: { uri: doc!.textDocument.uri },
            position: doc!.textDocument.positionAt(offset),
            context: { triggerKind: 1 }
        });
        expect(parser.built).toBe(true);
        expect(list?.items.length ?? 0).toBeGreaterThan(0);
        await clearDocuments(fresh.shared);
    });
});
