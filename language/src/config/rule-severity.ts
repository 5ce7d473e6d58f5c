/**
 * Configured rule severities (`regras:` of oci-catalogo.yaml) applied where every diagnostic of
 * every language is made — the document validator (../syntax-messages.ts) — so the CLI, CI and
 * the language server give the same diagnostics for the same configuration.
 *
 * The host (CLI, server) says which configuration governs a document (the nearest file above it)
 * through `ruleSeverityPolicy(shared).resolve`; with none set, nothing changes. A rule set to
 * `desligada` is dropped; the others get their configured severity. Syntax errors and a file's
 * encoding error are not rules and cannot be relaxed: a file that does not parse is never
 * published.
 */
import type { LangiumSharedCoreServices, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfiguredSeverity } from './workspace-config.js';

/** Codes that describe a file that cannot be read or parsed: never configurable. */
const NOT_CONFIGURABLE = /^(sintaxe|arquivo)\//;

const LSP_SEVERITY: Record<Exclude<ConfiguredSeverity, 'off'>, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

export class RuleSeverityPolicy {
    /** The configured severities for a document, or undefined when no configuration governs it. */
    resolve: (uri: URI) => ReadonlyMap<string, ConfiguredSeverity> | undefined = () => undefined;

    apply(uri: URI, diagnostics: Diagnostic[]): Diagnostic[] {
        const regras = this.resolve(uri);
        if (!regras || regras.size === 0) return diagnostics;
        return applyConfiguredSeverities(diagnostics, regras);
    }
}

export function applyConfiguredSeverities(
    diagnostics: Diagnostic[],
    regras: ReadonlyMap<string, ConfiguredSeverity>
): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const d of diagnostics) {
        const code = d.code === undefined ? undefined : String(d.code);
        const configured = code === undefined || NOT_CONFIGURABLE.test(code) ? undefined : regras.get(code);
        if (configured === undefined) out.push(d);
        else if (configured !== 'off') out.push({ ...d, severity: LSP_SEVERITY[configured] });
    }
    return out;
}

const policies = new WeakMap<LangiumSharedCoreServices, RuleSeverityPolicy>();

/** The policy of one set of services (the CLI's workspace, the language server). */
export function ruleSeverityPolicy(shared: LangiumSharedCoreServices): RuleSeverityPolicy {
    let policy = policies.get(shared);
    if (!policy) policies.set(shared, (policy = new RuleSeverityPolicy()));
    return policy;
}
