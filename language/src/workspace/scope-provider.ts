/**
 * Scopes with indexed lookups. Langium's default scope wraps a document's local symbols in a
 * stream that every reference scans from the start: in a file of 200 OCIs (each a local symbol,
 * named by its code) each `um_de consulta` or tecnologia reference walked past all of them, so
 * linking grew with the square of the file. Here the local symbols of a document are grouped once
 * per reference type into a map (first definition wins, as in the stream scan), kept until the
 * document's symbols are recomputed, and the workspace's global scope stays the outer scope.
 */
import {
    AstUtils,
    Cancellation,
    CstUtils,
    DefaultScopeComputation,
    DefaultScopeProvider,
    EMPTY_STREAM,
    MultiMap,
    MultiMapScope,
    WorkspaceCache,
    interruptAndCheck,
    stream,
    type AstNode,
    type AstNodeDescription,
    type AstNodeLocator,
    type DocumentSegment,
    type LangiumCoreServices,
    type LangiumDocument,
    type LangiumDocuments,
    type NameProvider,
    type ReferenceInfo,
    type Scope,
    type Stream,
    type URI
} from 'langium';
import type { Documento } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';

type LocalSymbols = NonNullable<ReturnType<typeof AstUtils.getDocument>['localSymbols']>;

interface LocalIndex {
    /** Name → first description with that name. */
    readonly byName: ReadonlyMap<string, AstNodeDescription>;
    /** Every description, in document order (completion lists them all). */
    readonly all: readonly AstNodeDescription[];
}

/** Local symbols first (a map lookup), then the outer scope. */
class IndexedScope implements Scope {
    constructor(
        private readonly local: LocalIndex,
        private readonly outer: Scope
    ) {}

    getElement(name: string): AstNodeDescription | undefined {
        return this.local.byName.get(name) ?? this.outer.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.local.all.filter(d => d.name === name);
        return local.length > 0 ? stream(local).concat(this.outer.getElements(name)) : this.outer.getElements(name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.local.all).concat(this.outer.getAllElements());
    }
}

export class OciScopeProvider extends DefaultScopeProvider {
    /** Per symbol table (replaced whenever Langium recomputes a document's scopes): type → index. */
    private readonly indexes = new WeakMap<LocalSymbols, Map<string, LocalIndex>>();
    private readonly services: OciServices;
    private readonly documents: LangiumDocuments;
    /** `referenceType catalogue` → the global scope of that catalogue. */
    private readonly catalogueScopes: WorkspaceCache<string, Scope>;
    /**
     * Whether the workspace holds more than one catalogue header (asked once per workspace state, not per reference).
     */
    private readonly severalCatalogues: WorkspaceCache<'headers', boolean>;

    constructor(services: OciServices) {
        super(services);
        this.services = services;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.catalogueScopes = new WorkspaceCache(services.shared);
        this.severalCatalogues = new WorkspaceCache(services.shared);
    }

    /**
     * With several catalogues in the workspace, a name resolves to the definitions of the
     * reference's own catalogue only (two catalogues may each define `consulta`); with one, the
     * whole workspace, as Langium does.
     */
    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const context_ = this.services.catalogo.Context;
        if (!this.severalCatalogues.get('headers', () => context_.headerDocuments().length > 1))
            return super.getGlobalScope(referenceType, context);
        const catalogue = context_.catalogueOf(AstUtils.getDocument(context.container));
        return this.catalogueScopes.get(
            `${referenceType} ${catalogue}`,
            () =>
                new MultiMapScope(
                    this.indexManager.allElements(referenceType).filter(d => {
                        const document = this.documents.getDocument(d.documentUri);
                        return document !== undefined && context_.catalogueOf(document) === catalogue;
                    })
                )
        );
    }

    override getScope(context: ReferenceInfo): Scope {
        const document = AstUtils.getDocument(context.container);
        const localSymbols = document.localSymbols;
        const root = document.parseResult.value;
        // Symbols declared below the root (none in this grammar today) keep Langium's nested scoping.
        for (let node: AstNode | undefined = context.container; node && node !== root; node = node.$container) {
            if (localSymbols?.has(node)) return super.getScope(context);
        }
        const referenceType = this.reflection.getReferenceType(context);
        const global = this.getGlobalScope(referenceType, context);
        if (!localSymbols || !localSymbols.has(root)) return global;
        return new IndexedScope(this.localIndex(localSymbols, root, referenceType), global);
    }

    private localIndex(localSymbols: LocalSymbols, root: AstNode, referenceType: string): LocalIndex {
        let byType = this.indexes.get(localSymbols);
        if (!byType) {
            byType = new Map();
            this.indexes.set(localSymbols, byType);
        }
        let index = byType.get(referenceType);
        if (!index) {
            const all = (localSymbols.getStream(root) ?? EMPTY_STREAM)
                .filter(d => this.reflection.isSubtype(d.type, referenceType))
                .toArray();
            const byName = new Map<string, AstNodeDescription>();
            for (const d of all) if (!byName.has(d.name)) byName.set(d.name, d);
            index = { byName, all };
            byType.set(referenceType, index);
        }
        return index;
    }
}

/**
 * Only the top-level elements of a catalogue file have names (tecnologias, grupos, OCIs by
 * code), so the local symbols are collected from them instead of from every node of the file
 * (Langium's default asks the name provider about each of the thousands of nodes).
 */
export class OciScopeComputation extends DefaultScopeComputation {
    private readonly locator: AstNodeLocator;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.locator = services.workspace.AstNodeLocator;
    }

    override async collectLocalSymbols(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None
    ): Promise<LocalSymbols> {
        const root = document.parseResult.value as Documento;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        let visited = 0;
        for (const node of root.elementos ?? []) {
            if (visited++ % 256 === 0) await interruptAndCheck(cancelToken);
            this.addLocalSymbol(node, document, symbols);
        }
        return symbols;
    }

    protected override addExportedSymbol(
        node: AstNode,
        exports: AstNodeDescription[],
        document: LangiumDocument
    ): void {
        const name = this.nameProvider.getName(node);
        if (name) exports.push(this.describe(node, name, document));
    }

    protected override addLocalSymbol(
        node: AstNode,
        document: LangiumDocument,
        symbols: MultiMap<AstNode, AstNodeDescription>
    ): void {
        const container = node.$container;
        if (!container) return;
        const name = this.nameProvider.getName(node);
        if (name) symbols.add(container, this.describe(node, name, document));
    }

    /**
     * Langium's description of a named node (AstNodeDescriptionProvider.createDescription), with the selection segment
     * computed when first read, as Langium already does for the name segment: every OCI is a symbol twice (exported
     * and local), and the segment's range walks the node's CST to its first and last tokens, while only navigation
     * (document symbols, go to definition) reads it.
     */
    private describe(node: AstNode, name: string, document: LangiumDocument): AstNodeDescription {
        return new LazyDescription(node, name, document.uri, this.locator.getAstNodePath(node), this.nameProvider);
    }
}

/**
 * A description whose segments are computed on first read, as a class: its getters on the prototype. As an object
 * literal with two getters and their closures, each of the ~4,000 descriptions of a 2,000-OCI workspace was a
 * dictionary-mode object of ~700 bytes with a context and two closures (~1.7 MB the young-generation collector copied
 * during an open, bench/README.md); here one object of a fixed shape.
 */
class LazyDescription implements AstNodeDescription {
    readonly type: string;
    private nameSegmentValue: DocumentSegment | undefined = undefined;
    private selectionSegmentValue: DocumentSegment | undefined = undefined;
    private selectionDone = false;

    constructor(
        readonly node: AstNode,
        readonly name: string,
        readonly documentUri: URI,
        readonly path: string,
        private readonly nameProvider: NameProvider
    ) {
        this.type = node.$type;
    }

    get nameSegment(): DocumentSegment | undefined {
        return (this.nameSegmentValue ??= CstUtils.toDocumentSegment(
            this.nameProvider.getNameNode(this.node) ?? this.node.$cstNode
        ));
    }

    get selectionSegment(): DocumentSegment | undefined {
        if (!this.selectionDone) {
            this.selectionSegmentValue = CstUtils.toDocumentSegment(this.node.$cstNode);
            this.selectionDone = true;
        }
        return this.selectionSegmentValue;
    }
}
