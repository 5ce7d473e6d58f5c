/**
 * import-sigtap on the real SIGTAP 2026-01: every OCI of group 09, nothing invented (what the
 * table lacks is `a_preencher`, which check reports), and the round trip — import, fill the
 * placeholders mechanically, build — reproduces the oracle's 34 OCIs.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { importSigtap } from '../../language/src/generator/import-sigtap.js';
import { loadSigtapFile } from '../../language/src/sigtap/reader.js';
import type { SigtapTable } from '../../language/src/sigtap/types.js';
import { SIGTAP_ZIP } from '../helpers.js';
import { expectMatchesOracle } from '../oracle.js';

import { fillPlaceholders } from '../fixtures/competencia-futura/preencher.js';

let table: SigtapTable;
let dir: string;
beforeAll(() => {
    table = loadSigtapFile(SIGTAP_ZIP);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-import-'));
});

describe('import-sigtap', () => {
    it('writes a header and one file per subgroup, deterministically, deriving groups from the table', () => {
        const a = importSigtap(table, { sigtapNoCabecalho: 'x.zip' });
        const b = importSigtap(loadSigtapFile(SIGTAP_ZIP), { sigtapNoCabecalho: 'x.zip' });
        expect(a).toEqual(b);
        expect(a.ocis).toBe(34);
        expect(a.arquivos.map(f => f.nome)).toEqual([
            'catalogo.oci',
            '0901-atencao-em-oncologia.oci',
            '0902-atencao-em-cardiologia.oci',
            '0903-atencao-em-ortopedia.oci',
            '0904-atencao-em-otorrinolaringologia.oci',
            '0905-atencao-em-oftalmologia.oci',
            '0906-atencao-em-saude-mulher.oci'
        ]);
        const header = a.arquivos[0].texto;
        expect(header).toContain('grupo consulta "Consulta ou teleconsulta especializada" {');
        // "Exige procedimento de tomografia computadorizada / ressonância magnética" (tb_detalhe 056/057)
        expect(header).toMatch(
            /grupo tomografia "Tomografia computadorizada: ao menos um procedimento \(atributo SIGTAP 056\)"/
        );
        expect(header).toMatch(
            /grupo ressonancia "Ressonância magnética: ao menos um procedimento \(atributo SIGTAP 057\)"/
        );
        const mama = a.arquivos.find(f => f.texto.includes('oci 09.01.01.001-4'))!.texto;
        expect(mama).toContain('  obrigatorio 02.04.03.003-0 "MAMOGRAFIA" qt 1 estimativa a_preencher\n');
        expect(mama).toContain(
            '  // consulta obrigatória: convenção do programa (NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS (planilha detalhada das OCIs)); na tabela SIGTAP é compatível (TP 1)\n  obrigatorio um_de consulta qt 2 estimativa a_preencher\n'
        );
        expect(header).toContain('A consulta especializada é obrigatória em toda OCI, por convenção do programa');
        // Issue 21: the consultation is mandatory in all 34 OCIs — um_de where both codes share a quantity, else in
        // person.
        const ocis = a.arquivos.slice(1).flatMap(f => f.texto.split(/\n(?=oci )/).filter(t => t.includes('oci 09')));
        expect(ocis).toHaveLength(34);
        for (const oci of ocis)
            expect(oci, oci.slice(0, 40)).toMatch(
                /\n {2}obrigatorio (um_de consulta|03\.01\.01\.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA")/
            );
        const mulher = a.arquivos.find(f => f.texto.includes('oci 09.06.01.001-2'))!.texto;
        expect(mulher).toContain(
            '  obrigatorio 03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA" qt 2 estimativa a_preencher\n'
        );
        expect(mulher).toContain(
            '  eventual 03.01.01.030-7 "TELECONSULTA MÉDICA NA ATENÇÃO ESPECIALIZADA" qt 1 frequencia a_preencher'
        );
        expect(mama).toContain(
            '  eventual 02.05.02.009-7 "ULTRASSONOGRAFIA MAMARIA BILATERAL" qt 1 frequencia a_preencher estimativa a_preencher\n'
        );
        expect(mama).toContain('  tR a_preencher\n  tM a_preencher\n');
        expect(mama).toContain('  remoto teleconsulta\n');
        expect(mama).toContain('  valor R$ 125,00\n');
    });

    it('imports one subgroup on demand', () => {
        const r = importSigtap(table, { subgrupos: ['0904'], sigtapNoCabecalho: 'x.zip' });
        expect(r.ocis).toBe(3);
        expect(r.arquivos.map(f => f.nome)).toEqual(['catalogo.oci', '0904-atencao-em-otorrinolaringologia.oci']);
    });

    it('check reports every placeholder as "a preencher" and the catalogue is not built', async () => {
        const out = path.join(dir, 'cru');
        const sigtapNoCabecalho = path.relative(out, SIGTAP_ZIP);
        for (const f of importSigtap(table, { sigtapNoCabecalho }).arquivos) {
            fs.mkdirSync(out, { recursive: true });
            fs.writeFileSync(path.join(out, f.nome), f.texto);
        }
        const r = await run('check', out, '--format', 'json');
        expect(r.code).toBe(1);
        const report = JSON.parse(r.out) as { diagnostics: Array<{ code: string; severity: string }> };
        const codes = new Set(report.diagnostics.filter(d => d.severity === 'error').map(d => d.code));
        expect([...codes]).toEqual(['oci/a-preencher']);
        expect(report.diagnostics.filter(d => d.code === 'oci/a-preencher').length).toBeGreaterThanOrEqual(34 * 3);
        expect((await run('build', out, '--out', path.join(dir, 'nao'))).code).toBe(1);
        expect(fs.existsSync(path.join(dir, 'nao'))).toBe(false);
    });

    it('round trip: import, fill mechanically, build → the 34 OCIs of the oracle', async () => {
        const out = path.join(dir, 'preenchido');
        fs.mkdirSync(out, { recursive: true });
        const sigtapNoCabecalho = path.relative(out, SIGTAP_ZIP);
        for (const f of importSigtap(table, { sigtapNoCabecalho }).arquivos) {
            fs.writeFileSync(path.join(out, f.nome), fillPlaceholders(f.texto));
        }
        const check = await run('check', out, '--format', 'json');
        const report = JSON.parse(check.out) as {
            diagnostics: Array<{ code: string; severity: string; message: string }>;
        };
        expect(report.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        // With SIGTAP's own values as estimates and no technology costs, only the value may differ, and
        // each OCI is noted for having no technology cost (art. 6 §3).
        expect([...new Set(report.diagnostics.filter(d => d.severity === 'warning').map(d => d.code))].sort()).toEqual([
            'oci/sem-tecnologia',
            'valor/divergente'
        ]);
        const build = await run('build', out, '--out', path.join(dir, 'saida'));
        expect(build.code, build.err).toBe(0);
        const catalogo = JSON.parse(fs.readFileSync(path.join(dir, 'saida/catalogo.json'), 'utf8')) as CatalogoJson;
        expectMatchesOracle(catalogo);
    });
});
