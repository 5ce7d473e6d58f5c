/**
 * Published forms of the catalogue for people (design brief §3): Markdown tables like a
 * portaria's annex (one per subgroup) and a flat CSV for spreadsheets. Both are derived from
 * the JSON catalogue, so the three outputs never disagree.
 */
import type { CatalogoJson, MoneyJson, OciJson } from './catalogo-json.js';
import { componenteRotulo, custoTecnologia, percentual, reais, tipoTexto } from './formato-pt.js';
import { JoinedLines, collectText, type Emit } from './text-pieces.js';

const CELL_NEEDS_ESCAPE = /[|\n]/;

function escapeCell(text: string): string {
    // Most cells have neither: two scans and copies saved on each.
    if (!CELL_NEEDS_ESCAPE.test(text)) return text;
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function catalogoMarkdown(json: CatalogoJson): string {
    return collectText(emit => emitCatalogoMarkdown(json, emit));
}

/** catalogoMarkdown's text in pieces, as it is made. */
export function emitCatalogoMarkdown(json: CatalogoJson, emit: Emit): void {
    const out = new JoinedLines('\n', emit);
    const c = json.catalogo;
    out.push(`# ${c.nome}`, '');
    out.push(
        `Versão ${c.versao ?? '—'} · competência ${c.competencia ?? '—'}` +
            (c.sigtap ? ` · tabela SIGTAP ${c.sigtap.arquivo} (SHA-256 ${c.sigtap.sha256.slice(0, 12)}…)` : ''),
        ''
    );
    out.push(
        'Rol de Ofertas de Cuidados Integrados — Portaria GM/MS nº 3.492/2024, art. 6 §2 (código, procedimentos, tR, tM, valor).',
        ''
    );
    const bySubgroup = new Map<string, OciJson[]>();
    for (const oci of json.ocis) {
        const key = `${oci.subgrupo.codigo}${oci.subgrupo.nome ? ` — ${oci.subgrupo.nome}` : ''}`;
        // Appended in place: copying the list per OCI made this quadratic in a subgroup's OCIs.
        const list = bySubgroup.get(key);
        if (list) list.push(oci);
        else bySubgroup.set(key, [oci]);
    }
    for (const [subgrupo, ocis] of bySubgroup) {
        out.push(`## Subgrupo ${subgrupo}`, '');
        out.push('| Código | OCI | tR | tM | Obrigatórios | Eventuais | Valor |', '|---|---|---|---|---|---|---|');
        for (const oci of ocis) {
            const obrig = oci.componentes
                .filter(x => x.tipo === 'obrigatorio')
                .map(x => `${x.qt}× ${componenteRotulo(x)}`)
                .join('<br>');
            const event = oci.componentes
                .filter(x => x.tipo === 'eventual')
                .map(x => `${x.qt}× ${componenteRotulo(x)} (${percentual(x.frequencia)})`)
                .join('<br>');
            out.push(
                `| ${oci.codigoFormatado} | ${escapeCell(oci.nome)} | ${oci.tR ?? '—'} dias | ${oci.tM ?? '—'} dias | ${escapeCell(obrig)} | ${escapeCell(event) || '—'} | ${reais(oci.valor.calculado)} |`
            );
        }
        out.push('');
        for (const oci of ocis) {
            out.push(`### ${oci.codigoFormatado} ${oci.nome}`, '');
            out.push(
                `Público: ${oci.publico.sexo}, ${oci.publico.idadeMinimaMeses} a ${oci.publico.idadeMaximaMeses ?? '∞'} meses · CIDs: ${oci.cids.join(', ') || '—'} · remoto: ${oci.modalidadesRemotas.join(', ') || '—'} · contrarreferência: ${oci.contrarreferencia?.destino ?? '—'}`,
                ''
            );
            out.push('| Componente | Tipo | Qt | Frequência | Estimativa | Valor |', '|---|---|---|---|---|---|');
            for (const x of oci.componentes) {
                out.push(
                    `| ${escapeCell(componenteRotulo(x))} | ${tipoTexto(x.tipo)} | ${x.qt} | ${percentual(x.frequencia)} | ${reais(x.estimativa)}${x.origemEstimativa === 'sigtap' ? ' (SIGTAP)' : ''} | ${reais(x.valor)} |`
                );
            }
            for (const t of oci.valor.tecnologias) {
                out.push(`| Tecnologia: ${t.nome} | — | — | — | ${custoTecnologia(t)} | ${reais(t.valor)} |`);
            }
            out.push(`| **Total** | | | | | **${reais(oci.valor.calculado)}** |`, '');
            out.push(`Base legal: ${oci.baseLegal.join('; ')}. Fundamento: ${oci.fundamento.join('; ') || '—'}.`, '');
        }
    }
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number as this CSV writes it (decimal comma): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^-?\d+(?:,\d+)?$/;

/**
 * One CSV cell: a text that a spreadsheet would take for a formula is neutralised with a leading
 * apostrophe (shown as text, never evaluated); a cell with `;`, `"` or a line break is quoted.
 */
export function csvCell(value: string | number | null): string {
    let text = value === null ? '' : String(value);
    if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
    return /[;"\n\r\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvMoney(m: MoneyJson | null): string {
    return m ? m.reais.replace('.', ',') : '';
}

/**
 * One line per component, OCI columns repeated; `;` separated, decimal comma, UTF-8 with BOM (opens right in
 * spreadsheets set to pt-BR).
 */
export function catalogoCsv(json: CatalogoJson): string {
    return collectText(emit => emitCatalogoCsv(json, emit));
}

/** catalogoCsv's text in pieces, as it is made. */
export function emitCatalogoCsv(json: CatalogoJson, emit: Emit): void {
    const header = [
        'codigo_oci',
        'nome_oci',
        'subgrupo',
        'tR_dias',
        'tM_dias',
        'valor_oci',
        'valor_sigtap',
        'tipo',
        'grupo',
        'procedimentos',
        'qt',
        'frequencia',
        'estimativa',
        'origem_estimativa',
        'valor_linha'
    ];
    emit('\uFEFF');
    const rows = new JoinedLines('\r\n', emit);
    rows.push(header.join(';'));
    for (const oci of json.ocis) {
        for (const c of oci.componentes) {
            rows.push(
                [
                    oci.codigoFormatado,
                    oci.nome,
                    oci.subgrupo.codigo,
                    oci.tR,
                    oci.tM,
                    csvMoney(oci.valor.calculado),
                    csvMoney(oci.valor.sigtap),
                    c.tipo,
                    c.grupo,
                    c.procedimentos.map(p => p.codigoFormatado).join(' '),
                    c.qt,
                    c.frequencia.replace('.', ','),
                    csvMoney(c.estimativa),
                    c.origemEstimativa,
                    csvMoney(c.valor)
                ]
                    .map(csvCell)
                    .join(';')
            );
        }
    }
    emit('\r\n');
}
