/**
 * Text decoding of SIGTAP files. DATASUS declares ISO-8859-1, but a few names and descriptions
 * carry bytes 0x80-0x9F that only make sense as Windows-1252 (0x96 "–", 0x93/0x94 quotes), so we
 * decode as Windows-1252 — what the WHATWG "latin1" / "iso-8859-1" labels mean — mapping
 * 0x80-0x9F by hand (Node's TextDecoder differs between versions on this). One byte is always
 * one character, so byte offsets and string offsets coincide.
 */
import { Buffer } from 'node:buffer';

/** Windows-1252 characters for bytes 0x80-0x9F (undefined bytes keep their C1 code point). */
const CP1252_C1 = [
    0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d,
    0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,
    0x017e, 0x0178
];

const HAS_C1 = /[\u0080-\u009f]/;
const C1_PATTERN = /[\u0080-\u009f]/g;

function mapC1(char: string): string {
    return String.fromCharCode(CP1252_C1[char.charCodeAt(0) - 0x80]!); // char is U+0080–U+009F: 32 entries
}

/** A Buffer sharing memory with `bytes` (no copy). */
export function bufferView(bytes: Uint8Array): Buffer {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decodes bytes [start, end) of `buf`, one character per byte. */
export function decodeSlice(buf: Buffer, start: number, end: number): string {
    const text = buf.toString('latin1', start, end);
    return HAS_C1.test(text) ? text.replace(C1_PATTERN, mapC1) : text;
}

/** Decodes a whole SIGTAP text file. */
export function decodeText(bytes: Uint8Array): string {
    return decodeSlice(bufferView(bytes), 0, bytes.byteLength);
}
