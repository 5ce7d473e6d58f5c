/**
 * SIGTAP procedure codes: `GG.SS.FF.PPP-D` (grupo, subgrupo, forma de organização, sequência,
 * dígito verificador). The check digit is Σ(dᵢ × i) for the first nine digits, i = 1..9, mod 11,
 * with a remainder of 10 written as 0 (verified against every code of the SIGTAP table).
 */
import { boundedTextMemo } from '../bounded-memo.js';

/**
 * Codes already normalized: every reference, validation and output asks again for the same few thousand codes, and
 * each answer for a punctuated code is a new string (~10 allocations while it is built).
 */
const normalized = boundedTextMemo(normalizeCodigoText);

/** Strips the punctuation of a code; returns undefined when it is not 10 digits. */
export function normalizeCodigo(text: string | undefined): string | undefined {
    return typeof text === 'string' ? normalized(text) : undefined;
}

function normalizeCodigoText(text: string): string | undefined {
    // No regex, no intermediate strings for a code without punctuation.
    let digits = '';
    let count = 0;
    let plain = true;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            if (++count > 10) return undefined;
        } else if (
            c === 46 ||
            c === 45 ||
            c === 32 ||
            c === 9 ||
            c === 10 ||
            c === 13 ||
            c === 11 ||
            c === 12 ||
            /\s/.test(text.charAt(i))
        ) {
            if (plain) {
                plain = false;
                digits = text.slice(0, i);
            }
            continue;
        } else {
            return undefined;
        }
        if (!plain) digits += text[i];
    }
    if (count !== 10) return undefined;
    return plain ? text : digits;
}

/** Formats 10 digits as `GG.SS.FF.PPP-D`. */
export function formatCodigo(codigo: string | undefined): string {
    const d = normalizeCodigo(codigo);
    if (!d) return codigo ?? '';
    return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

/** The check digit the first nine digits call for. */
export function checkDigit(firstNine: string): number {
    let sum = 0;
    for (let i = 0; i < 9; i++) {
        sum += Number(firstNine.charCodeAt(i) - 48) * (i + 1);
    }
    const rest = sum % 11;
    return rest === 10 ? 0 : rest;
}

/** True when a 10-digit code carries the right check digit. */
export function hasValidCheckDigit(codigo: string): boolean {
    const d = normalizeCodigo(codigo);
    return d !== undefined && checkDigit(d) === Number(d[9]);
}

/** The same code with its check digit corrected (punctuation kept as written). */
export function withCorrectCheckDigit(text: string): string | undefined {
    const d = normalizeCodigo(text);
    if (!d) return undefined;
    const digit = String(checkDigit(d));
    return text.slice(0, text.length - 1) + digit;
}

export function grupoOf(codigo: string): string {
    return (normalizeCodigo(codigo) ?? codigo).slice(0, 2);
}

export function subgrupoOf(codigo: string): string {
    return (normalizeCodigo(codigo) ?? codigo).slice(0, 4);
}
