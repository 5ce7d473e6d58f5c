/**
 * Accented keywords written decomposed (NFD: "a" + U+0301 instead of "á" — what macOS file
 * names and some editors produce) are the same keywords: the lexer accepts both forms of each
 * accented letter, in place (offsets and columns stay the file's), and text values reach the AST
 * composed (NFC), so "obrigatório" and names compare equal however they were typed.
 */
import {
    DefaultTokenBuilder,
    DefaultValueConverter,
    GrammarAST,
    GrammarUtils,
    ValueConverter,
    type CstNode,
    type ValueType
} from 'langium';
import type { TokenPattern } from 'chevrotain';

const { getCrossReferenceTerminal, getRuleType } = GrammarUtils;

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
    /**
     * The rule that produced each grammar element's values (undefined: the element is not a rule call, so the text is
     * the value), as Langium's convert finds it: the grammar is fixed, so this is found once per element, not once per
     * value (a reflection type check, a cross-reference's terminal, a reference read for each of ~100,000 values).
     */
    private readonly rules = new Map<GrammarAST.AbstractElement, GrammarAST.AbstractRule | undefined>();
    /** Each rule's converter, as Langium's runConverter picks it (by the rule's name, then by its type). */
    private readonly converters = new Map<GrammarAST.AbstractRule, (input: string) => ValueType>();

    override convert(input: string, cstNode: CstNode): ValueType {
        const feature = cstNode.grammarSource;
        let value: ValueType;
        if (feature === undefined) {
            value = super.convert(input, cstNode);
        } else {
            let rule = this.rules.get(feature);
            if (rule === undefined && !this.rules.has(feature)) {
                const terminal = GrammarAST.isCrossReference(feature) ? getCrossReferenceTerminal(feature) : feature;
                // An unresolved rule is left to Langium's convert, which throws for it.
                if (GrammarAST.isRuleCall(terminal) && !terminal.rule.ref) return super.convert(input, cstNode);
                rule = GrammarAST.isRuleCall(terminal) ? terminal.rule.ref : undefined;
                this.rules.set(feature, rule);
            }
            value = rule === undefined ? input : this.runConverter(rule, input, cstNode);
        }
        // Text below U+0300 is NFC already (no combining mark, nothing that composes): most values are ASCII.
        return typeof value === 'string' && !belowCombiningMarks(value) ? value.normalize('NFC') : value;
    }

    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, _cstNode: CstNode): ValueType {
        // A string literal without escapes is its text between the quotes: what Langium's convertString builds one
        // character at a time (a chain of one string object per character for the collector to walk).
        if (rule.name === 'STRING' && !input.includes('\\')) return input.slice(1, -1);
        let converter = this.converters.get(rule);
        if (converter === undefined) {
            converter = converterFor(rule);
            this.converters.set(rule, converter);
        }
        return converter(input);
    }
}

/** Langium's DefaultValueConverter.runConverter for one rule, chosen once. */
function converterFor(rule: GrammarAST.AbstractRule): (input: string) => ValueType {
    switch (rule.name.toUpperCase()) {
        case 'INT':
            return ValueConverter.convertInt;
        case 'STRING':
            return ValueConverter.convertString;
        case 'ID':
            return ValueConverter.convertID;
    }
    switch (getRuleType(rule)?.toLowerCase()) {
        case 'number':
            return ValueConverter.convertNumber;
        case 'boolean':
            return ValueConverter.convertBoolean;
        case 'bigint':
            return ValueConverter.convertBigint;
        case 'date':
            return ValueConverter.convertDate;
        default:
            return identity;
    }
}

function identity(input: string): string {
    return input;
}

function belowCombiningMarks(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return false;
    return true;
}
