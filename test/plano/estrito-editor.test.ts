/**
 * Issue 13, item 11, no editor: a configuração `oci.plano.estrito` transforma as lacunas do art. 15
 * §1 (aqui, exatamente 500.000 habitantes) de aviso em erro, e os PAR abertos são revalidados ao
 * mudar a configuração — os serviços são os do servidor (createOciLspServices → registerPlanoLsp).
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
    // Espera a revalidação que a mudança de configuração agenda (uma leitura espera a escrita sem cancelá-la).
    await shared.workspace.WorkspaceLock.read(async () => undefined);
    const doc = shared.workspace.LangiumDocuments.getDocument(URI.file('/ws/p.par'))!;
    return doc.diagnostics?.find(d => d.code === 'incentivo/lacuna-500-mil')?.severity;
}

describe('oci.plano.estrito', () => {
    it('aviso por padrão; erro com a configuração ligada; aviso de novo ao desligar', async () => {
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
