/**
 * Issue 13, item 11, in the editor: the setting `oci.plano.estrito` turns the gaps of art. 15 §1
 * (here, exactly 500,000 inhabitants) from a warning into an error, and open PARs are revalidated
 * when the setting changes — the services are the server's (createOciLspServices → registerPlanoLsp).
 */
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, it } from 'vitest';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { exemplo } from './helpers.js';

const PAR = exemplo('examples/par/regiao-sao-luis.par').replace(
    /territorio \{[\s\S]*?\n  \}/,
    'territorio {\n    municipio 2111300 "São Luís" populacao 500.000\n  }'
);
const { shared } = createOciLspServices(EmptyFileSystem);
afterAll(async () => {
    await clearDocuments(shared);
});

async function severidadeDaLacuna(): Promise<number | undefined> {
    // Waits for the revalidation the settings change schedules (a read waits for the write without cancelling it).
    await shared.workspace.WorkspaceLock.read(async () => undefined);
    const doc = shared.workspace.LangiumDocuments.getDocument(URI.file('/ws/p.par'))!;
    return doc.diagnostics?.find(d => d.code === 'incentivo/lacuna-500-mil')?.severity;
}

describe('oci.plano.estrito', () => {
    it('warning by default; error with the setting on; warning again once it is off', async () => {
        const doc = shared.workspace.LangiumDocumentFactory.fromString(PAR, URI.file('/ws/p.par'));
        shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        expect(await severidadeDaLacuna()).toBe(2);
        shared.workspace.ConfigurationProvider.updateConfiguration({ settings: { oci: { plano: { estrito: true } } } });
        expect(await severidadeDaLacuna()).toBe(1);
        shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { oci: { plano: { estrito: false } } }
        });
        expect(await severidadeDaLacuna()).toBe(2);
    });
});
