/**
 * A concrete syntax tree whose leaves are made on demand. Langium's CST keeps an object per token (~104 bytes, plus its
 * slot in its parent's list): in a workspace of 2,000 OCIs that is ~154,000 leaves, ~17 MB of a ~85 MB heap, all of it
 * allocated during the parse and copied by the young-generation collector on its way to the old one. Yet almost no
 * consumer reads a leaf: diagnostics read the range of an AST node's composite node, the linker the leaf of each
 * reference. So the fast parser (tree-builder.ts) records each token once in a `TokenStore` (typed arrays, outside the
 * collected heap) and builds a `LazyComposite` per rule call, which knows the span of store indices it covers and its
 * child composites; its `content` — the list Langium's CstNodeBuilder would have built — is made on first read, with
 * `LazyLeaf`s that read their positions from the store, and kept (a leaf is the same object at every read). A rule
 * call that is a single token of a datatype rule (a procedure code, a sexo; about half the rule calls of a catalogue)
 * gets no composite during the parse either: the store marks it on its token (`wrap`), and the parent's list makes it.
 * Nor does the call of a rule that is one unassigned call (`Elemento: Tecnologia | Grupo | Oci`, `ItemOci`, the
 * targets, `Custo`; ~40% of the remaining composites): Langium's tree has two composites over the same tokens there,
 * and the outer one stands for both until the inner one is read (`LazyComposite.inner`); at 2,000 OCIs the open's
 * heap holds ~64,000 composites instead of ~104,000 (bench/README.md).
 *
 * The list is exactly Langium's: a token belongs to the composite that consumed it, which is the innermost composite
 * whose span contains it and whose child composites' spans do not; a hidden token (a comment) is placed by Langium's
 * CstNodeBuilder.addHiddenNodes in the innermost open composite that already has content, or before the open child it
 * precedes, which is again the innermost composite whose span (first to last non-hidden token) contains it — the
 * builder places explicitly only those that land in the root, whose list is a plain array (the incremental parse
 * splices it). test/language/fast-parser.test.ts compares both trees, node by node; the incremental parse moves a
 * subtree by shifting its span of the store (`TokenStore.shift`).
 */
import type { AstNode, CompositeCstNode, CstNode, GrammarAST, LeafCstNode, RootCstNode } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { TokenType } from 'chevrotain';

/** The grammar-element number of a hidden token (a comment): it has no grammar source. */
export const HIDDEN_TOKEN = 0xffff;

/** The tokens of one parse, hidden ones included, in text order; index `i` is token `i` of the tree's leaves. */
export class TokenStore {
    count = 0;
    readonly type: Uint16Array;
    /** The grammar element the token matched, as a number of `elements`; HIDDEN_TOKEN for a comment. */
    readonly element: Uint16Array;
    /**
     * For a token that is the whole of a datatype rule call (`codigo=CodigoProcedimento`, `tipo=TipoComponente`):
     * the call's element number + 1, else 0. Its composite is made with its parent's list (`wrapped`), not during the
     * parse: about half the composites of a catalogue, which would otherwise all be copied by the young-generation
     * collector on their way to the old one.
     */
    readonly wrap: Uint16Array;
    readonly start: Int32Array;
    readonly end: Int32Array;
    readonly startLine: Int32Array;
    readonly startColumn: Int32Array;
    readonly endLine: Int32Array;
    readonly endColumn: Int32Array;
    /** Leaves made during the parse (the linker's reference nodes), reused when their composite's list is made. */
    private made: Map<number, LazyLeaf> | undefined;

    constructor(
        capacity: number,
        readonly types: readonly TokenType[],
        readonly elements: readonly GrammarAST.AbstractElement[]
    ) {
        // One allocation for the nine arrays (each ArrayBuffer is a separate external allocation for V8).
        const buffer = new ArrayBuffer(capacity * 30);
        const int32 = (k: number) => new Int32Array(buffer, k * capacity * 4, capacity);
        this.start = int32(0);
        this.end = int32(1);
        this.startLine = int32(2);
        this.startColumn = int32(3);
        this.endLine = int32(4);
        this.endColumn = int32(5);
        this.type = new Uint16Array(buffer, 24 * capacity, capacity);
        this.element = new Uint16Array(buffer, 26 * capacity, capacity);
        this.wrap = new Uint16Array(buffer, 28 * capacity, capacity);
    }

    /** The leaf of token `i` in `container`'s list (the one made during the parse, if any). */
    leaf(i: number, container: CompositeCstNode): LazyLeaf {
        return this.made?.get(i) ?? new LazyLeaf(this, i, container);
    }

    /** The composite of the datatype rule call that is exactly token `i` (`wrap`), in `container`'s list. */
    wrapped(i: number, container: CompositeCstNode): LazyComposite {
        const composite = new LazyComposite(this, this.elements[this.wrap[i]! - 1]!);
        composite.container = container;
        composite.first = composite.last = i;
        return composite;
    }

    /** A leaf made during the parse that something keeps (a reference's node): the list will hold this same object. */
    keep(leaf: LazyLeaf): void {
        (this.made ??= new Map()).set(leaf.index, leaf);
    }

    /**
     * From the start of token `first` to the end of token `last` (Langium's composite range: an end before the start,
     * impossible for a real span, collapses to the start).
     */
    range(first: number, last: number): Range {
        const start = { line: this.startLine[first]!, character: this.startColumn[first]! };
        if (this.endLine[last]! < start.line) return { start, end: start };
        return { start, end: { line: this.endLine[last]!, character: this.endColumn[last]! } };
    }

    /**
     * Moves tokens `first`..`last`: offsets by `offsetDelta`, lines by `lineDelta`, and the columns of positions on
     * line `columnLine` (before the move) by `columnDelta`.
     */
    shift(
        first: number,
        last: number,
        offsetDelta: number,
        lineDelta: number,
        columnLine: number,
        columnDelta: number
    ) {
        for (let i = first; i <= last; i++) {
            this.start[i]! += offsetDelta;
            this.end[i]! += offsetDelta;
            if (this.startLine[i] === columnLine) this.startColumn[i]! += columnDelta;
            if (this.endLine[i] === columnLine) this.endColumn[i]! += columnDelta;
            this.startLine[i]! += lineDelta;
            this.endLine[i]! += lineDelta;
        }
    }
}

function rootOf(node: CstNode): RootCstNode {
    let current = node as { container?: CompositeCstNode };
    while (current.container) current = current.container;
    return current as unknown as RootCstNode;
}

/** Langium's LeafCstNodeImpl over token `index` of a store. */
export class LazyLeaf implements LeafCstNode {
    readonly grammarSource: GrammarAST.AbstractElement | undefined;

    constructor(
        readonly store: TokenStore,
        readonly index: number,
        /** The composite the leaf was made in (`container` resolves a lazily made inner composite: resolvedParent). */
        public _container: CompositeCstNode | undefined
    ) {
        const element = store.element[index]!;
        this.grammarSource = element === HIDDEN_TOKEN ? undefined : store.elements[element];
    }

    get container(): CompositeCstNode | undefined {
        return resolvedParent(this, this._container);
    }
    set container(value: CompositeCstNode | undefined) {
        this._container = value;
    }

    get offset(): number {
        return this.store.start[this.index]!;
    }
    get length(): number {
        return this.store.end[this.index]! - this.store.start[this.index]!;
    }
    get end(): number {
        return this.store.end[this.index]!;
    }
    get hidden(): boolean {
        return this.store.element[this.index] === HIDDEN_TOKEN;
    }
    get tokenType(): TokenType {
        return this.store.types[this.store.type[this.index]!]!;
    }
    get range(): Range {
        return this.store.range(this.index, this.index);
    }
    get root(): RootCstNode {
        return rootOf(this);
    }
    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }
    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }
}

/**
 * Langium's CompositeCstNodeImpl for a rule call, covering the non-hidden tokens `first`..`last` of its store (and
 * the hidden ones between them); `kids` are its child composites in order (the composite itself when it has only one:
 * most rule calls have one, and an array costs ~56 bytes). Its list is made on first read.
 */
export class LazyComposite implements CompositeCstNode {
    /** The parent as the parse set it (`container` resolves a lazily made inner composite: resolvedParent). */
    _container: CompositeCstNode | undefined = undefined;
    /**
     * The composite of an assigned rule call whose rule is a single unassigned call (`Elemento: Tecnologia | Grupo |
     * Oci`, `ItemOci`, `AlvoComponente`, `AlvoConclusao`, `Custo`; about 40% of a catalogue's rule calls) stands for
     * both: Langium's tree has a second composite inside it, over the same tokens, holding what this one's `kids`
     * hold. Here that inner call's grammar element, set when the inner rule closes, until the inner composite is made
     * (`innerComposite`: at the first read of this one's list or of a child's `container`), then that composite.
     */
    inner: GrammarAST.AbstractElement | LazyComposite | undefined = undefined;
    /** Store index of the first and last non-hidden token; -1 while the parse has put none in it (then it is empty). */
    first = -1;
    last = -1;
    kids: LazyComposite | LazyComposite[] | undefined = undefined;
    private list: CstNode[] | undefined = undefined;
    /** Langium's field name: `astNode` looks for it up the containers, the root being Langium's own class. */
    _astNode: AstNode | undefined = undefined;

    constructor(
        readonly store: TokenStore,
        readonly grammarSource: GrammarAST.AbstractElement
    ) {}

    get container(): CompositeCstNode | undefined {
        return resolvedParent(this, this._container);
    }
    set container(value: CompositeCstNode | undefined) {
        this._container = value;
    }

    get content(): readonly CstNode[] {
        return (this.list ??= this.makeList());
    }

    /**
     * The inner composite this one stands for (see `inner`), made on the first call: over the same tokens, with the
     * child composites, which this one then has as its only child. Its children find it through `resolvedParent`.
     */
    innerComposite(): LazyComposite | undefined {
        const inner = this.inner;
        if (inner === undefined || inner instanceof LazyComposite) return inner;
        const made = new LazyComposite(this.store, inner);
        made._container = this;
        made.first = this.first;
        made.last = this.last;
        made.kids = this.kids;
        this.kids = this.first < 0 ? undefined : made;
        this.inner = made;
        return made;
    }

    private makeList(): CstNode[] {
        if (this.inner !== undefined) {
            const made = this.innerComposite()!;
            // The inner composite covers every token of this one (its rule is that one call).
            return this.first < 0 ? [] : [made];
        }
        const { store, kids, last } = this;
        const list: CstNode[] = [];
        if (this.first < 0) return list; // empty (Langium removes it from its parent; its list is empty)
        let k = 0;
        const many = Array.isArray(kids);
        let next = many ? kids[0] : kids;
        for (let i = this.first; i <= last;) {
            if (next !== undefined && next.first === i) {
                list.push(next);
                i = next.last + 1;
                next = many ? kids[++k] : undefined;
            } else if (store.wrap[i] !== 0 && !this.wraps(i)) list.push(store.wrapped(i++, this));
            else list.push(store.leaf(i++, this));
        }
        return list;
    }

    /** Whether this is the composite `TokenStore.wrap` marks on token `i` (its list is then that token's leaf). */
    private wraps(i: number): boolean {
        const store = this.store;
        return i === this.first && i === this.last && this.grammarSource === store.elements[store.wrap[i]! - 1];
    }

    get astNode(): AstNode {
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        let node: CstNode | undefined = this;
        while (node) {
            const own = (node as { _astNode?: AstNode })._astNode;
            if (own) return own;
            node = node.container;
        }
        throw new Error('This node has no associated AST element');
    }
    set astNode(value: AstNode) {
        this._astNode = value;
    }

    get hidden(): boolean {
        return false;
    }
    // An empty composite (removed from its parent, still some node's $cstNode) is at 0, as in Langium.
    get offset(): number {
        return this.first < 0 ? 0 : this.store.start[this.first]!;
    }
    get end(): number {
        return this.first < 0 ? 0 : this.store.end[this.last]!;
    }
    get length(): number {
        return this.end - this.offset;
    }
    get range(): Range {
        if (this.first < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return this.store.range(this.first, this.last);
    }
    get root(): RootCstNode {
        return rootOf(this);
    }
    get text(): string {
        return this.root.fullText.substring(this.offset, this.end);
    }
    get firstNonHiddenNode(): CstNode | undefined {
        const content = this.content;
        return content.find(child => !child.hidden) ?? content[0];
    }
    get lastNonHiddenNode(): CstNode | undefined {
        const content = this.content;
        for (let i = content.length - 1; i >= 0; i--) if (!content[i]!.hidden) return content[i];
        return content[content.length - 1];
    }
}

/**
 * The parent of `node`, `parent` being the one the parse set: when that one stands for an inner composite (see
 * LazyComposite.inner), the inner composite, made now if it was not (and kept as the node's parent), unless `node` is
 * that inner composite itself.
 */
function resolvedParent(
    node: LazyComposite | LazyLeaf,
    parent: CompositeCstNode | undefined
): CompositeCstNode | undefined {
    if (!(parent instanceof LazyComposite) || parent.inner === undefined) return parent;
    const inner = parent.innerComposite()!;
    if (inner === node) return parent;
    node._container = inner;
    return inner;
}

/** The child composites of `composite`, in order. */
export function kidsOf(composite: LazyComposite): readonly LazyComposite[] {
    composite.innerComposite();
    const kids = composite.kids;
    return kids === undefined ? [] : Array.isArray(kids) ? kids : [kids];
}
