/**
 * The bundled language server (out/server/main.cjs, built by `npm run bundle`) over a real
 * stdio JSON-RPC connection, as an editor talks to it: initialize with a workspace folder that
 * holds a catalogue (header naming the real SIGTAP zip by absolute path) and a broken file;
 * diagnostics for both files; completion and hover; shutdown and exit.
 *
 * Runs the server with this Node; OCI_LSP_NODE=/usr/bin/node runs it on another (e.g. Node 20,
 * as in VS Code 1.100's extension host — the bundle carries the Object.groupBy polyfill).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    CompletionRequest,
    DidOpenTextDocumentNotification,
    ExitNotification,
    HoverRequest,
    PublishDiagnosticsNotification,
    RenameRequest,
    ShutdownRequest,
    type CompletionItem,
    type CompletionList,
    type Diagnostic,
    type MarkupContent,
    type ProtocolConnection,
    type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node';
import { MAMA, SIGTAP_ZIP } from '../helpers.js';
import { startStdioServer, type StdioServer } from './lsp-stdio-harness.js';

const NODE = process.env.OCI_LSP_NODE || process.execPath;

const BROKEN = `// dígito verificador errado (o certo é 0) e tR maior que tM
oci 09.01.01.009-0 "OCI PROGRESSÃO DA AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE MAMA - I" {
  fundamento "Portaria SAES/MS nº 1.824/2024"
  publico sexo ambos idade 10 anos ou mais
  tR 45 dias
  tM 30 dias
  obrigatorio 02.04.03.003-1 "MAMOGRAFIA" qt 1 estimativa R$ 43,72
  obrigatorio um_de consulta qt 2 estimativa R$ 25,00
  conclusao consulta
  contrarreferencia aps
  valor R$ 93,72
}
`;

let dir: string;
let server: StdioServer;
let connection: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams>();

function uriOf(name: string): string {
    return pathToFileURL(path.join(dir, name)).toString();
}

/** Resolves when `predicate` holds for the diagnostics published so far. */
function waitFor(what: string, predicate: () => boolean, timeout = 30_000): Promise<unknown> {
    return server.waitFor(what, () => (predicate() ? true : undefined), timeout);
}

function messageText(d: Diagnostic): string {
    return typeof d.message === 'string' ? d.message : d.message.value;
}

function lineOf(text: string, needle: string): number {
    const at = text.indexOf(needle);
    if (at < 0) throw new Error(`"${needle}" not found`);
    return text.slice(0, at).split('\n').length - 1;
}

describe('language server over stdio (out/server/main.cjs)', () => {
    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lsp-'));
        fs.writeFileSync(
            path.join(dir, 'catalogo.oci'),
            `catalogo "Teste LSP" versao "t" competencia 2026-01\n  sigtap ${JSON.stringify(SIGTAP_ZIP)}\n${MAMA}`
        );
        fs.mkdirSync(path.join(dir, 'mama'));
        fs.writeFileSync(path.join(dir, 'mama', 'quebrado.oci'), BROKEN);

        server = startStdioServer(dir, process.env, NODE);
        connection = server.connection;
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            published.set(params.uri, params);
        });
        connection.listen();
        const init = await server.initialize(dir, {
            textDocument: {
                publishDiagnostics: {},
                hover: { contentFormat: ['markdown'] },
                completion: { completionItem: { snippetSupport: false } }
            },
            workspace: { workspaceFolders: true }
        });
        expect(init.capabilities.hoverProvider).toBeTruthy();
        expect(init.capabilities.completionProvider?.triggerCharacters).toContain('.');
        expect(init.capabilities.codeActionProvider).toBeTruthy();
        expect(init.capabilities.codeLensProvider).toBeTruthy();
    }, 30_000);

    afterAll(async () => {
        await server?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('publishes diagnostics for every .oci file of the workspace (in any order)', { timeout: 60_000 }, async () => {
        const started = performance.now();
        const catalogo = uriOf('catalogo.oci');
        const quebrado = uriOf('mama/quebrado.oci');
        await waitFor('diagnostics of both files', () => published.has(catalogo) && published.has(quebrado));
        // start-up, reading the SIGTAP zip and validating the workspace
        expect(performance.now() - started).toBeLessThan(30_000);
        const errorsOf = (uri: string) => published.get(uri)!.diagnostics.filter(d => d.severity === 1);
        expect(errorsOf(catalogo)).toEqual([]);
        const diagnostics = published.get(quebrado)!.diagnostics;
        const byCode = (code: string): Diagnostic => {
            const d = diagnostics.find(x => x.code === code);
            if (!d)
                throw new Error(`no ${code} in ${diagnostics.map(x => `${x.range.start.line}:${x.code}`).join(', ')}`);
            return d;
        };
        const digit = byCode('codigo/digito-verificador');
        expect(digit.severity).toBe(1);
        expect(digit.range.start.line).toBe(lineOf(BROKEN, '02.04.03.003-1'));
        expect(digit.range.start.character).toBe(BROKEN.split('\n')[digit.range.start.line].indexOf('02.04.03.003-1'));
        expect(digit.data).toMatchObject({ corrigido: '02.04.03.003-0', basis: expect.stringContaining('3.492/2024') });
        const times = byCode('oci/tr-gt-tm');
        expect(times.range.start.line).toBe(lineOf(BROKEN, 'tR 45'));
        // Short message for the Problems panel; the citation whole in data.basis and the docs link.
        expect(messageText(times)).toBe(
            'tR (45 dias) maior que tM (30 dias): o tempo recomendado não pode exceder o tempo máximo'
        );
        expect(times.data).toMatchObject({ basis: 'Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV' });
        expect(times.codeDescription?.href).toBe(
            'https://example.invalid/oci-catalogo/blob/main/docs/checks.md#oci-tr-gt-tm'
        );
        // The wrong check digit is the root cause: no "not in the table" nor "SIGTAP component missing" for that code.
        expect(
            diagnostics.filter(
                d =>
                    d.code === 'procedimento/inexistente' ||
                    (d.code === 'sigtap/componente-ausente' && /02\.04\.03\.003-0/.test(messageText(d)))
            )
        ).toEqual([]);
        for (const d of [digit, times]) expect(messageText(d).length, messageText(d)).toBeLessThanOrEqual(100);
        // the group `consulta` is defined in the other file: the reference resolves across files
        expect(diagnostics.map(d => d.code)).not.toContain('referencia/nao-resolvida');
    });

    it('completes procedure codes by name in an opened, edited file', { timeout: 30_000 }, async () => {
        const uri = uriOf('mama/quebrado.oci');
        const text = BROKEN.replace('  tM 30 dias\n', '  tM 30 dias\n  eventual mamog\n');
        const before = published.get(uri);
        await connection.sendNotification(DidOpenTextDocumentNotification.type, {
            textDocument: { uri, languageId: 'oci', version: 1, text }
        });
        await waitFor('diagnostics of the edited file', () => published.get(uri) !== before);
        const line = lineOf(text, 'eventual mamog');
        const started = performance.now();
        const result = await connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri },
            position: { line, character: '  eventual mamog'.length }
        });
        const elapsed = performance.now() - started;
        const items: CompletionItem[] = Array.isArray(result) ? result : (result as CompletionList).items;
        const mamografia = items.find(i => i.label === '02.04.03.003-0 MAMOGRAFIA');
        expect(
            mamografia,
            items
                .slice(0, 5)
                .map(i => i.label)
                .join(' / ')
        ).toBeDefined();
        expect(mamografia!.textEdit).toMatchObject({
            newText: '02.04.03.003-0 "MAMOGRAFIA"',
            range: { start: { line, character: '  eventual '.length } }
        });
        expect(elapsed).toBeLessThan(2_000);
    });

    it('hovers a procedure code with its SIGTAP data and an OCI with its value breakdown', async () => {
        const uri = uriOf('catalogo.oci');
        const text = fs.readFileSync(path.join(dir, 'catalogo.oci'), 'utf8');
        const line = lineOf(text, '02.04.03.003-0');
        const hover = await connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line, character: text.split('\n')[line].indexOf('02.04.03.003-0') + 5 }
        });
        const value = (hover?.contents as MarkupContent).value;
        expect(value).toMatch(/MAMOGRAFIA/);
        expect(value).toMatch(/R\$ 22,50/);
        const ociLine = lineOf(text, 'oci 09.01.01.001-4');
        const oci = await connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: ociLine, character: 6 }
        });
        expect((oci?.contents as MarkupContent).value).toMatch(/\*\*Total calculado\*\*.*\*\*R\$\s125,00\*\*/);
    });

    it('refuses an invalid rename as an error response (not an empty edit) over the wire', async () => {
        const uri = uriOf('catalogo.oci');
        const text = fs.readFileSync(path.join(dir, 'catalogo.oci'), 'utf8');
        const line = lineOf(text, 'um_de consulta');
        const character = text.split('\n')[line].indexOf('um_de consulta') + 8;
        const answer = await connection
            .sendRequest(RenameRequest.type, {
                textDocument: { uri },
                position: { line, character },
                newName: 'consulta especial'
            })
            .then(
                result => ({ result }),
                (error: { message: string; code: number }) => ({ error })
            );
        expect(answer).toMatchObject({
            error: { message: expect.stringMatching(/"consulta especial" não é um nome válido/) }
        });
    });

    it('shuts down and exits with code 0', async () => {
        const exited = new Promise<number | null>(resolve => server.process.once('exit', code => resolve(code)));
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        expect(await exited).toBe(0);
    });
});
