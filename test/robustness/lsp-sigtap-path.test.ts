/**
 * The bundled language server (out/server/main.cjs) over stdio: its workspace folder is the root
 * a header's `sigtap` zip must be in. A header naming a valid zip outside the folder gets
 * catalogo/sigtap-fora-do-workspace; setting `oci.sigtap.permitirExterno` — fetched at start-up
 * (workspace/configuration) or changed later (workspace/didChangeConfiguration) — revalidates
 * and the diagnostic goes away.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ConfigurationRequest,
    DidChangeConfigurationNotification,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { SIGTAP_EXTERNO_ENV } from '../../language/src/workspace/sigtap-path.js';
import { MAMA, REPO_ROOT } from '../helpers.js';
import { startStdioServer, type StdioServer } from '../server/lsp-stdio-harness.js';

const SUBSET = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
const REFUSED = ['1 catalogo/sigtap-fora-do-workspace'];

let tmp: string;
let ws: string;
let catalogo: string;

interface Server extends StdioServer {
    published: PublishDiagnosticsParams[];
    /** What the client answers to workspace/configuration for oci.sigtap.permitirExterno. */
    setting: { permitirExterno: boolean };
}

async function startServer(permitirExterno: boolean): Promise<Server> {
    const env = { ...process.env };
    delete env[SIGTAP_EXTERNO_ENV];
    const server = startStdioServer(ws, env);
    const connection = server.connection;
    const published: PublishDiagnosticsParams[] = [];
    const setting = { permitirExterno };
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        published.push(params);
    });
    connection.onRequest(ConfigurationRequest.type, params =>
        params.items.map(item => (item.section === 'oci' ? { sigtap: { ...setting } } : null))
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.listen();
    await server.initialize(ws, {
        workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true }
        },
        textDocument: { publishDiagnostics: {} }
    });
    return { ...server, published, setting };
}

function waitFor<T>(server: Server, what: string, find: () => T | undefined): Promise<T> {
    return server.waitFor(what, find, 60_000);
}

const codesOf = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.range.start.line} ${d.code}`);

/** The diagnostics of catalogo.oci published after the first `from` notifications. */
const catalogoAfter = (server: Server, from: number) => () =>
    server.published.slice(from).find(p => p.uri === catalogo);

describe('language server: workspace folders are the sigtap roots; oci.sigtap.permitirExterno', () => {
    beforeAll(() => {
        tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lsp-sigtap-')));
        ws = path.join(tmp, 'ws');
        fs.mkdirSync(ws);
        fs.mkdirSync(path.join(tmp, 'fora'));
        fs.copyFileSync(SUBSET, path.join(tmp, 'fora', 'tabela.zip'));
        fs.writeFileSync(
            path.join(ws, 'catalogo.oci'),
            `catalogo "T" versao "t" competencia 2026-01\n  sigtap "../fora/tabela.zip"\n${MAMA.replace(/tM \d+ dias/, 'tM 28 dias')}`
        );
        catalogo = pathToFileURL(path.join(ws, 'catalogo.oci')).toString();
    });
    afterAll(() => {
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it(
        'refuses the zip outside the workspace folder, then accepts it once the setting allows it',
        { timeout: 120_000 },
        async () => {
            const server = await startServer(false);
            try {
                const first = await waitFor(server, 'diagnostics of catalogo.oci', catalogoAfter(server, 0));
                expect(codesOf(first)).toEqual(REFUSED);

                server.setting.permitirExterno = true;
                let from = server.published.length;
                await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
                    settings: { oci: { sigtap: { permitirExterno: true } } }
                });
                expect(
                    codesOf(await waitFor(server, 'diagnostics after the setting changed', catalogoAfter(server, from)))
                ).toEqual([]);

                server.setting.permitirExterno = false;
                from = server.published.length;
                await server.connection.sendNotification(DidChangeConfigurationNotification.type, {
                    settings: { oci: { sigtap: { permitirExterno: false } } }
                });
                expect(
                    codesOf(
                        await waitFor(
                            server,
                            'diagnostics after the setting was turned off',
                            catalogoAfter(server, from)
                        )
                    )
                ).toEqual(REFUSED);
                expect(server.stderr()).not.toMatch(/Error|error/);
            } finally {
                await server.stop();
            }
        }
    );

    it('follows the setting fetched at start-up', { timeout: 120_000 }, async () => {
        const server = await startServer(true);
        try {
            // The first build may run before the setting arrives; the last diagnostics follow it.
            await waitFor(server, 'diagnostics of catalogo.oci', catalogoAfter(server, 0));
            await waitFor(server, 'clean diagnostics', () => {
                const last = server.published.filter(p => p.uri === catalogo).at(-1);
                return last && last.diagnostics.length === 0 ? last : undefined;
            });
        } finally {
            await server.stop();
        }
    });
});
