/**
 * The memos of repeated texts (language/src/bounded-memo.ts): each key computed once while it is kept, the bound
 * honoured, and — for texts cut from a document — no version of the document kept alive by a key. normalizeCodigo
 * goes through one: the same answers, memoized or not, for codes cut from a large text.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { boundedMemo, boundedTextMemo } from '../../language/src/bounded-memo.js';
import { normalizeCodigo } from '../../language/src/sigtap/codigo.js';

describe('bounded memos', () => {
    it('compute each key once while it is kept, and start over at the bound', () => {
        const calls: number[] = [];
        const square = boundedMemo((n: number) => (calls.push(n), n * n), 3);
        expect([square(2), square(2), square(3), square(4)]).toEqual([4, 4, 9, 16]);
        expect(calls).toEqual([2, 3, 4]);
        square(5); // the fourth key: the memo starts over
        square(2);
        expect(calls).toEqual([2, 3, 4, 5, 2]);
        const undefinedToo = boundedMemo((s: string) => (calls.push(-1), s === 'x' ? undefined : s));
        undefinedToo('x');
        undefinedToo('x');
        expect(calls.filter(c => c === -1)).toHaveLength(1);
        const texts: string[] = [];
        const upper = boundedTextMemo((s: string) => (texts.push(s), s === 'nada' ? undefined : s.toUpperCase()), 3);
        expect(['a', 'a', 'nada', 'nada', 'b', '__proto__', 'a'].map(upper)).toEqual([
            'A',
            'A',
            undefined,
            undefined,
            'B',
            '__PROTO__',
            'A'
        ]);
        expect(texts).toEqual(['a', 'nada', 'b', '__proto__', 'a']); // the fourth key started over
    });

    it('keep no document alive through a key cut from it', () => {
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc') as () => void;
        const memo = boundedTextMemo((code: string) => code.replace(/\D/g, ''));
        const codes: string[] = [];
        gc();
        const before = v8.getHeapStatistics().used_heap_size;
        for (let k = 0; k < 8; k++) {
            // A 4 MB document each time; the code (14 characters) is a V8 view into it.
            let text = `${String(k).repeat(4_000_000)} 03.01.01.00${k}-2`;
            const code = text.slice(text.length - 14);
            expect(memo(code)).toBe(`03010100${k}2`);
            text = '';
            codes.push(text);
        }
        gc();
        const grown = v8.getHeapStatistics().used_heap_size - before;
        // Each document kept would add 4 MB (one byte per character): 32 MB for all. V8 may keep the last one it
        // flattened for a while (its own caches), not more.
        expect(grown).toBeLessThan(2 * 4_000_000);
    });

    it('normalizeCodigo answers the same for the same code, cut from a text or written alone', () => {
        const parts = ['03.01.01.007-2', '0301010072', '03 01 01 007 2', '03.01.01.007-22'];
        const text = `obrigatorio ${parts.join(' qt 1 // ')}`;
        const cut = (part: string) => text.slice(text.indexOf(part), text.indexOf(part) + part.length);
        for (let round = 0; round < 2; round++) {
            expect(normalizeCodigo(cut(parts[0]!))).toBe('0301010072');
            expect(normalizeCodigo(cut(parts[1]!))).toBe('0301010072');
            expect(normalizeCodigo(cut(parts[2]!))).toBe('0301010072');
            expect(normalizeCodigo(cut(parts[3]!))).toBeUndefined();
            expect(normalizeCodigo('03.01.01.007-2')).toBe('0301010072');
            expect(normalizeCodigo('03.01.01.0O7-2')).toBeUndefined();
            expect(normalizeCodigo(undefined)).toBeUndefined();
        }
    });
});
