/**
 * Where a rule comes from, written next to the rule in its registry (catalogue: ../validation/rules.ts;
 * PAR/SE: ../plano/rules.ts; audit findings: ../audit/fundamentos.ts): its origin and the
 * dispositivos it applies, as keys of ./dispositivos.ts. The basis text a message ends with is
 * derived from it here — one source of truth for the message, the hover, docs/checks.md and
 * docs/legal/matriz.md (./matriz.ts).
 *
 * Origins:
 * - `lei`: the portaria requires or forbids it (the dispositivos say so);
 * - `tabela SIGTAP`: the official SIGTAP table says so (the field is named); the dispositivos are
 *   those of the OCI description the datum belongs to;
 * - `convenção`: the project's choice, not the law's; never blocks official data (a warning at most);
 * - `ferramenta`: how the tool works (files, formats, the shape of a value); not a legal requirement.
 */
import { DISPOSITIVOS_POR_CHAVE, NORMAS_LEGAIS, referenciaDispositivo, type NormaId } from './dispositivos.js';

export type Origem = 'lei' | 'tabela SIGTAP' | 'convenção' | 'ferramenta';

export const ORIGENS: readonly Origem[] = ['lei', 'tabela SIGTAP', 'convenção', 'ferramenta'];

export interface Fundamento {
    origem: Origem;
    /** Keys of ./dispositivos.ts: those applied (lei) or those the datum belongs to (the others). */
    dispositivos: string[];
    /** The field of the SIGTAP table, the convention or the tool's reason, in Portuguese. */
    nota?: string;
}

/** A rule applying the law: `lei('3492/6/§2/III', '3492/6/§2/IV')`. */
export function lei(...dispositivos: string[]): Fundamento {
    return { origem: 'lei', dispositivos };
}

/** A rule of the SIGTAP table: `tabelaSigtap('TP_SEXO', '3492/6/§2/II')`. */
export function tabelaSigtap(campo: string, ...dispositivos: string[]): Fundamento {
    return { origem: 'tabela SIGTAP', dispositivos, nota: campo };
}

/**
 * The project's convention (a warning at most): `convencao('toda OCI tem um componente obrigatório', '3492/6/§2/II')`.
 */
export function convencao(nota: string, ...dispositivos: string[]): Fundamento {
    return { origem: 'convenção', dispositivos, nota };
}

/** A rule of the tool itself: `ferramenta('a competência é escrita AAAA-MM')`. */
export function ferramenta(nota: string, ...dispositivos: string[]): Fundamento {
    return { origem: 'ferramenta', dispositivos, nota };
}

const ROMANOS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV'];

/** "I-II", "III-V", "I e III", "II, IV e VI". */
function incisos(lista: string[]): string {
    const idx = lista.map(i => ROMANOS.indexOf(i));
    const consecutivos = lista.length > 1 && idx.every((v, k) => v >= 0 && (k === 0 || v === idx[k - 1]! + 1));
    if (consecutivos) return `${lista[0]}-${lista[lista.length - 1]}`;
    return lista.length <= 1 ? lista.join('') : `${lista.slice(0, -1).join(', ')} e ${lista[lista.length - 1]}`;
}

/**
 * "art. 6 §2 III-IV e §3", "art. 6 §2 I e art. 14 §2 I", "art. 9 V e VI", "art. 878-A §4 VII":
 * the dispositivos of one norm, in the order given, grouped by article and paragraph.
 */
export function citarDispositivos(chaves: string[]): string {
    interface Grupo {
        artigo: string;
        paragrafo: string;
        incisos: string[];
    }
    const grupos: Grupo[] = [];
    for (const chave of chaves) {
        const [, artigo = '', ...resto] = chave.split('/');
        const paragrafo = resto[0]?.startsWith('§') ? resto[0] : '';
        const inciso = resto[0]?.startsWith('§') ? resto[1] : resto[0];
        const g = grupos.find(x => x.artigo === artigo && x.paragrafo === paragrafo);
        if (g && inciso && g.incisos.length > 0) g.incisos.push(inciso);
        else grupos.push({ artigo, paragrafo, incisos: inciso ? [inciso] : [] });
    }
    const partes: string[] = [];
    let artigoAnterior: string | undefined;
    for (const g of grupos) {
        const p = g.paragrafo === '§único' ? 'parágrafo único' : g.paragrafo;
        // A key without paragraph or inciso is the caput ("art. 6 caput"); the incisos of a caput follow the article
        // ("art. 9 V e VI").
        const corpo = [p, g.incisos.length ? incisos(g.incisos) : ''].filter(Boolean).join(' ') || 'caput';
        partes.push(
            g.artigo === artigoAnterior && corpo ? corpo : [`art. ${g.artigo}`, corpo].filter(Boolean).join(' ')
        );
        artigoAnterior = g.artigo;
    }
    return partes.join(' e ');
}

/** "Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV" — the dispositivos of each norm, norm by norm. */
export function citarNormas(chaves: string[]): string {
    const porNorma = new Map<NormaId, string[]>();
    for (const chave of chaves) {
        const norma = chave.split('/')[0] as NormaId;
        porNorma.set(norma, [...(porNorma.get(norma) ?? []), chave]);
    }
    return [...porNorma]
        .map(([norma, lista]) => {
            const artigo878 = norma === '1997' && lista.some(c => c.startsWith('1997/878-A'));
            return `${NORMAS_LEGAIS[norma].citacao}${artigo878 ? ' (Portaria de Consolidação GM/MS nº 6/2017)' : ''}, ${citarDispositivos(lista)}`;
        })
        .join('; ');
}

/**
 * The basis a message ends with, derived from the fundamento:
 * - lei: "Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV" (and the nota after ";", when given);
 * - tabela SIGTAP: "Tabela SIGTAP (TP_SEXO); dado da Portaria GM/MS nº 3.492/2024, art. 6 §2 II";
 * - convenção: "convenção do projeto, não exigida pela lei: <nota> (cf. Portaria …)";
 * - ferramenta: "regra da ferramenta, não da lei: <nota> (cf. Portaria …)".
 */
export function textoDoFundamento(f: Fundamento): string {
    const citacao = f.dispositivos.length ? citarNormas(f.dispositivos) : '';
    switch (f.origem) {
        case 'lei':
            return [citacao, f.nota].filter(Boolean).join('; ');
        case 'tabela SIGTAP':
            return `Tabela SIGTAP${f.nota ? ` (${f.nota})` : ''}${citacao ? `; dado da ${citacao}` : ''}`;
        case 'convenção':
            return `convenção do projeto, não exigida pela lei: ${f.nota ?? ''}${citacao ? ` (cf. ${citacao})` : ''}`;
        case 'ferramenta':
            return `regra da ferramenta, não da lei: ${f.nota ?? ''}${citacao ? ` (cf. ${citacao})` : ''}`;
    }
}

/** A registered rule, whatever its registry. */
export interface RegraRegistrada {
    registro: string;
    code: string;
    severity: 'error' | 'warning' | 'info';
    fundamento?: Fundamento;
}

/**
 * What is wrong with the registries' legal metadata: a rule without an origin, an origin not in
 * ORIGENS, a cited dispositivo the texts do not have, a `lei` rule citing nothing, a `convenção`
 * that is an error (conventions never block official data). Empty when all is well.
 */
export function problemasDosFundamentos(regras: Iterable<RegraRegistrada>): string[] {
    const out: string[] = [];
    for (const r of regras) {
        const f = r.fundamento;
        if (!f || !f.origem) {
            out.push(`${r.code} (${r.registro}): sem origem`);
            continue;
        }
        if (!ORIGENS.includes(f.origem)) out.push(`${r.code} (${r.registro}): origem desconhecida "${f.origem}"`);
        for (const d of f.dispositivos) {
            if (!DISPOSITIVOS_POR_CHAVE.has(d))
                out.push(
                    `${r.code} (${r.registro}): dispositivo inexistente nos textos: ${d} (${referenciaDispositivo(d)})`
                );
        }
        if (f.origem === 'lei' && f.dispositivos.length === 0)
            out.push(`${r.code} (${r.registro}): origem lei sem dispositivo`);
        if ((f.origem === 'convenção' || f.origem === 'ferramenta') && !f.nota)
            out.push(`${r.code} (${r.registro}): ${f.origem} sem explicação`);
        if (f.origem === 'convenção' && r.severity === 'error')
            out.push(
                `${r.code} (${r.registro}): convenção como erro (uma convenção nunca bloqueia dado oficial: use aviso)`
            );
    }
    return out;
}
