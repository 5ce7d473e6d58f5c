/**
 * The bundled language server over stdio, as VS Code talks to it: the client sends its display
 * language in initializationOptions and answers workspace/configuration for the `oci` section;
 * settings change with workspace/didChangeConfiguration. Checks the language of the diagnostics,
 * that the settings revalidate, the server's own requests (oci/composicaoValor,
 * oci/gerarCatalogo), semantic tokens, folding and range formatting over the wire.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ConfigurationRequest,
    DidChangeConfigurationNotification,
    DocumentRangeFormattingRequest,
    FoldingRangeRequest,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    SemanticTokensRequest,
    type InitializeResult,
    type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import type { ComposicaoValor, GenerateCatalogoResult } from '../../server/src/protocol.js';
import { MAMA, OCI_TOKEN_TYPES, SIGTAP_ZIP } from '../helpers.js';
import { startStdioServer, type StdioServer } from './lsp-stdio-harness.js';

let dir: string;
let server: StdioServer | undefined;
let connection: ProtocolConnection;
let init: InitializeResult;
const published: PublishDiagnosticsParams[] = [];
/** What the "editor" answers to workspace/configuration for the section `oci`. */
let settings: Record<string, unknown> = {
    idioma: 'auto',
    sigtap: { caminho: '', permitirExterno: true },
    valor: { tolerancia: '0,00' },
    catalogo: { pastaSaida: 'out/catalogo' }
};

function waitFor<T>(what: string, find: () => T | undefined): Promise<T> {
    return server!.waitFor(what, find);
}

// valor R$ 125,01: 1 centavo above the computed value (valor/divergente unless tolerated).
const CATALOGO = `catalogo "Teste LSP" versao "t" competencia 2026-01\n  sigtap ${JSON.stringify(SIGTAP_ZIP)}\n${MAMA.replace('valor R$ 125,00', 'valor R$ 125,01').replace('tM 30 dias', 'tM 28 dias')}`; // tM within the APAC window (28 days)
const uri = () => pathToFileURL(path.join(dir, 'catalogo.oci')).toString();
const latest = () => [...published].reverse().find(p => p.uri === uri());
const message = (p: PublishDiagnosticsParams | undefined, code: string) =>
    p?.diagnostics.find(d => d.code === code)?.message as string | undefined;

async function changeSettings(change: Record<string, unknown>): Promise<PublishDiagnosticsParams> {
    settings = { ...settings, ...change };
    const before = published.length;
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { oci: settings } });
    return waitFor('diagnostics after the settings changed', () => published.slice(before).find(p => p.uri === uri()));
}

describe('language server over stdio: locale, settings, own requests', () => {
    beforeAll(async () => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lsp-editor-')));
        fs.writeFileSync(path.join(dir, 'catalogo.oci'), CATALOGO);
        server = startStdioServer(dir);
        connection = server.connection;
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            published.push(params);
        });
        connection.onRequest(ConfigurationRequest.type, params =>
            params.items.map(item => (item.section === 'oci' ? settings : null))
        );
        connection.onRequest(RegistrationRequest.type, () => undefined);
        connection.listen();
        init = await server.initialize(
            dir,
            {
                workspace: {
                    configuration: true,
                    workspaceFolders: true,
                    didChangeConfiguration: { dynamicRegistration: true }
                },
                textDocument: {
                    publishDiagnostics: {},
                    semanticTokens: {
                        requests: { full: true },
                        tokenTypes: [],
                        tokenModifiers: [],
                        formats: ['relative']
                    }
                }
            },
            { initializationOptions: { locale: 'en' } }
        );
    }, 30_000);

    afterAll(async () => {
        await server?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("advertises semantic tokens (with the project's types), folding and range formatting", () => {
        const legend = (init.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
        expect(legend.tokenTypes).toEqual(expect.arrayContaining(OCI_TOKEN_TYPES));
        expect(init.capabilities.foldingRangeProvider).toBeTruthy();
        expect(init.capabilities.documentRangeFormattingProvider).toBeTruthy();
    });

    it(
        'an English editor gets English diagnostics from the first publication on; oci.idioma "pt" switches them',
        { timeout: 60_000 },
        async () => {
            const first = await waitFor('the first diagnostics of catalogo.oci', latest);
            // (sigtap/valor too: the declared value also differs from the OCI's VL_SA in the table.)
            expect(first.diagnostics.map(d => d.code).sort()).toEqual(['sigtap/valor', 'valor/divergente']);
            expect(message(first, 'valor/divergente')).toBe(
                'Declared value R$ 125,01 differs from the computed value R$ 125,00 (difference R$ 0,01)'
            );
            const pt = await changeSettings({ idioma: 'pt' });
            expect(message(pt, 'valor/divergente')).toMatch(
                /^Valor declarado R\$ 125,01 difere do valor calculado R\$ 125,00/
            );
            const en = await changeSettings({ idioma: 'auto' });
            expect(message(en, 'valor/divergente')).toMatch(/^Declared value/);
        }
    );

    it(
        'oci.valor.tolerancia "0,01" accepts the centavo and revalidates; back to "0,00" reports it again',
        { timeout: 60_000 },
        async () => {
            await waitFor('the first diagnostics', latest);
            expect((await changeSettings({ valor: { tolerancia: '0,01' } })).diagnostics.map(d => d.code)).toEqual([
                'sigtap/valor'
            ]);
            expect(
                (await changeSettings({ valor: { tolerancia: '0,00' } })).diagnostics.map(d => d.code).sort()
            ).toEqual(['sigtap/valor', 'valor/divergente']);
        }
    );

    it(
        "oci.sigtap.caminho overrides the header's zip (a missing file: catalogo/sigtap-invalido)",
        { timeout: 60_000 },
        async () => {
            await waitFor('the first diagnostics', latest);
            const missing = await changeSettings({ sigtap: { caminho: 'nao-existe.zip', permitirExterno: true } });
            expect(missing.diagnostics.map(d => d.code)).toContain('catalogo/sigtap-invalido');
            const back = await changeSettings({ sigtap: { caminho: '', permitirExterno: true } });
            expect(back.diagnostics.map(d => d.code).sort()).toEqual(['sigtap/valor', 'valor/divergente']);
        }
    );

    it('oci/composicaoValor answers the breakdown as JSON', async () => {
        await waitFor('the first diagnostics', latest);
        const line = CATALOGO.split('\n').findIndex(l => l.includes('tM 28 dias'));
        const data = await connection.sendRequest<ComposicaoValor | null>('oci/composicaoValor', {
            uri: uri(),
            position: { line, character: 2 }
        });
        expect(data).toMatchObject({
            codigo: '09.01.01.001-4',
            total: { texto: 'R$ 125,00', centavos: 12500 },
            declarado: { texto: 'R$ 125,01' },
            diferenca: { centavos: 1 }
        });
        expect(data!.regra).toMatch(/^Each line rounded to centavos/);
    });

    it('semantic tokens, folding and range formatting answer over the wire', async () => {
        await waitFor('the first diagnostics', latest);
        const tokens = await connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: uri() } });
        expect(tokens?.data.length).toBeGreaterThan(5 * 10);
        const foldings = await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: uri() } });
        expect(foldings?.map(f => f.startLine)).toEqual([
            0,
            CATALOGO.split('\n').findIndex(l => l.startsWith('grupo')),
            CATALOGO.split('\n').findIndex(l => l.startsWith('oci'))
        ]);
        const edits = await connection.sendRequest(DocumentRangeFormattingRequest.type, {
            textDocument: { uri: uri() },
            range: { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } },
            options: { tabSize: 2, insertSpaces: true }
        });
        expect(edits).toEqual([]);
    });

    it(
        "oci/gerarCatalogo writes into the workspace folder's out/catalogo (warnings do not stop it)",
        { timeout: 60_000 },
        async () => {
            await waitFor('the first diagnostics', latest);
            const built = await connection.sendRequest<GenerateCatalogoResult>('oci/gerarCatalogo', {
                uri: uri(),
                saida: 'out/catalogo'
            });
            expect(built).toMatchObject({
                status: 'gerado',
                saida: path.join(dir, 'out/catalogo'),
                ocis: 1,
                avisos: 2
            });
            expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/catalogo/catalogo.json'), 'utf8')).resumo.ocis).toBe(
                1
            );
        }
    );
});
