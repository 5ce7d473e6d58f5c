/**
 * Diagnostics in the editor's language (CatalogoSettings.locale, set from the client's display
 * language and `oci.idioma`). Rule diagnostics carry their arguments in `data.args`
 * (language/src/validation/report.ts), so the English text is written from the same arguments
 * as the Portuguese one (language/src/validation/rules-en.ts); codes, severities, ranges and the
 * cited legal basis do not change. Syntax and reference errors get English texts here too.
 */
import type { AstNode, DiagnosticInfo, LangiumDocument, ValidationOptions, ValidationSeverity } from 'langium';
import { LangiumParserErrorMessageProvider } from 'langium';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { OciServices } from '../../language/src/oci-module.js';
import { OciDocumentValidator, PtLexerErrorMessageProvider, PtParserErrorMessageProvider } from '../../language/src/syntax-messages.js';
import { ruleMessageIn } from '../../language/src/validation/rules-en.js';
import { ruleDocsHref } from './rule-docs.js';
import type { CatalogoSettings } from '../../language/src/workspace/settings.js';
import { t } from './i18n.js';

export class OciLspDocumentValidator extends OciDocumentValidator {
    private readonly settings: CatalogoSettings;

    constructor(services: OciServices) {
        super(services);
        this.settings = services.catalogo.Settings;
    }

    protected override toDiagnostic<N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        const diagnostic = super.toDiagnostic(severity, message, info);
        if (this.settings.locale !== 'pt' && info.code !== undefined) {
            const args = (info.data as { args?: unknown } | undefined)?.args;
            const text = Array.isArray(args) ? ruleMessageIn(this.settings.locale, String(info.code), args) : undefined;
            if (text !== undefined) diagnostic.message = text;
        }
        // The citation stays whole outside the short message: a link to the rule in docs/checks.md
        // (the hover quotes the article).
        const href = info.code !== undefined ? ruleDocsHref(String(info.code)) : undefined;
        if (href) diagnostic.codeDescription = { href };
        return diagnostic;
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLinkingErrors(document, own, options);
        const locale = this.settings.locale;
        diagnostics.push(...own.map(d => {
            if (locale === 'pt') return d;
            const data = d.data as { refText?: string; containerType?: string } | undefined;
            const kind = data?.containerType === 'UsoTecnologia' ? t(locale, 'kind.tecnologia') : t(locale, 'kind.grupo');
            return { ...d, message: t(locale, 'ref.naoResolvida', kind, data?.refText ?? '') };
        }));
    }
}

const TERMINALS_EN: Record<string, string> = {
    CODIGO: 'a procedure code (GG.SS.FF.PPP-D)',
    MONEY: 'a value (R$ 1.234,56)',
    PERCENT: 'a percentage (40%)',
    INT: 'a number',
    STRING: 'a quoted text',
    ID: 'a name',
    CID: 'an ICD-10 code (C50 or D48.6)',
    COMPETENCIA: 'a competência (YYYY-MM)',
    EOF: 'the end of the file'
};

function describeEn(type: TokenType): string {
    if (type.name.endsWith(':KW')) return `"${type.name.slice(0, -3)}"`;
    return TERMINALS_EN[type.name] ?? type.LABEL ?? type.name;
}

function foundEn(token: IToken | undefined): string {
    return token && token.image ? `"${token.image}"` : 'the end of the file';
}

function alternativesEn(paths: TokenType[][]): string {
    const firsts = [...new Set(paths.filter(p => p.length > 0).map(p => describeEn(p[0])))];
    if (firsts.length === 0) return 'something else';
    return firsts.length <= 8 ? firsts.join(', ') : firsts.slice(0, 8).join(', ') + ', …';
}

/** English syntax messages, in the same shape as the Portuguese ones of language/src/syntax-messages.ts. */
export class EnParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return `Expected ${describeEn(options.expected)}, but found ${foundEn(options.actual)}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        return `Unexpected text: ${foundEn(options.firstRedundant)} (expected "tecnologia", "grupo" or "oci")`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        return `Expected ${alternativesEn(options.expectedPathsPerAlt.flat())}, but found ${foundEn(options.actual[0])}`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        return `Expected at least ${alternativesEn(options.expectedIterationPaths)}, but found ${foundEn(options.actual[0])}`;
    }
}

/** Picks the Portuguese or the English syntax messages by the current locale (asked at each error). */
export class LocalizedParserErrorMessageProvider implements IParserErrorMessageProvider {
    private readonly pt = new PtParserErrorMessageProvider();
    private readonly en = new EnParserErrorMessageProvider();

    constructor(private readonly settings: CatalogoSettings) {}

    private get current(): IParserErrorMessageProvider {
        return (this.settings.locale === 'en' ? this.en : this.pt) as unknown as IParserErrorMessageProvider;
    }

    buildMismatchTokenMessage(options: Parameters<IParserErrorMessageProvider['buildMismatchTokenMessage']>[0]): string {
        return this.current.buildMismatchTokenMessage(options);
    }

    buildNotAllInputParsedMessage(options: Parameters<IParserErrorMessageProvider['buildNotAllInputParsedMessage']>[0]): string {
        return this.current.buildNotAllInputParsedMessage(options);
    }

    buildNoViableAltMessage(options: Parameters<IParserErrorMessageProvider['buildNoViableAltMessage']>[0]): string {
        return this.current.buildNoViableAltMessage(options);
    }

    buildEarlyExitMessage(options: Parameters<IParserErrorMessageProvider['buildEarlyExitMessage']>[0]): string {
        return this.current.buildEarlyExitMessage(options);
    }
}

export class LocalizedLexerErrorMessageProvider extends PtLexerErrorMessageProvider {
    constructor(private readonly settings: CatalogoSettings) {
        super();
    }

    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number, line?: number, column?: number): string {
        if (this.settings.locale === 'en') return `Unexpected character: "${fullText.substring(startOffset, startOffset + length)}"`;
        return super.buildUnexpectedCharactersMessage(fullText, startOffset, length);
    }
}
