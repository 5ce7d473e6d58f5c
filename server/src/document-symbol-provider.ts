/**
 * Outline: the catalogue header, tecnologias, grupos (with their members) and OCIs named
 * "09.01.01.001-4 — NOME" (with their components).
 */
import { GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { DefaultDocumentSymbolProvider, type LangiumServices } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import {
    isComponente,
    isGrupoRef,
    isProcedimentoRef,
    type Componente,
    type Documento,
    type Grupo,
    type Oci,
    type Tecnologia,
    isOci,
    isGrupo,
    isTecnologia
} from '../../language/src/index.js';
import { tmOf, trOf, valorOf } from '../../language/src/index.js';
import { formatCodigo } from '../../language/src/index.js';

export class OciDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
    constructor(services: LangiumServices) {
        super(services);
    }

    override getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): MaybePromise<DocumentSymbol[]> {
        const root = document.parseResult.value as Documento;
        const symbols: DocumentSymbol[] = [];
        const header = root.cabecalho;
        if (header?.$cstNode) {
            const nameNode = property(header, 'nome') ?? header.$cstNode;
            symbols.push(
                symbol(
                    `catalogo ${header.nome ?? ''}`.trim(),
                    SymbolKind.Namespace,
                    header.$cstNode,
                    nameNode,
                    [
                        header.versao && `versão ${header.versao}`,
                        header.competencia && `competência ${header.competencia}`
                    ]
                        .filter(Boolean)
                        .join(' · ') || undefined
                )
            );
        }
        for (const elemento of root.elementos ?? []) {
            const s = isOci(elemento)
                ? ociSymbol(elemento)
                : isGrupo(elemento)
                  ? grupoSymbol(elemento)
                  : isTecnologia(elemento)
                    ? tecnologiaSymbol(elemento)
                    : undefined;
            if (s) symbols.push(s);
        }
        return symbols;
    }
}

function ociSymbol(oci: Oci): DocumentSymbol | undefined {
    if (!oci.$cstNode) return undefined;
    const nameNode = property(oci, 'codigo') ?? oci.$cstNode;
    const name = `${formatCodigo(oci.codigo)} — ${oci.nome ?? ''}`;
    const tr = trOf(oci)?.dias;
    const tm = tmOf(oci)?.dias;
    const detail =
        [valorOf(oci)?.valor, tr !== undefined && `tR ${tr}`, tm !== undefined && `tM ${tm}`]
            .filter(Boolean)
            .join(' · ') || undefined;
    const children = oci.itens
        .filter(isComponente)
        .map(componenteSymbol)
        .filter((s): s is DocumentSymbol => s !== undefined);
    return symbol(name, SymbolKind.Module, oci.$cstNode, nameNode, detail, children);
}

function componenteSymbol(componente: Componente): DocumentSymbol | undefined {
    if (!componente.$cstNode) return undefined;
    const alvo = componente.alvo;
    let name = '?';
    if (isProcedimentoRef(alvo)) name = `${formatCodigo(alvo.codigo)}${alvo.nome ? ` ${alvo.nome}` : ''}`;
    else if (isGrupoRef(alvo)) name = `um de ${alvo.grupo?.$refText ?? '?'}`;
    else if (componente.alvoPendente) name = 'a_preencher';
    const nameNode = property(componente, 'alvo') ?? componente.$cstNode;
    return symbol(
        name,
        SymbolKind.Field,
        componente.$cstNode,
        nameNode,
        componente.tipo === 'eventual' ? 'eventual' : 'obrigatório'
    );
}

function grupoSymbol(grupo: Grupo): DocumentSymbol | undefined {
    if (!grupo.$cstNode) return undefined;
    const nameNode = property(grupo, 'name') ?? grupo.$cstNode;
    const children = grupo.membros
        .filter(m => m.$cstNode)
        .map(m =>
            symbol(
                `${formatCodigo(m.codigo)}${m.nome ? ` ${m.nome}` : ''}`,
                SymbolKind.EnumMember,
                m.$cstNode!,
                property(m, 'codigo') ?? m.$cstNode!
            )
        );
    return symbol(grupo.name, SymbolKind.Enum, grupo.$cstNode, nameNode, grupo.descricao, children);
}

function tecnologiaSymbol(tecnologia: Tecnologia): DocumentSymbol | undefined {
    if (!tecnologia.$cstNode) return undefined;
    const nameNode = property(tecnologia, 'name') ?? tecnologia.$cstNode;
    return symbol(tecnologia.name, SymbolKind.Constant, tecnologia.$cstNode, nameNode, tecnologia.descricao);
}

function property(node: AstNode, name: string): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, name);
}

function symbol(
    name: string,
    kind: SymbolKind,
    cst: CstNode,
    nameNode: CstNode,
    detail?: string,
    children?: DocumentSymbol[]
): DocumentSymbol {
    return {
        name: name || '?',
        kind,
        range: cst.range,
        selectionRange: nameNode.range,
        ...(detail ? { detail } : {}),
        ...(children && children.length ? { children } : {})
    };
}
