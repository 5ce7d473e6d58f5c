/**
 * The files of a language server that runs in a browser (playground, VS Code for the Web): the
 * host (the page, or the web extension's client through vscode.workspace.fs) hands their bytes to
 * the worker, which keeps them here by absolute POSIX path ('/pmae/catalogo.oci'). Both the
 * Langium file system (memory-file-system.ts) and the browser implementation of the core's Node
 * seam (node/fs.ts: the SIGTAP cache's stat and read) read this one store, so a SIGTAP zip given
 * as bytes is loaded by the same code as on the desktop.
 */

export interface MemoryFile {
    bytes: Uint8Array;
    /** Bumped on every write, so the SIGTAP cache (size + mtime) reads a replaced zip again. */
    mtimeMs: number;
}

const files = new Map<string, MemoryFile>();
let clock = Date.now();

/** '/a/./b/../c' → '/a/c' (absolute, no trailing slash except the root). */
export function normalizePath(p: string): string {
    const out: string[] = [];
    for (const part of p.split('/')) {
        if (part === '' || part === '.') continue;
        if (part === '..') out.pop();
        else out.push(part);
    }
    return '/' + out.join('/');
}

export function writeMemoryFile(path: string, bytes: Uint8Array): void {
    clock = Math.max(clock + 1, Date.now());
    files.set(normalizePath(path), { bytes, mtimeMs: clock });
}

export function deleteMemoryFile(path: string): void {
    files.delete(normalizePath(path));
}

export function readMemoryFile(path: string): MemoryFile | undefined {
    return files.get(normalizePath(path));
}

/** True when some file lies below `path` (folders exist only through their files). */
export function isMemoryDirectory(path: string): boolean {
    const dir = normalizePath(path);
    const prefix = dir === '/' ? '/' : dir + '/';
    for (const name of files.keys()) if (name.startsWith(prefix)) return true;
    return false;
}

/** The names directly inside `path`, each with whether it is a folder. */
export function listMemoryDirectory(path: string): Array<{ name: string; isDirectory: boolean }> {
    const dir = normalizePath(path);
    const prefix = dir === '/' ? '/' : dir + '/';
    const seen = new Map<string, boolean>();
    for (const name of files.keys()) {
        if (!name.startsWith(prefix)) continue;
        const rest = name.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) seen.set(rest, false);
        else seen.set(rest.slice(0, slash), true);
    }
    return [...seen].sort(([a], [b]) => a.localeCompare(b)).map(([name, isDirectory]) => ({ name, isDirectory }));
}

/** Every file path, sorted (tests, the playground's file list). */
export function memoryFilePaths(): string[] {
    return [...files.keys()].sort();
}
