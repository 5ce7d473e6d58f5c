/**
 * The compact snapshot of a loaded SIGTAP competência: the content the reader took from the zip
 * (eager tables and the OCI extras) as one JSON text, so that a later process rebuilds the same
 * table without inflating and parsing the zip. Pure: the file, its key and its integrity hash are
 * cache.ts's concern.
 *
 * Decoding never trusts the text: any value of the wrong shape (a field missing, a number where a
 * string goes, an unknown sexo) makes the whole snapshot unusable (`undefined`), and the caller
 * reads the zip instead.
 */
import type { SigtapCompatibilidade, SigtapProcedimento, SigtapSexo } from './types.js';
import { EAGER_TABLES, LAZY_TABLES, REQUIRED_COLUMNS } from './tables.js';
import type { OciExtras, SigtapCore } from './table.js';

/**
 * Bump when the reader's output for the same zip may change (a new field, another parsing rule):
 * snapshots of another format are never read. The tables and columns the reader takes are part
 * of the format too (SNAPSHOT_FORMAT), so adding one invalidates old snapshots by itself.
 */
const SNAPSHOT_VERSION = 2; // 2: the text is ASCII (encodeSnapshot)

export const SNAPSHOT_FORMAT = `sigtap-snapshot-${SNAPSHOT_VERSION}-${fingerprint(
    JSON.stringify([EAGER_TABLES, LAZY_TABLES, REQUIRED_COLUMNS])
)}`;

/** What a snapshot holds: the table's parts as the reader built them. */
export interface SnapshotParts {
    core: SigtapCore;
    extras: OciExtras;
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
const SEXOS: ReadonlySet<string> = new Set<SigtapSexo>(['M', 'F', 'I', 'N']);
const TIPOS: ReadonlySet<string> = new Set<SigtapCompatibilidade['tipo']>(['obrigatoria', 'compativel', 'outro']);

/**
 * The snapshot text of a table's parts: JSON in ASCII, every other character escaped (`\u00c7`), so that a process
 * reads the file as Latin-1 bytes with no UTF-8 decoding — ~45 ms less per process for the 2.9 MB of the full
 * competência, and JSON.parse is faster on a one-byte string (cache.ts readSnapshot).
 */
export function encodeSnapshot(parts: SnapshotParts): string {
    return JSON.stringify(snapshotObject(parts)).replace(NON_ASCII, escapeChar);
}

/** The characters outside ASCII (a surrogate pair is escaped as its two halves, which JSON.parse joins). */
const NON_ASCII = /[\u0080-\uffff]/g;

function escapeChar(c: string): string {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function snapshotObject(parts: SnapshotParts): object {
    const { core, extras } = parts;
    const names = (map: Map<string, string>) => [...map].flat();
    const relation = (map: Map<string, string[]>) => [...map].flat(1);
    return {
        competencia: core.competencia,
        arquivo: core.arquivo,
        sha256: core.sha256,
        procedimentos: [...core.procedimentos.values()].map(p => [
            ...PROCEDIMENTO_TEXT.map(f => p[f]),
            ...PROCEDIMENTO_INT.map(f => p[f]),
            ...PROCEDIMENTO_TAIL.map(f => p[f])
        ]),
        procedimentoCodigos: [...core.procedimentos.keys()],
        cids: names(core.cids),
        grupos: names(core.grupos),
        subgrupos: names(core.subgrupos),
        formasOrganizacao: names(core.formasOrganizacao),
        detalhes: names(core.detalhes),
        cidsPorProcedimento: relation(core.cidsPorProcedimento),
        registrosPorProcedimento: relation(core.registrosPorProcedimento),
        compativeisPorProcedimento: [...core.compativeisPorProcedimento].flatMap(([k, list]) => [
            k,
            list.map(c => [
                c.codigo,
                c.tpCompatibilidade,
                c.tipo,
                c.qtPermitida,
                c.registroPrincipal,
                c.registroCompativel
            ])
        ]),
        descricoes: names(extras.descricoes),
        cbos: relation(extras.cbos),
        habilitacoes: relation(extras.habilitacoes),
        atributos: relation(extras.atributos),
        regras: relation(extras.regras)
    };
}

/** The parts in a snapshot text, or undefined when the text is not a well-formed snapshot. */
export function decodeSnapshot(text: string): SnapshotParts | undefined {
    try {
        const o: unknown = JSON.parse(text);
        if (!isRecord(o)) return undefined;
        const core: SigtapCore = {
            competencia: str(o.competencia),
            arquivo: str(o.arquivo),
            sha256: str(o.sha256),
            procedimentos: procedimentos(o.procedimentos, o.procedimentoCodigos),
            cids: names(o.cids),
            grupos: names(o.grupos),
            subgrupos: names(o.subgrupos),
            formasOrganizacao: names(o.formasOrganizacao),
            detalhes: names(o.detalhes),
            cidsPorProcedimento: relation(o.cidsPorProcedimento),
            registrosPorProcedimento: relation(o.registrosPorProcedimento),
            compativeisPorProcedimento: compativeis(o.compativeisPorProcedimento)
        };
        const extras: OciExtras = {
            descricoes: names(o.descricoes),
            cbos: relation(o.cbos),
            habilitacoes: relation(o.habilitacoes),
            atributos: relation(o.atributos),
            regras: relation(o.regras)
        };
        return { core, extras };
    } catch {
        return undefined;
    }
}

class Malformed extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
    if (typeof value !== 'string') throw new Malformed();
    return value;
}

function int(value: unknown): number {
    if (!Number.isSafeInteger(value)) throw new Malformed();
    return value as number;
}

function array(value: unknown, evenLength = false): unknown[] {
    if (!Array.isArray(value) || (evenLength && value.length % 2 !== 0)) throw new Malformed();
    return value;
}

function strings(value: unknown): string[] {
    const list = array(value);
    for (const item of list) str(item);
    return list as string[];
}

function names(value: unknown): Map<string, string> {
    const flat = array(value, true);
    const map = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) map.set(str(flat[i]), str(flat[i + 1]));
    if (map.size * 2 !== flat.length) throw new Malformed();
    return map;
}

function relation(value: unknown): Map<string, string[]> {
    const flat = array(value, true);
    const map = new Map<string, string[]>();
    for (let i = 0; i < flat.length; i += 2) map.set(str(flat[i]), strings(flat[i + 1]));
    if (map.size * 2 !== flat.length) throw new Malformed();
    return map;
}

function compativeis(value: unknown): Map<string, SigtapCompatibilidade[]> {
    const flat = array(value, true);
    const map = new Map<string, SigtapCompatibilidade[]>();
    for (let i = 0; i < flat.length; i += 2) {
        const list = array(flat[i + 1]).map(row => {
            const r = array(row);
            if (r.length !== 6) throw new Malformed();
            const tipo = str(r[2]);
            if (!TIPOS.has(tipo)) throw new Malformed();
            return {
                codigo: str(r[0]),
                tpCompatibilidade: str(r[1]),
                tipo: tipo as SigtapCompatibilidade['tipo'],
                qtPermitida: int(r[3]),
                registroPrincipal: str(r[4]),
                registroCompativel: str(r[5])
            };
        });
        map.set(str(flat[i]), list);
    }
    if (map.size * 2 !== flat.length) throw new Malformed();
    return map;
}

function procedimentos(rows: unknown, codes: unknown): Map<string, SigtapProcedimento> {
    const list = array(rows);
    const keys = strings(codes);
    if (keys.length !== list.length) throw new Malformed();
    const width = PROCEDIMENTO_TEXT.length + PROCEDIMENTO_INT.length + PROCEDIMENTO_TAIL.length;
    const map = new Map<string, SigtapProcedimento>();
    list.forEach((row, i) => {
        const r = array(row);
        if (r.length !== width) throw new Malformed();
        const p: Record<string, string | number> = {};
        let at = 0;
        for (const f of PROCEDIMENTO_TEXT) p[f] = str(r[at++]);
        for (const f of PROCEDIMENTO_INT) p[f] = int(r[at++]);
        for (const f of PROCEDIMENTO_TAIL) p[f] = str(r[at++]);
        if (!SEXOS.has(p.sexo as string)) throw new Malformed();
        map.set(keys[i]!, p as unknown as SigtapProcedimento); // as many keys as rows, checked above
    });
    if (map.size !== keys.length) throw new Malformed();
    return map;
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
