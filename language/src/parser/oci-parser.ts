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
    private readonly grammar: LangiumCoreServices['Grammar'];
    private readonly tokens: LangiumCoreServices['parser']['Lexer']['definition'];
    private built = false;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.fast = new FastOciParser(services);
        this.grammar = services.Grammar;
        this.tokens = services.parser.Lexer.definition;
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        if (options.rule === undefined) {
            const fast = this.fast.parse(input);
            if (fast) return fast as unknown as ParseResult<T>;
        }
        return this.parseWithLangium<T>(input, options);
    }

    /** Langium's own parse of `input`, without the fast path (for the fallback, tests and benchmarks). */
    parseWithLangium<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        this.build();
        return super.parse<T>(input, options);
    }

    /**
     * Langium's createLangiumParser on this instance, at the first text the fast path does not take: the Chevrotain
     * rules and their lookahead analysis (~35 ms of CPU) are not built by a process whose files are all clean.
     */
    private build(): void {
        if (this.built) return;
        this.built = true;
        createParser(this.grammar, this, this.tokens);
        this.finalize();
    }
}

/** The parser service: Langium's parser with the fast path in front (its Chevrotain rules built on first need). */
export function createOciParser(services: LangiumCoreServices): OciLangiumParser {
    return new OciLangiumParser(services);
}
