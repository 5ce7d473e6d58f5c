/**
 * The lexer without token objects (language/src/parser/fast-lexer.ts) against Chevrotain's, which Langium's parser
 * and the fallback path use: on every text, the same tokens — type, offsets, line and column of start and end — in
 * the default group and in the hidden group (comments), whitespace skipped; where Chevrotain reports an error, the
 * fast lexer gives up (and the parser lexes with Chevrotain). The parse dumps of the same texts are compared in
 * fast-parser.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import type { IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { TokenVector } from '../../language/src/parser/fast-lexer.js';
import { FastOciParser } from '../../language/src/parser/fast-parser.js';
import type { OciLangiumParser } from '../../language/src/parser/oci-parser.js';
import { REPO_ROOT, MAMA } from '../helpers.js';
import { differenceWindow, dumpParse } from '../parse-dump.js';
import { bySize } from '../tier.js';

const { Oci } = createOciCoreServices(EmptyFileSystem);
const lexer = Oci.parser.Lexer;
const fast = (Oci.parser.LangiumParser as OciLangiumParser).fast;
const fastLexer = fast.fastLexer!;

interface Token {
    type: string;
    start: number;
    end: number;
    image: string;
    range: string;
}

/** Chevrotain's tokens as Langium's CstNodeBuilder turns them into leaves (0-based, end column exclusive). */
function fromChevrotain(tokens: IToken[]): Token[] {
    return tokens.map(token => ({
        type: token.tokenType.name,
        start: token.startOffset,
        end: token.endOffset! + 1,
        image: token.image,
        range: `${token.startLine! - 1}:${token.startColumn! - 1}-${token.endLine! - 1}:${token.endColumn!}`
    }));
}

function fromVector(text: string, vector: TokenVector): Token[] {
    const tokens: Token[] = [];
    for (let i = 0; i < vector.count; i++)
        tokens.push({
            type: fastLexer.types[vector.type[i]!]!.name,
            start: vector.start[i]!,
            end: vector.end[i]!,
            image: text.slice(vector.start[i], vector.end[i]),
            range: `${vector.startLine[i]}:${vector.startColumn[i]}-${vector.endLine[i]}:${vector.endColumn[i]}`
        });
    return tokens;
}

const tokens = new TokenVector();
const hidden = new TokenVector();

/** Lexes `text` with both lexers and compares; returns whether Chevrotain lexed it without error. */
function compare(text: string): boolean {
    const chevrotain = lexer.tokenize(text);
    const ok = fastLexer.tokenize(text, tokens, hidden);
    if (chevrotain.errors.length > 0) {
        expect(ok, 'the fast lexer must give up where Chevrotain finds an unexpected character').toBe(false);
        return false;
    }
    expect(ok, 'the fast lexer must lex a text Chevrotain lexes without error').toBe(true);
    expect(fromVector(text, tokens)).toEqual(fromChevrotain(chevrotain.tokens));
    expect(fromVector(text, hidden)).toEqual(fromChevrotain(chevrotain.hidden));
    return true;
}

function ociFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter(name => name.endsWith('.oci'))
        .map(name => path.join(dir, name));
}

const exampleTexts = ociFiles(path.join(REPO_ROOT, 'examples')).map(file => fs.readFileSync(file, 'utf8'));
const KEYWORDS = Object.values(lexer.definition)
    .map(type => type.name)
    .filter(name => !/^[A-Z_]+$/.test(name));

/** The dirty variants of a text: line ends, tabs, NFD, BOM, comments and non-ASCII text everywhere. */
function variants(text: string): string[] {
    return [
        text,
        text.normalize('NFD'),
        text.replace(/\n/g, '\r\n'),
        text.replace(/\n/g, '\r'),
        text.replace(/\n/g, '\n\r'),
        text.replace(/ {4}/g, '\t').replace(/ /g, ' \t '),
        `\uFEFF${text}`,
        text.replace(/\n/g, ' // nota çã 😀\n/* bloco\r\n em\rlinhas */ '),
        text.replace(/"([^"\n]*)"/g, '"$1 😀 ç\u0301 \u2028 \\" \\n 𝕏"'),
        text.replace(/"([^"\n]*)"/g, '"$1\r\nsegunda linha\rterceira"'),
        `/* antes */\r\n${text}\r\n// depois`,
        `${text}\n/* sem fim`,
        `${text}\n"sem fim`,
        `${text}\n§`
    ];
}

describe('fast lexer', () => {
    it('mirrors the .oci lexer: every token type of its definition, in its order', () => {
        expect(fast.fastLexer).toBeDefined();
        // A token type the fast lexer did not know would fail here; the order is Chevrotain's pattern order.
        expect(fastLexer.types.map(type => type.name).sort()).toEqual(Object.keys(lexer.definition).sort());
        expect(KEYWORDS.length).toBeGreaterThan(40);
    });

    it('gives the same tokens as Chevrotain for every example, fixture and variant, and every keyword', () => {
        const fixtures = ociFiles(path.join(REPO_ROOT, 'test')).map(file => fs.readFileSync(file, 'utf8'));
        expect(exampleTexts.length).toBeGreaterThanOrEqual(7);
        expect(fixtures.length).toBeGreaterThanOrEqual(2);
        let lexed = 0;
        let failed = 0;
        for (const text of [...exampleTexts, ...fixtures, MAMA])
            for (const variant of variants(text))
                if (compare(variant)) lexed++;
                else failed++;
        // The unterminated comment and string and the '§' fail in Chevrotain too (and a quote the string
        // rewriting leaves unpaired in one example).
        const texts = exampleTexts.length + fixtures.length + 1;
        expect(failed).toBeGreaterThanOrEqual(texts * 3);
        expect(lexed).toBeGreaterThanOrEqual(texts * 11 - 1);
        // Every keyword (composed and decomposed), alone, as an identifier's prefix, and glued to the next token.
        for (const keyword of KEYWORDS)
            for (const spelling of [keyword, keyword.normalize('NFD'), keyword.toUpperCase()])
                for (const text of [
                    spelling,
                    `${spelling}x`,
                    `${spelling}_1`,
                    `${spelling}"s"`,
                    `x${spelling} ${spelling}1`
                ])
                    compare(text);
    });

    it('gives the same tokens and line ends on the edge cases of its terminals', () => {
        const texts = [
            '',
            '\r',
            '\n',
            '\r\n',
            '\n\r',
            '\r\r\n\n',
            '/*\r*/',
            '/*\r\n*/\r',
            '/**/',
            '/* a */ /* b\n*/x',
            '// a\r// b\r\nx',
            '"a\\"b" \'c\\\'d\' "\\\\"',
            '"\r\n"',
            '"a\nb\rc"\r\nd',
            'R$ 1.234,56 R$\t7 R$1 R$ R$x',
            '03.01.01.007-2 0301010072 03.01.01.0072 0301010072 03.01.01.007-',
            '2026-01 2026-1 12 12,5% 12,5 \t% 10 %x',
            'C50 D05.1 C509 C50X C50_ C50.X c50 Z99.99 A0',
            'a_preencher a_preenchido um_de um_dex tR tM tRx',
            'x\u00e1 \u00e1 a\u0301 caf\u00e9',
            '\uFEFFcatalogo "x"',
            '\u00a0\u2028\u2029\u3000catalogo',
            '😀',
            '"😀" // 😀\n/* \uD800 */ "\uDC00"',
            '\uD800',
            '{},{,}',
            'oci\t03.01.01.007-2"n"{tR 10dias}'
        ];
        for (const text of texts) compare(text);
    });

    it('gives the same tokens on the benchmark workloads (when generated in /tmp/oci-bench)', context => {
        const files = ['50', '2000'].flatMap(size =>
            ['oci', 'oci-limpo'].flatMap(dir => ociFiles(path.join('/tmp/oci-bench', size, dir)))
        );
        if (files.length === 0) context.skip();
        for (const file of files) expect(compare(fs.readFileSync(file, 'utf8'))).toBe(true);
    });

    it('gives the same tokens on random texts of token fragments', () => {
        const fragment = fc.oneof(
            fc.constantFrom(...KEYWORDS),
            fc.constantFrom(...KEYWORDS.map(k => k.normalize('NFD'))),
            fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '/*', '*/', '//', '"', "'", '\\', 'R$', '%', ',', '.', '-'),
            fc.constantFrom(
                '0',
                '12',
                '2026',
                '03.01.01.007-2',
                'C50',
                'D05.1',
                'x',
                '_',
                'é',
                '\u0301',
                '😀',
                '\uFEFF'
            ),
            fc.string({ maxLength: 4 })
        );
        let lexed = 0;
        fc.assert(
            fc.property(fc.array(fragment, { maxLength: 40 }), parts => {
                if (compare(parts.join(''))) lexed++;
            }),
            { numRuns: bySize('OCI_FAST_LEXER_RUNS', 2000, 20000), seed: 22 }
        );
        expect(lexed).toBeGreaterThan(100);
    });

    it('the parser lexes with it, and with Chevrotain only where it gives up', () => {
        const before = { ...fast.counts };
        expect(fast.parse(MAMA)).toBeDefined();
        expect(fast.counts.chevrotainLexed).toBe(before.chevrotainLexed);
        expect(fast.parse(`${MAMA}\n§`)).toBeUndefined();
        expect(fast.counts.chevrotainLexed).toBe(before.chevrotainLexed + 1);
        expect(fast.counts.fallback).toBe(before.fallback + 1);
        // A large file's token arrays are not kept after its parse.
        const large = [...exampleTexts, MAMA].join('\n').repeat(8);
        expect(large.length).toBeGreaterThan(200_000);
        fast.parse(large); // several headers: a syntax error, found after the whole text was lexed
        expect(fast.counts.chevrotainLexed).toBe(before.chevrotainLexed + 1);
        const kept = fast as unknown as { tokens: TokenVector; hidden: TokenVector };
        expect(kept.tokens.type.length + kept.hidden.type.length).toBeLessThanOrEqual(2 * 8192);
    });

    it("builds the same tree from Chevrotain's tokens where the fast lexer cannot run", () => {
        // A lexer service without its Chevrotain lexer in reach: the parser reads Chevrotain's tokens instead.
        const wrapped = { definition: lexer.definition, tokenize: (text: string) => lexer.tokenize(text) };
        const parser = Object.create(Oci.parser, { Lexer: { value: wrapped } }) as typeof Oci.parser;
        const withoutFastLexer = new FastOciParser(Object.create(Oci, { parser: { value: parser } }) as typeof Oci);
        expect(withoutFastLexer.fastLexer).toBeUndefined();
        for (const text of [...exampleTexts, MAMA].flatMap(variants)) {
            const a = withoutFastLexer.parse(text);
            const b = fast.parse(text);
            expect(a === undefined).toBe(b === undefined);
            if (a && b) {
                const [x, y] = differenceWindow(dumpParse(a), dumpParse(b));
                expect(x).toBe(y);
            }
        }
        expect(withoutFastLexer.counts.chevrotainLexed).toBe((exampleTexts.length + 1) * 14);
        expect(withoutFastLexer.counts.fast).toBeGreaterThanOrEqual((exampleTexts.length + 1) * 11 - 1);
    });
});
