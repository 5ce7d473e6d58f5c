/**
 * Folding: the `{ … }` body of each grupo and OCI (the line of the closing brace stays
 * visible), a catalogue header written over several lines, block comments, and runs of two or
 * more `//` comment lines (the explanatory headers of the catalogue files). Langium's default
 * folds every multi-line AST node and only block comments; items inside an OCI are not folded.
 */
import type { AstNode, LangiumDocument, MaybePromise } from 'langium';
import type { FoldingRangeProvider } from 'langium/lsp';
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from 'vscode-languageserver';
import { findNodeForKeyword, forEachToken, isGrupo, isOci, type Documento } from '../../language/src/index.js';

export class OciFoldingRangeProvider implements FoldingRangeProvider {
    getFoldingRanges(document: LangiumDocument, _params: FoldingRangeParams): MaybePromise<FoldingRange[]> {
        const root = document.parseResult?.value as Documento | undefined;
        const ranges: FoldingRange[] = [];
        if (!root?.$cstNode) return ranges;
        const header = root.cabecalho?.$cstNode;
        if (header && header.range.end.line > header.range.start.line) {
            ranges.push({
                startLine: header.range.start.line,
                endLine: header.range.end.line,
                kind: FoldingRangeKind.Region
            });
        }
        for (const element of root.elementos ?? []) {
            const folding = isOci(element) || isGrupo(element) ? blockFolding(element) : undefined;
            if (folding) ranges.push(folding);
        }
        ranges.push(...commentFoldings(document, root));
        return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
    }
}

/** From the declaration's first line to the line before the closing brace (when there is something to hide). */
function blockFolding(node: AstNode): FoldingRange | undefined {
    const cst = node.$cstNode;
    const close = findNodeForKeyword(cst, '}');
    if (!cst || !close) return undefined;
    const startLine = cst.range.start.line;
    const endLine = close.range.start.line - 1;
    return endLine > startLine ? { startLine, endLine } : undefined;
}

/** Block comments over several lines, and runs of ≥ 2 line comments that are alone on their lines. */
function commentFoldings(document: LangiumDocument, root: Documento): FoldingRange[] {
    const out: FoldingRange[] = [];
    const lines = document.textDocument.getText().split(/\r?\n/);
    let run: { start: number; end: number } | undefined;
    const close = () => {
        if (run && run.end > run.start)
            out.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
        run = undefined;
    };
    // Token by token (the CST's leaves, read without making them: language/src/parser/cst-search.ts).
    forEachToken(root.$cstNode!, (tokenType, range) => {
        const type = tokenType.name;
        if (type === 'ML_COMMENT') {
            close();
            if (range.end.line > range.start.line) {
                out.push({ startLine: range.start.line, endLine: range.end.line, kind: FoldingRangeKind.Comment });
            }
        } else if (type === 'SL_COMMENT') {
            const line = range.start.line;
            const alone = /^\s*$/.test(lines[line]?.slice(0, range.start.character) ?? '');
            if (!alone) {
                close();
                return;
            }
            if (run && line === run.end + 1) run.end = line;
            else {
                close();
                run = { start: line, end: line };
            }
        } else {
            close();
        }
    });
    close();
    return out;
}
