/**
 * A parse result as text: every AST node with its properties, references and container links,
 * every CST node with its offset, range, token type and grammar element, the errors with their
 * positions. Two parses that give the same dump are indistinguishable to every service. Used by
 * the incremental re-parse tests and the fuzzer (no vitest here).
 */
import { isAstNode, isReference, type AstNode, type CstNode, type ParseResult } from 'langium';

export function dumpParse(result: ParseResult<AstNode>): string {
    const grammarIds = new Map<unknown, number>();
    const grammarId = (g: unknown) => {
        if (!grammarIds.has(g)) grammarIds.set(g, grammarIds.size);
        return grammarIds.get(g);
    };
    const cst = (node: CstNode | undefined): unknown =>
        node && {
            offset: node.offset,
            end: node.end,
            range: node.range,
            hidden: node.hidden,
            text: 'content' in node ? undefined : node.text,
            grammar: grammarId(node.grammarSource),
            ...('content' in node
                ? { content: (node as { content: CstNode[] }).content.map(cst) }
                : { token: (node as unknown as { tokenType: { name: string } }).tokenType.name })
        };
    const ast = (node: AstNode): unknown => {
        const out: Record<string, unknown> = {
            $type: node.$type,
            $containerProperty: node.$containerProperty,
            $containerIndex: node.$containerIndex,
            $cst: node.$cstNode && { offset: node.$cstNode.offset, end: node.$cstNode.end, range: node.$cstNode.range },
            $containerType: node.$container?.$type
        };
        for (const [key, value] of Object.entries(node)) {
            if (key.startsWith('$')) continue;
            const one = (v: unknown): unknown =>
                isAstNode(v)
                    ? v.$container === node
                        ? ast(v)
                        : 'wrong container'
                    : isReference(v)
                      ? { ref: v.$refText, node: v.$refNode && { offset: v.$refNode.offset, range: v.$refNode.range } }
                      : v;
            out[key] = Array.isArray(value) ? value.map(one) : one(value);
        }
        return out;
    };
    return JSON.stringify({
        ast: ast(result.value),
        cst: cst(result.value.$cstNode?.root),
        fullText: result.value.$cstNode?.root.fullText,
        lexerErrors: result.lexerErrors.map(e => [e.offset, e.length, e.line, e.column, e.message]),
        parserErrors: result.parserErrors.map(e => {
            const token = (t: typeof e.token | undefined) =>
                t && [t.image, t.startOffset, t.endOffset, t.startLine, t.startColumn, t.endLine, t.endColumn];
            return {
                name: e.name,
                message: e.message,
                token: token(e.token),
                previous: token((e as { previousToken?: typeof e.token }).previousToken),
                resynced: e.resyncedTokens?.map(token)
            };
        })
    });
}

/** Two dumps cut to the window around their first difference (dumps are long); two empty strings when equal. */
export function differenceWindow(a: string, b: string): [string, string] {
    if (a === b) return ['', ''];
    let i = 0;
    while (a[i] === b[i]) i++;
    const from = Math.max(0, i - 400);
    return [a.slice(from, i + 200), b.slice(from, i + 200)];
}
