/**
 * `export-sigtap`: the catalogue written in SIGTAP's own layout, checked byte by byte against the
 * 2026-01 subset it tracks, and round-tripped through the project's reader, `reconcile` and
 * `import-sigtap` — for the example and for a catalogue with a changed, a new and a revoked OCI.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileCommand } from '../../cli/src/sigtap-commands.js';
import { loadWorkspace } from '../../cli/src/workspace.js';
import { isOci, type Oci } from '../../language/src/generated/ast.js';
import { codesOf, componentesOf, cidsOf } from '../../language/src/oci-queries.js';
import { ociAgeRange, sexoOf } from '../../language/src/publico.js';
import { parseLayout } from '../../language/src/sigtap/layout.js';
import { loadSigtapFile } from '../../language/src/sigtap/reader.js';
import { normalizeCodigo } from '../../language/src/sigtap/codigo.js';
import { SIGTAP_ZIP } from '../helpers.js';
import { EXAMPLE, SUBSET_ZIP, catalogueCopy, changedCatalogue, competenciaCom } from './competencia-exportada.js';

const TABLES = [
    'tb_procedimento',
    'rl_procedimento_compativel',
    'rl_procedimento_cid',
    'rl_procedimento_detalhe',
    'rl_procedimento_registro'
];
const subset = unzipSync(new Uint8Array(fs.readFileSync(SUBSET_ZIP))) as Record<string, Uint8Array>;
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const group09 = (table: string) =>
    latin1(subset[`${table}.txt`])
        .split('\r\n')
        .filter(r => r.startsWith('09'))
        .sort();

let dir: string;

/** `reconcile --format json` of the catalogue in `folder` against `zip`: its exit code and report. */
/** `export-sigtap` of `catalogue` for 2026-02 into `out`, as a delta against the competência in `base`. */
function exportDelta(catalogue: string, out: string, base: string) {
    return run('export-sigtap', catalogue, '--competencia', '2026-02', '--out', out, '--delta-de', base);
}

async function reconcileJson(folder: string, zip: string) {
    let text = '';
    const output = {
        out: (t: string) => {
            text += t;
        },
        err: () => {}
    };
    const code = await reconcileCommand([folder], { sigtap: zip, format: 'json' }, output);
    return { code, report: JSON.parse(text) as { diagnostics: unknown[]; novasNaTabela: unknown[] } };
}
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-export-sigtap-'));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('export-sigtap of the example (tracks SIGTAP 2026-01)', () => {
    let out: string;
    beforeAll(async () => {
        out = path.join(dir, 'completa');
        const r = await run('export-sigtap', EXAMPLE, '--competencia', '2026-01', '--out', out);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain('34 OCI');
    });

    it("writes the group 09 rows of the 2026-01 zip byte for byte, with the zip's own layouts beside them", () => {
        for (const table of TABLES) {
            expect(fs.readFileSync(path.join(out, `${table}_layout.txt`))).toEqual(
                Buffer.from(subset[`${table}_layout.txt`])
            );
            const bytes = fs.readFileSync(path.join(out, `${table}.txt`));
            expect(
                latin1(bytes)
                    .split('\r\n')
                    .filter(r => r)
                    .sort(),
                table
            ).toEqual(group09(table));
        }
    });

    it('writes fixed-width ISO-8859-1 rows ending in CRLF, numbers zero-padded, values in centavos', () => {
        const layout = parseLayout(latin1(subset['tb_procedimento_layout.txt']), 'tb_procedimento');
        const bytes = fs.readFileSync(path.join(out, 'tb_procedimento.txt'));
        const rows = latin1(bytes).split('\r\n');
        expect(rows.pop()).toBe('');
        for (const row of rows) expect(row.length).toBe(layout.width);
        // no UTF-8: "AVALIAÇÃO" is C7 C3 in Latin-1, never C3 87
        expect(bytes.indexOf(Buffer.from('AVALIA\xc7\xc3O', 'latin1'))).toBeGreaterThan(0);
        expect(bytes.indexOf(Buffer.from('AVALIAÇÃO', 'utf8'))).toBe(-1);
        const risco = rows.find(r => r.startsWith('0902010018'))!;
        const col = (name: string) => {
            const c = layout.column(name);
            return risco.slice(c.start - 1, c.end);
        };
        expect(col('VL_SA')).toBe('000000013000');
        expect(col('VL_SH')).toBe('000000000000');
        expect(col('VL_IDADE_MINIMA')).toBe('0216');
        expect(col('NO_PROCEDIMENTO')).toBe('OCI AVALIAÇÃO DE RISCO CIRÚRGICO'.padEnd(250, ' '));
        expect(col('DT_COMPETENCIA')).toBe('202601');
    });

    it.each([
        ['the competência it tracks', 'delta-vazio', SUBSET_ZIP],
        ['the full DATASUS zip of 2026-01 (the real table, not the subset)', 'delta-datasus', SIGTAP_ZIP]
    ])('writes an empty delta against %s', async (_base, folder, base) => {
        const delta = path.join(dir, folder);
        const r = await exportDelta(EXAMPLE, delta, base);
        expect(r.code).toBe(0);
        expect(r.err).toBe('');
        expect(r.out).toContain('novas nenhuma; alteradas nenhuma; revogadas nenhuma');
        for (const table of TABLES) {
            expect(fs.statSync(path.join(delta, `${table}.txt`)).size, table).toBe(0);
            expect(fs.statSync(path.join(delta, `${table}_exclusao.txt`)).size, table).toBe(0);
        }
    });

    it('reads back with the SIGTAP reader, and reconcile finds zero differences', async () => {
        const zip = path.join(dir, 'TabelaUnificada_202602_completa.zip');
        fs.writeFileSync(zip, competenciaCom(out, 'completa', '202602'));
        const table = loadSigtapFile(zip);
        expect(table.competencia).toBe('202602');
        expect(table.ociCodigos()).toHaveLength(34);
        expect(table.oci('0902010018')!.vlSaCentavos).toBe(13000);
        const { code, report } = await reconcileJson(EXAMPLE, zip);
        expect(report.diagnostics).toEqual([]);
        expect(report.novasNaTabela).toEqual([]);
        expect(code).toBe(0);
    });
});

/** What SIGTAP holds of an OCI, from the catalogue's syntax tree. */
function sigtapView(oci: Oci) {
    return {
        codigo: normalizeCodigo(oci.codigo),
        nome: oci.nome,
        sexo: sexoOf(oci),
        idade: ociAgeRange(oci),
        cids: [...cidsOf(oci)].sort(),
        componentes: componentesOf(oci)
            .map(
                c =>
                    `${c.tipo === 'eventual' ? 'eventual' : 'obrigatorio'} ${[...codesOf(c)].sort().join('+')} qt ${c.qt ?? 0}`
            )
            .sort()
    };
}

async function ocisOf(folder: string): Promise<Map<string, ReturnType<typeof sigtapView>>> {
    const { documents } = await loadWorkspace([folder], { validation: false });
    const ocis = documents.flatMap(d => d.parseResult.value.elementos.filter(isOci));
    return new Map(ocis.map(o => [normalizeCodigo(o.codigo)!, sigtapView(o)]));
}

describe('export-sigtap --delta-de of a catalogue with a changed, a new and a revoked OCI', () => {
    let catalogue: string;
    let delta: string;
    let zip: string;
    beforeAll(async () => {
        catalogue = changedCatalogue(dir, 'alterado', 'R$ 14,95', 'R$ 135,50');
        delta = path.join(dir, 'delta');
        const r = await exportDelta(catalogue, delta, SUBSET_ZIP);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain('novas 09.02.01.007-7; alteradas 09.02.01.001-8; revogadas 09.01.01.001-4');
        zip = path.join(dir, 'TabelaUnificada_202602_delta.zip');
        fs.writeFileSync(zip, competenciaCom(delta, 'delta', '202602'));
    });

    it('writes only the rows that differ', () => {
        const rows = (name: string) =>
            latin1(fs.readFileSync(path.join(delta, name)))
                .split('\r\n')
                .filter(r => r);
        expect(
            rows('tb_procedimento.txt')
                .map(r => r.slice(0, 10))
                .sort()
        ).toEqual(['0902010018', '0902010077']);
        expect(
            rows('tb_procedimento_exclusao.txt')
                .map(r => r.slice(0, 10))
                .sort()
        ).toEqual(['0901010014', '0902010018']);
        expect(
            rows('tb_procedimento.txt')
                .find(r => r.startsWith('0902010018'))!
                .slice(294, 306)
        ).toBe('000000013550');
        // the new OCI: 5 components (consulta group = 2 compatível rows), mandatory ECG = 5
        const novas = rows('rl_procedimento_compativel.txt');
        expect(novas.map(r => r.slice(12, 29)).sort()).toEqual([
            '0205010032071' + '0001',
            '0211020036075' + '0001',
            '0301010072071' + '0002',
            '0301010307071' + '0002'
        ]);
        expect(rows('rl_procedimento_compativel_exclusao.txt').every(r => r.startsWith('0901010014'))).toBe(true);
        expect(rows('rl_procedimento_cid.txt').map(r => r.slice(0, 15))).toEqual([
            '0902010077I519S',
            '0902010077Q249S'
        ]);
        expect(rows('rl_procedimento_registro.txt')).toEqual(['090201007706202602']);
    });

    it('loads into the 2026-01 subset as a competência that reconcile finds identical to the catalogue', async () => {
        const table = loadSigtapFile(zip);
        expect(table.oci('0901010014')).toBeUndefined();
        expect(table.oci('0902010077')).toMatchObject({
            nome: 'OCI AVALIAÇÃO CARDIOLÓGICA PEDIÁTRICA',
            sexo: 'F',
            idadeMinimaMeses: 24,
            idadeMaximaMeses: 215,
            vlSaCentavos: 12000
        });
        const { report } = await reconcileJson(catalogue, zip);
        expect(report.diagnostics).toEqual([]);
        expect(report.novasNaTabela).toEqual([]);
    });

    it('imports back (import-sigtap) into the same OCIs', async () => {
        const imported = path.join(dir, 'importado');
        const r = await run('import-sigtap', zip, '--out', imported);
        expect(r.code).toBe(0);
        const before = await ocisOf(catalogue);
        const after = await ocisOf(imported);
        expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
        for (const [codigo, oci] of before) expect(after.get(codigo), codigo).toEqual(oci);
    });
});

describe('export-sigtap refuses (exit 2, one message, nothing written)', () => {
    async function refused(name: string, edit: (files: Record<string, string>) => void, ...extra: string[]) {
        const catalogue = catalogueCopy(dir, name, edit);
        const out = path.join(dir, `${name}-out`);
        const r = await run('export-sigtap', catalogue, '--competencia', '2026-02', '--out', out, ...extra);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        // one message (the CLI may add a pointer to --help after it)
        expect(r.err.match(/oci-catalogo: Exportação SIGTAP recusada/g), r.err).toHaveLength(1);
        expect(fs.existsSync(out)).toBe(false);
        return r.err;
    }
    const cardio = (replace: (text: string) => string) => (files: Record<string, string>) => {
        files['cardiologia.oci'] = replace(files['cardiologia.oci']);
    };

    it('a catalogue with errors', async () => {
        const err = await refused(
            'com-erro',
            cardio(t => t.replace('tR 30 dias', 'tR a_preencher'))
        );
        expect(err).toMatch(
            /^oci-catalogo: Exportação SIGTAP recusada: o catálogo tem 1 erro\(s\) — o primeiro em .*cardiologia\.oci:\d+: \[oci\/a-preencher\]/
        );
    });

    it('a name longer than NO_PROCEDIMENTO (250 positions)', async () => {
        const err = await refused(
            'nome-longo',
            cardio(t =>
                t.replace('"OCI AVALIAÇÃO DE RISCO CIRÚRGICO"', `"OCI AVALIAÇÃO DE RISCO CIRÚRGICO ${'X'.repeat(230)}"`)
            )
        );
        expect(err).toContain(
            'OCI 09.02.01.001-8, tb_procedimento: NO_PROCEDIMENTO tem 263 caracteres e o layout admite 250'
        );
    });

    it('a character ISO-8859-1 lacks', async () => {
        const err = await refused(
            'fora-latin1',
            cardio(t =>
                t.replace('"OCI AVALIAÇÃO DE RISCO CIRÚRGICO"', '"OCI AVALIAÇÃO DE RISCO CIRÚRGICO → PRÉ-OPERATÓRIO"')
            )
        );
        expect(err).toContain('o caractere "→" (U+2192) não existe na codificação ISO-8859-1');
    });

    it('a mandatory um_de group no tb_detalhe attribute expresses', async () => {
        const err = await refused('grupo-sem-atributo', files => {
            files['catalogo.oci'] += '\ngrupo lipidios "HDL ou LDL" {\n  02.02.01.027-9\n  02.02.01.028-7\n}\n';
            files['cardiologia.oci'] = files['cardiologia.oci'].replace(
                '  eventual 02.02.01.027-9 "DOSAGEM DE COLESTEROL HDL" qt 1 frequencia 80% estimativa R$ 6,67\n  eventual 02.02.01.028-7 "DOSAGEM DE COLESTEROL LDL" qt 1 frequencia 80% estimativa R$ 6,67\n',
                '  obrigatorio um_de lipidios qt 1 estimativa R$ 6,67\n'
            );
        });
        expect(err).toContain('o grupo obrigatório "um_de lipidios"');
    });

    it('a reference competência whose zip is truncated, or whose layout lost a column the export writes', async () => {
        const bytes = fs.readFileSync(SUBSET_ZIP);
        const truncated = path.join(dir, 'TabelaUnificada_202601_truncado.zip');
        fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
        const a = await exportDelta(EXAMPLE, path.join(dir, 'x1'), truncated);
        expect(a.code).toBe(2);
        expect(a.err).toContain('TabelaUnificada_202601_truncado.zip');
        expect(fs.existsSync(path.join(dir, 'x1'))).toBe(false);
        // rl_procedimento_compativel's layout without QT_PERMITIDA (the DATASUS file edited by hand)
        const files = { ...subset };
        const layout = latin1(files['rl_procedimento_compativel_layout.txt'])
            .split('\r\n')
            .filter(l => !l.startsWith('QT_PERMITIDA'))
            .join('\r\n');
        files['rl_procedimento_compativel_layout.txt'] = new Uint8Array(Buffer.from(layout, 'latin1'));
        const broken = path.join(dir, 'TabelaUnificada_202601_sem_qt.zip');
        fs.writeFileSync(broken, zipSync(files));
        const b = await exportDelta(EXAMPLE, path.join(dir, 'x2'), broken);
        expect(b.code).toBe(2);
        expect(b.err).toContain('QT_PERMITIDA');
        expect(fs.existsSync(path.join(dir, 'x2'))).toBe(false);
    });

    it("full tables into a folder that holds a previous delta's exclusions", async () => {
        const out = path.join(dir, 'misturado');
        expect((await exportDelta(EXAMPLE, out, SUBSET_ZIP)).code).toBe(0);
        const before = fs.readFileSync(path.join(out, 'tb_procedimento.txt'));
        const r = await run('export-sigtap', EXAMPLE, '--competencia', '2026-02', '--out', out);
        expect(r.code).toBe(2);
        expect(r.err).toContain('já tem as exclusões de um delta');
        expect(fs.readFileSync(path.join(out, 'tb_procedimento.txt'))).toEqual(before);
    });

    it('an invalid competência', async () => {
        const r = await run('export-sigtap', EXAMPLE, '--competencia', '2026-13', '--out', path.join(dir, 'x'));
        expect(r.code).toBe(2);
        expect(r.err).toContain('Competência inválida: 2026-13');
    });
});
