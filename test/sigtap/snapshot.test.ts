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
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SigtapCache, defaultCacheDir, readSnapshot, snapshotPath } from '../../language/src/sigtap/cache.js';
import { readSigtapZipParts } from '../../language/src/sigtap/reader.js';
import {
    SNAPSHOT_FORMAT,
    decodeSnapshot,
    encodeSnapshot,
    type SnapshotParts
} from '../../language/src/sigtap/snapshot.js';
import { LoadedSigtapTable } from '../../language/src/sigtap/table.js';
import type { SigtapTable } from '../../language/src/sigtap/types.js';
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
                value instanceof Map
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

/** The table as every reader of the SigtapTable interface sees it. */
function observable(table: SigtapTable): unknown {
    const codes = [...table.procedimentos.keys()];
    return {
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
        parts.core.procedimentos.set(codigo, { ...procedimento, nome });
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
        payload: string,
        header: Partial<Record<'format' | 'zip' | 'payload' | 'bytes', unknown>> = {}
    ): Buffer {
        const body = Buffer.from(payload, 'utf8');
        const head = { format: SNAPSHOT_FORMAT, zip: sha, payload: sha256(body), bytes: body.length, ...header };
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
            (good: Buffer) =>
                snapshotFile(good.subarray(good.indexOf(10) + 1).toString(), { format: 'sigtap-snapshot-0-00000000' })
        ],
        [
            'of another zip',
            (good: Buffer) => snapshotFile(good.subarray(good.indexOf(10) + 1).toString(), { zip: '0'.repeat(64) })
        ],
        [
            'hashed right but malformed (a number where a name goes)',
            (good: Buffer) => {
                const payload = JSON.parse(good.subarray(good.indexOf(10) + 1).toString()) as { cids: unknown[] };
                payload.cids[1] = 42;
                return snapshotFile(JSON.stringify(payload));
            }
        ],
        ['hashed right but not JSON', () => snapshotFile('{"competencia": "202601", ')],
        [
            'hashed right but not ASCII (names in UTF-8, as format 1 wrote them)',
            (good: Buffer) => snapshotFile(JSON.stringify(JSON.parse(good.subarray(good.indexOf(10) + 1).toString())))
        ]
    ])('ignores a snapshot %s, reads the zip and rewrites it', (_what, spoil) => {
        const { file, cache, zip } = setup();
        cache().get(zip);
        const good = readFileSync(file);
        writeFileSync(file, spoil(good));
        expect(readSnapshot(file, sha)).toBeUndefined();
        expect(observable(cache().get(zip))).toEqual(truth);
        expect(readSnapshot(file, sha)).toBeDefined();
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
