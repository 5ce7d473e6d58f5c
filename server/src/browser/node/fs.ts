/**
 * Browser implementation of `node:fs` for the core's Node seam: reads (the SIGTAP zip, a plan's
 * execution file) come from the files the host handed to the worker (../memory-files.ts); writes
 * (the catalogue build, snapshots) are refused with a message saying they need the desktop or
 * the CLI. Errors carry Node's codes (ENOENT, ENOTSUP) so the core words them as on the desktop.
 */
import { PRECISA_DESKTOP } from '../../browser-protocol.js';
import { isMemoryDirectory, normalizePath, readMemoryFile } from '../memory-files.js';

function fsError(code: string, message: string): Error {
    return Object.assign(new Error(message), { code });
}

function notFound(p: string): Error {
    return fsError('ENOENT', `ENOENT: arquivo inexistente, '${p}'`);
}

function desktopOnly(): never {
    throw fsError('ENOTSUP', PRECISA_DESKTOP);
}

export interface MemoryStats {
    size: number;
    mtimeMs: number;
    isFile(): boolean;
    isDirectory(): boolean;
}

export function statSync(p: string, options?: { throwIfNoEntry?: boolean }): MemoryStats | undefined {
    const file = readMemoryFile(p);
    if (file) return { size: file.bytes.length, mtimeMs: file.mtimeMs, isFile: () => true, isDirectory: () => false };
    if (isMemoryDirectory(p)) return { size: 0, mtimeMs: 0, isFile: () => false, isDirectory: () => true };
    if (options?.throwIfNoEntry === false) return undefined;
    throw notFound(p);
}

export const lstatSync = statSync;

export function existsSync(p: string): boolean {
    return readMemoryFile(p) !== undefined || isMemoryDirectory(p);
}

export function readFileSync(p: string, encoding?: string): Uint8Array | string {
    const file = readMemoryFile(p);
    if (!file) throw isMemoryDirectory(p) ? fsError('EISDIR', `EISDIR: '${p}' é uma pasta`) : notFound(p);
    return encoding ? new TextDecoder().decode(file.bytes) : file.bytes;
}

function realpath(p: string): string {
    if (!existsSync(p)) throw notFound(p);
    return normalizePath(p);
}

export const realpathSync = Object.assign(realpath, { native: realpath });

export const promises = {
    readFile: async (p: string, encoding?: string) => readFileSync(p, encoding)
};

export const writeFileSync = desktopOnly;
export const mkdirSync = desktopOnly;
export const openSync = desktopOnly;
export const writeSync = desktopOnly;
export const fsyncSync = desktopOnly;
export const closeSync = desktopOnly;
export const renameSync = desktopOnly;
export const rmSync = desktopOnly;
export const utimesSync = desktopOnly;
export const readdirSync = desktopOnly;
