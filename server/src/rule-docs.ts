/**
 * Where a rule is documented: its row in docs/checks.md, at the address the packaged extension
 * links its documentation to (package.json `vsce.baseContentUrl`; a test keeps them equal).
 */
import { RulesByCode } from '../../language/src/index.js';
import { ruleAnchor } from '../../language/src/index.js';

export const DOCS_BASE_URL = 'https://example.invalid/oci-catalogo/blob/main';

/** Links already made, by code: every diagnostic of a rule shares its one string (1,999 infos in a large workspace). */
const hrefs = new Map<string, string | undefined>();

/** The link of a rule's documentation; undefined for codes that are not rules (syntax, linking). */
export function ruleDocsHref(code: string): string | undefined {
    if (hrefs.has(code)) return hrefs.get(code);
    const href = RulesByCode.has(code) ? `${DOCS_BASE_URL}/docs/checks.md#${ruleAnchor(code)}` : undefined;
    hrefs.set(code, href);
    return href;
}
