/**
 * Loads every `.oci` file of the workspace folders at start-up and validates them all, so the
 * Problems panel shows the whole catalogue's diagnostics before any file is opened (Langium's
 * default initial build only indexes and links). The first build waits until the editor
 * settings fetched at start-up are applied (language, SIGTAP override, tolerance: see
 * editor-settings.ts), so that the first diagnostics already follow them.
 */
import { DefaultWorkspaceManager, type BuildOptions, type LangiumSharedCoreServices, type WorkspaceFolder } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';

export class OciWorkspaceManager extends DefaultWorkspaceManager {
    override initialBuildOptions: BuildOptions = { validation: true };
    private readonly settingsApplied: Array<Promise<unknown>> = [];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    /** The first build also waits for `promise` (a failure is logged by whoever made it, and does not block). */
    waitBeforeInitialBuild(promise: Promise<unknown>): void {
        this.settingsApplied.push(promise.catch(() => undefined));
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: CancellationToken): Promise<void> {
        await Promise.all(this.settingsApplied);
        return super.initializeWorkspace(folders, cancelToken);
    }
}
