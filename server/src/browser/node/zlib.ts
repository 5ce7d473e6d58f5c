/**
 * Browser implementation of `node:zlib` for the core's Node seam (language/src/sigtap/zip.ts):
 * raw inflation by fflate. No `crc32` export: zip.ts then computes CRC-32 itself.
 */
import { inflateSync } from 'fflate';

export function inflateRawSync(data: Uint8Array): Uint8Array {
    return inflateSync(data);
}

/** Absent, as on Node before 20.15: zip.ts computes CRC-32 itself. */
export const crc32: undefined = undefined;
