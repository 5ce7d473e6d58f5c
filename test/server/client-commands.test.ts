/**
 * Issue 19 item 7, the client commands against a stand-in of the `vscode` API: the SIGTAP import
 * proposes a new subfolder and asks about overwriting before anything is copied; reports open in
 * a webview where a file:// address means nothing (browser-hosted or remote VS Code).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
    workspaceFolders: [] as string[],
    dialogs: [] as string[][],
    inputs: [] as Array<{ value?: string; prompt?: string }>,
    inputAnswer: undefined as string | undefined,
    warnings: [] as string[],
    warningAnswer: undefined as string | undefined,
    uiKind: 1,
    remoteName: undefined as string | undefined,
    externals: [] as string[],
    webviews: [] as Array<{ title: string; html: string; options: { enableScripts?: boolean } }>
}));

vi.mock('vscode', async () => {
    const { Uri, l10n, workspaceStandIn } = await import('./vscode-stand-in.js');
    return {
        Uri,
        UIKind: { Desktop: 1, Web: 2 },
        ViewColumn: { Active: -1 },
        ProgressLocation: { Notification: 15 },
        l10n,
        env: {
            language: 'pt-br',
            get uiKind() {
                return fake.uiKind;
            },
            get remoteName() {
                return fake.remoteName;
            },
            openExternal: (u: { fsPath: string }) => {
                fake.externals.push(u.fsPath);
                return Promise.resolve(true);
            }
        },
        window: {
            showOpenDialog: (o: { title?: string }) => {
                fake.dialogs.push([o.title ?? '']);
                return Promise.resolve([Uri.file(path.join(os.tmpdir(), 'fora', 'TabelaUnificada_202601_v2601.zip'))]);
            },
            showInputBox: (o: { value?: string; prompt?: string }) => {
                fake.inputs.push(o);
                return Promise.resolve(fake.inputAnswer ?? o.value);
            },
            showWarningMessage: (m: string, ...rest: unknown[]) => {
                fake.warnings.push(m);
                const buttons = rest.filter(b => typeof b === 'string');
                return Promise.resolve(
                    fake.warningAnswer !== undefined && buttons.includes(fake.warningAnswer)
                        ? fake.warningAnswer
                        : undefined
                );
            },
            showInformationMessage: () => Promise.resolve(undefined),
            showErrorMessage: () => Promise.resolve(undefined),
            withProgress: (_o: unknown, task: () => Promise<unknown>) => task(),
            createWebviewPanel: (_id: string, title: string, _col: unknown, options: { enableScripts?: boolean }) => {
                const entry = { title, html: '', options };
                fake.webviews.push(entry);
                return {
                    webview: {
                        set html(h: string) {
                            entry.html = h;
                        }
                    }
                };
            }
        },
        workspace: workspaceStandIn(() => fake.workspaceFolders),
        commands: { executeCommand: () => Promise.resolve(undefined) }
    };
});

const { runImportSigtap, pastaDaCompetencia } = await import('../../client/src/commands.js');
const { openRelatorio } = await import('../../client/src/relatorio.js');

const output = { info() {}, warn() {}, error() {}, show() {} };
let ws: string;
let fora: string;

beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cmd-'));
    fora = path.join(os.tmpdir(), 'fora');
    fs.mkdirSync(fora, { recursive: true });
    fs.writeFileSync(path.join(fora, 'TabelaUnificada_202601_v2601.zip'), 'zip');
    Object.assign(fake, {
        workspaceFolders: [ws],
        dialogs: [],
        inputs: [],
        inputAnswer: undefined,
        warnings: [],
        warningAnswer: undefined,
        uiKind: 1,
        remoteName: undefined,
        externals: [],
        webviews: []
    });
});
afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

describe('OCI: Importar competência SIGTAP', () => {
    it("proposes a new subfolder named for the competência, not the existing catalogue's folder", async () => {
        expect(pastaDaCompetencia('/x/TabelaUnificada_202602_v2602101226.zip')).toBe('competencia-2026-02');
        fake.inputAnswer = '';
        await runImportSigtap('/nao/usado', output as never, {});
        expect(fake.inputs).toHaveLength(1);
        expect(fake.inputs[0].value).toBe('competencia-2026-01');
        expect(fake.inputs[0].prompt).toContain(ws);
    });

    it('asks about overwriting before copying the zip: declining leaves the folder untouched', async () => {
        const out = path.join(ws, 'competencia-2026-01');
        fs.mkdirSync(out);
        fs.writeFileSync(path.join(out, 'catalogo.oci'), 'catalogo "x"\n');
        const r = await runImportSigtap('/nao/usado', output as never, {});
        expect(r).toBeUndefined();
        expect(fake.warnings).toEqual([`Já existem arquivos .oci em ${out}. Sobrescrever?`]);
        expect(fs.existsSync(path.join(out, 'sigtap'))).toBe(false);
        expect(fs.readdirSync(out)).toEqual(['catalogo.oci']);
    });
});

describe('reports', () => {
    function report(): string {
        const html = path.join(ws, 'catalogo.html');
        fs.writeFileSync(
            html,
            '<!doctype html><html lang="pt-BR"><head><title>x</title></head><body><svg></svg>Rol</body></html>'
        );
        return html;
    }

    it('desktop VS Code: the system browser', async () => {
        const html = report();
        expect(await openRelatorio(html)).toBe('navegador');
        expect(fake.externals).toEqual([html]);
    });

    it("browser-hosted or remote VS Code: a webview with the report's text, no scripts", async () => {
        for (const [uiKind, remoteName] of [
            [2, undefined],
            [1, 'ssh-remote']
        ] as const) {
            fake.webviews = [];
            fake.uiKind = uiKind;
            fake.remoteName = remoteName;
            expect(await openRelatorio(report())).toBe('webview');
            expect(fake.webviews).toHaveLength(1);
            expect(fake.webviews[0].options.enableScripts).toBe(false);
            expect(fake.webviews[0].html).toMatch(
                /<head>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*">[\s\S]*Rol<\/body>/
            );
        }
        expect(fake.externals).toEqual([]);
    });
});
