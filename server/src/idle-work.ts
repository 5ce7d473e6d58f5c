/**
 * Background work of the language server done in the pauses after a build: the completion's search indexes
 * (completion-provider.ts) and the reference index's descriptions (idle-reference-index.ts). Not right after a build:
 * its diagnostics are still being written (one message per file, each on a later turn of the event loop). Nor while
 * documents keep coming: when the editor opens a workspace, the first files can be built before the next ones are
 * even read, and work started then runs between them and delays their diagnostics. So the work starts
 * IDLE_DELAY_MS after a build is validated, any update postpones it until the next build completes, and it runs one
 * step per turn of the event loop, so that a message arriving meanwhile waits for one step at most.
 */
import { DocumentState, type DocumentBuilder, type LangiumDocument } from 'langium';

/** After a build, background work waits this long: the build's diagnostics go out first. */
export const IDLE_DELAY_MS = 100;

export interface IdleWork {
    /** After a build validated `documents`: whether there is work to do (the task may note what it is). */
    pending(documents: LangiumDocument[]): boolean;
    /** Does one step of the work; whether more steps remain. */
    step(): boolean;
}

/** Runs `work` in the pauses after each build of `builder` (see the header). */
export function scheduleIdleWork(builder: DocumentBuilder, work: IdleWork): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const postpone = () => {
        clearTimeout(timer);
        timer = undefined;
    };
    const run = () => {
        timer = undefined;
        if (work.step()) timer = setTimeout(run, 0);
    };
    builder.onUpdate(postpone);
    builder.onBuildPhase(DocumentState.Validated, documents => {
        postpone();
        if (work.pending(documents)) timer = setTimeout(run, IDLE_DELAY_MS);
    });
}
