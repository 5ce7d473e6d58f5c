/**
 * Browser implementation of `node:path` for the core's Node seam: POSIX paths over the in-memory
 * files (memory-files.ts), whose working folder is the root.
 */

export const sep = '/';
export const delimiter = ':';

export function isAbsolute(p: string): boolean {
    return p.startsWith('/');
}

export function normalize(p: string): string {
    if (p === '') return '.';
    const absolute = isAbsolute(p);
    const trailing = p.endsWith('/');
    const out: string[] = [];
    for (const part of p.split('/')) {
        if (part === '' || part === '.') continue;
        if (part === '..') {
            if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
            else if (!absolute) out.push('..');
        } else out.push(part);
    }
    const joined = out.join('/');
    if (absolute) return '/' + joined + (trailing && joined ? '/' : '');
    return (joined || '.') + (trailing && joined ? '/' : '');
}

export function join(...parts: string[]): string {
    const nonEmpty = parts.filter(p => p !== '');
    return nonEmpty.length === 0 ? '.' : normalize(nonEmpty.join('/'));
}

export function resolve(...parts: string[]): string {
    let resolved = '';
    for (let i = parts.length - 1; i >= 0 && !isAbsolute(resolved); i--) {
        const part = parts[i]!; // 0 <= i < parts.length
        if (part !== '') resolved = resolved ? `${part}/${resolved}` : part;
    }
    const result = normalize('/' + resolved);
    return result.length > 1 && result.endsWith('/') ? result.slice(0, -1) : result;
}

export function dirname(p: string): string {
    const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const slash = trimmed.lastIndexOf('/');
    if (slash < 0) return '.';
    return slash === 0 ? '/' : trimmed.slice(0, slash);
}

export function basename(p: string, ext?: string): string {
    const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
    const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
    return ext && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
    const base = basename(p);
    const dot = base.lastIndexOf('.');
    return dot <= 0 || base === '..' ? '' : base.slice(dot);
}

export function relative(from: string, to: string): string {
    const a = resolve(from).split('/').filter(Boolean);
    const b = resolve(to).split('/').filter(Boolean);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export const posix = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative };

export default posix;
