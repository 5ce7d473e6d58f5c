import { DefaultNameProvider, type AstNode, type CstNode } from 'langium';
import { isOci } from './generated/ast.js';
import { normalizeCodigo } from './sigtap/codigo.js';
import { findNodeForProperty } from './parser/cst-search.js';

/** An OCI is named by its normalized SIGTAP code; tecnologias and grupos by their `name`. */
export class OciNameProvider extends DefaultNameProvider {
    override getName(node: AstNode): string | undefined {
        if (isOci(node)) return node.codigo ? (normalizeCodigo(node.codigo) ?? node.codigo) : undefined;
        return super.getName(node);
    }

    override getNameNode(node: AstNode): CstNode | undefined {
        // DefaultNameProvider's `name`, through cst-search.ts (it does not make the CST lists it passes by).
        return findNodeForProperty(node.$cstNode, isOci(node) ? 'codigo' : 'name');
    }
}
