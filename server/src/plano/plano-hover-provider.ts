/**
 * Hover do PAR e da SE: no nome do plano, o conteúdo mínimo e o incentivo do art. 15 com as duas
 * parcelas (a 2ª com a condição conferida pelo arquivo `execucao` do PAR, quando há); numa OCI do
 * elenco ou de uma fila, a OCI do rol (nome, valor, volume × valor); num município, o nome no IBGE,
 * a UF e (na SE) a Amazônia Legal; numa meta, a redução; num documento do §4, o inciso; na
 * habilitação, o incentivo mensal e os documentos; e, sobre qualquer diagnóstico do PAR ou da SE,
 * o texto dos dispositivos que ele cita.
 */
import {
    AstUtils,
    CstUtils,
    type AstNode,
    type LangiumCoreServices,
    type LangiumDocument,
    type MaybePromise,
    type Reference
} from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isAprovacaoCib,
    isDocumentoSe,
    isExecucaoPar,
    isHabilitacaoSe,
    isMeta,
    isMunicipioPar,
    isMunicipioSe,
    isOciElenco,
    isOcisFila,
    isPar,
    isProducaoPrevista,
    isTerritorio,
    type Oci
} from '../../../language/src/index.js';
import type { ExecucaoDoPar } from '../../../language/src/index.js';
import type { ParAddedServices } from '../../../language/src/index.js';
import { formatMoney } from '../../../language/src/index.js';
import { valorDaOci } from '../../../language/src/index.js';
import { formatInteger, parseInteger } from '../../../language/src/index.js';
import { amazoniaLegal, municipioIbge } from '../../../language/src/index.js';
import { percentual, resumoSe } from '../../../language/src/index.js';
import { DOCUMENTOS_SE, chaveDoDocumento } from '../../../language/src/index.js';
import { formatCodigo } from '../../../language/src/index.js';
import { Money } from '../../../language/src/index.js';
import {
    amazoniaMarkdown,
    dispositivoMarkdown,
    incentivoMarkdown,
    legalMarkdown,
    md,
    parMarkdown,
    resumoComExecucao,
    seMarkdown
} from './plano-text.js';

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}

export class PlanoHoverProvider implements HoverProvider {
    /** Só nos serviços do PAR (a SE não tem execução financeira). */
    private readonly execucao?: ExecucaoDoPar;

    constructor(services?: LangiumCoreServices) {
        this.execucao = (services as Partial<ParAddedServices> | undefined)?.plano?.Execucao;
    }

    getHoverContent(document: LangiumDocument, params: HoverParams): MaybePromise<Hover | undefined> {
        const partes = [this.doNo(document, params), this.legal(document, params)].filter((p): p is string => !!p);
        return partes.length ? markdown(partes.join('\n\n---\n\n')) : undefined;
    }

    private doNo(document: LangiumDocument, params: HoverParams): string | undefined {
        const raiz = document.parseResult?.value?.$cstNode;
        if (!raiz) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const folha = CstUtils.findLeafNodeAtOffset(raiz, offset);
        if (!folha || offset >= folha.end) return undefined;
        const arquivo = document.uri.path.split('/').pop() ?? '';
        // Uma referência a OCI (elenco ou fila).
        const no = folha.astNode;
        const refs: Array<Reference<Oci>> = isOciElenco(no) ? [no.oci] : isOcisFila(no) ? no.ocis : [];
        const ref = refs.find(r => r?.$refNode && r.$refNode.offset <= offset && offset < r.$refNode.end);
        if (ref) return this.oci(ref, isOciElenco(no) ? parseInteger(no.volume) : undefined);
        for (let n: AstNode | undefined = no; n; n = n.$container) {
            if (isMunicipioPar(n) || isMunicipioSe(n)) return this.municipio(n.codigo, isMunicipioSe(n));
            if (isMeta(n)) return this.meta(n.tipo, parseInteger(n.atual), parseInteger(n.alvo));
            if (isDocumentoSe(n)) {
                const d = DOCUMENTOS_SE.find(x => x.chave === chaveDoDocumento(n));
                return d ? dispositivoMarkdown(`1997/878-A/§4/${d.inciso}`) : undefined;
            }
            if (isTerritorio(n) || isAprovacaoCib(n) || isProducaoPrevista(n) || isExecucaoPar(n)) {
                const par = AstUtils.getContainerOfType(n, isPar);
                return par ? incentivoMarkdown(resumoComExecucao(par, arquivo, this.execucao).incentivo) : undefined;
            }
            if (isPar(n)) return parMarkdown(resumoComExecucao(n, arquivo, this.execucao));
            if (isHabilitacaoSe(n)) return seMarkdown(resumoSe(n, { arquivo }));
        }
        return undefined;
    }

    private oci(ref: Reference<Oci>, volume: number | undefined): string {
        const oci = ref.ref;
        if (!oci) return `OCI ${md(formatCodigo(ref.$refText))}: não está no rol carregado`;
        const valor = valorDaOci(oci);
        const linhas = [
            `**${md(formatCodigo(oci.codigo))}** ${md(oci.nome ?? '')}`,
            '',
            `Valor no rol: ${valor ? formatMoney(valor) : 'indeterminado'}`
        ];
        if (volume !== undefined && valor)
            linhas.push(
                `Produção prevista: ${formatInteger(volume)} × ${formatMoney(valor)} = **${formatMoney(valor.times(volume))}**`
            );
        return linhas.join('\n\n');
    }

    private municipio(codigo: string, se: boolean): string {
        const m = municipioIbge(codigo);
        if (!m) return `${md(codigo)}: não está na base de municípios do IBGE do projeto`;
        const linhas = [`**${md(m.nome)}** (${m.uf}) — código IBGE ${m.codigo}`];
        if (se) {
            const a = amazoniaLegal(codigo);
            linhas.push('', amazoniaMarkdown(a.situacao, a.incerta));
            if (m.lonMin !== undefined && m.lonMax !== undefined)
                linhas.push(
                    '',
                    `Longitudes do polígono simplificado: ${m.lonMin.toFixed(4)}° a ${m.lonMax.toFixed(4)}°`
                );
        }
        return linhas.join('\n');
    }

    private meta(tipo: string, de: number | undefined, para: number | undefined): string | undefined {
        if (de === undefined || para === undefined) return undefined;
        const u = tipo === 'espera' ? ' dias' : '';
        const reducao = de - para;
        const pct = de > 0 ? percentual(new Money(reducao).div(de).times(100)) : '—';
        return (
            `Meta de ${tipo === 'espera' ? 'tempo de espera' : 'tamanho da fila'}: de ${formatInteger(de)}${u} para ${formatInteger(para)}${u} — ` +
            (reducao > 0 ? `redução de ${formatInteger(reducao)}${u} (${pct})` : '**não reduz** (art. 9 V)')
        );
    }

    /** O texto dos dispositivos dos diagnósticos sob o cursor. */
    private legal(document: LangiumDocument, params: HoverParams): string | undefined {
        const p = params.position;
        const antes = (a: { line: number; character: number }, b: { line: number; character: number }) =>
            a.line < b.line || (a.line === b.line && a.character <= b.character);
        const codigos = [
            ...new Set(
                (document.diagnostics ?? [])
                    .filter(d => antes(d.range.start, p) && antes(p, d.range.end))
                    .map(d => String(d.code))
            )
        ];
        const textos = codigos.map(legalMarkdown).filter((t): t is string => !!t);
        return textos.length ? textos.join('\n\n---\n\n') : undefined;
    }
}
