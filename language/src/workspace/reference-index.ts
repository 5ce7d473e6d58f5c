/**
 * The reference index — which document references what: find references, rename, highlights, and which documents an
 * edit relinks (`isAffected`) — filled when it is first read instead of during the build.
 *
 * Langium indexes every reference of a document in a build phase of its own (IndexedReferences), between linking and
 * validation: on opening a 2,000-OCI workspace, ~7,000 descriptions (two node paths, a range and two URI comparisons
 * each) that no diagnostic reads, paid before the first diagnostic is published; the CLI's `check` and `build` never
 * read them at all. Here the phase only marks the document; its descriptions are made, from the same linked tree, when
 * a reader asks (the relink check of the next edit asks for each document, find references for all), or earlier in
 * idle time (`indexNext`, which the language server calls between builds).
 *
 * The tree read later is the tree of the build: a document whose tree or links change is reset below IndexedReferences
 * first, and that reset removes its references (`removeReferences`), pending or made. The descriptions are the ones
 * Langium's phase would have made (test/language/incremental-build.test.ts, "deferred reference index", compares them).
 */
import {
    Cancellation,
    DefaultIndexManager,
    type AstNode,
    type LangiumDocument,
    type ReferenceDescription,
    type Stream,
    type URI
} from 'langium';

/** A reference description provider that can describe a linked document at once (no cancellation, no await). */
export interface ImmediateReferenceDescriptions {
    describe(document: LangiumDocument): ReferenceDescription[];
}

function canDescribe(provider: object): provider is ImmediateReferenceDescriptions {
    return typeof (provider as Partial<ImmediateReferenceDescriptions>).describe === 'function';
}

export class DeferredReferenceIndex extends DefaultIndexManager {
    /** Documents past IndexedReferences whose descriptions are not made yet (and their provider), oldest first. */
    private readonly unindexed = new Map<
        string,
        { document: LangiumDocument; provider: ImmediateReferenceDescriptions }
    >();

    override async updateReferences(
        document: LangiumDocument,
        cancelToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        // A language whose provider can only describe asynchronously is indexed in the phase, as Langium does.
        if (!canDescribe(provider)) return super.updateReferences(document, cancelToken);
        const uri = document.uri.toString();
        // The document keeps its place in the index's order (find references lists by it).
        this.referenceIndex.set(uri, []);
        this.unindexed.set(uri, { document, provider });
    }

    override removeReferences(uri: URI): void {
        this.unindexed.delete(uri.toString());
        super.removeReferences(uri);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        while (this.indexNext());
        return super.findAllReferences(targetNode, astNodePath);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.index(document.uri.toString());
        return super.isAffected(document, changedUris);
    }

    /** How many documents wait for their descriptions. */
    get pending(): number {
        return this.unindexed.size;
    }

    /** Makes the descriptions of the document that has waited longest; false when none waits. */
    indexNext(): boolean {
        const next = this.unindexed.keys().next();
        if (next.done) return false;
        this.index(next.value);
        return true;
    }

    private index(uri: string): void {
        const waiting = this.unindexed.get(uri);
        if (!waiting) return;
        this.unindexed.delete(uri);
        this.referenceIndex.set(uri, waiting.provider.describe(waiting.document));
    }
}
