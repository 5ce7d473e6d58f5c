/**
 * The `.oci` language's token builder: the NFD-aware keywords (workspace/nfd-keywords.ts), built faster. Langium's
 * DefaultTokenBuilder finds each keyword's LONGER_ALT (the terminals that could continue it, such as ID) by turning
 * every terminal's pattern into a "partial" regex once per keyword — ~60 keywords × 9 terminals regex rewrites,
 * ~10 ms of the lexer's construction at the server's first parse (issue 22, bench/README.md "Partida a frio do
 * servidor"). Here each terminal's partial regex is made once and kept; the test compares the token types with the
 * default builder's (name, pattern, LONGER_ALT) and the tokens of the examples.
 */
import { RegExpUtils, type GrammarAST, type TokenBuilderOptions } from 'langium';
import type { TokenType, TokenVocabulary } from 'chevrotain';
import { NfdTokenBuilder } from './workspace/nfd-keywords.js';

export class OciTokenBuilder extends NfdTokenBuilder {
    /** Partial regex of each terminal pattern's source, for one buildTokens call. */
    private partials = new Map<string, RegExp>();

    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        try {
            return super.buildTokens(grammar, options);
        } finally {
            this.partials.clear();
        }
    }

    /** DefaultTokenBuilder.findLongerAlt (partialMatches of `^source$` and the keyword), one partial regex each. */
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const source = (token.PATTERN as { source?: unknown } | undefined)?.source;
            if (typeof source !== 'string' || !source) return false;
            let partial = this.partials.get(source);
            if (!partial) {
                partial = RegExpUtils.partialRegExp('^' + source + '$');
                this.partials.set(source, partial);
            }
            const match = keyword.value.match(partial);
            return !!match && match[0].length > 0;
        });
    }
}
