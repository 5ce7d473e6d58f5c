/**
 * Remote care modalities (Portaria GM/MS 3.492/2024 art. 6 §4: "teleconsultas,
 * teleinterconsultas, teleconsultorias e matriciamento", a non-exhaustive list), plus
 * telediagnóstico, which SIGTAP carries as procedures of its own.
 */
export const MODALIDADES_REMOTAS = [
    'teleconsulta',
    'teleinterconsulta',
    'teleconsultoria',
    'matriciamento',
    'telediagnostico'
] as const;
export type ModalidadeRemota = (typeof MODALIDADES_REMOTAS)[number];

const BY_NAME_PREFIX: Array<[RegExp, ModalidadeRemota]> = [
    [/^TELECONSULTA/, 'teleconsulta'],
    [/^TELEINTERCONSULTA/, 'teleinterconsulta'],
    [/^TELECONSULTORIA/, 'teleconsultoria'],
    [/MATRICIAMENTO/, 'matriciamento'],
    [/^TELEDIAGN[OÓ]STICO/, 'telediagnostico']
];

/** The modality of each SIGTAP name judged so far; null for an in-person procedure (one look-up, not has + get). */
const modalidadeByNome = new Map<string, ModalidadeRemota | null>();

/** The remote modality a SIGTAP procedure is, judged by its name; undefined for in-person procedures. */
export function modalidadeOfProcedimento(nome: string): ModalidadeRemota | undefined {
    let modalidade = modalidadeByNome.get(nome);
    if (modalidade === undefined) {
        const upper = nome.toUpperCase();
        modalidade = BY_NAME_PREFIX.find(([re]) => re.test(upper))?.[1] ?? null;
        // SIGTAP names: a few thousand per table, so the memo stays small.
        if (modalidadeByNome.size < 50_000) modalidadeByNome.set(nome, modalidade);
    }
    return modalidade ?? undefined;
}
