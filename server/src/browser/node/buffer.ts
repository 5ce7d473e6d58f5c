/**
 * Browser implementation of `node:buffer` for the SIGTAP reader (language/src/sigtap/latin1.ts,
 * layout.ts, subset.ts): a view on the zip's inflated bytes whose `toString('latin1', start, end)`
 * gives one character per byte, as Node's does (0x80-0x9F kept as C1 code points; latin1.ts maps them).
 */

export type BrowserBuffer = Uint8Array & { toString(encoding?: string, start?: number, end?: number): string };

function latin1(this: Uint8Array, encoding?: string, start = 0, end = this.length): string {
    if (encoding !== 'latin1' && encoding !== 'binary')
        throw new Error(`Buffer do navegador: codificação ${String(encoding)} não suportada`);
    let text = '';
    const CHUNK = 0x2000;
    for (let i = start; i < end; i += CHUNK) {
        text += String.fromCharCode.apply(null, this.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
    }
    return text;
}

export const Buffer = {
    /** A view sharing memory with `buffer` (no copy), as Node's Buffer.from(arrayBuffer, offset, length). */
    from(buffer: ArrayBufferLike, byteOffset?: number, length?: number): BrowserBuffer {
        return Object.assign(new Uint8Array(buffer as ArrayBuffer, byteOffset, length), { toString: latin1 });
    }
};
