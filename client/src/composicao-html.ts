/**
 * The HTML of the "Composição do valor" panel: the value breakdown of one OCI (the JSON of the
 * server's `oci/composicaoValor` request) as a table, styled with VS Code's theme colours.
 * Pure (no `vscode`): the texts come translated through `tr`, and the page has no scripts — a
 * Content-Security-Policy allows only the inline style with its nonce.
 */
import type { ComposicaoValor, Dinheiro } from '../../server/src/protocol.js';

export type Translate = (message: string, ...args: Array<string | number>) => string;

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const money = (d: Dinheiro | undefined) => (d ? escapeHtml(d.texto).replace(' ', '&nbsp;') : '—');

/** The page; `cspSource` is the webview's, `nonce` a fresh random string. */
export function composicaoHtml(
    data: ComposicaoValor | undefined,
    tr: Translate,
    options: { nonce: string; cspSource: string; lang: string; aviso?: string }
): string {
    const body = data
        ? table(data, tr)
        : `<p class="vazio">${escapeHtml(tr('Coloque o cursor numa OCI de um arquivo .oci e rode "OCI: Mostrar composição do valor".'))}</p>`;
    return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${escapeHtml(options.nonce)}' ${escapeHtml(options.cspSource)};">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data ? `${data.codigo} — ${tr('Composição do valor')}` : tr('Composição do valor'))}</title>
<style nonce="${escapeHtml(options.nonce)}">${STYLE}</style>
</head>
<body>
${options.aviso ? `<p class="aviso">${escapeHtml(options.aviso)}</p>` : ''}
${body}
</body>
</html>
`;
}

function table(d: ComposicaoValor, tr: Translate): string {
    const rows: string[] = [];
    const componente = (alvo: string, descricao: string, tipo: string) =>
        `<td><code>${escapeHtml(alvo)}</code> <span class="tipo">${escapeHtml(tipo)}</span><div class="descricao">${escapeHtml(descricao)}</div></td>`;
    for (const l of d.procedimentos) {
        const frequencia =
            l.tipo === 'obrigatorio'
                ? '—'
                : `${escapeHtml(l.frequencia ?? '')}${l.frequenciaPadrao ? `<div class="nota">${escapeHtml(tr('padrão'))}</div>` : ''}`;
        const origem = l.origem === 'sigtap' ? tr('tabela SIGTAP (VL_SA)') : tr('catálogo');
        rows.push(`<tr data-linha="${l.linha + 1}">
  ${componente(l.alvo, l.descricao, l.tipo === 'obrigatorio' ? tr('obrigatório') : tr('eventual'))}
  <td class="num">${l.qt}</td>
  <td class="num">${frequencia}</td>
  <td class="num">${money(l.estimativa)}<div class="nota">${escapeHtml(origem)}</div></td>
  <td class="num">${money(l.valor)}</td>
</tr>`);
    }
    for (const f of d.faltantes) {
        rows.push(
            `<tr class="faltante" data-linha="${f.linha + 1}"><td><code>${escapeHtml(f.alvo)}</code></td><td colspan="3">${escapeHtml(f.pendente ? tr('a preencher') : tr('sem estimativa'))}</td><td class="num">—</td></tr>`
        );
    }
    rows.push(
        `<tr class="subtotal"><th colspan="4" scope="row">${escapeHtml(tr('Subtotal dos procedimentos'))}</th><td class="num">${money(d.subtotalProcedimentos)}</td></tr>`
    );
    for (const t of d.tecnologias) {
        const custo =
            t.percentual !== undefined ? `${escapeHtml(t.percentual)} × ${money(t.base)}` : money(t.valorFixo);
        rows.push(`<tr data-linha="${t.linha + 1}">
  ${componente(t.nome, t.descricao, tr('tecnologia'))}
  <td class="num"></td>
  <td class="num"></td>
  <td class="num">${custo}<div class="nota">${escapeHtml(tr('catálogo'))}</div></td>
  <td class="num">${money(t.valor)}</td>
</tr>`);
    }
    if (d.tecnologias.length > 0) {
        rows.push(
            `<tr class="subtotal"><th colspan="4" scope="row">${escapeHtml(tr('Subtotal das tecnologias'))}</th><td class="num">${money(d.subtotalTecnologias)}</td></tr>`
        );
    }
    rows.push(
        `<tr class="total"><th colspan="4" scope="row">${escapeHtml(tr('Total calculado'))}${d.faltantes.length ? ` <span class="nota">(${escapeHtml(tr('incompleto'))})</span>` : ''}</th><td class="num" id="total">${money(d.total)}</td></tr>`
    );

    const resumo: string[] = [];
    if (d.declarado && d.faltantes.length > 0) {
        // An incomplete total is no basis for a difference (nor for "same as computed"): the hover and lens say
        // the same.
        resumo.push(
            `<div class="diferente"><span>${escapeHtml(tr('Valor declarado'))}</span><strong>${money(d.declarado)}</strong><em>${escapeHtml(tr('comparado só quando o valor calculado estiver completo'))}</em></div>`
        );
    } else if (d.declarado) {
        const igual = d.diferenca?.centavos === 0;
        resumo.push(
            `<div class="${igual ? 'ok' : 'diferente'}"><span>${escapeHtml(tr('Valor declarado'))}</span><strong>${money(d.declarado)}</strong>${igual ? `<em>${escapeHtml(tr('igual ao calculado'))}</em>` : `<em>${escapeHtml(tr('diferença {0} (declarado − calculado)', d.diferenca?.texto ?? ''))}</em>`}</div>`
        );
    } else {
        resumo.push(
            `<div class="diferente"><span>${escapeHtml(tr('Valor declarado'))}</span><strong>—</strong><em>${escapeHtml(tr('não informado'))}</em></div>`
        );
    }
    if (d.sigtap)
        resumo.push(
            `<div><span>${escapeHtml(tr('Tabela SIGTAP {0} (VL_SA)', d.sigtap.competencia))}</span><strong>${money(d.sigtap.valor)}</strong></div>`
        );
    resumo.push(
        `<div><span>tR</span><strong>${d.tR !== undefined ? escapeHtml(tr('{0} dias', d.tR)) : '—'}</strong></div>`
    );
    resumo.push(
        `<div><span>tM</span><strong>${d.tM !== undefined ? escapeHtml(tr('{0} dias', d.tM)) : '—'}</strong></div>`
    );

    return `<header>
  <h1><code>${escapeHtml(d.codigo)}</code> ${escapeHtml(d.nome)}</h1>
  <p class="total-grande">${escapeHtml(tr('Valor calculado'))} <strong>${money(d.total)}</strong></p>
</header>
<section class="resumo">${resumo.join('')}</section>
<div class="rolagem">
<table>
<thead><tr>
  <th scope="col">${escapeHtml(tr('Componente'))}</th><th scope="col" class="num">${escapeHtml(tr('Qt'))}</th>
  <th scope="col" class="num">${escapeHtml(tr('Frequência'))}</th><th scope="col" class="num">${escapeHtml(tr('Estimativa'))}</th>
  <th scope="col" class="num">${escapeHtml(tr('Valor'))}</th>
</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</div>
<p class="regra">${escapeHtml(d.regra)}</p>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 16px; }
h1 { font-size: 1.25em; font-weight: 600; margin: 16px 0 4px; }
code { font-family: var(--vscode-editor-font-family); }
.total-grande { margin: 0 0 12px; color: var(--vscode-descriptionForeground); }
.total-grande strong { font-size: 1.4em; color: var(--vscode-foreground); margin-left: 6px; }
.resumo { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 14px; }
.resumo div { border: 1px solid var(--vscode-panel-border, #8884); border-radius: 4px; padding: 6px 10px; display: flex; flex-direction: column; min-width: 90px; }
.resumo span { font-size: .85em; color: var(--vscode-descriptionForeground); }
.resumo em { font-size: .85em; font-style: normal; }
.resumo .ok em { color: var(--vscode-testing-iconPassed, #3a3); }
.resumo .diferente em { color: var(--vscode-editorWarning-foreground, #c80); }
.rolagem { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
.tipo { font-size: .8em; padding: 0 5px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); white-space: nowrap; }
.descricao { font-size: .9em; color: var(--vscode-descriptionForeground); }
td .nota { font-size: .8em; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--vscode-editor-background); font-weight: 600; border-bottom: 2px solid var(--vscode-panel-border, #8886); }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--vscode-list-hoverBackground); }
tr.subtotal th, tr.subtotal td { font-weight: 600; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--vscode-foreground); border-bottom: none; }
tr.faltante td { color: var(--vscode-editorWarning-foreground, #c80); }
.nota { color: var(--vscode-descriptionForeground); font-weight: normal; }
.regra { margin-top: 14px; font-size: .85em; color: var(--vscode-descriptionForeground); }
.aviso { color: var(--vscode-editorWarning-foreground, #c80); }
.vazio { color: var(--vscode-descriptionForeground); margin-top: 24px; }
`;
