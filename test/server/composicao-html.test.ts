/**
 * The "Composição do valor" panel's HTML (client/src/composicao-html.ts), from the JSON of
 * oci/composicaoValor: one row per line of the breakdown, subtotals and total, the declared and
 * SIGTAP values, no scripts (CSP: only the nonce'd style), text escaped.
 */
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, it } from 'vitest';
import { composicaoHtml } from '../../client/src/composicao-html.js';
import { composicaoValor } from '../../server/src/requests.js';
import { CLEAN, buildLspWorkspace, createLspServices, positionIn, replaceOnce } from './lsp-helpers.js';

const services = createLspServices();
afterAll(async () => {
    await clearDocuments(services.shared);
});

const identity = (message: string, ...args: Array<string | number>) =>
    message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

async function render(text: string) {
    const [doc] = await buildLspWorkspace(services, { 'c.oci': text });
    const data = await composicaoValor(services, { uri: doc.textDocument.uri, position: positionIn(text, 'tM 30') });
    return composicaoHtml(data!, identity, { nonce: 'N0NCE', cspSource: 'vscode-webview:', lang: 'pt-BR' });
}

describe('the value breakdown (webview HTML)', () => {
    it('a row per component and technology, subtotals, total; declared and SIGTAP values; tR/tM', async () => {
        const html = await render(CLEAN);
        const rows = [...html.matchAll(/<tr data-linha="(\d+)">/g)].map(m => Number(m[1]));
        expect(rows).toHaveLength(5);
        expect(html).toMatch(/<td class="num" id="total">R\$&nbsp;125,00<\/td>/);
        expect(html).toContain('Subtotal dos procedimentos</th><td class="num">R$&nbsp;109,72</td>');
        expect(html).toContain('8% × R$&nbsp;109,72');
        expect(html).toContain('<span>Tabela SIGTAP 2026-01 (VL_SA)</span><strong>R$&nbsp;125,00</strong>');
        expect(html).toContain('<em>igual ao calculado</em>');
        expect(html).toContain('<strong>21 dias</strong>');
        expect(html).toContain('<html lang="pt-BR">');
    });

    it('no scripts: the CSP allows only the style with its nonce; text is escaped', async () => {
        const html = await render(
            replaceOnce(CLEAN, '"OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA"', '"OCI <b>&"')
        );
        expect(html).toContain(`content="default-src 'none'; style-src 'nonce-N0NCE' vscode-webview:;"`);
        expect(html).not.toMatch(/<script/i);
        expect(html).toContain('OCI &lt;b&gt;&amp;');
        expect(html).toContain('<style nonce="N0NCE">');
    });

    it('a missing estimate is listed and the total marked incomplete; no difference against an incomplete total', async () => {
        const html = await render(
            replaceOnce(
                replaceOnce(
                    CLEAN,
                    'qt 1 frequencia 40% estimativa R$ 40,00',
                    'qt 1 frequencia 40% estimativa a_preencher'
                ),
                'valor R$ 125,00',
                'valor R$ 130,00'
            )
        );
        expect(html).toContain('<tr class="faltante"');
        expect(html).toContain('a preencher');
        expect(html).toMatch(/Total calculado <span class="nota">\(incompleto\)<\/span>/);
        expect(html).not.toContain('diferença');
        expect(html).not.toContain('igual ao calculado');
        expect(html).toContain('<em>comparado só quando o valor calculado estiver completo</em>');
    });

    it('without an OCI: a hint', () => {
        expect(composicaoHtml(undefined, identity, { nonce: 'n', cspSource: 'c', lang: 'en' })).toContain(
            'Coloque o cursor numa OCI'
        );
    });
});
