/**
 * Builds the AST and the CST of one parse the way Langium's parser does (langium/lib/parser/langium-parser.js and
 * cst-node-builder.js), step for step, for a hand-written parser that has already decided which rule and token
 * comes next: composite nodes for rule calls, leaves for tokens, comments placed where Langium's CstNodeBuilder places
 * them, values through the ValueConverter, references through the Linker, empty arrays and `false` flags as
 * `assignMandatoryProperties` sets them, container links as `linkContentToContainer` sets them. Whatever the tree's
 * consumers read (property order included) is therefore what a Langium parse of the same text gives;
 * test/language/fast-parser.test.ts compares both dumps.
 *
 * The CST is Langium's with its leaves made on demand (lazy-cst.ts): each token goes once into the parse's TokenStore,
 * each rule call gets a LazyComposite, and only the comments that land in the root are placed here (the root's list is
 * a plain array); the others fall where the composites' spans put them, which is where Langium's builder puts them.
 *
 * The parser calls `expect`/`take…` for each token it requires; a token that is not the expected one throws
 * `NOT_FAST` and the caller falls back to Langium's parser (which then reports the error and recovers).
 */
import {
    CompositeCstNodeImpl,
    RootCstNodeImpl,
    type AstNode,
    type AstReflection,
    type GrammarAST,
    type Linker,
    type ValueConverter
} from 'langium';
import type { TokenType } from 'chevrotain';
import { TokenVector } from './fast-lexer.js';
import { HIDDEN_TOKEN, LazyComposite, LazyLeaf, TokenStore } from './lazy-cst.js';

/** Thrown when the input is not what the fast path handles; never escapes FastOciParser.parse. */
export class NotFastPath extends Error {}
export const NOT_FAST = new NotFastPath('not on the fast path');

/** An AST node under construction: its properties are assigned one by one, as Langium's parser assigns them. */
export type NodeUnderConstruction = AstNode & Record<string, unknown>;

type Composite = CompositeCstNodeImpl | LazyComposite;

export class TreeBuilder {
    private root = new RootCstNodeImpl('');
    /**
     * Open composite nodes, the root first; empty once the entry rule is closed (then the root is current, as in
     * Langium).
     */
    private stack: Composite[] = [];
    /** The tokens the tree keeps, in text order (hidden ones included), and the last non-hidden one put there. */
    private store = new TokenStore(0, [], []);
    private lastToken = -1;
    /** The grammar elements tokens matched, by the numbers the stores hold (shared by every parse of this builder). */
    private readonly elements: GrammarAST.AbstractElement[] = [];
    private readonly elementNumbers = new Map<GrammarAST.AbstractElement, number>();
    private text = '';
    private tokens = new TokenVector();
    /** The token types by the numbers the vectors hold. */
    private types: readonly TokenType[] = [];
    private position = 0;
    private hidden = new TokenVector();
    private nextHidden = 0;
    private readonly defaults = new Map<string, ReadonlyArray<readonly [string, unknown]>>();
    /** The calls of the open `openInner`s, innermost last. */
    private inners: GrammarAST.AbstractElement[] = [];

    constructor(
        private readonly converter: ValueConverter,
        private readonly linker: Linker,
        private readonly reflection: AstReflection
    ) {}

    /** Starts a parse of `text` lexed into `tokens` and `hidden`, whose type numbers index `types`. */
    start(text: string, tokens: TokenVector, hidden: TokenVector, types: readonly TokenType[]): void {
        this.text = text;
        this.root = new RootCstNodeImpl(text);
        this.stack = [this.root];
        this.store = new TokenStore(tokens.count + hidden.count, types, this.elements);
        this.lastToken = -1;
        this.tokens = tokens;
        this.types = types;
        this.position = 0;
        this.hidden = hidden;
        this.nextHidden = 0;
        this.inners = [];
    }

    /** Releases the input (the builder is reused by the next parse; the vectors are the caller's). */
    reset(): void {
        this.text = '';
        this.root = new RootCstNodeImpl('');
        this.stack = [];
        this.store = new TokenStore(0, [], []);
    }

    /** The type of the next token, undefined at the end of the input. */
    peek(): TokenType | undefined {
        const position = this.position;
        return position < this.tokens.count ? this.types[this.tokens.type[position]!] : undefined;
    }

    /** Whether every token was consumed. */
    atEnd(): boolean {
        return this.position === this.tokens.count;
    }

    /** The text of the token `expect` consumed last. */
    private get image(): string {
        const tokens = this.tokens;
        const last = this.position - 1;
        return this.text.substring(tokens.start[last]!, tokens.end[last]!);
    }

    private get current(): Composite {
        return this.stack[this.stack.length - 1] ?? this.root;
    }

    /**
     * Consumes the next token, which must be of `type`, as a leaf whose grammar source is `feature`: its index in the
     * store (its leaf is made when its composite's list is read; `leafOf` makes it now).
     */
    expect(type: TokenType, feature: GrammarAST.AbstractElement): number {
        const tokens = this.tokens;
        const position = this.position;
        if (position >= tokens.count || this.types[tokens.type[position]!] !== type) throw NOT_FAST;
        this.position = position + 1;
        this.addHiddenBefore(tokens.start[position]!);
        const index = this.push(tokens, position, this.elementNumber(feature));
        this.lastToken = index;
        const stack = this.stack;
        const current = this.current;
        if (current instanceof LazyComposite) {
            // The open composites that had no token yet start here.
            for (let k = stack.length - 1; k >= 0; k--) {
                const open = stack[k];
                if (!(open instanceof LazyComposite) || open.first >= 0) break;
                open.first = index;
            }
        } else {
            const leaf = new LazyLeaf(this.store, index, current);
            this.store.keep(leaf);
            appendChildren(current, [leaf]);
        }
        return index;
    }

    /** The leaf of the token at store `index` in the current composite (the same object its list will hold). */
    private leafOf(index: number): LazyLeaf {
        return this.store.leaf(index, this.current);
    }

    private elementNumber(element: GrammarAST.AbstractElement): number {
        let number = this.elementNumbers.get(element);
        if (number === undefined) {
            number = this.elements.length;
            if (number >= HIDDEN_TOKEN) throw new Error('too many grammar elements');
            this.elements.push(element);
            this.elementNumbers.set(element, number);
        }
        return number;
    }

    /** Copies token `i` of `from` into the store. */
    private push(from: TokenVector, i: number, element: number): number {
        const store = this.store;
        const j = store.count++;
        store.type[j] = from.type[i]!;
        store.element[j] = element;
        store.start[j] = from.start[i]!;
        store.end[j] = from.end[i]!;
        store.startLine[j] = from.startLine[i]!;
        store.startColumn[j] = from.startColumn[i]!;
        store.endLine[j] = from.endLine[i]!;
        store.endColumn[j] = from.endColumn[i]!;
        return j;
    }

    /** Consumes a token assigned with `=` (a terminal): its converted value. */
    takeValue(node: NodeUnderConstruction, property: string, type: TokenType, feature: GrammarAST.AbstractElement) {
        const index = this.expect(type, feature);
        node[property] = this.converter.convert(this.image, this.leafOf(index));
    }

    /** Consumes a keyword assigned with `?=`. */
    takeFlag(node: NodeUnderConstruction, property: string, type: TokenType, keyword: GrammarAST.AbstractElement) {
        this.expect(type, keyword);
        node[property] = true;
    }

    /** Consumes a cross-reference (`property=[Type:ID]`): a Reference built by the Linker, as Langium's parser does. */
    takeReference(
        node: NodeUnderConstruction,
        property: string,
        type: TokenType,
        crossReference: GrammarAST.AbstractElement
    ) {
        const leaf = this.leafOf(this.expect(type, crossReference));
        // The reference keeps its node: the composite's list must hold the same object.
        this.store.keep(leaf);
        const text = this.converter.convert(this.image, leaf) as string;
        node[property] = this.linker.buildReference(node, property, leaf, text);
    }

    /** Opens the composite node of a call of a rule that makes an AST node or a datatype value. */
    open(call: GrammarAST.AbstractElement): LazyComposite {
        const composite = new LazyComposite(this.store, call);
        const parent = this.current;
        composite._container = parent;
        if (parent instanceof LazyComposite) {
            const kids = parent.kids;
            if (kids === undefined) parent.kids = composite;
            else if (Array.isArray(kids)) kids.push(composite);
            else parent.kids = [kids, composite];
        } else parent.content.push(composite);
        this.stack.push(composite);
        return composite;
    }

    /**
     * Opens the composite of an unassigned call that is the whole of the rule just opened (`Elemento: Tecnologia |
     * Grupo | Oci` inside `elementos+=Elemento`): no composite is made for it during the parse; the one just opened
     * stands for both (LazyComposite.inner) and the call's children go into it. The inner rule's `close` then marks
     * it, and the caller closes it again, as with `open`: `unwrap`, then `close`. Langium's tree, where the inner
     * composite is the outer one's only child over the same tokens, is made when someone reads it.
     */
    openInner(call: GrammarAST.AbstractElement): void {
        const outer = this.current;
        if (!(outer instanceof LazyComposite) || outer.first >= 0 || outer.kids !== undefined) {
            this.open(call);
            return;
        }
        this.inners.push(call);
        this.stack.push(outer);
    }

    /** Closes the innermost composite node as the CST node of `node` (Langium's `construct`). */
    close(node: NodeUnderConstruction): void {
        this.closeComposite(node);
        // AstUtils.assignMandatoryProperties, with the type's defaults read from the reflection once.
        for (const [property, value] of this.defaultsOf(node.$type))
            if (node[property] === undefined) node[property] = Array.isArray(value) ? [] : value;
    }

    /** The properties of `type` with a default value (`[]` for `+=`, `false` for `?=`), in the reflection's order. */
    private defaultsOf(type: string): ReadonlyArray<readonly [string, unknown]> {
        let defaults = this.defaults.get(type);
        if (!defaults) {
            defaults = Object.values(this.reflection.getTypeMetaData(type).properties)
                .filter(p => p.defaultValue !== undefined)
                .map(p => {
                    const value: unknown = p.defaultValue;
                    if (Array.isArray(value) && value.length > 0)
                        throw new Error(`${type}.${p.name}: a non-empty default`);
                    return [p.name, value] as const;
                });
            this.defaults.set(type, defaults);
        }
        return defaults;
    }

    /**
     * A node returned through an unassigned rule call (`Elemento: Tecnologia | Grupo | Oci`): Langium drops its CST
     * node and gives it the caller's when the calling rule closes (`assignWithoutOverride`, then `construct`).
     */
    unwrap(node: NodeUnderConstruction): void {
        (node as { $cstNode?: unknown }).$cstNode = undefined;
    }

    /**
     * Assigns a finished node with `=` (`+=` when `many`), linking its CST node back to it, and links it to its
     * container as Langium's `linkContentToContainer` does after the parse (the node is final here, so its container
     * properties come after its own, in the same order).
     */
    assignNode(container: NodeUnderConstruction, property: string, node: NodeUnderConstruction, many: boolean): void {
        linkCstNode(node);
        const linked = node as { $container?: AstNode; $containerProperty?: string; $containerIndex?: number };
        linked.$container = container;
        linked.$containerProperty = property;
        if (many) {
            const array = container[property];
            if (Array.isArray(array)) {
                linked.$containerIndex = array.length;
                array.push(node);
            } else {
                linked.$containerIndex = 0;
                container[property] = [node];
            }
        } else container[property] = node;
    }

    /**
     * A datatype rule call (`codigo=CodigoProcedimento`, `tipo=TipoComponente`): the tokens' texts concatenated
     * (keywords as written, terminals converted) and the whole converted, as Langium's parser builds it. `parts`
     * gives, for each token, its type and grammar element and whether that element is a keyword.
     */
    datatype(call: GrammarAST.AbstractElement, parts: ReadonlyArray<readonly [TokenType, DatatypePart]>): unknown {
        // A call that is one token, inside a composite of this parse: its composite is only marked on the token
        // (TokenStore.wrap) and made when the parent's list is; the one the value converter reads here, the same in
        // every field, is dropped.
        const single = parts.length === 1 && this.current instanceof LazyComposite;
        const composite = single ? this.openDetached(call) : this.open(call);
        let value = '';
        for (const [type, part] of parts) {
            const index = this.expect(type, part.element);
            value += part.keyword ? this.image : String(this.converter.convert(this.image, this.leafOf(index)));
        }
        if (single) {
            this.stack.pop();
            composite.last = this.lastToken;
            this.store.wrap[composite.first] = this.elementNumber(call) + 1;
        } else this.closeComposite({});
        return this.converter.convert(value, composite);
    }

    /** `open` without the parent knowing the child: for a call that `wrap` marks instead. */
    private openDetached(call: GrammarAST.AbstractElement): LazyComposite {
        const composite = new LazyComposite(this.store, call);
        composite._container = this.current;
        this.stack.push(composite);
        return composite;
    }

    /** Closes the entry rule's node: the root, then the comments after the last token (Langium's `parse`). */
    finish(node: NodeUnderConstruction): void {
        this.close(node);
        linkCstNode(node);
        this.addHidden(this.nextHidden, this.hidden.count);
        this.nextHidden = this.hidden.count;
    }

    private closeComposite(node: { $cstNode?: unknown }): void {
        const composite = this.current;
        node.$cstNode = composite;
        this.stack.pop();
        // The inner rule of `openInner` closes: the outer composite, still open, now stands for its call too.
        if (composite === this.current && composite instanceof LazyComposite) composite.inner = this.inners.pop();
        if (composite instanceof LazyComposite) {
            // Langium removes an empty composite from its parent (it stays the node's $cstNode).
            if (composite.first < 0) removeNode(composite);
            else {
                composite.last = this.lastToken;
                if (Array.isArray(composite.kids)) composite.kids = composite.kids.slice();
            }
        } else if (composite.content.length === 0) removeNode(composite);
        else composite.content = composite.content.slice();
    }

    /** The comments before a token at `offset` (Langium's `extractHiddenTokens` + `addHiddenNodes`). */
    private addHiddenBefore(offset: number): void {
        const first = this.nextHidden;
        let end = first;
        const hidden = this.hidden;
        while (end < hidden.count && !(hidden.start[end]! > offset)) end++;
        if (end === first) return;
        this.nextHidden = end;
        this.addHidden(first, end);
    }

    /**
     * Langium's CstNodeBuilder.addHiddenNodes, for the hidden tokens from `first` to `end` (exclusive): into the store,
     * and as leaves into the root's list when Langium puts them there. Elsewhere they land in the innermost open
     * composite with content, or in the composite before whose open child they come: the innermost composite whose
     * span holds them, which is where LazyComposite's list puts them.
     */
    private addHidden(first: number, end: number): void {
        if (end <= first) return;
        const from = this.store.count;
        for (let i = first; i < end; i++) this.push(this.hidden, i, HIDDEN_TOKEN);
        const leaves = (): LazyLeaf[] => {
            const made: LazyLeaf[] = [];
            for (let j = from; j < this.store.count; j++) made.push(new LazyLeaf(this.store, j, this.root));
            return made;
        };
        let current = this.current;
        if (!(current instanceof LazyComposite)) {
            if (current.content.length > 0) appendChildren(current, leaves());
            else insertChildren(current, 0, leaves());
            return;
        }
        if (current.first >= 0) return;
        for (;;) {
            // The parent as the parse set it: nothing is made during the parse.
            const parent: Composite = current._container as Composite;
            if (!(parent instanceof LazyComposite)) {
                // Before `current` when something precedes it in the root, else first (Langium's fall-through).
                insertChildren(parent, Math.max(0, parent.content.indexOf(current)), leaves());
                return;
            }
            if (parent.first >= 0) return;
            current = parent;
        }
    }
}

export interface DatatypePart {
    element: GrammarAST.AbstractElement;
    keyword: boolean;
}

/** Langium's LangiumParser.linkCstNode: the CST node that is a node's `$cstNode` points back to it. */
function linkCstNode(node: AstNode): void {
    if (node.$cstNode) (node.$cstNode as { astNode: AstNode }).astNode = node;
}

function appendChildren(parent: CompositeCstNodeImpl, children: LazyLeaf[]): void {
    for (const child of children) child.container = parent;
    if (parent.content.length === 0) parent.content = children.slice();
    else parent.content.push(...children);
}

function insertChildren(parent: CompositeCstNodeImpl, index: number, children: LazyLeaf[]): void {
    for (const child of children) child.container = parent;
    parent.content.splice(index, 0, ...children);
}

function removeNode(node: Composite): void {
    const parent = node instanceof LazyComposite ? node._container : node.container;
    if (parent instanceof LazyComposite) {
        const kids = parent.kids;
        if (kids === node) parent.kids = undefined;
        else if (Array.isArray(kids)) {
            const index = kids.indexOf(node as LazyComposite);
            if (index >= 0) kids.splice(index, 1);
            if (kids.length === 1) parent.kids = kids[0];
        }
    } else if (parent) {
        const content = (parent as CompositeCstNodeImpl).content;
        const index = content.indexOf(node);
        if (index >= 0) content.splice(index, 1);
    }
}
