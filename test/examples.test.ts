/**
 * The bundled example is the real rol: all 34 OCIs of SIGTAP 2026-01, clean under `check`, and
 * `build` carries their real components, flags, quantities, restrictions, CIDs and published
 * values — compared here with the oracle extracted from the full DATASUS zip.
 */
import { runCli as run } from './cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogoJson } from '../language/src/generator/catalogo-json.js';
import { REPO_ROOT } from './helpers.js';
import { expectMatchesOracle } from './oracle.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

let catalogo: CatalogoJson;
let checkOutput: { code: number; out: string };

beforeAll(async () => {
    checkOutput = await run('check', EXAMPLE, '--format', 'json');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-example-'));
    const build = await run('build', EXAMPLE, '--out', out);
    expect(build.code, build.err).toBe(0);
    catalogo = JSON.parse(fs.readFileSync(path.join(out, 'catalogo.json'), 'utf8'));
});

describe('examples/pmae', () => {
    it('checks clean: no error and no warning', () => {
        const report = JSON.parse(checkOutput.out) as {
            diagnostics: Array<{ severity: string; code: string; file: string; line: number; message: string }>;
        };
        expect(report.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
        expect(checkOutput.code).toBe(0);
    });

    it('ships the SIGTAP subset cut by the project, and names it by its hash in the catalogue', () => {
        expect(catalogo.catalogo.sigtap?.competencia).toBe('2026-01');
        expect(catalogo.catalogo.sigtap?.arquivo).toMatch(/^TabelaUnificada_202601.*\.zip$/);
    });

    it('is in the canonical format', async () => {
        const r = await run('format', '--check', EXAMPLE);
        expect(r.out).toBe('');
        expect(r.code).toBe(0);
    });

    it('builds a catalogue valid against the schema', () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/catalogo.schema.json'), 'utf8'));
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.validate(schema, catalogo);
        expect(ajv.errors ?? []).toEqual([]);
    });

    it('carries the 34 OCIs of the oracle with their real composition, restrictions and values', () => {
        expectMatchesOracle(catalogo);
        for (const oci of catalogo.ocis) {
            expect(oci.valor.calculado.centavos, oci.codigo).toBe(oci.valor.sigtap?.centavos);
            expect(oci.tR! <= oci.tM!, oci.codigo).toBe(true);
            expect(oci.contrarreferencia?.destino).toBe('aps');
        }
    });
});
