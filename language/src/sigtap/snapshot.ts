/**
 * The compact snapshot of a loaded SIGTAP competência: the content the reader took from the zip
 * (eager tables and the OCI extras), so that a later process rebuilds the same table without
 * inflating and parsing the zip. Pure: the file, its key and its integrity hash are cache.ts's
 * concern.
 *
 * Format 3 is made to be opened in O(1): a directory line (competência, zip name and hash, and for
 * each table its byte range, row count and key width) followed by one section per table. A section
 * is its rows in the reader's order, `key<TAB>value<LF>` with the value as ASCII JSON, then its
 * index: one fixed-width record per row (key padded with spaces, offset of its line in 8 hex
 * digits), sorted by key. Nothing is decoded at load: a look-up is a binary search over the index's
 * bytes and the parse of one row (kept, so the same object comes back). A catalogue references a
 * few hundred of the ~5,000 procedures and few of the ~14,000 CIDs, so the rest of the table never
 * leaves its bytes; whole-table readers (completion by name, import-sigtap, subsets, exports)
 * iterate a section, which decodes all its rows in file order without keeping them.
 *
 * Decoding never trusts the text (cache.ts has checked its CRC-32, so only a faulty writer makes a
 * malformed one): a section of the wrong length or row count, an index out of order or pointing at
 * another key's line, a duplicated key, a value of the wrong shape (a number where a name goes, an
 * unknown sexo) or a byte outside ASCII makes the snapshot unusable from then on: the sections call
 * `recover` (cache.ts reads the zip and rewrites the snapshot) and answer from its parts — never
 * from a malformed row. A section's index is checked in full on first use, unless a reader of the
 * same payload already did (IndexProof).
 */
import type { SigtapCompatibilidade, SigtapProcedimento, SigtapSexo } from './types.js';
import { EAGER_TABLES, LAZY_TABLES, REQUIRED_COLUMNS } from './tables.js';
import type { OciExtras, SigtapCore } from './table.js';

/**
 * Bump when the reader's output for the same zip may change (a new field, another parsing rule) or the layout of
 * the snapshot does: snapshots of another format are never read. The tables and columns the reader takes are part
 * of the format too (SNAPSHOT_FORMAT), so adding one invalidates old snapshots by itself.
 */
// 2: the text is ASCII; 3: sections of key/value lines, decoded on first use; 4: the header's checksum is a CRC-32.
const SNAPSHOT_VERSION = 4;

export const SNAPSHOT_FORMAT = `sigtap-snapshot-${SNAPSHOT_VERSION}-${fingerprint(
    JSON.stringify([EAGER_TABLES, LAZY_TABLES, REQUIRED_COLUMNS])
)}`;

/** What a snapshot holds: the table's parts as the reader built them. */
export interface SnapshotParts {
    core: SigtapCore;
    extras: OciExtras;
}

/** A snapshot row or section that does not decode: the snapshot is not to be trusted. */
export class SnapshotMalformed extends Error {
    constructor(what: string) {
        super(`instantâneo SIGTAP malformado: ${what}`);
    }
}

/** Fields of a procedure, in the reader's order (tables.ts parseProcedimentos). */
const PROCEDIMENTO_TEXT = ['codigo', 'nome', 'complexidade', 'sexo'] as const;
const PROCEDIMENTO_INT = [
    'qtMaximaExecucao',
    'idadeMinimaMeses',
    'idadeMaximaMeses',
    'vlShCentavos',
    'vlSaCentavos',
    'vlSpCentavos'
] as const;
const PROCEDIMENTO_TAIL = ['financiamento', 'rubrica', 'competencia'] as const;
const PROCEDIMENTO_WIDTH = PROCEDIMENTO_TEXT.length + PROCEDIMENTO_INT.length + PROCEDIMENTO_TAIL.length;
const SEXOS: ReadonlySet<string> = new Set<SigtapSexo>(['M', 'F', 'I', 'N']);
const TIPOS: ReadonlySet<string> = new Set<SigtapCompatibilidade['tipo']>(['obrigatoria', 'compativel', 'outro']);

type CoreMaps = Omit<SigtapCore, 'competencia' | 'arquivo' | 'sha256'>;

/** Every section of the snapshot, in file order: where its map lives and how one value decodes. */
const SECTIONS = {
    procedimentos: ['core', procedimento],
    cids: ['core', str],
    grupos: ['core', str],
    subgrupos: ['core', str],
    formasOrganizacao: ['core', str],
    detalhes: ['core', str],
    cidsPorProcedimento: ['core', strings],
    registrosPorProcedimento: ['core', strings],
    compativeisPorProcedimento: ['core', compativeis],
    descricoes: ['extras', str],
    cbos: ['extras', strings],
    habilitacoes: ['extras', strings],
    atributos: ['extras', strings],
    regras: ['extras', strings]
} as const satisfies Record<
    keyof CoreMaps | keyof OciExtras,
    readonly ['core' | 'extras', (value: unknown) => unknown]
>;

type SectionName = keyof typeof SECTIONS;
const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

/** A key is written raw before the tab: printable ASCII without space or backslash (codes are digits and letters). */
const KEY = /^[\x21-\x5b\x5d-\x7e]+$/;

/**
 * The snapshot text of a table's parts, all ASCII (every other character escaped, `\u00c7`), so that a process reads
 * the file's bytes as Latin-1 with no UTF-8 decoding (cache.ts readSnapshot). Throws when a key cannot be written
 * raw (then no snapshot is written and the zip is read every time, as without one).
 */
export function encodeSnapshot(parts: SnapshotParts): string {
    const body: string[] = [];
    const secoes: Directory[] = [];
    let at = 0;
    for (const name of SECTION_NAMES) {
        const map = parts[SECTIONS[name][0]][name as never] as ReadonlyMap<string, unknown>;
        const offsets: Array<[string, number]> = [];
        let rows = '';
        let width = 0;
        for (const [key, value] of map) {
            if (!KEY.test(key)) throw new SnapshotMalformed(`chave ${JSON.stringify(key)} em ${name}`);
            offsets.push([key, rows.length]);
            width = Math.max(width, key.length);
            rows += `${key}\t${json(row(name, value))}\n`;
        }
        // The index: each key padded with spaces to the longest, then its line's offset in 8 hex digits, sorted by key.
        offsets.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        const index = offsets.map(([key, offset]) => key.padEnd(width) + offset.toString(16).padStart(8, '0')).join('');
        secoes.push([name, at, at + rows.length, at + rows.length + index.length, map.size, width]);
        body.push(rows, index);
        at += rows.length + index.length;
    }
    const { competencia, arquivo, sha256 } = parts.core;
    return json({ competencia, arquivo, sha256, secoes }) + '\n' + body.join('');
}

/** A section in the directory: name, start, end of its lines (start of its index), end, row count, key width. */
type Directory = [SectionName, number, number, number, number, number];

/** JSON in ASCII (a surrogate pair is escaped as its two halves, which JSON.parse joins). */
function json(value: unknown): string {
    return JSON.stringify(value).replace(NON_ASCII, escapeChar);
}

const NON_ASCII = /[\u0080-\uffff]/g;

function escapeChar(c: string): string {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The JSON of one value: records as arrays of their fields, in the order the decoders read them. */
function row(name: SectionName, value: unknown): unknown {
    if (name === 'procedimentos') {
        const p = value as SigtapProcedimento;
        return [...PROCEDIMENTO_TEXT, ...PROCEDIMENTO_INT, ...PROCEDIMENTO_TAIL].map(f => p[f]);
    }
    if (name === 'compativeisPorProcedimento')
        return (value as SigtapCompatibilidade[]).map(c => [
            c.codigo,
            c.tpCompatibilidade,
            c.tipo,
            c.qtPermitida,
            c.registroPrincipal,
            c.registroCompativel
        ]);
    return value;
}

/**
 * The sections whose index a reader already checked (SnapshotSection.check) in this very payload — cache.ts keeps
 * them beside the snapshot, tied to the payload's length and CRC-32 — and who is told of each index checked here.
 * A section named in `checked` skips the check: its index was proved sorted, unique and well formed by a reader of
 * the same bytes (the check is the reader's defence against a faulty writer, not against corruption, which the
 * CRC-32 catches; a payload with other bytes has another CRC-32, and then nothing is taken as proved).
 */
export interface IndexProof {
    checked: ReadonlySet<string>;
    onChecked(name: string): void;
}

/**
 * The parts in a snapshot payload (the bytes after cache.ts's header line, ASCII), or undefined when its directory
 * is not well formed. Only the directory is read here; the sections are read on first use, and any of them that
 * proves malformed then calls `recover` once for the whole snapshot (by default the error is thrown).
 */
export function decodeSnapshot(
    payload: Uint8Array | string,
    recover: () => SnapshotParts = () => {
        throw new SnapshotMalformed('sem zip de onde recuperar');
    },
    proof?: IndexProof
): SnapshotParts | undefined {
    try {
        const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
        const newline = bytes.indexOf(10);
        if (newline < 0) return undefined;
        const o: unknown = JSON.parse(asciiText(bytes, 0, newline));
        if (!isRecord(o)) return undefined;
        const source = new SnapshotSource(bytes.subarray(newline + 1), recover, proof);
        const secoes = array(o.secoes);
        if (secoes.length !== SECTION_NAMES.length) return undefined;
        const sections = new Map<string, SnapshotSection<unknown>>();
        let end = 0;
        secoes.forEach((entry, i) => {
            const [given, start, rowsEnd, stop, count, width] = array(entry).map((v, j) => (j === 0 ? v : int(v)));
            const name = SECTION_NAMES[i]!; // as many entries as names, checked above
            const s = { start: start as number, rowsEnd: rowsEnd as number, end: stop as number };
            const w = width as number;
            const n = count as number;
            if (given !== name || s.start !== end || s.rowsEnd < s.start || w < 0 || s.end - s.rowsEnd !== n * (w + 8))
                throw new SnapshotMalformed('diretório');
            end = s.end;
            const decode = SECTIONS[name][1] as (value: unknown) => unknown;
            sections.set(name, new SnapshotSection(source, name, s, n, w, decode));
        });
        if (end !== source.bytes.length) return undefined;
        const section = <V>(name: SectionName) => sections.get(name) as unknown as SnapshotSection<V>;
        const core: SigtapCore = {
            competencia: str(o.competencia),
            arquivo: str(o.arquivo),
            sha256: str(o.sha256),
            procedimentos: section('procedimentos'),
            cids: section('cids'),
            grupos: section('grupos'),
            subgrupos: section('subgrupos'),
            formasOrganizacao: section('formasOrganizacao'),
            detalhes: section('detalhes'),
            cidsPorProcedimento: section('cidsPorProcedimento'),
            registrosPorProcedimento: section('registrosPorProcedimento'),
            compativeisPorProcedimento: section('compativeisPorProcedimento')
        };
        const extras: OciExtras = {
            descricoes: section('descricoes'),
            cbos: section('cbos'),
            habilitacoes: section('habilitacoes'),
            atributos: section('atributos'),
            regras: section('regras')
        };
        return { core, extras };
    } catch {
        return undefined;
    }
}

/** The payload's bytes shared by its sections, and the parts read from the zip once a section proved malformed. */
class SnapshotSource {
    private recovered: SnapshotParts | undefined;

    constructor(
        readonly bytes: Uint8Array,
        private recover: (() => SnapshotParts) | undefined,
        readonly proof: IndexProof | undefined
    ) {}

    /** The zip's map for section `name`, once the snapshot was given up. */
    replacement(name: SectionName): ReadonlyMap<string, unknown> | undefined {
        return this.recovered?.[SECTIONS[name][0]][name as never];
    }

    /** Gives the snapshot up: the zip's parts from now on (the reader's error is thrown if the zip cannot be read). */
    giveUp(name: SectionName): ReadonlyMap<string, unknown> {
        if (!this.recovered) {
            const recover = this.recover!; // set until the first call, which either keeps its parts or throws
            this.recovered = recover();
            this.recover = undefined;
        }
        return this.replacement(name)!;
    }
}

/**
 * One table of the snapshot as a read-only map over the payload's bytes, nothing decoded at load: a look-up is a
 * binary search in the section's sorted index (fixed-width records, key and offset), then the row's JSON is parsed
 * and kept, so repeated look-ups return the same object. Iterating decodes the whole section in file order (the
 * reader's order) without keeping it.
 */
class SnapshotSection<V> implements ReadonlyMap<string, V> {
    private readonly rows = new Map<string, V>();
    /** Whether the index was checked (check): here, or by a reader of the same payload (IndexProof). */
    private checked: boolean;

    constructor(
        private readonly source: SnapshotSource,
        private readonly name: SectionName,
        private readonly range: { start: number; rowsEnd: number; end: number },
        private readonly count: number,
        private readonly width: number,
        private readonly decode: (value: unknown) => V
    ) {
        this.checked = source.proof?.checked.has(name) ?? false;
    }

    get size(): number {
        return this.live()?.size ?? this.count;
    }

    has(key: string): boolean {
        const live = this.live();
        if (live) return live.has(key);
        if (this.rows.has(key)) return true;
        return this.guard(
            () => this.find(key) !== undefined,
            map => map.has(key)
        );
    }

    get(key: string): V | undefined {
        const live = this.live();
        if (live) return live.get(key);
        const row = this.rows.get(key);
        if (row !== undefined) return row;
        return this.guard(
            () => {
                const at = this.find(key);
                if (at === undefined) return undefined;
                const value = this.valueAt(key, at);
                this.rows.set(key, value);
                return value;
            },
            map => map.get(key)
        );
    }

    /** The keys that start with `prefix`, sorted (from the index, nothing decoded). */
    keysWithPrefix(prefix: string): string[] {
        const live = this.live();
        if (live) return [...live.keys()].filter(k => k.startsWith(prefix)).sort();
        return this.guard(
            () => {
                this.check();
                const out: string[] = [];
                for (let i = this.lowerBound(prefix); i < this.count; i++) {
                    const at = this.recordAt(i);
                    const key = asciiText(this.source.bytes, at, at + this.width).trimEnd();
                    if (!key.startsWith(prefix)) break;
                    out.push(key);
                }
                return out;
            },
            map => [...map.keys()].filter(k => k.startsWith(prefix)).sort()
        );
    }

    *entries(): IterableIterator<[string, V]> {
        const live = this.live();
        if (live) return yield* live.entries();
        // Decoded in full before the first entry is given, so that a malformed row never follows good ones.
        yield* this.guard(
            () => this.all(),
            map => [...map]
        );
    }

    *keys(): IterableIterator<string> {
        const live = this.live();
        if (live) return yield* live.keys();
        // The keys only: no value is parsed.
        yield* this.guard(
            () => this.lines().keys,
            map => [...map.keys()]
        );
    }

    *values(): IterableIterator<V> {
        for (const [, value] of this.entries()) yield value;
    }

    [Symbol.iterator](): IterableIterator<[string, V]> {
        return this.entries();
    }

    forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
        for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
    }

    /** The zip's map once the snapshot was given up (by this or another section). */
    private live(): ReadonlyMap<string, V> | undefined {
        return this.source.replacement(this.name) as ReadonlyMap<string, V> | undefined;
    }

    /** `read` on the snapshot; if the snapshot proves malformed, `fallback` on the zip's map instead. */
    private guard<T>(read: () => T, fallback: (map: ReadonlyMap<string, V>) => T): T {
        try {
            return read();
        } catch (error) {
            if (!(error instanceof SnapshotMalformed)) throw error;
            this.rows.clear();
            return fallback(this.source.giveUp(this.name) as ReadonlyMap<string, V>);
        }
    }

    private recordAt(i: number): number {
        return this.range.rowsEnd + i * (this.width + 8);
    }

    /** Compares `key` (padded with spaces) with the key of index record `i`: <0, 0, >0. */
    private compare(key: string, i: number): number {
        const bytes = this.source.bytes;
        const at = this.recordAt(i);
        for (let j = 0; j < this.width; j++) {
            const c = j < key.length ? key.charCodeAt(j) : 32;
            const d = bytes[at + j]!; // inside the index, whose size the directory check proved
            if (c !== d) return c - d;
        }
        return 0;
    }

    /** The first record whose key is not below `key`. */
    private lowerBound(key: string): number {
        let lo = 0;
        let hi = this.count;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (this.compare(key, mid) > 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The offset of `key`'s line in the section, or undefined when the section has no such key. */
    private find(key: string): number | undefined {
        if (key.length > this.width || !KEY.test(key)) return undefined;
        this.check();
        const i = this.lowerBound(key);
        if (i >= this.count || this.compare(key, i) !== 0) return undefined;
        return this.lineOf(i, key.length);
    }

    /**
     * On first use, that the index is what a binary search needs, in one pass over its keys' bytes with nothing
     * allocated: keys of printable ASCII padded with spaces, strictly increasing (so unique). Each record's line is
     * checked when it is used (lineOf).
     */
    private check(): void {
        if (this.checked) return;
        const bytes = this.source.bytes;
        for (let i = 0; i < this.count; i++) {
            const at = this.recordAt(i);
            let length = this.width;
            for (let j = 0; j < this.width; j++) {
                const c = bytes[at + j]!; // inside the index (directory check)
                if (c === 32) length = Math.min(length, j);
                else if (j > length || c < 0x21 || c > 0x7e || c === 0x5c) throw new SnapshotMalformed('chave');
            }
            if (length === 0 || (i > 0 && this.compareRecords(i - 1, i) >= 0))
                throw new SnapshotMalformed(`ordem de ${this.name}`);
        }
        this.checked = true;
        this.source.proof?.onChecked(this.name);
    }

    /**
     * The offset of record `i`'s line, `length` the length of its key: a line start (inside the lines, after a line
     * end) where the record's own key and a tab stand.
     */
    private lineOf(i: number, length: number): number {
        const bytes = this.source.bytes;
        const { start, rowsEnd } = this.range;
        const at = this.recordAt(i);
        const offset = this.offsetAt(at + this.width);
        const line = start + offset;
        let ok = line + length < rowsEnd && (line === start || bytes[line - 1] === 10) && bytes[line + length] === 9;
        for (let j = 0; ok && j < length; j++) ok = bytes[line + j] === bytes[at + j];
        if (!ok) throw new SnapshotMalformed(`índice de ${this.name}`);
        return offset;
    }

    /** The 8 hex digits at `at` (an index record's offset); malformed when they are not hex digits. */
    private offsetAt(at: number): number {
        const bytes = this.source.bytes;
        let value = 0;
        for (let j = 0; j < 8; j++) {
            const c = bytes[at + j]!; // inside the index (directory check)
            const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
            if (digit < 0) throw new SnapshotMalformed(`índice de ${this.name}`);
            value = value * 16 + digit;
        }
        return value;
    }

    private compareRecords(a: number, b: number): number {
        const bytes = this.source.bytes;
        const x = this.recordAt(a);
        const y = this.recordAt(b);
        for (let j = 0; j < this.width; j++) {
            const d = bytes[x + j]! - bytes[y + j]!; // inside the index (directory check)
            if (d !== 0) return d;
        }
        return 0;
    }

    /** The value on the line at `offset`, `key`'s (lineOf checked it). */
    private valueAt(key: string, offset: number): V {
        const bytes = this.source.bytes;
        const valueStart = this.range.start + offset + key.length + 1;
        const end = bytes.indexOf(10, valueStart);
        if (end < 0 || end >= this.range.rowsEnd) throw new SnapshotMalformed(`linha de ${this.name}`);
        const text = asciiText(bytes, valueStart, end);
        // A name without escapes (most of them) is its text between the quotes: no JSON.parse.
        if (this.decode === (str as unknown) && text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
            const plain = text.slice(1, -1);
            if (!/["\\]/.test(plain)) return plain as V;
        }
        return this.parse(text);
    }

    private parse(json: string): V {
        try {
            return this.decode(JSON.parse(json));
        } catch (error) {
            throw error instanceof SnapshotMalformed ? error : new SnapshotMalformed(`valor em ${this.name}`);
        }
    }

    /**
     * Every entry, in file order: the section's lines read once, their values parsed as one JSON array (one JSON.parse
     * instead of one per row: the whole-table readers' cost), rows already decoded reused. Nothing is kept.
     */
    private all(): Array<[string, V]> {
        const { keys, values } = this.lines();
        const parsed = this.parseAll(`[${values.join(',')}]`);
        const out: Array<[string, V]> = [];
        keys.forEach((key, i) => {
            const kept = this.rows.get(key);
            out.push([key, kept !== undefined ? kept : this.decodeValue(parsed[i])]);
        });
        return out;
    }

    /**
     * The section's lines in file order: their keys and their values' JSON texts. As many as the index has records,
     * each of which starts a line with its own key (distinct keys, so distinct lines): so the keys are unique.
     */
    private lines(): { keys: string[]; values: string[] } {
        this.check();
        for (let i = 0; i < this.count; i++) {
            const at = this.recordAt(i);
            let length = 0;
            while (length < this.width && this.source.bytes[at + length] !== 32) length++;
            this.lineOf(i, length);
        }
        const text = asciiText(this.source.bytes, this.range.start, this.range.rowsEnd);
        const keys: string[] = [];
        const values: string[] = [];
        let at = 0;
        while (at < text.length) {
            const tab = text.indexOf('\t', at);
            const newline = text.indexOf('\n', at);
            if (tab < 0 || newline < tab) throw new SnapshotMalformed(`linha de ${this.name}`);
            keys.push(text.slice(at, tab));
            values.push(text.slice(tab + 1, newline));
            at = newline + 1;
        }
        if (keys.length !== this.count) throw new SnapshotMalformed(`contagem de ${this.name}`);
        return { keys, values };
    }

    private parseAll(json: string): unknown[] {
        try {
            return JSON.parse(json) as unknown[];
        } catch {
            throw new SnapshotMalformed(`valores de ${this.name}`);
        }
    }

    private decodeValue(value: unknown): V {
        try {
            return this.decode(value);
        } catch (error) {
            throw error instanceof SnapshotMalformed ? error : new SnapshotMalformed(`valor em ${this.name}`);
        }
    }
}

/** The keys of `map` that start with `prefix`, sorted: from a snapshot's index when `map` is a section. */
export function keysWithPrefix(map: ReadonlyMap<string, unknown>, prefix: string): string[] {
    return map instanceof SnapshotSection
        ? map.keysWithPrefix(prefix)
        : [...map.keys()].filter(k => k.startsWith(prefix)).sort();
}

const NOT_ASCII = /[\u0080-\uffff]/;

/** The bytes [start, end) as text; they must be ASCII (the snapshot writes nothing else). */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
    // Node's Buffer makes a one-byte string without decoding; the browser build's Uint8Array goes through TextDecoder.
    const text =
        typeof Buffer === 'function' && Buffer.isBuffer(bytes)
            ? bytes.toString('latin1', start, end)
            : new TextDecoder().decode(bytes.subarray(start, end));
    if (text.length !== end - start || NOT_ASCII.test(text)) throw new SnapshotMalformed('texto fora de ASCII');
    return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
    if (typeof value !== 'string') throw new SnapshotMalformed('texto');
    return value;
}

function int(value: unknown): number {
    if (!Number.isSafeInteger(value)) throw new SnapshotMalformed('número');
    return value as number;
}

function array(value: unknown): unknown[] {
    if (!Array.isArray(value)) throw new SnapshotMalformed('lista');
    return value;
}

function strings(value: unknown): string[] {
    const list = array(value);
    for (const item of list) str(item);
    return list as string[];
}

function compativeis(value: unknown): SigtapCompatibilidade[] {
    return array(value).map(row => {
        const r = array(row);
        if (r.length !== 6) throw new SnapshotMalformed('compatibilidade');
        const tipo = str(r[2]);
        if (!TIPOS.has(tipo)) throw new SnapshotMalformed('tipo de compatibilidade');
        return {
            codigo: str(r[0]),
            tpCompatibilidade: str(r[1]),
            tipo: tipo as SigtapCompatibilidade['tipo'],
            qtPermitida: int(r[3]),
            registroPrincipal: str(r[4]),
            registroCompativel: str(r[5])
        };
    });
}

function procedimento(value: unknown): SigtapProcedimento {
    const r = array(value);
    if (r.length !== PROCEDIMENTO_WIDTH) throw new SnapshotMalformed('procedimento');
    const sexo = str(r[3]);
    if (!SEXOS.has(sexo)) throw new SnapshotMalformed('sexo');
    // One literal in the fields' order (PROCEDIMENTO_TEXT, _INT, _TAIL; the reader's): every row gets the same shape.
    return {
        codigo: str(r[0]),
        nome: str(r[1]),
        complexidade: str(r[2]),
        sexo: sexo as SigtapSexo,
        qtMaximaExecucao: int(r[4]),
        idadeMinimaMeses: int(r[5]),
        idadeMaximaMeses: int(r[6]),
        vlShCentavos: int(r[7]),
        vlSaCentavos: int(r[8]),
        vlSpCentavos: int(r[9]),
        financiamento: str(r[10]),
        rubrica: str(r[11]),
        competencia: str(r[12])
    };
}

/** A short, stable fingerprint of a text (FNV-1a, 32 bits, hex): enough to tell formats apart. */
function fingerprint(text: string): string {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(16).padStart(8, '0');
}
