/**
 * Production inputs for the PAR and the SE (pure: they take the file's text).
 *
 * * The PAR's executed financial production (art. 15 §2 II), from a JSON:
 *   - `{ "producaoFinanceiraExecutada": "1234.56" }` — text with a decimal point, a number, or
 *     "R$ 1.234,56" (also accepted inside `resumo`); or
 *   - the production audit's `auditoria.json` (`oci-catalogo audit`, format
 *     oci-catalogo-auditoria/1): the executed production is Σ (concluded OCIs × the OCI's value in
 *     the rol) over the OCIs of the PAR's list (the audit carries no value; it comes from the loaded rol).
 * * The SE's production (art. 878-A §10): the competências with records of each CNES (ProducaoPorCnes),
 *   read from the production files (CSV or Parquet) by the audit's engine:
 *   language/src/audit/producao-por-estabelecimento.ts.
 */
import { Money, parseMoney } from '../money.js';
import type { Competencia } from './datas.js';

/** A problem in the input file (the CLI exits with 2). */
export class EntradaInvalida extends Error {}

/** The executed production stated, or the concluded OCIs by code according to the audit. */
export type Execucao =
    | { origem: 'informada'; valor: Money }
    | { origem: 'auditoria'; concluidasPorOci: Map<string, number>; adequadasPorOci: Map<string, Adequadas> };

/**
 * The OCIs adequately concluded (art. 16 I: "conclusão adequada das OCI"; art. 12 VI: "em tempo
 * oportuno e com o escopo total"; art. 14 §2 III-IV: within the tM, no double billing): exact when
 * the audit gives `concluidasAdequadas`; otherwise bounds: at most those concluded within the tM, at
 * least those minus the episodes with incomplete scope and with double billing (which may overlap).
 */
export interface Adequadas {
    minimo: number;
    maximo: number;
}

/** Bounds of the adequate ones from an OCI's indicators in the auditoria.json (AuditoriaJson.ocis[]). */
export function adequadasDaAuditoria(o: Record<string, unknown>, concluidas: number): Adequadas {
    const inteiro = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
    const exatas = inteiro(o.concluidasAdequadas);
    if (exatas !== undefined) return { minimo: exatas, maximo: exatas };
    const noTm = inteiro(o.concluidasNoTm);
    const maximo = Math.min(concluidas, noTm ?? concluidas);
    const escopo = inteiro(o.escopoIncompleto);
    const dupla = inteiro((o.cobrancaDupla as Record<string, unknown> | undefined)?.episodios);
    const minimo =
        noTm !== undefined && escopo !== undefined && dupla !== undefined ? Math.max(0, noTm - escopo - dupla) : 0;
    return { minimo: Math.min(minimo, maximo), maximo };
}

const FORMATO_AUDITORIA = /^oci-catalogo-auditoria\//;

/**
 * Reads the executed financial production from a JSON (see the two formats above). EntradaInvalida's
 * messages start with `origem` ("origem: motivo"); with an empty `origem`, only the reason.
 */
export function readExecucao(texto: string, origem = 'execução'): Execucao {
    const falha = (motivo: string) => new EntradaInvalida(origem ? `${origem}: ${motivo}` : motivo);
    let json: unknown;
    try {
        // A BOM at the start (common in files saved on Windows) is no JSON error.
        json = JSON.parse(texto.startsWith('\uFEFF') ? texto.slice(1) : texto);
    } catch (error) {
        throw falha(`JSON inválido (${(error as Error).message})`);
    }
    const obj = json as Record<string, unknown> | null;
    if (obj && typeof obj === 'object' && typeof obj.formato === 'string' && FORMATO_AUDITORIA.test(obj.formato)) {
        if (!Array.isArray(obj.ocis)) throw falha('auditoria sem a lista "ocis"');
        const concluidasPorOci = new Map<string, number>();
        const adequadasPorOci = new Map<string, Adequadas>();
        for (const o of obj.ocis as Array<Record<string, unknown> | null>) {
            const codigo =
                o && typeof o === 'object' && typeof o.codigo === 'string' ? o.codigo.replace(/\D/g, '') : '';
            const concluidas = o && typeof o === 'object' ? o.concluidas : undefined;
            if (
                !/^[0-9]{10}$/.test(codigo) ||
                typeof concluidas !== 'number' ||
                !Number.isSafeInteger(concluidas) ||
                concluidas < 0
            ) {
                throw falha(`OCI inválida na auditoria: ${JSON.stringify({ codigo: o?.codigo, concluidas })}`);
            }
            concluidasPorOci.set(codigo, (concluidasPorOci.get(codigo) ?? 0) + concluidas);
            const a = adequadasDaAuditoria(o as Record<string, unknown>, concluidas);
            const antes = adequadasPorOci.get(codigo) ?? { minimo: 0, maximo: 0 };
            adequadasPorOci.set(codigo, { minimo: antes.minimo + a.minimo, maximo: antes.maximo + a.maximo });
        }
        return { origem: 'auditoria', concluidasPorOci, adequadasPorOci };
    }
    const bruto =
        obj && typeof obj === 'object'
            ? (obj.producaoFinanceiraExecutada ??
              (obj.resumo as Record<string, unknown> | undefined)?.producaoFinanceiraExecutada)
            : undefined;
    if (bruto === undefined) {
        throw falha(
            'falta "producaoFinanceiraExecutada" (p.ex. { "producaoFinanceiraExecutada": "1234.56" }), e não é um auditoria.json da auditoria da produção'
        );
    }
    const valor = parseValor(bruto, texto);
    if (!valor) {
        throw falha(
            `"producaoFinanceiraExecutada" inválida: ${literalDoNumero(bruto, texto) ?? JSON.stringify(bruto)} ` +
                '(use "1234.56" ou "R$ 1.234,56", com no máximo duas casas decimais: centavos não se arredondam)'
        );
    }
    return { origem: 'informada', valor };
}

const REAIS_PONTO = /^[0-9]+(\.[0-9]{1,2})?$/;

/**
 * An exact amount in reais: text "1234.56" or "R$ 1.234,56", or a JSON number — of which the literal
 * written in the file is read (JSON.parse has already rounded it to a double: 1099999.9999999999
 * becomes 1100000). More than two decimals, an exponent or negative: undefined (refused, never rounded).
 */
function parseValor(bruto: unknown, texto: string): Money | undefined {
    if (typeof bruto === 'number') {
        const literal = literalDoNumero(bruto, texto);
        return literal !== undefined && REAIS_PONTO.test(literal) ? new Money(literal) : undefined;
    }
    if (typeof bruto !== 'string') return undefined;
    const t = bruto.trim();
    if (REAIS_PONTO.test(t)) return new Money(t);
    const p = parseMoney(t.startsWith('R$') ? t : `R$ ${t}`);
    return p && p.decimals <= 2 ? p.value : undefined;
}

/**
 * The literal of `producaoFinanceiraExecutada` as it stands in the text, when it is a number; when the
 * text has more than one (at the top and in `resumo`), the first whose value is `n` — undefined if none.
 */
function literalDoNumero(n: unknown, texto: string): string | undefined {
    if (typeof n !== 'number') return undefined;
    const re = /"producaoFinanceiraExecutada"\s*:\s*(-?[0-9][0-9.eE+-]*)/g;
    for (const m of texto.matchAll(re)) if (Number(m[1]) === n) return m[1];
    return undefined;
}

export interface ProducaoPorCnes {
    /** CNES (7 digits) → competências with some record. */
    porCnes: Map<string, Set<Competencia>>;
    /** First and last competência of the file (over every establishment). */
    primeira?: Competencia;
    ultima?: Competencia;
    registros: number;
}
