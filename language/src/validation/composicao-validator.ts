/** Composition of an OCI: components, OR-groups, conclusion (Portaria GM/MS 3.492/2024 art. 6 §2 II-III). */
import type { ValidationAcceptor } from 'langium';
import type { Componente, Grupo, Oci } from '../generated/ast.js';
import { isGrupoConclusao, isGrupoRef, isProcedimentoRef } from '../generated/ast.js';
import { parsePercent } from '../money.js';
import { codesOf, componentesOf, conclusaoOf, conclusionCodes } from '../oci-queries.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import { isMandatory } from '../value/engine.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class ComposicaoValidator {
    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const componentes = componentesOf(node);
        if (!componentes.some(isMandatory)) {
            report(accept, Rules.semObrigatorio, [], { node, property: 'codigo' });
        }
        const seen = new Set<string>();
        for (const componente of componentes) {
            for (const codigo of codesOf(componente)) {
                if (seen.has(codigo)) {
                    report(accept, Rules.componenteDuplicado, [formatCodigo(codigo)], {
                        node: componente,
                        property: 'alvo'
                    });
                }
                seen.add(codigo);
            }
        }
        this.checkConclusao(node, seen, accept);
    }

    checkComponente(node: Componente, accept: ValidationAcceptor): void {
        // data.campo: the short name the editor lists for pending data (server/src/diagnostic-presentation.ts).
        if (node.alvoPendente)
            report(accept, Rules.aPreencher, ['Procedimento do componente'], {
                node,
                property: 'alvoPendente',
                data: { campo: 'procedimento' }
            });
        if (node.estimativaPendente)
            report(accept, Rules.aPreencher, ['Estimativa de valor'], {
                node,
                property: 'estimativaPendente',
                data: { campo: 'estimativa' }
            });
        if (node.frequenciaPendente)
            report(accept, Rules.aPreencher, ['Frequência do componente eventual'], {
                node,
                property: 'frequenciaPendente',
                data: { campo: 'frequencia' }
            });
        if (node.qt !== undefined && node.qt < 1) {
            report(accept, Rules.quantidadeInvalida, [], { node, property: 'qt' });
        }
        if (node.frequencia === undefined) return;
        if (isMandatory(node)) {
            report(accept, Rules.frequenciaEmObrigatorio, [], { node, property: 'frequencia' });
            return;
        }
        const f = parsePercent(node.frequencia);
        if (!f || f.lte(0) || f.gt(1)) {
            report(accept, Rules.frequenciaInvalida, [node.frequencia], { node, property: 'frequencia' });
        }
    }

    checkGrupo(node: Grupo, accept: ValidationAcceptor): void {
        if (node.pendente) {
            // import-sigtap could not map a SIGTAP "Exige procedimento …" attribute: the description names it.
            report(
                accept,
                Rules.aPreencher,
                [`Membros do grupo ${node.name}${node.descricao ? ` (${node.descricao})` : ''}`],
                { node, property: 'pendente', data: { campo: 'membros' } }
            );
        } else if (node.membros.length === 0) {
            report(accept, Rules.grupoVazio, [node.name], { node, property: 'name' });
        }
        const seen = new Set<string>();
        node.membros.forEach(membro => {
            const codigo = normalizeCodigo(membro.codigo ?? '');
            if (!codigo) return;
            if (seen.has(codigo))
                report(accept, Rules.grupoMembroDuplicado, [formatCodigo(codigo)], {
                    node: membro,
                    property: 'codigo'
                });
            seen.add(codigo);
        });
    }

    private checkConclusao(node: Oci, componentCodes: Set<string>, accept: ValidationAcceptor): void {
        const conclusao = conclusaoOf(node);
        if (!conclusao) {
            report(accept, Rules.conclusaoAusente, [], { node, property: 'codigo' });
            return;
        }
        if (conclusao.pendente) {
            report(accept, Rules.aPreencher, ['Conclusão (procedimento que conclui a OCI)'], {
                node: conclusao,
                data: { campo: 'conclusao' }
            });
            return;
        }
        const codes = conclusionCodes(conclusao);
        if (codes.length === 0) return; // unresolved group or malformed code: reported elsewhere
        // A component naming a group that does not exist is already an error; its procedures are unknown.
        if (componentesOf(node).some(c => isGrupoRef(c.alvo) && !c.alvo.grupo?.ref)) return;
        if (!codes.some(c => componentCodes.has(c))) {
            const alvo = conclusao.alvo;
            const label = isProcedimentoRef(alvo)
                ? formatCodigo(alvo.codigo)
                : isGrupoConclusao(alvo)
                  ? (alvo.grupo?.$refText ?? '')
                  : '';
            report(accept, Rules.conclusaoForaDaOci, [label], { node: conclusao, property: 'alvo' });
        }
    }
}
