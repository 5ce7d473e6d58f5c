/**
 * Fills the deferred reference index (language/src/workspace/reference-index.ts) in the pauses after a build
 * (idle-work.ts): one document per step, so an incoming message waits for at most one document's descriptions (a few
 * ms for 200 OCIs). The first edit after opening a workspace then finds its relink check ready, as a find references
 * does; whatever is still pending when one of them asks is made right then.
 */
import type { LangiumSharedCoreServices } from 'langium';
import { DeferredReferenceIndex } from '../../language/src/index.js';
import { scheduleIdleWork } from './idle-work.js';

export function installIdleReferenceIndexing(shared: LangiumSharedCoreServices): void {
    const index = shared.workspace.IndexManager;
    if (!(index instanceof DeferredReferenceIndex)) return;
    scheduleIdleWork(shared.workspace.DocumentBuilder, {
        pending: () => index.pending > 0,
        step: () => index.indexNext() && index.pending > 0
    });
}
