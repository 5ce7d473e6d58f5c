/**
 * Containment of the SIGTAP zip a catalogue header names (`sigtap "…"`). A catalogue is text
 * anyone can propose in a pull request, and CI checks it: the header must not make the checker
 * read files outside the workspace (`../../etc/passwd`, an absolute path elsewhere, a symbolic
 * link pointing out). Containment is decided on real paths (symbolic links resolved, also in
 * the roots), so a link inside the workspace that points outside is outside.
 *
 * The workspace roots come from the host: the CLI sets the current folder and the folders of
 * the catalogues on its command line, the language server the editor's workspace folders. With
 * no roots (library use, tests) nothing is enforced; `permitirSigtapExterno` (CLI
 * `--sigtap-externo`, editor `oci.sigtap.permitirExterno`, or the environment variable
 * `OCI_SIGTAP_EXTERNO=1`) lifts the rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The environment variable that allows a SIGTAP zip outside the workspace (CI operators, test suites). */
export const SIGTAP_EXTERNO_ENV = 'OCI_SIGTAP_EXTERNO';

/** True when the environment allows a SIGTAP zip outside the workspace (`OCI_SIGTAP_EXTERNO=1` or `true`). */
export function sigtapExternoPeloAmbiente(env: NodeJS.ProcessEnv = process.env): boolean {
    const value = env[SIGTAP_EXTERNO_ENV]?.trim().toLowerCase();
    return value === '1' || value === 'true' || value === 'sim';
}

export interface SigtapForaDoWorkspace {
    /** The path as resolved from the header (absolute). */
    caminho: string;
    /** Where it really is (symbolic links resolved). */
    real: string;
    /** The workspace roots it is not inside. */
    raizes: string[];
}

/**
 * The real path of `p`: symbolic links resolved. A path that does not exist (yet) keeps its
 * missing tail, resolved against the real path of its nearest existing ancestor.
 */
export function realPath(p: string): string {
    const absolute = path.resolve(p);
    const missing: string[] = [];
    let current = absolute;
    for (;;) {
        try {
            return path.join(fs.realpathSync.native(current), ...missing.reverse());
        } catch {
            const parent = path.dirname(current);
            if (parent === current) return absolute;
            missing.push(path.basename(current));
            current = parent;
        }
    }
}

/** True when `inner` is `outer` or below it (both absolute and real). */
export function isInside(inner: string, outer: string): boolean {
    const relative = path.relative(outer, inner);
    return (
        relative === '' || (!path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`))
    );
}

/**
 * Undefined when `sigtapPath` may be read: no roots were given, the settings allow external
 * files, or its real path is inside the real path of some root. Otherwise, what to report.
 */
export function sigtapForaDoWorkspace(
    sigtapPath: string,
    settings: { workspaceRoots: readonly string[]; permitirSigtapExterno: boolean; sigtapExternos?: readonly string[] }
): SigtapForaDoWorkspace | undefined {
    if (settings.permitirSigtapExterno || settings.workspaceRoots.length === 0) return undefined;
    const real = realPath(sigtapPath);
    // Named one by one in the workspace configuration (sigtap.externos): that file, nothing else.
    if (settings.sigtapExternos?.some(allowed => realPath(allowed) === real)) return undefined;
    const roots = settings.workspaceRoots.map(r => path.resolve(r));
    if (roots.some(root => isInside(real, realPath(root)))) return undefined;
    return { caminho: path.resolve(sigtapPath), real, raizes: roots };
}
