/**
 * Every dispositivo (caput, inciso, parágrafo) of Portaria GM/MS nº 3.492/2024 and of the Sala de
 * Estabilização articles of Portaria GM/MS nº 1.997/2023, read from the project's verbatim copies
 * of the texts (./texto-3492-2024.ts, ./texto-1997-2023.ts). Pure: no file system.
 *
 * Keys: "3492/6" (caput of art. 6), "3492/6/§2", "3492/6/§2/I", "3492/9/I" (inciso of the caput),
 * "3492/1/§único"; "1997/878-A/§4/VII", "1997/65/IV" (art. 65 of Anexo III of the Portaria de
 * Consolidação GM/MS nº 3/2017, as amended), "1997/4" (the portaria's own art. 4).
 * The same keys are used by the rule registries (./fundamento.ts) and by language/src/plano/legal.ts.
 */
import { TEXTO_PORTARIA_1997_2023 } from './texto-1997-2023.js';
import { TEXTO_PORTARIA_3492_2024 } from './texto-3492-2024.js';

export type NormaId = '3492' | '1997';

export interface Dispositivo {
    chave: string;
    norma: NormaId;
    /** "6", "878-A". */
    artigo: string;
    /** Paragraph number or 'único'; undefined for the caput and its incisos. */
    paragrafo?: number | 'único';
    /** Roman numeral of the inciso. */
    inciso?: string;
    /** The dispositivo as published (without the quotes and "(NR)" of an amended text). */
    texto: string;
}

export const NORMAS_LEGAIS: Readonly<
    Record<NormaId, { citacao: string; titulo: string; publicacao: string; fonte: string }>
> = {
    '3492': {
        citacao: 'Portaria GM/MS nº 3.492/2024',
        titulo: 'PORTARIA GM/MS Nº 3.492, DE 8 DE ABRIL DE 2024',
        publicacao: 'Diário Oficial da União nº 70, de 11/04/2024, Seção 1, p. 98',
        fonte: '../shared/legal/portaria-gm-ms-3492-2024.md'
    },
    '1997': {
        citacao: 'Portaria GM/MS nº 1.997/2023',
        titulo: 'PORTARIA GM/MS Nº 1.997, DE 24 DE NOVEMBRO DE 2023',
        publicacao: 'Saúde Legis',
        fonte: '../shared/legal/portaria-gm-ms-1997-2023.md'
    }
};

const ARTIGO = /^Art\. (\d+(?:-[A-Z])?)(?:º|\.)?\s/;
const PARAGRAFO = /^§ (\d+)º?\.?\s/;
const INCISO = /^([IVXL]+) - /;

/** Reads articles, paragraphs and incisos, in order; alíneas and elided lines ("……") are skipped. */
function ler(norma: NormaId, linhas: readonly string[]): Dispositivo[] {
    const out: Dispositivo[] = [];
    let artigo: string | undefined;
    let paragrafo: number | 'único' | undefined;
    for (const bruta of linhas) {
        let linha = bruta
            .trim()
            .replace(/^"/, '')
            .replace(/"\s*\(NR\)$/, '')
            .replace(/\\\$/g, '$')
            .trim();
        if (!linha || linha.startsWith('#') || linha.startsWith('**')) continue;
        const a = ARTIGO.exec(linha);
        if (a) {
            artigo = a[1]!; // the group always matches
            paragrafo = undefined;
            // "Art. 65. ……": only the amended incisos are published, not the caput.
            if (!/^Art\. [^ ]+ \.{3}/.test(linha))
                out.push({ chave: `${norma}/${artigo}`, norma, artigo, texto: linha });
            continue;
        }
        if (artigo === undefined || /^\.{3}/.test(linha)) continue;
        const p = PARAGRAFO.exec(linha);
        if (p || linha.startsWith('Parágrafo único.')) {
            paragrafo = p ? Number(p[1]) : 'único';
            out.push({ chave: `${norma}/${artigo}/§${paragrafo}`, norma, artigo, paragrafo, texto: linha });
            continue;
        }
        const i = INCISO.exec(linha);
        if (i) {
            linha = linha.replace(/\s*\.{5,}.*$/, '');
            const chave = `${norma}/${artigo}${paragrafo === undefined ? '' : `/§${paragrafo}`}/${i[1]}`;
            out.push({ chave, norma, artigo, paragrafo, inciso: i[1], texto: linha });
        }
    }
    return out;
}

/** The articles of Portaria 1.997/2023 that concern the Sala de Estabilização (SE). */
function daSalaDeEstabilizacao(d: Dispositivo): boolean {
    return d.artigo === '878-A' || d.chave === '1997/65/IV' || d.chave === '1997/4';
}

/** Every dispositivo of both texts, in the order of the texts. */
export const DISPOSITIVOS: readonly Dispositivo[] = [
    ...ler(
        '3492',
        TEXTO_PORTARIA_3492_2024.slice(
            0,
            TEXTO_PORTARIA_3492_2024.findIndex(l => l.includes('NÍSIA'))
        )
    ),
    ...ler('1997', TEXTO_PORTARIA_1997_2023).filter(daSalaDeEstabilizacao)
];

export const DISPOSITIVOS_POR_CHAVE: ReadonlyMap<string, Dispositivo> = new Map(DISPOSITIVOS.map(d => [d.chave, d]));

/** "art. 9 VII", "art. 15 §1 II", "art. 878-A §4 VII", "art. 1 parágrafo único". */
export function referenciaDispositivo(chave: string): string {
    const [, artigo, ...resto] = chave.split('/');
    return [`art. ${artigo}`, ...resto.map(r => (r === '§único' ? 'parágrafo único' : r))].join(' ');
}

/** The dispositivo and those below it (the paragraphs and incisos of an article, the incisos of a paragraph). */
export function dentroDe(chave: string): Dispositivo[] {
    return DISPOSITIVOS.filter(d => d.chave === chave || d.chave.startsWith(`${chave}/`));
}
