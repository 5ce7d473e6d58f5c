/**
 * The one decoding of a source file (.oci, .par, .se) from its bytes, shared by the CLI, the
 * formatter and the language server's reads of files that are not open: UTF-8, a UTF-8 byte
 * order mark accepted (removed, so columns count from after it, as in the editor; kept by
 * `format`), CRLF left to the lexer. A file that is not valid UTF-8 (Latin-1 and CP1252 are
 * common on Windows machines) is never silently misread: the first bad byte is located
 * (line:column in the text decoded so far) and the likely encoding named; the caller reports it
 * and publishes nothing built from the file. Pure: bytes in, text out (no file system).
 */

const BOM = [0xef, 0xbb, 0xbf];

export interface EncodingProblem {
    /** 1-based line and column (UTF-16 units, after any BOM) of the first byte that is not UTF-8. */
    line: number;
    column: number;
    /** Offset of that place in `text` (where the decoder put U+FFFD). */
    offset: number;
    /** The byte, e.g. 0xE1. */
    byte: number;
    /** The encoding the file most likely is in, e.g. "ISO-8859-1 (Latin-1)". */
    encoding: string;
    /** What that byte reads as in that encoding (e.g. "á"), when printable. */
    asEncoding?: string;
}

export interface DecodedSource {
    /** The text, without the BOM; with U+FFFD in place of bytes that are not UTF-8 (see `problem`). */
    text: string;
    /** The file began with a UTF-8 byte order mark. */
    bom: boolean;
    /** Set when the bytes are not valid UTF-8: the text must not be trusted. */
    problem?: EncodingProblem;
}

/** Length of the valid UTF-8 prefix of `bytes` from `start` (the offset of the first bad byte, or bytes.length). */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
    let i = start;
    while (i < bytes.length) {
        const b = bytes[i]!; // i < bytes.length
        if (b < 0x80) {
            i++;
            continue;
        }
        let need: number;
        let min: number;
        if (b >= 0xc2 && b <= 0xdf) {
            need = 1;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            min = 0x10000;
        } else return i;
        let cp = b & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const c = bytes[i + k];
            if (c === undefined || (c & 0xc0) !== 0x80) return i;
            cp = (cp << 6) | (c & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
        i += need + 1;
    }
    return i;
}

/** CP1252's printable characters for 0x80–0x9F (undefined: not assigned). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function likelyEncoding(bytes: Uint8Array, byte: number): { encoding: string; asEncoding?: string } {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
        return { encoding: 'UTF-16' };
    // Latin-1 has only control codes at 0x80–0x9F; text that uses them is Windows-1252 (quotes, dashes, €).
    // Only the bytes that are not part of UTF-8 sequences count (a file may mix both).
    let cp1252 = false;
    for (let i = firstInvalidUtf8(bytes); i < bytes.length && !cp1252; i = firstInvalidUtf8(bytes, i + 1)) {
        const b = bytes[i]!; // i < bytes.length
        cp1252 = b >= 0x80 && b <= 0x9f && ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b);
    }
    if (cp1252) {
        const shown = byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH.charAt(byte - 0x80) : String.fromCharCode(byte);
        return { encoding: 'Windows-1252 (CP1252)', asEncoding: /\p{C}/u.test(shown) ? undefined : shown };
    }
    const shown = String.fromCharCode(byte);
    return { encoding: 'ISO-8859-1 (Latin-1)', asEncoding: byte >= 0xa0 ? shown : undefined };
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes a source file's bytes: see the module comment. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
    const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
    const body = bom ? bytes.subarray(3) : bytes;
    const bad = firstInvalidUtf8(body);
    const text = utf8.decode(body);
    const badByte = body[bad];
    if (badByte === undefined) return { text, bom }; // all of it is UTF-8
    const before = utf8.decode(body.subarray(0, bad));
    const lastBreak = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = before.length - lastBreak;
    return {
        text,
        bom,
        problem: { line, column, offset: before.length, byte: badByte, ...likelyEncoding(body, badByte) }
    };
}

/** The bytes of a source file: `text` in UTF-8, with the BOM when the file had one. */
export function encodeSource(text: string, bom: boolean): Uint8Array {
    const encoded = new TextEncoder().encode(text);
    if (!bom) return encoded;
    const out = new Uint8Array(encoded.length + 3);
    out.set(BOM, 0);
    out.set(encoded, 3);
    return out;
}

/** The byte as written in messages: "0xE1". */
export function hexByte(byte: number): string {
    return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A file system that remembers the encoding problems of the files it decoded, so that the
 * validator reports them (the language server's and the CLI's reads go through it).
 */
export interface SourceEncodingRecords {
    /**
     * The problem of the file at `uri` when `text` is the text this file system gave for it (an editor's text is not).
     */
    encodingProblem(uri: string, text: string): EncodingProblem | undefined;
}

/** The records both file systems keep (the desktop's and the browser's): one implementation. */
export class EncodingRecords implements SourceEncodingRecords {
    private readonly problems = new Map<string, { text: string; problem: EncodingProblem }>();

    encodingProblem(uri: string, text: string): EncodingProblem | undefined {
        const recorded = this.problems.get(uri);
        return recorded && recorded.text === text ? recorded.problem : undefined;
    }

    /** Remembers (or forgets) the problem of a file just decoded; returns its text. */
    record(uri: string, decoded: DecodedSource): string {
        if (decoded.problem) this.problems.set(uri, { text: decoded.text, problem: decoded.problem });
        else this.problems.delete(uri);
        return decoded.text;
    }
}

export function hasEncodingRecords(value: unknown): value is SourceEncodingRecords {
    return typeof (value as Partial<SourceEncodingRecords> | undefined)?.encodingProblem === 'function';
}
