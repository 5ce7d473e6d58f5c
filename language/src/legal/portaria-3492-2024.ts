/**
 * The articles of Portaria GM/MS nº 3.492, de 8 de abril de 2024 (all 21), with their paragraphs
 * and incisos, as the hover over a diagnostic quotes them (./citacoes.ts) — built from the
 * project's one verbatim copy of the law (./texto-3492-2024.ts, read by ./dispositivos.ts; public
 * law, including "OCl" with a lower-case L in arts. 12 and 14, as in the source).
 * test/server/legal.test.ts compares this text with the source file when it is present.
 */
import { DISPOSITIVOS, NORMAS_LEGAIS } from './dispositivos.js';

export interface Inciso {
    /** Roman numeral: "I", "II"… */
    numero: string;
    /** The inciso as published, starting with its numeral ("I - …"). */
    texto: string;
}

export interface Paragrafo {
    /** The paragraph's number, or 'único' for a "Parágrafo único". */
    numero: number | 'único';
    /** The paragraph as published, starting with "§ Nº". */
    texto: string;
    incisos: Inciso[];
}

export interface Artigo {
    numero: number;
    /** The caput as published, starting with "Art. N". */
    caput: string;
    /** Incisos of the caput. */
    incisos: Inciso[];
    paragrafos: Paragrafo[];
}

export interface Norma {
    /** How the rules cite it (language/src/validation/rules.ts). */
    citacao: string;
    titulo: string;
    ementa: string;
    publicacao: string;
    /** Where the text was copied from (relative to the repository root). */
    fonte: string;
    artigos: Readonly<Record<number, Artigo>>;
}

/** The articles of one norm, from its dispositivos (numbered articles only). */
function artigosDe(norma: '3492'): Record<number, Artigo> {
    const artigos: Record<number, Artigo> = {};
    for (const d of DISPOSITIVOS.filter(x => x.norma === norma)) {
        const numero = Number(d.artigo);
        if (d.paragrafo === undefined && d.inciso === undefined) {
            artigos[numero] = { numero, caput: d.texto, incisos: [], paragrafos: [] };
            continue;
        }
        // The text lists an article's caput before its paragraphs and a paragraph before its incisos.
        const artigo = artigos[numero];
        if (!artigo) throw new Error(`${d.chave}: the text has no caput of art. ${numero} before it`);
        if (d.inciso === undefined) artigo.paragrafos.push({ numero: d.paragrafo!, texto: d.texto, incisos: [] });
        else if (d.paragrafo === undefined) artigo.incisos.push({ numero: d.inciso, texto: d.texto });
        else {
            const paragrafo = artigo.paragrafos.at(-1);
            if (!paragrafo) throw new Error(`${d.chave}: the text has no paragraph of art. ${numero} before it`);
            paragrafo.incisos.push({ numero: d.inciso, texto: d.texto });
        }
    }
    return artigos;
}

export const PORTARIA_GM_MS_3492_2024: Norma = {
    citacao: NORMAS_LEGAIS['3492'].citacao,
    titulo: NORMAS_LEGAIS['3492'].titulo,
    ementa: 'Institui o Programa Nacional de Expansão e Qualificação da Atenção Ambulatorial Especializada, no âmbito do Sistema Único de Saúde (SUS).',
    publicacao: NORMAS_LEGAIS['3492'].publicacao,
    fonte: NORMAS_LEGAIS['3492'].fonte,
    artigos: artigosDe('3492')
};
