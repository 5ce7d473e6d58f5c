/**
 * The semantic diff of two catalogues as Markdown for a pull-request comment (pt-BR): a summary
 * line first, then the catalogue header, added/removed/renamed OCIs, value changes (with the
 * financial impact when volumes were given) and, per OCI, every field that changed.
 * Deterministic: derived only from the CatalogoDiff.
 */
import type { ComponenteJson, CustoJson, MoneyJson, OciJson } from '../generator/catalogo-json.js';
import {
    componenteCurto,
    componenteRotulo,
    diasTexto,
    faixaEtaria,
    percentual,
    reais,
    reaisComSinal,
    tipoTexto
} from '../generator/formato-pt.js';
import type {
    CatalogoDiff,
    CatalogoInfo,
    ComponenteAlteracao,
    Mudanca,
    MudancaLista,
    OciAlteracao
} from './catalogo-diff.js';

/** Escapes text for a Markdown table cell (and keeps GitHub from reading it as HTML). */
function cell(text: string): string {
    return text
        .replace(/\\/g, '\\\\')
        .replace(/\|/g, '\\|')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\r?\n/g, ' ');
}

/** `1234` → `1.234` (pt-BR grouping, independent of the runtime's locale data). */
function inteiro(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function plural(n: number, singular: string, pluralForm: string): string {
    return `${n} ${n === 1 ? singular : pluralForm}`;
}

function row(...cells: string[]): string {
    return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: string[][], align?: string[]): string[] {
    return [row(...header), row(...(align ?? header.map(() => '---'))), ...rows.map(r => row(...r))];
}

const RIGHT = '---:';

function sigtapTexto(s: CatalogoInfo['sigtap']): string {
    return s ? `${s.arquivo} (${s.competencia}; SHA-256 ${s.sha256.slice(0, 12)}…)` : '—';
}

function custoTexto(c: CustoJson): string {
    return c.tipo === 'percentual' ? `${c.percentual.replace('.', ',')}%` : reais(c.valor);
}

function componenteTexto(c: ComponenteJson): string {
    const partes = [tipoTexto(c.tipo), `qt ${c.qt}`];
    if (c.tipo === 'eventual') partes.push(`frequência ${percentual(c.frequencia)}`);
    partes.push(
        `estimativa ${reais(c.estimativa)}${c.origemEstimativa === 'sigtap' ? ' (SIGTAP)' : ''}`,
        `valor ${reais(c.valor)}`
    );
    return partes.join(', ');
}

function listaTexto<T>(m: MudancaLista<T>, show: (x: T) => string = x => String(x)): [string, string] {
    return [
        m.removidos.length ? m.removidos.map(x => `− ${show(x)}`).join('; ') : '—',
        m.adicionados.length ? m.adicionados.map(x => `+ ${show(x)}`).join('; ') : '—'
    ];
}

function conclusaoTexto(c: OciJson['conclusao']): string {
    if (!c) return '—';
    if (c.grupo) return `um de "${c.grupo}"`;
    return c.procedimentos.map(p => `${p.codigoFormatado}${p.nome ? ` ${p.nome}` : ''}`).join(', ');
}

function contrarreferenciaTexto(c: OciJson['contrarreferencia']): string {
    return c ? `${c.destino}${c.descricao ? ` ("${c.descricao}")` : ''}` : '—';
}

function valorTexto(m: MoneyJson | null): string {
    return reais(m);
}

function summaryLine(diff: CatalogoDiff): string {
    const nome = diff.novo.nome || diff.antigo.nome;
    const r = diff.resumo;
    const prefix = `**Diferenças no catálogo "${nome}"**:`;
    if (r.semMudancas)
        return `${prefix} nenhuma mudança (${plural(r.ocisDepois, 'OCI', 'OCIs')}; soma dos valores ${reais(r.valorTotal.depois)}).`;
    const partes: string[] = [];
    if (r.adicionadas) partes.push(plural(r.adicionadas, 'OCI adicionada', 'OCIs adicionadas'));
    if (r.removidas) partes.push(plural(r.removidas, 'OCI removida', 'OCIs removidas'));
    if (r.alteradas) {
        const detalhes = [
            r.renomeadas ? plural(r.renomeadas, 'renomeada', 'renomeadas') : '',
            r.comValorAlterado ? `${r.comValorAlterado} com valor novo` : ''
        ].filter(Boolean);
        partes.push(
            `${plural(r.alteradas, 'OCI alterada', 'OCIs alteradas')}${detalhes.length ? ` (${detalhes.join(', ')})` : ''}`
        );
    }
    if (partes.length === 0) partes.push('nenhuma OCI mudou');
    let line = `${prefix} ${partes.join(', ')}; soma dos valores ${reais(r.valorTotal.antes)} → ${reais(r.valorTotal.depois)} (${reaisComSinal(r.valorTotal.diferenca)})`;
    if (diff.impacto) line += `; impacto financeiro estimado ${reaisComSinal(diff.impacto.total)}`;
    return `${line}.`;
}

function ociChanges(a: OciAlteracao): string[][] {
    const rows: string[][] = [];
    const add = (what: string, antes: string, depois: string) => rows.push([cell(what), cell(antes), cell(depois)]);
    if (a.renomeada) add('nome', a.renomeada.antes, a.renomeada.depois);
    if (a.tR) add('tR', diasTexto(a.tR.antes), diasTexto(a.tR.depois));
    if (a.tM) add('tM', diasTexto(a.tM.antes), diasTexto(a.tM.depois));
    if (a.publico) {
        const { antes, depois } = a.publico;
        if (antes.sexo !== depois.sexo) add('público: sexo', antes.sexo, depois.sexo);
        const idadeAntes = faixaEtaria(antes.idadeMinimaMeses, antes.idadeMaximaMeses);
        const idadeDepois = faixaEtaria(depois.idadeMinimaMeses, depois.idadeMaximaMeses);
        if (idadeAntes !== idadeDepois) add('público: idade', idadeAntes, idadeDepois);
    }
    if (a.cids) add('CIDs', ...listaTexto(a.cids));
    if (a.componentes) {
        for (const c of a.componentes.removidos)
            add(`componente ${componenteRotulo(c)} (removido)`, componenteTexto(c), '—');
        for (const c of a.componentes.adicionados)
            add(`componente ${componenteRotulo(c)} (adicionado)`, '—', componenteTexto(c));
        for (const c of a.componentes.alterados) rows.push(...componentChanges(c));
    }
    if (a.conclusao) add('conclusão', conclusaoTexto(a.conclusao.antes), conclusaoTexto(a.conclusao.depois));
    if (a.modalidadesRemotas) add('modalidades remotas', ...listaTexto(a.modalidadesRemotas));
    if (a.contrarreferencia)
        add(
            'contrarreferência',
            contrarreferenciaTexto(a.contrarreferencia.antes),
            contrarreferenciaTexto(a.contrarreferencia.depois)
        );
    if (a.fundamento) add('fundamento', ...listaTexto(a.fundamento));
    if (a.tecnologias) {
        for (const t of a.tecnologias.removidas) add(`tecnologia ${t} (removida)`, 'usada', '—');
        for (const t of a.tecnologias.adicionadas) add(`tecnologia ${t} (adicionada)`, '—', 'usada');
        for (const t of a.tecnologias.alteradas) {
            // A fixed cost that changed is the value row below; a percentage (or a change of kind) is shown on its own.
            const fixed = t.custo?.antes.tipo === 'valor' && t.custo.depois.tipo === 'valor' && t.valor;
            if (t.custo && !fixed)
                add(`tecnologia ${t.nome}: custo`, custoTexto(t.custo.antes), custoTexto(t.custo.depois));
            if (t.valor)
                add(
                    `tecnologia ${t.nome}: valor`,
                    reais(t.valor.antes),
                    `${reais(t.valor.depois)} (${reaisComSinal(t.valor.diferenca)})`
                );
        }
    }
    if (a.valorDeclarado)
        add('valor declarado', valorTexto(a.valorDeclarado.antes), valorTexto(a.valorDeclarado.depois));
    if (a.valorSigtap) add('valor na tabela SIGTAP', valorTexto(a.valorSigtap.antes), valorTexto(a.valorSigtap.depois));
    if (a.valor)
        rows.push([
            cell('**valor da OCI**'),
            `**${reais(a.valor.antes)}**`,
            `**${reais(a.valor.depois)}** (${reaisComSinal(a.valor.diferenca)})`
        ]);
    return rows;
}

function componentChanges(c: ComponenteAlteracao): string[][] {
    const rows: string[][] = [];
    const label = `componente ${componenteCurto(c.depois)}`;
    const add = (what: string, antes: string, depois: string) =>
        rows.push([cell(`${label}: ${what}`), cell(antes), cell(depois)]);
    if (c.tipo) add('tipo', tipoTexto(c.tipo.antes), tipoTexto(c.tipo.depois));
    if (c.qt) add('qt', String(c.qt.antes), String(c.qt.depois));
    if (c.frequencia) add('frequência', percentual(c.frequencia.antes), percentual(c.frequencia.depois));
    if (c.estimativa) {
        const origem = (o: string) => (o === 'sigtap' ? ' (SIGTAP)' : '');
        add(
            'estimativa',
            `${reais(c.estimativa.antes)}${origem(c.estimativa.origemAntes)}`,
            `${reais(c.estimativa.depois)}${origem(c.estimativa.origemDepois)}`
        );
    }
    if (c.procedimentos) add('procedimentos', ...listaTexto(c.procedimentos, p => p.codigoFormatado));
    if (c.valor) add('valor', reais(c.valor.antes), `${reais(c.valor.depois)} (${reaisComSinal(c.valor.diferenca)})`);
    return rows;
}

function mudancaTexto<T>(m: Mudanca<T> | null, show: (x: T) => string, fallback: T): [string, string] {
    return m ? [show(m.antes), show(m.depois)] : [show(fallback), show(fallback)];
}

export interface DiffMarkdownOptions {
    /** Label of the old catalogue (a folder, a file or `rev:path`). */
    antigo?: string;
    /** Label of the new catalogue. */
    novo?: string;
    /** Label of the volumes file, when given. */
    volumes?: string;
    /**
     * Largest output in characters (GitHub refuses comments over 65,536): past it the per-OCI
     * details are cut, last first, with a note. Default 60,000; 0 = no limit.
     */
    limite?: number;
}

export const LIMITE_PADRAO = 60_000;

export function diffMarkdown(diff: CatalogoDiff, options: DiffMarkdownOptions = {}): string {
    const out: string[] = [summaryLine(diff), ''];
    const labels =
        options.antigo || options.novo
            ? ` — antes: \`${options.antigo ?? '?'}\`, depois: \`${options.novo ?? '?'}\``
            : '';
    out.push(`## Diferenças no rol de OCI${labels}`, '');
    const identity = (x: string | null) => cell(x ?? '—');
    out.push(
        ...table(
            ['', 'antes', 'depois'],
            [
                ['versão', ...mudancaTexto(diff.catalogo.versao, identity, diff.novo.versao)],
                ['competência', ...mudancaTexto(diff.catalogo.competencia, identity, diff.novo.competencia)],
                ['tabela SIGTAP', cell(sigtapTexto(diff.antigo.sigtap)), cell(sigtapTexto(diff.novo.sigtap))],
                ['OCIs', String(diff.antigo.ocis), String(diff.novo.ocis)],
                [
                    'soma dos valores',
                    reais(diff.antigo.valorTotal),
                    `${reais(diff.novo.valorTotal)} (${reaisComSinal(diff.resumo.valorTotal.diferenca)})`
                ]
            ]
        ),
        ''
    );
    if (diff.catalogo.nome)
        out.push(`Nome do catálogo: "${cell(diff.catalogo.nome.antes)}" → "${cell(diff.catalogo.nome.depois)}".`, '');
    if (diff.configuracao) out.push(...configuracaoMarkdown(diff.configuracao));

    const { adicionadas, removidas, alteradas } = diff.ocis;
    if (adicionadas.length) {
        out.push(`### OCIs adicionadas (${adicionadas.length})`, '');
        out.push(
            ...table(
                ['Código', 'OCI', 'tR', 'tM', 'Valor'],
                adicionadas.map(o => [
                    o.codigoFormatado,
                    cell(o.nome),
                    diasTexto(o.tR),
                    diasTexto(o.tM),
                    reais(o.valor)
                ]),
                ['---', '---', RIGHT, RIGHT, RIGHT]
            ),
            ''
        );
    }
    if (removidas.length) {
        out.push(`### OCIs removidas (${removidas.length})`, '');
        out.push(
            ...table(
                ['Código', 'OCI', 'tR', 'tM', 'Valor'],
                removidas.map(o => [o.codigoFormatado, cell(o.nome), diasTexto(o.tR), diasTexto(o.tM), reais(o.valor)]),
                ['---', '---', RIGHT, RIGHT, RIGHT]
            ),
            ''
        );
    }
    const renomeadas = alteradas.filter(a => a.renomeada);
    if (renomeadas.length) {
        out.push(`### OCIs renomeadas (${renomeadas.length})`, '');
        out.push(
            ...table(
                ['Código', 'Nome anterior', 'Nome novo'],
                renomeadas.map(a => [a.codigoFormatado, cell(a.renomeada!.antes), cell(a.renomeada!.depois)])
            ),
            ''
        );
    }
    const comValor = alteradas.filter(a => a.valor);
    if (comValor.length) {
        out.push(`### Valores alterados (${comValor.length})`, '');
        out.push(
            ...table(
                ['Código', 'OCI', 'Antes', 'Depois', 'Diferença'],
                comValor.map(a => [
                    a.codigoFormatado,
                    cell(a.nome),
                    reais(a.valor!.antes),
                    reais(a.valor!.depois),
                    reaisComSinal(a.valor!.diferenca)
                ]),
                ['---', '---', RIGHT, RIGHT, RIGHT]
            ),
            ''
        );
    }
    if (diff.impacto) {
        const imp = diff.impacto;
        out.push(`### Impacto financeiro${options.volumes ? ` (volumes de \`${options.volumes}\`)` : ''}`, '');
        out.push(
            'Impacto = (valor novo − valor anterior) × volume; uma OCI adicionada conta do zero e uma removida até o zero.',
            ''
        );
        if (imp.ocis.length) {
            out.push(
                ...table(
                    ['Código', 'OCI', 'Situação', 'Antes', 'Depois', 'Diferença', 'Volume', 'Impacto'],
                    [
                        ...imp.ocis.map(o => [
                            o.codigoFormatado,
                            cell(o.nome),
                            o.situacao,
                            reais(o.valorAntes),
                            reais(o.valorDepois),
                            reaisComSinal(o.diferenca),
                            inteiro(o.volume),
                            reaisComSinal(o.impacto)
                        ]),
                        ['**Total**', '', '', '', '', '', '', `**${reaisComSinal(imp.total)}**`]
                    ],
                    ['---', '---', '---', RIGHT, RIGHT, RIGHT, RIGHT, RIGHT]
                ),
                ''
            );
        } else {
            out.push(`Nenhuma OCI com valor alterado tem volume informado: impacto ${reais(imp.total)}.`, '');
        }
        if (imp.semVolume.length) {
            out.push(
                `Sem volume informado (fora do total): ${imp.semVolume.map(o => `${o.codigoFormatado} (${reaisComSinal(o.diferenca)})`).join(', ')}.`,
                ''
            );
        }
        if (imp.codigosSemOci.length) {
            out.push(
                `Códigos do arquivo de volumes que não são OCI de nenhum dos catálogos: ${imp.codigosSemOci.join(', ')}.`,
                ''
            );
        }
    }
    const details = alteradas.map(a =>
        [
            `#### ${a.codigoFormatado} ${cell(a.nome)}`,
            '',
            ...table(['O que mudou', 'Antes', 'Depois'], ociChanges(a)),
            ''
        ].join('\n')
    );
    const detailsAt = out.length;
    const t = diff.tecnologias;
    if (t.adicionadas.length || t.removidas.length || t.alteradas.length) {
        out.push('### Tecnologias de cuidado', '');
        out.push(
            ...table(
                ['Tecnologia', 'Antes', 'Depois'],
                [
                    ...t.removidas.map(x => [
                        cell(x.nome),
                        cell(`${x.descricao ?? ''} ${custoTexto(x.custo)}`.trim()),
                        '—'
                    ]),
                    ...t.adicionadas.map(x => [
                        cell(x.nome),
                        '—',
                        cell(`${x.descricao ?? ''} ${custoTexto(x.custo)}`.trim())
                    ]),
                    ...t.alteradas.flatMap(x => [
                        ...(x.descricao
                            ? [
                                  [
                                      cell(`${x.nome}: descrição`),
                                      cell(x.descricao.antes ?? '—'),
                                      cell(x.descricao.depois ?? '—')
                                  ]
                              ]
                            : []),
                        ...(x.custo
                            ? [[cell(`${x.nome}: custo`), custoTexto(x.custo.antes), custoTexto(x.custo.depois)]]
                            : [])
                    ])
                ]
            ),
            ''
        );
    }
    const g = diff.grupos;
    if (g.adicionados.length || g.removidos.length || g.alterados.length) {
        out.push('### Grupos "um de"', '');
        const membros = (ps: Array<{ codigoFormatado: string }>) => ps.map(p => p.codigoFormatado).join(', ');
        out.push(
            ...table(
                ['Grupo', 'Antes', 'Depois'],
                [
                    ...g.removidos.map(x => [cell(x.nome), cell(membros(x.procedimentos)), '—']),
                    ...g.adicionados.map(x => [cell(x.nome), '—', cell(membros(x.procedimentos))]),
                    ...g.alterados.flatMap(x => [
                        ...(x.descricao
                            ? [
                                  [
                                      cell(`${x.nome}: descrição`),
                                      cell(x.descricao.antes ?? '—'),
                                      cell(x.descricao.depois ?? '—')
                                  ]
                              ]
                            : []),
                        ...(x.procedimentos.adicionados.length || x.procedimentos.removidos.length
                            ? [
                                  [
                                      cell(`${x.nome}: procedimentos`),
                                      ...listaTexto(x.procedimentos, p => p.codigoFormatado).map(cell)
                                  ]
                              ]
                            : [])
                    ])
                ]
            ),
            ''
        );
    }
    const tail = out.splice(detailsAt);
    const render = (shown: number) => {
        const lines = [...out];
        if (alteradas.length) {
            lines.push(`### Alterações por OCI (${alteradas.length})`, '', ...details.slice(0, shown));
            if (shown < alteradas.length) {
                lines.push(
                    `_Detalhes de ${alteradas.length - shown} OCI omitidos para caber num comentário (${alteradas
                        .slice(shown)
                        .map(a => a.codigoFormatado)
                        .join(', ')}): veja \`oci-catalogo diff --format json\`._`,
                    ''
                );
            }
        }
        return [...lines, ...tail].join('\n').replace(/\n+$/, '') + '\n';
    };
    const limite = options.limite ?? LIMITE_PADRAO;
    let shown = alteradas.length;
    let text = render(shown);
    while (limite > 0 && text.length > limite && shown > 0) text = render(--shown);
    return text;
}

/** The section on the workspace configuration: a relaxed rule is as visible as a changed OCI. */
function configuracaoMarkdown(c: NonNullable<CatalogoDiff['configuracao']>): string[] {
    const out = [`### Configuração do repositório (oci-catalogo.yaml)`, ''];
    const arquivo = (f: string | null) => (f === null ? 'nenhum' : `\`${f}\``);
    if (c.arquivo.antes !== c.arquivo.depois)
        out.push(`Arquivo: ${arquivo(c.arquivo.antes)} → ${arquivo(c.arquivo.depois)}.`, '');
    const severidade = (s: string | null) => (s === null ? 'a da regra' : s);
    if (c.regras.length)
        out.push(
            ...table(
                ['Regra', 'antes', 'depois'],
                c.regras.map(r => [`\`${r.codigo}\``, severidade(r.antes), severidade(r.depois)])
            ),
            ''
        );
    const valor = (v: string | null) => (v === null ? '—' : `\`${cell(v)}\``);
    if (c.chaves.length)
        out.push(
            ...table(
                ['Chave', 'antes', 'depois'],
                c.chaves.map(k => [k.chave, valor(k.antes), valor(k.depois)])
            ),
            ''
        );
    return out;
}
