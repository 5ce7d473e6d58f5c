/**
 * Search over the procedures (and CIDs) of one SIGTAP competência, for completion: by code
 * prefix (with or without punctuation) or by words of the name, accent- and case-insensitive.
 * The index is built once per table object and cached (a competência has ~5,000 procedures
 * and ~14,000 CIDs), so a keystroke costs a linear scan over precomputed plain strings.
 */
import type { SigtapProcedimento, SigtapTable } from '../../language/src/index.js';

interface Entry<T> {
    /** Code without punctuation. */
    codigo: string;
    /** Name without accents, upper case, with a leading space so " WORD" finds word starts. */
    chave: string;
    item: T;
}

type Cid = { codigo: string; nome: string };

const procedureIndexes = new WeakMap<SigtapTable, Array<Entry<SigtapProcedimento>>>();
const cidIndexes = new WeakMap<SigtapTable, Array<Entry<Cid>>>();

/** Latin-1 letters without their diacritics (SIGTAP is ISO-8859-1): "á" → "a". */
const LATIN1 = (() => {
    const map = new Map<number, string>();
    for (let c = 0xc0; c <= 0xff; c++) {
        const ch = String.fromCharCode(c);
        map.set(c, ch.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    }
    return map;
})();

/** Upper case without diacritics: "Mamográfia" → "MAMOGRAFIA". */
export function foldText(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const char = text.charAt(i);
        if (c < 0x80) out += char;
        else if (c <= 0xff) out += LATIN1.get(c) ?? char;
        else out += char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
    return out.toUpperCase();
}

function key(nome: string): string {
    return ' ' + foldText(nome).replace(/[^A-Z0-9]+/g, ' ');
}

function byCodigo(a: { codigo: string }, b: { codigo: string }): number {
    return a.codigo < b.codigo ? -1 : a.codigo > b.codigo ? 1 : 0;
}

/** Procedures of the table sorted by code, with their search keys (built once per table). */
export function procedureIndex(table: SigtapTable): Array<Entry<SigtapProcedimento>> {
    let index = procedureIndexes.get(table);
    if (!index) {
        index = [...table.procedimentos.values()]
            .map(p => ({ codigo: p.codigo, chave: key(p.nome), item: p }))
            .sort(byCodigo);
        procedureIndexes.set(table, index);
    }
    return index;
}

/** CIDs of the table sorted by code, with their search keys (built once per table, on first use). */
export function cidIndex(table: SigtapTable): Array<Entry<Cid>> {
    let index = cidIndexes.get(table);
    if (!index) {
        index = [...table.cids.entries()]
            .map(([codigo, nome]) => ({ codigo, chave: key(nome), item: { codigo, nome } }))
            .sort(byCodigo);
        cidIndexes.set(table, index);
    }
    return index;
}

export interface SearchOptions<T> {
    limit: number;
    filter?: (item: T) => boolean;
}

/**
 * Entries matching `query`: a code prefix when the query looks like a code (digits for
 * procedures, letter + digits for CIDs), otherwise every word of the query must start a word
 * of the name (ranked: name starts with the first word, then shorter names), falling back to
 * substring matches. An empty query lists the first entries by code.
 */
export function search<T>(entries: Array<Entry<T>>, query: string, codeLike: RegExp, options: SearchOptions<T>): T[] {
    const { limit, filter } = options;
    const keep = (e: Entry<T>) => !filter || filter(e.item);
    const q = query.trim();
    if (codeLike.test(q)) {
        const prefix = q.replace(/[.\-\s]/g, '').toUpperCase();
        const out: T[] = [];
        for (const e of entries) {
            if (e.codigo.startsWith(prefix) && keep(e)) {
                out.push(e.item);
                if (out.length >= limit) break;
            }
        }
        return out;
    }
    const words = foldText(q)
        .split(/[^A-Z0-9]+/)
        .filter(Boolean);
    if (words.length === 0) {
        const out: T[] = [];
        for (const e of entries) {
            if (keep(e)) out.push(e.item);
            if (out.length >= limit) break;
        }
        return out;
    }
    const scored: Array<{ score: number; e: Entry<T> }> = [];
    for (const e of entries) {
        let score = 0;
        let ok = true;
        for (const w of words) {
            if (e.chave.startsWith(' ' + w)) score += 0;
            else if (e.chave.includes(' ' + w)) score += 1;
            else if (e.chave.includes(w)) score += 3;
            else {
                ok = false;
                break;
            }
        }
        if (ok && keep(e)) scored.push({ score, e });
    }
    scored.sort((a, b) => a.score - b.score || a.e.chave.length - b.e.chave.length || byCodigo(a.e, b.e));
    return scored.slice(0, limit).map(s => s.e.item);
}

export const PROCEDURE_CODE_QUERY = /^[0-9][0-9.-]*$/;
export const CID_CODE_QUERY = /^[A-Za-z][0-9][0-9.]*[0-9A-Za-z]?$|^[A-Za-z]$/;
