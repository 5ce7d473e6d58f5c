/**
 * Completion: Langium's keyword and reference completion, plus what the grammar cannot know —
 * procedure codes from the SIGTAP table of the document's catalogue (by code prefix, with or
 * without punctuation, or by words of the name, accent-insensitive: "mamog" → 02.04.03.003-0
 * MAMOGRAFIA), CIDs after `cid`, remote modalities after `remoto` and `aps` after
 * `contrarreferencia`.
 */
import {
    AstUtils,
    DocumentState,
    GrammarAST,
    GrammarUtils,
    TextDocument as LspTextDocument,
    type LangiumDocument,
    type MaybePromise,
    type TextDocument
} from 'langium';
import { DefaultCompletionProvider, type LangiumServices } from 'langium/lsp';
import type { CompletionAcceptor, CompletionContext, NextFeature } from 'langium/lsp';
import {
    CompletionItemKind,
    CompletionList,
    MarkupKind,
    type CancellationToken,
    type CompletionItem,
    type CompletionParams,
    type Range
} from 'vscode-languageserver';
import { isOci, type Documento, type Oci } from '../../language/src/index.js';
import { MODALIDADES_REMOTAS } from '../../language/src/index.js';
import { cidsOf, codesOf, componentesOf, formatCid } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import type { SigtapProcedimento, SigtapTable } from '../../language/src/index.js';
import type { CatalogoContextProvider } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import { compatibilityRank, headerPresent, literalAt, statementsPresent, unaccented } from './completion-filters.js';
import {
    CID_CODE_QUERY,
    PROCEDURE_CODE_QUERY,
    cidIndex,
    hasProcedureIndex,
    procedureIndex,
    search
} from './procedure-search.js';
import { scheduleIdleWork } from './idle-work.js';
import { procedimentoDetail, procedimentoMarkdown } from './sigtap-text.js';

/** Most items offered at once; the list is incomplete, so typing more narrows it on the server. */
export const MAX_ITEMS = 50;

const WORD_CHAR = /[\p{L}\p{N}_.-]/u;
const DESTINOS: Array<[string, string]> = [
    ['aps', 'Atenção Primária à Saúde — transição para a APS (Portaria GM/MS nº 3.492/2024, art. 5 §2)']
];

const MODALIDADE_TEXTO: Record<string, string> = {
    teleconsulta: 'Teleconsulta (art. 6 §4)',
    teleinterconsulta: 'Teleinterconsulta (art. 6 §4)',
    teleconsultoria: 'Teleconsultoria (art. 6 §4)',
    matriciamento: 'Matriciamento (art. 6 §4)',
    telediagnostico: 'Telediagnóstico (procedimentos próprios na tabela SIGTAP)'
};

type CodeContext = 'oci' | 'conclusao' | 'componente';

/** A code being typed (at `offset`, replacing `range`, `query` typed so far) and the SIGTAP table to look it up in. */
interface CodeQuery {
    document: LangiumDocument;
    table: SigtapTable;
    query: string;
    range: Range;
    offset: number;
}

export class OciCompletionProvider extends DefaultCompletionProvider {
    private readonly catalogo: CatalogoContextProvider;
    /** "02." and "D48." ask for the next part of a code. */
    override readonly completionOptions = { triggerCharacters: ['.'] };

    constructor(services: LangiumServices & OciAddedServices) {
        super(services);
        this.catalogo = services.catalogo.Context;
        // Build the search index of each competência in the pauses after a build (idle-work.ts), so the first
        // completion does not pay for it (~25 ms for 5,000 procedures, ~55 ms for 14,000 CIDs): one index per step.
        // The work holds the tables, not the documents: a closed or replaced document is released at once.
        scheduleIdleWork(services.shared.workspace.DocumentBuilder, {
            pending: documents => {
                for (const table of this.tablesOf(documents)) this.warmUpTables.add(table);
                return this.warmUpTables.size > 0;
            },
            step: () => this.warmUp()
        });
    }

    /** Tables whose search indexes are still to be built. */
    private readonly warmUpTables = new Set<SigtapTable>();

    private tablesOf(documents: LangiumDocument[]): Set<SigtapTable> {
        const tables = new Set<SigtapTable>();
        for (const document of documents) {
            if (document.state < DocumentState.Validated) continue;
            const table = this.catalogo.forDocument(document).table;
            if (table) tables.add(table);
        }
        return tables;
    }

    /** Builds one search index; whether any remains. */
    private warmUp(): boolean {
        const [table] = this.warmUpTables;
        if (!table) return false;
        if (!hasProcedureIndex(table)) procedureIndex(table);
        else {
            cidIndex(table);
            this.warmUpTables.delete(table);
        }
        return this.warmUpTables.size > 0;
    }

    /** Features found for (document version, offset): one completion asks for the same offsets up to four times. */
    private featuresMemo: { key: string; features: NextFeature[] } | undefined;
    /** The document being completed (findFeaturesAt only receives its text). */
    private completing: LangiumDocument | undefined;

    /**
     * Langium parses the whole text before the cursor to learn what may come next, so completion
     * cost grew with the file (two or three times per request: ~100 ms at the end of a file of
     * 200 OCIs). The grammar is a flat list of top-level elements, each starting at a keyword, so
     * the parse starts at the element before the one under the cursor: the parser is at the same
     * point of the entry rule there as after reading everything before it.
     */
    override findFeaturesAt(textDocument: TextDocument, offset: number): NextFeature[] {
        const key = `${textDocument.uri}@${textDocument.version}:${offset}`;
        if (this.featuresMemo?.key === key) return this.featuresMemo.features;
        const start = this.windowStart(textDocument, offset);
        const features =
            start === 0
                ? super.findFeaturesAt(textDocument, offset)
                : super.findFeaturesAt(windowOf(textDocument, start, offset), offset - start);
        this.featuresMemo = { key, features };
        return features;
    }

    /** Offset of a top-level element at least one element before `offset` (0 when unsure). */
    private windowStart(textDocument: TextDocument, offset: number): number {
        const document = this.completing;
        if (
            !document ||
            document.textDocument.uri !== textDocument.uri ||
            document.textDocument.version !== textDocument.version
        )
            return 0;
        const root = document.parseResult.value as Documento;
        if (root.$cstNode?.root.fullText !== textDocument.getText()) return 0;
        const starts = (root.elementos ?? [])
            .map(e => e.$cstNode?.offset)
            .filter((o): o is number => o !== undefined && o < offset);
        // The element holding the cursor may be half typed: start one element earlier.
        return starts.at(-2) ?? 0;
    }

    /**
     * Langium completes a cross-reference on the node under the cursor, or on a synthetic node
     * when the parser announced a new rule (`next.type`). After `obrigatorio um_de` the recovered
     * node under the cursor can be the Componente while the reference belongs to GrupoRef, and
     * the scope lookup then threw "Property grupo of type Componente is not a reference" (found
     * by the fuzzer, test/fixtures/crashers/completion-grupo-fora-do-grupo-ref.json). The node is
     * replaced by one of the rule that holds the reference whenever the types disagree.
     */
    protected override completionForCrossReference(
        context: CompletionContext,
        next: NextFeature<GrammarAST.CrossReference>,
        acceptor: CompletionAcceptor
    ): MaybePromise<void> {
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule);
        const node = context.node;
        if (!next.type && rule && node) {
            const type = rule.inferredType
                ? rule.inferredType.name
                : rule.returnType?.ref
                  ? GrammarUtils.getTypeName(rule.returnType.ref)
                  : rule.name;
            if (!this.astReflection.isInstance(node, type)) next = { ...next, type };
        }
        return super.completionForCrossReference(context, next, acceptor);
    }

    override async getCompletion(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: CancellationToken
    ): Promise<CompletionList | undefined> {
        this.completing = document;
        try {
            return await this.completeWith(document, params, cancelToken);
        } finally {
            this.completing = undefined;
        }
    }

    private async completeWith(
        document: LangiumDocument,
        params: CompletionParams,
        cancelToken?: CancellationToken
    ): Promise<CompletionList | undefined> {
        // Nothing inside or right after a literal: Enter there must break the line (issue 19).
        const lineBefore = document.textDocument.getText({
            start: { line: params.position.line, character: 0 },
            end: params.position
        });
        const literal = literalAt(lineBefore);
        if (literal === 'number') {
            // Digits may be the start of a procedure code: only the codes then, never keywords.
            const codes = this.domainCompletions(document, params);
            return CompletionList.create(codes, codes.length > 0);
        }
        if (literal) return CompletionList.create([], false);
        const base = await super.getCompletion(document, params, cancelToken);
        const extra = this.domainCompletions(document, params);
        if (extra.length === 0) return base;
        return CompletionList.create([...extra, ...(base?.items ?? [])], true);
    }

    /** Every keyword of the grammar; an accented keyword is offered through its unaccented twin. */
    private readonly keywords = new Set(
        AstUtils.streamAllContents(this.grammar)
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
    );
    private readonly accentedOf = new Map(
        [...this.keywords]
            .filter(k => unaccented(k) !== k && this.keywords.has(unaccented(k)))
            .map(k => [unaccented(k), k])
    );
    private presentMemo: { key: string; present: Set<string> } | undefined;

    protected override completionForKeyword(
        context: CompletionContext,
        keyword: GrammarAST.Keyword,
        acceptor: CompletionAcceptor
    ): MaybePromise<void> {
        const value = keyword.value;
        const plain = unaccented(value);
        if (plain !== value && this.keywords.has(plain)) return;
        if (!this.filterKeyword(context, keyword) || this.present(context).has(plain)) return;
        const accented = this.accentedOf.get(value);
        acceptor(context, {
            label: value,
            kind: this.getKeywordCompletionItemKind(keyword),
            detail: accented ? `Keyword (${accented})` : 'Keyword',
            sortText: '1',
            filterText: accented ? `${value} ${accented}` : undefined
        });
    }

    /** Keywords of statements the OCI (or header) at the cursor already has: written once, not offered again. */
    private present(context: CompletionContext): Set<string> {
        const key = `${context.textDocument.uri}@${context.textDocument.version}:${context.offset}`;
        if (this.presentMemo?.key === key) return this.presentMemo.present;
        const root = context.document.parseResult.value as Documento;
        const oci = ociAt(context.document, context.offset);
        const present = oci
            ? statementsPresent(oci, context.offset)
            : root.cabecalho
              ? headerPresent(root.cabecalho, context.offset)
              : new Set<string>();
        this.presentMemo = { key, present };
        return present;
    }

    /** Items for the terminals the grammar leaves open (codes, CIDs, modalities, destinations). */
    protected domainCompletions(document: LangiumDocument, params: CompletionParams): CompletionItem[] {
        const textDocument = document.textDocument;
        const text = textDocument.getText();
        const offset = textDocument.offsetAt(params.position);
        let start = offset;
        while (start > 0 && WORD_CHAR.test(text.charAt(start - 1))) start--;
        let end = offset;
        while (end < text.length && WORD_CHAR.test(text.charAt(end))) end++;
        const query = text.slice(start, offset);
        const range: Range = { start: textDocument.positionAt(start), end: textDocument.positionAt(end) };

        const features = this.findFeaturesAt(textDocument, start);
        const expects = (terminal: string, property?: string) =>
            features.some(f => isTerminalCall(f, terminal) && (property === undefined || f.property === property));

        const items: CompletionItem[] = [];
        const codeQuery = (table: SigtapTable): CodeQuery => ({ document, table, query, range, offset: start });
        if (expects('CODIGO')) {
            const table = this.catalogo.forDocument(document).table;
            if (table) items.push(...this.procedureItems(codeQuery(table), codeContext(text, start)));
        }
        if (expects('CID')) {
            const table = this.catalogo.forDocument(document).table;
            if (table) items.push(...this.cidItems(codeQuery(table)));
        }
        if (expects('ID', 'modalidades')) {
            items.push(
                ...MODALIDADES_REMOTAS.filter(m => m.startsWith(query.toLowerCase())).map((m, i) => ({
                    label: m,
                    kind: CompletionItemKind.EnumMember,
                    detail: MODALIDADE_TEXTO[m],
                    sortText: `!${i}`,
                    textEdit: { range, newText: m }
                }))
            );
        }
        if (expects('ID', 'destino')) {
            items.push(
                ...DESTINOS.filter(([d]) => d.startsWith(query.toLowerCase())).map(([d, detail]) => ({
                    label: d,
                    kind: CompletionItemKind.EnumMember,
                    detail,
                    sortText: '!0',
                    textEdit: { range, newText: d }
                }))
            );
        }
        return items;
    }

    protected procedureItems(
        { document, table, query, range, offset }: CodeQuery,
        context: CodeContext
    ): CompletionItem[] {
        const entries = procedureIndex(table);
        const oci = ociAt(document, offset);
        let found: SigtapProcedimento[];
        if (context === 'oci') {
            found = search(entries, query, PROCEDURE_CODE_QUERY, {
                limit: MAX_ITEMS,
                filter: p => p.codigo.startsWith('09')
            });
        } else if (context === 'conclusao') {
            // The concluding procedure must be one of the OCI's components (art. 6 §2 III).
            const own = new Set(oci ? componentesOf(oci).flatMap(codesOf) : []);
            found = search(entries, query, PROCEDURE_CODE_QUERY, { limit: MAX_ITEMS, filter: p => own.has(p.codigo) });
            if (found.length === 0)
                found = search(entries, query, PROCEDURE_CODE_QUERY, {
                    limit: MAX_ITEMS,
                    filter: p => !p.codigo.startsWith('09')
                });
        } else {
            // An OCI is made of procedures, never of other OCIs (group 09).
            // Procedures that suit the OCI's público and CIDs first (searched wider, then ranked).
            const rank = compatibilityRank(oci, table);
            found = firstByRank(
                search(entries, query, PROCEDURE_CODE_QUERY, {
                    limit: MAX_ITEMS * 4,
                    filter: p => !p.codigo.startsWith('09')
                }),
                rank
            );
        }
        // The name goes in with the code, unless a name already follows the word being replaced.
        const text = document.textDocument.getText();
        const nameFollows = /^[ \t]*["']/.test(text.slice(document.textDocument.offsetAt(range.end)));
        return found.map((p, i) => {
            const codigo = formatCodigo(p.codigo);
            return {
                label: `${codigo} ${p.nome}`,
                kind: context === 'oci' ? CompletionItemKind.Module : CompletionItemKind.Value,
                detail: procedimentoDetail(p),
                documentation: { kind: MarkupKind.Markdown, value: procedimentoMarkdown(p, table) },
                // Always shown for what the server matched (accents, words inside the name).
                filterText: `${query} ${codigo} ${p.codigo} ${p.nome}`,
                sortText: `!${String(i).padStart(3, '0')}`,
                textEdit: {
                    range,
                    newText: nameFollows ? codigo : `${codigo} "${p.nome.replace(/["\\]/g, c => `\\${c}`)}"`
                }
            };
        });
    }

    protected cidItems({ document, table, query, range, offset }: CodeQuery): CompletionItem[] {
        const entries = cidIndex(table);
        const oci = ociAt(document, offset);
        const written = new Set(oci ? cidsOf(oci) : []);
        let found: Array<{ codigo: string; nome: string }> = [];
        if (query === '' && oci) {
            // The CIDs SIGTAP associates with this OCI (rl_procedimento_cid) first.
            const codigo = normalizeCodigo(oci.codigo);
            found = (codigo ? table.cidsPorProcedimento(codigo) : [])
                .filter(c => !written.has(c))
                .slice(0, MAX_ITEMS)
                .map(c => ({ codigo: c, nome: table.cids.get(c) ?? '' }));
        }
        if (found.length === 0) {
            // The CIDs SIGTAP associates with this OCI first among the matches.
            const codigo = oci ? normalizeCodigo(oci.codigo) : undefined;
            const own = new Set(codigo ? table.cidsPorProcedimento(codigo) : []);
            found = firstByRank(
                search(entries, query, CID_CODE_QUERY, {
                    limit: MAX_ITEMS * 4,
                    filter: c => !written.has(c.codigo)
                }),
                c => (own.has(c.codigo) ? 0 : 1)
            );
        }
        return found.map((c, i) => ({
            label: `${formatCid(c.codigo)} ${c.nome}`,
            kind: CompletionItemKind.EnumMember,
            detail: 'CID-10 (tabela SIGTAP)',
            filterText: `${query} ${formatCid(c.codigo)} ${c.codigo} ${c.nome}`,
            sortText: `!${String(i).padStart(3, '0')}`,
            textEdit: { range, newText: formatCid(c.codigo) }
        }));
    }
}

/** The first MAX_ITEMS of a wider search by rank (lower first), in the search's order within a rank. */
function firstByRank<T>(found: readonly T[], rank: (item: T) => number): T[] {
    return found
        .map((item, i) => ({ item, i, r: rank(item) }))
        .sort((a, b) => a.r - b.r || a.i - b.i)
        .slice(0, MAX_ITEMS)
        .map(x => x.item);
}

/** The text of `textDocument` between `start` and `end`, as a document (findFeaturesAt reads no further). */
function windowOf(textDocument: TextDocument, start: number, end: number): TextDocument {
    return LspTextDocument.create(
        textDocument.uri,
        textDocument.languageId,
        textDocument.version,
        textDocument.getText().slice(start, end)
    );
}

function isTerminalCall(next: NextFeature, terminal: string): boolean {
    return GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === terminal;
}

/** What the code at `start` stands for, judged by the keyword before it. */
function codeContext(text: string, start: number): CodeContext {
    const before = text.slice(Math.max(0, start - 40), start);
    if (/(^|[^\p{L}\p{N}_])oci\s+$/u.test(before)) return 'oci';
    if (/(^|[^\p{L}\p{N}_])conclus[aã]o\s+$/u.test(before)) return 'conclusao';
    return 'componente';
}

/** The OCI whose text contains `offset`, if any. */
function ociAt(document: LangiumDocument, offset: number): Oci | undefined {
    const root = document.parseResult.value as Documento;
    for (const elemento of root.elementos ?? []) {
        const cst = elemento.$cstNode;
        if (isOci(elemento) && cst && cst.offset <= offset && offset <= cst.end) return elemento;
    }
    return undefined;
}
