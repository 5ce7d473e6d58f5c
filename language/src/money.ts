/**
 * Exact money arithmetic for OCI values (Portaria GM/MS 3.492/2024 art. 6 §2 V and §3).
 * Values are decimal.js numbers in reais; rounding to centavos follows ABNT NBR 5891
 * (round half to even), applied once per line item by the value engine.
 */
import { Decimal } from 'decimal.js';
import { boundedMemo, boundedTextMemo } from './bounded-memo.js';

// toString never switches to exponential notation (0,0000001% is "0.000000001", not "1e-9").
export const Money = Decimal.clone({
    precision: 50,
    rounding: Decimal.ROUND_HALF_EVEN,
    toExpNeg: -9e15,
    toExpPos: 9e15
});
export type Money = Decimal;

const MONEY_LITERAL = /^R\$\s*((?:[0-9]{1,3}(?:\.[0-9]{3})+)|[0-9]+)(?:,([0-9]+))?$/;
const PERCENT_LITERAL = /^([0-9]+)(?:,([0-9]+))?\s*%$/;

export interface ParsedMoney {
    value: Money;
    /** Number of decimal places written after the comma. */
    decimals: number;
    /** The amount in whole centavos, when it is one (at most two decimals) that a double holds exactly. */
    centavos: number | undefined;
}

/** Literals already parsed. */
const parsedMoney = boundedTextMemo(parseMoneyText);

/** Parses `R$ 1.234,56` (Brazilian notation: dot for thousands, comma for decimals). */
export function parseMoney(text: string | undefined): ParsedMoney | undefined {
    return typeof text === 'string' ? parsedMoney(text) : undefined;
}

function parseMoneyText(text: string): ParsedMoney | undefined {
    const m = MONEY_LITERAL.exec(text.trim());
    if (!m) return undefined;
    const integer = m[1]!.replace(/\./g, ''); // group 1 always matches
    const fraction = m[2] ?? '';
    return Object.freeze({
        value: new Money(fraction ? `${integer}.${fraction}` : integer),
        decimals: fraction.length,
        centavos: fraction.length <= 2 ? exactInteger(integer + fraction.padEnd(2, '0')) : undefined
    });
}

/** The integer `digits` spell, when a double holds it exactly (at most 15 digits); else undefined. */
function exactInteger(digits: string): number | undefined {
    let start = 0;
    while (start < digits.length - 1 && digits.charCodeAt(start) === 48) start++;
    return digits.length - start <= 15 ? Number(digits) : undefined;
}

/** A percentage as a fraction of integers, numerator ÷ 10^places (`12,5%` → 125 ÷ 10^3). */
export interface PercentRatio {
    numerador: number;
    /** 10^places: a power of ten a double holds exactly. */
    denominador: number;
}

interface ParsedPercent {
    value: Money;
    /** The same fraction as integers; undefined when it has more digits than a double holds exactly. */
    ratio: PercentRatio | undefined;
}

/** Percentages already parsed (a catalogue repeats a few frequencies). */
const parsedPercent = boundedTextMemo(parsePercentText);

/** Parses `8%` or `12,5%` into a fraction (0.08, 0.125). */
export function parsePercent(text: string | undefined): Money | undefined {
    return typeof text === 'string' ? parsedPercent(text)?.value : undefined;
}

/**
 * parsePercent's fraction as integers, for integer arithmetic on centavos (value/engine.ts `totalCentavos`);
 * undefined where parsePercent is, and for a percentage with more digits than a double holds exactly.
 */
export function parsePercentRatio(text: string | undefined): PercentRatio | undefined {
    return typeof text === 'string' ? parsedPercent(text)?.ratio : undefined;
}

function parsePercentText(text: string): ParsedPercent | undefined {
    const m = PERCENT_LITERAL.exec(text.trim());
    if (!m) return undefined;
    const integer = m[1]!; // group 1 always matches
    const fraction = m[2] ?? '';
    const numerador = fraction.length <= 13 ? exactInteger(integer + fraction) : undefined;
    return Object.freeze({
        value: new Money(fraction ? `${integer}.${fraction}` : integer).div(100),
        ratio:
            numerador === undefined ? undefined : Object.freeze({ numerador, denominador: 10 ** (fraction.length + 2) })
    });
}

/** Rounds to centavos, half to even (ABNT NBR 5891). */
export function roundCentavos(value: Money): Money {
    // An amount already in centavos (most: literals, SIGTAP values) is its own rounding; decimal.js numbers are
    // immutable, so it is returned as it is (decimalPlaces() reads the digits; a rounding makes a new number).
    const places = value.decimalPlaces();
    if (places <= 2 && !Number.isNaN(places)) return value;
    return value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
}

/** Amounts already made from centavos (the SIGTAP values of the procedures a catalogue repeats). */
const centavosAmount = boundedMemo((centavos: number) => new Money(centavos).div(100));

export function fromCentavos(centavos: number): Money {
    // -0 is left out: a Map takes it for 0, and its amount keeps the sign.
    return Object.is(centavos, -0) ? new Money(centavos).div(100) : centavosAmount(centavos);
}

export function toCentavos(value: Money): number {
    return roundCentavos(value).times(100).toNumber();
}

/** `1234.5` → `R$ 1.234,50`. */
export function formatMoney(value: Money): string {
    // toFixed rounds half to even as roundCentavos does; rounding the absolute value gives the same
    // digits (half to even is symmetric), with one Decimal less per amount.
    const fixed = value.abs().toFixed(2, Decimal.ROUND_HALF_EVEN);
    const [integer = '', fraction] = fixed.split('.');
    return `${value.isNegative() && !value.isZero() ? '-' : ''}R$ ${groupThousands(integer)},${fraction}`;
}

/** `1234567` → `1.234.567` (the digits of a non-negative integer, a dot every three from the right). */
export function groupThousands(digits: string): string {
    // A loop, not the regular expression /\B(?=(\d{3})+(?!\d))/g: the build formats every amount of the catalogue
    // (~0.5 µs → ~0.15 µs each).
    const head = digits.length % 3 || 3;
    let grouped = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) grouped += `.${digits.slice(i, i + 3)}`;
    return grouped;
}

/** `0.085` → `8,5%`. */
export function formatPercent(fraction: Money): string {
    return `${fraction.times(100).toString().replace('.', ',')}%`;
}

/** Money as the JSON contract writes it: a string with two decimals, e.g. "1234.50". */
export function moneyString(value: Money): string {
    return centavosString(value) ?? fixedString(value);
}

/** moneyString by decimal.js's rounding: toFixed. */
function fixedString(value: Money): string {
    // The same text as roundCentavos(value).toFixed(2), with one Decimal less per amount (the JSON model writes tens of
    // thousands): toFixed rounds half to even itself; it keeps the sign of a negative amount that rounds to zero,
    // which the rounded value (-0) would not show.
    const fixed = value.toFixed(2, Decimal.ROUND_HALF_EVEN);
    return fixed === '-0.00' ? '0.00' : fixed;
}

/**
 * moneyString of an amount with at most two decimal places (nothing to round: most amounts), read from decimal.js's
 * digits (`d`: base 10^7 words, the first without leading zeros; `e`: the exponent of the first digit) without
 * making a new number; undefined for any other amount (test/language/money-format.test.ts compares the two).
 */
function centavosString(value: Money): string | undefined {
    const words = value.d as number[] | null;
    if (!words || words.length > 3) return undefined;
    let digits = String(words[0]);
    for (let i = 1; i < words.length; i++) digits += String(words[i]).padStart(7, '0');
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
    if (end === 1 && digits.charCodeAt(0) === 48) return '0.00';
    if (end !== digits.length) digits = digits.slice(0, end);
    const e = value.e;
    if (digits.length - e - 1 > 2) return undefined;
    const sign = value.s < 0 ? '-' : '';
    if (e < 0) return `${sign}0.${('0'.repeat(-e - 1) + digits).padEnd(2, '0')}`;
    const integer = e + 1 >= digits.length ? digits + '0'.repeat(e + 1 - digits.length) : digits.slice(0, e + 1);
    return `${sign}${integer}.${digits.slice(e + 1).padEnd(2, '0')}`;
}
