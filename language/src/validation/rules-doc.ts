import { Rules } from './rules.js';

const SEVERITY_PT: Record<string, string> = { error: 'erro', warning: 'aviso', info: 'info' };

/** The table of checks for the README: code, severity and legal basis, from the rules themselves. */
export function rulesMarkdownTable(): string {
    const rows = Object.values(Rules).map(r => `| \`${r.code}\` | ${SEVERITY_PT[r.severity]} | ${r.basis} |`);
    return ['| código | severidade | base legal |', '|---|---|---|', ...rows].join('\n');
}
