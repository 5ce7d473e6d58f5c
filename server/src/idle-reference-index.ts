/**
 * Fills the deferred reference index (language/src/workspace/reference-index.ts) in the pauses after a build: one
 * document per turn of the event loop, so an incoming message waits for at most one document's descriptions (a few
 * ms for 200 OCIs). The first edit after opening a workspace then finds its relink check ready, as a find references
 * does; whatever is still pending when one of them asks is made right then.
 */
import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import { DeferredReferenceIndex } from '../../language/src/index.js';

export function installIdleReferenceIndexing(shared: LangiumSharedCoreServices): void {
    const index = shared.workspace.IndexManager;
    if (!(index instanceof DeferredReferenceIndex)) return;
    let scheduled = false;
    const step = () => {
        scheduled = false;
        if (index.indexNext() && index.pending > 0) schedule();
    };
    const schedule = () => {
        if (scheduled) return;
        scheduled = true;
        setTimeout(step, 0);
    };
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        if (index.pending > 0) schedule();
    });
}
