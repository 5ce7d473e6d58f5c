/**
 * Langium builds every service of every language when the server initializes
 * (eagerLoadServices): for each language a Chevrotain lexer, a parser and a completion parser of
 * the whole grammar. The first diagnostics of a catalogue need the OCI lexer and parser only
 * (language/src/parser/ builds Langium's parser itself on its first fallback); the completion
 * parsers (~30-50 ms of CPU each) and the plan languages' lexers and parsers (~90-120 ms for the
 * two) wait here until something uses them, and are then the very objects Langium would have
 * built, with the same results.
 */
import {
    createCompletionParser,
    createLangiumParser,
    DefaultLexer,
    type LangiumCompletionParser,
    type LangiumCoreServices,
    type LangiumParser,
    type Lexer,
    type LexerResult,
    type TokenizeOptions
} from 'langium';

/** Something built at its first use. */
abstract class Lazy<T> {
    private value: T | undefined;

    constructor(private readonly create: () => T) {}

    /** True once the first use has built it. */
    get built(): boolean {
        return this.value !== undefined;
    }

    protected get real(): T {
        this.value ??= this.create();
        return this.value;
    }
}

export class LazyCompletionParser extends Lazy<LangiumCompletionParser> {
    parse(input: string): ReturnType<LangiumCompletionParser['parse']> {
        return this.real.parse(input);
    }
}

export class LazyLangiumParser extends Lazy<LangiumParser> {
    parse(...args: Parameters<LangiumParser['parse']>): ReturnType<LangiumParser['parse']> {
        return this.real.parse(...args);
    }
}

export class LazyLexer extends Lazy<Lexer> implements Lexer {
    get definition(): Lexer['definition'] {
        return this.real.definition;
    }

    tokenize(text: string, options?: TokenizeOptions): LexerResult {
        return this.real.tokenize(text, options);
    }
}

/** The completion provider calls `parse` only; the rest of LangiumCompletionParser stays unused. */
export function lazyCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    return new LazyCompletionParser(() => createCompletionParser(services)) as unknown as LangiumCompletionParser;
}

/** Langium's default parser (the plan languages): the document factory and the async parser call `parse` only. */
export function lazyLangiumParser(services: LangiumCoreServices): LangiumParser {
    return new LazyLangiumParser(() => createLangiumParser(services)) as unknown as LangiumParser;
}

/** Langium's default lexer (the plan languages). */
export function lazyLexer(services: LangiumCoreServices): Lexer {
    return new LazyLexer(() => new DefaultLexer(services));
}
