/**
 * Loads every `.oci` file of the workspace folders at start-up and validates them all, so the
 * Problems panel shows the whole catalogue's diagnostics before any file is opened (Langium's
 * default initial build only indexes and links). The first build waits until the editor
 * settings fetched at start-up are applied (language, SIGTAP override, tolerance: see
 * editor-settings.ts), so that the first diagnostics already follow them.
 */
import {
    DefaultWorkspaceManager,
    interruptAndCheck,
    type BuildOptions,
    type LangiumSharedCoreServices,
    type WorkspaceFolder
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import type { InitialBuildProgress } from './build-progress.js';

export class OciWorkspaceManager extends DefaultWorkspaceManager {
    override initialBuildOptions: BuildOptions = { validation: true };
    private readonly settingsApplied: Array<Promise<unknown>> = [];
    private progress: InitialBuildProgress | undefined;

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** The first build also waits for `promise` (a failure is logged by whoever made it, and does not block). */
    waitBeforeInitialBuild(promise: Promise<unknown>): void {
        this.settingsApplied.push(promise.catch(() => undefined));
    }

    /** Reports the first build (window/workDoneProgress and oci/validacao; see build-progress.ts). */
    useProgress(progress: InitialBuildProgress): void {
        this.progress = progress;
    }

    override async initializeWorkspace(
        folders: WorkspaceFolder[],
        cancelToken: CancellationToken = CancellationToken.None
    ): Promise<void> {
        await Promise.all(this.settingsApplied);
        await this.progress?.starting();
        const documents = await this.performStartup(folders);
        this.progress?.validating(documents);
        // Only after creating all documents: a cancelled build is picked up by the next update (Langium's default).
        await interruptAndCheck(cancelToken);
        await this.documentBuilder.build(documents, this.initialBuildOptions, cancelToken);
        if (documents.length === 0) this.progress?.done();
    }
}
