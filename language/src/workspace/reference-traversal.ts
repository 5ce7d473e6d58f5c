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
    AstUtils,
    DefaultAstNodeLocator,
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    GrammarAST,
    GrammarUtils,
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
import { prunedPreorderNodes } from './ast-walk.js';

/** Nodes visited between two cancellation checks. */
const NODES_PER_CHECK = 256;

/**
 * The node types under which the grammar allows no cross-reference: parser rules that assign none and call, directly or
 * through other rules, no rule that does. A catalogue's references sit in components, conclusions and technology uses;
 * the linker and the reference index need not enter a grupo, a público, the CIDs or a tempo (over half of the nodes).
 * Conservative: a rule with an action, an explicit or inferred return type, or a call outside the parser rules of this
 * grammar (an infix or imported rule) counts as one that may hold references, and so does any type an action or a
 * return type produces.
 */
export function typesWithoutReferences(grammar: GrammarAST.Grammar): Set<string> {
    const rules = grammar.rules.filter(GrammarAST.isParserRule).filter(rule => !GrammarUtils.isDataTypeRule(rule));
    const may = new Map<GrammarAST.AbstractRule, boolean>();
    const calls = new Map<GrammarAST.ParserRule, GrammarAST.AbstractRule[]>();
    const producedElsewhere = new Set<string>();
    for (const rule of rules) {
        let holds = rule.returnType !== undefined || rule.inferredType !== undefined;
        if (holds) producedElsewhere.add(GrammarUtils.getRuleTypeName(rule));
        const called: GrammarAST.AbstractRule[] = [];
        for (const element of AstUtils.streamAst(rule.definition)) {
            if (GrammarAST.isCrossReference(element)) holds = true;
            else if (GrammarAST.isAction(element)) {
                holds = true;
                const type = GrammarUtils.getActionType(element);
                if (type) producedElsewhere.add(type);
            } else if (GrammarAST.isRuleCall(element) && element.rule.ref) called.push(element.rule.ref);
        }
        may.set(rule, holds);
        calls.set(rule, called);
    }
    const mayHold = (callee: GrammarAST.AbstractRule): boolean => {
        if (GrammarAST.isTerminalRule(callee)) return false;
        if (GrammarAST.isParserRule(callee) && GrammarUtils.isDataTypeRule(callee)) return false;
        return may.get(callee) ?? true; // a rule of another grammar, an infix rule: unknown
    };
    for (let changed = true; changed;) {
        changed = false;
        for (const rule of rules) {
            if (may.get(rule) || !calls.get(rule)!.some(mayHold)) continue; // every rule has its calls
            may.set(rule, true);
            changed = true;
        }
    }
    return new Set(
        rules.filter(rule => !rule.fragment && !may.get(rule) && !producedElsewhere.has(rule.name)).map(r => r.name)
    );
}

/** The reference properties of each AST type, from the language's reflection (computed once per type). */
export class ReferenceProperties {
    private readonly byType = new Map<string, readonly string[]>();
    /** Types whose subtrees hold no reference (typesWithoutReferences). */
    private readonly withoutReferences: Set<string>;

    constructor(
        private readonly reflection: AstReflection,
        grammar: GrammarAST.Grammar
    ) {
        this.withoutReferences = typesWithoutReferences(grammar);
    }

    /** The nodes of a tree that may hold references, in streamAst's order. */
    nodesWithReferences(root: AstNode): AstNode[] {
        return prunedPreorderNodes(root, node => this.withoutReferences.has(node.$type));
    }

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
    const nodes = properties.nodesWithReferences(document.parseResult.value);
    for (let from = 0; from < nodes.length; from += NODES_PER_CHECK) {
        await interruptAndCheck(cancelToken);
        referencesIn(properties, nodes, from, Math.min(from + NODES_PER_CHECK, nodes.length), action);
    }
}

/** The references of `nodes[from]` to `nodes[to - 1]`, in order. */
function referencesIn(
    properties: ReferenceProperties,
    nodes: readonly AstNode[],
    from: number,
    to: number,
    action: (ref: ReferenceInfo) => void
): void {
    const refs: ReferenceInfo[] = [];
    for (let i = from; i < to; i++) {
        refs.length = 0;
        properties.referencesOf(nodes[i]!, refs);
        for (const ref of refs) action(ref);
    }
}

export class OciLinker extends DefaultLinker {
    private readonly properties: ReferenceProperties;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.properties = new ReferenceProperties(services.shared.AstReflection, services.Grammar);
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
        this.properties = new ReferenceProperties(services.shared.AstReflection, services.Grammar);
    }

    override async createDescriptions(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None
    ): Promise<ReferenceDescription[]> {
        await interruptAndCheck(cancelToken);
        return this.describe(document);
    }

    /** The descriptions of every reference of a linked document, at once (reference-index.ts makes them on demand). */
    describe(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        const nodes = this.properties.nodesWithReferences(document.parseResult.value);
        referencesIn(this.properties, nodes, 0, nodes.length, ref => {
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
