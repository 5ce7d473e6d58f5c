/**
 * Published output is always valid: every catalogue `build` produces — the example, and the
 * example with its numbers, percentages, modalities, technologies and declared values changed at
 * random while it stays free of errors — validates against schema/catalogo.schema.json (ajv,
 * JSON Schema 2020-12), writes every amount exactly (centavos = reais × 100, safe integers), and
 * re-adds: component lines sum to the subtotal, technologies to theirs, subtotal + technologies
 * = the OCI's value, the OCIs to the catalogue total. Two builds of the same input are
 * byte-identical. And the formatter keeps the meaning of every example, however crumpled.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Documento } from '../../language/src/generated/ast.js';
import { buildCatalogoJson, serializeCatalogo, type CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { OciFormatter } from '../../language/src/format/formatter.js';
import { createOciCoreServices, type OciServices } from '../../language/src/oci-module.js';
import { REPO_ROOT, buildWorkspace } from '../helpers.js';
import { bySize } from '../tier.js';
import { checkCatalogo, checkFormatter, createHarness, type Harness } from './fuzz-core.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const OUTPUTS = ['catalogo.csv', 'catalogo.html', 'catalogo.json', 'catalogo.md'];
const RUNS = bySize('PUBLISHED_RUNS', 40, 120);
const CLI_RUNS = Number(process.env.PUBLISHED_CLI_RUNS ?? 6);

const exampleFiles = (): Record<string, string> =>
    Object.fromEntries(
        fs
            .readdirSync(EXAMPLE)
            .filter(n => n.endsWith('.oci'))
            .sort()
            .map(n => [n, fs.readFileSync(path.join(EXAMPLE, n), 'utf8')])
    );

let harness: Harness;
let tmp: string;
beforeAll(() => {
    harness = createHarness(REPO_ROOT);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-publicado-'));
});
afterAll(async () => {
    await clearDocuments(harness.services.shared);
    fs.rmSync(tmp, { recursive: true, force: true });
});

// ── Valid mutations: they change the meaning, not the validity ───────────

type Edit = (text: string) => string;

/** Replaces the `k`-th match of `pattern` (modulo the number of matches) by `by(match)`. */
function nth(pattern: RegExp, k: number, by: (m: string) => string): Edit {
    return text => {
        const matches = [...text.matchAll(pattern)];
        if (matches.length === 0) return text;
        const m = matches[k % matches.length];
        return text.slice(0, m.index) + by(m[0]) + text.slice(m.index! + m[0].length);
    };
}

const money = fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([r, c]) => `R$ ${String(r).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(c).padStart(2, '0')}`);
const percent = fc.oneof(
    fc.integer({ min: 1, max: 100 }).map(p => `${p}%`),
    fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9999 })).map(([i, d]) => `${i},${d}%`),
    fc.constantFrom('0,0000001%', '0,5%', '99,99%', '33,333333%')
);
const k = fc.nat({ max: 10_000 });

const editArb: fc.Arbitrary<Edit> = fc.oneof(
    fc.tuple(k, money).map(([i, m]) => nth(/estimativa R\$ [0-9.]+,[0-9]{2}/g, i, () => `estimativa ${m}`)),
    fc.tuple(k, percent).map(([i, p]) => nth(/frequencia [0-9,]+%/g, i, () => `frequencia ${p}`)),
    fc.tuple(k, fc.integer({ min: 1, max: 4 })).map(([i, q]) => nth(/ qt [0-9]+/g, i, () => ` qt ${q}`)),
    k.map(i => nth(/ estimativa R\$ [0-9.]+,[0-9]{2}/g, i, () => '')),
    k.map(i => nth(/\n {2}valor R\$ [0-9.]+,[0-9]{2}/g, i, () => '')),
    fc.tuple(k, money).map(([i, m]) => nth(/\n {2}valor R\$ [0-9.]+,[0-9]{2}/g, i, () => `\n  valor ${m}`)),
    fc
        .tuple(k, fc.oneof(money, percent))
        .map(([i, c]) =>
            nth(/tecnologias gestao_clinica( R\$ [0-9.]+,[0-9]{2})?/g, i, () => `tecnologias gestao_clinica ${c}`)
        ),
    fc
        .tuple(
            k,
            fc.array(
                fc.constantFrom(
                    'teleconsulta',
                    'teleinterconsulta',
                    'teleconsultoria',
                    'matriciamento',
                    'telediagnostico',
                    'telemonitoramento'
                ),
                { minLength: 1, maxLength: 4 }
            )
        )
        .map(([i, ms]) => nth(/remoto [a-z, ]+/g, i, m => `${m}, ${ms.join(', ')}`)),
    percent.map(p => (text: string) => text.replace(/percentual [0-9,]+%/, `percentual ${p}`)),
    money.map(
        m => (text: string) =>
            text.replace(
                /tecnologia saude_digital ("[^"]*" )?valor R\$ [0-9.]+,[0-9]{2}/,
                `tecnologia saude_digital $1valor ${m}`
            )
    )
);

/** Which file each edit applies to (the header file holds the technologies). */
const editsArb = fc.array(fc.tuple(fc.nat({ max: 6 }), editArb), { minLength: 1, maxLength: 8 });

function applyEdits(files: Record<string, string>, edits: Array<[number, Edit]>): Record<string, string> {
    const names = Object.keys(files);
    const out = { ...files };
    for (const [i, edit] of edits) out[names[i % names.length]] = edit(out[names[i % names.length]]);
    return out;
}

/** Builds the catalogue of `files` in memory, as `build` does; undefined when there are errors. */
async function publish(
    files: Record<string, string>,
    services: { shared: LangiumSharedCoreServices; Oci: OciServices } = harness.services
): Promise<CatalogoJson | undefined> {
    const docs = await buildWorkspace(services, files, EXAMPLE);
    if (docs.some(d => (d.diagnostics ?? []).some(x => x.severity === 1))) return undefined;
    const header = docs.find(d => d.parseResult.value.cabecalho) as LangiumDocument<Documento>;
    return buildCatalogoJson(docs, services.Oci.catalogo.Context.forDocument(header), EXAMPLE);
}

/**
 * Only the white space between tokens changes (comments and strings are tokens): blanks doubled
 * or turned into tabs, trailing blanks, CRLF line ends.
 */
function crumple(text: string): string {
    const lexed = harness.services.Oci.parser.Lexer.tokenize(text);
    const tokens = [...lexed.tokens, ...lexed.hidden.filter(t => t.tokenType.name !== 'WS')].sort(
        (a, b) => a.startOffset - b.startOffset
    );
    let out = '';
    let end = 0;
    tokens.forEach((t, i) => {
        const gap = text.slice(end, t.startOffset);
        const blanks = [' \t ', '  ', '\t'][i % 3];
        out +=
            gap === '' ? '' : gap.includes('\n') ? gap.replace(/\n/g, `${blanks}\r\n`) + blanks.repeat(i % 2) : blanks;
        out += t.image;
        end = t.startOffset + t.image.length;
    });
    return out + text.slice(end).replace(/\n/g, '\r\n');
}

describe('the example catalogue', () => {
    it('builds (CLI) a schema-valid catalogue whose money re-adds exactly, byte-identical twice', async () => {
        const a = path.join(tmp, 'exemplo-a');
        const b = path.join(tmp, 'exemplo-b');
        expect((await run('build', EXAMPLE, '--out', a)).code).toBe(0);
        expect((await run('build', EXAMPLE, '--out', b)).code).toBe(0);
        for (const name of OUTPUTS)
            expect(fs.readFileSync(path.join(a, name)).equals(fs.readFileSync(path.join(b, name))), name).toBe(true);
        const json = JSON.parse(fs.readFileSync(path.join(a, 'catalogo.json'), 'utf8')) as CatalogoJson;
        expect(json.ocis).toHaveLength(34);
        checkCatalogo(harness, json);
    });

    it('keeps its meaning when crumpled and formatted: same tokens, same catalogue, back to the canonical text', async () => {
        const files = exampleFiles();
        const canonical = await publish(files);
        expect(canonical).toBeDefined();
        const formatter = new OciFormatter(harness.services.Oci);
        const crumpled: Record<string, string> = {};
        for (const [name, text] of Object.entries(files)) {
            crumpled[name] = crumple(text);
            expect(crumpled[name], name).not.toBe(text);
            expect(checkFormatter(harness, crumpled[name]), name).toBe(true);
            // Crumpling ends every line with CRLF; the formatter keeps an all-CRLF file's line endings.
            expect(formatter.format(crumpled[name]).text, name).toBe(text.replace(/\n/g, '\r\n'));
        }
        const formatted = Object.fromEntries(Object.entries(crumpled).map(([n, t]) => [n, formatter.format(t).text!]));
        expect(serializeCatalogo((await publish(formatted))!)).toBe(serializeCatalogo(canonical!));
    });
});

describe('fuzzed-but-valid catalogues', () => {
    const figures = { runs: 0, published: 0 };
    afterAll(() => {
        console.log(`catálogos válidos sorteados: ${figures.published} publicados de ${figures.runs}`);
    });

    it(`${RUNS} random valid edits of the example publish valid, exact, deterministic catalogues`, async () => {
        const base = exampleFiles();
        const other = createOciCoreServices(EmptyFileSystem);
        await fc.assert(
            fc.asyncProperty(editsArb, async edits => {
                figures.runs++;
                const files = applyEdits(base, edits);
                const json = await publish(files);
                if (!json) return;
                figures.published++;
                checkCatalogo(harness, JSON.parse(serializeCatalogo(json)) as CatalogoJson);
                // Determinism: a second, independent set of services gives the same bytes.
                const again = await publish(files, other);
                expect(again && serializeCatalogo(again)).toBe(serializeCatalogo(json));
            }),
            { numRuns: RUNS }
        );
        await clearDocuments(other.shared);
        expect(figures.published).toBeGreaterThan(RUNS * 0.5);
    }, 600_000);

    it(`${CLI_RUNS} of them through the CLI: build twice, byte-identical, schema-valid`, async () => {
        const base = exampleFiles();
        await fc.assert(
            fc.asyncProperty(editsArb, async edits => {
                const dir = fs.mkdtempSync(path.join(tmp, 'cli-'));
                fs.cpSync(path.join(EXAMPLE, 'sigtap'), path.join(dir, 'sigtap'), { recursive: true });
                for (const [name, text] of Object.entries(applyEdits(base, edits)))
                    fs.writeFileSync(path.join(dir, name), text);
                const a = await run('build', dir, '--out', path.join(dir, 'a'));
                const b = await run('build', dir, '--out', path.join(dir, 'b'));
                expect(b.code).toBe(a.code);
                if (a.code !== 0) {
                    expect(fs.existsSync(path.join(dir, 'a'))).toBe(false);
                    return;
                }
                for (const name of OUTPUTS)
                    expect(
                        fs.readFileSync(path.join(dir, 'a', name)).equals(fs.readFileSync(path.join(dir, 'b', name))),
                        name
                    ).toBe(true);
                checkCatalogo(
                    harness,
                    JSON.parse(fs.readFileSync(path.join(dir, 'a', 'catalogo.json'), 'utf8')) as CatalogoJson
                );
            }),
            { numRuns: CLI_RUNS }
        );
    }, 600_000);
});
