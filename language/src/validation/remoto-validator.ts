/** Remote modalities of an OCI (Portaria GM/MS 3.492/2024 art. 6 §4). */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Oci } from '../generated/ast.js';
import { MODALIDADES_REMOTAS, modalidadeOfProcedimento, type ModalidadeRemota } from '../modalidades.js';
import type { OciServices } from '../oci-module.js';
import { codesOf, componentesOf, remotoOf } from '../oci-queries.js';
import { formatCodigo } from '../sigtap/codigo.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class RemotoValidator {
    private readonly context: CatalogoContextProvider;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const remoto = remotoOf(node);
        const declared = new Set<string>();
        remoto?.modalidades.forEach((m, index) => {
            declared.add(m.nome);
            if (!(MODALIDADES_REMOTAS as readonly string[]).includes(m.nome)) {
                report(accept, Rules.modalidadeInvalida, [m.nome, MODALIDADES_REMOTAS.join(', ')], {
                    node: remoto,
                    property: 'modalidades',
                    index
                });
            }
        });
        const table = this.context.forDocument(AstUtils.getDocument(node)).table;
        if (!table) return;
        const present = new Set<ModalidadeRemota>();
        for (const componente of componentesOf(node)) {
            for (const codigo of codesOf(componente)) {
                const proc = table.procedimentos.get(codigo);
                const modalidade = proc && modalidadeOfProcedimento(proc.nome);
                if (!modalidade) continue;
                present.add(modalidade);
                if (!declared.has(modalidade)) {
                    report(accept, Rules.procedimentoRemotoSemModalidade, [formatCodigo(codigo), modalidade], {
                        node: componente,
                        property: 'alvo'
                    });
                }
            }
        }
        remoto?.modalidades.forEach((m, index) => {
            // Teleconsultoria and matriciamento are support between teams, not billed inside the OCI.
            const billable =
                m.nome === 'teleconsulta' || m.nome === 'teleinterconsulta' || m.nome === 'telediagnostico';
            if (billable && !present.has(m.nome as ModalidadeRemota)) {
                report(accept, Rules.modalidadeSemProcedimento, [m.nome], {
                    node: remoto,
                    property: 'modalidades',
                    index
                });
            }
        });
    }
}
