/**
 * Check reports in the formats CI systems read:
 *  - `github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=<code>::<message>`),
 *    which become annotations on the pull request's files;
 *  - `sarif`: SARIF 2.1.0 (one run, every rule of `language/src/validation/rules.ts` with its legal
 *    basis), for GitHub code scanning (`github/codeql-action/upload-sarif`) and other viewers.
 * File paths are relative to the repository root (the folder holding `.git`), as both expect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rules, type Rule } from '../../language/src/index.js';
import { SyntaxCodes } from '../../language/src/index.js';
import type { CheckReport, SeverityName } from './diagnostics.js';
import { VERSION } from './version.js';

/** The nearest folder at or above `start` that holds `.git` (a folder or a worktree file); `start` when none. */
export function repositoryRoot(start = process.cwd()): string {
    let dir = path.resolve(start);
    for (;;) {
        if (fs.existsSync(path.join(dir, '.git'))) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) return path.resolve(start);
        dir = parent;
    }
}

// ── GitHub workflow commands ────────────────────────────────────────────────

/** Escapes the message of a workflow command (GitHub's rules: `%`, CR, LF). */
export function escapeGithubData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (as data, plus `:` and `,`). */
export function escapeGithubProperty(text: string): string {
    return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One workflow command per diagnostic (error/warning/notice), then a plain summary line. */
export function formatGithub(report: CheckReport): string {
    const lines = report.diagnostics.map(d => {
        const props = [
            `file=${escapeGithubProperty(d.file)}`,
            `line=${d.line}`,
            `col=${d.column}`,
            `title=${escapeGithubProperty(d.code)}`
        ].join(',');
        return `::${GITHUB_COMMAND[d.severity]} ${props}::${escapeGithubData(d.message)}`;
    });
    const s = report.summary;
    lines.push(
        `oci-catalogo: ${s.files} arquivo(s), ${s.ocis} OCI: ${s.errors} erro(s), ${s.warnings} aviso(s), ${s.infos} informação(ões).`
    );
    return lines.join('\n') + '\n';
}

// ── SARIF 2.1.0 ─────────────────────────────────────────────────────────────

type SarifLevel = 'error' | 'warning' | 'note';

const SARIF_LEVEL: Record<SeverityName, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    defaultConfiguration: { level: SarifLevel };
    properties: { baseLegal: string; severidade: SeverityName; tags: string[] };
}

/** Rule descriptions: the rule's message with its arguments shown as "…". */
function template(r: Rule<unknown[]>): string {
    const placeholders = Array.from({ length: r.message.length }, () => '…');
    try {
        return r.message(...placeholders);
    } catch {
        return r.code;
    }
}

function pascal(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

const SYNTAX_RULES: Array<{ name: string; code: string; text: string }> = [
    { name: 'CaractereInvalido', code: SyntaxCodes.lexing, text: 'Caractere inesperado no arquivo .oci' },
    {
        name: 'EstruturaInvalida',
        code: SyntaxCodes.parsing,
        text: 'Erro de sintaxe: o texto não segue a estrutura da linguagem'
    },
    {
        name: 'ReferenciaNaoResolvida',
        code: SyntaxCodes.linking,
        text: 'Grupo ou tecnologia referido não existe no catálogo'
    }
];

/** A code's family, its first segment: `valor/divergente` → `valor`. */
const family = (code: string): string => code.split('/', 1)[0] ?? code;

/** Every rule the checker can report: the rules of rules.ts, then the syntax and reference codes. */
export function sarifRules(): SarifRule[] {
    const rules: SarifRule[] = Object.entries(Rules).map(([name, rule]) => {
        const r = rule as unknown as Rule<unknown[]>;
        const text = template(r);
        return {
            id: r.code,
            name: pascal(name),
            shortDescription: { text },
            fullDescription: { text: `${text} — ${r.basis}` },
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            properties: { baseLegal: r.basis, severidade: r.severity, tags: ['oci-catalogo', family(r.code)] }
        };
    });
    for (const s of SYNTAX_RULES) {
        rules.push({
            id: s.code,
            name: s.name,
            shortDescription: { text: s.text },
            fullDescription: { text: `${s.text} — gramática da linguagem oci-catalogo` },
            defaultConfiguration: { level: 'error' },
            properties: {
                baseLegal: 'gramática da linguagem oci-catalogo (README, "A linguagem")',
                severidade: 'error',
                tags: ['oci-catalogo', family(s.code)]
            }
        });
    }
    return rules;
}

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
export function toUriReference(file: string): string {
    return file
        .split(/[\\/]/)
        .map(segment => encodeURIComponent(segment))
        .join('/');
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The SARIF log of a check report (paths in the report relative to the repository root). */
export function buildSarif(report: CheckReport): object {
    const rules = sarifRules();
    const index = new Map(rules.map((r, i) => [r.id, i]));
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'oci-catalogo',
                        semanticVersion: VERSION,
                        rules
                    }
                },
                originalUriBaseIds: { '%SRCROOT%': { description: { text: 'Raiz do repositório do catálogo' } } },
                columnKind: 'utf16CodeUnits',
                results: report.diagnostics.map(d => ({
                    ruleId: d.code,
                    ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
                    level: SARIF_LEVEL[d.severity],
                    message: { text: d.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: { uri: toUriReference(d.file), uriBaseId: '%SRCROOT%' },
                                region: { startLine: d.line, startColumn: d.column }
                            }
                        }
                    ]
                }))
            }
        ]
    };
}

export function formatSarif(report: CheckReport): string {
    return JSON.stringify(buildSarif(report), null, 2) + '\n';
}
