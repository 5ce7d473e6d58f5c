/**
 * Paths to the real SIGTAP 2026-01 zip and to the oracle of its 34 OCIs. They live in
 * `../shared` beside the repository and are never copied into it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSigtapZip } from '../../language/src/sigtap/reader.js';
import type { SigtapTable } from '../../language/src/sigtap/types.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedData = resolve(repoRoot, '../shared/design/data');
export const ZIP_NAME = 'TabelaUnificada_202601_v2601221740.zip';
export const zipPath = resolve(sharedData, 'sigtap', ZIP_NAME);
export const oraclePath = resolve(sharedData, 'oci-sigtap-202601.json');

let bytes: Uint8Array | undefined;
let table: SigtapTable | undefined;

export function realZipBytes(): Uint8Array {
    return (bytes ??= new Uint8Array(readFileSync(zipPath)));
}

/** The real table, loaded once per test file. */
export function realTable(): SigtapTable {
    return (table ??= loadSigtapZip(realZipBytes(), ZIP_NAME));
}

export interface OracleSecundario {
    codigo: string;
    codigo_formatado: string;
    nome: string;
    tp_compatibilidade: string;
    tipo: string;
    qt_permitida: number;
    registro_principal: string;
    registro_compativel: string;
    valor_sa_centavos: number;
    registros_do_secundario: string[];
}

export interface OracleOci {
    codigo: string;
    codigo_formatado: string;
    nome: string;
    subgrupo: string;
    forma_organizacao: string;
    descricao: string;
    tp_complexidade: string;
    tp_sexo: string;
    qt_maxima_execucao: number;
    idade_minima_meses: number;
    idade_maxima_meses: number;
    vl_sa_centavos: number;
    vl_sh_centavos: number;
    vl_sp_centavos: number;
    co_financiamento: string;
    co_rubrica: string;
    dt_competencia: string;
    instrumentos_registro: string[];
    atributos_complementares: string[];
    regras_condicionadas: string[];
    habilitacoes: string[];
    cids: string[];
    cbos: string[];
    procedimentos_secundarios: OracleSecundario[];
}

export function oracle(): OracleOci[] {
    return JSON.parse(readFileSync(oraclePath, 'utf8')) as OracleOci[];
}
