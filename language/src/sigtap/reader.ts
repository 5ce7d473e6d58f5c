/**
 * Reads a SIGTAP competência from DATASUS's `TabelaUnificada_AAAAMM_v*.zip`.
 *
 * Loading inflates only the layouts and the tables every document needs (procedures, groups,
 * CIDs, attributes, compatibilities, registration instruments); the tables used only by the OCI
 * view (descriptions — 17 MB —, occupations, habilitações, attributes and conditioned rules of
 * each procedure) are inflated on the first `oci()` call, keeping only their group 09 rows.
 * Every layout, including the lazy tables', is checked at load time, so a later `oci()` call can
 * fail only on corrupt compressed data (as a SigtapError `sigtap/zip-invalido`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SigtapProcedimento, SigtapTable } from './types.js';
import { SigtapError, wrapSigtap } from './errors.js';
import { prefixFilter, type SigtapLayout } from './layout.js';
import { LoadedSigtapTable, OCI_GRUPO, type OciExtras, type SigtapCore } from './table.js';
import {
    EAGER_TABLES,
    LAZY_TABLES,
    checkedLayout,
    dataFile,
    layoutFile,
    parseCompativeis,
    parseDescricoes,
    parseNames,
    parseProcedimentos,
    parseRelation,
    tableData,
    type TableName
} from './tables.js';
import { readZip, type ZipContents } from './zip.js';

/** Reads a SIGTAP zip file. `path` may be relative to the working directory. */
export function loadSigtapFile(path: string): SigtapTable {
    const arquivo = basename(path);
    let bytes: Uint8Array;
    try {
        bytes = readFileSync(path);
    } catch (error) {
        throw sigtapFileError(path, error);
    }
    return loadSigtapZip(bytes, arquivo);
}

/** Reads a SIGTAP zip already in memory; `arquivo` is its file name (kept in the table). */
export function loadSigtapZip(bytes: Uint8Array, arquivo: string): SigtapTable {
    const { core, loadExtras } = readSigtapZipParts(bytes, arquivo);
    return new LoadedSigtapTable(core, loadExtras);
}

/**
 * What a loaded table is made of: the eagerly read content and the loader of the OCI extras (the snapshot, cache.ts,
 * stores both).
 */
export interface SigtapZipParts {
    core: SigtapCore;
    loadExtras: () => OciExtras;
}

/** Reads a SIGTAP zip into the parts of a table (loadSigtapZip without building the table). */
export function readSigtapZipParts(bytes: Uint8Array, arquivo: string): SigtapZipParts {
    return guarded(arquivo, () => {
        const wanted = new Set<string>([...EAGER_TABLES, ...LAZY_TABLES].map(layoutFile));
        for (const table of EAGER_TABLES) wanted.add(dataFile(table));
        const contents = readZip(bytes, arquivo, base => wanted.has(base));
        const layouts = new Map<TableName, SigtapLayout>();
        for (const table of [...EAGER_TABLES, ...LAZY_TABLES])
            layouts.set(table, checkedLayout(contents, table, arquivo));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const core = readCore(contents, layouts, arquivo, sha256);
        return { core, loadExtras: () => guarded(arquivo, () => readExtras(bytes, arquivo, layouts)) };
    });
}

function readCore(
    contents: ZipContents,
    layouts: Map<TableName, SigtapLayout>,
    arquivo: string,
    sha256: string
): SigtapCore {
    const read = (table: TableName) => [tableData(contents, table), layouts.get(table)!] as const;
    const procedimentos = parseProcedimentos(...read('tb_procedimento'));
    return {
        competencia: competenciaOf(procedimentos, arquivo),
        arquivo,
        sha256,
        procedimentos,
        grupos: parseNames(...read('tb_grupo'), ['CO_GRUPO'], 'NO_GRUPO'),
        subgrupos: parseNames(...read('tb_sub_grupo'), ['CO_GRUPO', 'CO_SUB_GRUPO'], 'NO_SUB_GRUPO'),
        formasOrganizacao: parseNames(
            ...read('tb_forma_organizacao'),
            ['CO_GRUPO', 'CO_SUB_GRUPO', 'CO_FORMA_ORGANIZACAO'],
            'NO_FORMA_ORGANIZACAO'
        ),
        cids: parseNames(...read('tb_cid'), ['CO_CID'], 'NO_CID'),
        detalhes: parseNames(...read('tb_detalhe'), ['CO_DETALHE'], 'NO_DETALHE'),
        cidsPorProcedimento: parseRelation(...read('rl_procedimento_cid'), 'CO_PROCEDIMENTO', 'CO_CID'),
        registrosPorProcedimento: parseRelation(...read('rl_procedimento_registro'), 'CO_PROCEDIMENTO', 'CO_REGISTRO'),
        compativeisPorProcedimento: parseCompativeis(...read('rl_procedimento_compativel'))
    };
}

function readExtras(bytes: Uint8Array, arquivo: string, layouts: Map<TableName, SigtapLayout>): OciExtras {
    const lazy = new Set<string>(LAZY_TABLES.map(dataFile));
    const contents = readZip(bytes, arquivo, base => lazy.has(base));
    const read = (table: TableName) => {
        const layout = layouts.get(table)!;
        return [tableData(contents, table), layout, prefixFilter(layout.column('CO_PROCEDIMENTO'), OCI_GRUPO)] as const;
    };
    const relation = (table: TableName, value: string) => {
        const [data, layout, keep] = read(table);
        return parseRelation(data, layout, 'CO_PROCEDIMENTO', value, keep);
    };
    return {
        descricoes: parseDescricoes(...read('tb_descricao')),
        cbos: relation('rl_procedimento_ocupacao', 'CO_OCUPACAO'),
        habilitacoes: relation('rl_procedimento_habilitacao', 'CO_HABILITACAO'),
        atributos: relation('rl_procedimento_detalhe', 'CO_DETALHE'),
        regras: relation('rl_procedimento_regra_cond', 'CO_REGRA_CONDICIONADA')
    };
}

const COMPETENCIA = /^[0-9]{4}(0[1-9]|1[0-2])$/;

/**
 * The competência: the DT_COMPETENCIA of the procedure rows (the most frequent one, should they
 * differ; ties go to the latest), else the AAAAMM of a `TabelaUnificada_AAAAMM…` file name.
 */
export function competenciaOf(procedimentos: ReadonlyMap<string, SigtapProcedimento>, arquivo: string): string {
    const counts = new Map<string, number>();
    for (const p of procedimentos.values()) {
        if (COMPETENCIA.test(p.competencia)) counts.set(p.competencia, (counts.get(p.competencia) ?? 0) + 1);
    }
    let best: string | undefined;
    for (const [value, count] of counts) {
        const bestCount = best === undefined ? -1 : counts.get(best)!;
        if (count > bestCount || (count === bestCount && value > best!)) best = value;
    }
    if (best) return best;
    const fromName = /TabelaUnificada_([0-9]{6})/i.exec(arquivo)?.[1];
    if (fromName && COMPETENCIA.test(fromName)) return fromName;
    throw new SigtapError(
        'sigtap/competencia-indefinida',
        `Não foi possível determinar a competência de ${arquivo}: tb_procedimento.txt não traz DT_COMPETENCIA válida ` +
            'e o nome do arquivo não segue o padrão TabelaUnificada_AAAAMM.',
        { arquivo }
    );
}

/** Runs `action`, turning anything that is not already a SigtapError into one. */
function guarded<T>(arquivo: string, action: () => T): T {
    return wrapSigtap(action, 'sigtap/erro-leitura', `Falha ao ler a tabela SIGTAP ${arquivo}`, arquivo);
}

/** The SigtapError for a SIGTAP file that could not be opened or read: missing, a folder, or unreadable. */
export function sigtapFileError(path: string, error: unknown): SigtapError {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        return new SigtapError(
            'sigtap/arquivo-inexistente',
            code === 'EISDIR'
                ? `${path} é uma pasta, não o arquivo zip da tabela SIGTAP.`
                : `O arquivo da tabela SIGTAP ${path} não existe.`,
            { arquivo: path, cause: error }
        );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return new SigtapError(
        'sigtap/erro-leitura',
        `Não foi possível ler o arquivo da tabela SIGTAP ${path}: ${detail}`,
        {
            arquivo: path,
            cause: error
        }
    );
}
