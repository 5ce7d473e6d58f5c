/**
 * Every input that once crashed, hung or published a wrong catalogue (test/fixtures/crashers/*.json,
 * found by the fuzzers and minimized) goes again through everything fuzz-core's `exercise` does —
 * parse, link, validate, value engine, JSON generator with its invariants, formatter, every LSP
 * provider — and must pass, with the diagnostics its fix introduced.
 *
 * A fixture: { descricao, encontrado, correcao, diagnosticosEsperados: string[], files, target, positions }.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';
import { exercise, openCapturedHarness, type Case, type Harness } from './fuzz-core.js';

const DIR = path.join(REPO_ROOT, 'test/fixtures/crashers');

interface Crasher extends Case {
    descricao: string;
    encontrado: string;
    correcao: string;
    diagnosticosEsperados: string[];
}

const crashers = fs
    .readdirSync(DIR)
    .filter(n => n.endsWith('.json'))
    .sort()
    .map(name => [name, JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Crasher] as const);

let h: Harness;
let close: () => Promise<void>;
beforeAll(() => {
    ({ h, close } = openCapturedHarness(REPO_ROOT));
});
afterAll(() => close());

describe('crashers found by fuzzing stay fixed', () => {
    it('there are fixtures, each described', () => {
        expect(crashers.length).toBeGreaterThan(0);
        for (const [name, c] of crashers) {
            expect(c.descricao, name).toBeTruthy();
            expect(c.correcao, name).toBeTruthy();
            expect(c.files[c.target], name).toBeTypeOf('string');
        }
    });

    it.each(crashers)('%s', async (_name, c) => {
        const result = await exercise(h, c);
        for (const code of c.diagnosticosEsperados) expect(result.codes).toContain(code);
    });
});
