/**
 * The PAR's Incentivo à Implementação das Ações e Estratégias de Gestão (Portaria GM/MS nº 3.492/2024,
 * art. 15), in exact decimal arithmetic (../money.ts).
 *
 *   §1 I   more than 1,000,000 inhabitants              R$ 1.200.000,00
 *   §1 II  more than 500,000 up to 1,000,000            R$   600.000,00
 *   §1 III more than 100,000 up to 499,999              R$   360.000,00
 *   §2 I   50% after the SAES approves the PAR
 *   §2 II  50% after 50% of the financial production planned in the PAR is executed
 *
 * The text leaves two bands without an amount, which we do not fill by choice of our own: exactly
 * 500,000 inhabitants (inciso II starts at "mais de 500.000" and III ends at 499.999) and 100,000
 * or fewer (no inciso). In both cases the result is a gap, never a band.
 */
import { Money } from '../money.js';

export type IncisoFaixa = 'I' | 'II' | 'III';

export type FaixaIncentivo =
    | { tipo: 'faixa'; inciso: IncisoFaixa; dispositivo: string; total: Money; descricao: string }
    | { tipo: 'lacuna-500-mil'; dispositivo: string; descricao: string }
    | { tipo: 'ate-100-mil'; dispositivo: string; descricao: string };

const FAIXAS: Array<{ inciso: IncisoFaixa; acimaDe: number; ate: number; total: string; descricao: string }> = [
    {
        inciso: 'I',
        acimaDe: 1_000_000,
        ate: Number.POSITIVE_INFINITY,
        total: '1200000.00',
        descricao: 'mais de 1.000.000 de habitantes'
    },
    {
        inciso: 'II',
        acimaDe: 500_000,
        ate: 1_000_000,
        total: '600000.00',
        descricao: 'mais de 500.000 a 1.000.000 de habitantes'
    },
    {
        inciso: 'III',
        acimaDe: 100_000,
        ate: 499_999,
        total: '360000.00',
        descricao: 'mais de 100.000 a 499.999 habitantes'
    }
];

/** The band of art. 15 §1 for the population the PAR covers (an integer ≥ 0). */
export function faixaIncentivo(populacao: number): FaixaIncentivo {
    if (!Number.isSafeInteger(populacao) || populacao < 0) throw new RangeError(`população inválida: ${populacao}`);
    for (const f of FAIXAS) {
        if (populacao > f.acimaDe && populacao <= f.ate) {
            return {
                tipo: 'faixa',
                inciso: f.inciso,
                dispositivo: `art. 15 §1 ${f.inciso}`,
                total: new Money(f.total),
                descricao: f.descricao
            };
        }
    }
    if (populacao === 500_000) {
        return {
            tipo: 'lacuna-500-mil',
            dispositivo: 'art. 15 §1 II e III',
            descricao: 'exatamente 500.000 habitantes: nem "mais de 500.000" (II) nem "a 499.999" (III)'
        };
    }
    // Only 0..100,000 is left: incisos II and III cover 100,001..499,999 and 500,001..1,000,000, and I the rest.
    return {
        tipo: 'ate-100-mil',
        dispositivo: 'art. 15 §1 III',
        descricao: '100.000 habitantes ou menos: nenhum inciso do §1 prevê incentivo'
    };
}

export interface Parcelas {
    /** §2 I: 50% after the SAES approves the PAR. */
    primeira: Money;
    /** §2 II: 50% after 50% of the planned financial production is executed. */
    segunda: Money;
}

export function parcelas(total: Money): Parcelas {
    const metade = total.times('0.5');
    return { primeira: metade, segunda: total.minus(metade) };
}

export interface CondicaoSegundaParcela {
    /** The financial production planned in the PAR. */
    prevista: Money;
    /** 50% of the planned one: the production to execute for the second parcela (§2 II). */
    limiar: Money;
    /** The executed financial production stated (the audit's result or a JSON). */
    executada?: Money;
    /** executed / planned, in % (exact; the display rounds). */
    percentual?: Money;
    /** executed ≥ threshold; undefined without executed production. */
    cumprida?: boolean;
    /**
     * How much is left to execute to reach the threshold, rounded up to the centavo (the threshold may
     * have half a centavo: executing the shortfall shown always suffices). Never zero: undefined if reached.
     */
    falta?: Money;
}

/**
 * The condition of art. 15 §2 II: execution of 50% of the planned financial production. With `maximo`
 * (other than `executada`), the executed production is only known within bounds — `executada` is the
 * minimum: met when the minimum reaches the threshold, not met when not even the maximum does, and
 * undetermined in between (then `cumprida` is undefined and `indeterminada` true).
 */
export function condicaoSegundaParcela(
    prevista: Money,
    executada?: Money,
    maximo?: Money
): CondicaoSegundaParcela & { indeterminada?: boolean; maximo?: Money } {
    const limiar = prevista.times('0.5');
    if (executada === undefined) return { prevista, limiar };
    if (maximo !== undefined && !maximo.equals(executada)) {
        if (executada.greaterThanOrEqualTo(limiar)) return { prevista, limiar, maximo, cumprida: true };
        if (maximo.lessThan(limiar))
            return {
                prevista,
                limiar,
                maximo,
                cumprida: false,
                falta: limiar.minus(maximo).toDecimalPlaces(2, Money.ROUND_CEIL)
            };
        return { prevista, limiar, maximo, indeterminada: true };
    }
    const percentual = prevista.isZero() ? undefined : executada.div(prevista).times(100);
    const cumprida = executada.greaterThanOrEqualTo(limiar);
    const falta = cumprida ? undefined : limiar.minus(executada).toDecimalPlaces(2, Money.ROUND_CEIL);
    return { prevista, limiar, executada, percentual, cumprida, falta };
}

/** "1.234.567" or "1234567" → 1234567; undefined when not an integer. */
export function parseInteger(texto: string | undefined): number | undefined {
    if (typeof texto !== 'string') return undefined;
    const t = texto.trim();
    if (!/^(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)$/.test(t)) return undefined;
    const n = Number(t.replace(/\./g, ''));
    return Number.isSafeInteger(n) ? n : undefined;
}

/** 1234567 → "1.234.567". */
export function formatInteger(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
