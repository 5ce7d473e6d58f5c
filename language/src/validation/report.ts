import type { AstNode, ValidationAcceptor } from 'langium';
import { ruleText, type Rule } from './rules.js';

export interface ReportLocation {
    node: AstNode;
    /** The property of `node` to underline; the whole node when omitted. */
    property?: string;
    index?: number;
    /** Extra data for quick fixes (e.g. the corrected text). */
    data?: Record<string, unknown>;
}

/**
 * Reports a rule at a node: severity, stable code and the message with its legal basis. The
 * diagnostic's data carries the basis (hover of the cited law) and the message's arguments, from
 * which the language server writes the message in English when the editor is in English
 * (CatalogoSettings.locale; see rules-en.ts).
 */
export function report<A extends unknown[]>(accept: ValidationAcceptor, rule: Rule<A>, args: A, where: ReportLocation): void {
    accept(rule.severity, ruleText(rule, ...args), {
        node: where.node,
        property: where.property as never,
        index: where.index,
        code: rule.code,
        data: { ...(where.data ?? {}), basis: rule.basis, args }
    });
}
