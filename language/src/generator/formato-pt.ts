/**
 * Portuguese (pt-BR) display of the values of the JSON catalogue, shared by the HTML and Markdown catalogues
 * and the Markdown diff: money as `R$ 1.234,56`, fractions as `40%`, ages in years and months.
 * Exact: money is formatted from its decimal string, percentages with decimal.js.
 */
import { Money, groupThousands } from '../money.js';
import type { ComponenteJson, CustoJson, MoneyJson, OciJson } from './catalogo-json.js';

/** `{reais: "1234.50"}` → `R$ 1.234,50`; negative → `-R$ 1,00`; null → `—`. */
export function reais(m: MoneyJson | null | undefined): string {
    if (!m) return '—';
    const negative = m.reais.startsWith('-') && m.centavos !== 0;
    const [int = '', frac] = m.reais.replace('-', '').split('.');
    return `${negative ? '-' : ''}R$ ${groupThousands(int)},${frac}`;
}

/** Money with an explicit sign for differences: `+R$ 5,00`, `-R$ 5,00`, `R$ 0,00`. */
export function reaisComSinal(m: MoneyJson): string {
    return m.centavos > 0 ? `+${reais(m)}` : reais(m);
}

/** Percentages already formatted: a catalogue repeats a few frequencies thousands of times (bounded). */
const percentualMemo = new Map<string, string>();

/** A fraction (`"0.4"`) as a percentage (`40%`, `12,5%`), exactly. */
export function percentual(fraction: string): string {
    let text = percentualMemo.get(fraction);
    if (text === undefined) {
        // Two Decimals per component of the HTML catalogue otherwise (~0.1 s of a cold build of 2,000 OCIs).
        text = `${new Money(fraction).times(100).toString().replace('.', ',')}%`;
        if (percentualMemo.size >= 4096) percentualMemo.clear();
        percentualMemo.set(fraction, text);
    }
    return text;
}

/** A technology's cost in an OCI: `8,25% de R$ 100,00` (of the procedures' subtotal `base`) or `R$ 6,50`. */
export function custoTecnologia(t: { custo: CustoJson; base: MoneyJson | null }): string {
    return t.custo.tipo === 'percentual'
        ? `${t.custo.percentual.replace('.', ',')}% de ${reais(t.base)}`
        : reais(t.custo.valor);
}

/** `120` → `10 anos`; `131` → `10 anos e 11 meses`; `5` → `5 meses`. */
export function meses(total: number): string {
    const anos = Math.floor(total / 12);
    const resto = total % 12;
    const a = `${anos} ${anos === 1 ? 'ano' : 'anos'}`;
    const m = `${resto} ${resto === 1 ? 'mês' : 'meses'}`;
    if (anos === 0) return m;
    return resto === 0 ? a : `${a} e ${m}`;
}

/** The age range of an OCI's public, as the language writes it. */
export function faixaEtaria(min: number, max: number | null): string {
    return max === null ? `${meses(min)} ou mais` : `${meses(min)} a ${meses(max)}`;
}

export function publicoTexto(p: OciJson['publico']): string {
    return `sexo ${p.sexo}, idade ${faixaEtaria(p.idadeMinimaMeses, p.idadeMaximaMeses)}`;
}

/** `02.04.03.003-0 MAMOGRAFIA`, or the members of a "um de" group joined by "ou". */
export function componenteRotulo(c: ComponenteJson): string {
    const procs = c.procedimentos.map(p => `${p.codigoFormatado}${p.nome ? ` ${p.nome}` : ''}`).join(' ou ');
    return c.grupo ? `${procs} (um de "${c.grupo}")` : procs;
}

/** Short label of a component: its code, or the group it takes one of. */
export function componenteCurto(c: ComponenteJson): string {
    if (c.grupo) return `um de "${c.grupo}"`;
    const p = c.procedimentos[0];
    return p ? `${p.codigoFormatado}${p.nome ? ` ${p.nome}` : ''}` : '—';
}

export function tipoTexto(tipo: ComponenteJson['tipo']): string {
    return tipo === 'obrigatorio' ? 'obrigatório' : 'eventual';
}

export function diasTexto(dias: number | null): string {
    return dias === null ? '—' : `${dias} ${dias === 1 ? 'dia' : 'dias'}`;
}
