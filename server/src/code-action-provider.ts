/**
 * Quick fixes bound to the diagnostic codes of language/src/validation/rules.ts:
 *   codigo/digito-verificador      → the code with the right check digit (data.corrigido)
 *   procedimento/nome-divergente,
 *   sigtap/nome                    → the name as in the SIGTAP table (data.nomeSigtap)
 *   valor/divergente               → the computed value in place of the declared one (data.calculado)
 *   valor/ausente                  → `valor R$ …` as the OCI's last item (data.calculado)
 *   oci/contrarreferencia-ausente  → `contrarreferencia aps` (art. 5 §2)
 *   oci/conclusao-ausente          → `conclusao X`, one action per component of the OCI
 *                                    (a bare `conclusao ` stub when there is none)
 *   oci/tr-gt-tm                   → tR set to tM, or tM set to tR
 *   procedimento/inexistente       → "did you mean": the same digits swapped that exist in the table,
 *                                    and the procedures named like the name written (suggestions.ts)
 *   oci/a-preencher (estimativa)   → the SIGTAP estimate (VL_SA; the largest of a group's members)
 *                                    (one per pending estimate of the OCI's grouped diagnostic)
 *   source.fixAll                  → every mechanical fix of the file at once: check digits, SIGTAP
 *                                    names and, in OCIs without a code fix, the declared value
 *   oci/componente-duplicado       → removes the repeated procedure component (its whole line
 *                                    when it stands alone on it); the first occurrence stays.
 *                                    Not offered when the repeated component is a group (`um_de`):
 *                                    which alternative to drop is the author's decision.
 * New items go where the canonical layout puts them (after fundamento … tecnologias).
 */
import { AstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider, LangiumServices } from 'langium/lsp';
import {
    CodeActionKind,
    type CodeAction,
    type CodeActionParams,
    type Command,
    type Diagnostic,
    type Position,
    type TextEdit
} from 'vscode-languageserver';
import {
    isComponente,
    isGrupoRef,
    isMembroGrupo,
    isOci,
    isProcedimentoRef,
    type Componente,
    type Documento,
    type Oci
} from '../../language/src/index.js';
import { formatMoney } from '../../language/src/index.js';
import { sigtapEstimate } from '../../language/src/index.js';
import type { CatalogoContextProvider } from '../../language/src/index.js';
import { expandPresented } from './diagnostic-presentation.js';
import { suggestProcedures, suggestionLabel } from './suggestions.js';
import type { OciAddedServices } from '../../language/src/index.js';
import { codesOf, componentesOf, tmOf, trOf } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import type { CatalogoSettings } from '../../language/src/index.js';
import { t, type MessageKey } from './i18n.js';

/** Position of each kind of item in the canonical order of an OCI's body. */
const ITEM_RANK: Record<string, number> = {
    Fundamento: 0,
    Publico: 1,
    Cids: 2,
    TempoRecomendado: 3,
    TempoMaximo: 4,
    Componente: 5,
    Conclusao: 6,
    Remoto: 7,
    Contrarreferencia: 8,
    UsoTecnologias: 9,
    ValorDeclarado: 10
};

/** Diagnostics whose fix is mechanical (one right answer): applied together by source.fixAll. */
const CODE_FIXES = new Set(['codigo/digito-verificador', 'procedimento/nome-divergente', 'sigtap/nome']);
const VALUE_FIXES = new Set(['valor/divergente', 'valor/ausente']);

export class OciCodeActionProvider implements CodeActionProvider {
    private readonly settings: CatalogoSettings;
    private readonly catalogo: CatalogoContextProvider;

    constructor(services: LangiumServices & OciAddedServices) {
        this.settings = services.catalogo.Settings;
        this.catalogo = services.catalogo.Context;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const only = params.context.only;
        if (only?.some(k => k === CodeActionKind.Source || k.startsWith(CodeActionKind.SourceFixAll))) {
            const all = this.fixAll(document);
            return all ? [all] : [];
        }
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            actions.push(...this.fixes(document, diagnostic));
        }
        return actions;
    }

    protected fixes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const data = (diagnostic.data ?? {}) as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
        const locale = this.settings.locale;
        /** The diagnostic's range replaced by the text the check computed (data[field]); no fix without it. */
        const replaceBy = (field: string, title: MessageKey): CodeAction[] => {
            const value = text(data[field]);
            return value
                ? [
                      fix(
                          document,
                          diagnostic,
                          t(locale, title, value),
                          [{ range: diagnostic.range, newText: value }],
                          true
                      )
                  ]
                : [];
        };
        switch (diagnostic.code) {
            case 'codigo/digito-verificador':
                return replaceBy('corrigido', 'fix.digito');
            case 'procedimento/nome-divergente':
            case 'sigtap/nome': {
                const nome = text(data.nomeSigtap);
                if (!nome) return [];
                const written = document.textDocument.getText(diagnostic.range);
                const quote = written.startsWith("'") ? "'" : '"';
                return [
                    fix(
                        document,
                        diagnostic,
                        t(locale, 'fix.nomeSigtap', nome),
                        [{ range: diagnostic.range, newText: quoteString(nome, quote) }],
                        true
                    )
                ];
            }
            case 'valor/divergente':
                return replaceBy('calculado', 'fix.valorCalculado');
            case 'valor/ausente': {
                const calculado = text(data.calculado);
                const oci = ociAt(document, diagnostic.range.start);
                return calculado && oci
                    ? [
                          fix(
                              document,
                              diagnostic,
                              t(locale, 'fix.valorAusente', calculado),
                              [insertItem(document, oci, 'ValorDeclarado', `valor ${calculado}`)],
                              true
                          )
                      ]
                    : [];
            }
            case 'oci/contrarreferencia-ausente': {
                const oci = ociAt(document, diagnostic.range.start);
                return oci
                    ? [
                          fix(
                              document,
                              diagnostic,
                              t(locale, 'fix.contrarreferencia'),
                              [insertItem(document, oci, 'Contrarreferencia', 'contrarreferencia aps')],
                              true
                          )
                      ]
                    : [];
            }
            case 'oci/conclusao-ausente': {
                const oci = ociAt(document, diagnostic.range.start);
                if (!oci) return [];
                const alvos = conclusionCandidates(oci);
                if (alvos.length === 0) {
                    return [
                        fix(
                            document,
                            diagnostic,
                            t(locale, 'fix.conclusaoStub'),
                            [insertItem(document, oci, 'Conclusao', 'conclusao ')],
                            true
                        )
                    ];
                }
                return alvos.map(alvo =>
                    fix(
                        document,
                        diagnostic,
                        t(locale, 'fix.conclusao', alvo),
                        [insertItem(document, oci, 'Conclusao', `conclusao ${alvo}`)],
                        alvos.length === 1
                    )
                );
            }
            case 'oci/componente-duplicado':
                return this.removeDuplicate(document, diagnostic);
            case 'oci/tr-gt-tm':
                return this.equalTimes(document, diagnostic);
            case 'procedimento/inexistente':
                return this.didYouMean(document, diagnostic);
            case 'oci/a-preencher':
                // The editor shows an OCI's pending data as one diagnostic (diagnostic-presentation.ts): a fix each.
                return expandPresented(diagnostic).flatMap(d => this.sigtapEstimateFix(document, d, diagnostic));
            default:
                return [];
        }
    }

    /** tR > tM: make tR equal to tM (preferred: the maximum is the binding limit), or tM equal to tR. */
    private equalTimes(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const oci = ociAt(document, diagnostic.range.start);
        const tr = oci && trOf(oci);
        const tm = oci && tmOf(oci);
        const trDias = tr && GrammarUtils.findNodeForProperty(tr.$cstNode, 'dias');
        const tmDias = tm && GrammarUtils.findNodeForProperty(tm.$cstNode, 'dias');
        if (!tr || !tm || !trDias || !tmDias || tr.dias === undefined || tm.dias === undefined) return [];
        const locale = this.settings.locale;
        const writeDias = (title: MessageKey, where: CstNode, dias: number, preferred: boolean) =>
            fix(
                document,
                diagnostic,
                t(locale, title, dias),
                [{ range: where.range, newText: String(dias) }],
                preferred
            );
        return [writeDias('fix.trIgualTm', trDias, tm.dias, true), writeDias('fix.tmIgualTr', tmDias, tr.dias, false)];
    }

    /** A code not in the table: the codes it may have meant (suggestions.ts), with their SIGTAP names. */
    private didYouMean(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const table = this.catalogo.forDocument(document).table;
        const node = nodeAt(document, diagnostic.range.start, n => isProcedimentoRef(n) || isMembroGrupo(n)) as
            { codigo: string; nome?: string; $cstNode?: AstNode['$cstNode'] } | undefined;
        const codigo = normalizeCodigo(node?.codigo ?? '');
        if (!table || !node || !codigo) return [];
        const nomeNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'nome');
        return suggestProcedures(table, codigo, node.nome).map(p => {
            const edits: TextEdit[] = [{ range: diagnostic.range, newText: formatCodigo(p.codigo) }];
            if (nomeNode && node.nome !== p.nome) edits.push({ range: nomeNode.range, newText: quoteString(p.nome) });
            return fix(
                document,
                diagnostic,
                t(this.settings.locale, 'fix.voceQuisDizer', suggestionLabel(p)),
                edits,
                false
            );
        });
    }

    /** `estimativa a_preencher` → the SIGTAP estimate an omitted estimate would take (VL_SA). */
    private sigtapEstimateFix(document: LangiumDocument, diagnostic: Diagnostic, shown = diagnostic): CodeAction[] {
        const componente = nodeAt(document, diagnostic.range.start, isComponente) as Componente | undefined;
        const pendente = componente && GrammarUtils.findNodeForProperty(componente.$cstNode, 'estimativaPendente');
        if (!componente || !pendente || pendente.offset !== document.textDocument.offsetAt(diagnostic.range.start))
            return [];
        const valor = sigtapEstimate(componente, this.catalogo.forDocument(document).table);
        if (!valor) return [];
        const texto = formatMoney(valor);
        return [
            fix(
                document,
                shown,
                t(this.settings.locale, 'fix.estimativaSigtap', texto),
                [{ range: pendente.range, newText: texto }],
                true
            )
        ];
    }

    /**
     * Every mechanical fix of the document in one action (source.fixAll): check digits and SIGTAP
     * names; the declared value only in OCIs without such a fix (a corrected code can change the
     * computed value, which is then fixed by the next run, on fresh diagnostics).
     */
    private fixAll(document: LangiumDocument): CodeAction | undefined {
        const diagnostics = document.diagnostics ?? [];
        const codeFixed = new Set<Oci>();
        const edits: TextEdit[] = [];
        const take = (d: Diagnostic) => {
            const action = this.fixes(document, d).find(a => a.isPreferred);
            const mine = action?.edit?.changes?.[document.textDocument.uri] ?? [];
            const offsets = (e: TextEdit): [number, number] => [
                document.textDocument.offsetAt(e.range.start),
                document.textDocument.offsetAt(e.range.end)
            ];
            if (mine.some(e => edits.some(o => offsets(o)[0] < offsets(e)[1] && offsets(e)[0] < offsets(o)[1])))
                return false;
            edits.push(...mine);
            return mine.length > 0;
        };
        for (const d of diagnostics.filter(d => CODE_FIXES.has(String(d.code)))) {
            if (take(d) && d.code !== 'sigtap/nome' && d.code !== 'procedimento/nome-divergente') {
                const oci = ociAt(document, d.range.start);
                if (oci) codeFixed.add(oci);
            }
        }
        for (const d of diagnostics.filter(d => VALUE_FIXES.has(String(d.code)))) {
            const oci = ociAt(document, d.range.start);
            if (oci && !codeFixed.has(oci)) take(d);
        }
        if (edits.length === 0) return undefined;
        return {
            title: t(this.settings.locale, 'fix.todos', edits.length),
            kind: CodeActionKind.SourceFixAll,
            edit: { changes: { [document.textDocument.uri]: edits } }
        };
    }

    /** Removes the repeated procedure component the diagnostic points at; the first occurrence stays. */
    private removeDuplicate(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
        const oci = ociAt(document, diagnostic.range.start);
        const textDocument = document.textDocument;
        const at = textDocument.offsetAt(diagnostic.range.start);
        const componente = oci?.itens
            .filter(isComponente)
            .find(c => c.$cstNode && c.$cstNode.offset <= at && at < c.$cstNode.end);
        if (!oci || !componente || !isProcedimentoRef(componente.alvo)) return [];
        const codigo = normalizeCodigo(componente.alvo.codigo);
        const index = componentesOf(oci).indexOf(componente);
        const first = componentesOf(oci)
            .slice(0, index)
            .find(c => codigo !== undefined && codesOf(c).includes(codigo));
        if (!codigo || !first?.$cstNode) return [];
        const line = (c: Componente) => textDocument.positionAt(c.$cstNode!.offset).line + 1;
        const title = t(
            this.settings.locale,
            'fix.removerDuplicado',
            formatCodigo(codigo),
            line(componente),
            line(first)
        );
        // Preferred when nothing is lost: the removed line says the same as the one that stays.
        const same =
            isProcedimentoRef(first.alvo) && normalized(first.$cstNode.text) === normalized(componente.$cstNode!.text);
        return [fix(document, diagnostic, title, [removeItem(textDocument.getText(), componente, textDocument)], same)];
    }
}

/** An item's text with its code normalized and spaces collapsed, to compare two components. */
function normalized(text: string): string {
    return text
        .replace(/\b(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{3})-?(\d)\b/g, '$1$2$3$4$5')
        .replace(/\s+/g, ' ')
        .trim();
}

/**
 * Removes an item: its whole line (with the line break) when nothing else is on it, except a
 * trailing comment, which goes too; otherwise the item's text and the blanks after it.
 */
function removeItem(text: string, item: AstNode, textDocument: LangiumDocument['textDocument']): TextEdit {
    const start = item.$cstNode!.offset;
    const end = item.$cstNode!.end;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = endOfLine(text, end);
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd);
    if (/^[ \t]*$/.test(before) && /^[ \t]*(\/\/.*)?$/.test(after)) {
        const next = lineEnd < text.length ? lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1) : lineEnd;
        return {
            range: { start: textDocument.positionAt(lineStart), end: textDocument.positionAt(next) },
            newText: ''
        };
    }
    const blanks = /^[ \t]*/.exec(text.slice(end))![0].length;
    return {
        range: { start: textDocument.positionAt(start), end: textDocument.positionAt(end + blanks) },
        newText: ''
    };
}

function fix(
    document: LangiumDocument,
    diagnostic: Diagnostic,
    title: string,
    edits: TextEdit[],
    isPreferred: boolean
): CodeAction {
    return {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: { changes: { [document.textDocument.uri]: edits } }
    };
}

/** A string literal in the given quote style. */
export function quoteString(value: string, quote: '"' | "'" = '"'): string {
    return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), '\\' + quote) + quote;
}

/** Groups (um_de) first — usually the consultation that closes the care — then procedures. */
function conclusionCandidates(oci: Oci): string[] {
    const grupos: string[] = [];
    const procedimentos: string[] = [];
    for (const c of componentesOf(oci)) {
        if (isGrupoRef(c.alvo) && c.alvo.grupo?.$refText) grupos.push(c.alvo.grupo.$refText);
        else if (isProcedimentoRef(c.alvo) && c.alvo.codigo) procedimentos.push(formatCodigo(c.alvo.codigo));
    }
    return [...new Set([...grupos, ...procedimentos])];
}

/** The innermost node at `position` that satisfies `is`. */
function nodeAt(document: LangiumDocument, position: Position, is: (n: AstNode) => boolean): AstNode | undefined {
    const offset = document.textDocument.offsetAt(position);
    let found: AstNode | undefined;
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        const cst = node.$cstNode;
        if (cst && cst.offset <= offset && offset < cst.end && is(node)) found = node;
    }
    return found;
}

/** The OCI whose text contains `position`. */
function ociAt(document: LangiumDocument, position: Position): Oci | undefined {
    const offset = document.textDocument.offsetAt(position);
    const root = document.parseResult.value as Documento;
    return (root.elementos ?? [])
        .filter(isOci)
        .find(o => o.$cstNode && o.$cstNode.offset <= offset && offset <= o.$cstNode.end);
}

/**
 * Inserts a new item into an OCI after the last item that comes before it in the canonical
 * order (or right after `{`): on a line of its own, indented like its neighbour, unless the OCI
 * is written on one line.
 */
export function insertItem(document: LangiumDocument, oci: Oci, type: string, itemText: string): TextEdit {
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const rank = ITEM_RANK[type] ?? 99;
    const before = oci.itens.filter(i => (ITEM_RANK[i.$type] ?? 99) <= rank && i.$cstNode).pop();
    const brace = GrammarUtils.findNodeForKeyword(oci.$cstNode, '{');
    const anchorEnd = before?.$cstNode?.end ?? brace?.end ?? oci.$cstNode!.end;
    const lineEnd = endOfLine(text, anchorEnd);
    const rest = text.slice(anchorEnd, lineEnd);
    const ociIndent = indentAt(text, oci.$cstNode!.offset);
    const neighbour = before ?? oci.itens.find(i => i.$cstNode);
    const indent = neighbour ? itemIndent(text, neighbour, ociIndent) : ociIndent + '  ';
    if (/^\s*(\/\/.*)?$/.test(rest)) {
        const eol = text.includes('\r\n') ? '\r\n' : '\n';
        return { range: point(textDocument.positionAt(lineEnd)), newText: `${eol}${indent}${itemText}` };
    }
    return { range: point(textDocument.positionAt(anchorEnd)), newText: ` ${itemText}` };
}

function itemIndent(text: string, item: AstNode, fallback: string): string {
    const start = item.$cstNode!.offset;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lead = text.slice(lineStart, start);
    return /^[ \t]*$/.test(lead) ? lead : fallback + '  ';
}

function indentAt(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function endOfLine(text: string, offset: number): number {
    const m = /\r?\n/.exec(text.slice(offset));
    return m ? offset + m.index : text.length;
}

function point(position: Position) {
    return { start: position, end: position };
}
