/**
 * Process-wide cache of loaded SIGTAP competências, shared by every document: a zip is read
 * once and reused while its size and modification time stay the same; a changed file is read
 * again. Failures are remembered the same way, so a broken zip is not re-read on every
 * validation — only when the file changes. A missing file is not cached (checking is cheap).
 *
 * Across processes, a table read from a zip is kept as a snapshot (snapshot.ts) in the cache
 * folder (`snapshotDir`), keyed by the SHA-256 of the zip's bytes: the next process — every CLI
 * run, every server start — finds the zip's hash and opens the snapshot in a few ms: its rows are
 * decoded only when asked for. The hash is remembered beside the snapshots in a stamp per zip path
 * (its size, modification and change times in ns, inode and device when it was hashed): while the
 * zip's stat is the same the zip is neither read nor hashed, else it is hashed again (readZipStamp).
 * A snapshot is used only when its header names the same zip hash and the same snapshot format
 * (SNAPSHOT_FORMAT, so never across versions of the reader) and its payload has the length and the
 * CRC-32 the header records (zlib's, under 1 ms for the full table; the payload is trusted against
 * accidents, not against whoever can write the cache folder, who could write a matching SHA-256 as
 * well); anything else (truncated, corrupt, stale) is ignored and rewritten. A payload that hashes right
 * but does not decode (which only a faulty writer makes) is given up at the first malformed
 * section: the zip is read, the table answers from it and the snapshot is rewritten. Snapshots
 * are written atomically and best effort: a folder that cannot be written only means the zip is
 * read every time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, type BigIntStats } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { SigtapTable } from './types.js';
import { SigtapError } from './errors.js';
import { loadSigtapFile, loadSigtapZip, readSigtapZipParts, sigtapFileError } from './reader.js';
import { LoadedSigtapTable, type OciExtras } from './table.js';
import { SNAPSHOT_FORMAT, decodeSnapshot, encodeSnapshot, type IndexProof, type SnapshotParts } from './snapshot.js';
import { crc32 } from './zip.js';
import { writeFileAtomic } from '../io/atomic-write.js';

/**
 * Snapshots kept in the cache folder, the most recently used (a snapshot read is touched); older
 * ones are removed when one is written (tests that make many zips must not evict the one in use).
 */
const MAX_SNAPSHOTS = 16;
const SNAPSHOT_NAME = /^sigtap-[0-9a-f]{64}-[0-9a-z-]+\.snap$/;

/** Zip stamps kept in the cache folder (one per zip path, readZipStamp), the most recently written. */
const MAX_STAMPS = 64;
const STAMP_NAME = /^sigtap-zip-[0-9a-f]{16}\.json$/;

/**
 * A stamp proves a zip's hash only for a zip last changed this long before the stamp was taken (ns): a change in the
 * same tick of a coarse file clock (2 s on FAT, 1 s on ext3 and HFS+) could otherwise leave the same stat behind with
 * other bytes — git's "racily clean" entries. A stamp too recent for that is not used; the zip is hashed and stamped
 * again (then no longer recent).
 */
const RACY_NS = 2_000_000_000n;

/**
 * The cache folder: `OCI_CACHE_DIR` (`off` disables the snapshots), else
 * `$XDG_CACHE_HOME/oci-catalogo`, else `~/.cache/oci-catalogo`; undefined when disabled or unknown.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const given = env.OCI_CACHE_DIR?.trim();
    if (given) return given.toLowerCase() === 'off' ? undefined : resolve(given);
    const xdg = env.XDG_CACHE_HOME?.trim();
    if (xdg && isAbsolute(xdg)) return join(xdg, 'oci-catalogo');
    try {
        const home = homedir();
        return home ? join(home, '.cache', 'oci-catalogo') : undefined;
    } catch {
        return undefined;
    }
}

/** Where the snapshot of the zip whose SHA-256 is `sha256` lives in `dir`. */
export function snapshotPath(dir: string, sha256: string): string {
    return join(dir, `sigtap-${sha256}-${SNAPSHOT_FORMAT}.snap`);
}

interface Entry {
    size: number;
    mtimeMs: number;
    table?: SigtapTable;
    error?: SigtapError;
}

export class SigtapCache {
    private readonly entries = new Map<string, Entry>();

    /** undefined: the default folder (defaultCacheDir, read at each load); null: no snapshots. */
    private snapshotDir: string | null | undefined;

    /** `load` replaces the reading of a zip (tests); with it, no snapshot is read or written. */
    constructor(
        private readonly load?: (path: string) => SigtapTable,
        options: { snapshotDir?: string | null } = {}
    ) {
        this.snapshotDir = options.snapshotDir;
    }

    /** The folder of the snapshots (e.g. the editor's storage); null turns them off, undefined restores the default. */
    setSnapshotDir(dir: string | null | undefined): void {
        this.snapshotDir = dir;
    }

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
            entry.table = this.load ? this.load(absPath) : this.loadZip(absPath);
        } catch (error) {
            entry.error =
                error instanceof SigtapError
                    ? error
                    : new SigtapError('sigtap/erro-leitura', `Falha ao ler a tabela SIGTAP ${absPath}.`, {
                          arquivo: absPath,
                          cause: error
                      });
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

    /** The table of a zip file: from its snapshot when there is a good one, else read (and the snapshot written). */
    private loadZip(absPath: string): SigtapTable {
        const dir = this.snapshotDir === undefined ? defaultCacheDir() : (this.snapshotDir ?? undefined);
        const arquivo = basename(absPath);
        // The zip's hash from its stamp: the snapshot is opened without reading the zip.
        const stamped = dir ? readZipStamp(dir, absPath) : undefined;
        if (dir && stamped) {
            const table = this.fromSnapshot(absPath, arquivo, stamped, dir);
            if (table) return table;
        }
        const before = dir ? zipStat(absPath) : undefined;
        let bytes: Uint8Array;
        try {
            bytes = readFileSync(absPath);
        } catch {
            return loadSigtapFile(absPath); // the reader words the error
        }
        if (!dir) return loadSigtapZip(bytes, arquivo);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (before) writeZipStamp(dir, absPath, before, sha256);
        if (sha256 !== stamped) {
            const table = this.fromSnapshot(absPath, arquivo, sha256, dir);
            if (table) return table;
        }
        const file = snapshotPath(dir, sha256);
        const { core, loadExtras } = readSigtapZipParts(bytes, arquivo);
        let extras: OciExtras;
        try {
            extras = loadExtras();
        } catch (error) {
            // As without a snapshot: the table works, its OCI view fails with this error; nothing is kept.
            return new LoadedSigtapTable(core, () => {
                throw error;
            });
        }
        writeSnapshot(dir, file, { core, extras });
        return new LoadedSigtapTable(core, () => extras);
    }

    /** The table from the snapshot of the zip whose SHA-256 is `sha256`, when there is a good one. */
    private fromSnapshot(absPath: string, arquivo: string, sha256: string, dir: string): SigtapTable | undefined {
        const file = snapshotPath(dir, sha256);
        const parts = readSnapshot(file, sha256, () => recoverParts(absPath, arquivo, sha256, dir, file));
        if (!parts) return undefined;
        touch(file);
        // The same bytes may have another name here than where the snapshot was made.
        parts.core.arquivo = arquivo;
        return new LoadedSigtapTable(parts.core, () => parts.extras);
    }

    private stat(absPath: string): { size: number; mtimeMs: number } {
        try {
            const stats = statSync(absPath);
            if (stats.isFile()) return { size: stats.size, mtimeMs: stats.mtimeMs };
            this.entries.delete(absPath);
            throw new SigtapError('sigtap/arquivo-inexistente', `${absPath} não é um arquivo zip da tabela SIGTAP.`, {
                arquivo: absPath
            });
        } catch (error) {
            if (error instanceof SigtapError) throw error;
            this.entries.delete(absPath);
            throw sigtapFileError(absPath, error);
        }
    }
}

/** The cache shared by the language server, the CLI and the tests. */
export const sigtapCache = new SigtapCache();

/**
 * The parts in the snapshot file, or undefined when it is missing or not to be trusted: header
 * of another format or zip, payload of another length or CRC-32, directory that does not decode.
 * The rows are decoded on first use (snapshot.ts); a section that proves malformed then calls
 * `recover` (by default, the error is thrown).
 */
export function readSnapshot(file: string, sha256: string, recover?: () => SnapshotParts): SnapshotParts | undefined {
    let bytes: Buffer;
    try {
        bytes = readFileSync(file);
    } catch {
        return undefined;
    }
    // Decoded with TextDecoder, not Buffer#toString: in the browser build (the playground) the bytes are a Uint8Array.
    const newline = bytes.indexOf(10);
    if (newline < 0 || newline > 4096) return undefined;
    let header: { format?: unknown; zip?: unknown; crc32?: unknown; bytes?: unknown };
    try {
        header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as typeof header;
    } catch {
        return undefined;
    }
    const payload = bytes.subarray(newline + 1);
    if (header.format !== SNAPSHOT_FORMAT || header.zip !== sha256 || header.bytes !== payload.length) return undefined;
    const crc = crc32(payload);
    if (crc !== header.crc32) return undefined;
    // The payload is ASCII (snapshot.ts): it is kept as bytes, and a section becomes a one-byte string on first use.
    const parts = decodeSnapshot(payload, recover, indexProof(file, crc, payload.length));
    return parts && parts.core.sha256 === sha256 ? parts : undefined;
}

/** Where the sections whose index a reader checked are kept for the snapshot `file` (IndexProof). */
export function indexProofPath(file: string): string {
    return `${file}.checked`;
}

/** What an index proof file holds: the payload it was made for (CRC-32 and length) and the sections checked. */
interface IndexProofFile {
    crc32: number;
    bytes: number;
    secoes: string[];
}

/**
 * The index proof of the snapshot `file` whose payload has CRC-32 `crc` and `length` bytes: the sections a reader of
 * that payload checked (none when the proof is missing, unreadable or of other bytes), and, told of the sections
 * checked here, the proof rewritten with them — later, not while the diagnostics are being made: after a second, or
 * when the process exits (the CLI). Best effort, as the snapshot: without a proof the indexes are checked again.
 */
function indexProof(file: string, crc: number, length: number): IndexProof {
    const proofFile = indexProofPath(file);
    const checked = new Set<string>();
    try {
        const proof = JSON.parse(readFileSync(proofFile, 'utf8') as string) as Partial<IndexProofFile>;
        if (proof.crc32 === crc && proof.bytes === length && Array.isArray(proof.secoes))
            for (const name of proof.secoes) if (typeof name === 'string') checked.add(name);
    } catch {
        // No proof: every index is checked on first use.
    }
    const proved = checked.size;
    return {
        checked,
        onChecked(name: string): void {
            checked.add(name);
            if (checked.size > proved)
                pendingProofs.set(proofFile, JSON.stringify({ crc32: crc, bytes: length, secoes: [...checked] }));
            scheduleProofs();
        }
    };
}

/** Index proofs to write: file → text (the latest wins). */
const pendingProofs = new Map<string, string>();
let proofTimer: ReturnType<typeof setTimeout> | undefined;
let flushOnExit = false;

function scheduleProofs(): void {
    if (pendingProofs.size === 0 || proofTimer) return;
    proofTimer = setTimeout(writeProofs, 1000);
    (proofTimer as { unref?: () => void }).unref?.();
    if (!flushOnExit && typeof process === 'object' && typeof process.on === 'function') {
        flushOnExit = true;
        process.on('exit', writeProofs);
    }
}

/** Writes the pending proofs, each atomically as the snapshots are (a folder that cannot be written keeps none). */
function writeProofs(): void {
    if (proofTimer) clearTimeout(proofTimer);
    proofTimer = undefined;
    for (const [file, text] of pendingProofs) {
        try {
            writeFileAtomic(file, text);
        } catch {
            // Best effort: without a proof the indexes are checked again.
        }
    }
    pendingProofs.clear();
}

/**
 * The parts of the zip a snapshot was made of, read again because the snapshot proved malformed; the snapshot is
 * rewritten from them. A zip that changed meanwhile is not mixed with the snapshot's rows: the error says so (the
 * cache reads it again on its next look-up, its size or time having changed).
 */
function recoverParts(absPath: string, arquivo: string, sha256: string, dir: string, file: string): SnapshotParts {
    const bytes = readFileSync(absPath);
    const { core, loadExtras } = readSigtapZipParts(bytes, arquivo);
    if (core.sha256 !== sha256)
        throw new SigtapError('sigtap/erro-leitura', `${absPath} mudou durante a leitura da tabela SIGTAP.`, {
            arquivo: absPath
        });
    const parts = { core, extras: loadExtras() };
    rmSync(file, { force: true });
    writeSnapshot(dir, file, parts);
    return parts;
}

/** Marks a snapshot as just used (its modification time), so that it is the last to be evicted. */
function touch(file: string): void {
    try {
        const now = new Date();
        utimesSync(file, now, now);
    } catch {
        // A read-only cache folder still serves its snapshots.
    }
}

/** Writes a snapshot atomically, then keeps only the MAX_SNAPSHOTS newest of the folder; failures are ignored. */
function writeSnapshot(dir: string, file: string, parts: SnapshotParts): void {
    try {
        mkdirSync(dir, { recursive: true });
        const payload = Buffer.from(encodeSnapshot(parts), 'latin1'); // ASCII
        const header = JSON.stringify({
            format: SNAPSHOT_FORMAT,
            zip: parts.core.sha256,
            crc32: crc32(payload),
            bytes: payload.length
        });
        writeFileAtomic(file, Buffer.concat([Buffer.from(header + '\n', 'utf8'), payload]));
        // An old snapshot goes with its index proof.
        pruneOldest(dir, SNAPSHOT_NAME, MAX_SNAPSHOTS, old => rmSync(indexProofPath(old), { force: true }));
    } catch {
        // Best effort: without a snapshot the next process reads the zip, as it always could.
    }
}

/** What a stamp records of a zip's stat: size, modification and change times (ns), inode and device. */
interface ZipStat {
    size: string;
    mtimeNs: string;
    ctimeNs: string;
    ino: string;
    dev: string;
}

/** A zip stamp: the zip's path and stat when it was hashed, its SHA-256, and when the stat was taken (ns). */
interface ZipStamp extends ZipStat {
    path: string;
    sha256: string;
    takenNs: string;
}

/** The stat a stamp compares, or undefined when the file cannot be stat'ed with nanoseconds (the browser build). */
function zipStat(absPath: string): (ZipStat & { takenNs: string }) | undefined {
    try {
        // The time first: a change after it gives the zip a later stat, or one the racy rule refuses.
        const takenNs = (BigInt(Date.now()) * 1_000_000n).toString();
        const s = statSync(absPath, { bigint: true }) as BigIntStats | undefined;
        if (!s || typeof s.mtimeNs !== 'bigint') return undefined;
        return {
            size: s.size.toString(),
            mtimeNs: s.mtimeNs.toString(),
            ctimeNs: s.ctimeNs.toString(),
            ino: s.ino.toString(),
            dev: s.dev.toString(),
            takenNs
        };
    } catch {
        return undefined;
    }
}

/** Where the stamp of the zip at `absPath` lives in `dir` (the path's fingerprint; the stamp names the path too). */
export function zipStampPath(dir: string, absPath: string): string {
    return join(dir, `sigtap-zip-${createHash('sha256').update(absPath).digest('hex').slice(0, 16)}.json`);
}

/**
 * The SHA-256 a stamp in `dir` records for the zip at `absPath`, when the zip's stat is still the one stamped —
 * same size, modification and change times to the nanosecond, inode and device — and the zip had not changed for
 * RACY_NS when the stamp was taken; else undefined (the zip is then read and hashed).
 */
export function readZipStamp(dir: string, absPath: string): string | undefined {
    let stamp: Partial<ZipStamp>;
    try {
        stamp = JSON.parse(readFileSync(zipStampPath(dir, absPath), 'utf8') as string) as Partial<ZipStamp>;
    } catch {
        return undefined;
    }
    const now = zipStat(absPath);
    if (!now || typeof stamp !== 'object' || stamp === null || stamp.path !== absPath) return undefined;
    if (typeof stamp.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(stamp.sha256)) return undefined;
    for (const field of ['size', 'mtimeNs', 'ctimeNs', 'ino', 'dev'] as const)
        if (stamp[field] !== now[field]) return undefined;
    try {
        const changed = BigInt(now.mtimeNs) > BigInt(now.ctimeNs) ? BigInt(now.mtimeNs) : BigInt(now.ctimeNs);
        if (typeof stamp.takenNs !== 'string' || changed + RACY_NS >= BigInt(stamp.takenNs)) return undefined;
    } catch {
        return undefined; // not a number
    }
    return stamp.sha256;
}

/** Records that the zip at `absPath`, of `stat` (taken before its bytes were read), hashes to `sha256`; best effort. */
function writeZipStamp(dir: string, absPath: string, stat: ZipStat & { takenNs: string }, sha256: string): void {
    try {
        const stamp: ZipStamp = { path: absPath, sha256, ...stat };
        const file = zipStampPath(dir, absPath);
        const text = JSON.stringify(stamp);
        let current: string | undefined;
        try {
            current = readFileSync(file, 'utf8') as string;
        } catch {
            current = undefined;
        }
        if (current === text) return;
        mkdirSync(dir, { recursive: true });
        writeFileAtomic(file, text);
        pruneOldest(dir, STAMP_NAME, MAX_STAMPS);
    } catch {
        // Best effort: without a stamp the zip is hashed, as it always could be.
    }
}

/**
 * Removes the files of `dir` named by `pattern` beyond the `keep` most recently modified (and, through `alsoRemove`,
 * what goes with each).
 */
function pruneOldest(dir: string, pattern: RegExp, keep: number, alsoRemove?: (file: string) => void): void {
    const files = readdirSync(dir)
        .filter(name => pattern.test(name))
        .map(name => ({ name, mtimeMs: statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
        .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const old of files.slice(keep)) {
        rmSync(join(dir, old.name), { force: true });
        alsoRemove?.(join(dir, old.name));
    }
}
