/**
 * Loads every `.oci` file of the workspace folders at start-up and validates them all, so the
 * Problems panel shows the whole catalogue's diagnostics before any file is opened (Langium's
 * default initial build only indexes and links).
 */
import { DefaultWorkspaceManager, type BuildOptions, type LangiumSharedCoreServices } from 'langium';

export class OciWorkspaceManager extends DefaultWorkspaceManager {
    override initialBuildOptions: BuildOptions = { validation: true };

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }
}
