/**
 * Where a rule is documented: its row in docs/checks.md, at the address the packaged extension
 * links its documentation to (package.json `vsce.baseContentUrl`; a test keeps them equal).
 */
import { RulesByCode } from '../../language/src/validation/rules.js';

export const DOCS_BASE_URL = 'https://example.invalid/oci-catalogo/blob/main';

/** The anchor of a rule's row in docs/checks.md: `codigo/digito-verificador` → `codigo-digito-verificador`. */
export function ruleAnchor(code: string): string {
    return code.replace(/[^a-z0-9-]/gi, '-');
}

/** The link of a rule's documentation; undefined for codes that are not rules (syntax, linking). */
export function ruleDocsHref(code: string): string | undefined {
    return RulesByCode.has(code) ? `${DOCS_BASE_URL}/docs/checks.md#${ruleAnchor(code)}` : undefined;
}
