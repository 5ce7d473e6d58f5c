/**
 * The `.oci` token builder (language/src/token-builder.ts) keeps each terminal's partial regex instead of making it
 * again for every keyword: the token types, and so the tokens of any text, are Langium's default builder's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DefaultLexer, type LangiumCoreServices } from 'langium';
import type { TokenType } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { NfdTokenBuilder } from '../../language/src/workspace/nfd-keywords.js';
import { OciTokenBuilder } from '../../language/src/token-builder.js';
import { MAMA, REPO_ROOT, createTestServices } from '../helpers.js';

/** A token type as data: its pattern as text and its LONGER_ALT by name. */
function describeToken(t: TokenType): unknown {
    const alts = t.LONGER_ALT === undefined ? undefined : [t.LONGER_ALT].flat().map(a => a.name);
    return { ...t, PATTERN: String(t.PATTERN), LONGER_ALT: alts };
}

function examples(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, e.name);
            if (e.isDirectory()) walk(file);
            else if (e.name.endsWith('.oci')) out.push([path.relative(REPO_ROOT, file), fs.readFileSync(file, 'utf8')]);
        }
    };
    walk(path.join(REPO_ROOT, 'examples'));
    return out;
}

describe('OciTokenBuilder', () => {
    const { Oci } = createTestServices();

    it("builds the default builder's token types, LONGER_ALT included", () => {
        const ours = new OciTokenBuilder().buildTokens(Oci.Grammar, { caseInsensitive: false }) as TokenType[];
        const langium = new NfdTokenBuilder().buildTokens(Oci.Grammar, { caseInsensitive: false }) as TokenType[];
        expect(ours.map(describeToken)).toEqual(langium.map(describeToken));
        // Keywords an identifier can continue have ID as their longer alternative; the comparison is not vacuous.
        const competencia = ours.find(t => t.name === 'competencia');
        expect([competencia?.LONGER_ALT].flat().map(t => t?.name)).toEqual(['ID']);
        // Built twice by the same builder (a second language, a rebuilt lexer): the same again.
        const builder = new OciTokenBuilder();
        builder.buildTokens(Oci.Grammar, {});
        expect((builder.buildTokens(Oci.Grammar, {}) as TokenType[]).map(describeToken)).toEqual(
            langium.map(describeToken)
        );
    });

    it("is the .oci lexer's builder, and lexes the examples as the default builder's lexer does", () => {
        expect(Oci.parser.TokenBuilder).toBeInstanceOf(OciTokenBuilder);
        const reference = new DefaultLexer({
            Grammar: Oci.Grammar,
            LanguageMetaData: Oci.LanguageMetaData,
            parser: {
                TokenBuilder: new NfdTokenBuilder(),
                LexerErrorMessageProvider: Oci.parser.LexerErrorMessageProvider
            }
        } as unknown as LangiumCoreServices);
        const texts = [
            ...examples(),
            ['MAMA', MAMA] as [string, string],
            ['nfd', 'compete\u0302ncia obrigato\u0301rio x']
        ];
        expect(texts.length).toBeGreaterThan(3);
        const tokens = (lexer: { tokenize(text: string): ReturnType<DefaultLexer['tokenize']> }, text: string) => {
            const r = lexer.tokenize(text);
            const t = (x: (typeof r.tokens)[number]) => [x.tokenType.name, x.image, x.startOffset, x.endOffset];
            return { tokens: r.tokens.map(t), hidden: r.hidden.map(t), errors: r.errors };
        };
        for (const [name, text] of texts) {
            const ours = tokens(Oci.parser.Lexer, text);
            expect(ours.tokens.length, name).toBeGreaterThan(0);
            expect(ours, name).toEqual(tokens(reference, text));
        }
    });
});
