/**
 * Municípios do IBGE e a Amazônia Legal, a partir dos dados de ./data/municipios.ts (gerados por
 * ./data/derivar-municipios.mjs de pacotes do registro npm; fontes, método e limites em
 * ./data/FONTES.md).
 *
 * Amazônia Legal (Lei Complementar nº 124/2007, art. 2º): todos os municípios de AC, AM, AP, PA,
 * RO, RR, TO e MT — pela UF, que os dois primeiros dígitos do código IBGE dão, mesmo que o
 * município seja mais novo que a base — e os do Maranhão a oeste do meridiano de 44° W, pela
 * lista derivada dos polígonos (inclui os que só em parte ficam a oeste, como a lista do IBGE).
 */
import { FONTE_MUNICIPIOS, MUNICIPIOS_TSV } from './data/municipios.js';

/** Código IBGE da UF (dois primeiros dígitos do código do município) → sigla. */
export const UF_POR_CODIGO: Readonly<Record<string, string>> = {
    '11': 'RO',
    '12': 'AC',
    '13': 'AM',
    '14': 'RR',
    '15': 'PA',
    '16': 'AP',
    '17': 'TO',
    '21': 'MA',
    '22': 'PI',
    '23': 'CE',
    '24': 'RN',
    '25': 'PB',
    '26': 'PE',
    '27': 'AL',
    '28': 'SE',
    '29': 'BA',
    '31': 'MG',
    '32': 'ES',
    '33': 'RJ',
    '35': 'SP',
    '41': 'PR',
    '42': 'SC',
    '43': 'RS',
    '50': 'MS',
    '51': 'MT',
    '52': 'GO',
    '53': 'DF'
};
export const UFS = new Set(Object.values(UF_POR_CODIGO));
/** UFs inteiras na Amazônia Legal (LC nº 124/2007, art. 2º). */
export const UFS_AMAZONIA_LEGAL = new Set(['AC', 'AM', 'AP', 'PA', 'RO', 'RR', 'TO', 'MT']);

/** Classe do município na base: E, W, P, L (ver data/municipios.ts) ou '' (fora). */
type Classe = 'E' | 'W' | 'P' | 'L' | '';

export interface MunicipioIbge {
    codigo: string;
    nome: string;
    uf: string;
    classe: Classe;
    /** A longitude mínima do polígono simplificado fica a menos de FONTE_MUNICIPIOS.margemGraus do meridiano 44° W. */
    fronteiraIncerta: boolean;
    lonMin?: number;
    lonMax?: number;
}

let indice: Map<string, MunicipioIbge> | undefined;

function carregar(): Map<string, MunicipioIbge> {
    if (indice) return indice;
    indice = new Map();
    for (const linha of MUNICIPIOS_TSV.split('\n')) {
        const [codigo, nome, uf, classe, incerto, lonMin, lonMax] = linha.split('\t');
        if (!codigo || nome === undefined || uf === undefined) continue; // not a municipality's row
        indice.set(codigo, {
            codigo,
            nome,
            uf,
            classe: classe as Classe,
            fronteiraIncerta: incerto === '1',
            lonMin: lonMin ? Number(lonMin) : undefined,
            lonMax: lonMax ? Number(lonMax) : undefined
        });
    }
    return indice;
}

/** O município da base com esse código (7 dígitos), ou undefined. */
export function municipioIbge(codigo: string | undefined): MunicipioIbge | undefined {
    return codigo === undefined ? undefined : carregar().get(codigo.trim());
}

export function todosMunicipios(): MunicipioIbge[] {
    return [...carregar().values()];
}

/** A UF que os dois primeiros dígitos de um código de município indicam. */
export function ufDoCodigo(codigo: string | undefined): string | undefined {
    return codigo && /^[0-9]{7}$/.test(codigo) ? UF_POR_CODIGO[codigo.slice(0, 2)] : undefined;
}

export type SituacaoAmazonia =
    /** UF inteira na Amazônia Legal. */
    | 'uf'
    /** Maranhão, todo a oeste de 44° W. */
    | 'ma-oeste'
    /** Maranhão, em parte a oeste de 44° W (a lista do IBGE o inclui). */
    | 'ma-parcial'
    /** Maranhão, a leste de 44° W. */
    | 'ma-leste'
    /** Outra UF. */
    | 'fora'
    /** Código de município do Maranhão que a base não tem: não há como classificar. */
    | 'desconhecida';

export interface AmazoniaLegal {
    situacao: SituacaoAmazonia;
    /** Na Amazônia Legal (undefined quando não se sabe). */
    dentro: boolean | undefined;
    /**
     * A classificação depende de uma fronteira a menos da margem dos polígonos simplificados: confira na lista oficial
     * do IBGE.
     */
    incerta: boolean;
    municipio?: MunicipioIbge;
}

/** Se o município está na Amazônia Legal (LC nº 124/2007, art. 2º), pelo código IBGE. */
export function amazoniaLegal(codigo: string): AmazoniaLegal {
    const municipio = municipioIbge(codigo);
    const uf = municipio?.uf ?? ufDoCodigo(codigo);
    if (uf && UFS_AMAZONIA_LEGAL.has(uf)) return { situacao: 'uf', dentro: true, incerta: false, municipio };
    if (uf !== 'MA')
        return { situacao: uf ? 'fora' : 'desconhecida', dentro: uf ? false : undefined, incerta: false, municipio };
    if (!municipio) return { situacao: 'desconhecida', dentro: undefined, incerta: true };
    const situacao: SituacaoAmazonia =
        municipio.classe === 'W' ? 'ma-oeste' : municipio.classe === 'P' ? 'ma-parcial' : 'ma-leste';
    return { situacao, dentro: situacao !== 'ma-leste', incerta: municipio.fronteiraIncerta, municipio };
}

export { FONTE_MUNICIPIOS };

/** Nome sem acentos, caixa e espaços repetidos, para comparar nomes de municípios. */
export function normalizeNome(nome: string): string {
    return nome
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, ' ')
        .trim()
        .toLowerCase();
}
