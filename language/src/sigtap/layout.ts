/**
 * SIGTAP fixed-width tables: each `X.txt` comes with `X_layout.txt`, a CSV whose header is
 * `Coluna,Tamanho,Inicio,Fim,Tipo` and whose lines give each column's name, width, 1-based
 * first and last position and Oracle type (VARCHAR2, CHAR, NUMBER). Offsets always come from
 * the layout, never from this code.
 *
 * Row width policy: a row longer than the layout's width is a layout/data mismatch. A row may be
 * shorter only by the blank padding of trailing VARCHAR2 columns (tools that strip trailing
 * spaces produce such rows; the missing characters read as blanks): it must still hold the first
 * column and every CHAR/NUMBER column, which SIGTAP always writes in full. In the DATASUS files
 * every row has exactly the layout's width.
 *
 * A layout is validated whole before any row is read (`sigtap/layout`, naming the column): the
 * columns tile the record from position 1 with no gap and no overlap, each column's width agrees
 * with its positions, and the rows' length agrees with the layout (a column beyond a row's end,
 * or a row longer than the last column, is refused). Money is therefore never read at an offset
 * the layout does not really give.
 */
import { SigtapError } from './errors.js';
import { bufferView, decodeSlice, decodeText } from './latin1.js';

export interface SigtapColumn {
    name: string;
    /** Width in characters (Tamanho). */
    size: number;
    /** 1-based first and last positions (Inicio, Fim), as in the layout file. */
    start: number;
    end: number;
    /** Oracle type as written (VARCHAR2, CHAR, NUMBER). */
    type: string;
}

export class SigtapLayout {
    /** Total row width: the last position of any column. */
    readonly width: number;
    /** Shortest acceptable row (see the module comment). */
    readonly minRowLength: number;
    private readonly byName: Map<string, SigtapColumn>;

    constructor(
        /** Table name, e.g. `tb_procedimento`. */
        readonly table: string,
        readonly columns: readonly SigtapColumn[]
    ) {
        this.byName = new Map(columns.map(c => [c.name, c]));
        this.width = Math.max(0, ...columns.map(c => c.end));
        const fixed = columns.filter(c => c.type !== 'VARCHAR2').map(c => c.end);
        this.minRowLength = Math.max(columns[0]?.end ?? 0, ...fixed);
    }

    get fileName(): string {
        return `${this.table}_layout.txt`;
    }

    has(name: string): boolean {
        return this.byName.has(name);
    }

    /** The column called `name`; a layout lacking it is `sigtap/layout`. */
    column(name: string): SigtapColumn {
        const column = this.byName.get(name);
        if (!column) {
            throw new SigtapError(
                'sigtap/layout',
                `O layout ${this.fileName} não tem a coluna ${name}, necessária para ler a tabela ${this.table}.`,
                { coluna: name }
            );
        }
        return column;
    }
}

/**
 * Parses the text of a `*_layout.txt` and validates it whole. A missing `required` column is
 * reported before a gap (a dropped column leaves a gap; its name is the useful message).
 */
export function parseLayout(text: string, table: string, required: readonly string[] = []): SigtapLayout {
    const fileName = `${table}_layout.txt`;
    const bad = (numero: number, why: string, coluna?: string) =>
        new SigtapError('sigtap/layout', `Linha ${numero} de ${fileName} inválida: ${why}.`, { coluna });
    const columns: SigtapColumn[] = [];
    let gap: SigtapError | undefined;
    const lines = text.split('\n');
    for (const [i, raw] of lines.entries()) {
        const line = raw.trim();
        if (line === '' || (i === 0 && /^coluna\s*,/i.test(line))) continue;
        const parts = line.split(',').map(p => p.trim());
        if (parts.length !== 5)
            throw bad(i + 1, `esperadas 5 colunas (Coluna,Tamanho,Inicio,Fim,Tipo), há ${parts.length}`);
        const [name = '', sizeText = '', startText = '', endText = '', type = ''] = parts;
        const number = (n: string) => (/^[0-9]+$/.test(n) ? Number(n) : NaN);
        const [size, start, end] = [number(sizeText), number(startText), number(endText)] as const;
        if (!name || !Number.isInteger(size) || !Number.isInteger(start) || !Number.isInteger(end)) {
            throw bad(i + 1, 'nome, tamanho, início e fim são obrigatórios e numéricos');
        }
        if (start < 1 || end - start + 1 !== size)
            throw bad(i + 1, `${name} vai de ${start} a ${end}, o que não dá ${size} caracteres`, name);
        const previous = columns[columns.length - 1];
        if (previous && start <= previous.end) {
            throw (
                gap ??
                bad(
                    i + 1,
                    `a coluna ${name} começa em ${start}, antes do fim de ${previous.name} (${previous.end}): as colunas se sobrepõem`,
                    name
                )
            );
        }
        const expected = (previous?.end ?? 0) + 1;
        if (start > expected) {
            gap ??= bad(
                i + 1,
                `a coluna ${name} começa em ${start}, mas ${previous ? `${previous.name} termina em ${previous.end}` : 'o registro começa na posição 1'}` +
                    `: as posições ${expected} a ${start - 1} ficam sem coluna (lacuna no layout)`,
                name
            );
        }
        columns.push({ name, size, start, end, type: type.toUpperCase() });
    }
    if (columns.length === 0) {
        throw new SigtapError('sigtap/layout', `O layout ${fileName} não define nenhuma coluna.`);
    }
    const missing = required.filter(c => !columns.some(k => k.name === c));
    if (missing.length > 0) {
        throw new SigtapError(
            'sigtap/layout',
            `O layout ${fileName} não tem ${missing.length > 1 ? 'as colunas' : 'a coluna'} ` +
                `${missing.join(', ')}, necessária${missing.length > 1 ? 's' : ''} para ler ${table}.txt.`,
            { coluna: missing[0] }
        );
    }
    if (gap) throw gap;
    return new SigtapLayout(table, columns);
}

export function parseLayoutBytes(bytes: Uint8Array, table: string, required: readonly string[] = []): SigtapLayout {
    return parseLayout(decodeText(bytes), table, required);
}

/**
 * Calls `visit(start, contentEnd, next, numero)` for every non-empty line of `bytes`: the content
 * is [start, contentEnd) without CR/LF, the line with its terminator is [start, next), and
 * `numero` is its 1-based line number (empty lines count).
 */
export function scanLines(
    bytes: Uint8Array,
    visit: (start: number, contentEnd: number, next: number, numero: number) => void
): void {
    const buf = bufferView(bytes);
    const length = bytes.byteLength;
    let start = 0;
    let numero = 0;
    while (start < length) {
        numero++;
        let lf = buf.indexOf(10, start);
        if (lf < 0) lf = length;
        let contentEnd = lf;
        if (contentEnd > start && bytes[contentEnd - 1] === 13) contentEnd--;
        const next = Math.min(lf + 1, length);
        if (contentEnd > start) visit(start, contentEnd, next, numero);
        start = next;
    }
}

/** Decides on the raw bytes whether a row is wanted, before it is decoded. */
export type RowFilter = (bytes: Uint8Array, rowStart: number, rowEnd: number) => boolean;

/** Keeps rows whose `column` starts with `prefix` (ASCII). */
export function prefixFilter(column: SigtapColumn, prefix: string): RowFilter {
    const codes = Array.from(prefix, c => c.charCodeAt(0));
    const offset = column.start - 1;
    return (bytes, rowStart, rowEnd) => {
        if (rowStart + offset + codes.length > rowEnd) return false;
        for (let i = 0; i < codes.length; i++) {
            if (bytes[rowStart + offset + i] !== codes[i]) return false;
        }
        return true;
    };
}

/** One decoded row while a table is walked; reused from row to row. */
export class SigtapRow {
    /** Decoded line, without its terminator. */
    line = '';
    /** 1-based line number in the table file. */
    numero = 0;

    constructor(readonly layout: SigtapLayout) {}

    get fileName(): string {
        return `${this.layout.table}.txt`;
    }

    /** The column's text, trailing blanks removed. */
    text(column: SigtapColumn): string {
        return this.line.slice(column.start - 1, column.end).trimEnd();
    }

    /** The column as a non-negative integer (blank reads as 0). */
    int(column: SigtapColumn): number {
        const text = this.text(column).trimStart();
        let value = 0;
        for (let i = 0; i < text.length; i++) {
            const digit = text.charCodeAt(i) - 48;
            if (digit < 0 || digit > 9) {
                throw new SigtapError(
                    'sigtap/layout',
                    `Linha ${this.numero} de ${this.fileName}: a coluna ${column.name} deveria ser numérica e contém "${text}" — os dados não seguem o layout ${this.layout.fileName}.`,
                    { coluna: column.name }
                );
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

/**
 * Walks the rows of a table, checking each against the layout's width, decoding only the rows
 * `keep` accepts.
 */
export function forEachRow(
    bytes: Uint8Array,
    layout: SigtapLayout,
    visit: (row: SigtapRow) => void,
    keep?: RowFilter
): void {
    const buf = bufferView(bytes);
    const row = new SigtapRow(layout);
    scanLines(bytes, (start, contentEnd, _next, numero) => {
        const length = contentEnd - start;
        if (length > layout.width || length < layout.minRowLength) {
            throw utf8Row(bytes, start, contentEnd, layout, numero) ?? recordLengthError(layout, length, numero);
        }
        if (keep && !keep(bytes, start, contentEnd)) return;
        row.line = decodeSlice(buf, start, contentEnd);
        row.numero = numero;
        visit(row);
    });
}

/** A row whose length disagrees with the layout, naming the column that does not fit. */
function recordLengthError(layout: SigtapLayout, length: number, numero: number): SigtapError {
    // A layout has at least one column: parseLayout refuses one without.
    const last = layout.columns.at(-1)!;
    const cut = layout.columns.find(c => c.type !== 'VARCHAR2' && c.end > length) ?? layout.columns[0]!;
    const detalhe =
        length > layout.width
            ? `o layout ${layout.fileName} termina em ${layout.width} (última coluna ${last.name}, posições ${last.start} a ${last.end})`
            : `a coluna ${cut.name} (posições ${cut.start} a ${cut.end} do layout ${layout.fileName}, ${layout.width} no total) fica fora do registro`;
    return new SigtapError(
        'sigtap/layout',
        `Linha ${numero} de ${layout.table}.txt tem ${length} caracteres; ${detalhe} — a tabela não corresponde ao seu layout.`,
        { coluna: length > layout.width ? last.name : cut.name }
    );
}

/**
 * The error for a row that does not fit its layout because it is UTF-8 (a re-encoded table, or
 * one with a byte order mark): undefined when the row is not valid UTF-8 with multi-byte
 * characters, or when it would not fit the layout as UTF-8 either.
 */
function utf8Row(
    bytes: Uint8Array,
    start: number,
    end: number,
    layout: SigtapLayout,
    numero: number
): SigtapError | undefined {
    const row = bytes.subarray(start, end);
    const bom = start === 0 && row[0] === 0xef && row[1] === 0xbb && row[2] === 0xbf;
    let multibyte = bom;
    for (let i = 0; !multibyte && i + 1 < row.length; i++) {
        const lead = row[i]!; // i + 1 < row.length
        multibyte = lead >= 0xc2 && lead <= 0xf4 && (row[i + 1]! & 0xc0) === 0x80;
    }
    if (!multibyte) return undefined;
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(row);
    } catch {
        return undefined;
    }
    const length = [...text].length;
    if (length > layout.width || length < layout.minRowLength) return undefined;
    return new SigtapError(
        'sigtap/codificacao',
        `Linha ${numero} de ${layout.table}.txt está em UTF-8, mas a tabela SIGTAP do DATASUS é gravada em ISO-8859-1 (Latin-1)` +
            ' — o arquivo foi convertido. Use o zip original do DATASUS, sem descompactar e recompactar com outra codificação.'
    );
}
