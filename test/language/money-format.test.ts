/**
 * The money formatters' fast paths (language/src/money.ts; issue 22: the build formats every amount of the
 * catalogue) give the text of their plain definitions — round to centavos, half to even, then print; a dot every three
 * digits — for every amount, halfway cases and negatives that round to zero included.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money, formatMoney, groupThousands, moneyString, roundCentavos } from '../../language/src/money.js';

const referenceMoneyString = (value: Money) => roundCentavos(value).toFixed(2);
const referenceGroup = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
function referenceFormatMoney(value: Money): string {
    const [integer = '', fraction] = roundCentavos(value).abs().toFixed(2).split('.');
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
