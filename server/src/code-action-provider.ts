/**
 * Quick fixes bound to the diagnostic codes of language/src/validation/rules.ts:
 *   codigo/digito-verificador      → the code with the right check digit (data.corrigido)
 *   procedimento/nome-divergente,
 *   sigtap/nome                    → the name as in the SIGTAP table (data.nomeSigtap)
 *   valor/divergente               → the computed value in place of the declared one (data.calculado)
 *   valor/ausente                  → `valor R$ …` as the OCI's last item (data.calculado)
 *   oci/contrarreferencia-ausente  → `contrarreferencia aps` (art. 5 §2)
 *   oci/conclusao-ausente          → `conclusao X`, one action per component of the OCI
 *                                    (a bare `conclusao ` stub when there is none)
 * New items go where the canonical layout puts them (after fundamento … tecnologias).
 */
import { GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';
import { isGrupoRef, isOci, isProcedimentoRef, type Documento, type Oci } from '../../language/src/generated/ast.js';
import { componentesOf } from '../../language/src/oci-queries.js';
import { formatCodigo } from '../../language/src/sigtap/codigo.js';

/** Position of each kind of item in the canonical order of an OCI's body. */
const ITEM_RANK: Record<string, number> = {
    Fundamento: 0, Publico: 1, Cids: 2, TempoRecomendado: 3, TempoMaximo: 4, Componente: 5,
    Conclusao: 6, Remoto: 7, Contrarreferencia: 8, UsoTecnologias: 9, ValorDeclarado: 10
};

export class OciCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixes(document, diagnostic));
        }
        return actions;
    }

    protected fixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
        switch (diagnostic.code) {
            case 'codigo/digito-verificador': {
                const corrigido = text(data.corrigido);
                return corrigido ? [fix(document, diagnostic, `Corrigir o dígito verificador: ${corrigido}`, [{ range: diagnostic.range, newText: corrigido }], true)] : [];
            }
            case 'procedimento/nome-divergente':
            case 'sigtap/nome': {
                const nome = text(data.nomeSigtap);
                if (!nome) return [];
                const written = document.textDocument.getText(diagnostic.range);
                const quote = written.startsWith("'") ? "'" : '"';
                return [fix(document, diagnostic, `Usar o nome da tabela SIGTAP: "${nome}"`, [{ range: diagnostic.range, newText: quoteString(nome, quote) }], true)];
            }
            case 'valor/divergente': {
                const calculado = text(data.calculado);
                return calculado ? [fix(document, diagnostic, `Declarar o valor calculado ${calculado}`, [{ range: diagnostic.range, newText: calculado }], true)] : [];
            }
            case 'valor/ausente': {
                const calculado = text(data.calculado);
                const oci = ociAt(document, diagnostic.range.start);
                return calculado && oci ? [fix(document, diagnostic, `Declarar "valor ${calculado}" (valor calculado)`, [insertItem(document, oci, 'ValorDeclarado', `valor ${calculado}`)], true)] : [];
            }
            case 'oci/contrarreferencia-ausente': {
                const oci = ociAt(document, diagnostic.range.start);
                return oci ? [fix(document, diagnostic, 'Incluir "contrarreferencia aps" (transição para a APS)', [insertItem(document, oci, 'Contrarreferencia', 'contrarreferencia aps')], true)] : [];
            }
            case 'oci/conclusao-ausente': {
                const oci = ociAt(document, diagnostic.range.start);
                if (!oci) return [];
                const alvos = conclusionCandidates(oci);
                if (alvos.length === 0) {
                    return [fix(document, diagnostic, 'Incluir "conclusao " (complete com o procedimento ou grupo que conclui a OCI)', [insertItem(document, oci, 'Conclusao', 'conclusao ')], true)];
                }
                return alvos.map(alvo => fix(document, diagnostic, `Incluir "conclusao ${alvo}"`, [insertItem(document, oci, 'Conclusao', `conclusao ${alvo}`)], alvos.length === 1));
            }
            default:
                return [];
        }
    }
}

function fix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

/** A string literal in the given quote style. */
export function quoteString(value: string, quote: '"' | "'" = '"'): string {
    return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), '\\' + quote) + quote;
}

/** Groups (um_de) first — usually the consultation that closes the care — then procedures. */
function conclusionCandidates(oci: Oci): string[] {
    const grupos: string[] = [];
    const procedimentos: string[] = [];
    for (const c of componentesOf(oci)) {
        if (isGrupoRef(c.alvo) && c.alvo.grupo?.$refText) grupos.push(c.alvo.grupo.$refText);
        else if (isProcedimentoRef(c.alvo) && c.alvo.codigo) procedimentos.push(formatCodigo(c.alvo.codigo));
    }
    return [...new Set([...grupos, ...procedimentos])];
}

/** The OCI whose text contains `position`. */
function ociAt(document: LangiumDocument, position: Position): Oci | undefined {
    const offset = document.textDocument.offsetAt(position);
    const root = document.parseResult.value as Documento;
    return (root.elementos ?? []).filter(isOci).find(o => o.$cstNode && o.$cstNode.offset <= offset && offset <= o.$cstNode.end);
}

/**
 * Inserts a new item into an OCI after the last item that comes before it in the canonical
 * order (or right after `{`): on a line of its own, indented like its neighbour, unless the OCI
 * is written on one line.
 */
export function insertItem(document: LangiumDocument, oci: Oci, type: string, itemText: string): TextEdit {
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const rank = ITEM_RANK[type] ?? 99;
    const before = oci.itens.filter(i => (ITEM_RANK[i.$type] ?? 99) <= rank && i.$cstNode).pop();
    const brace = GrammarUtils.findNodeForKeyword(oci.$cstNode, '{');
    const anchorEnd = before?.$cstNode?.end ?? brace?.end ?? oci.$cstNode!.end;
    const lineEnd = endOfLine(text, anchorEnd);
    const rest = text.slice(anchorEnd, lineEnd);
    const ociIndent = indentAt(text, oci.$cstNode!.offset);
    const neighbour = before ?? oci.itens.find(i => i.$cstNode);
    const indent = neighbour ? itemIndent(text, neighbour, ociIndent) : ociIndent + '  ';
    if (/^\s*(\/\/.*)?$/.test(rest)) {
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        return { range: point(textDocument.positionAt(lineEnd)), newText: `${eol}${indent}${itemText}` };
    }
    return { range: point(textDocument.positionAt(anchorEnd)), newText: ` ${itemText}` };
}

function itemIndent(text: string, item: AstNode, fallback: string): string {
    const start = item.$cstNode!.offset;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lead = text.slice(lineStart, start);
    return /^[ \t]*$/.test(lead) ? lead : fallback + '  ';
}

function indentAt(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function endOfLine(text: string, offset: number): number {
    const m = /\r?\n/.exec(text.slice(offset));
    return m ? offset + m.index : text.length;
}

function point(position: Position) {
    return { start: position, end: position };
}
