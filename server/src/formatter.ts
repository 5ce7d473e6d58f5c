/**
 * Document formatting through the project's token-based formatter (language/src/format): one
 * edit replacing the whole text, or none when the file is already formatted or does not parse.
 */
import type { LangiumDocument, MaybePromise } from 'langium';
import type { Formatter, LangiumServices } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingParams, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { OciFormatter } from '../../language/src/format/formatter.js';

export class OciLspFormatter implements Formatter {
    private readonly formatter: OciFormatter;
    /** No on-type formatting. */
    readonly formatOnTypeOptions = undefined;

    constructor(services: LangiumServices) {
        this.formatter = new OciFormatter(services);
    }

    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document);
    }

    /** The layout depends on the whole file: a range request formats the whole document. */
    formatDocumentRange(document: LangiumDocument, _params: DocumentRangeFormattingParams): MaybePromise<TextEdit[]> {
        return this.edits(document);
    }

    formatDocumentOnType(_document: LangiumDocument, _params: DocumentOnTypeFormattingParams): MaybePromise<TextEdit[]> {
        return [];
    }

    private edits(document: LangiumDocument): TextEdit[] {
        const text = document.textDocument.getText();
        const result = this.formatter.format(text);
        if (result.text === undefined || result.text === text) return [];
        const end = document.textDocument.positionAt(text.length);
        return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
    }
}
