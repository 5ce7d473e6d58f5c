/** Diagnostics of the CLI: collected from Langium documents, printed as text or JSON (design brief §3). */
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Documento } from '../../language/src/index.js';
import { isOci } from '../../language/src/index.js';
import { diagnosticText } from '../../language/src/index.js';
import { ruleMessageIn } from '../../language/src/index.js';
import type { Locale } from '../../language/src/index.js';

export type SeverityName = 'error' | 'warning' | 'info';

export interface CliDiagnostic {
    file: string;
    /** 1-based. */
    line: number;
    /** 1-based. */
    column: number;
    severity: SeverityName;
    code: string;
    message: string;
}

export interface CheckSummary {
    files: number;
    ocis: number;
    errors: number;
    warnings: number;
    infos: number;
}

export interface CheckReport {
    diagnostics: CliDiagnostic[];
    summary: CheckSummary;
    /**
     * The rules the workspace configuration changed (oci-catalogo.yaml `regras:`), each with its
     * configured and built-in severity — so a reviewer sees what a repository has relaxed.
     * Absent when no configuration changes a rule.
     */
    configuracao?: {
        arquivo: string;
        regras: Array<{
            codigo: string;
            configurada: 'erro' | 'aviso' | 'info' | 'desligada';
            padrao: 'erro' | 'aviso' | 'info';
        }>;
    };
}

function severityName(d: Diagnostic): SeverityName {
    return d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info';
}

/** The message in `locale` (rule diagnostics carry their arguments; the legal basis stays as cited). */
function localized(d: Diagnostic, locale: Locale): Diagnostic {
    if (locale === 'pt' || d.code === undefined) return d;
    const args = (d.data as { args?: unknown } | undefined)?.args;
    const text = Array.isArray(args) ? ruleMessageIn(locale, String(d.code), args) : undefined;
    return text === undefined ? d : { ...d, message: text };
}

export function collectReport(
    documents: Array<LangiumDocument<Documento>>,
    cwd = process.cwd(),
    locale: Locale = 'pt'
): CheckReport {
    const diagnostics: CliDiagnostic[] = [];
    for (const doc of documents) {
        const file = path.relative(cwd, doc.uri.fsPath).split(path.sep).join('/');
        for (const d of doc.diagnostics ?? []) {
            diagnostics.push({
                file,
                line: d.range.start.line + 1,
                column: d.range.start.character + 1,
                severity: severityName(d),
                code: String(d.code ?? 'sintaxe'),
                // The full citation: the core diagnostic carries the short message and the basis apart.
                message: diagnosticText(localized(d, locale))
            });
        }
    }
    diagnostics.sort(
        (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
    );
    const count = (s: SeverityName) => diagnostics.filter(d => d.severity === s).length;
    return {
        diagnostics,
        summary: {
            files: documents.length,
            ocis: documents.reduce((n, doc) => n + doc.parseResult.value.elementos.filter(isOci).length, 0),
            errors: count('error'),
            warnings: count('warning'),
            infos: count('info')
        }
    };
}

const SEVERITY_PT: Record<SeverityName, string> = { error: 'erro', warning: 'aviso', info: 'info' };

export function formatText(report: CheckReport): string {
    const lines = report.diagnostics.map(
        d => `${d.file}:${d.line}:${d.column}: ${SEVERITY_PT[d.severity]} [${d.code}] ${d.message}`
    );
    const s = report.summary;
    lines.push(
        `${s.files} arquivo(s), ${s.ocis} OCI: ${s.errors} erro(s), ${s.warnings} aviso(s), ${s.infos} informação(ões).`
    );
    return lines.join('\n') + '\n';
}

export function formatJson(report: CheckReport): string {
    return JSON.stringify(report, null, 2) + '\n';
}
