/** The OCI's identity: group 09 code, unique in the workspace (Portaria GM/MS 3.492/2024 art. 6 §2 I). */
import {
    AstUtils,
    UriUtils,
    WorkspaceCache,
    type AstNodeDescription,
    type IndexManager,
    type ValidationAcceptor
} from 'langium';
import type { Oci } from '../generated/ast.js';
import { isCids } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import { fundamentoOf } from '../oci-queries.js';
import { formatCodigo, grupoOf, normalizeCodigo } from '../sigtap/codigo.js';
import { report } from './report.js';
import { Rules } from './rules.js';

/** Item kinds that may appear only once in an OCI, with the keyword users see. */
const SINGLE_ITEMS: Record<string, string> = {
    Fundamento: 'fundamento',
    Publico: 'publico',
    TempoRecomendado: 'tR',
    TempoMaximo: 'tM',
    Conclusao: 'conclusao',
    Remoto: 'remoto',
    Contrarreferencia: 'contrarreferencia',
    UsoTecnologias: 'tecnologias',
    ValorDeclarado: 'valor'
};

export class OciIdentidadeValidator {
    private readonly index: IndexManager;
    private readonly byCode: WorkspaceCache<'todas', Map<string, AstNodeDescription[]>>;
    private readonly services: OciServices;

    constructor(services: OciServices) {
        this.index = services.shared.workspace.IndexManager;
        this.byCode = new WorkspaceCache(services.shared);
        this.services = services;
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const codigo = normalizeCodigo(node.codigo ?? '');
        if (codigo && grupoOf(codigo) !== '09') {
            report(accept, Rules.ociForaGrupo09, [formatCodigo(codigo)], { node, property: 'codigo' });
        }
        if (codigo) this.checkUnique(node, codigo, accept);
        if (node.nome !== undefined && node.nome.trim() === '') {
            report(accept, Rules.ociNomeVazio, [], { node, property: 'nome' });
        }
        const seen = new Set<string>();
        for (const item of node.itens) {
            const keyword = SINGLE_ITEMS[item.$type];
            if (!keyword || isCids(item)) continue;
            if (seen.has(item.$type)) report(accept, Rules.ociItemRepetido, [keyword], { node: item });
            seen.add(item.$type);
        }
        if (!fundamentoOf(node)) {
            report(accept, Rules.fundamentoAusente, [], { node, property: 'codigo' });
        }
    }

    private checkUnique(node: Oci, codigo: string, accept: ValidationAcceptor): void {
        const all = this.descriptions(codigo);
        if (all.length < 2) return;
        const document = AstUtils.getDocument(node);
        const ownOffset = node.$cstNode?.offset;
        // Unique within its catalogue: another catalogue of the repository may have the same OCI.
        const context = this.services.catalogo.Context;
        const catalogue = context.catalogueOf(document);
        const documents = this.services.shared.workspace.LangiumDocuments;
        const others = all
            .filter(
                d => !(d.documentUri.toString() === document.uri.toString() && d.node?.$cstNode?.offset === ownOffset)
            )
            .filter(d => {
                const other = documents.getDocument(d.documentUri);
                return other === undefined || context.catalogueOf(other) === catalogue;
            });
        if (others.length === 0) return;
        const where = others
            .map(
                d =>
                    `${UriUtils.basename(d.documentUri)}${d.nameSegment ? `:${d.nameSegment.range.start.line + 1}` : ''}`
            )
            .join(', ');
        report(accept, Rules.ociDuplicada, [formatCodigo(codigo), where], { node, property: 'codigo' });
    }

    private descriptions(codigo: string): AstNodeDescription[] {
        const grouped = this.byCode.get('todas', () => {
            const map = new Map<string, AstNodeDescription[]>();
            for (const d of this.index.allElements('Oci')) {
                const list = map.get(d.name) ?? [];
                list.push(d);
                map.set(d.name, list);
            }
            return map;
        });
        return grouped.get(codigo) ?? [];
    }
}
