/**
 * Editor-side settings of the catalogue checks (language/src/workspace/settings.ts):
 *   - the workspace folders are the roots a header's `sigtap` zip must be in
 *     (catalogo/sigtap-fora-do-workspace; language/src/workspace/sigtap-path.ts);
 *   - `oci.sigtap.permitirExterno` (editor setting) accepts a zip outside them.
 * A change of the setting revalidates every document (the header contexts are recomputed).
 */
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { InitializeParams } from 'vscode-languageserver';
import type { OciAddedServices } from '../../language/src/index.js';
import { sigtapExternoPeloAmbiente } from '../../language/src/index.js';

/** The `oci` section of the editor settings, as far as these checks go. */
interface OciSection {
    sigtap?: { permitirExterno?: unknown };
}

/** File-system paths of the workspace folders (the root URI when the client sends no folders). */
export function workspaceRootsOf(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri'>): string[] {
    const uris = params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return uris
        .map(u => URI.parse(u))
        .filter(u => u.scheme === 'file')
        .map(u => u.fsPath);
}

/** Returns a promise that settles once the setting fetched at start-up is applied. */
export function watchCatalogoSettings(shared: LangiumSharedServices, oci: OciAddedServices): Promise<void> {
    const settings = oci.catalogo.Settings;
    shared.lsp.LanguageServer.onInitialize(params => {
        settings.workspaceRoots = workspaceRootsOf(params);
    });
    const apply = (section: OciSection | undefined) => {
        const permitir = section?.sigtap?.permitirExterno === true || sigtapExternoPeloAmbiente();
        if (permitir === settings.permitirSigtapExterno) return;
        settings.permitirSigtapExterno = permitir;
        revalidateAll(shared);
    };
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'oci') apply(update.configuration as OciSection | undefined);
    });
    // The configuration fetched at start-up fires no update event.
    return shared.workspace.ConfigurationProvider.ready.then(async () => {
        const sigtap = await shared.workspace.ConfigurationProvider.getConfiguration('oci', 'sigtap');
        apply({ sigtap });
    });
}

/** Validates every document again, without re-reading them (the builder's update clears the contexts). */
function revalidateAll(shared: LangiumSharedServices): void {
    void shared.workspace.WorkspaceManager.ready.then(() =>
        shared.workspace.WorkspaceLock.write(async token => {
            for (const document of shared.workspace.LangiumDocuments.all) {
                shared.workspace.DocumentBuilder.resetToState(document, DocumentState.ComputedScopes);
            }
            await shared.workspace.DocumentBuilder.update([], [], token);
        })
    );
}
