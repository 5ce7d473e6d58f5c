/**
 * Entradas de produção para o PAR e a SE (puras: recebem o texto do arquivo).
 *
 * * Produção financeira executada do PAR (art. 15 §2 II), de um JSON:
 *   - `{ "producaoFinanceiraExecutada": "1234.56" }` — texto com ponto decimal, número, ou
 *     "R$ 1.234,56" (também aceito dentro de `resumo`); ou
 *   - o `auditoria.json` da auditoria da produção (`oci-catalogo audit`, formato
 *     oci-catalogo-auditoria/1): a produção executada é Σ (OCI concluídas × valor da OCI no rol)
 *     sobre as OCI do elenco do PAR (a auditoria não traz valor; o valor vem do rol carregado).
 * * Produção da SE (art. 878-A §10): as competências com registro de cada CNES (ProducaoPorCnes),
 *   lidas dos arquivos de produção (CSV ou Parquet) pelo motor da auditoria:
 *   language/src/audit/producao-por-estabelecimento.ts.
 */
import { Money, parseMoney } from '../money.js';
import type { Competencia } from './datas.js';

/** Problema no arquivo de entrada (a CLI sai com 2). */
export class EntradaInvalida extends Error {}

/** A produção executada informada, ou as OCI concluídas por código segundo a auditoria. */
export type Execucao =
    | { origem: 'informada'; valor: Money }
    | { origem: 'auditoria'; concluidasPorOci: Map<string, number>; adequadasPorOci: Map<string, Adequadas> };

/**
 * As OCI concluídas adequadamente (art. 16 I: "conclusão adequada das OCI"; art. 12 VI: "em tempo
 * oportuno e com o escopo total"; art. 14 §2 III-IV: dentro do tM, sem cobrança dupla): exatas
 * quando a auditoria dá `concluidasAdequadas`; senão, limites: no máximo as concluídas no tM, no
 * mínimo essas menos os episódios de escopo incompleto e de cobrança dupla (que podem se sobrepor).
 */
export interface Adequadas {
    minimo: number;
    maximo: number;
}

/** Limites das adequadas a partir dos indicadores de uma OCI no auditoria.json (AuditoriaJson.ocis[]). */
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
 * Lê a produção financeira executada de um JSON (veja acima os dois formatos). As mensagens de
 * EntradaInvalida começam por `origem` ("origem: motivo"); com `origem` vazia, só o motivo.
 */
export function readExecucao(texto: string, origem = 'execução'): Execucao {
    const falha = (motivo: string) => new EntradaInvalida(origem ? `${origem}: ${motivo}` : motivo);
    let json: unknown;
    try {
        // Um BOM no início (comum em arquivos gravados no Windows) não é erro de JSON.
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
 * Um valor em reais, exato: texto "1234.56" ou "R$ 1.234,56", ou número JSON — de que se lê o
 * literal escrito no arquivo (JSON.parse já o arredondou para double: 1099999.9999999999 vira
 * 1100000). Mais de duas casas decimais, expoente ou negativo: undefined (recusado, nunca arredondado).
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
 * O literal de `producaoFinanceiraExecutada` como está no texto, quando é um número; se o texto tem
 * mais de um (no topo e em `resumo`), o primeiro cujo valor é `n` — undefined se nenhum.
 */
function literalDoNumero(n: unknown, texto: string): string | undefined {
    if (typeof n !== 'number') return undefined;
    const re = /"producaoFinanceiraExecutada"\s*:\s*(-?[0-9][0-9.eE+-]*)/g;
    for (const m of texto.matchAll(re)) if (Number(m[1]) === n) return m[1];
    return undefined;
}

export interface ProducaoPorCnes {
    /** CNES (7 dígitos) → competências com algum registro. */
    porCnes: Map<string, Set<Competencia>>;
    /** Primeira e última competência do arquivo (de todos os estabelecimentos). */
    primeira?: Competencia;
    ultima?: Competencia;
    registros: number;
}
