import { Rules } from './rules.js';

const SEVERITY_PT: Record<string, string> = { error: 'erro', warning: 'aviso', info: 'info' };

/**
 * The table of checks for docs/checks.md: code, severity, origin (lei, tabela SIGTAP, convenção,
 * ferramenta) and basis, from the rules themselves.
 */
export function rulesMarkdownTable(): string {
    const rows = Object.values(Rules).map(r => `| \`${r.code}\` | ${SEVERITY_PT[r.severity]} | ${r.fundamento.origem} | ${r.basis} |`);
    return ['| código | severidade | origem | base legal |', '|---|---|---|---|', ...rows].join('\n');
}
