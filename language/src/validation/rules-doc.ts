import { Rules, type Rule } from './rules.js';

/** The anchor of a rule's row in docs/checks.md: `codigo/digito-verificador` → `codigo-digito-verificador`. */
export function ruleAnchor(code: string): string {
    return code.replace(/[^a-z0-9-]/gi, '-');
}

const SEVERITY_PT: Record<string, string> = { error: 'erro', warning: 'aviso', info: 'info' };

/** The severity, and how the editor shows the rule when that differs (rules.ts, editorPresentation). */
function severityText(r: Pick<Rule, 'severity' | 'editorPresentation'>): string {
    const text = (s: string) => SEVERITY_PT[s] ?? s;
    const p = r.editorPresentation;
    return p
        ? `${text(r.severity)} (no editor: ${text(p.severity)}, uma por OCI, grupo ou cabeçalho)`
        : text(r.severity);
}

/**
 * The table of checks for docs/checks.md: code, severity, origin (lei, tabela SIGTAP, convenção,
 * ferramenta) and basis, from the rules themselves.
 */
export function rulesMarkdownTable(): string {
    // Each row carries the anchor the editor's diagnostics link to (codeDescription).
    const rows = Object.values(Rules).map(
        r =>
            `| <a id="${ruleAnchor(r.code)}"></a>\`${r.code}\` | ${severityText(r)} | ${r.fundamento.origem} | ${r.basis} |`
    );
    return ['| código | severidade | origem | base legal |', '|---|---|---|---|', ...rows].join('\n');
}
