/**
 * SIGTAP layouts are validated whole (issue 12 item 5): a gap, an overlap, a column outside the
 * record, a missing required column or a record length that disagrees with the layout is
 * `sigtap/layout` naming the column — through the reader and through the CLI (exit 2, nothing
 * written) — and money is never read at an offset the layout does not really give. The broken
 * tables are the committed 2026-01 subset with its layout files edited as a person would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { SigtapError } from '../../language/src/sigtap/errors.js';
import { forEachRow, parseLayout } from '../../language/src/sigtap/layout.js';
import { loadSigtapZip } from '../../language/src/sigtap/reader.js';
import { REPO_ROOT, thrownBy } from '../helpers.js';

const SUBSET = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
const original: Unzipped = unzipSync(new Uint8Array(fs.readFileSync(SUBSET)));
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

function edited(table: string, edit: (text: string) => string): Uint8Array {
    const files: Unzipped = { ...original };
    const before = latin1(files[table]);
    const after = edit(before);
    expect(after, `the edit of ${table} changed nothing`).not.toBe(before);
    files[table] = new Uint8Array(Buffer.from(after, 'latin1'));
    return zipSync(files, { level: 1 });
}

const errorOf = (action: () => unknown) => thrownBy(action, SigtapError);

const HEAD = 'Coluna,Tamanho,Inicio,Fim,Tipo\r\n';

describe('a SIGTAP layout is validated whole', () => {
    it('a gap between two columns names the column after it', () => {
        const e = errorOf(() => parseLayout(`${HEAD}CO_X,2,1,2,VARCHAR2\r\nVL_SA,12,5,16,NUMBER\r\n`, 'tb_x'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.coluna).toBe('VL_SA');
        expect(e.message).toContain('a coluna VL_SA começa em 5, mas CO_X termina em 2');
        expect(e.message).toContain('3 a 4');
    });

    it('a first column that does not start at position 1 is a gap', () => {
        const e = errorOf(() => parseLayout(`${HEAD}CO_X,2,3,4,VARCHAR2\r\n`, 'tb_x'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.coluna).toBe('CO_X');
        expect(e.message).toContain('1 a 2');
    });

    it('an overlap names both columns', () => {
        const e = errorOf(() => parseLayout(`${HEAD}CO_X,4,1,4,VARCHAR2\r\nVL_SA,12,3,14,NUMBER\r\n`, 'tb_x'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.coluna).toBe('VL_SA');
        expect(e.message).toMatch(/VL_SA começa em 3, antes do fim de CO_X \(4\)/);
    });

    it('a width that disagrees with the positions names the column', () => {
        const e = errorOf(() => parseLayout(`${HEAD}CO_X,2,1,2,VARCHAR2\r\nVL_SA,12,3,15,NUMBER\r\n`, 'tb_x'));
        expect(e.coluna).toBe('VL_SA');
        expect(e.message).toContain('VL_SA vai de 3 a 15, o que não dá 12 caracteres');
    });

    it('a row longer than the layout names the last column; a row cut before a NUMBER column names that column', () => {
        const layout = parseLayout(
            `${HEAD}CO_X,2,1,2,VARCHAR2\r\nVL_SA,4,3,6,NUMBER\r\nNO_X,4,7,10,VARCHAR2\r\n`,
            'tb_x'
        );
        const rows = (text: string) => forEachRow(new Uint8Array(Buffer.from(text, 'latin1')), layout, () => undefined);
        const longer = errorOf(() => rows('010012ABCDEF\r\n'));
        expect(longer.code).toBe('sigtap/layout');
        expect(longer.coluna).toBe('NO_X');
        expect(longer.message).toContain(
            'Linha 1 de tb_x.txt tem 12 caracteres; o layout tb_x_layout.txt termina em 10 (última coluna NO_X'
        );
        const cut = errorOf(() => rows('010012AB\r\n0200\r\n'));
        expect(cut.coluna).toBe('VL_SA');
        expect(cut.message).toContain('Linha 2 de tb_x.txt tem 4 caracteres; a coluna VL_SA (posições 3 a 6');
        expect(cut.message).toContain('fica fora do registro');
    });

    it('the real 2026-01 layouts are whole and read (control)', () => {
        const table = loadSigtapZip(new Uint8Array(fs.readFileSync(SUBSET)), 'TabelaUnificada_202601_subset.zip');
        expect(table.procedimentos.get('0205020097')!.vlSaCentavos).toBe(2420);
    });
});

describe('a broken tb_procedimento layout never reads money at a wrong offset', () => {
    const cases: Array<{ name: string; edit: (t: string) => string; coluna: string; says: RegExp }> = [
        {
            name: 'VL_SA moved two positions right (a gap before it, an overlap after it)',
            edit: t => t.replace('VL_SA,12,295,306,NUMBER', 'VL_SA,12,297,308,NUMBER'),
            coluna: 'VL_SA',
            says: /lacuna no layout/
        },
        {
            name: 'VL_SA moved two positions left (an overlap with VL_SH)',
            edit: t => t.replace('VL_SA,12,295,306,NUMBER', 'VL_SA,12,293,304,NUMBER'),
            coluna: 'VL_SA',
            says: /sobrepõem/
        },
        {
            name: 'VL_SA dropped from the layout (a required column missing)',
            edit: t => t.replace(/^VL_SA,.*\r?\n/m, ''),
            coluna: 'VL_SA',
            says: /não tem a coluna VL_SA/
        },
        {
            name: 'a new column appended to the layout that the rows do not have (column outside the record)',
            edit: t => `${t.trimEnd()}\r\nQT_NOVA,4,337,340,NUMBER\r\n`,
            coluna: 'QT_NOVA',
            says: /a coluna QT_NOVA \(posições 337 a 340.*fica fora do registro/
        },
        {
            name: 'VL_SH widened to 14 digits, every later column shifted (record length 338 vs rows of 336)',
            edit: t =>
                t
                    .replace('VL_SH,12,283,294', 'VL_SH,14,283,296')
                    .replace('VL_SA,12,295,306', 'VL_SA,12,297,308')
                    .replace('VL_SP,12,307,318', 'VL_SP,12,309,320')
                    .replace('CO_FINANCIAMENTO,2,319,320', 'CO_FINANCIAMENTO,2,321,322')
                    .replace('CO_RUBRICA,6,321,326', 'CO_RUBRICA,6,323,328')
                    .replace('QT_TEMPO_PERMANENCIA,4,327,330', 'QT_TEMPO_PERMANENCIA,4,329,332')
                    .replace('DT_COMPETENCIA,6,331,336', 'DT_COMPETENCIA,6,333,338'),
            coluna: 'DT_COMPETENCIA',
            says: /tem 336 caracteres; a coluna DT_COMPETENCIA \(posições 333 a 338/
        }
    ];
    for (const c of cases) {
        it(c.name, () => {
            const e = errorOf(() =>
                loadSigtapZip(edited('tb_procedimento_layout.txt', c.edit), 'TabelaUnificada_202601_x.zip')
            );
            expect(e.code).toBe('sigtap/layout');
            expect(e.coluna).toBe(c.coluna);
            expect(e.message).toMatch(c.says);
        });
    }

    it('rows two characters longer than the layout (record length) are refused, naming the last column', () => {
        const zip = edited('tb_procedimento.txt', t => t.replace(/\r\n/g, '00\r\n'));
        const e = errorOf(() => loadSigtapZip(zip, 'TabelaUnificada_202601_x.zip'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.message).toMatch(
            /tem 338 caracteres; o layout tb_procedimento_layout\.txt termina em 336 \(última coluna DT_COMPETENCIA/
        );
    });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-layout-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('import-sigtap on such a table ends with exit 2, the column named, nothing written', async () => {
        const zip = path.join(dir, 'TabelaUnificada_202601_gap.zip');
        fs.writeFileSync(zip, edited('tb_procedimento_layout.txt', cases[0].edit));
        const { code, err } = await runCli('import-sigtap', zip, '--out', path.join(dir, 'out'));
        expect(code).toBe(2);
        expect(err).toContain('VL_SA');
        expect(err).toContain('(sigtap/layout)');
        expect(err).toContain('tb_procedimento_layout.txt');
        expect(err).not.toMatch(/^\s+at /m);
        expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    });
});
