/**
 * Hover: SIGTAP data of a procedure code (components, group members, conclusão); the value
 * breakdown of an OCI (on its code, name or the `oci` keyword); the CID's name; the
 * definition of a tecnologia or grupo (on a reference or on its declaration); and, on any text
 * that carries one of our diagnostics, the text of the law the diagnostic cites (its
 * `data.basis`: the article, paragraph and incisos of Portaria GM/MS nº 3.492/2024, from
 * language/src/legal/).
 */
import {
    AstUtils,
    CstUtils,
    GrammarAST,
    GrammarUtils,
    type AstNode,
    type CstNode,
    type LangiumDocument,
    type MaybePromise
} from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Diagnostic, Hover, HoverParams, Position } from 'vscode-languageserver';
import {
    isCid,
    isCustoFixo,
    isGrupo,
    isMembroGrupo,
    isOci,
    isProcedimentoRef,
    isTecnologia,
    type Grupo,
    type Oci,
    type Tecnologia
} from '../../language/src/index.js';
import { baseLegalMarkdown } from '../../language/src/index.js';
import { formatMoney, formatPercent, parseMoney, parsePercent } from '../../language/src/index.js';
import type { OciAddedServices } from '../../language/src/index.js';
import { formatCid, normalizeCid } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import type { CatalogoContextProvider } from '../../language/src/index.js';
import type { CatalogoSettings } from '../../language/src/index.js';
import { escapeMarkdown, formatCompetencia, procedimentoMarkdown, valorSigtap } from './sigtap-text.js';
import { apacMarkdown } from './apac-text.js';
import { presentDiagnostics } from './diagnostic-presentation.js';
import { breakdownMarkdown } from './value-text.js';

export class OciHoverProvider extends AstNodeHoverProvider {
    private readonly catalogo: CatalogoContextProvider;
    private readonly settings: CatalogoSettings;

    constructor(services: LangiumServices & OciAddedServices) {
        super(services);
        this.catalogo = services.catalogo.Context;
        this.settings = services.catalogo.Settings;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const hover = await this.nodeHover(document, params);
        const legal = this.legalHover(document, params.position);
        if (!legal) return hover;
        if (!hover) return legal;
        const text = (h: Hover) => (typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
        return { contents: { kind: 'markdown', value: `${text(hover)}\n\n---\n\n${text(legal)}` }, range: hover.range };
    }

    private async nodeHover(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
        if (leaf && offset < leaf.end) {
            const own = this.ownHover(document, leaf, offset);
            if (own) return own;
        }
        return super.getHoverContent(document, params);
    }

    /**
     * The law cited by the diagnostics whose range holds `position` (each basis once, in the
     * order of the diagnostics); undefined when none carries a basis.
     */
    private legalHover(document: LangiumDocument, position: Position): Hover | undefined {
        const at = (d: Diagnostic) => before(d.range.start, position) && before(position, d.range.end);
        // As the editor shows them: pending data cited on the OCI's name (diagnostic-presentation.ts).
        const shown = presentDiagnostics(document, document.diagnostics ?? [], this.settings.locale);
        const cited = shown.filter(
            d => at(d) && typeof (d.data as { basis?: unknown } | undefined)?.basis === 'string'
        );
        const [first] = cited;
        if (first === undefined) return undefined;
        const seen = new Set<string>();
        const parts: string[] = [];
        for (const d of cited) {
            const basis = (d.data as { basis: string }).basis;
            if (seen.has(basis)) continue;
            seen.add(basis);
            parts.push(
                baseLegalMarkdown(basis, {
                    code: typeof d.code === 'string' ? d.code : undefined,
                    locale: this.settings.locale
                })
            );
        }
        return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: first.range };
    }

    private ownHover(document: LangiumDocument, leaf: CstNode, offset: number): Hover | undefined {
        const node = leaf.astNode;
        if (isProcedimentoRef(node) || isMembroGrupo(node)) {
            const codeNode = propertyNode(node, 'codigo');
            if (codeNode && contains(codeNode, offset))
                return markdown(this.procedureText(document, node.codigo), codeNode);
        }
        if (isOci(node)) {
            const onKeyword = GrammarAST.isKeyword(leaf.grammarSource) && leaf.grammarSource.value === 'oci';
            const codeNode = propertyNode(node, 'codigo');
            const nameNode = propertyNode(node, 'nome');
            if (onKeyword || (codeNode && contains(codeNode, offset)) || (nameNode && contains(nameNode, offset))) {
                return markdown(this.ociText(node), onKeyword ? leaf : (codeNode ?? leaf));
            }
        }
        if (isCid(node)) {
            return markdown(this.cidText(document, node.codigo, AstUtils.getContainerOfType(node, isOci)), leaf);
        }
        return undefined;
    }

    /** Definitions of tecnologias and grupos (on references and declarations); OCIs by their code. */
    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isTecnologia(node)) return tecnologiaText(node);
        if (isGrupo(node)) return this.grupoText(node);
        if (isOci(node)) return this.ociText(node);
        return undefined;
    }

    /** The value breakdown of an OCI and, when the table gives it attribute 054, its APAC window. */
    private ociText(oci: Oci): string {
        const table = this.catalogo.forDocument(AstUtils.getDocument(oci)).table;
        return [breakdownMarkdown(oci, table), apacMarkdown(oci, table)].filter(Boolean).join('\n\n');
    }

    private procedureText(document: LangiumDocument, written: string): string {
        const context = this.catalogo.forDocument(document);
        const codigo = normalizeCodigo(written);
        if (!codigo) return `\`${written}\` não é um código de procedimento (GG.SS.FF.PPP-D).`;
        if (!context.table) {
            return `**${formatCodigo(codigo)}**\n\nSem tabela SIGTAP: o cabeçalho "catalogo" deste arquivo não indica um arquivo "sigtap" legível${context.sigtapProblem ? ` (${escapeMarkdown(context.sigtapProblem.message)})` : ''}.`;
        }
        const proc = context.table.procedimentos.get(codigo);
        if (!proc)
            return `**${formatCodigo(codigo)}**\n\nNão existe na tabela SIGTAP da competência ${formatCompetencia(context.table.competencia)}.`;
        return procedimentoMarkdown(proc, context.table);
    }

    private cidText(document: LangiumDocument, written: string, oci: Oci | undefined): string {
        const table = this.catalogo.forDocument(document).table;
        const cid = normalizeCid(written);
        if (!table) return `**CID ${formatCid(cid)}**`;
        const nome = table.cids.get(cid);
        const lines = [
            nome
                ? `**CID ${formatCid(cid)} — ${escapeMarkdown(nome)}**`
                : `**CID ${formatCid(cid)}** — não existe na tabela SIGTAP da competência ${formatCompetencia(table.competencia)}`
        ];
        const codigo = oci ? normalizeCodigo(oci.codigo) : undefined;
        if (codigo && table.procedimentos.has(codigo)) {
            const associado = table.cidsPorProcedimento(codigo).includes(cid);
            lines.push(
                '',
                associado
                    ? `Associado a ${formatCodigo(codigo)} na tabela SIGTAP (rl_procedimento_cid).`
                    : `Não associado a ${formatCodigo(codigo)} na tabela SIGTAP (rl_procedimento_cid).`
            );
        }
        return lines.join('\n');
    }

    private grupoText(grupo: Grupo): string {
        const table = this.catalogo.forDocument(AstUtils.getDocument(grupo)).table;
        const lines = [
            `**grupo ${grupo.name}**${grupo.descricao ? ` — ${escapeMarkdown(grupo.descricao)}` : ''}`,
            '',
            'Um de (alternativas equivalentes):',
            ''
        ];
        for (const membro of grupo.membros) {
            const codigo = normalizeCodigo(membro.codigo);
            const proc = codigo ? table?.procedimentos.get(codigo) : undefined;
            const nome = proc?.nome ?? membro.nome ?? '';
            lines.push(
                `- ${formatCodigo(membro.codigo)} ${escapeMarkdown(nome)}${proc ? ` — ${formatMoney(valorSigtap(proc))}` : ''}`
            );
        }
        return lines.join('\n');
    }
}

function tecnologiaText(tecnologia: Tecnologia): string {
    const custo = tecnologia.custo;
    let texto = 'custo não informado';
    if (custo && isCustoFixo(custo)) {
        const valor = parseMoney(custo.valor)?.value;
        texto = `valor fixo de ${valor ? formatMoney(valor) : custo.valor} por OCI`;
    } else if (custo) {
        const p = parsePercent(custo.percentual);
        texto = `${p ? formatPercent(p) : custo.percentual} do subtotal dos procedimentos da OCI`;
    }
    return [
        `**tecnologia ${tecnologia.name}**${tecnologia.descricao ? ` — ${escapeMarkdown(tecnologia.descricao)}` : ''}`,
        '',
        `Custo: ${texto} (Portaria GM/MS nº 3.492/2024, art. 6 §3).`
    ].join('\n');
}

function propertyNode(node: AstNode, property: string): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, property);
}

function contains(cst: CstNode, offset: number): boolean {
    return cst.offset <= offset && offset < cst.end;
}

/** a ≤ b. */
function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function markdown(value: string, cst: CstNode): Hover {
    return { contents: { kind: 'markdown', value }, range: cst.range };
}
