/**
 * The IBGE's municipalities and the Amazônia Legal, from the data of ./data/municipios.ts (generated
 * by ./data/derivar-municipios.mjs from npm registry packages; sources, method and limits in
 * ./data/FONTES.md).
 *
 * Amazônia Legal (Lei Complementar nº 124/2007, art. 2º): every municipality of AC, AM, AP, PA,
 * RO, RR, TO and MT — by the UF, which the IBGE code's first two digits give, even for a
 * municipality newer than the base — and those of Maranhão west of the 44° W meridian, by the
 * list derived from the polygons (it includes those only partly west, as the IBGE's list does).
 */
import { FONTE_MUNICIPIOS, MUNICIPIOS_TSV } from './data/municipios.js';

/** The UF's IBGE code (the municipality code's first two digits) → its abbreviation. */
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
/** UFs wholly in the Amazônia Legal (LC nº 124/2007, art. 2º). */
export const UFS_AMAZONIA_LEGAL = new Set(['AC', 'AM', 'AP', 'PA', 'RO', 'RR', 'TO', 'MT']);

/** The municipality's class in the base: E, W, P, L (see data/municipios.ts) or '' (outside). */
type Classe = 'E' | 'W' | 'P' | 'L' | '';

export interface MunicipioIbge {
    codigo: string;
    nome: string;
    uf: string;
    classe: Classe;
    /** The simplified polygon's minimum longitude lies within FONTE_MUNICIPIOS.margemGraus of the 44° W meridian. */
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

/** The base's municipality with this code (7 digits), or undefined. */
export function municipioIbge(codigo: string | undefined): MunicipioIbge | undefined {
    return codigo === undefined ? undefined : carregar().get(codigo.trim());
}

export function todosMunicipios(): MunicipioIbge[] {
    return [...carregar().values()];
}

/** The UF a municipality code's first two digits name. */
export function ufDoCodigo(codigo: string | undefined): string | undefined {
    return codigo && /^[0-9]{7}$/.test(codigo) ? UF_POR_CODIGO[codigo.slice(0, 2)] : undefined;
}

export type SituacaoAmazonia =
    /** A UF wholly in the Amazônia Legal. */
    | 'uf'
    /** Maranhão, wholly west of 44° W. */
    | 'ma-oeste'
    /** Maranhão, partly west of 44° W (the IBGE's list includes it). */
    | 'ma-parcial'
    /** Maranhão, east of 44° W. */
    | 'ma-leste'
    /** Another UF. */
    | 'fora'
    /** A Maranhão municipality code the base lacks: there is no way to classify it. */
    | 'desconhecida';

export interface AmazoniaLegal {
    situacao: SituacaoAmazonia;
    /** In the Amazônia Legal (undefined when unknown). */
    dentro: boolean | undefined;
    /**
     * The classification depends on a border within the simplified polygons' margin: check the IBGE's official
     * list.
     */
    incerta: boolean;
    municipio?: MunicipioIbge;
}

/** Whether the municipality is in the Amazônia Legal (LC nº 124/2007, art. 2º), by its IBGE code. */
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

/** A name without accents, case or repeated spaces, to compare municipality names. */
export function normalizeNome(nome: string): string {
    return nome
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]+/g, ' ')
        .trim()
        .toLowerCase();
}
