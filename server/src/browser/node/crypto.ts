/**
 * Browser implementation of `node:crypto` for the core's Node seam: the SHA-256 a SIGTAP table
 * records of its zip (reader.ts, cache.ts), synchronous as Node's (SubtleCrypto is asynchronous).
 */

const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
    0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
    0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
    0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2
]);

/**
 * The compression function over the 64-byte blocks of `bytes` from `offset` to `end`, updating `h` (FIPS 180-4,
 * 6.2.2). Plain indexed loops with no destructuring or DataView: the page hashes a SIGTAP snapshot once, while V8 still
 * runs this unoptimised, and the first call is the one the user waits for.
 */
function compress(h: Uint32Array, w: Uint32Array, bytes: Uint8Array, offset: number, end: number): void {
    // Every index below stays within w (64), K (64), h (8) and the block (end - offset is a multiple of 64).
    let h0 = h[0]!,
        h1 = h[1]!,
        h2 = h[2]!,
        h3 = h[3]!,
        h4 = h[4]!,
        h5 = h[5]!,
        h6 = h[6]!,
        h7 = h[7]!;
    for (let block = offset; block < end; block += 64) {
        for (let t = 0; t < 16; t++) {
            const i = block + t * 4;
            w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
        }
        for (let t = 16; t < 64; t++) {
            const x = w[t - 15]!,
                y = w[t - 2]!;
            const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
            const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
            w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
        }
        let a = h0,
            b = h1,
            c = h2,
            d = h3,
            e = h4,
            f = h5,
            g = h6,
            hh = h7;
        for (let t = 0; t < 64; t++) {
            const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
            const ch = (e & f) ^ (~e & g);
            const t1 = (hh + S1 + ch + K[t]! + w[t]!) | 0;
            const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
            const maj = (a & b) ^ (a & c) ^ (b & c);
            hh = g;
            g = f;
            f = e;
            e = (d + t1) | 0;
            d = c;
            c = b;
            b = a;
            a = (t1 + S0 + maj) | 0;
        }
        h0 = (h0 + a) | 0;
        h1 = (h1 + b) | 0;
        h2 = (h2 + c) | 0;
        h3 = (h3 + d) | 0;
        h4 = (h4 + e) | 0;
        h5 = (h5 + f) | 0;
        h6 = (h6 + g) | 0;
        h7 = (h7 + hh) | 0;
    }
    h[0] = h0;
    h[1] = h1;
    h[2] = h2;
    h[3] = h3;
    h[4] = h4;
    h[5] = h5;
    h[6] = h6;
    h[7] = h7;
}

/** SHA-256 of `data` (FIPS 180-4). The whole blocks are read in place; only the last one or two are copied to pad. */
export function sha256(data: Uint8Array): Uint8Array {
    const h = new Uint32Array([
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    ]);
    const w = new Uint32Array(64);
    const whole = data.length - (data.length % 64);
    compress(h, w, data, 0, whole);
    const tail = new Uint8Array(data.length % 64 < 56 ? 64 : 128);
    tail.set(data.subarray(whole));
    tail[data.length - whole] = 0x80;
    const view = new DataView(tail.buffer);
    const bitLength = data.length * 8;
    view.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(tail.length - 4, bitLength >>> 0);
    compress(h, w, tail, 0, tail.length);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    h.forEach((v, i) => outView.setUint32(i * 4, v));
    return out;
}

class Sha256Hash {
    private readonly parts: Uint8Array[] = [];

    update(data: Uint8Array | string): this {
        this.parts.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
        return this;
    }

    digest(encoding: 'hex'): string {
        if (encoding !== 'hex') throw new Error(`hash do navegador: formato ${String(encoding)} não suportado`);
        const total = this.parts.reduce((n, p) => n + p.length, 0);
        const [only] = this.parts;
        let all = only;
        if (all === undefined || this.parts.length !== 1) {
            all = new Uint8Array(total);
            let offset = 0;
            for (const p of this.parts) {
                all.set(p, offset);
                offset += p.length;
            }
        }
        return [...sha256(all)].map(b => b.toString(16).padStart(2, '0')).join('');
    }
}

export function createHash(algorithm: string): Sha256Hash {
    if (algorithm !== 'sha256') throw new Error(`hash do navegador: algoritmo ${algorithm} não suportado`);
    return new Sha256Hash();
}
