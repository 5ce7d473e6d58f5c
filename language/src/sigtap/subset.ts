/**
 * Cuts a small SIGTAP zip holding only some procedures (e.g. the OCIs of a catalogue and their
 * components), for fixtures and examples. The subset has the same entry names, layouts and
 * encoding as the original: table rows are filtered line by line on the raw bytes (ISO-8859-1 /
 * Windows-1252, CRLF kept), never decoded and re-encoded.
 *
 * What is kept:
 * - every `*_layout.txt` and every file that is not a table (config.inf, versao, LEIA_ME.TXT,
 *   layout.txt); spreadsheets (`.xls`) are dropped;
 * - tables that name procedures (any of the columns in PROCEDURE_COLUMNS: tb_procedimento,
 *   tb_descricao, rl_procedimento_*, rl_excecao_compatibilidade): the rows whose every
 *   procedure column holds a kept code — so a rl_procedimento_compativel row stays when both its
 *   principal and its compatible procedure are kept, and no row points to a dropped procedure;
 * - tb_cid, tb_ocupacao, tb_sia_sih and tb_tuss: the rows referenced by kept rows of
 *   rl_procedimento_cid, _ocupacao, _sia_sih and _tuss;
 * - any other table up to WHOLE_TABLE_LIMIT bytes whole (tb_grupo, tb_sub_grupo,
 *   tb_forma_organizacao, tb_detalhe, tb_descricao_detalhe, tb_registro, tb_financiamento,
 *   tb_rubrica, tb_modalidade, tb_habilitacao, tb_regra_condicionada, tb_servico_classificacao,
 *   …); a larger one is emptied (file kept, zero rows) — none in the 2026-01 competência.
 *
 * The output is deterministic: entries sorted by name, dated the first day of the competência
 * (DOS time, so independent of the time zone), deflated at level 9.
 */
import { zipSync, type Zippable } from 'fflate';
import type { SigtapTable } from './types.js';
import { normalizeCodigo } from './codigo.js';
import { wrapSigtap } from './errors.js';
import { bufferView } from './latin1.js';
import { parseLayoutBytes, scanLines, type SigtapColumn, type SigtapLayout } from './layout.js';
import { loadSigtapZip } from './reader.js';
import { readZip } from './zip.js';

/** Columns holding a procedure code (CO_PROCEDIMENTO_SIA_SIH is not one: it refers to tb_sia_sih). */
export const PROCEDURE_COLUMNS: readonly string[] = [
    'CO_PROCEDIMENTO',
    'CO_PROCEDIMENTO_PRINCIPAL',
    'CO_PROCEDIMENTO_COMPATIVEL',
    'CO_PROCEDIMENTO_RESTRICAO',
    'CO_PROCEDIMENTO_ORIGEM'
];

/** Lookup tables reduced to the codes that kept relation rows refer to. */
const REFERENCED: Readonly<Record<string, { from: string; column: string }>> = {
    tb_cid: { from: 'rl_procedimento_cid', column: 'CO_CID' },
    tb_ocupacao: { from: 'rl_procedimento_ocupacao', column: 'CO_OCUPACAO' },
    tb_sia_sih: { from: 'rl_procedimento_sia_sih', column: 'CO_PROCEDIMENTO_SIA_SIH' },
    tb_tuss: { from: 'rl_procedimento_tuss', column: 'CO_TUSS' }
};

/** Tables without a procedure key up to this size (uncompressed) are kept whole. */
export const WHOLE_TABLE_LIMIT = 256 * 1024;

const LAYOUT_SUFFIX = '_layout.txt';

/**
 * The codes a subset must keep for `requested`: the requested codes (punctuation allowed;
 * malformed ones are ignored) plus the compatible procedures of each (an OCI's components).
 */
export function subsetCodesFor(table: SigtapTable, requested: Iterable<string>): Set<string> {
    const codes = new Set<string>();
    for (const text of requested) {
        const codigo = normalizeCodigo(text);
        if (codigo) codes.add(codigo);
    }
    for (const codigo of [...codes]) {
        const componentes = table.compativeisPorProcedimento?.(codigo) ?? table.oci(codigo)?.componentes ?? [];
        for (const c of componentes) codes.add(c.codigo);
    }
    return codes;
}

/** A new SIGTAP zip keeping only `codes` and their components (see the module comment). */
export function cutSigtapSubset(zipBytes: Uint8Array, codes: Iterable<string>, arquivo = 'zip SIGTAP'): Uint8Array {
    const table = loadSigtapZip(zipBytes, arquivo);
    const keep = subsetCodesFor(table, codes);
    return wrapSigtap(
        () => {
            const contents = readZip(zipBytes, arquivo, base => !base.endsWith('.xls'));
            const layouts = new Map<string, SigtapLayout>();
            for (const base of contents.entries.keys()) {
                if (!base.endsWith(LAYOUT_SUFFIX)) continue;
                const name = base.slice(0, -LAYOUT_SUFFIX.length);
                if (contents.entries.has(`${name}.txt`))
                    layouts.set(name, parseLayoutBytes(contents.files.get(base)!, name));
            }
            const tableOf = (base: string) => (base.endsWith('.txt') ? layouts.get(base.slice(0, -4)) : undefined);

            const output = new Map<string, Uint8Array>();
            const referenced = new Map<string, Set<string>>();
            // Pass 1: files that are not tables, and tables keyed by procedure.
            for (const [base, entry] of contents.entries) {
                const data = contents.files.get(base);
                if (!data) continue;
                const layout = tableOf(base);
                if (!layout) {
                    output.set(entry, data);
                    continue;
                }
                const columns = PROCEDURE_COLUMNS.filter(c => layout.has(c)).map(c => layout.column(c));
                if (columns.length === 0) continue;
                const kept = filterRows(data, columns, values => values.every(v => keep.has(v)));
                output.set(entry, kept);
                for (const [target, ref] of Object.entries(REFERENCED)) {
                    if (ref.from === layout.table && layout.has(ref.column)) {
                        referenced.set(target, columnValues(kept, layout.column(ref.column)));
                    }
                }
            }
            // Pass 2: lookup tables, whole, reduced to what is referenced, or emptied.
            for (const [base, entry] of contents.entries) {
                const data = contents.files.get(base);
                const layout = tableOf(base);
                if (!data || !layout || output.has(entry)) continue;
                const ref = REFERENCED[layout.table];
                if (ref && layout.has(ref.column)) {
                    const wanted = referenced.get(layout.table) ?? new Set<string>();
                    output.set(
                        entry,
                        filterRows(data, [layout.column(ref.column)], ([v]) => v !== undefined && wanted.has(v))
                    );
                } else {
                    output.set(entry, data.byteLength <= WHOLE_TABLE_LIMIT ? data : new Uint8Array(0));
                }
            }
            return deterministicZip(output, table.competencia);
        },
        'sigtap/erro-leitura',
        `Falha ao recortar a tabela SIGTAP ${arquivo}`,
        arquivo
    );
}

/** The lines (with their terminators) whose values in `columns` satisfy `accept`. */
function filterRows(
    data: Uint8Array,
    columns: readonly SigtapColumn[],
    accept: (values: string[]) => boolean
): Uint8Array {
    const buf = bufferView(data);
    const pieces: Uint8Array[] = [];
    let total = 0;
    scanLines(data, (start, contentEnd, next) => {
        const values = columns.map(c => valueAt(buf, start, contentEnd, c));
        if (!accept(values)) return;
        pieces.push(data.subarray(start, next));
        total += next - start;
    });
    const result = new Uint8Array(total);
    let offset = 0;
    for (const piece of pieces) {
        result.set(piece, offset);
        offset += piece.byteLength;
    }
    return result;
}

function columnValues(data: Uint8Array, column: SigtapColumn): Set<string> {
    const buf = bufferView(data);
    const values = new Set<string>();
    scanLines(data, (start, contentEnd) => values.add(valueAt(buf, start, contentEnd, column)));
    return values;
}

function valueAt(buf: ReturnType<typeof bufferView>, start: number, contentEnd: number, column: SigtapColumn): string {
    const from = start + column.start - 1;
    const to = Math.min(start + column.end, contentEnd);
    return from < to ? buf.toString('latin1', from, to).trim() : '';
}

function deterministicZip(files: ReadonlyMap<string, Uint8Array>, competencia: string): Uint8Array {
    const mtime = new Date(Number(competencia.slice(0, 4)), Number(competencia.slice(4, 6)) - 1, 1, 0, 0, 0);
    const zippable: Zippable = {};
    for (const name of [...files.keys()].sort()) zippable[name] = files.get(name)!;
    return zipSync(zippable, { level: 9, mtime });
}
