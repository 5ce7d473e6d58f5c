/**
 * Diagnostics in the editor's language (CatalogoSettings.locale, set from the client's display
 * language and `oci.idioma`). Rule diagnostics carry their arguments in `data.args`
 * (language/src/validation/report.ts), so the English text is written from the same arguments
 * as the Portuguese one (language/src/validation/rules-en.ts); codes, severities, ranges and the
 * cited legal basis do not change. Syntax and reference errors get English texts here too.
 */
import type { AstNode, DiagnosticInfo, ValidationSeverity } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { OciServices } from '../../language/src/index.js';
import {
    OCI_SYNTAX_EN,
    OCI_SYNTAX_PT,
    OciDocumentValidator,
    unresolvedReferenceKind,
    type SyntaxWords
} from '../../language/src/index.js';
import { ruleMessageIn } from '../../language/src/index.js';
import { ruleDocsHref } from './rule-docs.js';
import type { CatalogoSettings } from '../../language/src/index.js';
import { t } from './i18n.js';

export class OciLspDocumentValidator extends OciDocumentValidator {
    private readonly settings: CatalogoSettings;

    constructor(services: OciServices) {
        super(services);
        this.settings = services.catalogo.Settings;
    }

    protected override toDiagnostic<N extends AstNode>(
        severity: ValidationSeverity,
        message: string,
        info: DiagnosticInfo<N, string>
    ): Diagnostic {
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

    protected override linkingDiagnostic(diagnostic: Diagnostic): Diagnostic {
        const d = super.linkingDiagnostic(diagnostic);
        const locale = this.settings.locale;
        if (locale === 'pt') return d;
        const data = d.data as { refText?: string } | undefined;
        const kind = t(locale, `kind.${unresolvedReferenceKind(d.data)}`);
        return { ...d, message: t(locale, 'ref.naoResolvida', kind, data?.refText ?? '') };
    }
}

/** Syntax messages in the editor's language (asked at each error: the display language may change). */
export function localizedSyntaxWords(settings: CatalogoSettings): () => SyntaxWords {
    return () => (settings.locale === 'en' ? OCI_SYNTAX_EN : OCI_SYNTAX_PT);
}
