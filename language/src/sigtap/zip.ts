/**
 * Zip access for SIGTAP archives: inflates only the entries asked for (fflate's `filter`), while
 * noting the name of every entry so that absent tables can be told apart from unread ones.
 * Entries are addressed by lower-cased base name (`tb_procedimento.txt`), whatever folder the
 * archive puts them in.
 */
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
    const files = new Map<string, Uint8Array>();
    for (const [name, data] of Object.entries(inflated)) files.set(baseName(name), data);
    return { entries, files };
}

export function zipInvalido(arquivo: string, error: unknown): SigtapError {
    const detail = error instanceof Error ? error.message : String(error);
    return new SigtapError(
        'sigtap/zip-invalido',
        `O arquivo ${arquivo} não é um zip válido da tabela SIGTAP (arquivo truncado, corrompido ou de outro formato: ${detail}).`,
        { arquivo, cause: error }
    );
}
