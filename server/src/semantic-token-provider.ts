/**
 * Semantic highlighting: what the TextMate grammar cannot know, because it depends on the
 * syntax tree (a code after `oci` is the OCI's own code; a name is a declaration or a
 * reference). Custom token types, each with a standard super type for themes that do not know
 * them (package.json contributes.semanticTokenTypes, and semanticTokenScopes map them to the
 * TextMate scopes the grammar uses):
 *
 *   ociCodigo   the code of an OCI (`oci 09.01.01.001-4`)                      (super type: class)
 *   procedimento a procedure code: component, group member, conclusão        (enumMember)
 *   dinheiro    R$ values: estimativa, valor, technology costs                 (number)
 *   percentual  frequência and technology percentages                         (number)
 *   grupo       a grupo "um de" name                                           (enum)
 *   tecnologia  a tecnologia name                                              (variable)
 *   pendente    `a_preencher`, a datum still to be filled in                   (keyword)
 *
 * Names carry the standard modifier `declaration` where they are declared (and `readonly` for
 * the code of the OCI); references carry none.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, AllSemanticTokenTypes, type SemanticTokenAcceptor } from 'langium/lsp';
import {
    isCatalogo,
    isComponente,
    isConclusao,
    isCustoFixo,
    isCustoPercentual,
    isGrupo,
    isGrupoConclusao,
    isGrupoRef,
    isMembroGrupo,
    isOci,
    isProcedimentoRef,
    isTecnologia,
    isTempoMaximo,
    isTempoRecomendado,
    isUsoTecnologia,
    isUsoTecnologias,
    isValorDeclarado
} from '../../language/src/index.js';

/** The project's token types, after the standard ones (their indices follow AllSemanticTokenTypes). */
export const OciSemanticTokenTypes = [
    'ociCodigo',
    'procedimento',
    'dinheiro',
    'percentual',
    'grupo',
    'tecnologia',
    'pendente'
] as const;

const TOKEN_TYPES: Record<string, number> = (() => {
    const types: Record<string, number> = { ...AllSemanticTokenTypes };
    let next = Math.max(...Object.values(AllSemanticTokenTypes)) + 1;
    for (const t of OciSemanticTokenTypes) types[t] = next++;
    return types;
})();

export class OciSemanticTokenProvider extends AbstractSemanticTokenProvider {
    override get tokenTypes(): Record<string, number> {
        return TOKEN_TYPES;
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' {
        if (isOci(node)) {
            acceptor({ node, property: 'codigo', type: 'ociCodigo', modifier: ['declaration', 'readonly'] });
        } else if (isProcedimentoRef(node) || isMembroGrupo(node)) {
            acceptor({ node, property: 'codigo', type: 'procedimento' });
        } else if (isGrupo(node)) {
            acceptor({ node, property: 'name', type: 'grupo', modifier: 'declaration' });
        } else if (isGrupoRef(node) || isGrupoConclusao(node)) {
            acceptor({ node, property: 'grupo', type: 'grupo' });
        } else if (isTecnologia(node)) {
            acceptor({ node, property: 'name', type: 'tecnologia', modifier: 'declaration' });
        } else if (isUsoTecnologia(node)) {
            acceptor({ node, property: 'tecnologia', type: 'tecnologia' });
            if (node.valor !== undefined) acceptor({ node, property: 'valor', type: 'dinheiro' });
            if (node.percentual !== undefined) acceptor({ node, property: 'percentual', type: 'percentual' });
        } else if (isComponente(node)) {
            if (node.estimativa !== undefined) acceptor({ node, property: 'estimativa', type: 'dinheiro' });
            if (node.frequencia !== undefined) acceptor({ node, property: 'frequencia', type: 'percentual' });
            if (node.estimativaPendente) acceptor({ node, property: 'estimativaPendente', type: 'pendente' });
            if (node.frequenciaPendente) acceptor({ node, property: 'frequenciaPendente', type: 'pendente' });
            if (node.alvoPendente) acceptor({ node, property: 'alvoPendente', type: 'pendente' });
        } else if (isUsoTecnologias(node) && node.pendente) {
            acceptor({ node, property: 'pendente', type: 'pendente' });
        } else if (isCatalogo(node) && node.sigtapPendente) {
            acceptor({ node, property: 'sigtapPendente', type: 'pendente' });
        } else if (isValorDeclarado(node) || isCustoFixo(node)) {
            acceptor({ node, property: 'valor', type: 'dinheiro' });
        } else if (isCustoPercentual(node)) {
            acceptor({ node, property: 'percentual', type: 'percentual' });
        } else if ((isTempoRecomendado(node) || isTempoMaximo(node) || isConclusao(node)) && node.pendente) {
            acceptor({ node, property: 'pendente', type: 'pendente' });
        }
    }
}
