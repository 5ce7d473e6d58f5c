/**
 * tM against the APAC's validity: an OCI whose row in the catalogue's SIGTAP competência has
 * attribute 054 ("APAC com validade fixa de 2 competências") is registered in an APAC valid in
 * the month the episode starts and the next one (Portaria GM/MS 3.492/2024 art. 16 §1 requires
 * the APAC; the table gives its validity). A tM longer than the shortest such window is noted.
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Oci } from '../generated/ast.js';
import { JANELA_APAC, aritmeticaDaMenorJanela, temValidadeDeDuasCompetencias } from '../apac-validade.js';
import type { OciServices } from '../oci-module.js';
import { tmOf } from '../oci-queries.js';
import { normalizeCodigo } from '../sigtap/codigo.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import { formatCompetencia } from './catalogo-validator.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class ApacValidadeValidator {
    private readonly context: CatalogoContextProvider;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const tm = tmOf(node);
        const dias = tm?.dias;
        // Missing, pending or non-positive tM is reported by the tempo checks.
        if (!tm || tm.pendente || dias === undefined || dias <= 0 || dias <= JANELA_APAC.minimo) return;
        const table = this.context.forDocument(AstUtils.getDocument(node)).table;
        const codigo = normalizeCodigo(node.codigo ?? '');
        const row = table && codigo ? table.oci(codigo) : undefined;
        if (!table || !row || !temValidadeDeDuasCompetencias(row)) return;
        report(
            accept,
            Rules.tmAlemDaValidadeApac,
            [
                dias,
                JANELA_APAC.minimo,
                aritmeticaDaMenorJanela(),
                JANELA_APAC.maximo,
                formatCompetencia(table.competencia)
            ],
            { node: tm, property: 'dias' }
        );
    }
}
