/**
 * The parts of a stand-in of the `vscode` API that the client-command tests share (no VS Code can be
 * downloaded here): a file-scheme `Uri`, `l10n.t` filling `{0}`-style arguments, and a `workspace` over a
 * list of folders. A test imports this module inside its `vi.mock('vscode', …)` factory and adds the
 * `window` and `env` it asserts on.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export class Uri {
    constructor(readonly fsPath: string) {}
    get scheme() {
        return 'file';
    }
    toString() {
        return pathToFileURL(this.fsPath).href;
    }
    static file(f: string) {
        return new Uri(f);
    }
    static parse(s: string) {
        return new Uri(fileURLToPath(s));
    }
}

/** `vscode.l10n`: the message with its `{n}` placeholders filled; one left as it is when its argument is missing. */
export const l10n = {
    t: (m: string, ...args: unknown[]) =>
        m.replace(/\{(\d+)\}/g, (w, i) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : w))
};

/** `vscode.workspace` over the folders `folders()` names at each call; settings at their defaults. */
export function workspaceStandIn(folders: () => string[]) {
    const folder = (f: string) => ({ uri: Uri.file(f), name: path.basename(f), index: 0 });
    return {
        textDocuments: [],
        get workspaceFolders() {
            return folders().map(folder);
        },
        getWorkspaceFolder: (u: Uri) => {
            const f = folders().find(w => !path.relative(w, u.fsPath).startsWith('..'));
            return f ? folder(f) : undefined;
        },
        asRelativePath: (x: string) => x,
        getConfiguration: () => ({ get: <T>(_k: string, d: T) => d })
    };
}
