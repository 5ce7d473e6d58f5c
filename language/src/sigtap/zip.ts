/**
 * Zip access for SIGTAP archives: inflates only the entries asked for (fflate's `filter`), while
 * noting the name of every entry so that absent tables can be told apart from unread ones.
 * Entries are addressed by lower-cased base name (`tb_procedimento.txt`), whatever folder the
 * archive puts them in.
 */
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { SigtapError } from './errors.js';

export interface ZipContents {
    /** Base name (lower case) → name of the entry in the archive, for every file entry. */
    readonly entries: ReadonlyMap<string, string>;
    /** Base name (lower case) → inflated bytes, for the entries that were wanted. */
    readonly files: ReadonlyMap<string, Uint8Array>;
}

export function baseName(entryName: string): string {
    return entryName.slice(entryName.lastIndexOf('/') + 1).toLowerCase();
}

/** Inflates the entries whose base name `wanted` accepts; a broken archive is `sigtap/zip-invalido`. */
export function readZip(bytes: Uint8Array, arquivo: string, wanted: (base: string) => boolean): ZipContents {
    const entries = new Map<string, string>();
    let inflated: Record<string, Uint8Array>;
    try {
        inflated = unzipSync(bytes, {
            filter: file => {
                if (file.name.endsWith('/')) return false;
                const base = baseName(file.name);
                if (!entries.has(base)) entries.set(base, file.name);
                return entries.get(base) === file.name && wanted(base);
            }
        });
    } catch (error) {
        throw zipInvalido(arquivo, error);
    }
    // fflate does not check CRC-32: a corrupted entry could inflate to wrong rows (a stored one always would).
    const crcs = centralDirectoryCrcs(bytes);
    const files = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(inflated)) {
        const expected = crcs?.get(name);
        if (expected !== undefined && crc32(data) !== expected) {
            throw zipInvalido(arquivo, new Error(`o CRC-32 de ${name} não confere com o conteúdo`));
        }
        files.set(baseName(name), data);
    }
    return { entries, files };
}

/** Entry name → CRC-32 from the central directory; undefined when it cannot be read (e.g. ZIP64). */
function centralDirectoryCrcs(bytes: Uint8Array): Map<string, number> | undefined {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
        if (view.getUint32(i, true) === 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) return undefined;
    const count = view.getUint16(eocd + 10, true);
    let offset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || offset === 0xffffffff) return undefined;
    const crcs = new Map<string, number>();
    const decoder = new TextDecoder();
    for (let k = 0; k < count; k++) {
        if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
        const nameLength = view.getUint16(offset + 28, true);
        const end = offset + 46 + nameLength;
        if (end > bytes.length) return undefined;
        crcs.set(decoder.decode(bytes.subarray(offset + 46, end)), view.getUint32(offset + 16, true));
        offset = end + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return crcs;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (zlib's when the Node version has it, ≥ 20.15). */
export function crc32(data: Uint8Array): number {
    const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
    if (typeof native === 'function') return native(data) >>> 0;
    crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c >>> 0;
    });
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
}

export function zipInvalido(arquivo: string, error: unknown): SigtapError {
    const detail = error instanceof Error ? error.message : String(error);
    return new SigtapError(
        'sigtap/zip-invalido',
        `O arquivo ${arquivo} não é um zip válido da tabela SIGTAP (arquivo truncado, corrompido ou de outro formato: ${detail}).`,
        { arquivo, cause: error }
    );
}
