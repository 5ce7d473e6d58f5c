/**
 * The CLI on mutated catalogues (the same corpus and mutations as fuzz.test.ts, written to disk
 * with the SIGTAP subset beside them), in process through `main(argv, io)`: `check --format json`,
 * `build` and `format --check` always exit 0, 1 or 2, never print "erro inesperado" or a stack
 * trace; `check` prints parseable JSON; `build` writes nothing unless it exits 0, and what it
 * writes is a schema-valid catalogue whose money re-adds; it exits 0 only when `check` finds no
 * error. CLI_FUZZ_RUNS sets the number of catalogues (fast tier 60, soak tier 300: test/tier.ts).
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { REPO_ROOT } from '../helpers.js';
import { bySize } from '../tier.js';
import { checkCatalogo, createHarness, fuzzInputArb, loadCorpus, materialize, type Harness } from './fuzz-core.js';

const RUNS = bySize('CLI_FUZZ_RUNS', 60, 300);
const SUBSET = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');

let tmp: string;
let harness: Harness;
beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cli-fuzz-'));
    harness = createHarness(REPO_ROOT);
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

describe('CLI fuzzing: exit codes 0/1/2, no unexpected error, nothing written on errors', () => {
    it(
        `${RUNS} mutated catalogues through check, build and format --check`,
        async () => {
            const corpus = loadCorpus(REPO_ROOT);
            const figures = { runs: 0, exits: {} as Record<string, number> };
            // One folder for every case (the zip keeps its path, so the SIGTAP cache reads it once).
            const dir = path.join(tmp, 'catalogo');
            fs.mkdirSync(path.join(dir, 'sigtap'), { recursive: true });
            fs.copyFileSync(SUBSET, path.join(dir, 'sigtap', 'TabelaUnificada_202601_subset.zip'));
            await fc.assert(
                fc.asyncProperty(fuzzInputArb(corpus), async input => {
                    const c = materialize(corpus, input);
                    for (const name of fs.readdirSync(dir))
                        if (name !== 'sigtap') fs.rmSync(path.join(dir, name), { recursive: true, force: true });
                    for (const [name, text] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, name), text);

                    const check = await run('check', dir, '--format', 'json');
                    const out = path.join(dir, 'saida');
                    const build = await run('build', dir, '--out', out);
                    const format = await run('format', dir, '--check');
                    const key = `check ${check.code} / build ${build.code} / format ${format.code}`;
                    figures.runs++;
                    figures.exits[key] = (figures.exits[key] ?? 0) + 1;

                    for (const [name, r] of [
                        ['check', check],
                        ['build', build],
                        ['format', format]
                    ] as const) {
                        expect([0, 1, 2], `${name}: ${r.err}`).toContain(r.code);
                        expect(r.err + r.out, name).not.toContain('erro inesperado');
                        expect(r.err + r.out, name).not.toMatch(STACK);
                    }
                    expect([0, 1], format.err).toContain(format.code);
                    const report = JSON.parse(check.out) as { summary: { errors: number } };
                    expect(check.code === 0).toBe(report.summary.errors === 0);
                    if (build.code !== 0) {
                        expect(fs.existsSync(out), 'build failed but wrote').toBe(false);
                    } else {
                        expect(check.code).toBe(0);
                        checkCatalogo(
                            harness,
                            JSON.parse(fs.readFileSync(path.join(out, 'catalogo.json'), 'utf8')) as CatalogoJson
                        );
                        expect(fs.readdirSync(out).sort()).toEqual([
                            'catalogo.csv',
                            'catalogo.html',
                            'catalogo.json',
                            'catalogo.md'
                        ]);
                    }
                    if (check.code !== 0) expect(build.code).not.toBe(0);
                }),
                { numRuns: RUNS }
            );
            console.log(`CLI: ${figures.runs} catálogos; saídas ${JSON.stringify(figures.exits)}`);
        },
        Math.max(300_000, RUNS * 2_000)
    );
});
