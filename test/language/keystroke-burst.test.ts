/**
 * A burst of keystrokes (issue 22): the language server dispatches one message per turn of the event loop, and a build
 * used to parse its changed file before its first chance to be cancelled, so each keystroke of a burst parsed the
 * whole file and the last one's diagnostics came seconds late (bench/typing.mjs). A change received while a build
 * waits to parse cancels it before the parse; the next build parses the newest text and publishes what a fresh build
 * of that text gives.
 */
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
    Cancellation,
    DocumentState,
    EmptyFileSystem,
    OperationCancelled,
    setInterruptionPeriod,
    TextDocument,
    URI,
    type LangiumDocument
} from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { HEADER, MAMA, WORKSPACE } from '../helpers.js';

type Services = ReturnType<typeof createOciLspServices>;
let services: Services;

beforeAll(() => {
    services = createOciLspServices(EmptyFileSystem);
});
afterEach(() => {
    // Langium's default: interruptAndCheck yields to the event loop every 10 ms.
    setInterruptionPeriod(10);
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

const uri = URI.file(path.posix.join(WORKSPACE, 'catalogo.oci'));
const TEXT = HEADER + MAMA;

function setText(text: string, version: number): void {
    services.shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'oci', version, text));
}

async function openFresh(text: string): Promise<LangiumDocument<Documento>> {
    await clearDocuments(services.shared);
    setText(text, 1);
    const doc = services.shared.workspace.LangiumDocumentFactory.fromTextDocument<Documento>(
        services.shared.workspace.TextDocuments.get(uri.toString())!
    );
    services.shared.workspace.LangiumDocuments.addDocument(doc);
    await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
    return doc;
}

const keyOf = (d: Diagnostic) => JSON.stringify([d.code, d.message, d.range]);

describe('keystroke burst', () => {
    it('a change received while a build waits to parse cancels it before the parse; the next build parses the newest text', async () => {
        await openFresh(TEXT);
        const builder = services.shared.workspace.DocumentBuilder;
        const parsed: string[] = [];
        const listener = builder.onDocumentPhase(DocumentState.Parsed, d => {
            parsed.push(d.textDocument.getText());
        });
        try {
            // A build that starts right after a yield: Langium would not yield again before parsing.
            setInterruptionPeriod(60_000);
            const halfTyped = TEXT.replace('tR 21 dias', 'tR 2 dias');
            setText(halfTyped, 2);
            const source = new Cancellation.CancellationTokenSource();
            // The next keystroke's message, dispatched in a later turn of the event loop.
            setImmediate(() => source.cancel());
            await expect(builder.update([uri], [], source.token)).rejects.toBe(OperationCancelled);
            expect(parsed).toEqual([]);

            const typed = TEXT.replace('tR 21 dias', 'tR 25 dias');
            setText(typed, 3);
            await builder.update([uri], [], new Cancellation.CancellationTokenSource().token);
            expect(parsed).toEqual([typed]);
        } finally {
            listener.dispose();
        }
        const doc = services.shared.workspace.LangiumDocuments.getDocument(uri)!;
        expect(doc.state).toBe(DocumentState.Validated);
        const afterBurst = (doc.diagnostics ?? []).map(keyOf).sort();
        const fresh = await openFresh(TEXT.replace('tR 21 dias', 'tR 25 dias'));
        expect(afterBurst).toEqual((fresh.diagnostics ?? []).map(keyOf).sort());
    });
});
