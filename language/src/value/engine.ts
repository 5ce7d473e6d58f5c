/**
 * The OCI value engine — Portaria GM/MS 3.492/2024 art. 6 §2 V and §3: the value of an OCI is
 * computed from the estimated value of its procedures plus the costs of care technologies
 * (gestão clínica, saúde digital).
 *
 *   valor = Σ obrigatórios (qt × estimativa)
 *         + Σ eventuais (qt × frequência × estimativa)
 *         + Σ tecnologias (valor fixo, ou percentual × subtotal dos procedimentos)
 *
 * Each line is rounded once to centavos, half to even (ABNT NBR 5891); the total is the exact
 * sum of the rounded lines. An omitted estimate defaults to the procedure's VL_SA (valor
 * ambulatorial) in the catalogue's competência; for an OR-group, to the highest VL_SA among its
 * members. OCIs are ambulatory (registered by APAC): VL_SH and VL_SP are hospital values (AIH)
 * and never count — summing them would double procedures such as 02.05.02.009-7, whose VL_SA
 * and VL_SH are both R$ 24,20. An eventual component without frequency counts at 100%; an
 * omitted quantity is 1.
 */
import type { AstNode } from 'langium';
import type { Componente, Custo, Oci, UsoTecnologia } from '../generated/ast.js';
import { isCustoFixo, isGrupoRef, isProcedimentoRef, isComponente, isUsoTecnologias } from '../generated/ast.js';
import { Money, fromCentavos, parseMoney, parsePercent, parsePercentRatio, roundCentavos } from '../money.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import type { SigtapProcedimento, SigtapTable } from '../sigtap/types.js';

export type EstimateSource = 'catalogo' | 'sigtap';

export interface ProcedureLine {
    kind: 'procedimento';
    node: Componente;
    tipo: 'obrigatorio' | 'eventual';
    /** Formatted code, or the group name for `um_de`. */
    alvo: string;
    descricao: string;
    qt: number;
    /** Fraction in [0, 1]; 1 for mandatory components. */
    frequencia: Money;
    frequenciaPadrao: boolean;
    estimativa: Money;
    origemEstimativa: EstimateSource;
    bruto: Money;
    valor: Money;
}

export interface TechnologyLine {
    kind: 'tecnologia';
    node: UsoTecnologia;
    nome: string;
    descricao: string;
    /** Fixed value, or undefined when the cost is a percentage. */
    valorFixo?: Money;
    percentual?: Money;
    base?: Money;
    bruto: Money;
    valor: Money;
}

export type ValueLine = ProcedureLine | TechnologyLine;

export interface MissingEstimate {
    node: AstNode;
    alvo: string;
    /** Marked `a_preencher` (target, estimate, frequency, technologies): already reported as such. */
    pendente: boolean;
}

export interface ValueBreakdown {
    procedimentos: ProcedureLine[];
    tecnologias: TechnologyLine[];
    subtotalProcedimentos: Money;
    subtotalTecnologias: Money;
    total: Money;
    /** Components whose estimate could not be determined (no estimate, no SIGTAP value), and pending items. */
    faltantes: MissingEstimate[];
}

export function isMandatory(componente: Componente): boolean {
    return componente.tipo !== 'eventual';
}

/** Computes the value breakdown of an OCI. Malformed literals count as missing, never throw. */
export function computeValue(oci: Oci, table?: SigtapTable): ValueBreakdown {
    const procedimentos: ProcedureLine[] = [];
    const faltantes: MissingEstimate[] = [];
    for (const item of oci.itens) {
        if (!isComponente(item)) continue;
        // A component whose target is still `a_preencher`: the value is incomplete, never computed without it.
        if (item.alvoPendente) {
            faltantes.push({ node: item, alvo: describeTarget(item), pendente: true });
            continue;
        }
        if (!item.alvo) continue;
        const line = procedureLine(item, table);
        if ('missing' in line) faltantes.push(line.missing);
        else procedimentos.push(line);
    }
    const subtotalProcedimentos = sum(procedimentos.map(l => l.valor));

    const tecnologias: TechnologyLine[] = [];
    for (const item of oci.itens) {
        if (!isUsoTecnologias(item)) continue;
        // `tecnologias a_preencher`: the technology costs are not chosen yet, so the total is incomplete.
        if (item.pendente) faltantes.push({ node: item, alvo: 'tecnologias', pendente: true });
        for (const uso of item.usos) {
            const line = technologyLine(uso, subtotalProcedimentos);
            if (line) tecnologias.push(line);
        }
    }
    const subtotalTecnologias = sum(tecnologias.map(l => l.valor));
    return {
        procedimentos,
        tecnologias,
        subtotalProcedimentos,
        subtotalTecnologias,
        total: subtotalProcedimentos.plus(subtotalTecnologias),
        faltantes
    };
}

/**
 * computeValue's total in centavos, by integer arithmetic, for an OCI whose value computeValue computes with nothing to
 * report about it: every amount whole centavos, nothing missing or pending, no SIGTAP estimate of zero, the total
 * within VALOR_MAXIMO's 10^11 centavos. Validation asks it of every OCI on every build and compares it with the
 * declared value; decimal.js's numbers are then made only for an OCI whose value has something to say (the validator
 * calls computeValue). undefined for anything else: an amount with more than two decimals, a product a double does
 * not hold exactly (above 2^53), a literal that does not parse. The same formula and rounding as computeValue, line
 * by line (test/language/value-total.test.ts compares the two).
 */
export function totalCentavos(oci: Oci, table?: SigtapTable): number | undefined {
    let procedimentos = 0;
    for (const item of oci.itens) {
        if (!isComponente(item)) continue;
        if (item.alvoPendente || item.estimativaPendente || item.frequenciaPendente) return undefined;
        if (!item.alvo) continue;
        const qt = item.qt ?? 1;
        if (!Number.isSafeInteger(qt) || qt < 0) return undefined;
        let estimativa: number | undefined;
        if (item.estimativa !== undefined) {
            estimativa = parseMoney(item.estimativa)?.centavos;
        } else {
            estimativa = sigtapEstimateCentavos(item, table);
            // A SIGTAP value of zero is reported (valor/estimativa-zero): computeValue's path.
            if (estimativa === 0) return undefined;
        }
        if (estimativa === undefined) return undefined;
        let line: number | undefined = estimativa * qt;
        if (item.tipo === 'eventual' && item.frequencia) {
            const frequencia = parsePercentRatio(item.frequencia);
            if (!frequencia) return undefined;
            line = roundedQuotient(line * frequencia.numerador, frequencia.denominador);
        }
        if (line === undefined || !Number.isSafeInteger(line)) return undefined;
        procedimentos += line;
    }
    let tecnologias = 0;
    for (const item of oci.itens) {
        if (!isUsoTecnologias(item)) continue;
        if (item.pendente) return undefined;
        for (const uso of item.usos) {
            const tecnologia = uso.tecnologia?.ref;
            if (!tecnologia) continue;
            const cost = costOf(uso, tecnologia.custo);
            if (!cost) continue;
            let line: number | undefined;
            if (cost.valor) {
                const parsed = parseMoney(cost.valor);
                if (!parsed) continue; // computeValue leaves such a line out too
                line = parsed.centavos;
            } else {
                if (parsePercent(cost.percentual ?? '') === undefined) continue;
                const percentual = parsePercentRatio(cost.percentual);
                line = percentual && roundedQuotient(procedimentos * percentual.numerador, percentual.denominador);
            }
            if (line === undefined) return undefined;
            tecnologias += line;
        }
    }
    const total = procedimentos + tecnologias;
    return Number.isSafeInteger(total) && total <= VALOR_MAXIMO_CENTAVOS ? total : undefined;
}

/** Largest value a literal or an OCI may reach: far above any OCI, far below inexact centavos (2^53). */
export const VALOR_MAXIMO = new Money('1000000000');
/** VALOR_MAXIMO in centavos: above it validation reports the value (valor/limite) instead of comparing it. */
const VALOR_MAXIMO_CENTAVOS = 100_000_000_000;

/** dividend ÷ divisor (non-negative integers) rounded half to even, as roundCentavos; undefined past 2^53. */
function roundedQuotient(dividend: number, divisor: number): number | undefined {
    if (!Number.isSafeInteger(dividend) || dividend < 0) return undefined;
    // Exact: % on doubles is, and dividend - rest is a multiple of divisor.
    const rest = dividend % divisor;
    const quotient = (dividend - rest) / divisor;
    const twice = rest * 2;
    return twice > divisor || (twice === divisor && quotient % 2 === 1) ? quotient + 1 : quotient;
}

/**
 * A procedure line whose texts (the target's formatted code or group, the procedure's description) are made when first
 * read: validation and the published JSON read the numbers only, the hover reads the texts.
 */
class Line implements ProcedureLine {
    readonly kind = 'procedimento';
    private alvoText: string | undefined;
    private descricaoText: string | undefined;

    constructor(
        readonly node: Componente,
        readonly tipo: 'obrigatorio' | 'eventual',
        readonly qt: number,
        readonly frequencia: Money,
        readonly frequenciaPadrao: boolean,
        readonly estimativa: Money,
        readonly origemEstimativa: EstimateSource,
        readonly bruto: Money,
        readonly valor: Money,
        private readonly table: SigtapTable | undefined
    ) {}

    get alvo(): string {
        return (this.alvoText ??= describeTarget(this.node));
    }

    get descricao(): string {
        return (this.descricaoText ??= describeProcedure(this.node, this.table));
    }
}

function procedureLine(
    componente: Componente,
    table: SigtapTable | undefined
): ProcedureLine | { missing: MissingEstimate } {
    if (componente.estimativaPendente || componente.frequenciaPendente)
        return { missing: { node: componente, alvo: describeTarget(componente), pendente: true } };
    const qt = componente.qt ?? 1;
    const mandatory = isMandatory(componente);
    const frequenciaEscrita = !mandatory && componente.frequencia ? parsePercent(componente.frequencia) : undefined;
    const frequencia = mandatory ? new Money(1) : (frequenciaEscrita ?? new Money(1));
    let estimativa: Money | undefined;
    let origem: EstimateSource = 'catalogo';
    if (componente.estimativa !== undefined) {
        const parsed = parseMoney(componente.estimativa);
        if (!parsed) return { missing: { node: componente, alvo: describeTarget(componente), pendente: false } };
        estimativa = parsed.value;
    } else {
        estimativa = sigtapEstimate(componente, table);
        origem = 'sigtap';
    }
    if (estimativa === undefined)
        return { missing: { node: componente, alvo: describeTarget(componente), pendente: false } };
    // Times 1 (a quantity of 1, a mandatory component) is skipped when it changes nothing — a product is rounded to
    // Money's precision, so not for an estimate written with more significant digits: two decimal.js operations less.
    const exato = estimativa.sd() <= Money.precision;
    const porQt = qt === 1 && exato ? estimativa : estimativa.times(qt);
    const bruto = (frequenciaEscrita === undefined || mandatory) && exato ? porQt : porQt.times(frequencia);
    return new Line(
        componente,
        mandatory ? 'obrigatorio' : 'eventual',
        qt,
        frequencia,
        !mandatory && frequenciaEscrita === undefined,
        estimativa,
        origem,
        bruto,
        roundCentavos(bruto),
        table
    );
}

function technologyLine(uso: UsoTecnologia, subtotal: Money): TechnologyLine | undefined {
    const tecnologia = uso.tecnologia?.ref;
    if (!tecnologia) return undefined;
    const cost = costOf(uso, tecnologia.custo);
    if (!cost) return undefined;
    const base = {
        kind: 'tecnologia' as const,
        node: uso,
        nome: tecnologia.name,
        descricao: tecnologia.descricao ?? tecnologia.name
    };
    if (cost.valor) {
        const valor = parseMoney(cost.valor)?.value;
        if (!valor) return undefined;
        return { ...base, valorFixo: valor, bruto: valor, valor: roundCentavos(valor) };
    }
    const percentual = parsePercent(cost.percentual ?? '');
    if (!percentual) return undefined;
    const bruto = subtotal.times(percentual);
    return { ...base, percentual, base: subtotal, bruto, valor: roundCentavos(bruto) };
}

/** The cost that applies to one use of a technology: the OCI's override, else the technology's own. */
export function costOf(
    uso: UsoTecnologia,
    custo: Custo | undefined
): { valor?: string; percentual?: string } | undefined {
    if (uso.valor !== undefined) return { valor: uso.valor };
    if (uso.percentual !== undefined) return { percentual: uso.percentual };
    if (!custo) return undefined;
    return isCustoFixo(custo) ? { valor: custo.valor } : { percentual: custo.percentual };
}

/** The SIGTAP column an omitted estimate comes from (named wherever the default is shown). */
export const COLUNA_ESTIMATIVA_PADRAO = 'VL_SA';

/** A procedure's (or an OCI's) SIGTAP value for the catalogue: VL_SA, in reais (see the module comment). */
export function valorAmbulatorial(proc: Pick<SigtapProcedimento, 'vlSaCentavos'>): Money {
    return fromCentavos(centavosAmbulatoriais(proc));
}

/** valorAmbulatorial in centavos: the one place that picks the SIGTAP column (VL_SA; never VL_SH + VL_SP). */
function centavosAmbulatoriais(proc: Pick<SigtapProcedimento, 'vlSaCentavos'>): number {
    return proc.vlSaCentavos;
}

/** The estimate an omitted `estimativa` takes: the procedure's VL_SA, the largest of a group's members. */
export function sigtapEstimate(componente: Componente, table: SigtapTable | undefined): Money | undefined {
    const centavos = sigtapEstimateCentavos(componente, table);
    return centavos === undefined ? undefined : fromCentavos(centavos);
}

/** sigtapEstimate in centavos (the table's own unit): the one place that says whose SIGTAP value an omission takes. */
function sigtapEstimateCentavos(componente: Componente, table: SigtapTable | undefined): number | undefined {
    if (!table) return undefined;
    const alvo = componente.alvo;
    if (isProcedimentoRef(alvo)) {
        const codigo = normalizeCodigo(alvo.codigo);
        const proc = codigo ? table.procedimentos.get(codigo) : undefined;
        return proc && centavosAmbulatoriais(proc);
    }
    if (isGrupoRef(alvo)) {
        let max: number | undefined;
        for (const membro of alvo.grupo?.ref?.membros ?? []) {
            const codigo = normalizeCodigo(membro.codigo);
            const proc = codigo ? table.procedimentos.get(codigo) : undefined;
            const centavos = proc && centavosAmbulatoriais(proc);
            if (centavos !== undefined && (max === undefined || centavos > max)) max = centavos;
        }
        return max;
    }
    return undefined;
}

export function describeTarget(componente: Componente): string {
    const alvo = componente.alvo;
    if (isProcedimentoRef(alvo)) return formatCodigo(alvo.codigo);
    if (isGrupoRef(alvo)) return `um de ${alvo.grupo?.$refText ?? '?'}`;
    return componente.alvoPendente ? 'a_preencher' : '?';
}

function describeProcedure(componente: Componente, table: SigtapTable | undefined): string {
    const alvo = componente.alvo;
    if (isProcedimentoRef(alvo)) {
        const codigo = normalizeCodigo(alvo.codigo);
        return (codigo && table?.procedimentos.get(codigo)?.nome) ?? alvo.nome?.toString() ?? '';
    }
    if (isGrupoRef(alvo)) return alvo.grupo?.ref?.descricao ?? alvo.grupo?.$refText ?? '';
    return '';
}

function sum(values: Money[]): Money {
    return values.reduce((acc, v) => acc.plus(v), new Money(0));
}
