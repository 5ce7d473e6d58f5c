/** The catalogue header: competência, SIGTAP file (Portaria GM/MS 3.492/2024 art. 6 caput, art. 14 §2 I). */
import { UriUtils, AstUtils, type ValidationAcceptor } from 'langium';
import type { Catalogo, Documento } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class CatalogoValidator {
    private readonly context: CatalogoContextProvider;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
    }

    checkDocumento(node: Documento, accept: ValidationAcceptor): void {
        const [first] = node.elementos;
        if (node.cabecalho || first === undefined) return;
        const document = AstUtils.getDocument(node);
        if (!this.context.findHeaderDocument(document)) {
            report(accept, Rules.catalogoAusente, [], { node: first });
        }
    }

    checkCatalogo(node: Catalogo, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(node);
        const dir = UriUtils.dirname(document.uri).toString();
        const sibling = this.context
            .headerDocuments()
            .find(d => d !== document && UriUtils.dirname(d.uri).toString() === dir);
        if (sibling) {
            report(accept, Rules.catalogoDuplicado, [UriUtils.basename(sibling.uri)], { node, property: 'nome' });
        }
        if (node.nome !== undefined && node.nome.trim() === '') {
            report(accept, Rules.catalogoNomeVazio, [], { node, property: 'nome' });
        }
        if (node.competencia === undefined) {
            report(accept, Rules.competenciaAusente, [], { node, property: 'nome' });
        } else {
            const month = Number(node.competencia.slice(5, 7));
            if (month < 1 || month > 12) {
                report(accept, Rules.competenciaInvalida, [node.competencia], { node, property: 'competencia' });
            }
        }
        if (node.sigtapPendente) {
            report(accept, Rules.aPreencher, ['Tabela SIGTAP do catálogo'], {
                node,
                property: 'sigtapPendente',
                data: { campo: 'sigtap' }
            });
            return;
        }
        if (node.sigtap === undefined) {
            report(accept, Rules.sigtapAusente, [], { node, property: 'nome' });
            return;
        }
        const ctx = this.context.forDocument(document);
        if (ctx.sigtapFora) {
            const fora = ctx.sigtapFora;
            report(accept, Rules.sigtapForaDoWorkspace, [node.sigtap, fora.real, fora.raizes.join(', ')], {
                node,
                property: 'sigtap'
            });
            return;
        }
        if (ctx.sigtapProblem) {
            report(accept, Rules.sigtapErro, [ctx.sigtapProblem.message], {
                node,
                property: 'sigtap',
                data: { sigtapCode: ctx.sigtapProblem.code }
            });
            return;
        }
        if (ctx.table && ctx.competencia && ctx.table.competencia !== ctx.competencia) {
            report(accept, Rules.sigtapCompetencia, [node.competencia!, formatCompetencia(ctx.table.competencia)], {
                node,
                property: 'sigtap'
            });
        }
    }
}

export function formatCompetencia(aaaamm: string): string {
    return `${aaaamm.slice(0, 4)}-${aaaamm.slice(4, 6)}`;
}
