import { Rules } from './rules.js';

/** The anchor of a rule's row in docs/checks.md: `codigo/digito-verificador` → `codigo-digito-verificador`. */
export function ruleAnchor(code: string): string {
    return code.replace(/[^a-z0-9-]/gi, '-');
}

const SEVERITY_PT: Record<string, string> = { error: 'erro', warning: 'aviso', info: 'info' };

/**
 * The table of checks for docs/checks.md: code, severity, origin (lei, tabela SIGTAP, convenção,
 * ferramenta) and basis, from the rules themselves.
 */
export function rulesMarkdownTable(): string {
    // Each row carries the anchor the editor's diagnostics link to (codeDescription).
    const rows = Object.values(Rules).map(
        r =>
            `| <a id="${ruleAnchor(r.code)}"></a>\`${r.code}\` | ${SEVERITY_PT[r.severity]} | ${r.fundamento.origem} | ${r.basis} |`
    );
    return ['| código | severidade | origem | base legal |', '|---|---|---|---|', ...rows].join('\n');
}
