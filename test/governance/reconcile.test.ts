/**
 * Moving the catalogue to a new competência: `reconcile` against the 2026-02 fixture reports the
 * revoked OCI, the revoked procedure, the changed value and the OCI of the new subgroup; and
 * `import-sigtap` on that competência (never seen by the code) derives the new subgroup.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reconcileCommand, importSigtapCommand } from '../../cli/src/sigtap-commands.js';
import { REPO_ROOT } from '../helpers.js';
import { runCli } from '../cli-harness.js';
import { writeCompetencia202602 } from './competencia-fixture.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
let dir: string;
let fixture: string;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-reconcile-'));
    fixture = writeCompetencia202602(dir);
});

function capture() {
    const io = {
        text: '',
        err: '',
        out: (t: string) => {
            io.text += t;
        },
        errFn: (t: string) => {
            io.err += t;
        }
    };
    return { io, output: { out: io.out, err: io.errFn } };
}

interface Report {
    diagnostics: Array<{ file: string; line: number; code: string; severity: string; message: string }>;
    novasNaTabela: Array<{ codigo: string; nome: string }>;
}

describe('oci-catalogo reconcile', () => {
    it('reports each difference between the catalogue and the new competência', async () => {
        const { io, output } = capture();
        const code = await reconcileCommand([EXAMPLE], { sigtap: fixture, format: 'json' }, output);
        expect(code).toBe(1);
        const report = JSON.parse(io.text) as Report;
        const byCode = (c: string) => report.diagnostics.filter(d => d.code === c);
        expect(byCode('sigtap/oci-ausente').map(d => d.message)).toEqual([expect.stringContaining('09.01.01.001-4')]);
        // colposcopia is a component of three OCIs
        expect(byCode('procedimento/inexistente').map(d => d.message)).toEqual(
            Array(3).fill(expect.stringContaining('02.11.04.002-9'))
        );
        expect(byCode('sigtap/valor').map(d => d.message)).toEqual([expect.stringContaining('R$ 135,50')]);
        expect(report.novasNaTabela).toEqual([
            { codigo: expect.stringMatching(/^09\.07\.01\.001-\d$/), nome: 'OCI AVALIAÇÃO INICIAL EM NEUROLOGIA' }
        ]);
        // Nothing else differs: the example tracks 2026-01 exactly.
        expect(new Set(report.diagnostics.map(d => d.code))).toEqual(
            new Set(['sigtap/oci-ausente', 'procedimento/inexistente', 'sigtap/valor'])
        );
        const revoked = byCode('procedimento/inexistente')[0];
        expect(fs.readFileSync(path.join(process.cwd(), revoked.file), 'utf8').split('\n')[revoked.line - 1]).toContain(
            '02.11.04.002-9'
        );
    });

    it('prints the same as a text report', async () => {
        const { io, output } = capture();
        await reconcileCommand([EXAMPLE], { sigtap: fixture, format: 'text' }, output);
        expect(io.text).toContain(
            'Conciliação com TabelaUnificada_202602_fixture.zip (competência 2026-02): 5 diferença(s) nas OCI do catálogo, 1 OCI da tabela fora do catálogo'
        );
        expect(io.text).toContain('OCI na tabela e fora do catálogo: 09.07.01.001-');
    });

    it('reports nothing against the competência the catalogue tracks', async () => {
        const { io, output } = capture();
        const code = await reconcileCommand(
            [EXAMPLE],
            { sigtap: path.join(EXAMPLE, 'sigtap/TabelaUnificada_202601_subset.zip'), format: 'json' },
            output
        );
        const report = JSON.parse(io.text) as Report;
        expect(report.diagnostics).toEqual([]);
        expect(report.novasNaTabela).toEqual([]);
        expect(code).toBe(0);
    });
});

describe('oci-catalogo import-sigtap on a competência it has never seen', () => {
    it('derives the new subgroup, drops the revoked OCI, and refuses to overwrite without --force', () => {
        const out = path.join(dir, 'importado');
        const { io, output } = capture();
        expect(importSigtapCommand(fixture, { out, subgrupo: [] }, output)).toBe(0);
        expect(io.text).toContain('Importadas 34 OCI da competência 2026-02');
        const files = fs
            .readdirSync(out)
            .filter(f => f.endsWith('.oci'))
            .sort();
        expect(files).toContain('0907-atencao-em-neurologia.oci');
        const all = files.map(f => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
        expect(all).not.toContain('oci 09.01.01.001-4');
        expect(all).toContain('"OCI AVALIAÇÃO INICIAL EM NEUROLOGIA"');
        expect(all).toContain('valor R$ 135,50');
        const before = fs.readFileSync(path.join(out, 'catalogo.oci'), 'utf8');
        expect(() => importSigtapCommand(fixture, { out, subgrupo: [] }, output)).toThrow(/--force/);
        expect(fs.readFileSync(path.join(out, 'catalogo.oci'), 'utf8')).toBe(before);
        expect(importSigtapCommand(fixture, { out, subgrupo: ['0907'], force: true }, output)).toBe(0);
    });
});

describe('the CLI entries', () => {
    it('runs import-sigtap and reconcile through oci-catalogo with usage errors as exit 2', async () => {
        const target = path.join(dir, 'via-cli');
        expect((await runCli('import-sigtap', fixture, '--out', target, '--subgrupo', '0907')).code).toBe(0);
        expect(fs.readdirSync(target).sort()).toEqual(['0907-atencao-em-neurologia.oci', 'catalogo.oci', 'sigtap']);
        const again = await runCli('import-sigtap', fixture, '--out', target, '--subgrupo', '0907');
        expect(again.code).toBe(2);
        expect(again.err).toContain('--force');
        expect((await runCli('import-sigtap', fixture, '--out', target, '--subgrupo', '12')).code).toBe(2);
        const reconciled = await runCli('reconcile', EXAMPLE, '--sigtap', fixture);
        expect(reconciled.code).toBe(1);
        expect(reconciled.out).toContain('Conciliação com TabelaUnificada_202602_fixture.zip');
        expect((await runCli('reconcile', EXAMPLE, '--sigtap', path.join(dir, 'nao-existe.zip'))).code).toBe(2);
    });
});
