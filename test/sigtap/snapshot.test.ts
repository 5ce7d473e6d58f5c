/**
 * The SIGTAP snapshot (language/src/sigtap/snapshot.ts, cache.ts): a table rebuilt from a snapshot
 * is exactly the table read from the zip — every field of every table, in the reader's order — on
 * the example's subset zip and on the full DATASUS 2026-01 zip; and a snapshot that is truncated,
 * corrupt, of another format or of another zip is never trusted: the zip is read and the snapshot
 * rewritten.
 */
import {
    copyFileSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    rmSync,
    statSync,
    utimesSync,
    writeFileSync
} from 'node:fs';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
    SigtapCache,
    defaultCacheDir,
    indexProofPath,
    readSnapshot,
    readZipStamp,
    snapshotPath,
    zipStampPath
} from '../../language/src/sigtap/cache.js';
import { readSigtapZipParts } from '../../language/src/sigtap/reader.js';
import {
    SNAPSHOT_FORMAT,
    decodeSnapshot,
    encodeSnapshot,
    type SnapshotParts
} from '../../language/src/sigtap/snapshot.js';
import { LoadedSigtapTable } from '../../language/src/sigtap/table.js';
import type { SigtapProcedimento, SigtapTable } from '../../language/src/sigtap/types.js';
import { repoRoot, zipPath } from './fixtures.js';

const SUBSET = resolve(repoRoot, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
const work = mkdtempSync(join(tmpdir(), 'sigtap-snapshot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sha256(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
}

/** The parts the reader makes of a zip, the OCI extras read. */
function zipParts(path: string): SnapshotParts {
    const { core, loadExtras } = readSigtapZipParts(readFileSync(path), path.split('/').at(-1)!);
    return { core, extras: loadExtras() };
}

/** Every map of the parts as entry lists: equal lists mean equal content in the same order. */
function entries(parts: SnapshotParts): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [group, record] of Object.entries(parts)) {
        for (const [name, value] of Object.entries(record as object)) {
            out[`${group}.${name}`] =
                typeof value === 'object' && typeof (value as Map<string, unknown>).entries === 'function'
                    ? [...value].map(([k, v]) => [
                          k,
                          v,
                          v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : undefined
                      ])
                    : value;
        }
    }
    return out;
}

/** The table as every reader of the SigtapTable interface sees it: iterated, and looked up key by key. */
function observable(table: SigtapTable): unknown {
    const codes = [...table.procedimentos.keys()];
    const cids = [...table.cids.keys()];
    return {
        lookups: [
            codes.map(c => table.procedimentos.get(c)),
            cids.map(c => [table.cids.has(c), table.cids.get(c)]),
            [...table.subgrupos.keys()].map(c => table.subgrupos.get(c)),
            ['0000000000', '030101007', '03010100720', 'ZZZZ', '', 'A00 '].map(c => [
                table.procedimentos.has(c),
                table.procedimentos.get(c),
                table.cids.has(c)
            ]),
            [table.procedimentos.size, table.cids.size, table.detalhes.size]
        ],
        competencia: table.competencia,
        arquivo: table.arquivo,
        sha256: table.sha256,
        procedimentos: [...table.procedimentos],
        cids: [...table.cids],
        grupos: [...table.grupos],
        subgrupos: [...table.subgrupos],
        formasOrganizacao: [...table.formasOrganizacao],
        detalhes: [...table.detalhes],
        relacoes: codes.map(c => [
            c,
            table.cidsPorProcedimento(c),
            table.registrosPorProcedimento(c),
            table.compativeisPorProcedimento!(c)
        ]),
        ocis: table.ociCodigos().map(c => table.oci(c))
    };
}

describe.each([
    ['the example subset zip', SUBSET],
    ['the full DATASUS 2026-01 zip', zipPath]
])('snapshot of %s', (_name, zip) => {
    it('decodes to exactly the parts the reader makes of the zip', () => {
        const parts = zipParts(zip);
        const decoded = decodeSnapshot(encodeSnapshot(parts));
        expect(decoded).toBeDefined();
        expect(entries(decoded!)).toEqual(entries(parts));
        // Sanity: the comparison sees the content (a full table has thousands of procedures).
        expect(parts.core.procedimentos.size).toBeGreaterThan(30);
        expect(parts.extras.descricoes.size).toBeGreaterThan(0);
    });

    it('gives the same table through the cache: zip read once, then the snapshot', () => {
        const dir = mkdtempSync(join(work, 'dir-'));
        const fromZip = new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        const file = snapshotPath(dir, fromZip.sha256);
        expect(readSnapshot(file, fromZip.sha256)).toBeDefined();
        const fromSnapshot = new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        const plain = new SigtapCache(undefined, { snapshotDir: null }).get(zip);
        expect(observable(fromSnapshot)).toEqual(observable(plain));
        expect(observable(fromZip)).toEqual(observable(plain));
    });
});

describe('snapshot text', () => {
    it('is ASCII, and decodes to the same names whatever their characters (accents, symbols, astral)', () => {
        const parts = zipParts(SUBSET);
        const [codigo, procedimento] = [...parts.core.procedimentos][0]!;
        const nome = 'AVALIAÇÃO — 1º ✓ 😀 \u007f';
        (parts.core.procedimentos as Map<string, SigtapProcedimento>).set(codigo, { ...procedimento, nome });
        const text = encodeSnapshot(parts);
        expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
        expect(text).toContain('AVALIA\\u00c7\\u00c3O');
        const decoded = decodeSnapshot(text)!;
        expect(decoded.core.procedimentos.get(codigo)?.nome).toBe(nome);
        expect(entries(decoded)).toEqual(entries(parts));
    });
});

describe('snapshot trust', () => {
    const zipBytes = readFileSync(SUBSET);
    const sha = sha256(zipBytes);

    /** A snapshot file as cache.ts writes it, for planting variants. */
    function snapshotFile(
        payload: string | Buffer,
        header: Partial<Record<'format' | 'zip' | 'crc32' | 'bytes', unknown>> = {}
    ): Buffer {
        const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
        const head = { format: SNAPSHOT_FORMAT, zip: sha, crc32: crc32(body), bytes: body.length, ...header };
        return Buffer.concat([Buffer.from(JSON.stringify(head) + '\n'), body]);
    }

    function setup(): { dir: string; file: string; cache: () => SigtapCache; zip: string } {
        const dir = mkdtempSync(join(work, 'trust-'));
        const zip = join(dir, 'TabelaUnificada_202601_subset.zip');
        copyFileSync(SUBSET, zip);
        return {
            dir,
            zip,
            file: snapshotPath(join(dir, 'cache'), sha),
            cache: () => new SigtapCache(undefined, { snapshotDir: join(dir, 'cache') })
        };
    }

    const truth = observable(new SigtapCache(undefined, { snapshotDir: null }).get(SUBSET));
    const CONSULTA = '0301010072';

    it('uses a snapshot whose header proves it (a planted name shows through)', () => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const parts = readSnapshot(file, sha)!;
        (parts.core.procedimentos.get(CONSULTA) as { nome: string }).nome = 'PLANTADO';
        writeFileSync(file, snapshotFile(encodeSnapshot(parts)));
        expect(cache().get(zip).procedimentos.get(CONSULTA)?.nome).toBe('PLANTADO');
    });

    /** The payload of a snapshot file, its directory and the offset of its body (the sections) in the payload. */
    function payloadOf(good: Buffer): { payload: Buffer; directory: { secoes: number[][] }; body: number } {
        const payload = good.subarray(good.indexOf(10) + 1);
        const newline = payload.indexOf(10);
        return {
            payload,
            directory: JSON.parse(payload.subarray(0, newline).toString()) as { secoes: number[][] },
            body: newline + 1
        };
    }

    /** The good snapshot with the bytes of `what` (in section `section`'s lines) replaced, hashed right. */
    function replaced(good: Buffer, section: string, what: string, by: Buffer | string): Buffer {
        const { payload, directory, body } = payloadOf(good);
        const [, start, rowsEnd] = directory.secoes.find(([name]) => (name as unknown as string) === section)!;
        const at = payload.indexOf(what, body + start!);
        expect(at).toBeGreaterThan(0);
        expect(at).toBeLessThan(body + rowsEnd!);
        const bad = Buffer.from(payload);
        Buffer.from(by).copy(bad, at);
        return snapshotFile(bad);
    }

    it.each([
        ['truncated', (good: Buffer) => good.subarray(0, Math.floor(good.length / 2))],
        ['truncated inside the header', (good: Buffer) => good.subarray(0, 40)],
        ['empty', () => Buffer.alloc(0)],
        [
            'with one payload byte changed',
            (good: Buffer) => {
                const bad = Buffer.from(good);
                const at = bad.indexOf('CONSULTA');
                bad[at] = 'K'.charCodeAt(0);
                return bad;
            }
        ],
        [
            'of another snapshot format',
            (good: Buffer) => snapshotFile(payloadOf(good).payload.toString(), { format: 'sigtap-snapshot-0-00000000' })
        ],
        ['of another zip', (good: Buffer) => snapshotFile(payloadOf(good).payload.toString(), { zip: '0'.repeat(64) })],
        ['hashed right but not JSON', () => snapshotFile('{"competencia": "202601", ')],
        [
            'hashed right but with a directory whose sections do not cover the payload',
            (good: Buffer) => snapshotFile(payloadOf(good).payload.toString() + 'x\t"y"\n')
        ]
    ])('ignores a snapshot %s at once, reads the zip and rewrites it', (_what, spoil) => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const good = readFileSync(file);
        writeFileSync(file, spoil(good));
        expect(readSnapshot(file, sha)).toBeUndefined();
        expect(observable(cache().get(zip))).toEqual(truth);
        expect(readSnapshot(file, sha)).toBeDefined();
        expect(readFileSync(file).equals(good)).toBe(true);
    });

    // Hashed right but malformed: only a faulty writer makes these. The rows are decoded on first use, so the
    // snapshot is given up there: the answer comes from the zip, never from the malformed row, and the file is
    // rewritten.
    it.each([
        [
            'a number where a name goes',
            (good: Buffer) =>
                replaced(good, 'procedimentos', `${CONSULTA}\t["${CONSULTA}","CON`, `${CONSULTA}\t[1234567890123,`)
        ],
        [
            'an unknown sexo',
            (good: Buffer) => {
                const line = `${CONSULTA}\t["${CONSULTA}","CONSULTA MEDICA EM ATEN\\u00c7\\u00c3O ESPECIALIZADA","2","`;
                return replaced(good, 'procedimentos', line, `${line.slice(0, -1)}"X`);
            }
        ],
        [
            'a byte outside ASCII (a name in Latin-1)',
            (good: Buffer) => replaced(good, 'procedimentos', 'CONSULTA', Buffer.from([0xc7]))
        ],
        [
            'a line whose key is not its index entry',
            (good: Buffer) => replaced(good, 'procedimentos', CONSULTA, '0301010080')
        ],
        [
            'an index out of order (two records swapped)',
            (good: Buffer) => {
                const { payload, directory, body } = payloadOf(good);
                const [, , rowsEnd, , , width] = directory.secoes[0]!;
                const record = width! + 8;
                const bad = Buffer.from(payload);
                const first = body + rowsEnd!;
                payload.copy(bad, first, first + record, first + 2 * record);
                payload.copy(bad, first + record, first, first + record);
                return snapshotFile(bad);
            }
        ]
    ])('gives up a snapshot with %s at the first look-up that meets it', (_what, spoil) => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const good = readFileSync(file);
        writeFileSync(file, spoil(good));
        expect(readSnapshot(file, sha)).toBeDefined();
        const table = cache().get(zip);
        expect(table.procedimentos.get(CONSULTA)).toEqual(
            new SigtapCache(undefined, { snapshotDir: null }).get(SUBSET).procedimentos.get(CONSULTA)
        );
        expect(readFileSync(file).equals(good)).toBe(true);
        expect(observable(table)).toEqual(truth);
    });

    it('decodes nothing at load: a malformed CID is met only when the CIDs are read', () => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const good = readFileSync(file);
        const { payload, directory, body } = payloadOf(good);
        const [, start] = directory.secoes.find(([name]) => (name as unknown as string) === 'cids')!;
        const line = payload.indexOf('\t"', body + start!);
        const planted = replaced(good, 'cids', payload.subarray(line, line + 2).toString(), '\t9');
        writeFileSync(file, planted);
        const table = cache().get(zip);
        // Procedures, their relations and the OCI view are served from the snapshot, the CIDs untouched.
        expect(table.procedimentos.get(CONSULTA)?.nome).toMatch(/CONSULTA/);
        expect(table.ociCodigos().length).toBeGreaterThan(0);
        table.oci(table.ociCodigos()[0]!);
        expect(readFileSync(file).equals(planted)).toBe(true);
        // The first read of the CIDs meets the malformed row: the zip answers and the snapshot is rewritten.
        expect([...table.cids]).toEqual([...new SigtapCache(undefined, { snapshotDir: null }).get(SUBSET).cids]);
        expect(readFileSync(file).equals(good)).toBe(true);
    });

    it('a table whose snapshot cannot be written still loads (read-only cache folder is a file)', () => {
        const { dir, zip } = setup();
        const blocker = join(dir, 'not-a-folder');
        writeFileSync(blocker, '');
        expect(observable(new SigtapCache(undefined, { snapshotDir: blocker }).get(zip))).toEqual(truth);
    });

    it('is keyed by the zip bytes: a changed zip is read, not served from the old snapshot', () => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const parts = readSnapshot(file, sha)!;
        (parts.core.procedimentos.get(CONSULTA) as { nome: string }).nome = 'PLANTADO';
        writeFileSync(file, snapshotFile(encodeSnapshot(parts)));
        // Other bytes at the same path and name (here the full table): another SHA-256, another snapshot.
        copyFileSync(zipPath, zip);
        const table = cache().get(zip);
        expect(table.sha256).not.toBe(sha);
        expect(table.procedimentos.get(CONSULTA)?.nome).not.toBe('PLANTADO');
    });

    it('LoadedSigtapTable from parts is the reader table (the class both paths build)', () => {
        const parts = zipParts(SUBSET);
        const table = new LoadedSigtapTable(parts.core, () => parts.extras);
        expect(observable(table)).toEqual(truth);
    });
});

describe('cache folder', () => {
    it('OCI_CACHE_DIR names it, "off" disables it; else XDG_CACHE_HOME, else ~/.cache', () => {
        expect(defaultCacheDir({ OCI_CACHE_DIR: '/tmp/x' })).toBe('/tmp/x');
        expect(defaultCacheDir({ OCI_CACHE_DIR: 'off', XDG_CACHE_HOME: '/c' })).toBeUndefined();
        expect(defaultCacheDir({ OCI_CACHE_DIR: 'OFF' })).toBeUndefined();
        expect(defaultCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/oci-catalogo');
        // A relative XDG_CACHE_HOME is invalid by the specification: ignored.
        expect(defaultCacheDir({ XDG_CACHE_HOME: 'rel' })).toMatch(/\.cache\/oci-catalogo$/);
    });

    it('keeps a bounded number of snapshots, the most recently used', () => {
        const dir = mkdtempSync(join(work, 'many-'));
        const zip = join(dir, 'z.zip');
        copyFileSync(SUBSET, zip);
        new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        const inUse = snapshotPath(dir, sha256(readFileSync(SUBSET)));
        const old = new Date(Date.now() - 3_600_000);
        utimesSync(inUse, old, old);
        // 20 other zips' snapshots, written after it was made but before it was read again (touched).
        const between = new Date(Date.now() - 1_800_000);
        for (let i = 0; i < 20; i++) {
            const other = snapshotPath(dir, i.toString(16).padStart(64, '0'));
            writeFileSync(other, 'x');
            utimesSync(other, between, between);
        }
        new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        const another = join(dir, 'cheia.zip');
        copyFileSync(zipPath, another);
        new SigtapCache(undefined, { snapshotDir: dir }).get(another);
        const left = readdirSync(dir).filter(n => n.endsWith('.snap'));
        expect(left.length).toBe(16);
        expect(left).toContain(
            snapshotPath(dir, sha256(readFileSync(zipPath)))
                .split('/')
                .at(-1)
        );
        expect(left).toContain(inUse.split('/').at(-1));
    });

    it('a snapshot read is marked as used', () => {
        const dir = mkdtempSync(join(work, 'touch-'));
        const zip = join(dir, 'z.zip');
        copyFileSync(SUBSET, zip);
        new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        const file = snapshotPath(dir, sha256(readFileSync(SUBSET)));
        const old = new Date(Date.now() - 3_600_000);
        utimesSync(file, old, old);
        new SigtapCache(undefined, { snapshotDir: dir }).get(zip);
        expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
    });
});

describe("zip stamps (the zip's hash remembered by its stat)", () => {
    const subsetSha = sha256(readFileSync(SUBSET));
    const fullSha = sha256(readFileSync(zipPath));

    /**
     * A cache folder holding the snapshots of the subset and of the full zip, and a copy of the subset whose stamp
     * (written by the load that hashed it) is returned for planting variants.
     */
    function setup(): { cacheDir: string; zip: string; stamp: Record<string, string>; stampFile: string } {
        const dir = mkdtempSync(join(work, 'stamp-'));
        const cacheDir = join(dir, 'cache');
        const zip = join(dir, 'z.zip');
        copyFileSync(SUBSET, zip);
        new SigtapCache(undefined, { snapshotDir: cacheDir }).get(zipPath);
        new SigtapCache(undefined, { snapshotDir: cacheDir }).get(zip);
        const stampFile = zipStampPath(cacheDir, zip);
        const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Record<string, string>;
        return { cacheDir, zip, stamp, stampFile };
    }

    /** The stamp as if taken `afterNs` after the zip's last change (modification or change time). */
    function takenAfter(stamp: Record<string, string>, afterNs: bigint): Record<string, string> {
        const changed = BigInt(stamp.mtimeNs!) > BigInt(stamp.ctimeNs!) ? stamp.mtimeNs! : stamp.ctimeNs!;
        return { ...stamp, takenNs: (BigInt(changed) + afterNs).toString() };
    }

    it('a load that hashes the zip stamps it: path, SHA-256 and the stat taken before reading', () => {
        const { zip, stamp } = setup();
        const stat = statSync(zip, { bigint: true });
        expect(stamp).toMatchObject({
            path: zip,
            sha256: subsetSha,
            size: stat.size.toString(),
            mtimeNs: stat.mtimeNs.toString(),
            ctimeNs: stat.ctimeNs.toString(),
            ino: stat.ino.toString(),
            dev: stat.dev.toString()
        });
        // Just copied: changed within RACY_NS of the stamp, so not yet proof of the hash.
        expect(BigInt(stamp.takenNs!) - BigInt(stamp.ctimeNs!)).toBeLessThan(2_000_000_000n);
    });

    it('a stamp taken well after the zip last changed is trusted: the zip is not hashed', () => {
        const { cacheDir, zip, stamp, stampFile } = setup();
        // Planted: the stamp says these bytes hash to the full zip's SHA-256, whose snapshot is in the folder. Only a
        // cache that trusts the stamp (and so never hashes the zip) answers with the full table.
        writeFileSync(stampFile, JSON.stringify({ ...takenAfter(stamp, 3_000_000_000n), sha256: fullSha }));
        expect(readZipStamp(cacheDir, zip)).toBe(fullSha);
        const table = new SigtapCache(undefined, { snapshotDir: cacheDir }).get(zip);
        expect(table.sha256).toBe(fullSha);
        expect(table.arquivo).toBe('z.zip');
        expect(table.procedimentos.size).toBe(
            new SigtapCache(undefined, { snapshotDir: null }).get(zipPath).procedimentos.size
        );
    });

    it.each([
        ['taken within 2 s of the last change (racy)', (s: Record<string, string>) => takenAfter(s, 1_500_000_000n)],
        ['of another size', (s: Record<string, string>) => ({ ...takenAfter(s, 3_000_000_000n), size: '1' })],
        [
            'of another modification time',
            (s: Record<string, string>) => ({
                ...takenAfter(s, 3_000_000_000n),
                mtimeNs: (BigInt(s.mtimeNs!) - 1n).toString()
            })
        ],
        [
            'of another change time',
            (s: Record<string, string>) => ({
                ...takenAfter(s, 3_000_000_000n),
                ctimeNs: (BigInt(s.ctimeNs!) - 1n).toString()
            })
        ],
        ['of another inode', (s: Record<string, string>) => ({ ...takenAfter(s, 3_000_000_000n), ino: '1' })],
        [
            'of another path',
            (s: Record<string, string>) => ({ ...takenAfter(s, 3_000_000_000n), path: '/outro/z.zip' })
        ],
        ['without a time', (s: Record<string, string>) => ({ ...takenAfter(s, 3_000_000_000n), takenNs: 'x' })],
        ['not JSON', () => '{"sha256": ']
    ])('a stamp %s is not trusted: the zip is hashed and stamped again', (_what, spoil) => {
        const { cacheDir, zip, stamp, stampFile } = setup();
        const planted = spoil(stamp);
        writeFileSync(
            stampFile,
            typeof planted === 'string' ? planted : JSON.stringify({ ...planted, sha256: fullSha })
        );
        expect(readZipStamp(cacheDir, zip)).toBeUndefined();
        const table = new SigtapCache(undefined, { snapshotDir: cacheDir }).get(zip);
        expect(table.sha256).toBe(subsetSha);
        expect(observable(table)).toEqual(observable(new SigtapCache(undefined, { snapshotDir: null }).get(zip)));
        expect(JSON.parse(readFileSync(stampFile, 'utf8'))).toMatchObject({ path: zip, sha256: subsetSha });
    });

    it('a zip rewritten with other bytes of the same size is read, not served by its stamp', () => {
        const { cacheDir, zip, stamp, stampFile } = setup();
        writeFileSync(stampFile, JSON.stringify(takenAfter(stamp, 3_000_000_000n)));
        expect(readZipStamp(cacheDir, zip)).toBe(subsetSha);
        // Same size and (set back) modification time; the change time moves, and the inode may stay.
        const bytes = readFileSync(zip);
        const mtime = statSync(zip).mtime;
        bytes[bytes.length - 1] ^= 1; // the zip comment length's high byte: still the same size, other bytes
        writeFileSync(zip, bytes);
        utimesSync(zip, mtime, mtime);
        expect(readZipStamp(cacheDir, zip)).toBeUndefined();
    });

    it('a trusted stamp whose snapshot is gone: the zip is read, and stamped with its real hash', () => {
        const { cacheDir, zip, stamp, stampFile } = setup();
        writeFileSync(stampFile, JSON.stringify({ ...takenAfter(stamp, 3_000_000_000n), sha256: '0'.repeat(64) }));
        expect(readZipStamp(cacheDir, zip)).toBe('0'.repeat(64));
        const table = new SigtapCache(undefined, { snapshotDir: cacheDir }).get(zip);
        expect(table.sha256).toBe(subsetSha);
        expect(observable(table)).toEqual(observable(new SigtapCache(undefined, { snapshotDir: null }).get(zip)));
        expect(JSON.parse(readFileSync(stampFile, 'utf8'))).toMatchObject({ path: zip, sha256: subsetSha });
    });
});

describe('index proofs (the sections whose index a reader of the same payload checked)', () => {
    const sha = sha256(readFileSync(SUBSET));
    const CONSULTA = '0301010072';

    /** A snapshot of the subset read once (every table looked at) and its proof written, as at a process's exit. */
    function setup(): { zip: string; cache: () => SigtapCache; file: string; proof: string } {
        const dir = mkdtempSync(join(work, 'proof-'));
        const zip = join(dir, 'z.zip');
        copyFileSync(SUBSET, zip);
        const cache = () => new SigtapCache(undefined, { snapshotDir: join(dir, 'cache') });
        cache().get(zip); // writes the snapshot
        observable(cache().get(zip)); // reads it: every index checked
        process.emit('exit', 0); // the proofs pending are written (as when the CLI exits)
        const file = snapshotPath(join(dir, 'cache'), sha);
        return { zip, cache, file, proof: indexProofPath(file) };
    }

    /** The snapshot with its first two procedimentos index records swapped, rewritten with a right CRC-32. */
    function swapped(good: Buffer): Buffer {
        const newline = good.indexOf(10);
        const header = JSON.parse(good.subarray(0, newline).toString()) as Record<string, unknown>;
        const payload = Buffer.from(good.subarray(newline + 1));
        const dirEnd = payload.indexOf(10);
        const directory = JSON.parse(payload.subarray(0, dirEnd).toString()) as { secoes: number[][] };
        const [, , rowsEnd, , , width] = directory.secoes[0]!;
        const record = width! + 8;
        const first = dirEnd + 1 + rowsEnd!;
        const a = Buffer.from(payload.subarray(first, first + record));
        payload.copy(payload, first, first + record, first + 2 * record);
        a.copy(payload, first + record);
        return Buffer.concat([Buffer.from(JSON.stringify({ ...header, crc32: crc32(payload) }) + '\n'), payload]);
    }

    it('is written for the payload read, naming the sections checked', () => {
        const { file, proof } = setup();
        const good = readFileSync(file);
        const payload = good.subarray(good.indexOf(10) + 1);
        const written = JSON.parse(readFileSync(proof, 'utf8')) as { crc32: number; bytes: number; secoes: string[] };
        expect(written.crc32).toBe(crc32(payload));
        expect(written.bytes).toBe(payload.length);
        expect(written.secoes).toEqual(expect.arrayContaining(['procedimentos', 'cids', 'cidsPorProcedimento']));
    });

    it('spares the check of the sections it names: a planted proof lets an index out of order through', () => {
        // Only a reader that skips the check for the sections the proof names misses this swap (the check alone
        // would give the snapshot up, as the test of the swapped index above shows).
        const { file, proof, cache, zip } = setup();
        const bad = swapped(readFileSync(file));
        writeFileSync(file, bad);
        const payload = bad.subarray(bad.indexOf(10) + 1);
        writeFileSync(
            proof,
            JSON.stringify({ crc32: crc32(payload), bytes: payload.length, secoes: ['procedimentos'] })
        );
        const table = cache().get(zip);
        expect(table.procedimentos.get(CONSULTA)?.codigo).toBe(CONSULTA);
        expect(readFileSync(file).equals(bad)).toBe(true); // not given up
    });

    it.each([
        ['of the good payload (another CRC-32)', (goodProof: object) => JSON.stringify(goodProof)],
        ['of another length', (_: object, badProof: object) => JSON.stringify({ ...badProof, bytes: 1 })],
        ['not JSON', () => '{"crc32": ']
    ])('a proof %s proves nothing: the index out of order is met and the snapshot given up', (_what, plant) => {
        const { file, proof, cache, zip } = setup();
        const good = readFileSync(file);
        const goodProof = JSON.parse(readFileSync(proof, 'utf8')) as object;
        const bad = swapped(good);
        writeFileSync(file, bad);
        const payload = bad.subarray(bad.indexOf(10) + 1);
        writeFileSync(proof, plant(goodProof, { ...goodProof, crc32: crc32(payload), bytes: payload.length }));
        const table = cache().get(zip);
        expect(table.procedimentos.get(CONSULTA)).toEqual(
            new SigtapCache(undefined, { snapshotDir: null }).get(SUBSET).procedimentos.get(CONSULTA)
        );
        expect(readFileSync(file).equals(good)).toBe(true); // given up and rewritten
    });
});
