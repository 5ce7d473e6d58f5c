/**
 * The money formatters' fast paths (language/src/money.ts; issue 22: the build formats every amount of the
 * catalogue) give the text of their plain definitions — round to centavos, half to even, then print; a dot every three
 * digits — for every amount, halfway cases and negatives that round to zero included.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    Money,
    formatMoney,
    fromCentavos,
    groupThousands,
    moneyString,
    parseMoney,
    parsePercent,
    roundCentavos
} from '../../language/src/money.js';

const referenceRound = (value: Money) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
const referenceMoneyString = (value: Money) => referenceRound(value).toFixed(2);
const referenceGroup = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
function referenceFormatMoney(value: Money): string {
    const [integer = '', fraction] = referenceRound(value).abs().toFixed(2).split('.');
    return `${value.isNegative() && !value.isZero() ? '-' : ''}R$ ${referenceGroup(integer)},${fraction}`;
}

/** Decimal strings with up to 14 integer digits and up to 6 decimals, either sign. */
const amount = fc
    .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,14}$/),
        fc.stringMatching(/^[0-9]{0,6}$/),
        fc.constantFrom('', '5', '50', '500', '05', '005', '0')
    )
    .map(([negative, integer, fraction, tail]) => {
        const decimals = fraction + tail;
        return `${negative ? '-' : ''}${integer}${decimals ? `.${decimals}` : ''}`;
    });

const EDGES = [
    ...['0', '-0', '0.005', '0.015', '0.025', '-0.005', '-0.004', '-0.0049', '-0.015', '1234.565', '-1234.575'],
    // 22 significant digits: one more rounding of a plain Decimal (20 digits, half up) would make it 0.02.
    '0.0149999999999999999999',
    '-98765432101234.0149999999'
];

describe('money formatting fast paths', () => {
    it('moneyString and formatMoney equal round-then-print, for Money and plain Decimal values', () => {
        for (const text of EDGES) {
            for (const value of [new Money(text), new Decimal(text)]) {
                expect(moneyString(value), text).toBe(referenceMoneyString(value));
                expect(formatMoney(value), text).toBe(referenceFormatMoney(value));
            }
        }
        expect(moneyString(new Money('-0.004'))).toBe('0.00');
        expect(formatMoney(new Money('1234567.125'))).toBe('R$ 1.234.567,12');
        fc.assert(
            fc.property(amount, text => {
                // A plain Decimal rounds to 20 significant digits where Money keeps 50: no step may round before the
                // centavos.
                for (const value of [new Money(text), new Decimal(text)]) {
                    expect(moneyString(value)).toBe(referenceMoneyString(value));
                    expect(formatMoney(value)).toBe(referenceFormatMoney(value));
                }
            }),
            { numRuns: 2000 }
        );
    });

    it('moneyString and roundCentavos equal the plain definitions on products and quotients (any digit count)', () => {
        fc.assert(
            fc.property(amount, fc.integer({ min: 1, max: 999 }), fc.constantFrom(1, 3, 7, 100), (text, qt, by) => {
                for (const value of [new Money(text), new Money(text).times(qt), new Money(text).div(by)]) {
                    expect(moneyString(value)).toBe(referenceMoneyString(value));
                    const rounded = roundCentavos(value);
                    expect(rounded.toString()).toBe(referenceRound(value).toString());
                    expect(rounded.isNegative()).toBe(referenceRound(value).isNegative());
                }
            }),
            { numRuns: 2000 }
        );
    });

    it('the memoized parsers and fromCentavos give the same numbers on every call, signs of zero kept', () => {
        const first = parseMoney('R$ 1.234,50');
        expect(first?.value.toString()).toBe('1234.5');
        expect(first?.decimals).toBe(2);
        expect(parseMoney('R$ 1.234,50')).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        expect(parseMoney(' R$ 1.234,50 ')?.value.toString()).toBe('1234.5');
        expect(parseMoney('R$ 1.5')).toBeUndefined();
        expect(parseMoney('R$ 1.5')).toBeUndefined();
        expect(parsePercent('12,5%')?.toString()).toBe('0.125');
        expect(parsePercent('12,5%')?.toString()).toBe('0.125');
        expect(parsePercent('12,5')).toBeUndefined();
        expect(parsePercent('12,5')).toBeUndefined();
        for (const order of [
            [0, -0],
            [-0, 0]
        ]) {
            for (const c of order)
                expect(fromCentavos(c).isNegative(), String(Object.is(c, -0))).toBe(Object.is(c, -0));
        }
        expect(fromCentavos(12345).toString()).toBe('123.45');
        expect(fromCentavos(12345)).toBe(fromCentavos(12345));
        expect(fromCentavos(-7).toString()).toBe('-0.07');
    });

    it('groupThousands equals the regular expression it replaced', () => {
        for (const digits of ['', '0', '12', '123', '1234', '123456', '1234567', '1000000000'])
            expect(groupThousands(digits), digits).toBe(referenceGroup(digits));
        fc.assert(
            fc.property(fc.stringMatching(/^[0-9]{0,20}$/), digits => {
                expect(groupThousands(digits)).toBe(referenceGroup(digits));
            }),
            { numRuns: 2000 }
        );
    });
});
