/**
 * The public of an OCI (sex and age range), in SIGTAP's units: sex M/F/I, ages in months.
 * SIGTAP writes 9999 for "not applicable" and uses 1571 months (130 anos e 11 meses) as the
 * table's upper bound; `ou mais` in the catalogue means "no upper limit" and matches either.
 */
import type { FaixaEtaria, Idade, Oci, Publico } from './generated/ast.js';
import { isPublico } from './generated/ast.js';
import type { SigtapSexo } from './sigtap/types.js';

export const SIGTAP_NAO_SE_APLICA = 9999;
/** Ages at or above this bound (130 anos) are SIGTAP's "no upper limit". */
export const SIGTAP_SEM_LIMITE_MESES = 1560;
/** SIGTAP's largest age (VL_IDADE_MAXIMA 1571 = 130 anos e 11 meses): an age above it is no age of the table. */
export const SIGTAP_IDADE_TETO_MESES = 1571;

export interface AgeRange {
    min: number;
    /** undefined = no upper limit. */
    max?: number;
    /** The maximum as written (months) when it was SIGTAP's "no upper limit" (130 anos or more) and so dropped. */
    maximoSemLimite?: number;
}

/**
 * Why an age range is not a range: units or order (`error`), an age past SIGTAP's ceiling, months ≥ 12 in "N anos e M
 * meses".
 */
export type AgeRangeProblem = { error: string } | { acimaDoTeto: Idade } | { mesesDemais: Idade };

export function publicoOf(oci: Oci): Publico | undefined {
    return oci.itens.find(isPublico);
}

export function sexoOf(oci: Oci): SigtapSexo {
    const sexo = publicoOf(oci)?.sexo;
    return sexo === 'feminino' ? 'F' : sexo === 'masculino' ? 'M' : 'I';
}

export function sexoLabel(sexo: SigtapSexo | string): string {
    switch (sexo) {
        case 'F':
            return 'feminino';
        case 'M':
            return 'masculino';
        case 'N':
            return 'não se aplica';
        default:
            return 'ambos';
    }
}

/** The age range in months, or what is wrong with it (see AgeRangeProblem). */
export function ageRangeMonths(faixa: FaixaEtaria): AgeRange | AgeRangeProblem {
    for (const idade of [faixa.minimo, faixa.maximo]) {
        if (idade?.meses !== undefined && idade.unidade === 'anos' && idade.meses >= 12) return { mesesDemais: idade };
    }
    const unitOfMax = faixa.maximo?.unidade;
    const min = idadeMonths(faixa.minimo, unitOfMax);
    if (min === undefined) return { error: 'informe a unidade (anos ou meses) da idade mínima' };
    if (min > SIGTAP_IDADE_TETO_MESES) return { acimaDoTeto: faixa.minimo };
    if (faixa.semLimite || !faixa.maximo) {
        if (!faixa.semLimite && !faixa.minimo.unidade) return { error: 'informe a unidade (anos ou meses)' };
        return faixa.semLimite ? { min } : { min, max: min };
    }
    const max = idadeMonths(faixa.maximo, undefined);
    if (max === undefined) return { error: 'informe a unidade (anos ou meses) da idade máxima' };
    if (max > SIGTAP_IDADE_TETO_MESES) return { acimaDoTeto: faixa.maximo };
    if (max < min)
        return { error: `a idade mínima (${formatMonths(min)}) é maior que a máxima (${formatMonths(max)})` };
    // 130 anos or more is SIGTAP's "no upper limit" (VL_IDADE_MAXIMA 1571): dropped, and said (the validator warns).
    return max >= SIGTAP_SEM_LIMITE_MESES ? { min, maximoSemLimite: max } : { min, max };
}

function idadeMonths(idade: Idade | undefined, fallbackUnit: string | undefined): number | undefined {
    if (!idade) return undefined;
    const unit = idade.unidade ?? fallbackUnit;
    if (!unit) return undefined;
    const base = unit === 'anos' ? idade.valor * 12 : idade.valor;
    return base + (idade.meses ?? 0);
}

/** The OCI's public age range; no `idade` means any age. */
export function ociAgeRange(oci: Oci): AgeRange | undefined {
    const faixa = publicoOf(oci)?.idade;
    if (!faixa) return { min: 0 };
    const range = ageRangeMonths(faixa);
    return 'min' in range ? { min: range.min, max: range.max } : undefined;
}

/** SIGTAP ages as a range: 9999 means not applicable; ≥ 130 anos is "no upper limit". */
export function sigtapAgeRange(minMeses: number, maxMeses: number): AgeRange | undefined {
    if (minMeses === SIGTAP_NAO_SE_APLICA && maxMeses === SIGTAP_NAO_SE_APLICA) return undefined;
    const min = minMeses === SIGTAP_NAO_SE_APLICA ? 0 : minMeses;
    const max = maxMeses === SIGTAP_NAO_SE_APLICA || maxMeses >= SIGTAP_SEM_LIMITE_MESES ? undefined : maxMeses;
    return { min, max };
}

export function sameAgeRange(a: AgeRange, b: AgeRange): boolean {
    return a.min === b.min && a.max === b.max;
}

export function formatMonths(months: number): string {
    if (months % 12 === 0) return `${months / 12} anos`;
    if (months < 12) return `${months} meses`;
    return `${Math.floor(months / 12)} anos e ${months % 12} meses`;
}

export function formatAgeRange(range: AgeRange): string {
    return range.max === undefined
        ? `${formatMonths(range.min)} ou mais`
        : `${formatMonths(range.min)} a ${formatMonths(range.max)}`;
}

/** How `inner` sits inside `outer`: contained, partially overlapping, or disjoint. */
export function ageOverlap(publico: AgeRange, procedimento: AgeRange): 'contido' | 'parcial' | 'disjunto' {
    const pubMax = publico.max ?? Infinity;
    const procMax = procedimento.max ?? Infinity;
    if (publico.min >= procedimento.min && pubMax <= procMax) return 'contido';
    if (pubMax < procedimento.min || publico.min > procMax) return 'disjunto';
    return 'parcial';
}
