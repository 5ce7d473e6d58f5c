/**
 * The server's own requests (names and types in ./protocol.ts):
 *
 *  oci/composicaoValor — the value breakdown of one OCI, as JSON (the same computation as the
 *    hover and the code lens: language/src/value/engine.ts).
 *  oci/gerarCatalogo — builds the catalogue of a header from the documents the server holds
 *    (the files of the workspace, with the editors' text) and writes catalogo.json, .md, .csv and
 *    .html like `oci-catalogo build`: the same JSON generator (buildCatalogoJson over the
 *    documents the header governs), refusing when they have errors, each file written
 *    atomically, the JSON last (language/src/generator/catalogo-arquivos.ts).
 */
import * as path from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { isOci, type Documento, type Oci } from '../../language/src/index.js';
import { writeCatalogoFiles } from '../../language/src/index.js';
import { buildCatalogoJson } from '../../language/src/index.js';
import { formatMoney, formatPercent, fromCentavos, toCentavos, type Money } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import { isInside } from '../../language/src/index.js';
import type { OciLspServices } from './oci-lsp-module.js';
import {
    ComposicaoValorRequest,
    GenerateCatalogoRequest,
    type ComposicaoValor,
    type ComposicaoValorParams,
    type Dinheiro,
    type ErroCatalogo,
    type GenerateCatalogoParams,
    type GenerateCatalogoResult
} from './protocol.js';
import { formatCompetencia } from './sigtap-text.js';
import { summarize } from './value-text.js';
import { workspaceConfigWatcher } from './workspace-config-watcher.js';

export interface RequestServices {
    shared: LangiumSharedServices;
    Oci: OciLspServices;
}

export function registerOciRequests(connection: Connection, services: RequestServices): void {
    connection.onRequest(ComposicaoValorRequest, (params: ComposicaoValorParams) => composicaoValor(services, params));
    connection.onRequest(GenerateCatalogoRequest, (params: GenerateCatalogoParams) =>
        generateCatalogo(services, params)
    );
}

function dinheiro(value: Money): Dinheiro {
    return { texto: formatMoney(value), centavos: toCentavos(value) };
}

const REGRA = {
    pt: 'Cada linha arredondada aos centavos, meio para o par (ABNT NBR 5891); estimativa omitida = VL_SA do procedimento na tabela SIGTAP (valor ambulatorial; um_de: o maior VL_SA) — Portaria GM/MS nº 3.492/2024, art. 6 §2 V e §3',
    en: 'Each line rounded to centavos, half to even (ABNT NBR 5891); an omitted estimate is the VL_SA of the procedure in the SIGTAP table (ambulatory value; um_de: the largest VL_SA) — Portaria GM/MS nº 3.492/2024, art. 6 §2 V e §3'
} as const;

/** The breakdown of the OCI at `position` (or with `codigo`; or the document's only OCI); null when there is none. */
export async function composicaoValor(
    services: RequestServices,
    params: ComposicaoValorParams
): Promise<ComposicaoValor | null> {
    const uri = URI.parse(params.uri);
    const documents = services.shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(uri)) return null;
    await services.shared.workspace.DocumentBuilder.waitUntil(DocumentState.Linked, uri);
    const document = documents.getDocument(uri) as LangiumDocument<Documento> | undefined;
    if (!document) return null;
    const oci = findOci(document, params);
    if (!oci?.$cstNode) return null;
    const text = document.textDocument;
    const line = (node: { $cstNode?: { offset: number } }) =>
        node.$cstNode ? text.positionAt(node.$cstNode.offset).line : -1;
    const table = services.Oci.catalogo.Context.forDocument(document).table;
    const s = summarize(oci, table);
    const b = s.breakdown;
    const codigo = normalizeCodigo(oci.codigo);
    const linhaSigtap = codigo ? table?.procedimentos.get(codigo) : undefined;
    return {
        uri: params.uri,
        codigo: formatCodigo(oci.codigo),
        nome: oci.nome ?? '',
        linha: line(oci),
        procedimentos: b.procedimentos.map(l => ({
            tipo: l.tipo,
            alvo: l.alvo,
            descricao: l.descricao,
            qt: l.qt,
            frequencia: l.tipo === 'eventual' ? formatPercent(l.frequencia) : undefined,
            frequenciaPadrao: l.frequenciaPadrao,
            estimativa: dinheiro(l.estimativa),
            origem: l.origemEstimativa,
            valor: dinheiro(l.valor),
            linha: line(l.node)
        })),
        faltantes: b.faltantes.map(f => ({ alvo: f.alvo, pendente: f.pendente, linha: line(f.node) })),
        subtotalProcedimentos: dinheiro(b.subtotalProcedimentos),
        tecnologias: b.tecnologias.map(t => ({
            nome: t.nome,
            descricao: t.descricao,
            percentual: t.percentual !== undefined ? formatPercent(t.percentual) : undefined,
            base: t.base !== undefined ? dinheiro(t.base) : undefined,
            valorFixo: t.valorFixo !== undefined ? dinheiro(t.valorFixo) : undefined,
            valor: dinheiro(t.valor),
            linha: line(t.node)
        })),
        subtotalTecnologias: dinheiro(b.subtotalTecnologias),
        total: dinheiro(b.total),
        declarado: s.declarado !== undefined ? dinheiro(s.declarado) : undefined,
        diferenca: s.diferenca !== undefined ? dinheiro(s.diferenca) : undefined,
        sigtap:
            table && linhaSigtap
                ? {
                      competencia: formatCompetencia(table.competencia),
                      valor: dinheiro(fromCentavos(linhaSigtap.vlSaCentavos))
                  }
                : undefined,
        tR: s.tr,
        tM: s.tm,
        regra: REGRA[services.Oci.catalogo.Settings.locale]
    };
}

function findOci(document: LangiumDocument<Documento>, params: ComposicaoValorParams): Oci | undefined {
    const ocis = (document.parseResult.value.elementos ?? []).filter(isOci);
    if (params.position) {
        const offset = document.textDocument.offsetAt(params.position);
        const at = ocis.find(o => o.$cstNode && o.$cstNode.offset <= offset && offset <= o.$cstNode.end);
        if (at) return at;
    }
    if (params.codigo) {
        const wanted = normalizeCodigo(params.codigo);
        const withCode = ocis.find(o => normalizeCodigo(o.codigo) === wanted);
        if (withCode) return withCode;
    }
    return ocis.length === 1 ? ocis[0] : undefined;
}

const MAX_ERROS = 200;

/** Builds and writes the catalogue that `params.cabecalho` (or the header of `params.uri`) governs. */
export async function generateCatalogo(
    services: RequestServices,
    params: GenerateCatalogoParams
): Promise<GenerateCatalogoResult> {
    const { shared, Oci } = services;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const context = Oci.catalogo.Context;
    const documents = shared.workspace.LangiumDocuments;
    const headers = context.headerDocuments();
    let header: LangiumDocument<Documento> | undefined;
    if (params.cabecalho) {
        header = headers.find(h => h.uri.toString() === URI.parse(params.cabecalho!).toString());
    } else if (params.uri && documents.hasDocument(URI.parse(params.uri))) {
        header = context.findHeaderDocument(documents.getDocument(URI.parse(params.uri))!);
    }
    if (!header) {
        if (headers.length > 1) {
            return {
                status: 'escolher',
                catalogos: headers.map(h => ({
                    uri: h.uri.toString(),
                    nome: h.parseResult.value.cabecalho?.nome ?? ''
                }))
            };
        }
        header = headers[0];
        if (!header) return { status: 'sem-catalogo' };
    }
    const governed = documents.all
        .filter(d => context.findHeaderDocument(d) === header)
        .map(d => d as LangiumDocument<Documento>)
        .toArray()
        .sort((a, b) => (a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0));
    const erros: ErroCatalogo[] = [];
    let avisos = 0;
    for (const d of governed) {
        for (const diagnostic of d.diagnostics ?? []) {
            if (diagnostic.severity === 2) avisos++;
            if (diagnostic.severity !== 1) continue;
            erros.push({
                uri: d.uri.toString(),
                linha: diagnostic.range.start.line,
                coluna: diagnostic.range.start.character,
                codigo: String(diagnostic.code ?? 'sintaxe'),
                mensagem: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message)
            });
        }
    }
    if (erros.length > 0)
        return {
            status: 'erros',
            cabecalho: header.uri.toString(),
            erros: erros.slice(0, MAX_ERROS),
            total: erros.length
        };
    const headerDir = path.dirname(header.uri.fsPath);
    // oci-catalogo.yaml's saidas.pasta over the editor setting (workspace-config-watcher.ts).
    const pasta = workspaceConfigWatcher(shared)?.saidasPasta(headerDir) ?? params.saida;
    const saida = resolveSaida(pasta, header.uri.fsPath, Oci.catalogo.Settings.workspaceRoots, headerDir);
    try {
        const json = buildCatalogoJson(governed, context.forDocument(header), headerDir);
        const arquivos = writeCatalogoFiles(json, saida, workspaceConfigWatcher(shared)?.saidasFormatos(headerDir));
        return {
            status: 'gerado',
            cabecalho: header.uri.toString(),
            saida,
            arquivos,
            ocis: json.resumo.ocis,
            total: {
                texto: formatMoney(fromCentavos(json.resumo.valorTotal.centavos)),
                centavos: json.resumo.valorTotal.centavos
            },
            competencia: json.catalogo.sigtap?.competencia ?? json.catalogo.competencia,
            avisos
        };
    } catch (error) {
        return { status: 'falha', mensagem: error instanceof Error ? error.message : String(error) };
    }
}

/**
 * The output folder: absolute as written; relative to the workspace folder that holds the
 * header (the one the setting belongs to), or to the header's folder outside any.
 */
export function resolveSaida(saida: string, headerFile: string, roots: readonly string[], headerDir: string): string {
    const written = saida.trim() === '' ? 'out/catalogo' : saida.trim();
    if (path.isAbsolute(written)) return path.normalize(written);
    const root = roots
        .filter(r => isInside(path.resolve(headerFile), path.resolve(r)))
        .sort((a, b) => b.length - a.length)[0];
    return path.resolve(root ?? headerDir, written);
}
