/**
 * What changed in the workspace configuration between two sides of a `diff` (two folders, two
 * revisions): a repository that relaxes a rule or moves its outputs in a pull request shows it
 * as its own section, next to the OCIs. Pure: two parsed configurations in, a list out.
 */
import type { ConfiguredSeverity, WorkspaceConfig } from './workspace-config.js';

export type SeverityWord = 'erro' | 'aviso' | 'info' | 'desligada';

export interface ConfigDiff {
    arquivo: { antes: string | null; depois: string | null };
    /** Rules whose configured severity changed (null: not set on that side, the rule's own severity holds). */
    regras: Array<{ codigo: string; antes: SeverityWord | null; depois: SeverityWord | null }>;
    /** Other keys whose value changed, as JSON text. */
    chaves: Array<{ chave: string; antes: string | null; depois: string | null }>;
}

const WORD: Record<ConfiguredSeverity, SeverityWord> = {
    error: 'erro',
    warning: 'aviso',
    info: 'info',
    off: 'desligada'
};

/** Null when both sides are configured alike (or neither is). */
export function diffConfigs(
    antes: { file?: string; config: WorkspaceConfig } | undefined,
    depois: { file?: string; config: WorkspaceConfig } | undefined,
    label: (file: string) => string = f => f
): ConfigDiff | null {
    const a = antes?.config;
    const b = depois?.config;
    const regras: ConfigDiff['regras'] = [];
    const codes = new Set([...(a?.regras.keys() ?? []), ...(b?.regras.keys() ?? [])]);
    for (const codigo of [...codes].sort()) {
        const x = a?.regras.get(codigo);
        const y = b?.regras.get(codigo);
        if (x !== y) regras.push({ codigo, antes: x ? WORD[x] : null, depois: y ? WORD[y] : null });
    }
    const chaves: ConfigDiff['chaves'] = [];
    for (const chave of ['tolerancia', 'saidas', 'catalogos', 'sigtap', 'idioma', 'auditoria', 'plano'] as const) {
        const x = a?.[chave] === undefined ? null : JSON.stringify(a[chave]);
        const y = b?.[chave] === undefined ? null : JSON.stringify(b[chave]);
        if (x !== y) chaves.push({ chave, antes: x, depois: y });
    }
    if (!regras.length && !chaves.length) return null;
    return {
        arquivo: { antes: antes?.file ? label(antes.file) : null, depois: depois?.file ? label(depois.file) : null },
        regras,
        chaves
    };
}
