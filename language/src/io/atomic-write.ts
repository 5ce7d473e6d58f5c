/**
 * Atomic file output: write a temporary file beside the target, flush it to disk, then rename
 * over the target. A reader (or a crash mid-write) sees either the old file or the new one,
 * never a partial file. Nothing the user had is lost when a write fails.
 *
 * `writeFilesAtomic` does the same for a set of files of one folder (the four files of a
 * catalogue), all or nothing — see there.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function writeFileAtomic(target: string, data: string | Uint8Array): void {
    const dir = path.dirname(target);
    fs.mkdirSync(dir, { recursive: true });
    const temp = tempName(target, uniqueStamp());
    writeSynced(temp, data);
    try {
        fs.renameSync(temp, target);
    } catch (error) {
        fs.rmSync(temp, { force: true });
        throw error;
    }
    removeStaleTemps(target);
}

/** `.NAME.PID.STAMP.tmp` beside `target`: hidden, and recognisably this process's. */
function tempName(target: string, stamp: string): string {
    return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${stamp}.tmp`);
}

let lastStamp = '';
let sequence = 0;

/**
 * A stamp unique within this process that sorts by time: base 36 milliseconds, then a counter
 * within the same millisecond (3 base 36 digits).
 */
function uniqueStamp(): string {
    const time = Date.now().toString(36);
    sequence = time === lastStamp ? sequence + 1 : 0;
    lastStamp = time;
    return `${time}${sequence.toString(36).padStart(3, '0')}`;
}

/**
 * What a file of `writeFilesAtomic` holds: its text (UTF-8) or bytes, or a producer of its text in
 * pieces, called when the file is written — so a large output is never held whole, and the files
 * of a set are not all in memory at once.
 */
export type FileContent = string | Uint8Array | ((emit: (piece: string) => void) => void);

/** Pieces of a produced text are encoded into a buffer of this many bytes, written out when full. */
const BATCH_BYTES = 1 << 20;

/** Pieces of a produced text are joined until they hold this many UTF-16 code units, then encoded. */
const PENDING_UNITS = 1 << 14;

/** Most UTF-8 bytes one UTF-16 code unit takes (a surrogate pair: 4 bytes for 2 units). */
const UTF8_PER_UNIT = 3;

/** Writes `data` to a new file and flushes it to disk; removes the file when that fails. */
function writeSynced(file: string, data: FileContent): void {
    const fd = fs.openSync(file, 'w');
    try {
        if (typeof data === 'function') {
            // Each piece is encoded straight into one reused buffer: joining the pieces into a
            // string and encoding that cost as much CPU as generating them (~0.3 s for the
            // 24 MB of a 2,000-OCI catalogue).
            // Small pieces (a line of a table) are first joined into runs of about PENDING_UNITS code units: one
            // encoding call per run, not per piece (~0.5 million pieces in a catalogue of 2,000 OCIs).
            const buffer = Buffer.allocUnsafe(BATCH_BYTES);
            let used = 0;
            let pending = '';
            const encode = (text: string) => {
                if (used + text.length * UTF8_PER_UNIT > BATCH_BYTES) {
                    writeAll(fd, buffer.subarray(0, used));
                    used = 0;
                    if (text.length * UTF8_PER_UNIT > BATCH_BYTES) {
                        writeAll(fd, Buffer.from(text, 'utf8'));
                        return;
                    }
                }
                used += buffer.write(text, used, 'utf8');
            };
            data(piece => {
                pending += piece;
                if (pending.length >= PENDING_UNITS) {
                    encode(pending);
                    pending = '';
                }
            });
            if (pending.length > 0) encode(pending);
            if (used > 0) writeAll(fd, buffer.subarray(0, used));
        } else {
            writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
        }
        fs.fsyncSync(fd);
    } catch (error) {
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw error;
    }
    fs.closeSync(fd);
}

/** Writes every byte (a write may take only part of a large buffer). */
function writeAll(fd: number, bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** Flushes a folder's entries (the renames in it) to disk where the system allows it (not on Windows). */
function syncDir(dir: string): void {
    let fd: number | undefined;
    try {
        fd = fs.openSync(dir, 'r');
        fs.fsyncSync(fd);
    } catch {
        // Windows cannot open a folder; some file systems refuse fsync on one. Best effort.
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

/**
 * Writes several files of one folder all or nothing, in three steps:
 *
 *  1. every file is written to its hidden temporary (`.NAME.PID.STAMP.tmp`) and flushed — the
 *     files of the folder are untouched;
 *  2. the commit: a journal `.GROUP.PID.STAMP.journal` listing the names is written atomically —
 *     before it exists the write never happened, once it exists it will complete;
 *  3. each temporary is renamed over its file, in the order given (the last one is what readers
 *     watch), and the journal is removed.
 *
 * A process killed before the commit leaves the previous files as they were (and temporaries,
 * removed by the next write). Killed during the renames — a window of a few system calls — it
 * leaves the journal, and `recoverFilesAtomic` (run first by every `writeFilesAtomic` on the
 * folder) completes the renames: the folder is then entirely new, never a mix. A write that fails
 * before the commit (disk full…) removes its temporaries and throws an AtomicWriteError, the files
 * untouched; a rename that fails after it (a file held open on Windows) throws one with
 * `committed`, the journal left for the next write to complete.
 *
 * `files` are plain names (no folders); `allowed` is every name the group may ever hold (the
 * recovery renames nothing else, whatever a journal says). Returns the absolute paths, in order.
 */
export function writeFilesAtomic(
    dir: string,
    group: string,
    files: ReadonlyArray<readonly [name: string, data: FileContent]>,
    allowed: readonly string[] = files.map(f => f[0])
): string[] {
    for (const [name] of files) {
        if (!isPlainName(name) || !allowed.includes(name)) throw new Error(`writeFilesAtomic: nome inválido: ${name}`);
    }
    try {
        fs.mkdirSync(dir, { recursive: true });
        recoverFilesAtomic(dir, group, allowed);
    } catch (error) {
        const reason = isNonFolder(dir) ? 'não é uma pasta' : describe(error);
        throw new AtomicWriteError(
            `Não foi possível gravar em ${dir}: ${reason}. Nenhum arquivo foi alterado.`,
            false,
            error
        );
    }
    const stamp = uniqueStamp();
    const staged: Array<[temp: string, target: string]> = [];
    try {
        for (const [name, data] of files) {
            const target = path.resolve(dir, name);
            // What would make a rename fail after the commit is refused before it.
            if (fs.lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${name} é uma pasta`);
            const temp = tempName(target, stamp);
            writeSynced(temp, data);
            staged.push([temp, target]);
        }
        const journal = journalName(dir, group, process.pid, stamp);
        writeSynced(`${journal}.tmp`, JSON.stringify({ arquivos: files.map(f => f[0]) }) + '\n');
        fs.renameSync(`${journal}.tmp`, journal);
    } catch (error) {
        for (const [temp] of staged) fs.rmSync(temp, { force: true });
        fs.rmSync(`${journalName(dir, group, process.pid, stamp)}.tmp`, { force: true });
        throw new AtomicWriteError(
            `Não foi possível gravar em ${dir}: ${describe(error)}. Nenhum arquivo foi alterado.`,
            false,
            error
        );
    }
    syncDir(dir);
    // Committed: from here on the files become the new ones — now, or at the next write's recovery.
    for (const [temp, target] of staged) {
        try {
            fs.renameSync(temp, target);
        } catch (error) {
            // Windows refuses to replace a file another program holds open. The journal stays:
            // the next write into the folder completes this one first.
            throw new AtomicWriteError(
                `Não foi possível substituir ${target}: ${describe(error)}. A gravação foi confirmada e será completada ` +
                    'na próxima gravação nesta pasta (feche o arquivo, se estiver aberto, e repita).',
                true,
                error
            );
        }
    }
    syncDir(dir);
    fs.rmSync(journalName(dir, group, process.pid, stamp), { force: true });
    for (const [, target] of staged) removeStaleTemps(target);
    return staged.map(([, target]) => target);
}

/**
 * A write of `writeFilesAtomic` that failed; `committed` says whether it will be completed by the next write (else
 * nothing changed).
 */
export class AtomicWriteError extends Error {
    override readonly name = 'AtomicWriteError';
    constructor(
        message: string,
        readonly committed: boolean,
        cause: unknown
    ) {
        super(message, { cause });
    }
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

function isNonFolder(file: string): boolean {
    try {
        const stats = fs.statSync(file, { throwIfNoEntry: false });
        return stats !== undefined && !stats.isDirectory();
    } catch {
        return false;
    }
}

function journalName(dir: string, group: string, pid: number, stamp: string): string {
    return path.resolve(dir, `.${group}.${pid}.${stamp}.journal`);
}

function isPlainName(name: string): boolean {
    return name.length > 0 && name !== '.' && name !== '..' && !/[\\/\0]/.test(name);
}

/**
 * Completes the writes of `writeFilesAtomic` that were committed but interrupted (their process
 * is gone): for each journal of `group` in `dir`, oldest first, renames the temporaries that are
 * still there over their files, then removes the journal. Temporaries without a journal are
 * left to `removeStaleTemps`. Only names in `allowed` are ever touched. Returns how many journals
 * it completed. Never throws for an unreadable journal (it is removed: it was never committed).
 */
export function recoverFilesAtomic(dir: string, group: string, allowed: readonly string[]): number {
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return 0;
    }
    const pattern = new RegExp(`^\\.${escapeRegExp(group)}\\.(\\d+)\\.([0-9a-z]+)\\.journal(\\.tmp)?$`);
    const journals = names
        .map(name => ({ name, m: pattern.exec(name) }))
        .filter((j): j is { name: string; m: RegExpExecArray } => j.m !== null)
        .map(({ name, m }) => ({ name, pid: Number(m[1]), stamp: m[2]!, temporary: m[3] !== undefined }))
        // A write of this process is synchronous: none of its own is under way while this runs.
        .filter(j => j.pid === process.pid || !isAlive(j.pid))
        .sort((a, b) => a.stamp.length - b.stamp.length || (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
    let completed = 0;
    for (const j of journals) {
        const file = path.join(dir, j.name);
        if (!j.temporary) {
            let arquivos: unknown;
            try {
                arquivos = (JSON.parse(fs.readFileSync(file, 'utf8')) as { arquivos?: unknown }).arquivos;
            } catch {
                arquivos = undefined;
            }
            if (Array.isArray(arquivos)) {
                for (const name of arquivos) {
                    if (typeof name !== 'string' || !isPlainName(name) || !allowed.includes(name)) continue;
                    const target = path.resolve(dir, name);
                    const temp = path.join(dir, `.${name}.${j.pid}.${j.stamp}.tmp`);
                    if (fs.existsSync(temp)) fs.renameSync(temp, target);
                }
                syncDir(dir);
                completed++;
            }
        }
        fs.rmSync(file, { force: true });
    }
    return completed;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the temporary files of `target` left by writers that were killed (their process is
 * gone), so that a folder never accumulates them. A file of a live process is left alone.
 */
export function removeStaleTemps(target: string): void {
    const dir = path.dirname(target);
    const prefix = `.${path.basename(target)}.`;
    let names: string[];
    try {
        names = fs.readdirSync(dir);
    } catch {
        return;
    }
    for (const name of names) {
        const pid =
            name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length).split('.')[0]) : NaN;
        if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
        fs.rmSync(path.join(dir, name), { force: true });
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}
