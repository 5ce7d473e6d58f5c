/**
 * The one difference between the diagnostics the editor shows and the ones the CLI and CI print
 * (docs/editor.md, "Dados a preencher"). A rule whose registry entry has `editorPresentation`
 * (language/src/validation/rules.ts) is shown in the editor as ONE diagnostic per element (OCI,
 * grupo, catalogue header) that lists what its diagnostics found, with the presentation's
 * severity, on the element's code and name. Today that is `oci/a-preencher`: pending data is not a
 * mistake while editing, but it blocks publication, so the message says so.
 *
 * Only what is published to the client changes, here, where every diagnostic is sent
 * (installDiagnosticPresentation wraps the connection's sendDiagnostics). `document.diagnostics`
 * keeps what the validator found — each pending field an error, as the CLI prints it — so the
 * editor's own "Gerar catálogo" still refuses a catalogue with pending data. The grouped diagnostic
 * carries the diagnostics it stands for in `data.agrupados` (expandPresented): the quick fixes
 * reach each pending estimate through it, and test/config/lsp-config.test.ts compares the editor
 * with the CLI through it.
 */
import {
    AstUtils,
    CstUtils,
    GrammarUtils,
    URI,
    type AstNode,
    type LangiumDocument,
    type LangiumSharedCoreServices
} from 'langium';
import type { Connection, Diagnostic, Range } from 'vscode-languageserver';
import { RulesByCode, isCatalogo, isGrupo, isOci, type Locale, type Rule } from '../../language/src/index.js';
import { t, type MessageKey } from './i18n.js';

/** Longest text of a grouped diagnostic (the Problems panel shows about this much). */
export const MAX_GROUPED_MESSAGE = 110;

const LSP_SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** What a grouped diagnostic carries besides the basis every rule diagnostic has. */
export interface GroupedData {
    basis: string;
    /** The diagnostics this one stands for, as the validator made them (the CLI prints each). */
    agrupados: Diagnostic[];
}

/** The diagnostics a published one stands for: its `data.agrupados`, or itself. */
export function expandPresented(diagnostic: Diagnostic): Diagnostic[] {
    const agrupados = (diagnostic.data as Partial<GroupedData> | undefined)?.agrupados;
    return Array.isArray(agrupados) ? agrupados : [diagnostic];
}

/** Publishes every diagnostic of the server through presentDiagnostics. */
export function installDiagnosticPresentation(
    connection: Connection,
    shared: LangiumSharedCoreServices,
    locale: () => Locale
): void {
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = params => {
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        const document = documents.hasDocument(uri) ? documents.getDocument(uri) : undefined;
        return send({ ...params, diagnostics: presentDiagnostics(document, params.diagnostics, locale()) });
    };
}

interface Group {
    rule: Rule<unknown[]>;
    element: AstNode | undefined;
    members: Diagnostic[];
}

/** The diagnostics of `document` as the editor shows them (see the module comment). */
export function presentDiagnostics(
    document: LangiumDocument | undefined,
    diagnostics: Diagnostic[],
    locale: Locale
): Diagnostic[] {
    const out: Array<Diagnostic | Group> = [];
    const groups = new Map<string, Group>();
    for (const d of diagnostics) {
        const rule = d.code === undefined ? undefined : RulesByCode.get(String(d.code));
        if (!rule?.editorPresentation || !document) {
            out.push(d);
            continue;
        }
        const element = elementAt(document, d.range.start);
        const key = `${rule.code}@${element?.$cstNode?.offset ?? -1}`;
        let group = groups.get(key);
        if (!group) {
            group = { rule, element, members: [] };
            groups.set(key, group);
            out.push(group);
        }
        group.members.push(d);
    }
    return out.map(item => ('members' in item ? grouped(document!, item, locale) : item));
}

/** The OCI, grupo or catalogue header that holds `position`. */
function elementAt(document: LangiumDocument, position: Range['start']): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(position));
    return leaf && AstUtils.getContainerOfType(leaf.astNode, n => isOci(n) || isGrupo(n) || isCatalogo(n));
}

function grouped(document: LangiumDocument, group: Group, locale: Locale): Diagnostic {
    const { rule, element } = group;
    // In the order of the text (validators report per node kind).
    const members = [...group.members].sort(
        (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character
    );
    const presentation = rule.editorPresentation!;
    const first = members[0]!;
    const mostSevere = Math.min(...members.map(m => m.severity ?? 1));
    const blocks = mostSevere === LSP_SEVERITY.error;
    const counts = new Map<string, number>();
    for (const m of members) {
        const label = fieldLabel(m, locale);
        counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const items = [...counts].map(([label, n]) => (n > 1 ? `${label} (${n})` : label));
    const subject = subjectOf(element, locale);
    const text = (list: string[]) =>
        t(locale, blocks ? 'pendente.bloqueia' : 'pendente.lista', subject, list.join(', '));
    // Too long for the Problems panel: the first items and "+N" (the CLI lists each one).
    let message = text(items);
    for (let keep = items.length - 1; message.length > MAX_GROUPED_MESSAGE && keep >= 1; keep--) {
        message = text([...items.slice(0, keep), t(locale, 'pendente.mais', items.length - keep)]);
    }
    const data: GroupedData = { basis: rule.basis, agrupados: members };
    return {
        range: element ? (nameRange(document, element) ?? first.range) : first.range,
        // Never more severe than what was found (a configured `regras:` severity), never more than the presentation's.
        severity: Math.max(mostSevere, LSP_SEVERITY[presentation.severity]) as 1 | 2 | 3,
        code: rule.code,
        codeDescription: first.codeDescription,
        source: first.source,
        message,
        data
    };
}

const FIELD_KEYS: Record<string, MessageKey> = {
    tR: 'pendente.tR',
    tM: 'pendente.tM',
    procedimento: 'pendente.procedimento',
    estimativa: 'pendente.estimativa',
    frequencia: 'pendente.frequencia',
    conclusao: 'pendente.conclusao',
    tecnologias: 'pendente.tecnologias',
    membros: 'pendente.membros',
    sigtap: 'pendente.sigtap'
};

/** The short name of what one diagnostic reports pending (`data.campo`, set by the validators). */
function fieldLabel(d: Diagnostic, locale: Locale): string {
    const campo = (d.data as { campo?: unknown } | undefined)?.campo;
    const key = typeof campo === 'string' ? FIELD_KEYS[campo] : undefined;
    return key ? t(locale, key) : typeof d.message === 'string' ? d.message : '?';
}

function subjectOf(element: AstNode | undefined, locale: Locale): string {
    if (element && isOci(element)) return 'OCI';
    if (element && isGrupo(element)) return t(locale, 'pendente.grupo', element.name);
    if (element && isCatalogo(element)) return t(locale, 'pendente.catalogo');
    return t(locale, 'pendente.dados');
}

/** An OCI's code and name, a grupo's name, the header's name. */
function nameRange(document: LangiumDocument, element: AstNode): Range | undefined {
    const first = GrammarUtils.findNodeForProperty(
        element.$cstNode,
        isOci(element) ? 'codigo' : isGrupo(element) ? 'name' : 'nome'
    );
    if (!first) return undefined;
    const last = (isOci(element) && GrammarUtils.findNodeForProperty(element.$cstNode, 'nome')) || first;
    return { start: first.range.start, end: last.range.end };
}
