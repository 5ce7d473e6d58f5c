/**
 * The completion's search keys are built in one pass into bytes (procedure-search.ts); they must be exactly the keys of
 * the plain definition: " " + foldText(name) with every run of characters other than A-Z and 0-9 made one space.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sigtapCache } from '../../language/src/sigtap/cache.js';
import { cidIndex, foldText, procedureIndex, searchKey } from '../../server/src/procedure-search.js';
import { SIGTAP_ZIP } from '../helpers.js';

const reference = (nome: string) => ' ' + foldText(nome).replace(/[^A-Z0-9]+/g, ' ');

describe('search keys', () => {
    it('equal the plain definition for every procedure and CID name of the 2026-01 table', () => {
        const table = sigtapCache.get(SIGTAP_ZIP);
        const procedures = procedureIndex(table);
        const cids = cidIndex(table);
        expect(procedures.length).toBeGreaterThan(4000);
        expect(cids.length).toBeGreaterThan(10000);
        const wrong = [
            ...procedures.filter(e => e.chave !== reference(e.item.nome)).map(e => e.item.nome),
            ...cids.filter(e => e.chave !== reference(e.item.nome)).map(e => e.item.nome)
        ];
        expect(wrong).toEqual([]);
    });

    it('fold every Latin-1 character, symbols at the start and end, letters that fold to two and beyond Latin-1', () => {
        for (let c = 0; c <= 0xff; c++) {
            const char = String.fromCharCode(c);
            for (const name of [char, `A${char}B`, `${char}${char} x`, `ação ${char}`])
                expect(searchKey(name), JSON.stringify(name)).toBe(reference(name));
        }
        const cases = [
            '(X) FOO',
            '  duas  vezes  ',
            'Straße',
            'ÿ µ º ª ° ½',
            'Ő ő Ǆ ǆ ﬁ',
            'a\u0301 e\u0327',
            'Ω ω Ж',
            '😀 emoji',
            '',
            'x'.repeat(400) + 'ß'.repeat(200)
        ];
        for (const name of cases) expect(searchKey(name), JSON.stringify(name)).toBe(reference(name));
        expect(searchKey('Mamografia bilateral, de rastreamento')).toBe(' MAMOGRAFIA BILATERAL DE RASTREAMENTO');
        expect(searchKey('(ÓRTESE) pé')).toBe('  ORTESE PE');
    });

    it('equal the plain definition for any text', () => {
        fc.assert(
            fc.property(fc.string({ unit: 'binary', maxLength: 60 }), name => searchKey(name) === reference(name)),
            { numRuns: 500 }
        );
        fc.assert(
            fc.property(
                fc.string({ unit: fc.integer({ min: 0, max: 0x24f }).map(c => String.fromCharCode(c)) }),
                name => searchKey(name) === reference(name)
            ),
            { numRuns: 500 }
        );
    });
});
