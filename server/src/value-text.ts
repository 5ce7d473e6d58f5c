/** Markdown and one-line texts of an OCI's value breakdown (Portaria GM/MS 3.492/2024 art. 6 §2 V, §3). */
import type { Oci } from '../../language/src/index.js';
import { formatMoney, formatPercent, fromCentavos, parseMoney, type Money } from '../../language/src/index.js';
import { tmOf, trOf, valorOf } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import type { SigtapTable } from '../../language/src/index.js';
import { computeValue, type ValueBreakdown } from '../../language/src/index.js';
import { t, type Locale } from './i18n.js';
import { escapeMarkdown, formatCompetencia } from './sigtap-text.js';

export interface OciValueSummary {
    breakdown: ValueBreakdown;
    /** Declared `valor`, when written and well formed. */
    declarado?: Money;
    /** declarado − calculado. */
    diferenca?: Money;
    tr?: number;
    tm?: number;
}

export function summarize(oci: Oci, table: SigtapTable | undefined): OciValueSummary {
    const breakdown = computeValue(oci, table);
    const declarado = parseMoney(valorOf(oci)?.valor)?.value;
    return {
        breakdown,
        declarado,
        diferenca: declarado?.minus(breakdown.total),
        tr: trOf(oci)?.dias,
        tm: tmOf(oci)?.dias
    };
}

const ORIGEM = { catalogo: 'catálogo', sigtap: 'SIGTAP (VL_SA)' } as const;

/** The breakdown table of an OCI, with declared value, difference and times. */
export function breakdownMarkdown(oci: Oci, table: SigtapTable | undefined): string {
    const s = summarize(oci, table);
    const b = s.breakdown;
    const lines: string[] = [
        `**${formatCodigo(oci.codigo)} — ${escapeMarkdown(oci.nome ?? '')}**`,
        '',
        '| Componente | Tipo | Qt | Frequência | Estimativa | Origem | Valor |',
        '|---|---|--:|--:|--:|---|--:|'
    ];
    for (const l of b.procedimentos) {
        const descricao = l.descricao ? ` ${escapeMarkdown(l.descricao)}` : '';
        const frequencia =
            l.tipo === 'obrigatorio' ? '—' : `${formatPercent(l.frequencia)}${l.frequenciaPadrao ? ' (padrão)' : ''}`;
        lines.push(
            `| ${escapeMarkdown(l.alvo)}${descricao} | ${l.tipo === 'obrigatorio' ? 'obrigatório' : 'eventual'} | ${l.qt} | ${frequencia} | ${cell(l.estimativa)} | ${ORIGEM[l.origemEstimativa]} | ${cell(l.valor)} |`
        );
    }
    for (const f of b.faltantes) {
        lines.push(`| ${escapeMarkdown(f.alvo)} | — | | | sem estimativa | — | — |`);
    }
    lines.push(`| **Subtotal dos procedimentos** | | | | | | **${cell(b.subtotalProcedimentos)}** |`);
    for (const t of b.tecnologias) {
        const custo =
            t.percentual !== undefined ? `${formatPercent(t.percentual)} × ${cell(t.base!)}` : cell(t.valorFixo!);
        lines.push(
            `| ${escapeMarkdown(t.nome)} — ${escapeMarkdown(t.descricao)} | tecnologia | | | ${custo} | catálogo | ${cell(t.valor)} |`
        );
    }
    if (b.tecnologias.length > 0)
        lines.push(`| **Subtotal das tecnologias** | | | | | | **${cell(b.subtotalTecnologias)}** |`);
    lines.push(`| **Total calculado** | | | | | | **${cell(b.total)}** |`);
    lines.push('');
    if (b.faltantes.length > 0) {
        lines.push(`⚠ Sem estimativa para ${b.faltantes.map(f => f.alvo).join(', ')}: o total está incompleto.`, '');
    }
    if (s.declarado !== undefined && b.faltantes.length > 0) {
        // An incomplete total is no basis for a difference (nor for "same as declared"): the code lens says the same.
        lines.push(`Valor declarado: ${cell(s.declarado)} — comparado só quando o valor calculado estiver completo.`);
    } else if (s.declarado !== undefined) {
        const dif = s.diferenca!;
        lines.push(
            dif.isZero()
                ? `Valor declarado: ${cell(s.declarado)} — igual ao calculado.`
                : `Valor declarado: ${cell(s.declarado)} — diferença ${cell(dif)} (declarado − calculado).`
        );
    } else {
        lines.push('Valor declarado: não informado.');
    }
    const codigo = normalizeCodigo(oci.codigo);
    const linha = codigo ? table?.procedimentos.get(codigo) : undefined;
    if (table && linha) {
        lines.push(
            '',
            `Tabela SIGTAP ${formatCompetencia(table.competencia)}: ${cell(fromCentavos(linha.vlSaCentavos))} (VL_SA).`
        );
    }
    lines.push(
        '',
        `tR ${s.tr !== undefined ? `${s.tr} dias` : 'não informado'} · tM ${s.tm !== undefined ? `${s.tm} dias` : 'não informado'}`
    );
    lines.push(
        '',
        '_Cada linha arredondada aos centavos, meio para o par (ABNT NBR 5891) — Portaria GM/MS nº 3.492/2024, art. 6 §2 V e §3._'
    );
    return lines.join('\n');
}

/** The code lens title parts: computed value and difference; times. */
export function lensTitles(
    oci: Oci,
    table: SigtapTable | undefined,
    locale: Locale = 'pt'
): { valor: string; tempos: string } {
    const s = summarize(oci, table);
    const b = s.breakdown;
    let valor =
        t(locale, 'lens.valor', formatMoney(b.total)) + (b.faltantes.length ? t(locale, 'lens.incompleto') : '');
    if (s.declarado === undefined) valor += t(locale, 'lens.semDeclarado');
    // An incomplete total is no basis for "same as declared" (nor for a difference).
    else if (b.faltantes.length) valor += t(locale, 'lens.declaradoIncompleto', formatMoney(s.declarado));
    else if (s.diferenca!.isZero()) valor += t(locale, 'lens.igual');
    else valor += t(locale, 'lens.declarado', formatMoney(s.declarado), formatMoney(s.diferenca!));
    const tempos = t(locale, 'lens.tempos', s.tr ?? '?', s.tm ?? '?');
    return { valor, tempos };
}

/** Money in a table cell: a no-break space keeps "R$ 109,72" on one line when columns narrow. */
function cell(value: Money): string {
    return formatMoney(value).replace(' ', '\u00a0');
}
