/**
 * Portuguese descriptions of SIGTAP rows for the editor: one-line details (completion) and
 * Markdown blocks (hover, completion documentation). Money in `R$ 1.234,56`, ages in years/months.
 */
import { formatMoney, fromCentavos, type Money } from '../../language/src/index.js';
import { formatAgeRange, sexoLabel, sigtapAgeRange, SIGTAP_NAO_SE_APLICA } from '../../language/src/index.js';
import { formatCodigo } from '../../language/src/index.js';
import type { SigtapProcedimento, SigtapTable } from '../../language/src/index.js';
import { valorAmbulatorial } from '../../language/src/index.js';

/** TP_COMPLEXIDADE. */
const COMPLEXIDADE: Record<string, string> = {
    '0': 'não se aplica',
    '1': 'atenção básica',
    '2': 'média complexidade',
    '3': 'alta complexidade'
};

/** tb_financiamento (stable national codes; SIGTAP 2026-01). */
const FINANCIAMENTO: Record<string, string> = {
    '01': 'Atenção Básica (PAB)',
    '02': 'Assistência Farmacêutica',
    '04': 'Fundo de Ações Estratégicas e Compensações (FAEC)',
    '05': 'Incentivo - MAC',
    '06': 'Média e Alta Complexidade (MAC)',
    '07': 'Vigilância em Saúde',
    '08': 'Gestão do SUS'
};

export function complexidadeLabel(codigo: string): string {
    return COMPLEXIDADE[codigo] ?? `código ${codigo}`;
}

export function financiamentoLabel(codigo: string): string {
    const nome = FINANCIAMENTO[codigo];
    return nome ? `${codigo} — ${nome}` : codigo;
}

/** The procedure's value the catalogue uses: VL_SA, in reais (the value engine's rule). */
export function valorSigtap(proc: SigtapProcedimento): Money {
    return valorAmbulatorial(proc);
}

/** "feminino", or undefined when the procedure has no sex restriction. */
export function sexoRestricao(proc: SigtapProcedimento): string | undefined {
    return proc.sexo === 'F' || proc.sexo === 'M' ? sexoLabel(proc.sexo) : undefined;
}

/** "12 anos a 130 anos ou mais"-like text, or undefined when SIGTAP sets no age limits. */
export function idadeRestricao(proc: SigtapProcedimento): string | undefined {
    const range = sigtapAgeRange(proc.idadeMinimaMeses, proc.idadeMaximaMeses);
    if (!range || (range.min === 0 && range.max === undefined)) return undefined;
    return formatAgeRange(range);
}

export function qtMaximaText(proc: SigtapProcedimento): string {
    return proc.qtMaximaExecucao === SIGTAP_NAO_SE_APLICA || proc.qtMaximaExecucao <= 0
        ? 'não se aplica'
        : String(proc.qtMaximaExecucao);
}

/** One line for a completion item: value and restrictions. */
export function procedimentoDetail(proc: SigtapProcedimento): string {
    const parts = [formatMoney(valorSigtap(proc))];
    const sexo = sexoRestricao(proc);
    if (sexo) parts.push(`sexo ${sexo}`);
    const idade = idadeRestricao(proc);
    if (idade) parts.push(`idade ${idade}`);
    return parts.join(' · ');
}

/** Markdown block with the SIGTAP data of a procedure. */
export function procedimentoMarkdown(proc: SigtapProcedimento, table: SigtapTable): string {
    const valor = valorSigtap(proc);
    const hospitalares = [
        proc.vlShCentavos ? `VL_SH ${formatMoney(fromCentavos(proc.vlShCentavos))}` : undefined,
        proc.vlSpCentavos ? `VL_SP ${formatMoney(fromCentavos(proc.vlSpCentavos))}` : undefined
    ].filter(Boolean);
    const range = sigtapAgeRange(proc.idadeMinimaMeses, proc.idadeMaximaMeses);
    const lines = [
        `**${formatCodigo(proc.codigo)} — ${escapeMarkdown(proc.nome)}**`,
        '',
        `| | |`,
        `|---|---|`,
        `| Valor ambulatorial (VL_SA) | ${formatMoney(valor)} — estimativa padrão no catálogo |`,
        ...(hospitalares.length
            ? [`| Valores hospitalares (AIH) | ${hospitalares.join(' · ')} — não contam numa OCI (APAC) |`]
            : []),
        `| Complexidade | ${complexidadeLabel(proc.complexidade)} |`,
        `| Sexo | ${sexoLabel(proc.sexo)} |`,
        `| Idade | ${range ? formatAgeRange(range) : 'não se aplica'} |`,
        `| Quantidade máxima | ${qtMaximaText(proc)} |`,
        `| Financiamento | ${financiamentoLabel(proc.financiamento)} |`
    ];
    const grupo = table.grupos.get(proc.codigo.slice(0, 2));
    const subgrupo = table.subgrupos.get(proc.codigo.slice(0, 4));
    if (grupo || subgrupo)
        lines.push(
            `| Grupo / subgrupo | ${[grupo, subgrupo]
                .filter(Boolean)
                .map(s => escapeMarkdown(s!))
                .join(' / ')} |`
        );
    lines.push('', `_Tabela SIGTAP, competência ${formatCompetencia(table.competencia)} (${table.arquivo})_`);
    return lines.join('\n');
}

/** AAAAMM → AAAA-MM. */
export function formatCompetencia(aaaamm: string): string {
    return /^[0-9]{6}$/.test(aaaamm) ? `${aaaamm.slice(0, 4)}-${aaaamm.slice(4)}` : aaaamm;
}

/** Escapes the characters Markdown tables and emphasis would interpret (`_` inside words is literal). */
export function escapeMarkdown(text: string): string {
    return text.replace(/([\\`*{}[\]<>|#])/g, '\\$1');
}
