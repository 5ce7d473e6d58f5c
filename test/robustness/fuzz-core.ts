/**
 * The fuzzing core shared by the fuzz run (fuzz.test.ts, in worker threads), the crasher replay
 * (crashers.test.ts) and the CLI fuzz: a corpus (the example catalogue and test/helpers' MAMA),
 * mutations as fast-check arbitraries, and `exercise`, which puts one mutated workspace through
 * everything a user can reach — parse, link, validate (SIGTAP subset loaded once), value engine,
 * JSON generator, formatter and every LSP provider (semantic tokens too, when the server has them) — and throws on any
 * crash, timeout, broken
 * invariant or console.error.
 *
 * Nothing here depends on vitest: the worker threads run a bundle of it (esbuild).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { ResponseError, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isOci, type Documento, type Oci } from '../../language/src/generated/ast.js';
import { buildCatalogoJson, type CatalogoJson, type MoneyJson } from '../../language/src/generator/catalogo-json.js';
import { OciFormatter } from '../../language/src/format/formatter.js';
import { computeValue } from '../../language/src/value/engine.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { EmptyFileSystem } from 'langium';
import { MAMA } from '../helpers.js';
import { reparseIncrementally } from '../../language/src/workspace/incremental-parse.js';
import type { OciLangiumParser } from '../../language/src/parser/oci-parser.js';
import { dumpParse } from '../parse-dump.js';

// ── Corpus ───────────────────────────────────────────────────────────────

/** Catalogue folder the fuzzed documents live in (in memory): its `sigtap/` holds the committed subset. */
export const EXAMPLE_DIR = 'examples/pmae';
export const SUBSET_RELATIVE = 'sigtap/TabelaUnificada_202601_subset.zip';
/** A header naming the committed SIGTAP subset, relative to the example folder. */
export const SUBSET_HEADER = `catalogo "Teste" versao "t" competencia 2026-01\n  sigtap "${SUBSET_RELATIVE}"\n`;

export interface Seed {
    name: string;
    /** Relative frequency among the seeds (large files are drawn less often: they cost more). */
    weight: number;
    /** File name (relative to the workspace folder) → text. */
    files: Record<string, string>;
    /** The file the mutations apply to. */
    target: string;
}

/** Top-level blocks of a file (`oci`/`grupo`/`tecnologia` up to its closing brace), each with the comment above it. */
const TOP_BLOCK = /(?:^\/\/[^\n]*\n)*^(?:oci|grupo|tecnologia)\b[^\n]*(?:\{[\s\S]*?\n\}|)\n?/gm;

/**
 * The example catalogue — its header file whole, each subgroup file whole (with the header beside
 * it), and each OCI alone in a file under the header — and MAMA, with and without its header in
 * the same file. Whole files are drawn less often than single OCIs, which keeps the average
 * document near 2 KB (≈ 4 ms through everything) while still mutating every construct.
 */
export function loadCorpus(repoRoot: string): Seed[] {
    const dir = path.join(repoRoot, EXAMPLE_DIR);
    const names = fs
        .readdirSync(dir)
        .filter(n => n.endsWith('.oci'))
        .sort();
    const headerFile = fs.readFileSync(path.join(dir, 'catalogo.oci'), 'utf8');
    // Beside a mutated file, the header without its comments (it is parsed on every case).
    const header = headerFile.replace(/^\s*\/\/.*\n/gm, '');
    const seeds: Seed[] = [];
    for (const name of names) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        if (name === 'catalogo.oci') {
            seeds.push({ name, weight: 8, files: { 'catalogo.oci': headerFile }, target: name });
            continue;
        }
        seeds.push({ name, weight: 2, files: { 'catalogo.oci': header, [name]: text }, target: name });
        for (const block of text.match(TOP_BLOCK) ?? []) {
            const codigo = /oci\s+(\S+)/.exec(block)?.[1] ?? 'bloco';
            seeds.push({
                name: `${name} ${codigo}`,
                weight: 1,
                files: { 'catalogo.oci': header, [name]: block },
                target: name
            });
        }
    }
    seeds.push({ name: 'MAMA', weight: 10, files: { 'catalogo.oci': SUBSET_HEADER + MAMA }, target: 'catalogo.oci' });
    seeds.push({
        name: 'MAMA (arquivo sem cabeçalho)',
        weight: 6,
        files: { 'catalogo.oci': SUBSET_HEADER, 'mama.oci': MAMA },
        target: 'mama.oci'
    });
    return seeds;
}

// ── Mutations ────────────────────────────────────────────────────────────

export type Eol = '\n' | '\r\n' | '\r';

export type Mutation =
    | { kind: 'delete-token'; at: number }
    | { kind: 'duplicate-token'; at: number }
    | { kind: 'swap-tokens'; a: number; b: number }
    | { kind: 'replace-token'; at: number; by: string }
    | { kind: 'insert'; at: number; text: string }
    | { kind: 'truncate'; at: number }
    | { kind: 'eol'; pattern: Eol[] }
    | { kind: 'repeat'; at: number; length: number; times: number }
    | { kind: 'repeat-block'; which: number; times: number }
    | { kind: 'number'; at: number; value: string };

/** Words and literals of the language, and some that look like them. */
export const VOCABULARY = [
    'catalogo',
    'catálogo',
    'versao',
    'versão',
    'competencia',
    'competência',
    'sigtap',
    'tecnologia',
    'valor',
    'percentual',
    'grupo',
    'oci',
    'fundamento',
    'publico',
    'público',
    'sexo',
    'idade',
    'ambos',
    'feminino',
    'masculino',
    'a',
    'ou',
    'mais',
    'anos',
    'meses',
    'e',
    'cid',
    'tR',
    'tM',
    'dias',
    'dia',
    'a_preencher',
    'obrigatorio',
    'obrigatório',
    'eventual',
    'qt',
    'frequencia',
    'frequência',
    'estimativa',
    'um_de',
    'conclusao',
    'conclusão',
    'remoto',
    'contrarreferencia',
    'contrarreferência',
    'tecnologias',
    'aps',
    'teleconsulta',
    'telediagnostico',
    'consulta',
    'gestao_clinica',
    'saude_digital',
    '{',
    '}',
    '{ }',
    ',',
    '"',
    "'",
    '""',
    '"\\',
    '/*',
    '*/',
    '//',
    'R$',
    '%',
    ',5%',
    'R$ 0,00',
    'R$ 1.234,56',
    'R$ 1.2.3,4',
    'R$ 99999999999999999999,999',
    'R$ 0,005',
    '0%',
    '100%',
    '150%',
    '12,5%',
    '0,0000001%',
    '2026-01',
    '2026-13',
    '0000-00',
    '09.01.01.001-4',
    '0901010014',
    '09.01.01.001-0',
    '02.04.03.003-0',
    '99.99.99.999-9',
    '00.00.00.000-0',
    '0000000000',
    'C50',
    'D48.6',
    'Z99.9',
    'A00',
    '0',
    '00',
    '1',
    '-1',
    '2147483648',
    '9007199254740993',
    '99999999999999999999999999999',
    'catalogo "X"',
    'oci 09.01.01.001-4 "X" {',
    'grupo g {',
    'tecnologia t valor R$ 1,00',
    'obrigatorio um_de consulta',
    'sigtap "../../../../etc/passwd"',
    'sigtap "/dev/zero"',
    'sigtap "."',
    'sigtap ""'
];

/** Odd characters: BOM, NUL, zero-width, bidi overrides, NBSP, line/paragraph separators, lone surrogates. */
export const ODD_CHARACTERS = [
    '\u0000',
    '\uFEFF',
    '\u200B',
    '\u200D',
    '\u202E',
    '\u2066',
    '\u00A0',
    '\u2028',
    '\u2029',
    '\u0085',
    '\uD800',
    '\uDFFF',
    '\r',
    '\t',
    '\v',
    '\f',
    'é',
    'e\u0301',
    'Ç',
    '😀',
    '👩‍⚕️',
    '\u{10FFFF}',
    '\\',
    '$',
    'ª',
    'º',
    '§',
    '–',
    '“',
    '”'
];

const position = fc.nat({ max: 0x7fffffff });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete-token' as const), at: position }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-token' as const), at: position }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap-tokens' as const), a: position, b: position }) },
    {
        weight: 3,
        arbitrary: fc.record({
            kind: fc.constant('replace-token' as const),
            at: position,
            by: fc.constantFrom(...VOCABULARY)
        })
    },
    {
        weight: 4,
        arbitrary: fc.record({
            kind: fc.constant('insert' as const),
            at: position,
            text: fc.oneof(
                fc.constantFrom(...ODD_CHARACTERS),
                fc.constantFrom(...VOCABULARY).map(w => ` ${w} `),
                fc.string({ unit: 'binary', maxLength: 6 }),
                fc.string({ unit: 'grapheme', maxLength: 4 }),
                fc.string({ unit: 'binary-ascii', maxLength: 6 })
            )
        })
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
    {
        weight: 1,
        arbitrary: fc.record({
            kind: fc.constant('eol' as const),
            pattern: fc.array(fc.constantFrom<Eol>('\n', '\r\n', '\r'), { minLength: 1, maxLength: 5 })
        })
    },
    {
        weight: 1,
        arbitrary: fc.record({
            kind: fc.constant('repeat' as const),
            at: position,
            length: fc.integer({ min: 1, max: 300 }),
            times: fc.integer({ min: 2, max: 25 })
        })
    },
    {
        weight: 1,
        arbitrary: fc.record({
            kind: fc.constant('repeat-block' as const),
            which: position,
            times: fc.integer({ min: 2, max: 20 })
        })
    },
    {
        weight: 2,
        arbitrary: fc.record({
            kind: fc.constant('number' as const),
            at: position,
            value: fc.oneof(
                fc.constantFrom(
                    '0',
                    '00',
                    '1',
                    '9999',
                    '2147483648',
                    '9007199254740993',
                    '1'.repeat(400),
                    '0'.repeat(40),
                    '-1'
                ),
                fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String)
            )
        })
    }
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 4 });

/** Tokens as the mutations see them: strings, comments and runs of non-blank characters. */
const TOKEN = /"(?:\\.|[^"\\\n])*"|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[^\s"]+|"/g;
const NUMBER = /[0-9]+/g;
const BLOCK = /^(?:oci|grupo|tecnologia)\b[^\n]*(?:\{[\s\S]*?\n\}|\n)/gm;

function spans(text: string, pattern: RegExp): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const m of text.matchAll(pattern)) out.push([m.index!, m.index! + m[0].length]);
    return out;
}

/** Cap on a mutated text: repetitions stop growing it past this. */
const MAX_LENGTH = 150_000;

export function applyMutation(text: string, m: Mutation): string {
    const at = (n: number, length: number) => (length === 0 ? 0 : n % length);
    switch (m.kind) {
        case 'delete-token':
        case 'duplicate-token':
        case 'replace-token': {
            const tokens = spans(text, TOKEN);
            if (tokens.length === 0) return text;
            const [s, e] = tokens[at(m.at, tokens.length)];
            const replacement =
                m.kind === 'delete-token'
                    ? ''
                    : m.kind === 'duplicate-token'
                      ? `${text.slice(s, e)} ${text.slice(s, e)}`
                      : m.by;
            return text.slice(0, s) + replacement + text.slice(e);
        }
        case 'swap-tokens': {
            const tokens = spans(text, TOKEN);
            if (tokens.length < 2) return text;
            let [a, b] = [tokens[at(m.a, tokens.length)], tokens[at(m.b, tokens.length)]];
            if (a[0] === b[0]) return text;
            if (a[0] > b[0]) [a, b] = [b, a];
            return (
                text.slice(0, a[0]) +
                text.slice(b[0], b[1]) +
                text.slice(a[1], b[0]) +
                text.slice(a[0], a[1]) +
                text.slice(b[1])
            );
        }
        case 'insert': {
            const i = at(m.at, text.length + 1);
            return text.slice(0, i) + m.text + text.slice(i);
        }
        case 'truncate':
            return text.slice(0, at(m.at, text.length + 1));
        case 'eol': {
            let k = 0;
            return text.replace(/\r\n|\r|\n/g, () => m.pattern[k++ % m.pattern.length]);
        }
        case 'repeat': {
            const s = at(m.at, text.length + 1);
            const piece = text.slice(s, s + m.length);
            if (text.length + piece.length * m.times > MAX_LENGTH) return text;
            return text.slice(0, s) + piece.repeat(m.times) + text.slice(s);
        }
        case 'repeat-block': {
            const blocks = spans(text, BLOCK);
            if (blocks.length === 0) return text;
            const [s, e] = blocks[at(m.which, blocks.length)];
            const piece = text.slice(s, e) + '\n';
            if (text.length + piece.length * m.times > MAX_LENGTH) return text;
            return text.slice(0, e) + '\n' + piece.repeat(m.times) + text.slice(e);
        }
        case 'number': {
            const numbers = spans(text, NUMBER);
            if (numbers.length === 0) return text;
            const [s, e] = numbers[at(m.at, numbers.length)];
            return text.slice(0, s) + m.value + text.slice(e);
        }
    }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
    return mutations.reduce(applyMutation, text);
}

/** One fuzz input: a seed, the mutations applied to its target file, and where to ask the LSP providers. */
export interface FuzzInput {
    seed: number;
    mutations: Mutation[];
    /** Offsets (taken modulo the text length + 1) for hover, completion, definition… */
    positions: number[];
}

export function fuzzInputArb(corpus: readonly Seed[]): fc.Arbitrary<FuzzInput> {
    const byWeight = corpus.flatMap((s, i) => Array.from({ length: s.weight }, () => i));
    const seed = fc.nat({ max: byWeight.length - 1 }).map(k => byWeight[k]);
    return fc.record({
        seed,
        mutations: mutationsArb,
        positions: fc.array(position, { minLength: 1, maxLength: 1 })
    });
}

/** The workspace an input stands for: the seed's files with the target mutated. */
export function materialize(corpus: readonly Seed[], input: FuzzInput): Case {
    const seed = corpus[input.seed];
    return {
        files: { ...seed.files, [seed.target]: applyMutations(seed.files[seed.target], input.mutations) },
        target: seed.target,
        positions: input.positions
    };
}

// ── Exercise ─────────────────────────────────────────────────────────────

/** A concrete workspace to exercise (what a crasher fixture stores). */
export interface Case {
    files: Record<string, string>;
    target: string;
    positions: number[];
}

export interface ExerciseResult {
    /** CPU time of the case (wall time on Node versions without process.threadCpuUsage). */
    ms: number;
    /** Time of each stage, to find the slow one. */
    stages: Record<string, number>;
    bytes: number;
    diagnostics: number;
    /** Codes of the diagnostics of every file. */
    codes: string[];
    errors: number;
    /** The formatter accepted (and round-tripped) the target. */
    formatted: boolean;
    /** The workspace had no error and its catalogue validated against the schema and re-added. */
    published: boolean;
}

export type Harness = ReturnType<typeof createHarness>;

/**
 * Services created once and reused (documents are cleared between cases): LSP services over an
 * in-memory file system whose documents live in the example folder, so the header's relative
 * `sigtap` path names the committed subset. `consoleErrors` collects what Langium logs.
 */
export function createHarness(repoRoot: string, options: { boundMs?: number } = {}) {
    const services = createOciLspServices(EmptyFileSystem);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema/catalogo.schema.json'), 'utf8'));
    const validateSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    return {
        services,
        dir: path.join(repoRoot, EXAMPLE_DIR),
        formatter: new OciFormatter(services.Oci),
        validateSchema,
        boundMs: options.boundMs ?? 2000,
        consoleErrors: [] as string[]
    };
}

export class FuzzFailure extends Error {
    override readonly name: string = 'FuzzFailure';
}

/** A case that took longer than the bound (retried once before it counts: the machine may be busy). */
export class FuzzTimeout extends FuzzFailure {
    override readonly name = 'FuzzTimeout';
}

function fail(message: string): never {
    throw new FuzzFailure(message);
}

function tokensOf(h: Harness, text: string): string[] {
    const lexed = h.services.Oci.parser.Lexer.tokenize(text);
    return [...lexed.tokens, ...lexed.hidden.filter(t => t.tokenType.name !== 'WS')]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map(t => `${t.tokenType.name}:${normalizeImage(t.tokenType.name, t.image)}`);
}

/** What the formatter may change inside a token: `R$  5` → `R$ 5`, `40 %` → `40%`, blanks ending a line comment. */
function normalizeImage(type: string, image: string): string {
    if (type === 'MONEY') return image.replace(/^R\$[ \t]*/, 'R$ ');
    if (type === 'PERCENT') return image.replace(/[ \t]+%$/, '%');
    if (type === 'SL_COMMENT') return image.replace(/[ \t]+$/, '');
    return image;
}

/** Format → same tokens (and comments) → formatting again changes nothing. Returns whether it formatted. */
export function checkFormatter(h: Harness, text: string): boolean {
    const out = h.formatter.format(text).text;
    if (out === undefined) return false;
    const before = tokensOf(h, text);
    const after = tokensOf(h, out);
    if (before.length !== after.length || before.some((t, i) => t !== after[i])) {
        const i = before.findIndex((t, k) => t !== after[k]);
        fail(`formatter changed the tokens at #${i}: ${JSON.stringify(before[i])} → ${JSON.stringify(after[i])}`);
    }
    const again = h.formatter.format(out).text;
    if (again !== out) fail('formatter is not idempotent');
    return true;
}

function within(doc: LangiumDocument, range: Range, what: string): void {
    const lines = doc.textDocument.lineCount;
    for (const p of [range.start, range.end]) {
        if (
            !Number.isInteger(p.line) ||
            !Number.isInteger(p.character) ||
            p.line < 0 ||
            p.character < 0 ||
            p.line > lines
        ) {
            fail(`${what}: range out of the document: ${JSON.stringify(range)}`);
        }
    }
}

function checkEdits(doc: LangiumDocument, edits: TextEdit[] | undefined, what: string): void {
    if (!edits || edits.length === 0) return;
    for (const e of edits) within(doc, e.range, what);
    TextDocument.applyEdits(doc.textDocument, edits);
}

/** reais "1234.50" → 123450n (exact). */
function reaisToCentavos(reais: string): bigint {
    const m = /^(-?)([0-9]+)\.([0-9]{2})$/.exec(reais);
    if (!m) fail(`money not written with two decimals: ${reais}`);
    const value = BigInt(m[2]) * 100n + BigInt(m[3]);
    return m[1] ? -value : value;
}

function checkMoney(m: MoneyJson, what: string): bigint {
    if (!Number.isSafeInteger(m.centavos))
        fail(`${what}: centavos ${m.centavos} is not an exact integer (reais ${m.reais})`);
    const fromReais = reaisToCentavos(m.reais);
    if (fromReais !== BigInt(m.centavos)) fail(`${what}: centavos ${m.centavos} ≠ reais ${m.reais} × 100`);
    return fromReais;
}

/** The published-output invariants: schema, every money value exact, lines re-add to the totals. */
export function checkCatalogo(h: Harness, json: CatalogoJson): void {
    if (!h.validateSchema(json))
        fail(`catalogue does not validate against the schema: ${JSON.stringify(h.validateSchema.errors?.slice(0, 3))}`);
    let total = 0n;
    for (const oci of json.ocis) {
        const v = oci.valor;
        const counts: Array<[string, number | null]> = [
            ['tR', oci.tR],
            ['tM', oci.tM],
            ['idade mínima', oci.publico.idadeMinimaMeses],
            ['idade máxima', oci.publico.idadeMaximaMeses],
            ...oci.componentes.map(c => ['qt', c.qt] as [string, number])
        ];
        for (const [what, n] of counts) {
            if (n !== null && !Number.isSafeInteger(n)) fail(`${oci.codigo} ${what}: ${n} is not an exact integer`);
        }
        const lines = oci.componentes.reduce((acc, c) => {
            checkMoney(c.estimativa, `${oci.codigo} estimativa`);
            return acc + checkMoney(c.valor, `${oci.codigo} componente`);
        }, 0n);
        const subtotal = checkMoney(v.subtotalProcedimentos, `${oci.codigo} subtotal`);
        if (lines !== subtotal) fail(`${oci.codigo}: components add to ${lines}, subtotal says ${subtotal}`);
        const techs = v.tecnologias.reduce((acc, t) => acc + checkMoney(t.valor, `${oci.codigo} tecnologia`), 0n);
        const techSubtotal = checkMoney(v.subtotalTecnologias, `${oci.codigo} subtotal de tecnologias`);
        if (techs !== techSubtotal) fail(`${oci.codigo}: technologies add to ${techs}, subtotal says ${techSubtotal}`);
        const calculado = checkMoney(v.calculado, `${oci.codigo} calculado`);
        if (subtotal + techSubtotal !== calculado) fail(`${oci.codigo}: ${subtotal} + ${techSubtotal} ≠ ${calculado}`);
        if (v.declarado) checkMoney(v.declarado, `${oci.codigo} declarado`);
        if (v.sigtap) checkMoney(v.sigtap, `${oci.codigo} sigtap`);
        total += calculado;
    }
    if (checkMoney(json.resumo.valorTotal, 'valor total') !== total)
        fail(`total ${json.resumo.valorTotal.centavos} ≠ Σ OCIs ${total}`);
    if (json.resumo.ocis !== json.ocis.length) fail('resumo.ocis does not count the OCIs');
}

async function timed<T>(stages: Record<string, number>, name: string, action: () => T | Promise<T>): Promise<T> {
    const start = performance.now();
    try {
        return await action();
    } catch (error) {
        if (error instanceof FuzzFailure) throw error;
        const e = error as Error;
        return fail(`${name} threw ${e?.name ?? 'error'}: ${e?.message ?? String(error)}\n${e?.stack ?? ''}`);
    } finally {
        stages[name] = (stages[name] ?? 0) + performance.now() - start;
    }
}

/**
 * Puts one workspace through everything; throws FuzzFailure on a crash or a broken invariant,
 * FuzzTimeout when slower than the bound twice in a row.
 */
export async function exercise(h: Harness, c: Case): Promise<ExerciseResult> {
    // Let the event loop turn between cases, as it does between a real server's requests: the
    // services schedule work with setTimeout after each build (the completion index warm-up), and
    // a loop of cases that only ever awaits resolved promises would starve those timers — each
    // pending one holding its build's documents, until the worker runs out of heap.
    await yieldToEventLoop();
    try {
        return await exerciseOnce(h, c);
    } catch (error) {
        if (error instanceof FuzzTimeout) return exerciseOnce(h, c);
        throw error;
    }
}

/** Resolves on the next turn of the event loop, after the timers that are due have run. */
export function yieldToEventLoop(): Promise<void> {
    return new Promise(resolve => setImmediate(resolve));
}

/**
 * CPU time of this thread in ms (Node ≥ 22.19: process.threadCpuUsage), so that the bound holds
 * on a busy machine too; wall-clock time where it is missing.
 */
function cpuMs(): number {
    const usage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
    return usage ? (usage.user + usage.system) / 1000 : performance.now();
}

async function exerciseOnce(h: Harness, c: Case): Promise<ExerciseResult> {
    const start = performance.now();
    const cpuStart = cpuMs();
    const stages: Record<string, number> = {};
    const { shared, Oci } = h.services;
    const lsp = Oci.lsp;
    const errorsBefore = h.consoleErrors.length;
    const text = c.files[c.target];

    await timed(stages, 'fast-parse', () => checkFastParse(h, text));
    const formatted = await timed(stages, 'formatter', () => checkFormatter(h, text));

    const docs = await timed(stages, 'build', async () => {
        await clearDocuments(shared);
        const factory = shared.workspace.LangiumDocumentFactory;
        const documents = shared.workspace.LangiumDocuments;
        const built = Object.entries(c.files).map(([name, content]) => {
            const doc = factory.fromString<Documento>(content, URI.file(path.join(h.dir, name)));
            documents.addDocument(doc);
            return doc;
        });
        await shared.workspace.DocumentBuilder.build(built, { validation: true });
        return built;
    });
    const doc = docs[Object.keys(c.files).indexOf(c.target)];
    const all: Diagnostic[] = docs.flatMap(d => d.diagnostics ?? []);
    for (const d of all) {
        const message = typeof d.message === 'string' ? d.message : '';
        if (/An error occurred/.test(message)) fail(`validator crashed: ${message}`);
        if (typeof d.code !== 'string' || d.code.length === 0) fail(`diagnostic without a code: ${message}`);
    }
    for (const d of doc.diagnostics ?? []) within(doc, d.range, 'diagnostic');
    const errors = all.filter(d => d.severity === 1).length;

    const context = Oci.catalogo.Context.forDocument(doc);
    await timed(stages, 'value', () => {
        for (const d of docs)
            for (const oci of d.parseResult.value.elementos.filter(isOci)) computeValue(oci as Oci, context.table);
    });
    const published = await timed(stages, 'catalogo-json', () => {
        const json = buildCatalogoJson(docs, context, h.dir);
        const headers = docs.filter(d => d.parseResult.value.cabecalho !== undefined);
        if (errors > 0 || headers.length !== 1) return false;
        checkCatalogo(h, JSON.parse(JSON.stringify(json)) as CatalogoJson);
        return true;
    });

    const uri = doc.textDocument.uri;
    const textDocument = { uri };
    await timed(stages, 'symbols', () => lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument }));
    await timed(stages, 'folding', () => lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument }));
    await timed(stages, 'codelens', () => lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument }));
    if (lsp.SemanticTokenProvider) {
        await timed(stages, 'semantic-tokens', () =>
            lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument })
        );
    }
    const formatting = await timed(stages, 'formatting', () =>
        lsp.Formatter!.formatDocument(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } })
    );
    checkEdits(doc, formatting, 'formatting');
    const diagnostics = doc.diagnostics ?? [];
    const whole: Range = {
        start: { line: 0, character: 0 },
        end: doc.textDocument.positionAt(doc.textDocument.getText().length)
    };
    const actions = await timed(stages, 'codeactions', () =>
        lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument,
            range: whole,
            context: { diagnostics, triggerKind: 1 }
        })
    );
    for (const a of actions ?? []) {
        if ('edit' in a && a.edit?.changes)
            for (const edits of Object.values(a.edit.changes)) checkEdits(doc, edits, `code action "${a.title}"`);
    }
    const length = doc.textDocument.getText().length;
    for (const offset of c.positions) {
        const p = doc.textDocument.positionAt(offset % (length + 1));
        const params = { textDocument, position: p };
        await timed(stages, 'hover', () => lsp.HoverProvider!.getHoverContent(doc, params));
        await timed(stages, 'completion', () =>
            lsp.CompletionProvider!.getCompletion(doc, { ...params, context: { triggerKind: 1 } })
        );
        await timed(stages, 'definition', () => lsp.DefinitionProvider!.getDefinition(doc, params));
        await timed(stages, 'references', () =>
            lsp.ReferencesProvider!.findReferences(doc, { ...params, context: { includeDeclaration: true } })
        );
        await timed(stages, 'highlight', () => lsp.DocumentHighlightProvider!.getDocumentHighlight(doc, params));
        if (lsp.SemanticTokenProvider) {
            const end = doc.textDocument.positionAt(Math.min(length, (offset % (length + 1)) + 400));
            await timed(stages, 'semantic-tokens', () =>
                lsp.SemanticTokenProvider!.semanticHighlightRange(doc, { textDocument, range: { start: p, end } })
            );
        }
        await timed(stages, 'rename', async () => {
            // A refusal with a message (ResponseError: not renamable here, name taken) is an answer, not a crash.
            const refused = (e: unknown) => {
                if (!(e instanceof ResponseError)) throw e;
                return undefined;
            };
            const range = await Promise.resolve()
                .then(() => lsp.RenameProvider!.prepareRename(doc, params))
                .catch(refused);
            if (range)
                await Promise.resolve()
                    .then(() => lsp.RenameProvider!.rename(doc, { ...params, newName: 'novo_nome' }))
                    .catch(refused);
        });
    }
    await timed(stages, 'workspace-symbols', () => shared.lsp.WorkspaceSymbolProvider?.getSymbols({ query: 'a' }));
    // Last, as it consumes the document's tree: one keystroke applied incrementally (every third case).
    if (c.positions[0] % 3 === 0)
        await timed(stages, 'incremental-parse', () => checkIncrementalParse(h, doc, c.positions[0]));

    if (h.consoleErrors.length > errorsBefore)
        fail(`console.error: ${h.consoleErrors.slice(errorsBefore).join('\n').slice(0, 2000)}`);
    const ms = cpuMs() - cpuStart;
    if (ms > h.boundMs) {
        const slowest = Object.entries(stages).sort((a, b) => b[1] - a[1])[0];
        throw new FuzzTimeout(
            `took ${ms.toFixed(0)} ms of CPU (bound ${h.boundMs} ms; ${(performance.now() - start).toFixed(0)} ms wall); slowest stage ${slowest[0]} ${slowest[1].toFixed(0)} ms`
        );
    }
    const codes = all.map(d => String(d.code));
    return {
        ms,
        stages,
        bytes: Object.values(c.files).reduce((n, t) => n + t.length, 0),
        diagnostics: all.length,
        codes,
        errors,
        formatted,
        published
    };
}

/**
 * The hand-written parser (language/src/parser/fast-parser.ts) on the mutated text: where Langium's parser finds no
 * lexer or parser error it must build the very tree Langium builds (same dump), and on a text with any error it must
 * give up (the services then parse with Langium). The parse lexes with the fast lexer, which must take every text
 * Chevrotain lexes without error. Returns whether the fast path took the text.
 */
export function checkFastParse(h: Harness, text: string): boolean {
    const parser = h.services.Oci.parser.LangiumParser as OciLangiumParser;
    const langium = parser.parseWithLangium<Documento>(text);
    const chevrotainLexed = parser.fast.counts.chevrotainLexed;
    const fast = parser.fast.parse(text);
    // The fast lexer (fast-lexer.ts) gives up only where Chevrotain finds an unexpected character.
    if (langium.lexerErrors.length === 0 && parser.fast.counts.chevrotainLexed !== chevrotainLexed)
        fail('the fast lexer gave up on a text Chevrotain lexes without errors');
    const clean =
        langium.lexerErrors.length === 0 &&
        langium.parserErrors.length === 0 &&
        (langium.lexerReport?.diagnostics.length ?? 0) === 0;
    if (!clean) {
        if (fast) fail('the fast parser built a tree for a text with syntax errors');
        return false;
    }
    if (!fast) fail('the fast parser gave up on a text Langium parses without errors');
    if (dumpParse(fast) !== dumpParse(langium)) fail("the fast parser's tree differs from Langium's");
    return true;
}

/**
 * A keystroke at `position` (a character deleted, a line break or a letter typed) re-parsed
 * incrementally from the document's tree (broken or not) must give the tree a full parse gives.
 */
export function checkIncrementalParse(h: Harness, doc: LangiumDocument<Documento>, position: number): void {
    const text = doc.textDocument.getText();
    if (text.length > 200_000) return;
    const at = position % (text.length + 1);
    const edited = [
        text.slice(0, at) + text.slice(at + 1),
        text.slice(0, at) + '\n' + text.slice(at),
        text.slice(0, at) + 'x' + text.slice(at)
    ][Math.floor(position / 3) % 3];
    const parse = (t: string) => h.services.Oci.parser.LangiumParser.parse<Documento>(t);
    const incremental = reparseIncrementally(doc.parseResult, edited, parse);
    if (incremental && dumpParse(incremental.result) !== dumpParse(parse(edited)))
        fail(`incremental parse differs from a full parse after an edit at ${at}`);
}

/** Routes console.error into the harness (Langium logs crashed validators there). Returns the restore function. */
export function captureConsoleError(h: Harness): () => void {
    const original = console.error;
    console.error = (...args: unknown[]) => {
        h.consoleErrors.push(args.map(a => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    };
    return () => {
        console.error = original;
    };
}

/**
 * A harness with console.error captured, as a test file opens it in beforeAll; `close` (its afterAll) restores
 * console.error and clears the documents.
 */
export function openCapturedHarness(repoRoot: string): { h: Harness; close(): Promise<void> } {
    const h = createHarness(repoRoot);
    const restore = captureConsoleError(h);
    return {
        h,
        async close() {
            restore();
            await clearDocuments(h.services.shared);
        }
    };
}
