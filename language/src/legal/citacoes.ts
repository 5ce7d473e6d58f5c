/**
 * Reads the legal basis a rule cites ("Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV",
 * "art. 6 §2 I e art. 14 §2 I", "art. 6 §2 II e §3", "art. 6 caput", "Tabela SIGTAP (Portaria
 * GM/MS nº 3.492/2024, art. 14 §2 I-II) (VL_SA)") into citations of articles, paragraphs and
 * incisos, and renders the cited text of the law (./portaria-3492-2024.ts) as Markdown, for the
 * hover over a diagnostic. Pure: no editor, no file system.
 */
import { PORTARIA_GM_MS_3492_2024, type Artigo, type Inciso, type Norma } from './portaria-3492-2024.js';

export interface Citacao {
    norma: Norma;
    artigo: number;
    /** A paragraph number, 'caput', or undefined for the whole article. */
    paragrafo?: number | 'caput';
    /** Roman numerals of the cited incisos (of the paragraph, or of the caput); undefined: all. */
    incisos?: string[];
}

/** The norms whose text the project carries, by the way the rules cite them. */
const NORMAS: Norma[] = [PORTARIA_GM_MS_3492_2024];

const ROMANOS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** "III-V" → III, IV, V; an unknown numeral stands alone. */
function expandir(de: string, ate?: string): string[] {
    const i = ROMANOS.indexOf(de);
    const j = ate ? ROMANOS.indexOf(ate) : i;
    if (i < 0 || j < i) return ate ? [de, ate] : [de];
    return ROMANOS.slice(i, j + 1);
}

const TOKEN = /art\.\s*(\d+)|\bcaput\b|§\s*(\d+)|\b([IVX]+)(?:\s*-\s*([IVX]+))?\b/g;

/** The citations of the norms the project carries, in the order written, without repetitions. */
export function parseCitacoes(basis: string): Citacao[] {
    const out: Citacao[] = [];
    for (const norma of NORMAS) {
        let from = basis.indexOf(norma.citacao.replace(/^.*nº\s*/, ''));
        while (from >= 0) {
            const tail = basis.slice(from);
            // The citation runs until the end of its segment: ";" or the ")" closing "(Portaria …)".
            const end = tail.search(/[;)]/);
            out.push(...parseSegmento(norma, end < 0 ? tail : tail.slice(0, end)));
            from = basis.indexOf(norma.citacao.replace(/^.*nº\s*/, ''), from + 1);
        }
    }
    const seen = new Set<string>();
    return out.filter(c => {
        const key = `${c.norma.citacao}|${c.artigo}|${c.paragrafo ?? ''}|${(c.incisos ?? []).join(',')}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

function parseSegmento(norma: Norma, segmento: string): Citacao[] {
    const out: Citacao[] = [];
    let artigo: number | undefined;
    // The last citation, and whether it is an article not yet narrowed to a paragraph.
    let atual: Citacao | undefined;
    let soArtigo = false;
    for (const m of segmento.matchAll(TOKEN)) {
        if (m[1] !== undefined) {
            artigo = Number(m[1]);
            atual = { norma, artigo };
            out.push(atual);
            soArtigo = true;
        } else if (artigo === undefined) {
            continue;
        } else if (m[0] === 'caput' || m[2] !== undefined) {
            const paragrafo = m[0] === 'caput' ? ('caput' as const) : Number(m[2]);
            if (atual && soArtigo) atual.paragrafo = paragrafo;
            else {
                atual = { norma, artigo, paragrafo };
                out.push(atual);
            }
            soArtigo = false;
        } else if (m[3] !== undefined && atual) {
            // "art. 9 V e VI": incisos right after the article are the caput's.
            if (atual.paragrafo === undefined) atual.paragrafo = 'caput';
            atual.incisos = [...(atual.incisos ?? []), ...expandir(m[3], m[4])];
            soArtigo = false;
        }
    }
    return out;
}

export interface TrechoCitado {
    citacao: Citacao;
    /** "Art. 6º, § 2º, III e IV". */
    referencia: string;
    /** The text of the law, one provision per entry (caput or paragraph first, then incisos). */
    textos: string[];
}

/** The text a citation points at; undefined when the project does not carry that article or paragraph. */
export function trechoCitado(citacao: Citacao): TrechoCitado | undefined {
    const artigo: Artigo | undefined = citacao.norma.artigos[citacao.artigo];
    if (!artigo) return undefined;
    const incisos = (todos: Inciso[]) =>
        citacao.incisos ? todos.filter(i => citacao.incisos!.includes(i.numero)) : todos;
    let textos: string[];
    const partes = [rotuloArtigo(citacao.artigo)];
    if (citacao.paragrafo === undefined) {
        textos = [
            artigo.caput,
            ...artigo.incisos.map(i => i.texto),
            ...artigo.paragrafos.flatMap(p => [p.texto, ...p.incisos.map(i => i.texto)])
        ];
    } else if (citacao.paragrafo === 'caput') {
        partes.push('caput');
        textos = [artigo.caput, ...incisos(artigo.incisos).map(i => i.texto)];
    } else {
        const paragrafo = artigo.paragrafos.find(p => p.numero === citacao.paragrafo);
        if (!paragrafo) return undefined;
        partes.push(paragrafo.numero === 'único' ? 'parágrafo único' : `§ ${paragrafo.numero}º`);
        textos = [paragrafo.texto, ...incisos(paragrafo.incisos).map(i => i.texto)];
    }
    if (citacao.incisos?.length) partes.push(lista(citacao.incisos));
    return { citacao, referencia: partes.join(', '), textos };
}

/** "Art. 6º" (ordinal up to nine, as the law writes it), "Art. 14". */
function rotuloArtigo(numero: number): string {
    return numero < 10 ? `Art. ${numero}º` : `Art. ${numero}`;
}

function lista(itens: string[]): string {
    return itens.length <= 1 ? itens.join('') : `${itens.slice(0, -1).join(', ')} e ${itens[itens.length - 1]}`;
}

const LABELS = {
    pt: { base: 'Base legal', fonte: 'Fonte', semTexto: 'o texto deste dispositivo não acompanha a ferramenta' },
    en: {
        base: 'Legal basis',
        fonte: 'Source',
        semTexto: 'the text of this provision is not shipped with the tool',
        original: 'text of the law in Portuguese'
    }
} as const;

/**
 * Markdown for a hover: the basis as cited (with the rule's code), then the cited text of the
 * law, quoted, and the official publication. The law's text stays in Portuguese in any locale.
 */
export function baseLegalMarkdown(basis: string, options: { code?: string; locale?: 'pt' | 'en' } = {}): string {
    const locale = options.locale ?? 'pt';
    const labels = LABELS[locale];
    const lines: string[] = [`**${labels.base}:** ${escape(basis)}${options.code ? ` (\`${options.code}\`)` : ''}`];
    const trechos = parseCitacoes(basis)
        .map(trechoCitado)
        .filter((t): t is TrechoCitado => t !== undefined);
    const normas = new Set<Norma>();
    for (const trecho of trechos) {
        normas.add(trecho.citacao.norma);
        lines.push(
            '',
            `*${escape(trecho.citacao.norma.citacao)} — ${escape(trecho.referencia)}*${locale === 'en' ? ` (${LABELS.en.original})` : ''}`,
            ''
        );
        lines.push(trecho.textos.map(t => `> ${escape(t)}`).join('\n>\n'));
    }
    if (trechos.length === 0 && parseCitacoes(basis).length > 0) lines.push('', `_(${labels.semTexto})_`);
    for (const norma of normas) {
        lines.push('', `_${labels.fonte}: ${escape(norma.titulo)} — ${escape(norma.publicacao)}._`);
    }
    return lines.join('\n');
}

/** Markdown specials that occur in legal text and codes (no HTML is produced). */
function escape(text: string): string {
    return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
