/**
 * The "share" link: a small catalogue (file name → text) in the URL fragment, deflated and
 * base64url-encoded. The fragment never reaches a server; opening the link rebuilds the files in
 * the page. Pure (no DOM), so the Node tests check the round trip.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';

export const SHARE_PREFIX = 'c=';

/** Files → fragment text (without the prefix). */
export function encodeShared(files: Record<string, string>): string {
    const packed = zlibSync(strToU8(JSON.stringify({ v: 1, arquivos: files })), { level: 9 });
    let binary = '';
    for (let i = 0; i < packed.length; i += 0x8000) binary += String.fromCharCode(...packed.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Fragment text → files; throws on anything that is not a shared catalogue (names must be plain .oci file names). */
export function decodeShared(fragment: string): Record<string, string> {
    const binary = atob(fragment.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
    const parsed = JSON.parse(strFromU8(unzlibSync(bytes))) as { v?: unknown; arquivos?: unknown };
    if (parsed.v !== 1 || typeof parsed.arquivos !== 'object' || parsed.arquivos === null)
        throw new Error('formato de link desconhecido');
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries(parsed.arquivos as Record<string, unknown>)) {
        if (!/^[\p{L}\p{N}_ .-]+\.oci$/u.test(name) || typeof text !== 'string')
            throw new Error(`arquivo inválido no link: ${name}`);
        files[name] = text;
    }
    return files;
}
