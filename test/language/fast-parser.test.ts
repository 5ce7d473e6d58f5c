/**
 * The hand-written parser (language/src/parser/fast-parser.ts) against Langium's: on every text Langium parses
 * without a lexer or parser error, the same parse result — every AST node with its properties, references and
 * container links, every CST node with its offset, range, token type and grammar element, the comments (the dump of
 * test/parse-dump.ts, as the incremental parser's tests compare) — and on every text with an error, no result, so
 * that the services fall back to Langium's parser and its messages.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import {
    EmptyFileSystem,
    isReference,
    URI,
    ValueConverter,
    type AstNode,
    type CstNode,
    type ParseResult
} from 'langium';
import { describe, expect, it } from 'vitest';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { LazyComposite, kidsOf } from '../../language/src/parser/lazy-cst.js';
import type { OciLangiumParser } from '../../language/src/parser/oci-parser.js';
import { decodeSource } from '../../language/src/workspace/source-encoding.js';
import { REPO_ROOT, SIGTAP_ZIP, MAMA } from '../helpers.js';
import { differenceWindow, dumpParse } from '../parse-dump.js';
import { applyMutations, mutationsArb } from '../robustness/fuzz-core.js';
import { bySize } from '../tier.js';

const { shared, Oci } = createOciCoreServices(EmptyFileSystem);
const parser = Oci.parser.LangiumParser as OciLangiumParser;

const clean = (result: ParseResult<AstNode>) =>
    result.lexerErrors.length === 0 &&
    result.parserErrors.length === 0 &&
    (result.lexerReport?.diagnostics.length ?? 0) === 0;

/** The two dumps are equal; on a difference, shows where (the dumps are long). */
function expectSameTree(fast: ParseResult<AstNode>, langium: ParseResult<AstNode>): void {
    const [a, b] = differenceWindow(dumpParse(fast), dumpParse(langium));
    expect(a).toBe(b);
}

/** Compares both parsers on `text`; returns whether the fast path took it. */
function compare(text: string): boolean {
    const langium = parser.parseWithLangium(text);
    const fast = parser.fast.parse(text);
    if (!clean(langium)) {
        expect(fast, 'the fast parser must give up on a text with syntax errors').toBeUndefined();
        return false;
    }
    expect(fast, 'the fast parser must take a text Langium parses without errors').toBeDefined();
    expectSameTree(fast!, langium);
    return true;
}

function ociFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter(name => name.endsWith('.oci'))
        .map(name => path.join(dir, name));
}

const EXAMPLES = ociFiles(path.join(REPO_ROOT, 'examples'));
const FIXTURES = ociFiles(path.join(REPO_ROOT, 'test'));
const exampleTexts = EXAMPLES.map(file => fs.readFileSync(file, 'utf8'));

describe('fast parser', () => {
    it('builds the same tree as Langium for every example and test fixture', () => {
        expect(EXAMPLES.length).toBeGreaterThanOrEqual(7);
        for (const text of exampleTexts) expect(compare(text)).toBe(true);
        // The e2e fixtures: quebrado.oci's errors are semantic (a check digit, tR > tM), its syntax is clean.
        expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
        for (const file of FIXTURES) expect(compare(fs.readFileSync(file, 'utf8'))).toBe(true);
    });

    it('builds the same tree for the NFD, CRLF, lone-CR, tab, BOM, comment-heavy, unicode-string and empty variants', () => {
        const variants = (text: string) => [
            text.normalize('NFD'),
            text.replace(/\n/g, '\r\n'),
            text.replace(/\n/g, '\r'),
            // A comment at the end of every line and a block comment at the start of every line.
            text.replace(/\n/g, ' // nota\n/* bloco */ '),
            `/* antes */\n${text}\n// depois`,
            // Tabs, a byte order mark, non-ASCII and multi-line string literals (the lexer's line and column rules).
            text.replace(/ {4}/g, '\t').replace(/ /g, ' \t '),
            `\uFEFF${text}`,
            text.replace(/"([^"\n]*)"/g, '"$1 😀 ç\u0301 \u2028 𝕏"'),
            text.replace(/"([^"\n]*)"/g, '"$1\r\nsegunda linha\rterceira\nquarta"'),
            // Comments alone, blank text, a header alone.
            '// só um comentário\n/* e outro */',
            '',
            ' \n\t',
            'catalogo "X"'
        ];
        let fast = 0;
        for (const text of [...exampleTexts, MAMA]) for (const variant of variants(text)) if (compare(variant)) fast++;
        // All but one: the multi-line string rewrite leaves a quote unpaired in one example (a lexer error there).
        expect(fast).toBe((exampleTexts.length + 1) * 13 - 1);
    });

    it('on a file saved in Latin-1 (accents decode to U+FFFD): same tree where they are in text, gives up in keywords', () => {
        const latin1 = (text: string) => {
            const decoded = decodeSource(new Uint8Array(Buffer.from(text, 'latin1')));
            expect(decoded.problem).toBeDefined();
            return decoded.text;
        };
        // Accents in strings and comments only: U+FFFD is text there.
        expect(compare(latin1('// Saúde\ncatalogo "Saúde da Mulher" versao "1"\n'))).toBe(true);
        // An accented keyword: the lexer stops at U+FFFD.
        expect(compare(latin1('catálogo "Saúde da Mulher" versão "1"\n'))).toBe(false);
        for (const text of exampleTexts) compare(latin1(text));
    });

    it("builds the same tree for the benchmark's generated catalogue (with and without its deliberate errors)", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-fast-parser-'));
        try {
            const bundle = path.join(REPO_ROOT, 'node_modules/.cache/oci-fast-parser-test/generate.mjs');
            await build({
                entryPoints: [path.join(REPO_ROOT, 'bench/generate.ts')],
                bundle: true,
                platform: 'node',
                format: 'esm',
                packages: 'external',
                outfile: bundle,
                logLevel: 'warning'
            });
            const ocis = bySize('OCI_FAST_PARSER_OCIS', 60, 2000);
            const run = spawnSync(
                process.execPath,
                [bundle, '--sigtap', SIGTAP_ZIP, '--ocis', String(ocis), '--out', dir],
                { encoding: 'utf8' }
            );
            expect(run.stderr).toBe('');
            expect(run.status).toBe(0);
            let files = 0;
            for (const variant of ['oci', 'oci-limpo'])
                for (const file of ociFiles(path.join(dir, variant))) {
                    expect(compare(fs.readFileSync(file, 'utf8'))).toBe(true);
                    files++;
                }
            expect(files).toBeGreaterThanOrEqual(4);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }, 600_000);

    it('builds the same tree for random documents of every construct, and gives up where Langium finds an error', () => {
        let fast = 0;
        let runs = 0;
        fc.assert(
            fc.property(documentArb, text => {
                runs++;
                if (compare(text)) fast++;
            }),
            { numRuns: bySize('OCI_FAST_PARSER_RUNS', 300, 5000), seed: 22 }
        );
        // The generator writes valid documents (apart from a keyword-named identifier now and then).
        expect(fast).toBeGreaterThan(runs * 0.8);
    }, 600_000);

    it('agrees with Langium on mutated examples (the fuzzer\u2019s mutations): same tree, or both reject', () => {
        let fast = 0;
        let fallback = 0;
        fc.assert(
            fc.property(fc.constantFrom(...exampleTexts, MAMA), mutationsArb, (text, mutations) => {
                if (compare(applyMutations(text, mutations))) fast++;
                else fallback++;
            }),
            { numRuns: bySize('OCI_FAST_PARSER_MUTATIONS', 150, 3000), seed: 7 }
        );
        expect(fast).toBeGreaterThan(0);
        expect(fallback).toBeGreaterThan(0);
    }, 600_000);

    it("reads string literals as Langium's convertString does, composed (NFC), with or without escapes", () => {
        const literals = [
            '"simples"',
            '""',
            "'x'",
            '"com \\"aspas\\""',
            "'a\\nb\\tc\\\\'",
            '"Sau\u0301de"',
            '"\\u00e1"'
        ];
        for (const literal of literals) {
            const expected = ValueConverter.convertString(literal).normalize('NFC');
            for (const result of [
                parser.parse<Documento>(`catalogo ${literal}`),
                parser.parseWithLangium<Documento>(`catalogo ${literal}`)
            ]) {
                expect(clean(result)).toBe(true);
                expect(result.value.cabecalho?.nome).toBe(expected);
            }
        }
    });

    it("falls back to Langium's parser on broken input: its errors and recovered tree, not a fast-path tree", () => {
        const text = exampleTexts.find(t => t.includes('tR '))!;
        const broken = text.replace(/tR \d+/, 'tR dez');
        const before = { ...parser.fast.counts };
        const result = parser.parse<Documento>(broken);
        expect(parser.fast.counts.fallback).toBe(before.fallback + 1);
        expect(parser.fast.counts.fast).toBe(before.fast);
        expect(result.parserErrors.length).toBeGreaterThan(0);
        expectSameTree(result, parser.parseWithLangium(broken));
        // A rule other than the entry rule is Langium's too.
        expect(parser.parse('tR 10', { rule: 'TempoRecomendado' }).value.$type).toBe('TempoRecomendado');
        expect(parser.fast.counts.fast).toBe(before.fast);
    });

    it('is the parser the services use: a built document takes the fast path and links its references', async () => {
        const before = parser.fast.counts.fast;
        const doc = shared.workspace.LangiumDocumentFactory.fromString<Documento>(MAMA, URI.file('/ws/mama.oci'));
        shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: false });
        expect(parser.fast.counts.fast).toBe(before + 1);
        const refs = [...doc.references];
        expect(refs.length).toBeGreaterThan(0);
        expect(refs.every(ref => isReference(ref) && ref.$refNode?.text === ref.$refText)).toBe(true);
    });

    it('makes the composite of a one-token datatype call (a code, a sexo) with its parent list, once, not during the parse', () => {
        const root = parser.fast.parse(MAMA)!.value.$cstNode!;
        // Composites the parse did not give their parent (marked on their token instead), found through the lists.
        const marked: Array<{ node: LazyComposite; parent: LazyComposite }> = [];
        const walk = (node: CstNode): void => {
            if (!(node instanceof LazyComposite || 'content' in node)) return;
            const children = (node as unknown as { content: readonly CstNode[] }).content;
            for (const child of children) {
                if (node instanceof LazyComposite && child instanceof LazyComposite && !kidsOf(node).includes(child))
                    marked.push({ node: child, parent: node });
                walk(child);
            }
        };
        walk(root);
        expect(marked.map(m => m.node.text)).toEqual(
            expect.arrayContaining(['03.01.01.007-2', '03.01.01.030-7', '09.01.01.001-4', '02.04.03.003-0'])
        );
        for (const { node, parent } of marked) {
            // A datatype rule call of one token: its list is that token's leaf.
            expect(node.grammarSource.$type).toBe('RuleCall');
            expect(node.content.map(leaf => leaf.text)).toEqual([node.text]);
            expect(node.content[0]!.container).toBe(node);
            // Made once: the parent's list holds the same object at every read.
            expect(parent.content).toContain(node);
            expect(node.container).toBe(parent);
        }
        // And the tree is Langium's (the tests above compare every node of many more texts).
        expectSameTree(parser.fast.parse(MAMA)!, parser.parseWithLangium(MAMA));
    });
});

// ── Random documents from the grammar ────────────────────────────────────

const gap = fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', ' /* c */ ', ' // c\n', '\n\n', '/**/');
const id = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const str = fc.oneof(
    fc.stringMatching(/^"[a-zA-Z0-9 áçãéõ\\.]{0,12}"$/).filter(s => !/\\"$/.test(s)),
    fc.constant("'simples'"),
    fc.constant('"com \\"aspas\\""')
);
const int = fc.integer({ min: 0, max: 999 }).map(String);
const codigo = fc.constantFrom('03.01.01.007-2', '0301010072', '02.11.02.003-6', '02.05.02.004-6');
const money = fc.constantFrom('R$ 12,00', 'R$1.234,56', 'R$\t7', 'R$ 0,5');
const percent = fc.constantFrom('10%', '12,5 %', '0%');
const cid = fc.constantFrom('C50', 'D05.1', 'N63', 'C509');
const kw = (...spellings: string[]) => fc.constantFrom(...spellings, ...spellings.map(s => s.normalize('NFD')));
const opt = (arb: fc.Arbitrary<string[]>) => fc.option(arb, { nil: undefined }).map(parts => parts ?? []);
const list = (item: fc.Arbitrary<string[]>, min = 1) =>
    fc
        .array(item, { minLength: min, maxLength: 3 })
        .map(items => items.flatMap((parts, i) => (i ? [',', ...parts] : parts)));
const seq = (...parts: Array<fc.Arbitrary<string | string[]>>) =>
    fc.tuple(...parts).map(values => values.flatMap(v => (Array.isArray(v) ? v : [v])));

const idade = seq(int, opt(seq(kw('anos', 'meses'))), opt(seq(fc.constant('e'), int, fc.constant('meses'))));
const item = fc.oneof(
    seq(fc.constant('fundamento'), str),
    seq(
        kw('publico', 'público'),
        opt(seq(fc.constant('sexo'), kw('ambos', 'feminino', 'masculino'))),
        opt(
            seq(
                fc.constant('idade'),
                idade,
                opt(fc.oneof(seq(fc.constant('a'), idade), seq(fc.constant('ou'), fc.constant('mais'))))
            )
        )
    ),
    seq(fc.constant('cid'), list(seq(cid))),
    seq(kw('tR', 'tM'), fc.oneof(seq(int, opt(seq(kw('dias', 'dia')))), seq(fc.constant('a_preencher')))),
    seq(
        kw('obrigatorio', 'obrigatório', 'eventual'),
        fc.oneof(seq(codigo, opt(seq(str))), seq(fc.constant('um_de'), id), seq(fc.constant('a_preencher'))),
        opt(seq(fc.constant('qt'), int)),
        opt(seq(kw('frequencia', 'frequência'), fc.oneof(percent, fc.constant('a_preencher')))),
        opt(seq(fc.constant('estimativa'), fc.oneof(money, fc.constant('a_preencher'))))
    ),
    seq(kw('conclusao', 'conclusão'), fc.oneof(seq(codigo, opt(seq(str))), seq(id), seq(fc.constant('a_preencher')))),
    seq(fc.constant('remoto'), list(seq(id))),
    seq(kw('contrarreferencia', 'contrarreferência'), id, opt(seq(str))),
    seq(
        fc.constant('tecnologias'),
        fc.oneof(list(seq(id, opt(seq(fc.oneof(money, percent))))), seq(fc.constant('a_preencher')))
    ),
    seq(fc.constant('valor'), money)
);
const element = fc.oneof(
    seq(
        fc.constant('tecnologia'),
        id,
        opt(seq(str)),
        fc.oneof(seq(fc.constant('valor'), money), seq(fc.constant('percentual'), percent))
    ),
    seq(
        fc.constant('grupo'),
        id,
        opt(seq(str)),
        fc.constant('{'),
        opt(
            fc.oneof(
                fc.array(seq(codigo, opt(seq(str))), { minLength: 1, maxLength: 3 }).map(m => m.flat()),
                seq(fc.constant('a_preencher'))
            )
        ),
        fc.constant('}')
    ),
    seq(
        fc.constant('oci'),
        codigo,
        str,
        fc.constant('{'),
        fc.array(item, { maxLength: 6 }).map(items => items.flat()),
        fc.constant('}')
    )
);
const header = seq(
    kw('catalogo', 'catálogo'),
    str,
    opt(seq(kw('versao', 'versão'), str)),
    opt(seq(kw('competencia', 'competência'), fc.constant('2026-01'))),
    opt(seq(fc.constant('sigtap'), fc.oneof(str, fc.constant('a_preencher'))))
);
/** A document of the grammar, its tokens joined by random blanks and comments. */
const documentArb = fc
    .tuple(
        opt(header),
        fc.array(element, { maxLength: 4 }).map(elements => elements.flat())
    )
    .chain(([h, e]) => {
        const tokens = [...h, ...e];
        return fc
            .array(gap, { minLength: tokens.length + 1, maxLength: tokens.length + 1 })
            .map(gaps => tokens.reduce((text, token, i) => text + token + gaps[i + 1], gaps[0]!));
    });
