/**
 * The next competência imports, fills and builds (issue 12 items 1-2, issue 21 item 1): a
 * "2026-03" table built from the 2026-01 subset (test/fixtures/competencia-futura) with OCIs whose
 * components are all compatível and "Exige procedimento …" attributes worded as newer tables word
 * them. import-sigtap translates every attribute or leaves an `a_preencher` group that names it;
 * the consultation is mandatory in every OCI (NT 1/2025-DAET/SAES/MS); after a mechanical fill,
 * `build` publishes every OCI of the table.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearDocuments } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { importSigtap, type ImportResult } from '../../language/src/generator/import-sigtap.js';
import { exigenciasDoAtributo } from '../../language/src/generator/sigtap-composicao.js';
import { formatCodigo } from '../../language/src/sigtap/codigo.js';
import { loadSigtapZip } from '../../language/src/sigtap/reader.js';
import type { SigtapTable } from '../../language/src/sigtap/types.js';
import {
    ATRIBUTOS,
    OCI_COLO,
    OCI_MAMA_IMAGEM,
    OCI_ORTOPEDIA,
    OCI_ORTOPEDIA_2,
    buildCompetencia202603
} from '../fixtures/competencia-futura/competencia-202603.js';
import { dropPendingGroups, fillPlaceholders } from '../fixtures/competencia-futura/preencher.js';
import { HEADER, MAMA, createTestServices, validate, withCode, type TestServices } from '../helpers.js';

const ZIP_NAME = 'TabelaUnificada_202603_fixture.zip';
let bytes: Uint8Array;
let table: SigtapTable;
let imported: ImportResult;
let dir: string;
const ociText = (codigo: string) => {
    const file = imported.arquivos.find(f => f.texto.includes(`oci ${formatCodigo(codigo)}`))!.texto;
    return file.slice(file.indexOf(`oci ${formatCodigo(codigo)}`)).split('\n}\n')[0];
};

beforeAll(() => {
    bytes = buildCompetencia202603();
    table = loadSigtapZip(bytes, ZIP_NAME);
    imported = importSigtap(table, { sigtapNoCabecalho: ZIP_NAME });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-202603-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('"Exige procedimento …" wordings', () => {
    it('parses one subject, "e/ou", "ou", commas and "e"', () => {
        expect(exigenciasDoAtributo('Exige procedimento de tomografia computadorizada')).toEqual([
            ['tomografia computadorizada']
        ]);
        expect(exigenciasDoAtributo(ATRIBUTOS['061'])).toEqual([['mamografia', 'ultrassonografia mamária']]);
        expect(exigenciasDoAtributo(ATRIBUTOS['062'])).toEqual([['colposcopia', 'biópsia do colo uterino']]);
        expect(exigenciasDoAtributo(ATRIBUTOS['063'])).toEqual([
            ['tomografia computadorizada', 'ressonância magnética', 'radiografia']
        ]);
        expect(exigenciasDoAtributo('Exige procedimento de eletrocardiograma e de teste ergométrico')).toEqual([
            ['eletrocardiograma'],
            ['teste ergométrico']
        ]);
        expect(exigenciasDoAtributo('APAC com validade fixa de 2 competências.')).toBeUndefined();
    });
});

describe('import-sigtap on the 2026-03 fixture', () => {
    it('imports every OCI of the table, the two all-compatível new ones included', () => {
        expect(table.competencia).toBe('202603');
        expect(table.oci(OCI_MAMA_IMAGEM)!.componentes.every(c => c.tpCompatibilidade === '1')).toBe(true);
        expect(imported.ocis).toBe(36);
        expect(imported.arquivos.map(f => f.nome)).toContain('0907-atencao-em-diagnostico-por-imagem.oci');
    });

    it('"X e/ou Y" becomes a mandatory um_de of the procedures of both subjects; the consultation is mandatory', () => {
        const header = imported.arquivos[0].texto;
        expect(header).toContain(
            'grupo mamografia "Mamografia e/ou ultrassonografia mamária: ao menos um procedimento (atributo SIGTAP 061)" {\n  02.04.03.003-0 "MAMOGRAFIA"\n  02.05.02.009-7 "ULTRASSONOGRAFIA MAMARIA BILATERAL"\n}'
        );
        const mama = ociText(OCI_MAMA_IMAGEM);
        expect(mama).toContain('  obrigatorio um_de mamografia qt 1 estimativa a_preencher');
        expect(mama).toContain('  obrigatorio um_de consulta qt 2 estimativa a_preencher');
        expect(mama).not.toMatch(/eventual 02\.04\.03\.003-0|eventual 02\.05\.02\.009-7/);
    });

    it('"X ou Y" translates the same way; a lone in-person consultation is mandatory with its SIGTAP quantity', () => {
        const header = imported.arquivos[0].texto;
        expect(header).toMatch(
            /grupo colposcopia "Colposcopia ou biópsia do colo uterino: ao menos um procedimento \(atributo SIGTAP 062\)" \{\n {2}02\.01\.01\.066-6 "BIOPSIA DO COLO UTERINO"\n {2}02\.11\.04\.002-9 "COLPOSCOPIA"\n\}/
        );
        const colo = ociText(OCI_COLO);
        expect(colo).toContain(
            '  obrigatorio 03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA" qt 2 estimativa a_preencher'
        );
        expect(colo).toContain('  obrigatorio um_de colposcopia qt 1 estimativa a_preencher');
        expect(colo).toContain('  eventual 02.03.02.008-1');
    });

    it('several subjects: the ones the OCI has form the group, the others are noted', () => {
        const orto = ociText(OCI_ORTOPEDIA_2);
        expect(orto).toMatch(/\n {2}obrigatorio um_de radiografia estimativa a_preencher/);
        expect(orto).toContain(
            '// atributo SIGTAP 063 "Exige procedimentos de tomografia computadorizada, ressonância magnética e/ou radiografia": nenhum componente da OCI corresponde a "tomografia computadorizada", "ressonância magnética"'
        );
        expect(orto).not.toMatch(/eventual 02\.04\.02/);
    });

    it('an attribute it cannot map becomes an a_preencher group naming its code and text, and is listed', () => {
        const header = imported.arquivos[0].texto;
        expect(header).toContain(`grupo exige_064 "Atributo SIGTAP 064 \\"`.replace('\\"', ''));
        expect(header).toMatch(
            /grupo exige_064 "Atributo SIGTAP 064 [^\n]*Exige procedimento de cintilografia renal[^\n]*" \{\n {2}a_preencher\n\}/
        );
        expect(ociText(OCI_MAMA_IMAGEM)).toContain('  obrigatorio um_de exige_064 estimativa a_preencher');
        // Quantities that differ (09.03.01.001-1: one radiograph with QT 2, the others 0) are not guessed either.
        expect(ociText(OCI_ORTOPEDIA)).toMatch(/obrigatorio um_de exige_063\w* estimativa a_preencher/);
        expect(imported.naoMapeados.map(a => [a.oci, a.atributo, a.texto])).toEqual([
            [OCI_ORTOPEDIA, '063', ATRIBUTOS['063']],
            [OCI_MAMA_IMAGEM, '064', ATRIBUTOS['064']]
        ]);
    });

    it('check reports the a_preencher group with the attribute code and text; the CLI lists it', async () => {
        const out = path.join(dir, 'cru');
        const r = await run('import-sigtap', writeZip(path.join(dir, 'zip')), '--out', out);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toContain(
            `Atributo SIGTAP 064 "${ATRIBUTOS['064']}" da OCI ${formatCodigo(OCI_MAMA_IMAGEM)} não traduzido`
        );
        expect(r.out).toContain('NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS');
        const check = await run('check', out, '--format', 'json');
        const report = JSON.parse(check.out) as {
            diagnostics: Array<{ code: string; message: string; line: number; file: string }>;
        };
        const pending = report.diagnostics.filter(d => d.code === 'oci/a-preencher' && d.message.includes('exige_064'));
        expect(pending).toHaveLength(1);
        expect(pending[0].message).toContain('064');
        expect(pending[0].message).toContain('Exige procedimento de cintilografia renal');
        expect(pending[0].file).toMatch(/catalogo\.oci$/);
    });

    it('round trip: import, fill mechanically, build → every OCI of the table published', async () => {
        const out = path.join(dir, 'preenchido');
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, ZIP_NAME), bytes);
        for (const f of importSigtap(table, { sigtapNoCabecalho: ZIP_NAME }).arquivos) {
            fs.writeFileSync(path.join(out, f.nome), fillPlaceholders(dropPendingGroups(f.texto)));
        }
        const check = await run('check', out, '--format', 'json');
        const report = JSON.parse(check.out) as {
            diagnostics: Array<{ code: string; severity: string; message: string }>;
        };
        expect(report.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const build = await run('build', out, '--out', path.join(dir, 'saida'));
        expect(build.code, build.err).toBe(0);
        const catalogo = JSON.parse(fs.readFileSync(path.join(dir, 'saida/catalogo.json'), 'utf8')) as CatalogoJson;
        expect(catalogo.ocis.map(o => o.codigo)).toEqual([...table.ociCodigos()]);
        const nova = catalogo.ocis.find(o => o.codigo === OCI_MAMA_IMAGEM)!;
        expect(nova.valor.declarado?.centavos).toBe(11000);
        expect(nova.componentes.filter(c => c.tipo === 'obrigatorio').map(c => c.grupo)).toEqual([
            'consulta',
            'mamografia'
        ]);
    });
});

describe('an OCI without a mandatory component is a warning, not an error (art. 6 §2 II asks, it does not forbid)', () => {
    let services: TestServices;
    beforeAll(() => {
        services = createTestServices();
    });
    afterAll(async () => {
        await clearDocuments(services.shared);
    });

    it('oci/sem-obrigatorio is a warning and the OCI has no error', async () => {
        const diagnostics = await validate(services, MAMA.replace(/obrigatorio /g, 'eventual '), HEADER);
        const sem = withCode(diagnostics, 'oci/sem-obrigatorio');
        expect(sem).toHaveLength(1);
        expect(sem[0].severity).toBe(2);
        expect(diagnostics.filter(d => d.severity === 1)).toEqual([]);
    });
});

function writeZip(folder: string): string {
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, ZIP_NAME);
    fs.writeFileSync(file, bytes);
    return file;
}
