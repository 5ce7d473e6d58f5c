/**
 * Issue 19 item 3, over a real stdio connection to the bundled server (out/server/main.cjs):
 * window/workDoneProgress from before the workspace is read until every file is validated, and
 * `oci/validacao` telling the client how many files are being validated — all before, and the
 * "concluída" notice only after, the first diagnostics of every file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PublishDiagnosticsNotification, WorkDoneProgressCreateRequest } from 'vscode-languageserver-protocol/node';
import { VALIDACAO_NOTIFICATION, type ValidacaoParams } from '../../server/src/build-progress.js';
import { MAMA, SIGTAP_ZIP } from '../helpers.js';
import { startStdioServer, type StdioServer } from './lsp-stdio-harness.js';

let server: StdioServer | undefined;
let dir: string | undefined;

afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('first build: progress and status', () => {
    it('progress begins before the table is read, reports "validando 3 arquivo(s)", ends after every file\'s diagnostics', async () => {
        dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lsp-progress-')));
        fs.writeFileSync(
            path.join(dir, 'catalogo.oci'),
            `catalogo "P" versao "t" competencia 2026-01\n  sigtap ${JSON.stringify(SIGTAP_ZIP)}\n${MAMA}`
        );
        fs.mkdirSync(path.join(dir, 'a'));
        fs.writeFileSync(path.join(dir, 'a', 'um.oci'), 'tecnologia t1 valor R$ 1,00\n');
        fs.writeFileSync(path.join(dir, 'a', 'dois.oci'), 'tecnologia t2 valor R$ 2,00\n');
        const events: string[] = [];
        const tokens = new Set<string>();
        server = startStdioServer(dir);
        const connection = server.connection;
        connection.onRequest(WorkDoneProgressCreateRequest.type, params => {
            tokens.add(String(params.token));
        });
        connection.onNotification('$/progress', (raw: unknown) => {
            const params = raw as { token: string; value: { kind: string; message?: string } };
            if (tokens.has(String(params.token)))
                events.push(`progress:${params.value.kind}:${params.value.message ?? ''}`);
        });
        connection.onNotification(VALIDACAO_NOTIFICATION, (params: ValidacaoParams) => {
            events.push(`validacao:${params.arquivos}:${params.concluida}`);
        });
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            events.push(`diagnostics:${path.basename(new URL(params.uri).pathname)}`);
        });
        connection.listen();
        await server.initialize(dir, {
            window: { workDoneProgress: true },
            textDocument: { publishDiagnostics: {} },
            workspace: { workspaceFolders: true }
        });
        await server.waitFor('the end of the first validation', () =>
            events.includes('validacao:3:true') ? true : undefined
        );

        const first = (prefix: string) => events.findIndex(e => e.startsWith(prefix));
        const last = (prefix: string) => events.map(e => e.startsWith(prefix)).lastIndexOf(true);
        expect(events[first('progress:begin')]).toBe('progress:begin:lendo os arquivos do workspace');
        expect(events.some(e => /^progress:report:validando 3 arquivo\(s\)/.test(e))).toBe(true);
        expect(first('validacao:3:false')).toBeGreaterThan(first('progress:begin'));
        expect(first('validacao:3:false')).toBeLessThan(first('diagnostics:'));
        for (const file of ['catalogo.oci', 'um.oci', 'dois.oci']) expect(events).toContain(`diagnostics:${file}`);
        expect(first('validacao:3:true')).toBeGreaterThan(last('diagnostics:'));
        expect(first('progress:end')).toBeGreaterThan(last('diagnostics:'));
    }, 40_000);
});
