/**
 * Identifiers found in SUS production records, validated and generated the same way the audit's
 * SQL does (language/src/audit/sql.ts), so the synthetic data and the tests share one rule:
 *
 * - CPF (11 digits, Receita Federal): DV1 = (Σ dᵢ·i, i = 1..9) mod 11 mod 10; DV2 = (Σ dᵢ·(i−1),
 *   i = 1..10) mod 11 mod 10 — the usual "11 − resto" rule written with increasing weights. A CPF
 *   with all digits equal (000.000.000-00, 111.111.111-11…) passes the digits but is not issued:
 *   rejected.
 * - CNS (15 digits, Cartão Nacional de Saúde): starts with 1 or 2 (definitive, derived from the
 *   PIS) or 7, 8 or 9 (provisional); Σ dᵢ·(16 − i), i = 1..15, must be a multiple of 11 (both the
 *   definitive and the provisional generation rules of the Ministry produce such numbers).
 * - APAC number (13 digits, Portarias SAS/MS 567/2005 and 735/2008): UF (IBGE code, 2 digits),
 *   year (2), kind (1: "2" general APAC, "6" elective surgery…), sequence (7), check digit = the
 *   first 12 digits as a number mod 11, 10 → 0 (the rule AIH and APAC numbers share). The digit
 *   that will identify the OCI APAC ("numeração específica", Portaria GM/MS 3.492/2024 art. 16
 *   §1) has not been published: the kind is only checked when the caller names it.
 */

/** IBGE codes of the 27 federative units. */
export const UF_IBGE = [
    '11',
    '12',
    '13',
    '14',
    '15',
    '16',
    '17',
    '21',
    '22',
    '23',
    '24',
    '25',
    '26',
    '27',
    '28',
    '29',
    '31',
    '32',
    '33',
    '35',
    '41',
    '42',
    '43',
    '50',
    '51',
    '52',
    '53'
];

/** Strips the usual separators (dots, dashes, slashes, spaces). */
export function soDigitos(text: string): string {
    return text.trim().replace(/[.\-/ ]/g, '');
}

function isDigits(text: string): boolean {
    return /^[0-9]+$/.test(text);
}

function digits(text: string): number[] {
    return [...text].map(c => c.charCodeAt(0) - 48);
}

/** The two check digits of a CPF from its first nine digits. */
export function cpfDigitos(nove: string): string {
    const d = digits(nove);
    const dv1 = (d.reduce((acc, x, i) => acc + x * (i + 1), 0) % 11) % 10;
    const dv2 = ([...d, dv1].reduce((acc, x, i) => acc + x * i, 0) % 11) % 10;
    return `${dv1}${dv2}`;
}

export function cpfValido(text: string): boolean {
    const cpf = soDigitos(text);
    if (cpf.length !== 11 || !isDigits(cpf) || /^(\d)\1{10}$/.test(cpf)) return false;
    return cpf.slice(9) === cpfDigitos(cpf.slice(0, 9));
}

export function cnsValido(text: string): boolean {
    const cns = soDigitos(text);
    if (cns.length !== 15 || !isDigits(cns) || !'12789'.includes(cns.charAt(0))) return false;
    return digits(cns).reduce((acc, x, i) => acc + x * (15 - i), 0) % 11 === 0;
}

/** A provisional CNS (first digit 7, 8 or 9) from its first 14 digits, or undefined when no last digit fits. */
export function cnsProvisorio(quatorze: string): string | undefined {
    const sum = digits(quatorze).reduce((acc, x, i) => acc + x * (15 - i), 0);
    const dv = (11 - (sum % 11)) % 11;
    return dv <= 9 ? quatorze + dv : undefined;
}

/** CPF (11 digits) or CNS (15 digits) with valid check digits. */
export function pessoaValida(text: string): boolean {
    const id = soDigitos(text);
    return id.length === 11 ? cpfValido(id) : id.length === 15 ? cnsValido(id) : false;
}

export function apacDigito(doze: string): number {
    return digits(doze).reduce((acc, x) => (acc * 10 + x) % 11, 0) % 10;
}

export interface ApacRegra {
    /** The 5th digit that identifies an OCI APAC, when the Ministry publishes it. */
    digitoTipoOci?: string;
}

/** Why an APAC number is not a valid OCI APAC number, or undefined when it is. */
export function apacProblema(text: string, regra: ApacRegra = {}): string | undefined {
    const apac = soDigitos(text);
    if (apac.length !== 13) return 'tamanho';
    if (!isDigits(apac)) return 'nao-numerico';
    if (!UF_IBGE.includes(apac.slice(0, 2))) return 'uf';
    if (Number(apac[12]) !== apacDigito(apac.slice(0, 12))) return 'digito-verificador';
    if (regra.digitoTipoOci !== undefined && apac[4] !== regra.digitoTipoOci) return 'tipo';
    return undefined;
}

/**
 * Masks a person identifier for human-facing outputs (LGPD, Lei 13.709/2018): CPF ***.456.789-**,
 * CNS *** 4567 8901 ****; anything else (another length, a non-digit) is fully masked (***). The same rule as the SQL
 * column
 * `pessoa_mascarada`.
 */
export function maskPessoa(text: string): string {
    const id = soDigitos(text);
    if (!isDigits(id)) return '***';
    if (id.length === 11) return `***.${id.slice(3, 6)}.${id.slice(6, 9)}-**`;
    if (id.length === 15) return `*** ${id.slice(3, 7)} ${id.slice(7, 11)} ****`;
    return '***';
}
