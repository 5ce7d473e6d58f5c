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

/** A character without diacritics: "á" → "a". */
function plainChar(char: string): string {
    const c = char.charCodeAt(0);
    return c < 0x80
        ? char
        : c <= 0xff
          ? (LATIN1.get(c) ?? char)
          : char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** Upper case without diacritics, one character: "á" → "A" (upper case may give more than one: "ß" → "SS"). */
function foldChar(char: string): string {
    return plainChar(char).toUpperCase();
}

/** foldText of each Latin-1 character (the whole alphabet of SIGTAP names), by code. */
const FOLDED_LATIN1 = Array.from({ length: 0x100 }, (_, c) => foldChar(String.fromCharCode(c)));

/** Upper case without diacritics: "Mamográfia" → "MAMOGRAFIA". */
export function foldText(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) out += plainChar(text.charAt(i));
    return out.toUpperCase();
}

/** Scratch bytes of a search key (only space, A-Z and 0-9 go in one). */
let keyBytes = new Uint8Array(256);

/**
 * The search key of a name: " " + foldText(nome) with every run of characters other than A-Z and 0-9 made one space.
 * Built in one pass into bytes (a name of Latin-1 letters; any other character folds on its own, as in foldText), so
 * the index holds one flat string per name and building the ~19,000 keys of a competência leaves little garbage.
 */
export function searchKey(nome: string): string {
    keyBytes[0] = 0x20;
    let n = 1;
    // The leading space stands apart: a name that starts with a symbol gets a second one, as the replace gave.
    let inRun = false;
    for (let i = 0; i < nome.length; i++) {
        const c = nome.charCodeAt(i);
        const folded = c <= 0xff ? FOLDED_LATIN1[c]! : foldChar(nome.charAt(i)); // c indexes the 256 entries
        for (let j = 0; j < folded.length; j++) {
            const f = folded.charCodeAt(j);
            if (n === keyBytes.length) {
                const larger = new Uint8Array(2 * n);
                larger.set(keyBytes);
                keyBytes = larger;
            }
            if ((f >= 0x41 && f <= 0x5a) || (f >= 0x30 && f <= 0x39)) {
                keyBytes[n++] = f;
                inRun = false;
            } else if (!inRun) {
                keyBytes[n++] = 0x20;
                inRun = true;
            }
        }
    }
    // One flat string (the server also runs in the browser: no Buffer).
    return String.fromCharCode.apply(null, keyBytes.subarray(0, n) as unknown as number[]);
}

function byCodigo(a: { codigo: string }, b: { codigo: string }): number {
    return a.codigo < b.codigo ? -1 : a.codigo > b.codigo ? 1 : 0;
}

/** Procedures of the table sorted by code, with their search keys (built once per table). */
export function procedureIndex(table: SigtapTable): Array<Entry<SigtapProcedimento>> {
    let index = procedureIndexes.get(table);
    if (!index) {
        index = [...table.procedimentos.values()]
            .map(p => ({ codigo: p.codigo, chave: searchKey(p.nome), item: p }))
            .sort(byCodigo);
        procedureIndexes.set(table, index);
    }
    return index;
}

/** Whether procedureIndex(table) is built. */
export function hasProcedureIndex(table: SigtapTable): boolean {
    return procedureIndexes.has(table);
}

/** CIDs of the table sorted by code, with their search keys (built once per table, on first use). */
export function cidIndex(table: SigtapTable): Array<Entry<Cid>> {
    let index = cidIndexes.get(table);
    if (!index) {
        index = [...table.cids.entries()]
            .map(([codigo, nome]) => ({ codigo, chave: searchKey(nome), item: { codigo, nome } }))
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
