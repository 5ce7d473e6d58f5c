/**
 * Langium's GrammarUtils.findNodeForProperty and findNodeForKeyword, with the same results, without making the lists
 * of the composite nodes they only pass by (lazy-cst.ts). Langium's versions ask each child whether it is a composite
 * (`Array.isArray(node.content)`) or walk it with `streamCst`, which reads the lists of the children they then skip:
 * a diagnostic on each of 2,000 OCIs would make the lists, and the leaves, of every item of every OCI. These read a
 * list only where Langium's would look inside it. The diagnostics' ranges (syntax-messages.ts) and the OCI's name node
 * (names.ts) use them; test/language/cst-search.test.ts compares them with Langium's on every node of the examples.
 * `forEachToken` is CstUtils.flattenCst for whoever needs only each leaf's token type and range (folding).
 */
import { GrammarAST, AstUtils, isCompositeCstNode, type AstNode, type CstNode, type LeafCstNode } from 'langium';
import type { TokenType } from 'chevrotain';
import type { Range } from 'vscode-languageserver-types';
import { LazyComposite, LazyLeaf } from './lazy-cst.js';

/** Whether Langium would look inside `node` for the nodes of `element` (a composite of that same AST node). */
function entersFor(node: CstNode, element: AstNode): boolean {
    return (node instanceof LazyComposite || isCompositeCstNode(node)) && node.astNode === element;
}

function childrenOf(node: CstNode): readonly CstNode[] {
    return (node as unknown as { content: readonly CstNode[] }).content;
}

function pick(nodes: CstNode[], index: number | undefined): CstNode | undefined {
    if (nodes.length === 0) return undefined;
    return nodes[index === undefined ? 0 : Math.max(0, Math.min(index, nodes.length - 1))];
}

/**
 * GrammarUtils.findNodeForProperty: the `index`-th node assigned to `property` of `node`'s AST node. The search stops
 * at that node (Langium's collects them all, then picks): only an index past the last one needs them all (the last).
 */
export function findNodeForProperty(node: CstNode | undefined, property: string | undefined, index?: number) {
    if (!node || !property) return undefined;
    const found: CstNode[] = [];
    collectProperty(node, property, node.astNode, true, found, Math.max(0, index ?? 0) + 1);
    return pick(found, index);
}

/** Collects the nodes of `property` under `node` in text order until there are `enough`; true once there are. */
function collectProperty(
    node: CstNode,
    property: string,
    element: AstNode,
    first: boolean,
    found: CstNode[],
    enough: number
): boolean {
    if (!first) {
        const assignment = AstUtils.getContainerOfType(node.grammarSource, GrammarAST.isAssignment);
        if (assignment && assignment.feature === property) {
            found.push(node);
            return found.length >= enough;
        }
    }
    if (entersFor(node, element))
        for (const child of childrenOf(node))
            if (collectProperty(child, property, element, false, found, enough)) return true;
    return false;
}

/** GrammarUtils.findNodeForKeyword: the `index`-th `keyword` of `node`'s AST node. */
export function findNodeForKeyword(node: CstNode | undefined, keyword: string, index?: number) {
    if (!node) return undefined;
    const element = node.astNode;
    if (GrammarAST.isKeyword(node.grammarSource) && node.grammarSource.value === keyword) return pick([node], index);
    const found: CstNode[] = [];
    // streamCst's pre-order with `prune()` on the nodes of another AST node: their lists are never read here.
    const visit = (parent: CstNode): void => {
        if (!(parent instanceof LazyComposite || isCompositeCstNode(parent))) return;
        for (const child of childrenOf(parent)) {
            if (child.astNode !== element) continue;
            if (GrammarAST.isKeyword(child.grammarSource) && child.grammarSource.value === keyword) found.push(child);
            visit(child);
        }
    };
    visit(node);
    return pick(found, index);
}

/**
 * Each leaf under `node` in text order — CstUtils.flattenCst's leaves, comments included — as its token type and
 * range, read from the token stores: no list is made.
 */
export function forEachToken(node: CstNode, visit: (tokenType: TokenType, range: Range) => void): void {
    if (node instanceof LazyComposite) {
        const store = node.store;
        for (let i = node.first; i >= 0 && i <= node.last; i++) visit(store.types[store.type[i]!]!, store.range(i, i));
    } else if (node instanceof LazyLeaf || !isCompositeCstNode(node))
        visit((node as LeafCstNode).tokenType, node.range);
    else for (const child of node.content) forEachToken(child, visit);
}
