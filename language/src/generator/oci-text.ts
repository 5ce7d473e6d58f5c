/** How catalogue text writes SIGTAP facts: quoted names, ages, sex, CIDs. Shared by the generators of `.oci` files. */
import { SIGTAP_NAO_SE_APLICA, SIGTAP_SEM_LIMITE_MESES } from '../publico.js';

export function quote(text: string): string {
    return `"${text.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function idadeTexto(meses: number): string {
    if (meses < 12) return `${meses} meses`;
    const anos = Math.floor(meses / 12);
    const resto = meses % 12;
    return resto === 0 ? `${anos} anos` : `${anos} anos e ${resto} meses`;
}

/** SIGTAP ages (months; 9999 = n/a; ≥ 130 anos = no upper limit) as the catalogue writes them. */
export function faixaEtariaTexto(min: number, max: number): string {
    const minimo = min === SIGTAP_NAO_SE_APLICA ? 0 : min;
    if (max === SIGTAP_NAO_SE_APLICA || max >= SIGTAP_SEM_LIMITE_MESES) return `${idadeTexto(minimo)} ou mais`;
    return `${idadeTexto(minimo)} a ${idadeTexto(max)}`;
}

export function sexoTexto(s: string): string {
    return s === 'F' ? 'feminino' : s === 'M' ? 'masculino' : 'ambos';
}
