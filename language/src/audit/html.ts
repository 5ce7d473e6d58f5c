/**
 * The audit report for people: one self-contained HTML page (inline CSS and SVG, no script, no
 * external asset), `lang="pt-BR"`, printable. Aggregates only — no person identifier at all (the
 * flagged episodes, masked, are in the CSV). Per OCI, the distribution of days from the first to
 * the last procedure against tR and tM (art. 14 §2 III) as an inline SVG bar chart.
 */
import { escapeHtml as e } from '../generator/catalogo-html.js';
import { reais } from '../generator/formato-pt.js';
import type { AuditoriaJson, IndicadoresJson } from './auditoria.js';

const CSS = `
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 14px; line-height: 1.45; color: #111; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #222; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
p.meta { margin: .2em 0; color: #333; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
th, td { border: 1px solid #666; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #222; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.codigo { white-space: nowrap; }
dl.cartoes { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px; margin: .5em 0 1em; }
dl.cartoes div { border: 1px solid #666; padding: 6px 8px; }
dl.cartoes dt { font-size: .85em; color: #333; }
dl.cartoes dd { margin: 0; font-size: 1.3em; font-weight: 700; font-variant-numeric: tabular-nums; }
div.graficos { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 12px; }
figure { margin: 0; border: 1px solid #999; padding: 6px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; font-size: .95em; }
ul.regras li { margin: .2em 0; }
.legenda span { display: inline-block; margin-right: 1em; }
.legenda i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; border: 1px solid #333; }
@media screen { thead th { background: #eef2f6; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { font-size: 9.5pt; max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
`.trim();

const COR = { tr: '#2e7d32', tm: '#f9a825', acima: '#c62828' };

function num(x: number): string {
    return x.toLocaleString('pt-BR');
}

function pct(p: string | null): string {
    return p === null ? '—' : `${p.replace('.', ',')}%`;
}

function dias(m: string | null): string {
    return m === null ? '—' : m.replace('.', ',').replace(/,0$/, '');
}

/** The days histogram of one OCI: bars coloured by ≤ tR, ≤ tM, > tM; dashed lines at tR and tM. */
export function graficoDias(
    codigo: string,
    nome: string,
    tR: number | null,
    tM: number | null,
    distribuicao: Array<{ dias: number; episodios: number }>
): string {
    const largura = 540;
    const altura = 190;
    const m = { esq: 44, dir: 12, topo: 14, base: 34 };
    const maxDias = Math.max(tM ?? 0, ...distribuicao.map(d => d.dias)) + 2;
    const faixa = Math.max(1, Math.ceil((maxDias + 1) / 120));
    const barras = new Map<number, number>();
    for (const d of distribuicao)
        barras.set(Math.floor(d.dias / faixa), (barras.get(Math.floor(d.dias / faixa)) ?? 0) + d.episodios);
    const nBarras = Math.floor(maxDias / faixa) + 1;
    const maxN = Math.max(1, ...barras.values());
    const w = (largura - m.esq - m.dir) / nBarras;
    const x = (dia: number) => m.esq + (dia / faixa) * w;
    const y = (v: number) => m.topo + (altura - m.topo - m.base) * (1 - v / maxN);
    const partes: string[] = [];
    for (const [b, v] of [...barras.entries()].sort((a, c) => a[0] - c[0])) {
        const inicio = b * faixa;
        const cor =
            tM !== null && inicio > tM
                ? COR.acima
                : tR !== null && inicio + faixa - 1 <= tR
                  ? COR.tr
                  : tM !== null && inicio + faixa - 1 <= tM
                    ? COR.tm
                    : COR.acima;
        const rotulo = faixa === 1 ? `${inicio} dia(s)` : `${inicio}–${inicio + faixa - 1} dias`;
        partes.push(
            `<rect x="${(m.esq + b * w + 0.5).toFixed(1)}" y="${y(v).toFixed(1)}" width="${Math.max(1, w - 1).toFixed(1)}" height="${(altura - m.base - y(v)).toFixed(1)}" fill="${cor}"><title>${rotulo}: ${num(v)} episódio(s)</title></rect>`
        );
    }
    const linha = (dia: number | null, texto: string) =>
        dia === null
            ? ''
            : `<line x1="${x(dia + 1).toFixed(1)}" x2="${x(dia + 1).toFixed(1)}" y1="${m.topo - 4}" y2="${altura - m.base}" stroke="#000" stroke-dasharray="4 3"/>` +
              `<text x="${(x(dia + 1) + 3).toFixed(1)}" y="${m.topo + 6}" font-size="11">${texto} ${dia}</text>`;
    const eixoX = [0, tR, tM, maxDias - 2]
        .filter((v, i, a): v is number => v !== null && a.indexOf(v) === i)
        .map(
            v =>
                `<text x="${x(v + 0.5).toFixed(1)}" y="${altura - m.base + 14}" font-size="10" text-anchor="middle">${v}</text>`
        )
        .join('');
    const total = distribuicao.reduce((a, d) => a + d.episodios, 0);
    const acima = distribuicao.filter(d => tM !== null && d.dias > tM).reduce((a, d) => a + d.episodios, 0);
    const descricao = `${codigo} ${nome}: ${num(total)} episódio(s) com datas; ${num(acima)} acima do tM (${tM ?? '—'} dias); tR ${tR ?? '—'} dias`;
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${largura} ${altura}" width="100%" role="img" aria-label="${e(descricao)}">` +
        `<title>${e(descricao)}</title>` +
        `<line x1="${m.esq}" x2="${largura - m.dir}" y1="${altura - m.base}" y2="${altura - m.base}" stroke="#333"/>` +
        `<line x1="${m.esq}" x2="${m.esq}" y1="${m.topo}" y2="${altura - m.base}" stroke="#333"/>` +
        `<text x="${m.esq - 4}" y="${m.topo + 4}" font-size="10" text-anchor="end">${num(maxN)}</text>` +
        `<text x="${m.esq - 4}" y="${altura - m.base}" font-size="10" text-anchor="end">0</text>` +
        partes.join('') +
        linha(tR, 'tR') +
        linha(tM, 'tM') +
        eixoX +
        `<text x="${(largura + m.esq) / 2}" y="${altura - 4}" font-size="11" text-anchor="middle">dias do primeiro ao último procedimento${faixa > 1 ? ` (barras de ${faixa} dias)` : ''}</text>` +
        '</svg>'
    );
}

const COLUNAS: Array<[string, (i: IndicadoresJson) => string]> = [
    ['episódios', i => num(i.episodios)],
    ['concluídas no tR', i => pct(i.pctNoTr)],
    ['concluídas no tM', i => pct(i.pctNoTm)],
    ['mediana (dias)', i => dias(i.medianaDias)],
    ['acima do tM', i => num(i.tempoExcedido)],
    ['escopo incompleto', i => num(i.escopoIncompleto)],
    ['qt. acima', i => num(i.quantidadeExcedida)],
    ['CPF/CNS inválido', i => num(i.pessoaInvalida)],
    ['APAC inválida', i => num(i.apacInvalida)],
    ['cobrança dupla (registros)', i => num(i.cobrancaDupla.registros)],
    ['cobrança dupla (R$)', i => reais(i.cobrancaDupla.valor)]
];

function simples(colunas: string[]): string {
    return `<thead><tr>${colunas.map(c => `<th>${c}</th>`).join('')}</tr></thead>`;
}

function cabecalho(primeiras: string[]): string {
    return `<thead><tr>${primeiras.map(c => `<th>${c}</th>`).join('')}${COLUNAS.map(([c]) => `<th class="num">${c}</th>`).join('')}</tr></thead>`;
}

function celulas(i: IndicadoresJson): string {
    return COLUNAS.map(([, f]) => `<td class="num">${e(f(i))}</td>`).join('');
}

export function auditoriaHtml(a: AuditoriaJson): string {
    const t = a.total;
    const cartoes: Array<[string, string]> = [
        ['registros lidos', num(a.entrada.registros)],
        ['episódios (APAC de OCI)', num(t.episodios)],
        ['pessoas', num(t.pessoas)],
        ['concluídas no tR', pct(t.pctNoTr)],
        ['concluídas no tM', pct(t.pctNoTm)],
        ['mediana de dias', dias(t.medianaDias)],
        ['escopo incompleto', num(t.escopoIncompleto)],
        ['episódios sinalizados', num(t.sinalizados)],
        ['suspeita de cobrança dupla', `${num(t.cobrancaDupla.registros)} · ${reais(t.cobrancaDupla.valor)}`]
    ];
    const comEpisodios = a.ocis.filter(o => o.episodios > 0);
    const estabelecimentos = [...a.estabelecimentos].sort(
        (x, y) =>
            y.cobrancaDupla.valor.centavos - x.cobrancaDupla.valor.centavos ||
            y.sinalizados - x.sinalizados ||
            x.cnes.localeCompare(y.cnes)
    );
    const out: string[] = [];
    out.push(
        '<!DOCTYPE html>',
        '<html lang="pt-BR">',
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>Auditoria da produção — ${e(a.catalogo.nome)}</title>`,
        `<style>${CSS}</style>`,
        '</head>',
        '<body>'
    );
    out.push(`<h1>Auditoria da produção das OCI</h1>`);
    out.push(
        `<p class="meta">Catálogo <strong>${e(a.catalogo.nome)}</strong> versão ${e(a.catalogo.versao ?? '—')}, competência ${e(a.catalogo.competencia ?? '—')}. ` +
            `Produção: ${e(a.entrada.arquivos.join(', '))}; ${num(a.entrada.registros)} registros de ${e(a.entrada.primeiraData ?? '—')} a ${e(a.entrada.ultimaData ?? '—')}` +
            `${a.entrada.registrosInvalidos ? ` (${num(a.entrada.registrosInvalidos)} inválidos, fora da análise)` : ''}` +
            `${a.entrada.linhasIlegiveis ? `; ${num(a.entrada.linhasIlegiveis)} linha(s) ilegível(is)` : ''}` +
            `${a.entrada.linhasIlegiveis || a.entrada.registrosInvalidos ? ' — em <code>rejeitados.csv</code>' : ''}.</p>`
    );
    out.push(
        '<p class="meta">Portaria GM/MS nº 3.492/2024, art. 14 §2 III (tempo entre o primeiro e o último procedimento × tR/tM), §2 IV (cobrança isolada de procedimento da OCI) e art. 12 VI (escopo total). Sem identificação de pessoas: os episódios sinalizados, com CPF/CNS mascarado, estão em <code>episodios-sinalizados.csv</code>.</p>'
    );
    out.push(
        `<dl class="cartoes">${cartoes.map(([k, v]) => `<div><dt>${k}</dt><dd>${e(v)}</dd></div>`).join('')}</dl>`
    );

    out.push('<h2>Por OCI</h2>');
    out.push(`<table>${cabecalho(['código', 'OCI', 'tR', 'tM'])}<tbody>`);
    for (const o of a.ocis) {
        out.push(
            `<tr><td class="codigo">${e(o.codigoFormatado)}</td><td>${e(o.nome)}</td><td class="num">${o.tR ?? '—'}</td><td class="num">${o.tM ?? '—'}</td>${celulas(o)}</tr>`
        );
    }
    out.push(`</tbody><tfoot><tr><td colspan="4"><strong>Total</strong></td>${celulas(t)}</tr></tfoot></table>`);

    out.push('<h2>Dias do primeiro ao último procedimento, contra tR e tM</h2>');
    out.push(
        `<p class="legenda"><span><i style="background:${COR.tr}"></i>até o tR</span><span><i style="background:${COR.tm}"></i>acima do tR, até o tM</span><span><i style="background:${COR.acima}"></i>acima do tM</span> Linhas tracejadas: tR e tM da OCI.</p>`
    );
    out.push('<div class="graficos">');
    for (const o of comEpisodios) {
        out.push(
            `<figure><figcaption>${e(o.codigoFormatado)} ${e(o.nome)} — ${num(o.episodios)} episódio(s), mediana ${e(dias(o.medianaDias))} dia(s)</figcaption>${graficoDias(o.codigoFormatado, o.nome, o.tR, o.tM, o.distribuicaoDias)}</figure>`
        );
    }
    out.push('</div>');
    if (comEpisodios.length === 0) out.push('<p>Nenhum episódio na produção.</p>');

    out.push('<h2>Por estabelecimento</h2>');
    out.push(
        '<p class="meta">CNES da APAC de OCI. Ordem: valor da suspeita de cobrança dupla, depois episódios sinalizados.</p>'
    );
    out.push(`<table>${cabecalho(['CNES'])}<tbody>`);
    for (const x of estabelecimentos) out.push(`<tr><td class="codigo">${e(x.cnes)}</td>${celulas(x)}</tr>`);
    out.push('</tbody></table>');

    out.push('<h2>Regras</h2><ul class="regras">');
    const r = a.regras;
    for (const [k, v] of [
        ['episódio', r.episodio],
        ['dias', r.dias],
        ['concluída', r.concluida],
        ['escopo', r.escopo],
        ['quantidade', r.quantidade],
        ['cobrança dupla', r.cobrancaDupla],
        ['CPF/CNS', r.pessoa],
        ['APAC', r.apac],
        ['LGPD', r.mascara]
    ] as const) {
        out.push(`<li><strong>${k}</strong>: ${e(v)}</li>`);
    }
    out.push('</ul>');
    out.push('<h2>Achados e sua base</h2>');
    out.push(`<table>${simples(['achado', 'o que é', 'base', 'origem'])}<tbody>`);
    for (const d of r.achados ?? []) {
        out.push(
            `<tr><td class="codigo">${e(d.codigo)}</td><td>${e(d.descricao)}</td><td>${e(d.dispositivo)}</td><td>${e(d.origem)}</td></tr>`
        );
    }
    out.push('</tbody></table>');
    const porCodigo = (titulo: string, linhas: Array<{ codigo: string; registros: number }>) => {
        if (!linhas.length) return;
        out.push(`<h2>${e(titulo)}</h2><table>${simples(['código', 'registros'])}<tbody>`);
        for (const l of linhas)
            out.push(`<tr><td class="codigo">${e(l.codigo)}</td><td class="num">${num(l.registros)}</td></tr>`);
        out.push('</tbody></table>');
    };
    porCodigo('APAC de OCI fora do catálogo (registro/oci-fora-do-rol)', a.entrada.ociForaDoCatalogo ?? []);
    porCodigo('Códigos de OCI em BPA, fora de APAC (registro/oci-fora-de-apac)', a.entrada.ociEmBpa ?? []);
    out.push('</body>', '</html>', '');
    return out.join('\n');
}
