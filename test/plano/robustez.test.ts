/**
 * Half-written text, as in the editor while typing: each prefix of the examples is parsed and
 * validated without an exception in the validators, and the summary, the hover and the code lens do not break.
 */
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, it } from 'vitest';
import { isHabilitacaoSe, isPar } from '../../language/src/generated/ast.js';
import { resumoPar, resumoSe } from '../../language/src/plano/resumo.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { registerPlanoLsp } from '../../server/src/plano/plano-lsp-module.js';
import { exemplo } from './helpers.js';

const { shared } = createOciLspServices(EmptyFileSystem);
const { Par, Se } = registerPlanoLsp(shared);
afterAll(async () => {
    await clearDocuments(shared);
});

describe.each([
    ['examples/par/regiao-sao-luis.par', 'p.par'],
    ['examples/se/breves-pa.se', 's.se']
])('prefixes of %s', (arquivo, nome) => {
    const texto = exemplo(arquivo);
    it('no validator throws; summary, hover and code lens answer', async () => {
        for (let fim = 0; fim <= texto.length; fim += 17) {
            await clearDocuments(shared);
            const prefixo = texto.slice(0, fim);
            const doc = shared.workspace.LangiumDocumentFactory.fromString(prefixo, URI.file(`/ws/${nome}`));
            shared.workspace.LangiumDocuments.addDocument(doc);
            await shared.workspace.DocumentBuilder.build([doc], { validation: true });
            const quebras = (doc.diagnostics ?? []).filter(d => /error occurred/i.test(String(d.message)));
            expect(
                quebras.map(d => d.message),
                `prefixo de ${fim} caracteres`
            ).toEqual([]);
            const raiz = doc.parseResult.value;
            if (isPar(raiz)) resumoPar(raiz, { arquivo: nome });
            if (isHabilitacaoSe(raiz)) resumoSe(raiz, { arquivo: nome });
            const services = nome.endsWith('.se') ? Se : Par;
            await services.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } });
            const linhas = prefixo.split('\n');
            await services.lsp.HoverProvider!.getHoverContent(doc, {
                textDocument: { uri: doc.uri.toString() },
                position: {
                    line: Math.max(0, linhas.length - 1),
                    character: Math.max(0, linhas[linhas.length - 1].length - 1)
                }
            });
        }
    }, 120_000);
});
