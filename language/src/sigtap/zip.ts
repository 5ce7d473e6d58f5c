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
    return readZipNative(bytes, arquivo, wanted) ?? readZipPortable(bytes, arquivo, wanted);
}

/**
 * The fast path for an ordinary archive (no ZIP64, entries stored or deflated): the central
 * directory read here, the wanted entries inflated by Node's zlib (native, several times faster
 * than a JavaScript inflater on the 30 MB a competência holds). Undefined for anything else, which
 * readZipPortable reads or reports.
 */
function readZipNative(bytes: Uint8Array, arquivo: string, wanted: (base: string) => boolean): ZipContents | undefined {
    const directory = centralDirectory(bytes);
    if (!directory) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries = new Map<string, string>();
    const files = new Map<string, Uint8Array>();
    for (const entry of directory) {
        if (entry.name.endsWith('/')) continue;
        const base = baseName(entry.name);
        if (entries.has(base)) continue;
        entries.set(base, entry.name);
        if (!wanted(base)) continue;
        const local = entry.localOffset;
        if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return undefined;
        const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
        const end = start + entry.compressedSize;
        if (end > bytes.length) return undefined;
        let data: Uint8Array;
        try {
            if (entry.method === 0) data = bytes.slice(start, end);
            else if (entry.method === 8) data = zlib.inflateRawSync(bytes.subarray(start, end));
            else return undefined;
        } catch {
            return undefined;
        }
        if (data.length !== entry.size) return undefined;
        if (crc32(data) !== entry.crc) {
            throw zipInvalido(arquivo, new Error(`o CRC-32 de ${entry.name} não confere com o conteúdo`));
        }
        files.set(base, data);
    }
    return { entries, files };
}

function readZipPortable(bytes: Uint8Array, arquivo: string, wanted: (base: string) => boolean): ZipContents {
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

interface DirectoryEntry {
    name: string;
    crc: number;
    method: number;
    compressedSize: number;
    size: number;
    localOffset: number;
}

/** The central directory's entries, in order; undefined when it cannot be read (e.g. ZIP64, or a truncated archive). */
function centralDirectory(bytes: Uint8Array): DirectoryEntry[] | undefined {
    if (bytes.length < 22) return undefined;
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
    const decoder = new TextDecoder();
    const out: DirectoryEntry[] = [];
    for (let k = 0; k < count; k++) {
        if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return undefined;
        const nameLength = view.getUint16(offset + 28, true);
        const end = offset + 46 + nameLength;
        if (end > bytes.length) return undefined;
        const compressedSize = view.getUint32(offset + 20, true);
        const size = view.getUint32(offset + 24, true);
        const localOffset = view.getUint32(offset + 42, true);
        if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) return undefined;
        out.push({
            name: decoder.decode(bytes.subarray(offset + 46, end)),
            crc: view.getUint32(offset + 16, true),
            method: view.getUint16(offset + 10, true),
            compressedSize,
            size,
            localOffset
        });
        offset = end + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
    }
    return out;
}

/** Entry name → CRC-32 from the central directory; undefined when it cannot be read (e.g. ZIP64). */
function centralDirectoryCrcs(bytes: Uint8Array): Map<string, number> | undefined {
    const directory = centralDirectory(bytes);
    return directory && new Map(directory.map(entry => [entry.name, entry.crc]));
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
    // Indexes within bounds: i below data.length, a byte below the table's 256 entries.
    for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
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
