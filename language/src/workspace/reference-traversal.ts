/**
 * Linking and reference indexing that visit only the properties the grammar declares as
 * cross-references. Langium's defaults look at every property of every AST node
 * (`streamReferences`) and yield to the event loop before each node; an OCI file has thousands
 * of nodes and a handful of references (`um_de grupo`, `conclusao grupo`, tecnologias), so on
 * every keystroke both phases spent their time walking properties and awaiting. Here the
 * reference properties of each node type come from the generated reflection, once, and the
 * cancellation check runs every few hundred nodes, still well under a millisecond apart.
 */
import {
    DefaultAstNodeLocator,
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    isMultiReference,
    isReference,
    Cancellation,
    type AstNode,
    type AstReflection,
    type LangiumCoreServices,
    type LangiumDocument,
    type ReferenceDescription,
    type ReferenceInfo
} from 'langium';
import { preorderNodes } from './ast-walk.js';

/** Nodes visited between two cancellation checks. */
const NODES_PER_CHECK = 256;

/** The reference properties of each AST type, from the language's reflection (computed once per type). */
export class ReferenceProperties {
    private readonly byType = new Map<string, readonly string[]>();

    constructor(private readonly reflection: AstReflection) {}

    of(type: string): readonly string[] {
        let names = this.byType.get(type);
        if (!names) {
            const properties = this.reflection.getTypeMetaData(type).properties;
            names = Object.values(properties)
                .filter(p => p.referenceType !== undefined)
                .map(p => p.name);
            this.byType.set(type, names);
        }
        return names;
    }

    /** The references of one node, as `streamReferences` reports them. */
    referencesOf(node: AstNode, into: ReferenceInfo[]): void {
        for (const property of this.of(node.$type)) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (isReference(value) || isMultiReference(value)) {
                into.push({ reference: value, container: node, property });
            } else if (Array.isArray(value)) {
                value.forEach((element, index) => {
                    if (isReference(element) || isMultiReference(element))
                        into.push({ reference: element, container: node, property, index });
                });
            }
        }
    }
}

/** Every reference of a document, in document order, with a cancellation check every NODES_PER_CHECK nodes. */
async function forEachReference(
    properties: ReferenceProperties,
    document: LangiumDocument,
    cancelToken: Cancellation.CancellationToken,
    action: (ref: ReferenceInfo) => void
): Promise<void> {
    const refs: ReferenceInfo[] = [];
    const { nodes } = preorderNodes(document.parseResult.value);
    for (let i = 0; i < nodes.length; i++) {
        if (i % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
        const node = nodes[i]!;
        refs.length = 0;
        properties.referencesOf(node, refs);
        for (const ref of refs) action(ref);
    }
}

export class OciLinker extends DefaultLinker {
    private readonly properties: ReferenceProperties;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.properties = new ReferenceProperties(services.shared.AstReflection);
    }

    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) return super.link(document, cancelToken);
        await forEachReference(this.properties, document, cancelToken, ref => this.doLink(ref, document));
    }
}

export class OciReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly properties: ReferenceProperties;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.properties = new ReferenceProperties(services.shared.AstReflection);
    }

    override async createDescriptions(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None
    ): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        await forEachReference(this.properties, document, cancelToken, ref => {
            if (!ref.reference.error) descriptions.push(...this.createInfoDescriptions(ref));
        });
        return descriptions;
    }
}

/**
 * Langium's node paths (`/elementos@12/itens@3/alvo`), each built as one flat string. Langium's locator concatenates
 * segment by segment, and V8 keeps such a string as a tree of pieces (a rope: ~6 objects for a component's path);
 * the reference index holds a source path per reference (~7,000 at 2,000 OCIs) and the export index one per element,
 * ~2 MB of ropes for the life of the documents. `test/language/ast-walk.test.ts` compares every path with Langium's.
 */
export class FlatAstNodeLocator extends DefaultAstNodeLocator {
    override getAstNodePath(node: AstNode): string {
        // Pieces from the node up to the root, reversed at the end; join builds a flat string.
        const pieces: string[] = [];
        for (let current = node; current.$container; current = current.$container) {
            const property = current.$containerProperty;
            if (!property) throw new Error("Missing '$containerProperty' in AST node.");
            if (current.$containerIndex !== undefined)
                pieces.push(String(current.$containerIndex), this.indexSeparator);
            pieces.push(property, this.segmentSeparator);
        }
        return pieces.reverse().join('');
    }
}
