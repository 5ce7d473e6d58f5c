/**
 * The `.oci` lexer without token objects, for the hand-written parser (fast-parser.ts): Chevrotain's tokenize loop
 * (chevrotain/lib/src/scan/lexer_public.js `tokenizeInternal`, full position tracking) run over the Chevrotain lexer's
 * own compiled patterns — the token types Langium's TokenBuilder (and nfd-keywords.ts) made from the grammar, in their
 * order, with their first-character candidate lists, LONGER_ALT, groups and line-break flags — but writing each token
 * into parallel typed arrays (`TokenVector`) instead of allocating an IToken and its image string. A Chevrotain
 * tokenize of a 160 KB catalogue makes ~15,000 tokens and as many strings that all die right after the parse but are
 * copied by every young-generation collection during it. It reads private fields of Chevrotain 13's Lexer: if they
 * change, `of` returns undefined and test/language/fast-lexer.test.ts fails.
 *
 * Being driven by the lexer's definition, a grammar change cannot make it diverge; whatever it cannot mirror exactly
 * (custom pattern functions, lexer modes, a mode without the first-character optimization, another line-terminator
 * definition) makes `FastLexer.of` return undefined, and the parser reads Chevrotain's tokens instead. A character no
 * token type matches (a lexer error) makes `tokenize` return false: the caller then runs the old path (Chevrotain,
 * whose errors send the text to Langium's parser). test/language/fast-lexer.test.ts compares both token streams.
 */
import type { IToken, TokenType } from 'chevrotain';

/** Chevrotain's matchType values (lexer.js). */
const SINGLE_CHAR_MATCH = 0;
const REG_EXP_MATCH = 2;
const ASCII_CLASS_MATCH = 3;

/** The parts of a Chevrotain pattern configuration (lexer.js `analyzeTokenTypes`) this lexer reads. */
interface PatternConfig {
    pattern: RegExp | string;
    asciiClass?: Uint8Array | number[];
    longerAlt?: number[];
    canLineTerminator: boolean;
    matchType: number;
    short: number | false;
    group: string | false | undefined;
    push?: string;
    pop?: boolean;
    tokenType: TokenType;
}

/** The private state of a Chevrotain Lexer (lexer_public.js) this lexer reads. */
interface ChevrotainLexerState {
    defaultMode?: string;
    modes?: string[];
    patternIdxToConfig?: Record<string, PatternConfig[]>;
    charCodeToPatternIdxToConfig?: Record<string, Array<PatternConfig[] | undefined>>;
    canModeBeOptimized?: Record<string, boolean>;
    hasCustom?: boolean;
    trackStartLines?: boolean;
    config?: { positionTracking?: string; safeMode?: boolean; lineTerminatorsPattern?: unknown };
}

/**
 * Tokens as parallel arrays, positions as Langium's CST stores them (0-based lines and columns, the end column
 * exclusive), the end offset exclusive. `type` indexes `FastLexer.types` (or the types of `fromTokens`).
 */
export class TokenVector {
    count = 0;
    type = new Uint16Array(0);
    start = new Int32Array(0);
    end = new Int32Array(0);
    startLine = new Int32Array(0);
    startColumn = new Int32Array(0);
    endLine = new Int32Array(0);
    endColumn = new Int32Array(0);

    /** Empties the vector, keeping room for `capacity` tokens. */
    clear(capacity: number): void {
        this.count = 0;
        if (this.type.length < capacity) this.grow(capacity);
    }

    /**
     * Gives back arrays with room for more than `capacity` tokens (a long-lived parser should not hold a large file's
     * tokens after its parse: the tree keeps what it needs).
     */
    release(capacity: number): void {
        this.count = 0;
        if (this.type.length > capacity) this.grow(0);
    }

    push(
        type: number,
        start: number,
        end: number,
        startLine: number,
        startColumn: number,
        endLine: number,
        endColumn: number
    ): void {
        const i = this.count;
        if (i === this.type.length) this.grow(Math.max(1024, i * 2));
        this.type[i] = type;
        this.start[i] = start;
        this.end[i] = end;
        this.startLine[i] = startLine;
        this.startColumn[i] = startColumn;
        this.endLine[i] = endLine;
        this.endColumn[i] = endColumn;
        this.count = i + 1;
    }

    private grow(capacity: number): void {
        const n = this.count;
        const copy = <T extends Uint16Array | Int32Array>(old: T, make: (size: number) => T): T => {
            const next = make(capacity);
            next.set(old.subarray(0, n));
            return next;
        };
        this.type = copy(this.type, size => new Uint16Array(size));
        this.start = copy(this.start, size => new Int32Array(size));
        this.end = copy(this.end, size => new Int32Array(size));
        this.startLine = copy(this.startLine, size => new Int32Array(size));
        this.startColumn = copy(this.startColumn, size => new Int32Array(size));
        this.endLine = copy(this.endLine, size => new Int32Array(size));
        this.endColumn = copy(this.endColumn, size => new Int32Array(size));
    }

    /**
     * Fills the vector from Chevrotain tokens (the path for a lexer `FastLexer` cannot mirror), `index` giving each
     * token type's number.
     */
    fromTokens(tokens: readonly IToken[], index: ReadonlyMap<TokenType, number>): void {
        this.clear(tokens.length);
        for (const token of tokens) {
            const type = index.get(token.tokenType);
            if (type === undefined) throw new Error(`Token type ${token.tokenType.name} is not the lexer's`);
            // Langium's CstNodeBuilder.createLeafNode: Chevrotain's 1-based positions to the CST's 0-based ones.
            this.push(
                type,
                token.startOffset,
                token.startOffset + token.image.length,
                token.startLine! - 1,
                token.startColumn! - 1,
                token.endLine! - 1,
                token.endColumn!
            );
        }
    }
}

/** One token type as this lexer runs it (from its Chevrotain config, monomorphic). */
interface Pattern {
    /** Its number in `FastLexer.types`. */
    number: number;
    kind: number;
    regex: RegExp | undefined;
    short: number;
    asciiClass: ArrayLike<number> | undefined;
    /** LONGER_ALT, resolved; empty when none. */
    alts: Pattern[];
    canLineTerminator: boolean;
    /** 0: the token vector, 1: the hidden group, 2: skipped. */
    group: number;
}

const TOKENS = 0;
const HIDDEN = 1;
const SKIPPED = 2;

export class FastLexer {
    /** The token types by the number `TokenVector.type` holds (Chevrotain's pattern order). */
    readonly types: readonly TokenType[];
    /** Chevrotain's first-character candidates, by Chevrotain's `charCodeToOptimizedIndex` of a character code. */
    private readonly candidates: Pattern[][];

    private constructor(configs: readonly PatternConfig[], candidates: ReadonlyArray<PatternConfig[] | undefined>) {
        this.types = configs.map(config => config.tokenType);
        const patterns: Pattern[] = configs.map((config, number) => ({
            number,
            kind: config.matchType,
            regex: config.pattern instanceof RegExp ? config.pattern : undefined,
            short: typeof config.short === 'number' ? config.short : -1,
            asciiClass: config.asciiClass,
            alts: [],
            canLineTerminator: config.canLineTerminator,
            group: config.group === false ? TOKENS : config.group === undefined ? SKIPPED : HIDDEN
        }));
        configs.forEach((config, i) => {
            for (const alt of config.longerAlt ?? []) patterns[i]!.alts.push(patterns[alt]!);
        });
        const number = new Map(configs.map((config, i) => [config, i]));
        this.candidates = [];
        for (let i = 0; i < candidates.length; i++)
            this.candidates.push((candidates[i] ?? []).map(config => patterns[number.get(config)!]!));
    }

    /**
     * The fast lexer of a Langium lexer service (its `chevrotainLexer`), or undefined when that lexer uses something
     * this one does not mirror (see the header).
     */
    static of(lexer: unknown): FastLexer | undefined {
        const state = (lexer as { chevrotainLexer?: ChevrotainLexerState }).chevrotainLexer;
        if (!state?.patternIdxToConfig || !state.charCodeToPatternIdxToConfig || !state.canModeBeOptimized) return;
        const modes = Object.keys(state.patternIdxToConfig);
        const mode = state.defaultMode;
        if (modes.length !== 1 || mode === undefined || modes[0] !== mode) return;
        if (state.hasCustom || state.trackStartLines !== true || state.config?.positionTracking !== 'full') return;
        if (state.config.safeMode || state.canModeBeOptimized[mode] !== true) return;
        // The default line terminators (/\n|\r\n?/), which Chevrotain replaces by its LineTerminatorOptimizedTester.
        const terminators = state.config.lineTerminatorsPattern;
        if (terminators instanceof RegExp || typeof (terminators as { test?: unknown })?.test !== 'function') return;
        const configs = state.patternIdxToConfig[mode];
        const candidates = state.charCodeToPatternIdxToConfig[mode];
        if (!configs || !candidates || configs.length > 65535) return;
        for (const config of configs) {
            if (config.push !== undefined || config.pop === true) return;
            if (config.group !== false && config.group !== undefined && config.group !== 'hidden') return;
            const kind = config.matchType;
            if (kind === SINGLE_CHAR_MATCH) {
                if (typeof config.pattern !== 'string' || typeof config.short !== 'number') return;
            } else if (kind === ASCII_CLASS_MATCH) {
                if (!config.asciiClass) return;
            } else if (kind !== REG_EXP_MATCH || !(config.pattern instanceof RegExp) || !config.pattern.sticky) return;
            // A longer alternative is matched by its regex (Chevrotain: "single Char can never be a longer alt").
            for (const alt of config.longerAlt ?? []) if (!(configs[alt]?.pattern instanceof RegExp)) return;
        }
        return new FastLexer(configs, candidates);
    }

    /** Each token type's number in `types`. */
    typeIndex(): Map<TokenType, number> {
        return new Map(this.types.map((type, i) => [type, i]));
    }

    /**
     * Tokenizes `text` into `tokens` (the default group) and `hidden` (the `hidden` group; skipped tokens are
     * dropped), exactly as Chevrotain's tokenize with full position tracking; false at the first character no token
     * type matches (the vectors then hold a prefix).
     */
    tokenize(text: string, tokens: TokenVector, hidden: TokenVector): boolean {
        const length = text.length;
        // ~11 characters a token in the catalogues; the vectors grow when that is not enough.
        tokens.clear(Math.floor(length / 8));
        hidden.clear(Math.floor(length / 200));
        const all = this.candidates;
        const none: Pattern[] = [];
        let offset = 0;
        let line = 1;
        let column = 1;
        while (offset < length) {
            const code = text.charCodeAt(offset);
            // Chevrotain's charCodeToOptimizedIndex.
            const candidates = all[code < 256 ? code : 255 + ~~(code / 255)] ?? none;
            let matched: Pattern | undefined;
            let imageLength = -1;
            for (let i = 0; i < candidates.length; i++) {
                const candidate = candidates[i]!;
                const kind = candidate.kind;
                if (kind === SINGLE_CHAR_MATCH) {
                    if (code === candidate.short) imageLength = 1;
                } else if (kind === ASCII_CLASS_MATCH) {
                    const asciiClass = candidate.asciiClass!;
                    if (asciiClass[code] === 1) {
                        let end = offset + 1;
                        while (asciiClass[text.charCodeAt(end)] === 1) end++;
                        imageLength = end - offset;
                    }
                } else {
                    const regex = candidate.regex!;
                    regex.lastIndex = offset;
                    if (regex.test(text)) imageLength = regex.lastIndex - offset;
                }
                if (imageLength !== -1) {
                    matched = candidate;
                    const alts = candidate.alts;
                    for (let k = 0; k < alts.length; k++) {
                        const alt = alts[k]!;
                        const regex = alt.regex!;
                        regex.lastIndex = offset;
                        if (regex.test(text) && regex.lastIndex - offset > imageLength) {
                            imageLength = regex.lastIndex - offset;
                            matched = alt;
                            break;
                        }
                    }
                    break;
                }
            }
            if (matched === undefined) return false;
            // Chevrotain's line terminator handling (its LineTerminatorOptimizedTester over the image).
            const startLine = line;
            const startColumn = column;
            const end = offset + imageLength;
            let endLine = startLine;
            let endColumn = startColumn + imageLength - 1;
            let terminators = 0;
            let lastTerminatorEnd = -1; // relative to the image: Chevrotain's lastLTEndOffset
            if (matched.canLineTerminator) {
                for (let i = offset; i < end; i++) {
                    const c = text.charCodeAt(i);
                    if (c === 10) {
                        terminators++;
                        lastTerminatorEnd = i - offset;
                    } else if (c === 13) {
                        if (i + 1 < end && text.charCodeAt(i + 1) === 10) i++;
                        terminators++;
                        lastTerminatorEnd = i - offset;
                    }
                }
            }
            if (terminators !== 0) {
                line += terminators;
                column = imageLength - lastTerminatorEnd;
                const lastIsTerminator = lastTerminatorEnd === imageLength - 1;
                if (!(terminators === 1 && lastIsTerminator)) {
                    const fix = lastIsTerminator ? -1 : 0;
                    endLine = line + fix;
                    endColumn = column - 1 - fix;
                }
            } else column += imageLength;
            const group = matched.group;
            if (group !== SKIPPED)
                (group === TOKENS ? tokens : hidden).push(
                    matched.number,
                    offset,
                    end,
                    startLine - 1,
                    startColumn - 1,
                    endLine - 1,
                    endColumn
                );
            offset = end;
        }
        return true;
    }
}
