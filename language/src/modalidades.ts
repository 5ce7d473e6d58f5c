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

/** The remote modality a SIGTAP procedure is, judged by its name; undefined for in-person procedures. */
const modalidadeByNome = new Map<string, ModalidadeRemota | undefined>();

export function modalidadeOfProcedimento(nome: string): ModalidadeRemota | undefined {
    if (modalidadeByNome.has(nome)) return modalidadeByNome.get(nome);
    const upper = nome.toUpperCase();
    const modalidade = BY_NAME_PREFIX.find(([re]) => re.test(upper))?.[1];
    // SIGTAP names: a few thousand per table, so the memo stays small.
    if (modalidadeByNome.size < 50_000) modalidadeByNome.set(nome, modalidade);
    return modalidade;
}
