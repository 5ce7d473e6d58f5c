/**
 * The published catalogue as one self-contained HTML page (design brief §3): per subgroup a
 * table like a portaria's annex (code, name, tR, tM, mandatory and eventual components, value),
 * then per OCI the value breakdown (components, technologies, total), public, CIDs, remote
 * modalities, contrarreferência and legal basis. Inline CSS, no external asset or script,
 * `lang="pt-BR"`, readable when printed (no background needed, table headers repeat on each page,
 * rows are not split). Derived from the JSON catalogue, like the Markdown and the CSV, so the
 * outputs never disagree; deterministic.
 */
import type { CatalogoJson, ComponenteJson, OciJson } from './catalogo-json.js';
import { componenteRotulo, custoTecnologia, diasTexto, faixaEtaria, percentual, reais } from './formato-pt.js';
import { JoinedLines, collectText, type Emit } from './text-pieces.js';

const NEEDS_ESCAPE = /[&<>"']/;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
    // Most texts have nothing to escape: five scans and copies saved on each.
    if (!NEEDS_ESCAPE.test(text)) return text;
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

const e = escapeHtml;

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 14px; line-height: 1.45; color: #111; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; margin: 2em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #222; }
h3 { font-size: 1.05em; margin: 1.6em 0 .4em; }
p.meta, p.nota { margin: .2em 0; color: #333; }
nav ul { margin: .4em 0; padding-left: 1.2em; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
caption { text-align: left; font-weight: 600; padding: .3em 0; caption-side: top; }
th, td { border: 1px solid #666; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #222; font-weight: 700; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.codigo { white-space: nowrap; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 700; border-top: 2px solid #222; }
ul.componentes { margin: 0; padding-left: 1.1em; }
dl.oci { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .4em 0; }
dl.oci dt { font-weight: 600; }
dl.oci dd { margin: 0; }
p.base-legal { font-size: .9em; color: #333; }
a { color: #0b4f8a; }
@media screen {
  thead th { background: #eef2f6; }
  tbody tr:nth-child(even) td { background: #fafbfc; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9.5pt; max-width: none; padding: 0; color: #000; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tfoot { display: table-footer-group; }
  tr, th, td { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  section.subgrupo { break-before: page; page-break-before: always; }
  section.subgrupo:first-of-type { break-before: auto; page-break-before: auto; }
  article.oci { break-inside: avoid-page; }
}
`.trim();

function componentItem(c: ComponenteJson, eventual: boolean): string {
    return `<li>${c.qt}× ${e(componenteRotulo(c))}${eventual ? ` (${e(percentual(c.frequencia))})` : ''}</li>`;
}

function componentList(oci: OciJson, tipo: ComponenteJson['tipo']): string {
    const items = oci.componentes.filter(c => c.tipo === tipo);
    if (items.length === 0) return '—';
    return `<ul class="componentes">${items.map(c => componentItem(c, tipo === 'eventual')).join('')}</ul>`;
}

function anchor(oci: OciJson): string {
    return `oci-${oci.codigo}`;
}

function annexTable(titulo: string, ocis: OciJson[]): string[] {
    const out: string[] = [];
    out.push('<table class="anexo">');
    out.push(`<caption>${e(titulo)}</caption>`);
    out.push(
        '<thead><tr><th scope="col">Código</th><th scope="col">OCI</th><th scope="col" class="num">tR</th><th scope="col" class="num">tM</th><th scope="col">Obrigatórios</th><th scope="col">Eventuais</th><th scope="col" class="num">Valor</th></tr></thead>'
    );
    out.push('<tbody>');
    for (const oci of ocis) {
        out.push(
            `<tr class="oci"><td class="codigo"><a href="#${anchor(oci)}">${e(oci.codigoFormatado)}</a></td><td>${e(oci.nome)}</td>` +
                `<td class="num">${e(diasTexto(oci.tR))}</td><td class="num">${e(diasTexto(oci.tM))}</td>` +
                `<td>${componentList(oci, 'obrigatorio')}</td><td>${componentList(oci, 'eventual')}</td><td class="num valor">${e(reais(oci.valor.calculado))}</td></tr>`
        );
    }
    out.push('</tbody>');
    out.push('</table>');
    return out;
}

function ociDetail(oci: OciJson): string[] {
    const out: string[] = [];
    out.push(`<article class="oci" id="${anchor(oci)}">`);
    out.push(`<h3>${e(oci.codigoFormatado)} ${e(oci.nome)}</h3>`);
    const conclusao = oci.conclusao
        ? (oci.conclusao.grupo ? `um de "${oci.conclusao.grupo}": ` : '') +
          oci.conclusao.procedimentos.map(p => `${p.codigoFormatado}${p.nome ? ` ${p.nome}` : ''}`).join(' ou ')
        : '—';
    const contrarreferencia = oci.contrarreferencia
        ? `${oci.contrarreferencia.destino === 'aps' ? 'Atenção Primária à Saúde (aps)' : oci.contrarreferencia.destino}${oci.contrarreferencia.descricao ? ` — ${oci.contrarreferencia.descricao}` : ''}`
        : '—';
    const fields: Array<[string, string]> = [
        [
            'Público',
            `sexo ${oci.publico.sexo}; idade ${faixaEtaria(oci.publico.idadeMinimaMeses, oci.publico.idadeMaximaMeses)}`
        ],
        ['CIDs', oci.cids.join(', ') || '—'],
        ['tR / tM', `${diasTexto(oci.tR)} / ${diasTexto(oci.tM)}`],
        ['Conclusão', conclusao],
        ['Atenção remota', oci.modalidadesRemotas.join(', ') || '—'],
        ['Contrarreferência', contrarreferencia],
        ['Fundamento', oci.fundamento.join('; ') || '—']
    ];
    out.push(`<dl class="oci">${fields.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`);
    out.push('<table class="composicao">');
    out.push(`<caption>Composição do valor — ${e(oci.codigoFormatado)}</caption>`);
    out.push(
        '<thead><tr><th scope="col">Componente</th><th scope="col">Tipo</th><th scope="col" class="num">Qt</th><th scope="col" class="num">Frequência</th><th scope="col" class="num">Estimativa</th><th scope="col" class="num">Valor</th></tr></thead>'
    );
    out.push('<tbody>');
    for (const c of oci.componentes) {
        out.push(
            `<tr><td>${e(componenteRotulo(c))}</td><td>${c.tipo === 'obrigatorio' ? 'obrigatório' : 'eventual'}</td><td class="num">${c.qt}</td>` +
                `<td class="num">${e(percentual(c.frequencia))}</td><td class="num">${e(reais(c.estimativa))}${c.origemEstimativa === 'sigtap' ? ' (SIGTAP)' : ''}</td><td class="num">${e(reais(c.valor))}</td></tr>`
        );
    }
    out.push(
        `<tr class="subtotal"><td colspan="5">Subtotal dos procedimentos</td><td class="num">${e(reais(oci.valor.subtotalProcedimentos))}</td></tr>`
    );
    for (const t of oci.valor.tecnologias) {
        const custo = custoTecnologia(t);
        out.push(
            `<tr class="tecnologia"><td>Tecnologia de cuidado: ${e(t.nome)}</td><td>—</td><td class="num">—</td><td class="num">—</td><td class="num">${e(custo)}</td><td class="num">${e(reais(t.valor))}</td></tr>`
        );
    }
    out.push('</tbody>');
    out.push(
        `<tfoot><tr><td colspan="5">Total (valor da OCI)</td><td class="num total">${e(reais(oci.valor.calculado))}</td></tr></tfoot>`
    );
    out.push('</table>');
    const valores: string[] = [];
    if (oci.valor.declarado) valores.push(`valor declarado ${reais(oci.valor.declarado)}`);
    if (oci.valor.sigtap) valores.push(`valor na tabela SIGTAP ${reais(oci.valor.sigtap)}`);
    if (valores.length) out.push(`<p class="nota">${e(valores.join('; '))}.</p>`);
    out.push(`<p class="base-legal">Base legal: ${e(oci.baseLegal.join('; '))}.</p>`);
    out.push('</article>');
    return out;
}

export function catalogoHtml(json: CatalogoJson): string {
    return collectText(emit => emitCatalogoHtml(json, emit));
}

/** catalogoHtml's text in pieces, as it is made. */
export function emitCatalogoHtml(json: CatalogoJson, emit: Emit): void {
    const c = json.catalogo;
    const bySubgroup = new Map<string, { codigo: string; nome: string | null; ocis: OciJson[] }>();
    for (const oci of json.ocis) {
        const entry = bySubgroup.get(oci.subgrupo.codigo) ?? {
            codigo: oci.subgrupo.codigo,
            nome: oci.subgrupo.nome,
            ocis: []
        };
        entry.ocis.push(oci);
        bySubgroup.set(oci.subgrupo.codigo, entry);
    }
    const subgrupos = [...bySubgroup.values()].sort((a, b) => (a.codigo < b.codigo ? -1 : a.codigo > b.codigo ? 1 : 0));
    const titulo = (s: { codigo: string; nome: string | null }) =>
        `Subgrupo ${s.codigo}${s.nome ? ` — ${s.nome}` : ''}`;
    const out = new JoinedLines('\n', emit);
    out.push('<!DOCTYPE html>');
    out.push('<html lang="pt-BR">');
    out.push('<head>');
    out.push('<meta charset="utf-8">');
    out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
    out.push(`<meta name="generator" content="oci-catalogo (${e(json.formato)})">`);
    out.push(`<title>${e(c.nome)}${c.versao ? ` — versão ${e(c.versao)}` : ''}</title>`);
    out.push(`<style>\n${CSS}\n</style>`);
    out.push('</head>');
    out.push('<body>');
    out.push('<header>');
    out.push(`<h1>${e(c.nome)}</h1>`);
    const meta = [`Versão ${c.versao ?? '—'}`, `competência ${c.competencia ?? '—'}`];
    if (c.sigtap)
        meta.push(
            `tabela SIGTAP ${c.sigtap.arquivo} (competência ${c.sigtap.competencia}; SHA-256 ${c.sigtap.sha256})`
        );
    out.push(`<p class="meta">${e(meta.join(' · '))}</p>`);
    out.push(
        `<p class="meta">${e(`${json.resumo.ocis} OCI · ${json.resumo.componentes} componentes · soma dos valores ${reais(json.resumo.valorTotal)}`)}</p>`
    );
    out.push(
        '<p class="nota">Rol de Ofertas de Cuidados Integrados — Portaria GM/MS nº 3.492/2024, art. 6 §2 (código, procedimentos, tR, tM, valor). ' +
            'tR: tempo recomendado; tM: tempo máximo, em dias. Valor = obrigatórios + eventuais × frequência + tecnologias de cuidado (art. 6 §3).</p>'
    );
    out.push('</header>');
    out.push('<nav aria-label="Subgrupos"><ul>');
    for (const s of subgrupos)
        out.push(`<li><a href="#subgrupo-${e(s.codigo)}">${e(titulo(s))}</a> (${s.ocis.length} OCI)</li>`);
    out.push('</ul></nav>');
    out.push('<main>');
    for (const s of subgrupos) {
        out.push(`<section class="subgrupo" id="subgrupo-${e(s.codigo)}">`);
        out.push(`<h2>${e(titulo(s))}</h2>`);
        out.push(...annexTable(`Anexo — ${titulo(s)}`, s.ocis));
        for (const oci of s.ocis) out.push(...ociDetail(oci));
        out.push('</section>');
    }
    out.push('</main>');
    out.push('</body>');
    out.push('</html>');
    emit('\n');
}
