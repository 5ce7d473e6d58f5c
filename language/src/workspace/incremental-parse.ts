/**
 * Re-parses only the top-level elements an edit touched and splices them into the previous
 * syntax tree, so that a keystroke in a file of 200 OCIs costs the parse of one OCI instead of
 * the whole file (~45 ms for 170 kB).
 *
 * The grammar makes this exact: a catalogue file is an optional header followed by a flat list
 * of elements (tecnologia, grupo, oci), each opened by its keyword and closed by `}` or by a
 * money or percent literal, so between two complete elements the parser is always in the same
 * state: "expecting an element". The text from the end of the element before the edit to the
 * start of the element after it is parsed on its own; the elements before keep their nodes, the
 * elements after keep their nodes with positions shifted. The result is the tree a full parse of
 * the new text gives (the test suite compares both, node by node and token by token, over random
 * edits); whenever that cannot be guaranteed cheaply — the old or the new text has a syntax
 * error, the edit touches the header, the re-parsed text ends inside a line comment — the caller
 * parses the whole text, as before.
 */
import type { AstNode, CstNode, LeafCstNode, ParseResult } from 'langium';

type ParserError = ParseResult['parserErrors'][number];
type Token = ParserError['token'];
import type { Documento, Elemento } from '../generated/ast.js';
import { LazyComposite, LazyLeaf } from '../parser/lazy-cst.js';
import { detachedCopy } from '../bounded-memo.js';

/**
 * `text.slice(start, end)` as a string of its own. V8 makes a substring of 13 or more characters a view into its
 * parent, and a substring of a view a view into the same parent: the tokens cut from a plain slice (codes, names,
 * references) would each keep the whole new text alive, so every re-parsed element pinned its version of the file
 * (~0.3 MB for 200 OCIs) until it was re-parsed itself — a session of 40 edits of different OCIs held 40 versions.
 * Prefixing makes a rope that `slice` flattens into a fresh string of the slice's length; the views point there.
 */
export function detachedSlice(text: string, start: number, end: number): string {
    return detachedCopy(text.slice(start, end));
}

/** A CST node with the fields of Langium's implementation this module reads and shifts. */
interface MutableLeaf extends LeafCstNode {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}
interface MutableComposite extends CstNode {
    content: CstNode[];
    container?: MutableComposite;
    _rangeCache?: unknown;
    _text?: string;
}

export interface IncrementalParse {
    result: ParseResult<Documento>;
    /** Characters of the new text that were parsed. */
    parsedLength: number;
}

/**
 * The parse result of `newText` built from `previous` (the parse of the text it replaces) and
 * `parse` applied to the changed slice only, or undefined when only a full parse is safe.
 * `previous` is consumed: its tree is reused and mutated.
 */
export function reparseIncrementally(
    previous: ParseResult<Documento>,
    newText: string,
    parse: (text: string) => ParseResult<AstNode>
): IncrementalParse | undefined {
    if ((previous.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    const root = previous.value;
    const rootCst = root.$cstNode as MutableComposite | undefined;
    const oldText = rootCst?._text;
    if (!rootCst || typeof oldText !== 'string' || oldText === newText) return undefined;

    // The changed region: [from, oldTo) of the old text became [from, newTo) of the new one.
    const from = commonPrefix(oldText, newText);
    const suffix = commonSuffix(oldText, newText, from);
    const oldTo = oldText.length - suffix;
    const delta = newText.length - oldText.length;

    const elementos = root.elementos;
    const bounds = elementos.map(e => (e.$cstNode ? { start: e.$cstNode.offset, end: e.$cstNode.end } : undefined));
    if (bounds.some(b => b === undefined)) return undefined;
    const spans = bounds as Array<{ start: number; end: number }>;
    // In order and apart (a tree recovered from errors is not trusted otherwise).
    let previousEnd = -Infinity;
    for (const span of spans) {
        if (span.start < previousEnd) return undefined;
        previousEnd = span.end;
    }

    // First element that ends at or after the change, last one that starts at or before its end
    // (the loops' bounds keep every index inside `spans`).
    let first = 0;
    while (first < spans.length && spans[first]!.end < from) first++;
    let last = first - 1;
    while (last + 1 < spans.length && spans[last + 1]!.start <= oldTo) last++;

    const headerEnd = root.cabecalho?.$cstNode?.end ?? 0;
    const sliceStart = first > 0 ? spans[first - 1]!.end : headerEnd;
    if (from < sliceStart || (first === 0 && root.cabecalho && from <= headerEnd)) return undefined;
    // The slice ends where an untouched element starts, on a fresh line (after a line break and
    // blanks only: a comment at its end could otherwise swallow that element's keyword). It takes
    // one untouched element along, the guard: when the guard comes out of the slice's parse as it
    // was, the parser was back in step with the full text before it — even after a syntax error
    // in the edited element (a half-typed word), whose recovery therefore stays inside the slice.
    let next = last + 1;
    const endOf = (n: number) => spans[n]?.start ?? oldText.length;
    while (next < spans.length && !endsOnFreshLine(oldText, sliceStart, endOf(next), newText, delta)) next++;
    const guard = next < spans.length ? next : undefined;
    if (guard !== undefined) {
        next++;
        while (next < spans.length && !endsOnFreshLine(oldText, sliceStart, endOf(next), newText, delta)) next++;
    }
    const sliceEnd = endOf(next);
    if (next < spans.length && !endsOnFreshLine(oldText, sliceStart, sliceEnd, newText, delta)) return undefined;
    // Syntax errors of the previous text (typically the keystroke before this one half-typed a
    // word of the same OCI) must each lie strictly inside one of the re-parsed elements: then the
    // parser had finished the element before the slice normally and was back in step after it. An
    // error at an element's first token, between elements or at the end may come from a broken
    // element before (a missing `}` is reported at the next `oci`), so the whole text is parsed.
    const errors = errorOffsets(previous, oldText.length);
    if (errors.some(offset => !spans.slice(first, next).some(span => span.start < offset && offset < span.end)))
        return undefined;

    const sliceText = detachedSlice(newText, sliceStart, sliceEnd + delta);
    const sliced = parse(sliceText) as ParseResult<Documento>;
    if (sliced.lexerErrors.length > 0 || (sliced.lexerReport?.diagnostics.length ?? 0) > 0) return undefined;
    // A header is only legal at the very start of the file.
    if (sliced.value.cabecalho && (sliceStart !== 0 || root.cabecalho)) return undefined;
    const sliceCst = sliced.value.$cstNode as MutableComposite | undefined;
    if (!sliceCst) return undefined;
    if (guard !== undefined) {
        // The guard elements (from `guard` to the end of the slice) are parsed again identically.
        const tail = elementos.slice(guard, next);
        const parsedTail = sliced.value.elementos.slice(sliced.value.elementos.length - tail.length);
        const shiftBy = delta - sliceStart;
        const guardStart = spans[guard]!.start + shiftBy; // guard < spans.length
        if (
            parsedTail.length !== tail.length ||
            sliced.parserErrors.some(e => !(errorOffset(e, sliceText.length) < guardStart))
        )
            return undefined;
        for (const [i, element] of tail.entries()) {
            const was = element.$cstNode!;
            const parsed = parsedTail[i];
            const is = parsed?.$cstNode;
            if (
                !is ||
                parsed?.$type !== element.$type ||
                is.offset !== was.offset + shiftBy ||
                is.end !== was.end + shiftBy
            )
                return undefined;
        }
    }

    // Positions: the slice was parsed from (0, 0); the untouched elements after it move by the
    // lines and characters the edit added, and the columns of their first line by the change of
    // that line's start.
    // The slice starts where an element or the header ends: its position is that node's end.
    const startNode = first > 0 ? elementos[first - 1]?.$cstNode : root.cabecalho?.$cstNode;
    const start =
        sliceStart === 0 ? { line: 0, character: 0 } : (startNode?.range.end ?? positionAt(oldText, sliceStart));
    const oldEndLine = lineCount(oldText, sliceStart, sliceEnd) + start.line;
    const newEndLine = lineCount(newText, sliceStart, sliceEnd + delta) + start.line;
    const oldEndColumn = columnAt(oldText, sliceEnd);
    const newEndColumn = columnAt(newText, sliceEnd + delta);

    // Root-level CST nodes (header, elements, comments between them) lie before the slice, inside
    // it (replaced) or after it (moved); none may straddle its borders.
    const before: CstNode[] = [];
    const after: CstNode[] = [];
    for (const node of rootCst.content) {
        if (node.end <= sliceStart) before.push(node);
        else if (node.offset >= sliceEnd) after.push(node);
        else if (node.offset < sliceStart || node.end > sliceEnd) return undefined;
    }
    for (const node of sliceCst.content) {
        shift(node, sliceStart, start.line, 0, start.character);
        (node as { container?: unknown }).container = rootCst;
    }
    for (const node of after) shift(node, delta, newEndLine - oldEndLine, oldEndLine, newEndColumn - oldEndColumn);
    rootCst.content = [...before, ...sliceCst.content, ...after];
    rootCst._text = newText;
    rootCst._rangeCache = undefined;

    const kept = (elementos as Elemento[]).slice(0, first);
    const moved = (elementos as Elemento[]).slice(next);
    const fresh = sliced.value.elementos as Elemento[];
    const mutable = root as { elementos?: Elemento[]; cabecalho?: Documento['cabecalho'] };
    if (sliced.value.cabecalho) {
        // Same property order as the parser's node (header first).
        delete mutable.elementos;
        mutable.cabecalho = sliced.value.cabecalho;
        (mutable.cabecalho as { $container: AstNode }).$container = root;
    }
    const elements = [...kept, ...fresh, ...moved];
    elements.forEach((element, index) => {
        const node = element as AstNode & { $containerIndex?: number };
        (node as { $container: AstNode }).$container = root;
        (node as { $containerProperty?: string }).$containerProperty = 'elementos';
        node.$containerIndex = index;
    });
    mutable.elementos = elements;
    return {
        result: {
            value: root,
            lexerErrors: [],
            lexerReport: sliced.lexerReport,
            parserErrors: shiftErrors(sliced.parserErrors, sliceStart, start.line, start.character)
        },
        parsedLength: sliceText.length
    };
}

/** Where the lexer and the parser of a previous text reported errors (the end of the text for a premature end). */
function errorOffsets(result: ParseResult<AstNode>, length: number): number[] {
    return [...result.lexerErrors.map(e => e.offset), ...result.parserErrors.map(e => errorOffset(e, length))];
}

function errorOffset(error: ParserError, length: number): number {
    const offset = error.token?.startOffset;
    // The end of the input is a token at -1 (or NaN for one inserted by the recovery).
    return typeof offset === 'number' && offset >= 0 ? offset : length;
}

/**
 * Moves the slice's parser errors (fresh objects of the slice's parse) to where the slice sits in
 * the file. Chevrotain's positions are 1-based; a token without a position (one inserted by the
 * error recovery) stays so; a token shared by two errors moves once.
 */
function shiftErrors(errors: ParserError[], offset: number, line: number, column: number): ParserError[] {
    const moved = new Map<Token, Token>();
    const move = (token: Token): Token => {
        if (!token || !(token.startOffset >= 0)) return token;
        let copy = moved.get(token);
        if (!copy) {
            // A copy: Chevrotain freezes some of its tokens.
            copy = {
                ...token,
                startOffset: token.startOffset + offset,
                endOffset: token.endOffset === undefined ? undefined : token.endOffset + offset,
                startColumn:
                    token.startLine === 1 && token.startColumn !== undefined
                        ? token.startColumn + column
                        : token.startColumn,
                endColumn:
                    token.endLine === 1 && token.endColumn !== undefined ? token.endColumn + column : token.endColumn,
                startLine: token.startLine === undefined ? undefined : token.startLine + line,
                endLine: token.endLine === undefined ? undefined : token.endLine + line
            };
            moved.set(token, copy);
        }
        return copy;
    };
    for (const error of errors) {
        error.token = move(error.token);
        const withPrevious = error as { previousToken?: Token };
        if (withPrevious.previousToken) withPrevious.previousToken = move(withPrevious.previousToken);
        if (error.resyncedTokens) error.resyncedTokens = error.resyncedTokens.map(move);
    }
    return errors;
}

function commonPrefix(a: string, b: string): number {
    const max = Math.min(a.length, b.length);
    let i = 0;
    while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
}

function commonSuffix(a: string, b: string, prefix: number): number {
    const max = Math.min(a.length, b.length) - prefix;
    let i = 0;
    while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
    return i;
}

/** After the last line break of the slice, only blanks — in the old text and in the new one. */
function endsOnFreshLine(oldText: string, start: number, end: number, newText: string, delta: number): boolean {
    return freshLine(oldText, start, end) && freshLine(newText, start, end + delta);
}

function freshLine(text: string, start: number, end: number): boolean {
    for (let i = end - 1; i >= start; i--) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) return true;
        if (c !== 32 && c !== 9) return false;
    }
    return false;
}

/** Line breaks as the lexer counts them: \n, \r\n and a lone \r. */
function lineCount(text: string, start: number, end: number): number {
    let lines = 0;
    for (let i = start; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) lines++;
        else if (c === 13) {
            lines++;
            if (text.charCodeAt(i + 1) === 10) i++;
        }
    }
    return lines;
}

function columnAt(text: string, offset: number): number {
    let i = offset;
    while (i > 0) {
        const c = text.charCodeAt(i - 1);
        if (c === 10 || c === 13) break;
        i--;
    }
    return offset - i;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
    return { line: lineCount(text, 0, offset), character: columnAt(text, offset) };
}

/**
 * Moves a subtree: offsets by `offsetDelta`, lines by `lineDelta`, and the columns of positions
 * on line `columnLine` (before the move) by `columnDelta`. The fast parser's nodes read their
 * positions from their parse's token store (parser/lazy-cst.ts): their span of it moves, once per
 * token (a subtree's span holds every token under it, and spans of different subtrees are
 * disjoint); Langium's own nodes (a slice its parser parsed) hold their positions themselves.
 */
function shift(node: CstNode, offsetDelta: number, lineDelta: number, columnLine: number, columnDelta: number): void {
    if (node instanceof LazyComposite) {
        if (node.first >= 0) node.store.shift(node.first, node.last, offsetDelta, lineDelta, columnLine, columnDelta);
        return;
    }
    if (node instanceof LazyLeaf) {
        node.store.shift(node.index, node.index, offsetDelta, lineDelta, columnLine, columnDelta);
        return;
    }
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const current = stack.pop()!;
        const composite = current as MutableComposite;
        if (Array.isArray(composite.content)) {
            composite._rangeCache = undefined;
            for (const child of composite.content) stack.push(child);
            continue;
        }
        const leaf = current as MutableLeaf;
        leaf._offset += offsetDelta;
        if (leaf._startLine === columnLine) leaf._startColumn += columnDelta;
        if (leaf._endLine === columnLine) leaf._endColumn += columnDelta;
        leaf._startLine += lineDelta;
        leaf._endLine += lineDelta;
    }
}
