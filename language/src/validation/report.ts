import type { AstNode, ValidationAcceptor } from 'langium';
import type { Rule } from './rules.js';

export interface ReportLocation {
    node: AstNode;
    /** The property of `node` to underline; the whole node when omitted. */
    property?: string;
    index?: number;
    /** Extra data for quick fixes (e.g. the corrected text). */
    data?: Record<string, unknown>;
}

/**
 * Reports a rule at a node: severity, stable code and the rule's short message (it fits the
 * editor's Problems panel). The legal basis travels apart in the diagnostic's data, with the
 * message's arguments: the CLI and CI outputs append it (diagnosticText), the editor links it
 * (codeDescription) and quotes the law in the hover, and writes the message in English when the
 * editor is in English (CatalogoSettings.locale; see rules-en.ts).
 */
export function report<A extends unknown[]>(
    accept: ValidationAcceptor,
    rule: Rule<A>,
    args: A,
    where: ReportLocation
): void {
    accept(rule.severity, rule.message(...args), {
        node: where.node,
        property: where.property as never,
        index: where.index,
        code: rule.code,
        data: { ...(where.data ?? {}), basis: rule.basis, args }
    });
}

/** A diagnostic's full text: its message and, when it carries one, the legal basis it cites. */
export function diagnosticText(d: { message: string | { value: string }; data?: unknown }): string {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const basis = (d.data as { basis?: unknown } | undefined)?.basis;
    return typeof basis === 'string' && basis && !message.endsWith(basis) ? `${message} — ${basis}` : message;
}

/**
 * Each item written again after the first of its kind, for the kinds written once (`unicos`: the kind's guard and its
 * keyword): `rule` at the repeated item, with the keyword.
 */
export function reportRepeated(
    accept: ValidationAcceptor,
    rule: Rule<[string]>,
    itens: readonly AstNode[],
    unicos: ReadonlyArray<readonly [(n: unknown) => boolean, string]>
): void {
    for (const [guard, nome] of unicos) {
        itens
            .filter(guard)
            .slice(1)
            .forEach(node => report(accept, rule, [nome], { node }));
    }
}
