/**
 * The `.oci` language's LangiumParser: a full parse of a text goes through the hand-written parser first
 * (fast-parser.ts), which builds Langium's own parse result for a text without syntax errors, and falls back to
 * Langium's parser for anything else (lexer or parser errors, a rule other than the entry rule), so diagnostics and
 * error recovery are always Langium's. Every caller of `services.parser.LangiumParser` (the document factory, the
 * incremental re-parse's slices, the CLI, the server, the browser worker) gets the fast path.
 */
import { createParser, LangiumParser, type AstNode, type LangiumCoreServices, type ParseResult } from 'langium';
import type { ParserOptions } from 'langium';
import { FastOciParser } from './fast-parser.js';

export class OciLangiumParser extends LangiumParser {
    readonly fast: FastOciParser;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.fast = new FastOciParser(services);
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        if (options.rule === undefined) {
            const fast = this.fast.parse(input);
            if (fast) return fast as unknown as ParseResult<T>;
        }
        return super.parse<T>(input, options);
    }

    /** Langium's own parse of `input`, without the fast path (for tests and benchmarks that compare both). */
    parseWithLangium<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        return super.parse<T>(input, options);
    }
}

/** The parser service (Langium's createLangiumParser with OciLangiumParser in place of LangiumParser). */
export function createOciParser(services: LangiumCoreServices): OciLangiumParser {
    const parser = new OciLangiumParser(services);
    createParser(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}
