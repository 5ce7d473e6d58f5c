/**
 * APAC validity in the catalogue (issue 21 item 2): SIGTAP attribute 054, "APAC com validade fixa
 * de 2 competências", leaves an episode until the last day of the month after its start. The
 * window function (days counted as the audit counts them: last date − first date), the info
 * diagnostic when tM passes the shortest window, and the window in the code lens and hover —
 * only for an OCI the table gives attribute 054 (a copy of the 2026-01 subset without that row
 * shows an OCI without it gets nothing).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JANELA_APAC, janelaApac } from '../../language/src/apac-validade.js';
import { diagnosticText } from '../../language/src/validation/report.js';
import { ruleTextIn } from '../../language/src/validation/rules-en.js';
import { SUBSET_ZIP, Table } from '../governance/competencia-fixture.js';
import { HEADER, MAMA, buildWorkspace, createTestServices, withCode, type TestServices } from '../helpers.js';
import { buildLspWorkspace, createLspServices, positionIn, type LspServices } from '../server/lsp-helpers.js';

const CODE = 'oci/tm-alem-da-validade-apac';
const MAMA_OCI = '0901010014';
const LENS = 'APAC: 2 competências — de 28 a 61 dias conforme o dia de início';

/** The project's 2026-01 subset, edited through its layouts: the OCI's attribute 054 row removed (or kept). */
function subsetZip(semAtributo054: boolean): Uint8Array {
    const files = unzipSync(new Uint8Array(fs.readFileSync(SUBSET_ZIP))) as Record<string, Uint8Array>;
    if (semAtributo054) {
        const t = new Table(files, 'rl_procedimento_detalhe');
        const before = t.rows.length;
        t.rows = t.rows.filter(r => !(t.get(r, 'CO_PROCEDIMENTO') === MAMA_OCI && t.get(r, 'CO_DETALHE') === '054'));
        if (t.rows.length !== before - 1) throw new Error('the subset no longer has the row to remove');
        t.save();
    }
    const zippable: Zippable = {};
    for (const name of Object.keys(files).sort())
        zippable[name] = [files[name], { mtime: new Date(Date.UTC(2026, 0, 1)) }];
    return zipSync(zippable);
}

let dir: string;
let comAtributo: string;
let semAtributo: string;
let services: TestServices;
let lsp: LspServices;

const header = (zip: string) => `catalogo "Teste" versao "t" competencia 2026-01 sigtap "${zip}"\n`;
const withTm = (dias: string) => MAMA.replace('tM 30 dias', `tM ${dias}`);

async function diagnostics(zip: string, body: string) {
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': header(zip) + body });
    const lines = doc.textDocument.getText().split('\n');
    return (doc.diagnostics ?? []).map(d => ({
        code: String(d.code),
        severity: d.severity,
        line: lines[d.range.start.line].trim(),
        text: diagnosticText(d)
    }));
}

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-apac-'));
    comAtributo = path.join(dir, 'TabelaUnificada_202601_subset.zip');
    semAtributo = path.join(dir, 'TabelaUnificada_202601_sem054.zip');
    fs.writeFileSync(comAtributo, subsetZip(false));
    fs.writeFileSync(semAtributo, subsetZip(true));
    services = createTestServices();
    lsp = createLspServices();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the window of an APAC of two competências', () => {
    it('an episode starting on the last day of January ends on the last day of February: 28 days (29 in a leap year)', () => {
        expect(janelaApac({ ano: 2026, mes: 1, dia: 31 })).toEqual({
            inicio: { ano: 2026, mes: 1, dia: 31 },
            fim: { ano: 2026, mes: 2, dia: 28 },
            dias: 28
        });
        expect(janelaApac({ ano: 2028, mes: 1, dia: 31 }).dias).toBe(29);
        expect(janelaApac({ ano: 2026, mes: 3, dia: 31 })).toMatchObject({
            fim: { ano: 2026, mes: 4, dia: 30 },
            dias: 30
        });
    });

    it('crossing a year: 31 Dec 2025 → 31 Jan 2026 = 31 days; 1 Dec → 31 Jan = 61', () => {
        expect(janelaApac({ ano: 2025, mes: 12, dia: 31 })).toEqual({
            inicio: { ano: 2025, mes: 12, dia: 31 },
            fim: { ano: 2026, mes: 1, dia: 31 },
            dias: 31
        });
        expect(janelaApac({ ano: 2025, mes: 12, dia: 1 })).toMatchObject({
            fim: { ano: 2026, mes: 1, dia: 31 },
            dias: 61
        });
    });

    it('an episode starting on the 25th has 34 to 36 days, not the flat 60 of a tM', () => {
        expect(janelaApac({ ano: 2026, mes: 1, dia: 25 }).dias).toBe(34); // 6 + 28
        expect(janelaApac({ ano: 2026, mes: 3, dia: 25 }).dias).toBe(36); // 6 + 30
    });

    it('over every start date the window runs from 28 days (31 Jan → 28 Feb) to 61 (1st of a 31-day month followed by another)', () => {
        expect(JANELA_APAC.minimo).toBe(28);
        expect(JANELA_APAC.menor).toMatchObject({ inicio: { mes: 1, dia: 31 }, fim: { mes: 2, dia: 28 } });
        expect(JANELA_APAC.maximo).toBe(61);
        expect(JANELA_APAC.maior.inicio.dia).toBe(1);
    });

    it('the limits (computed on first read, from the 1st and last day of each month) equal a scan of every start date', () => {
        let menor: ReturnType<typeof janelaApac> | undefined;
        let maior: ReturnType<typeof janelaApac> | undefined;
        for (let ano = 2025; ano <= 2028; ano++) {
            for (let mes = 1; mes <= 12; mes++) {
                const ultimo = new Date(Date.UTC(ano, mes, 0)).getUTCDate();
                for (let dia = 1; dia <= ultimo; dia++) {
                    const j = janelaApac({ ano, mes, dia });
                    if (!menor || j.dias < menor.dias) menor = j;
                    if (!maior || j.dias > maior.dias) maior = j;
                }
            }
        }
        expect({ ...JANELA_APAC }).toEqual({ minimo: menor!.dias, menor, maximo: maior!.dias, maior });
        expect(JSON.parse(JSON.stringify(JANELA_APAC))).toEqual({ minimo: 28, menor, maximo: 61, maior });
    });

    it('refuses a date that does not exist instead of rolling it over', () => {
        expect(() => janelaApac({ ano: 2026, mes: 2, dia: 29 })).toThrow(RangeError);
        expect(() => janelaApac({ ano: 2026, mes: 13, dia: 1 })).toThrow(RangeError);
    });
});

describe('oci/tm-alem-da-validade-apac', () => {
    it('tM beyond the shortest window is an info at the tM, with the arithmetic and attribute 054 of the competência as source', async () => {
        const found = (await diagnostics(comAtributo, withTm('29 dias'))).filter(d => d.code === CODE);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ severity: 3, line: 'tM 29 dias' });
        expect(found[0].text).toContain(
            'tM de 29 dias passa da menor validade da APAC (28 dias: 31/01 → 28/02 = 28 dias; atributo 054, SIGTAP 2026-01)'
        );
        expect(found[0].text).toContain('Tabela SIGTAP (atributo 054 "APAC com validade fixa de 2 competências"');
        expect(found[0].text).toContain('Portaria GM/MS nº 3.492/2024, art. 16 §1');
    });

    it('a flat tM of 60 days is noted too; the real full table gives the same', async () => {
        expect(
            (await diagnostics(comAtributo, withTm('60 dias'))).filter(d => d.code === CODE).map(d => d.line)
        ).toEqual(['tM 60 dias']);
        const [real] = await buildWorkspace(services, { 'catalogo.oci': HEADER + withTm('60 dias') });
        expect(withCode(real.diagnostics ?? [], CODE)).toHaveLength(1);
    });

    it('tM within the window (28 days or less) gets nothing', async () => {
        for (const dias of ['28 dias', '10 dias']) {
            const all = await diagnostics(comAtributo, withTm(dias).replace('tR 21 dias', 'tR 10 dias'));
            expect(
                all.map(d => d.code),
                dias
            ).toEqual([]);
        }
    });

    it('an OCI without attribute 054 in its table gets nothing, whatever its tM', async () => {
        expect((await diagnostics(comAtributo, MAMA)).map(d => d.code)).toEqual([CODE]);
        expect((await diagnostics(semAtributo, MAMA)).map(d => d.code)).toEqual([]);
        expect((await diagnostics(semAtributo, withTm('60 dias'))).map(d => d.code)).toEqual([]);
    });

    it('has its English message', () => {
        expect(ruleTextIn('en', CODE, [30, 28, '31/01 → 28/02 = 28 dias', 61, '2026-01'])).toContain(
            'tM of 30 days passes the shortest APAC validity (28 days: 31/01 → 28/02 = 28 days; attr. 054, SIGTAP 2026-01)'
        );
    });
});

describe('code lens and hover show the window', () => {
    async function lensTitles(zip: string): Promise<string[]> {
        const [doc] = await buildLspWorkspace(lsp, { 'c.oci': header(zip) + MAMA });
        const lenses = await lsp.Oci.lsp.CodeLensProvider!.provideCodeLens(doc, {
            textDocument: { uri: doc.textDocument.uri }
        });
        return (lenses ?? []).map(l => l.command!.title);
    }

    async function hoverOnCode(zip: string): Promise<string> {
        const text = header(zip) + MAMA;
        const [doc] = await buildLspWorkspace(lsp, { 'c.oci': text });
        const hover = await lsp.Oci.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.textDocument.uri },
            position: positionIn(text, '09.01.01.001-4', 3)
        });
        return (hover?.contents as { value: string }).value;
    }

    it('the lens of an OCI with attribute 054, after tR/tM; none without it', async () => {
        expect(await lensTitles(comAtributo)).toEqual([
            expect.stringMatching(/^Valor calculado/),
            'tR 21 dias · tM 30 dias',
            LENS
        ]);
        expect(await lensTitles(semAtributo)).toEqual([
            expect.stringMatching(/^Valor calculado/),
            'tR 21 dias · tM 30 dias'
        ]);
    });

    it('the hover of the OCI states the window, its arithmetic and that tM passes it; nothing without attribute 054', async () => {
        const com = await hoverOnCode(comAtributo);
        expect(com).toContain('**APAC:** validade fixa de 2 competências (tabela SIGTAP 2026-01, atributo 054)');
        expect(com).toContain(
            'de 28 a 61 dias conforme o dia de início (31/01 → 28/02 = 28 dias; 31/12 → 31/01 = 31 dias)'
        );
        expect(com).toContain('O tM de 30 dias passa da menor janela (28 dias)');
        const sem = await hoverOnCode(semAtributo);
        expect(sem).toContain('Total calculado');
        expect(sem).not.toContain('APAC');
    });
});
