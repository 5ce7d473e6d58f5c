/**
 * Loads a CommonJS bundle (the CLI's out/cli/main.cjs, the language server's out/server/main.cjs) with V8's code cache
 * of a previous run, including the functions that run compiled then (issue 22).
 *
 * Node's own compile cache (module.enableCompileCache) saves a module's code right after compiling it: only the
 * functions V8 compiles eagerly, the top level. Everything a run then calls (the parser, the validation, the
 * generators) is compiled again from source in every process. Here the bundle is compiled through vm.Script with the
 * cache of an earlier run, and at exit, when this run compiled clearly more code than that cache holds, the cache is
 * remade from the script (`createCachedData` after running: V8 then includes every function compiled so far). Measured
 * on a 2-core machine, interleaved pairs (bench/README.md, round of 2026-12-07 02:11): CLI `build` of 2,000 OCIs 1.48
 * -> 1.42 s; language server, cold, didOpen -> all diagnostics at 50 OCIs 130 -> 103 ms, at 2,000 about the same.
 *
 * A cache is never trusted beyond what it was made from:
 * - its file is named after the bundle's content (CRC-32 of its bytes): another bundle, even of the same length
 *   (V8's own check compares lengths only), looks for another file;
 * - its header holds the CRC-32 of V8's data, checked before V8 reads it (V8 does not check its checksum in release
 *   builds): a damaged file is ignored and replaced;
 * - V8 refuses data made by another V8 version or under other V8 flags (`cachedDataRejected`): the bundle is then
 *   compiled from source, as without a cache, and the cache is remade at exit;
 * - it is written atomically (temporary file, then rename), so concurrent processes leave one whole file.
 * Anything that fails (no folder, a read-only disk, a Node without zlib.crc32) only means no cache: the bundle loads
 * the same. Dependency-free (Node built-ins only): the processes' entries load it before the bundle.
 */
import * as nodeBuffer from 'node:buffer';
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as zlib from 'node:zlib';
import { removeStaleTemps, writeFileAtomic } from './atomic-write.js';

/** File header: magic, CRC-32 of V8's data, bytecode size of the run that made it (little-endian uint32s). */
const MAGIC = 0x3843434f; // "OCC8"
const HEADER_BYTES = 12;
/** A run remakes the cache when it holds this much more bytecode than the run that made it. */
const REMAKE_RATIO = 1.15;

export interface CodeCacheOptions {
    /** Folder of the cache files (created when missing); undefined: no cache. */
    readonly dir: string | undefined;
    /** Name of the bundle's cache files (`cli`, `servidor`): one file per name, the others of that name removed. */
    readonly name: string;
}

/** zlib.crc32 (Node >= 20.15, 22.2): without it, no cache. */
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/**
 * Where requireWithCodeCache leaves `saveCodeCaches` for the bundle it loaded, which has its own copy of this module: a
 * process the editor kills never reaches `exit`, so the language server also saves once after its first workspace
 * build (server/src/main.ts).
 */
export const SAVE_CODE_CACHES = Symbol.for('oci-catalogo.saveCodeCaches');

/** A bundle loaded here: its script, its cache file and the bytecode size the cache stands for (0: none usable). */
interface Loaded {
    readonly script: vm.Script;
    readonly file: string;
    readonly name: string;
    bytecode: number;
}

const loaded: Loaded[] = [];

/** Remakes the cache of each bundle loaded here whose run has compiled clearly more than its cache holds. */
export function saveCodeCaches(): void {
    for (const entry of loaded) {
        const now = bytecodeSize();
        if (entry.bytecode > 0 && now < entry.bytecode * REMAKE_RATIO) continue;
        if (writeCache(entry, now)) entry.bytecode = now;
    }
}

/** `require(file)`, through the code cache of `options.dir` when there is one. */
export function requireWithCodeCache(file: string, options: CodeCacheOptions): unknown {
    const requireHere = nodeModule.createRequire(file);
    if (options.dir === undefined || typeof crc32 !== 'function') return requireHere(file);
    const bytes = fs.readFileSync(file);
    const source = textOf(bytes);
    const cacheFile = path.join(options.dir, `${options.name}-${crc32(bytes).toString(16).padStart(8, '0')}.v8`);
    const cached = readCache(cacheFile);
    const script = new vm.Script(nodeModule.wrap(source), {
        filename: file,
        ...(cached ? { cachedData: cached.data } : {})
    });
    const used = cached !== undefined && !script.cachedDataRejected;
    loaded.push({ script, file: cacheFile, name: options.name, bytecode: used ? cached.bytecode : 0 });
    if (loaded.length === 1) process.once('exit', saveCodeCaches);
    (globalThis as Record<symbol, unknown>)[SAVE_CODE_CACHES] = saveCodeCaches;
    const module = new nodeModule.Module(file);
    module.filename = file;
    module.paths = (nodeModule.Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
        path.dirname(file)
    );
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, requireHere, module, file, path.dirname(file));
    module.loaded = true;
    return module.exports;
}

/**
 * The bundle's text. The server's and the CLI's bundles are ASCII (scripts/ascii-bundle.mjs): read as Latin-1 (the
 * same characters) after a native ASCII check, ~20 ms sooner than UTF-8 decoding of their ~2.6 MB on the 2-core
 * machine of bench/README.md (and held outside V8's heap); anything else as UTF-8.
 */
function textOf(bytes: Buffer): string {
    const isAscii = (nodeBuffer as { isAscii?: (input: Uint8Array) => boolean }).isAscii;
    return typeof isAscii === 'function' && isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function bytecodeSize(): number {
    return v8.getHeapCodeStatistics().bytecode_and_metadata_size;
}

/** The cache's V8 data and the bytecode size of the run that made it; undefined when absent or damaged. */
function readCache(file: string): { data: Buffer; bytecode: number } | undefined {
    let bytes: Buffer;
    try {
        bytes = fs.readFileSync(file);
    } catch {
        return undefined;
    }
    if (bytes.length <= HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    const data = bytes.subarray(HEADER_BYTES);
    if (crc32!(data) !== bytes.readUInt32LE(4)) return undefined;
    return { data, bytecode: bytes.readUInt32LE(8) };
}

/**
 * Writes the script's cache atomically (io/atomic-write.ts) and removes the caches of earlier bundles of its name;
 * false when it could not.
 */
function writeCache(entry: Loaded, bytecode: number): boolean {
    try {
        const data = entry.script.createCachedData();
        const header = Buffer.alloc(HEADER_BYTES);
        header.writeUInt32LE(MAGIC, 0);
        header.writeUInt32LE(crc32!(data), 4);
        header.writeUInt32LE(Math.min(Math.max(bytecode, 1), 0xffffffff), 8);
        writeFileAtomic(entry.file, Buffer.concat([header, data]));
        const dir = path.dirname(entry.file);
        for (const name of fs.readdirSync(dir)) {
            const other = path.join(dir, name);
            if (other === entry.file || !name.startsWith(`${entry.name}-`) || !name.endsWith('.v8')) continue;
            fs.rmSync(other, { force: true });
            removeStaleTemps(other);
        }
        return true;
    } catch {
        // Best effort: no cache only means the next run compiles as this one did.
        return false;
    }
}
