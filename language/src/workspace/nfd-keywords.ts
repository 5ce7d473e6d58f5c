/**
 * Accented keywords written decomposed (NFD: "a" + U+0301 instead of "á" — what macOS file
 * names and some editors produce) are the same keywords: the lexer accepts both forms of each
 * accented letter, in place (offsets and columns stay the file's), and text values reach the AST
 * composed (NFC), so "obrigatório" and names compare equal however they were typed.
 */
import { DefaultTokenBuilder, DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import type { TokenPattern } from 'chevrotain';

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A keyword's pattern: the keyword itself, or, when it has accented letters, a regex accepting each composed or
 * decomposed.
 */
export function keywordPattern(value: string): string | RegExp {
    const composed = value.normalize('NFC');
    if (composed.normalize('NFD') === composed) return value;
    const parts = [...composed].map(c => {
        const d = c.normalize('NFD');
        return d === c ? escapeRegExp(c) : `(?:${escapeRegExp(c)}|${escapeRegExp(d)})`;
    });
    return new RegExp(parts.join(''));
}

export class NfdTokenBuilder extends DefaultTokenBuilder {
    protected override buildKeywordPattern(keyword: GrammarAST.Keyword, caseInsensitive: boolean): TokenPattern {
        const pattern = keywordPattern(keyword.value);
        return typeof pattern === 'string'
            ? super.buildKeywordPattern(keyword, caseInsensitive)
            : caseInsensitive
              ? new RegExp(pattern.source, 'i')
              : pattern;
    }
}

export class NfcValueConverter extends DefaultValueConverter {
    override convert(input: string, cstNode: CstNode): ValueType {
        const value = super.convert(input, cstNode);
        return typeof value === 'string' ? value.normalize('NFC') : value;
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        // A string literal without escapes is its text between the quotes: what Langium's convertString builds one
        // character at a time (a chain of one string object per character for the collector to walk).
        if (rule.name === 'STRING' && !input.includes('\\')) return input.slice(1, -1);
        return super.runConverter(rule, input, cstNode);
    }
}
