/**
 * Incentivo à Implementação das Ações e Estratégias de Gestão do PAR (Portaria GM/MS nº 3.492/2024,
 * art. 15), em aritmética decimal exata (../money.ts).
 *
 *   §1 I   mais de 1.000.000 de habitantes             R$ 1.200.000,00
 *   §1 II  mais de 500.000 a 1.000.000                  R$   600.000,00
 *   §1 III mais de 100.000 a 499.999                    R$   360.000,00
 *   §2 I   50% após a aprovação do PAR pela SAES
 *   §2 II  50% após a execução de 50% da produção financeira prevista no PAR
 *
 * O texto deixa duas faixas sem valor, que não são preenchidas por escolha nossa: exatamente
 * 500.000 habitantes (o inciso II começa em "mais de 500.000" e o III acaba em 499.999) e 100.000
 * ou menos (nenhum inciso). Nos dois casos o resultado é uma lacuna, nunca uma faixa.
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

/** A faixa do art. 15 §1 para a população de abrangência do PAR (inteiro ≥ 0). */
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
    // Só sobra 0..100.000: os incisos II e III cobrem 100.001..499.999 e 500.001..1.000.000, e o I o resto.
    return {
        tipo: 'ate-100-mil',
        dispositivo: 'art. 15 §1 III',
        descricao: '100.000 habitantes ou menos: nenhum inciso do §1 prevê incentivo'
    };
}

export interface Parcelas {
    /** §2 I: 50% após a aprovação do PAR pela SAES. */
    primeira: Money;
    /** §2 II: 50% após a execução de 50% da produção financeira prevista. */
    segunda: Money;
}

export function parcelas(total: Money): Parcelas {
    const metade = total.times('0.5');
    return { primeira: metade, segunda: total.minus(metade) };
}

export interface CondicaoSegundaParcela {
    /** Produção financeira prevista no PAR. */
    prevista: Money;
    /** 50% da prevista: a produção a executar para a segunda parcela (§2 II). */
    limiar: Money;
    /** Produção financeira executada informada (resultado da auditoria ou JSON). */
    executada?: Money;
    /** executada / prevista, em % (exato; a exibição arredonda). */
    percentual?: Money;
    /** executada ≥ limiar; undefined sem produção executada. */
    cumprida?: boolean;
    /**
     * Quanto falta executar para atingir o limiar, arredondado para cima ao centavo (o limiar pode
     * ter meio centavo: executar a falta mostrada sempre basta). Nunca zero: undefined se atingido.
     */
    falta?: Money;
}

/**
 * A condição do art. 15 §2 II: execução de 50% da produção financeira prevista. Com `maximo`
 * (diferente de `executada`), a executada só é conhecida entre limites — `executada` é o mínimo:
 * cumprida se o mínimo atinge o limiar, não cumprida se nem o máximo atinge, e indeterminada entre
 * os dois (então `cumprida` é undefined e `indeterminada` true).
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

/** "1.234.567" ou "1234567" → 1234567; undefined se não for inteiro. */
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
