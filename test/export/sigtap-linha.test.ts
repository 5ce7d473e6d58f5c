/**
 * Writing SIGTAP rows through the real 2026-01 layouts: widths and padding from the layout, the
 * DATASUS encoding (ISO-8859-1 plus the Windows-1252 characters its files carry), text typed
 * decomposed (NFD, as macOS editors save it) written composed, and values that do not fit refused.
 */
import * as fs from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
    ExportError,
    encodeSigtapTable,
    formatSigtapRow,
    parseSigtapRow
} from '../../language/src/export/sigtap-linha.js';
import { decodeText } from '../../language/src/sigtap/latin1.js';
import { parseLayoutBytes } from '../../language/src/sigtap/layout.js';
import { SUBSET_ZIP } from './competencia-exportada.js';

const files = unzipSync(new Uint8Array(fs.readFileSync(SUBSET_ZIP))) as Record<string, Uint8Array>;
const procedimento = parseLayoutBytes(files['tb_procedimento_layout.txt'], 'tb_procedimento');
const onde = () => 'teste';

describe('SIGTAP row writer', () => {
    it('rewrites every row of the real tb_procedimento identically from its parsed values', () => {
        const rows = decodeText(files['tb_procedimento.txt'])
            .split('\r\n')
            .filter(r => r);
        expect(rows.length).toBeGreaterThan(100);
        for (const row of rows)
            expect(formatSigtapRow(procedimento, parseSigtapRow(procedimento, row), onde)).toBe(
                row.padEnd(procedimento.width, ' ')
            );
        expect(encodeSigtapTable(procedimento, rows)).toEqual(files['tb_procedimento.txt']);
    });

    it('writes Windows-1252 characters as DATASUS does (en dash = 0x96) and NFD text composed', () => {
        const row = formatSigtapRow(
            procedimento,
            { CO_PROCEDIMENTO: '0902010018', NO_PROCEDIMENTO: 'OCI AVALIAC\u0327A\u0303O – TESTE' },
            onde
        );
        const bytes = encodeSigtapTable(procedimento, [row]);
        expect(bytes.length).toBe(procedimento.width + 2);
        expect([...bytes.subarray(10, 34)]).toEqual([
            ...Buffer.from('OCI AVALIA\xc7\xc3O \x96 TESTE', 'latin1'),
            0x20,
            0x20,
            0x20
        ]);
        expect(decodeText(bytes).slice(10, 34).trimEnd()).toBe('OCI AVALIAÇÃO – TESTE');
        // numbers right-aligned with zeros, blanks elsewhere
        const v = parseSigtapRow(procedimento, row);
        expect(row.slice(294, 306)).toBe('000000000000');
        expect(v.TP_SEXO).toBe('');
    });

    it('refuses what the layout cannot hold', () => {
        const refused = (valores: Record<string, string>) => {
            try {
                encodeSigtapTable(procedimento, [formatSigtapRow(procedimento, valores, onde)]);
            } catch (error) {
                expect(error).toBeInstanceOf(ExportError);
                return (error as Error).message;
            }
            throw new Error('accepted');
        };
        expect(refused({ VL_SA: '1234567890123' })).toContain('VL_SA = 1234567890123 não cabe nas 12 posições');
        expect(refused({ VL_SA: '12,50' })).toContain('VL_SA é numérica no layout e recebeu "12,50"');
        expect(refused({ NO_PROCEDIMENTO: 'X'.repeat(251) })).toContain(
            'NO_PROCEDIMENTO tem 251 caracteres e o layout admite 250'
        );
        expect(refused({ NO_PROCEDIMENTO: 'OCI ✓' })).toContain(
            'o caractere "✓" (U+2713) não existe na codificação ISO-8859-1'
        );
        expect(refused({ NO_PROCEDIMENTO: 'A\u0085B' })).toContain('U+0085');
        expect(refused({ NO_PROCEDIMENTO: 'A\nB' })).toContain('quebra de linha');
        expect(refused({ CO_INEXISTENTE: '1' })).toContain('não tem a coluna CO_INEXISTENTE');
    });
});
