/**
 * Formatting through the project's token-based formatter (language/src/format):
 *  - the document: one edit replacing the whole text, or none when it is already formatted;
 *  - a range: only the top-level declarations (header, tecnologias, grupos, OCIs) that
 *    intersect the range are rewritten — each together with the blank lines and comments in
 *    front of it — taken from the formatted whole (the layout of a declaration does not depend
 *    on the others, and formatting never changes the order of declarations or comments).
 * A file with syntax errors is never formatted: the editor is told why (a warning naming the
 * first error's line), instead of a Format command that silently does nothing.
 */
import type { AstNode, LangiumDocument, MaybePromise } from 'langium';
import type { Formatter, LangiumServices } from 'langium/lsp';
import type {
    DocumentFormattingParams,
    DocumentOnTypeFormattingParams,
    DocumentRangeFormattingParams,
    Range,
    TextEdit
} from 'vscode-languageserver';
import type { Documento } from '../../language/src/index.js';
import { OciFormatter } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import { t } from './i18n.js';

export class OciLspFormatter implements Formatter {
    private readonly formatter: OciFormatter;
    private readonly services: LangiumServices;
    /** No on-type formatting. */
    readonly formatOnTypeOptions = undefined;

    constructor(services: LangiumServices) {
        this.services = services;
        this.formatter = new OciFormatter(services);
    }

    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        const text = document.textDocument.getText();
        const formatted = this.formatted(text, document);
        if (formatted === undefined) return [];
        const end = document.textDocument.positionAt(text.length);
        return [{ range: { start: { line: 0, character: 0 }, end }, newText: formatted }];
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        const text = document.textDocument.getText();
        const formatted = this.formatted(text, document);
        if (formatted === undefined) return [];
        const original = declarations(document.parseResult.value as Documento);
        const after = declarations(this.services.parser.LangiumParser.parse<Documento>(formatted).value);
        // Never expected (formatting keeps every declaration): then the whole document, as before.
        if (original.length !== after.length || original.length === 0) return this.formatDocument(document, params);
        const selected = original
            .map((node, index) => ({ node, index }))
            .filter(({ node }) => intersects(node.$cstNode!.range, params.range))
            .map(({ index }) => index);
        const first = selected[0];
        const last = selected.at(-1);
        if (first === undefined || last === undefined) return [];
        // `original` and `after` have the same length (checked above): both indexes exist in each.
        const span = (nodes: AstNode[], source: string) => ({
            start: first === 0 ? 0 : nodes[first - 1]!.$cstNode!.end,
            end: last === nodes.length - 1 ? source.length : nodes[last]!.$cstNode!.end
        });
        const from = span(original, text);
        const to = span(after, formatted);
        const replacement = formatted.slice(to.start, to.end);
        if (replacement === text.slice(from.start, from.end)) return [];
        return [minimalEdit(document, text, from.start, from.end, replacement)];
    }

    formatDocumentOnType(
        _document: LangiumDocument,
        _params: DocumentOnTypeFormattingParams
    ): MaybePromise<TextEdit[]> {
        return [];
    }

    /** The formatted text; undefined when it is already formatted or cannot be formatted (then says why). */
    private formatted(text: string, document?: LangiumDocument): string | undefined {
        const result = this.formatter.format(text);
        if (result.text === undefined) this.refuse(result.reason, document);
        return result.text === undefined || result.text === text ? undefined : result.text;
    }

    /** Tells the user why the file was left as it is (window/showMessage). */
    protected refuse(reason: string | undefined, document: LangiumDocument | undefined): void {
        const first = document
            ? [
                  ...document.parseResult.lexerErrors.map(e => e.line),
                  ...document.parseResult.parserErrors.map(e => e.token.startLine)
              ]
                  .filter((l): l is number => typeof l === 'number' && !Number.isNaN(l))
                  .sort((a, b) => a - b)[0]
            : undefined;
        const locale = (this.services as LangiumServices & Partial<OciAddedServices>).catalogo?.Settings.locale ?? 'pt';
        const message = t(locale, 'format.recusado', reason ?? '', first !== undefined ? first : '?');
        this.lastRefusal = message;
        void this.services.shared.lsp.Connection?.window.showWarningMessage(message);
    }

    /** The last refusal's message (tests). */
    lastRefusal: string | undefined;
}

/** Header and top-level elements, in text order. */
function declarations(root: Documento | undefined): AstNode[] {
    if (!root) return [];
    return [root.cabecalho, ...(root.elementos ?? [])].filter(
        (n): n is NonNullable<typeof n> => n !== undefined && n.$cstNode !== undefined
    );
}

/**
 * Lines of `a` overlap the lines of `b`. A selection of whole lines ends at column 0 of the next
 * line: that line is not part of it.
 */
function intersects(a: Range, b: Range): boolean {
    const endLine = b.end.character === 0 && b.end.line > b.start.line ? b.end.line - 1 : b.end.line;
    return a.start.line <= endLine && b.start.line <= a.end.line;
}

/** Replaces text[start, end) by `replacement`, leaving out the common beginning and end. */
function minimalEdit(
    document: LangiumDocument,
    text: string,
    start: number,
    end: number,
    replacement: string
): TextEdit {
    const old = text.slice(start, end);
    let prefix = 0;
    while (prefix < old.length && prefix < replacement.length && old[prefix] === replacement[prefix]) prefix++;
    let suffix = 0;
    while (
        suffix < old.length - prefix &&
        suffix < replacement.length - prefix &&
        old[old.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]
    )
        suffix++;
    return {
        range: {
            start: document.textDocument.positionAt(start + prefix),
            end: document.textDocument.positionAt(end - suffix)
        },
        newText: replacement.slice(prefix, replacement.length - suffix)
    };
}
