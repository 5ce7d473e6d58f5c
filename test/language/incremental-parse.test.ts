/**
 * Incremental re-parse (language/src/workspace/incremental-parse.ts): after any edit, the tree
 * spliced from the re-parsed elements must be the tree a full parse of the new text gives — every
 * AST node with its properties, references and container links, every CST node with its offset,
 * range, token type and grammar element — and the fast path must actually be taken for the edits
 * an analyst makes (inside one OCI), parsing only that OCI.
 */
import { bySize } from '../tier.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmptyFileSystem, TextDocument, URI, type AstNode, type LangiumDocument, type ParseResult } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { reparseIncrementally } from '../../language/src/workspace/incremental-parse.js';
import type { OciDocumentFactory } from '../../language/src/workspace/document-factory.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { REPO_ROOT, WORKSPACE } from '../helpers.js';
import { differenceWindow, dumpParse as dump } from '../parse-dump.js';

const { Oci } = createOciCoreServices(EmptyFileSystem);
const parse = (text: string) => Oci.parser.LangiumParser.parse<Documento>(text);

const EXAMPLES = ['catalogo.oci', 'oncologia.oci', 'saude-da-mulher.oci', 'cardiologia.oci'].map(name =>
    fs.readFileSync(path.join(REPO_ROOT, 'examples/pmae', name), 'utf8')
);
/** The header file followed by every OCI of the examples: a file with a header and many elements. */
const BIG = EXAMPLES.join('\n');

/** The two dumps are equal; on a difference, shows where (the dumps are long). */
function expectSameTree(incremental: ParseResult<AstNode>, full: ParseResult<AstNode>): void {
    const [a, b] = differenceWindow(dump(incremental), dump(full));
    expect(a).toBe(b);
}

/** Applies the edit incrementally and fully; returns whether the fast path was taken. */
function check(oldText: string, newText: string): { incremental: boolean; parsedLength: number } {
    const incremental = reparseIncrementally(parse(oldText), newText, parse);
    if (incremental) expectSameTree(incremental.result, parse(newText));
    return { incremental: !!incremental, parsedLength: incremental?.parsedLength ?? newText.length };
}

/**
 * One edit of a sequence, as the editor applies it to the previous tree: `next` re-parsed from `previous`, checked
 * against a full parse when the fast path applies; returns the tree the next edit starts from.
 */
function step(previous: ParseResult<Documento>, next: string): { tree: ParseResult<Documento>; incremental: boolean } {
    const incremental = reparseIncrementally(previous, next, parse);
    const full = parse(next);
    if (!incremental) return { tree: full, incremental: false };
    expectSameTree(incremental.result, full);
    return { tree: incremental.result, incremental: true };
}

const edit = (text: string, from: number, to: number, insert: string) => text.slice(0, from) + insert + text.slice(to);

describe('incremental re-parse', () => {
    it('changing tR of one OCI in the middle of a large file re-parses that OCI only, with the same tree as a full parse', () => {
        const at = BIG.indexOf('tR ', BIG.length / 2);
        const { incremental, parsedLength } = check(BIG, edit(BIG, at + 3, at + 5, '99'));
        expect(incremental).toBe(true);
        const oci = BIG.slice(BIG.lastIndexOf('\noci ', at), BIG.indexOf('\n}', at) + 2);
        // That OCI and the next one (the guard that shows the parser is back in step).
        expect(parsedLength).toBeLessThan(3 * oci.length);
        expect(parsedLength).toBeLessThan(BIG.length / 10);
    });

    it('typing a line break, a new item, a new OCI, or deleting one is incremental and exact', () => {
        const at = BIG.indexOf('\noci ', BIG.length / 3);
        const secondOci = BIG.slice(at, BIG.indexOf('\n}', at) + 2);
        const cases = [
            edit(BIG, at, at, '\n\n'), // blank lines between elements
            edit(BIG, at, at + secondOci.length, ''), // an OCI deleted
            edit(BIG, at, at, secondOci.replace(/09\.\d\d\.\d\d\.\d{3}-\d/, '09.01.01.001-4')), // an OCI pasted
            edit(BIG, BIG.indexOf('tM ', at), BIG.indexOf('tM ', at), 'tR 10 dias\n  '), // an item typed
            edit(BIG, BIG.indexOf('{', at) + 1, BIG.indexOf('{', at) + 1, ' // nota'), // a comment after `{`
            edit(BIG, at, at, '\r\n/* bloco\r\n de notas */\r\n'), // CRLF and a block comment
            BIG + '\ntecnologia nova "Nova" valor R$ 1,00\n' // appended at the end
        ];
        for (const text of cases) expect(check(BIG, text).incremental).toBe(true);
    });

    it('takes a half-typed keyword in its stride; falls back to a full parse for the header, errors elsewhere, an open string or comment', () => {
        const at = BIG.indexOf('\noci ', BIG.length / 3);
        expect(check(BIG, edit(BIG, at + 1, at + 4, 'oc')).incremental).toBe(true); // half-typed keyword: a parser error inside the slice
        expect(check(BIG, edit(BIG, at + 1, at + 1, '"')).incremental).toBe(false); // an open string: the lexer's view of what follows changes
        expect(check(BIG, edit(BIG, at + 1, at + 1, '/* ')).incremental).toBe(false); // an open block comment
        expect(check(BIG, edit(BIG, 0, 0, '// x\n')).incremental).toBe(false); // before the header
        expect(check(BIG, edit(BIG, BIG.indexOf('"'), BIG.indexOf('"') + 1, '"X')).incremental).toBe(false); // in the header
        // `//` typed in front of an OCI keyword on its line would swallow it: never spliced as if it stayed.
        const commented = edit(BIG, at + 1, at + 1, '// ');
        const r = check(BIG, commented);
        if (r.incremental) expectSameTree(reparseIncrementally(parse(BIG), commented, parse)!.result, parse(commented));
        // A broken element before the edited one reports its error after its own end — at the next
        // token, or at the next OCI's keyword for a missing `}`: the whole text is parsed (fuzz, CI).
        const grupoQuebrado = 'grupo 09.01.01.004-9 09.01.01.004-9 "OCI X" {\n';
        expect(check(grupoQuebrado, edit(grupoQuebrado, 18, 19, '')).incremental).toBe(false);
        const close = BIG.indexOf('\n}', at) + 1;
        const semChave = edit(BIG, close, close + 1, '');
        const nextTr = semChave.indexOf('tR ', close);
        expect(check(semChave, edit(semChave, nextTr + 3, nextTr + 4, '7')).incremental).toBe(false);
        // Errors of the previous text elsewhere than in the re-parsed OCI: the whole text is parsed.
        const broken = edit(BIG, at + 1, at + 4, 'oc');
        const elsewhere = BIG.indexOf('tR ', BIG.length * 0.8);
        expect(
            reparseIncrementally(parse(broken), edit(broken, elsewhere + 3, elsewhere + 4, '7'), parse)
        ).toBeUndefined();
    });

    it('random edits of the examples: every spliced tree equals the full parse (the fast path is taken whenever the text stays valid)', () => {
        const tokenish = fc.constantFrom(
            '',
            ' ',
            '\n',
            '\r\n',
            '}',
            '{',
            'oci',
            'grupo',
            'tecnologia',
            '09.01.01.001-4',
            '"x"',
            'R$ 1,00',
            '8%',
            '// c',
            '/* c */',
            '/*',
            '"',
            'tR 1 dias',
            'qt 2',
            'obrigatorio',
            'um_de',
            'consulta',
            '\t',
            'á',
            '\u2028'
        );
        let incremental = 0;
        let total = 0;
        const missed: string[] = [];
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: EXAMPLES.length - 1 }),
                fc.double({ min: 0, max: 1, noNaN: true }),
                fc.integer({ min: 0, max: 40 }),
                tokenish,
                (file, where, length, insert) => {
                    const text = EXAMPLES[file];
                    const from = Math.floor(where * text.length);
                    const to = Math.min(text.length, from + length);
                    const edited = edit(text, from, to, insert);
                    const r = check(text, edited);
                    const valid = (t: string) => {
                        const p = parse(t);
                        return p.lexerErrors.length + p.parserErrors.length === 0;
                    };
                    const headerEnd = parse(text).value.cabecalho?.$cstNode?.end ?? -1;
                    if (!r.incremental && from > headerEnd && valid(edited) && edited !== text)
                        missed.push(JSON.stringify(edited.slice(Math.max(0, from - 30), from + insert.length + 30)));
                    total++;
                    if (r.incremental) incremental++;
                }
            ),
            { numRuns: bySize('INCREMENTAL_RUNS', 200, 1500), seed: 20261205 }
        );
        // Most random edits break the syntax (then the whole text is parsed); enough stay valid to exercise the splice.
        expect(incremental).toBeGreaterThan(total / 30);
        expect(missed).toEqual([]);
    });

    it('typing a word letter by letter: after the half-typed states, the OCI alone is re-parsed again', () => {
        // "tR 21 dias" → "tR 9 dias" → … each keystroke applied to the previous tree, as the editor does.
        const at = BIG.indexOf('fundamento "', BIG.length / 2);
        let text = BIG;
        let previous = parse(text);
        const steps = [
            'fundamento "Portaria"',
            'fundamento "Portaria',
            'fundamento "Portari',
            'fundament',
            'fundamen',
            'fundament',
            'fundamento',
            'fundamento "Portaria"'
        ];
        let fast = 0;
        for (const typed of steps) {
            const end = text.indexOf('\n', at);
            const next = text.slice(0, at) + typed + text.slice(end);
            const r = step(previous, next);
            if (r.incremental) fast++;
            previous = r.tree;
            text = next;
        }
        // The lexer error of an open string swallows the rest of the file into error tokens only until the
        // line ends; every step, broken or not, stays inside the OCI.
        expect(fast).toBeGreaterThanOrEqual(steps.length - 2);
    });

    it('chains of random edits, each applied to the tree the previous one left (broken or not), equal full parses', () => {
        const tokenish = fc.constantFrom(
            '',
            ' ',
            '\n',
            '}',
            '{',
            'oci',
            'x',
            '1',
            '"',
            '//',
            'R$ 1,00',
            'qt 2',
            'tR 1 dias'
        );
        let fast = 0;
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: EXAMPLES.length - 1 }),
                fc.array(
                    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 6 }), tokenish),
                    { minLength: 2, maxLength: 6 }
                ),
                (file, edits) => {
                    let text = EXAMPLES[file];
                    let previous = parse(text);
                    for (const [where, length, insert] of edits) {
                        const from = Math.floor(where * text.length);
                        const next = edit(text, from, Math.min(text.length, from + length), insert);
                        const r = step(previous, next);
                        if (r.incremental) fast++;
                        previous = r.tree;
                        text = next;
                    }
                }
            ),
            { numRuns: 300, seed: 77 }
        );
        expect(fast).toBeGreaterThan(40);
    });

    it('the re-parsed elements keep no earlier version of the text alive (their tokens are not views into it)', () => {
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc') as () => void;
        // A long comment at the end makes every version of the text ~4 MB; the slice re-parsed per edit is a few kB.
        let text = `${BIG}\n// ${'x'.repeat(4_000_000)}\n`;
        let tree = parse(text);
        // One edit in each of 12 OCIs (tR 21 -> 99, same length: the offsets found here stay valid).
        const anchors = [...BIG.matchAll(/\btR (\d\d)\b/g)].map(m => m.index! + 3);
        const chosen = Array.from({ length: 12 }, (_, k) => anchors[Math.floor(((k + 1) * anchors.length) / 14)]!);
        expect(new Set(chosen).size).toBe(12);
        gc();
        const before = v8.getHeapStatistics().used_heap_size;
        for (const at of chosen) {
            const next = edit(text, at, at + 2, '99');
            const incremental = reparseIncrementally(tree, next, parse);
            expect(incremental).toBeDefined();
            tree = incremental!.result;
            text = next;
        }
        gc();
        const grown = v8.getHeapStatistics().used_heap_size - before;
        // The tree needs the first text (the untouched elements' tokens are views into it, already counted in
        // `before`) and the current one; each of the 11 versions in between that it kept would add as much again.
        const version = 2 * text.length; // bytes: the examples hold characters beyond Latin-1 (—)
        expect(grown).toBeLessThan(3 * version);
        expect(tree.value.$cstNode?.root.fullText).toBe(text);
    });

    it('random digit edits (values, times, quantities) take the fast path and equal the full parse', () => {
        const digits = [...BIG.matchAll(/\d/g)].map(m => m.index!);
        fc.assert(
            fc.property(fc.integer({ min: 0, max: digits.length - 1 }), fc.integer({ min: 0, max: 9 }), (i, d) => {
                const at = digits[i];
                const text = edit(BIG, at, at + 1, String(d));
                const r = check(BIG, text);
                // A digit of the header (competência) is the only place where the fast path is refused.
                if (at > BIG.indexOf('\n', BIG.indexOf('sigtap'))) expect(r.incremental || text === BIG).toBe(true);
            }),
            { numRuns: 80, seed: 5 }
        );
    });
});

describe('document factory', () => {
    let services: ReturnType<typeof createOciLspServices>;
    beforeAll(() => {
        services = createOciLspServices(EmptyFileSystem);
    });
    afterAll(async () => {
        await clearDocuments(services.shared);
    });

    it('an edit in the editor re-parses one OCI, and the diagnostics equal those of a fresh build', async () => {
        const uri = URI.file(path.posix.join(WORKSPACE, 'tudo.oci')).toString();
        const textDocuments = services.shared.workspace.TextDocuments;
        textDocuments.set(TextDocument.create(uri, 'oci', 1, BIG));
        const doc = services.shared.workspace.LangiumDocumentFactory.fromTextDocument<Documento>(
            textDocuments.get(uri)!
        );
        services.shared.workspace.LangiumDocuments.addDocument(doc);
        await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });

        // tR above tM in an OCI in the middle of the file.
        const at = BIG.indexOf('tR ', BIG.length / 2);
        const edited = edit(BIG, at + 3, BIG.indexOf(' dias', at), '999');
        textDocuments.set(TextDocument.create(uri, 'oci', 2, edited));
        await services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
        const factory = services.shared.workspace.LangiumDocumentFactory as OciDocumentFactory;
        expect(factory.lastParsedLength).toBeLessThan(BIG.length / 10);
        const after = services.shared.workspace.LangiumDocuments.getDocument(
            URI.parse(uri)
        ) as LangiumDocument<Documento>;
        const incrementalDiagnostics = JSON.stringify(after.diagnostics);
        expect(after.diagnostics?.map(d => d.code)).toContain('oci/tr-gt-tm');

        await clearDocuments(services.shared);
        textDocuments.set(TextDocument.create(uri, 'oci', 3, edited));
        const fresh = services.shared.workspace.LangiumDocumentFactory.fromTextDocument<Documento>(
            textDocuments.get(uri)!
        );
        services.shared.workspace.LangiumDocuments.addDocument(fresh);
        await services.shared.workspace.DocumentBuilder.build([fresh], { validation: true });
        expect(incrementalDiagnostics).toBe(JSON.stringify(fresh.diagnostics));
    });
});
