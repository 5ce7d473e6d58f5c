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

export interface AgeRange {
    min: number;
    /** undefined = no upper limit. */
    max?: number;
}

export function publicoOf(oci: Oci): Publico | undefined {
    return oci.itens.find(isPublico);
}

export function sexoOf(oci: Oci): SigtapSexo {
    const sexo = publicoOf(oci)?.sexo;
    return sexo === 'feminino' ? 'F' : sexo === 'masculino' ? 'M' : 'I';
}

export function sexoLabel(sexo: SigtapSexo | string): string {
    switch (sexo) {
        case 'F': return 'feminino';
        case 'M': return 'masculino';
        case 'N': return 'não se aplica';
        default: return 'ambos';
    }
}

/** The age range in months, or an error text when the units are missing or the range is inverted. */
export function ageRangeMonths(faixa: FaixaEtaria): AgeRange | { error: string } {
    const unitOfMax = faixa.maximo?.unidade;
    const min = idadeMonths(faixa.minimo, unitOfMax);
    if (min === undefined) return { error: 'informe a unidade (anos ou meses) da idade mínima' };
    if (faixa.semLimite || !faixa.maximo) {
        if (!faixa.semLimite && !faixa.minimo.unidade) return { error: 'informe a unidade (anos ou meses)' };
        return faixa.semLimite ? { min } : { min, max: min };
    }
    const max = idadeMonths(faixa.maximo, undefined);
    if (max === undefined) return { error: 'informe a unidade (anos ou meses) da idade máxima' };
    if (max < min) return { error: `a idade mínima (${formatMonths(min)}) é maior que a máxima (${formatMonths(max)})` };
    // 130 anos or more is SIGTAP's "no upper limit" (VL_IDADE_MAXIMA 1571).
    return max >= SIGTAP_SEM_LIMITE_MESES ? { min } : { min, max };
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
    return 'error' in range ? undefined : range;
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
    return range.max === undefined ? `${formatMonths(range.min)} ou mais` : `${formatMonths(range.min)} a ${formatMonths(range.max)}`;
}

/** How `inner` sits inside `outer`: contained, partially overlapping, or disjoint. */
export function ageOverlap(publico: AgeRange, procedimento: AgeRange): 'contido' | 'parcial' | 'disjunto' {
    const pubMax = publico.max ?? Infinity;
    const procMax = procedimento.max ?? Infinity;
    if (publico.min >= procedimento.min && pubMax <= procMax) return 'contido';
    if (pubMax < procedimento.min || publico.min > procMax) return 'disjunto';
    return 'parcial';
}
