import {
    DefaultLangiumDocumentFactory,
    DocumentState,
    type AstNode,
    type Cancellation,
    type LangiumDocument,
    type ParseResult
} from 'langium';
import type { Documento } from '../generated/ast.js';
import { reparseIncrementally } from './incremental-parse.js';

/**
 * Updates a changed catalogue file by re-parsing only the elements the edit touched
 * (incremental-parse.ts); any other change, and any file of another language, is parsed whole.
 */
export class OciDocumentFactory extends DefaultLangiumDocumentFactory {
    /** Characters parsed by the last update (the file's length after a full parse); for tests and profiles. */
    lastParsedLength = 0;

    override async update<T extends AstNode = AstNode>(
        document: LangiumDocument<T>,
        cancellationToken: Cancellation.CancellationToken
    ): Promise<LangiumDocument<T>> {
        const previous = document.parseResult;
        const services = this.serviceRegistry.getServices(document.uri);
        const textDocument = this.textDocuments?.get(document.uri.toString());
        if (services.LanguageMetaData.languageId !== 'oci' || !textDocument)
            return super.update(document, cancellationToken);
        const text = textDocument.getText();
        const oldText = previous.value.$cstNode?.root.fullText;
        if (oldText === undefined || oldText === text) return super.update(document, cancellationToken);
        const incremental = reparseIncrementally(previous as unknown as ParseResult<Documento>, text, slice =>
            services.parser.LangiumParser.parse(slice)
        );
        if (!incremental) {
            const updated = await super.update(document, cancellationToken);
            this.lastParsedLength = text.length;
            return updated;
        }
        Object.defineProperty(document, 'textDocument', { value: textDocument });
        (document as { parseResult: ParseResult<T> }).parseResult = incremental.result as unknown as ParseResult<T>;
        (document.parseResult.value as { $document?: LangiumDocument }).$document = document;
        this.lastParsedLength = incremental.parsedLength;
        document.state = DocumentState.Parsed;
        return document;
    }
}
