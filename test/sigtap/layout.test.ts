import { describe, expect, it } from 'vitest';
import { SigtapError } from '../../language/src/sigtap/errors.js';
import { forEachRow, parseLayout, prefixFilter, type SigtapLayout } from '../../language/src/sigtap/layout.js';
import { thrownBy } from '../helpers.js';

const OCUPACAO = 'Coluna,Tamanho,Inicio,Fim,Tipo\r\nCO_OCUPACAO,6,1,6,CHAR\r\nNO_OCUPACAO,20,7,26,VARCHAR2\r\n';
const REGISTRO =
    'Coluna,Tamanho,Inicio,Fim,Tipo\nCO_REGISTRO,2,1,2,VARCHAR2\nNO_REGISTRO,10,3,12,VARCHAR2\nDT_COMPETENCIA,6,13,18,CHAR\n';

function latin1(text: string): Uint8Array {
    return Uint8Array.from(text, c => c.charCodeAt(0));
}

function rows(bytes: Uint8Array, layout: SigtapLayout, columns: string[]): string[][] {
    const result: string[][] = [];
    forEachRow(bytes, layout, row => result.push(columns.map(c => row.text(layout.column(c)))));
    return result;
}

const errorOf = (action: () => unknown) => thrownBy(action, SigtapError);

describe('SIGTAP layouts', () => {
    it('parses the columns, width and positions', () => {
        const layout = parseLayout(OCUPACAO, 'tb_ocupacao');
        expect(layout.columns).toEqual([
            { name: 'CO_OCUPACAO', size: 6, start: 1, end: 6, type: 'CHAR' },
            { name: 'NO_OCUPACAO', size: 20, start: 7, end: 26, type: 'VARCHAR2' }
        ]);
        expect(layout.width).toBe(26);
        expect(layout.minRowLength).toBe(6);
        expect(parseLayout(REGISTRO, 'tb_registro').minRowLength).toBe(18);
    });

    it('rejects malformed layouts and missing columns', () => {
        expect(errorOf(() => parseLayout('Coluna,Tamanho,Inicio,Fim,Tipo\nCO_X,3,1,4,CHAR\n', 'tb_x')).code).toBe(
            'sigtap/layout'
        );
        expect(
            errorOf(() => parseLayout('Coluna,Tamanho,Inicio,Fim,Tipo\nCO_X;3;1;3;CHAR\n', 'tb_x')).message
        ).toContain('tb_x_layout.txt');
        expect(errorOf(() => parseLayout('Coluna,Tamanho,Inicio,Fim,Tipo\n', 'tb_x')).code).toBe('sigtap/layout');
        const e = errorOf(() => parseLayout(OCUPACAO, 'tb_ocupacao').column('DT_COMPETENCIA'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.message).toContain('DT_COMPETENCIA');
    });

    it('decodes CRLF and LF rows, trims trailing blanks, maps Windows-1252 punctuation', () => {
        const layout = parseLayout(OCUPACAO, 'tb_ocupacao');
        const data = latin1('225125MÉDICO CLÍNICO      \r\n2231F9M\xc9DICO \x96 RESID\xcaNCIA\n\r\n');
        expect(rows(data, layout, ['CO_OCUPACAO', 'NO_OCUPACAO'])).toEqual([
            ['225125', 'MÉDICO CLÍNICO'],
            ['2231F9', 'MÉDICO – RESIDÊNCIA']
        ]);
    });

    it('accepts rows missing only the blank padding of trailing VARCHAR2 columns', () => {
        const layout = parseLayout(OCUPACAO, 'tb_ocupacao');
        expect(rows(latin1('225125MEDICO\r\n223150\r\n'), layout, ['CO_OCUPACAO', 'NO_OCUPACAO'])).toEqual([
            ['225125', 'MEDICO'],
            ['223150', '']
        ]);
    });

    it('rejects rows longer than the layout, or cut before a CHAR/NUMBER column ends', () => {
        const ocupacao = parseLayout(OCUPACAO, 'tb_ocupacao');
        const longer = errorOf(() => rows(latin1(`225125${'X'.repeat(21)}\r\n`), ocupacao, []));
        expect(longer.code).toBe('sigtap/layout');
        expect(longer.message).toContain('Linha 1 de tb_ocupacao.txt tem 27 caracteres');
        const registro = parseLayout(REGISTRO, 'tb_registro');
        const cut = errorOf(() => rows(latin1('01BPA       202601\r\n02APAC\r\n'), registro, []));
        expect(cut.message).toContain('Linha 2 de tb_registro.txt');
    });

    it('reports non-numeric NUMBER values with the line', () => {
        const layout = parseLayout('Coluna,Tamanho,Inicio,Fim,Tipo\nCO,2,1,2,VARCHAR2\nQT,4,3,6,NUMBER\n', 'rl_x');
        const values: number[] = [];
        forEachRow(latin1('010012\r\n020000\r\n'), layout, row => values.push(row.int(layout.column('QT'))));
        expect(values).toEqual([12, 0]);
        const e = errorOf(() =>
            forEachRow(latin1('010012\r\n02AB12\r\n'), layout, row => row.int(layout.column('QT')))
        );
        expect(e.message).toContain('Linha 2 de rl_x.txt');
        expect(e.message).toContain('QT');
    });

    it('filters rows on raw bytes before decoding them', () => {
        const layout = parseLayout('Coluna,Tamanho,Inicio,Fim,Tipo\nCO_PROCEDIMENTO,10,1,10,VARCHAR2\n', 'rl_x');
        const seen: number[] = [];
        forEachRow(
            latin1('0101010010\r\n0901010014\r\n0902010018\r\n'),
            layout,
            row => seen.push(row.numero),
            prefixFilter(layout.column('CO_PROCEDIMENTO'), '09')
        );
        expect(seen).toEqual([2, 3]);
    });
});
