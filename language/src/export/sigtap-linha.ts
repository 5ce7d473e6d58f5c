/**
 * Writing SIGTAP fixed-width rows: the inverse of layout.ts's reading. Every position and width
 * comes from the table's `*_layout.txt` (a SigtapLayout read by the project's own layout reader);
 * NUMBER columns are right-aligned and zero-padded (as DATASUS writes VL_SA 000000002000),
 * VARCHAR2 and CHAR columns left-aligned and blank-padded; every row has exactly the layout's
 * width and ends in CRLF; text is encoded one byte per character in ISO-8859-1 (with the
 * Windows-1252 characters DATASUS's own files carry in 0x80-0x9F, which the reader decodes).
 * A value that does not fit — too long, not a number, a character outside the encoding — is an
 * ExportError, never a truncated or re-encoded row.
 */
import { Buffer } from 'node:buffer';
import { bufferView, decodeSlice } from '../sigtap/latin1.js';
import type { SigtapColumn, SigtapLayout } from '../sigtap/layout.js';

/** A value the SIGTAP layout cannot hold, or a catalogue the export cannot express. */
export class ExportError extends Error {
    override readonly name = 'ExportError';
}

/** Column name → text (unpadded). Missing columns are written blank (or zeros, for NUMBER). */
export type SigtapValores = Record<string, string>;

/** Character → byte, built from the reader's own decoding of the 256 bytes (so both agree). */
const BYTE_OF: ReadonlyMap<string, number> = (() => {
    const all = bufferView(Uint8Array.from({ length: 256 }, (_, i) => i));
    const map = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
        const char = decodeSlice(all, b, b + 1);
        if (!map.has(char)) map.set(char, b);
    }
    return map;
})();

/** The text's bytes in the table's encoding; a character it lacks is an ExportError. */
export function encodeSigtapText(text: string, onde: () => string): Uint8Array {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
        const byte = BYTE_OF.get(text.charAt(i));
        const code = text.charCodeAt(i);
        if (byte === undefined || (code < 0x20 && code !== 0x0d && code !== 0x0a) || (code >= 0x7f && code <= 0x9f)) {
            throw new ExportError(
                `${onde()}: o caractere "${text[i]}" (U+${text.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')}) não existe na codificação ISO-8859-1 da tabela SIGTAP.`
            );
        }
        out[i] = byte;
    }
    return out;
}

function campo(column: SigtapColumn, value: string, onde: () => string): string {
    const text = value.normalize('NFC');
    if (column.type === 'NUMBER') {
        if (!/^[0-9]*$/.test(text))
            throw new ExportError(`${onde()}: ${column.name} é numérica no layout e recebeu "${text}".`);
        if (text.length > column.size)
            throw new ExportError(
                `${onde()}: ${column.name} = ${text} não cabe nas ${column.size} posições do layout.`
            );
        return text.padStart(column.size, '0');
    }
    if (/[\r\n]/.test(text)) throw new ExportError(`${onde()}: ${column.name} não pode ter quebra de linha.`);
    if (text.length > column.size) {
        throw new ExportError(
            `${onde()}: ${column.name} tem ${text.length} caracteres e o layout admite ${column.size} ("${text}").`
        );
    }
    return text.padEnd(column.size, ' ');
}

/** One row of `layout` (without its line terminator); `onde` names the row in error messages. */
export function formatSigtapRow(layout: SigtapLayout, valores: SigtapValores, onde: () => string): string {
    for (const name of Object.keys(valores)) {
        if (!layout.has(name))
            throw new ExportError(`${onde()}: o layout ${layout.fileName} não tem a coluna ${name}.`);
    }
    let row = '';
    for (const column of layout.columns) {
        row = row.padEnd(column.start - 1, ' ');
        row += campo(column, valorDe(valores, column.name), onde);
    }
    return row.padEnd(layout.width, ' ');
}

/** The file bytes of `rows`: each row encoded and ended by CRLF, as in the DATASUS zip. */
export function encodeSigtapTable(layout: SigtapLayout, rows: readonly string[]): Uint8Array {
    const parts = rows.map((row, i) => encodeSigtapText(`${row}\r\n`, () => `Linha ${i + 1} de ${layout.table}.txt`));
    return new Uint8Array(Buffer.concat(parts));
}

/** The text of `column` in a row; a column the row lacks reads blank, as formatSigtapRow writes it. */
export function valorDe(valores: SigtapValores, column: string): string {
    return valores[column] ?? '';
}

/** The row's values by column (trailing blanks removed), the inverse of formatSigtapRow. */
export function parseSigtapRow(layout: SigtapLayout, row: string): SigtapValores {
    const valores: SigtapValores = {};
    for (const column of layout.columns) valores[column.name] = row.slice(column.start - 1, column.end).trimEnd();
    return valores;
}
