/**
 * Process-wide cache of loaded SIGTAP competências, shared by every document: a zip is read
 * once and reused while its size and modification time stay the same; a changed file is read
 * again. Failures are remembered the same way, so a broken zip is not re-read on every
 * validation — only when the file changes. A missing file is not cached (checking is cheap).
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SigtapTable } from './types.js';
import { SigtapError } from './errors.js';
import { loadSigtapFile } from './reader.js';

interface Entry {
    size: number;
    mtimeMs: number;
    table?: SigtapTable;
    error?: SigtapError;
}

export class SigtapCache {
    private readonly entries = new Map<string, Entry>();

    constructor(private readonly load: (path: string) => SigtapTable = loadSigtapFile) {}

    /** The table in the zip at `path` (made absolute); throws SigtapError when it cannot be read. */
    get(path: string): SigtapTable {
        const absPath = resolve(path);
        const { size, mtimeMs } = this.stat(absPath);
        const cached = this.entries.get(absPath);
        if (cached && cached.size === size && cached.mtimeMs === mtimeMs) {
            if (cached.error) throw cached.error;
            return cached.table!;
        }
        const entry: Entry = { size, mtimeMs };
        try {
            entry.table = this.load(absPath);
        } catch (error) {
            entry.error =
                error instanceof SigtapError
                    ? error
                    : new SigtapError('sigtap/erro-leitura', `Falha ao ler a tabela SIGTAP ${absPath}.`, { arquivo: absPath, cause: error });
        }
        this.entries.set(absPath, entry);
        if (entry.error) throw entry.error;
        return entry.table!;
    }

    /** Forgets one file (or every file). */
    clear(path?: string): void {
        if (path === undefined) this.entries.clear();
        else this.entries.delete(resolve(path));
    }

    private stat(absPath: string): { size: number; mtimeMs: number } {
        try {
            const stats = statSync(absPath);
            if (stats.isFile()) return { size: stats.size, mtimeMs: stats.mtimeMs };
            this.entries.delete(absPath);
            throw new SigtapError('sigtap/arquivo-inexistente', `${absPath} não é um arquivo zip da tabela SIGTAP.`, { arquivo: absPath });
        } catch (error) {
            if (error instanceof SigtapError) throw error;
            this.entries.delete(absPath);
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'ENOENT' || code === 'ENOTDIR') {
                throw new SigtapError('sigtap/arquivo-inexistente', `O arquivo da tabela SIGTAP ${absPath} não existe.`, {
                    arquivo: absPath,
                    cause: error
                });
            }
            const detail = error instanceof Error ? error.message : String(error);
            throw new SigtapError('sigtap/erro-leitura', `Não foi possível ler o arquivo da tabela SIGTAP ${absPath}: ${detail}`, {
                arquivo: absPath,
                cause: error
            });
        }
    }
}

/** The cache shared by the language server, the CLI and the tests. */
export const sigtapCache = new SigtapCache();
