/**
 * Issue 19 item 6: workspace symbols for OCIs (by code and by name), grupos and tecnologias;
 * references and highlights of a procedure code across the OCIs of the workspace.
 */
import { describe, expect, it } from 'vitest';
import { MAMA, HEADER } from '../helpers.js';
import { buildLspWorkspace, lspServicesPerFile, positionIn, replaceOnce } from './lsp-helpers.js';

const services = lspServicesPerFile();

const DEFINITIONS = MAMA.slice(0, MAMA.indexOf('oci 09'));
const OCI = MAMA.slice(MAMA.indexOf('oci 09'));
const SECOND = replaceOnce(
    replaceOnce(OCI, '09.01.01.001-4', '09.01.01.009-0'),
    'OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA',
    'OCI PROGRESSÃO DA AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE MAMA - I'
);
const FILES = { 'catalogo.oci': HEADER + DEFINITIONS, 'mama/inicial.oci': OCI, 'mama/progressao.oci': SECOND };

async function symbols(query: string) {
    await buildLspWorkspace(services, FILES);
    const found = await services.shared.lsp.WorkspaceSymbolProvider!.getSymbols({ query });
    return found.map(s => s.name);
}

describe('workspace symbols', () => {
    it('OCIs by code, with or without punctuation', async () => {
        expect(await symbols('09.01.01.009')).toEqual([
            '09.01.01.009-0 OCI PROGRESSÃO DA AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE MAMA - I'
        ]);
        expect(await symbols('090101001')).toEqual([
            '09.01.01.001-4 OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA'
        ]);
    });

    it('OCIs by words of the name, accent-insensitive', async () => {
        expect((await symbols('progressao cancer')).filter(n => n.startsWith('09.'))).toEqual([
            '09.01.01.009-0 OCI PROGRESSÃO DA AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE MAMA - I'
        ]);
        expect((await symbols('mama')).filter(n => n.startsWith('09.'))).toHaveLength(2);
    });

    it('grupos and tecnologias by name and by description', async () => {
        expect(await symbols('consulta')).toContain('consulta');
        expect(await symbols('teleconsulta')).toContain('consulta');
        expect(await symbols('saude digital')).toContain('saude_digital');
        expect(await symbols('gestao')).toContain('gestao_clinica');
    });
});

describe('references and highlight of a procedure code', () => {
    it('finds the code in every OCI of the workspace, whatever its punctuation', async () => {
        const files = { ...FILES, 'mama/progressao.oci': replaceOnce(SECOND, '02.04.03.003-0', '0204030030') };
        const [, inicial, progressao] = await buildLspWorkspace(services, files);
        const text = inicial.textDocument.getText();
        const refs = await services.Oci.lsp.ReferencesProvider!.findReferences(inicial, {
            textDocument: { uri: inicial.textDocument.uri },
            position: positionIn(text, '02.04.03.003-0', 4),
            context: { includeDeclaration: true }
        });
        expect(refs.map(r => [r.uri, r.range.start.line]).sort()).toEqual(
            [
                [inicial.textDocument.uri, positionIn(text, '02.04.03.003-0').line],
                [progressao.textDocument.uri, positionIn(progressao.textDocument.getText(), '0204030030').line]
            ].sort()
        );
    });

    it('highlights the code where it repeats in the file (component and conclusion)', async () => {
        const text = HEADER + replaceOnce(MAMA, 'conclusao consulta', 'conclusao 02.04.03.003-0');
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        const highlights = await services.Oci.lsp.DocumentHighlightProvider!.getDocumentHighlight(doc, {
            textDocument: { uri: doc.textDocument.uri },
            position: positionIn(text, '02.04.03.003-0', 2)
        });
        expect(highlights!.map(h => h.range.start.line)).toEqual([
            positionIn(text, '02.04.03.003-0').line,
            positionIn(text, 'conclusao 02').line
        ]);
    });

    it('grupo references still work as before (Langium default)', async () => {
        const [defs] = await buildLspWorkspace(services, FILES);
        const refs = await services.Oci.lsp.ReferencesProvider!.findReferences(defs, {
            textDocument: { uri: defs.textDocument.uri },
            position: positionIn(defs.textDocument.getText(), 'grupo consulta', 7),
            context: { includeDeclaration: false }
        });
        expect(refs.length).toBe(4);
    });
});
