/**
 * Reconciliation of an OCI with its own row in the SIGTAP competência: the table is the
 * published truth the catalogue must track (Portaria GM/MS 3.492/2024 art. 14 §2 I-II).
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { Oci } from '../generated/ast.js';
import { isCids, isGrupoRef, isPublico } from '../generated/ast.js';
import { formatMoney, parseMoney } from '../money.js';
import type { OciServices } from '../oci-module.js';
import { codesOf, componentesOf, cidsOf, formatCid, valorOf } from '../oci-queries.js';
import { formatAgeRange, ociAgeRange, sameAgeRange, sexoLabel, sexoOf, sigtapAgeRange } from '../publico.js';
import { checkDigit, formatCodigo, hasValidCheckDigit, normalizeCodigo } from '../sigtap/codigo.js';
import type { SigtapCompatibilidade } from '../sigtap/types.js';
import { isMandatory, valorAmbulatorial } from '../value/engine.js';
import { CONSULTA } from '../sigtap/consulta.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import { formatCompetencia } from './catalogo-validator.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class SigtapConciliacaoValidator {
    private readonly context: CatalogoContextProvider;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const table = this.context.forDocument(AstUtils.getDocument(node)).table;
        const codigo = normalizeCodigo(node.codigo ?? '');
        if (!table || !codigo || !codigo.startsWith('09')) return;
        const row = table.oci(codigo);
        if (!row) {
            report(accept, Rules.sigtapOciAusente, [formatCodigo(codigo), formatCompetencia(table.competencia)], {
                node,
                property: 'codigo'
            });
            return;
        }
        if (node.nome !== undefined && node.nome.trim() !== row.nome.trim()) {
            report(accept, Rules.sigtapNome, [row.nome], { node, property: 'nome', data: { nomeSigtap: row.nome } });
        }
        this.checkComponents(node, row.componentes, accept, codigo => table.procedimentos.has(codigo));

        const declarado = valorOf(node);
        const parsed = declarado && parseMoney(declarado.valor);
        const valorTabela = valorAmbulatorial(row);
        if (declarado && parsed && !parsed.value.eq(valorTabela)) {
            report(accept, Rules.sigtapValor, [formatMoney(parsed.value), formatMoney(valorTabela)], {
                node: declarado,
                property: 'valor'
            });
        }

        const publico = node.itens.find(isPublico);
        const sexo = sexoOf(node);
        const sexoTabela = row.sexo === 'N' ? 'I' : row.sexo;
        if (sexo !== sexoTabela) {
            report(
                accept,
                Rules.sigtapSexo,
                [sexoLabel(sexo), sexoLabel(row.sexo)],
                publico ? { node: publico, property: 'sexo' } : { node, property: 'codigo' }
            );
        }
        const idade = ociAgeRange(node);
        const idadeTabela = sigtapAgeRange(row.idadeMinimaMeses, row.idadeMaximaMeses) ?? { min: 0 };
        if (idade && !sameAgeRange(idade, idadeTabela)) {
            report(
                accept,
                Rules.sigtapIdade,
                [formatAgeRange(idade), formatAgeRange(idadeTabela)],
                publico ? { node: publico, property: 'idade' } : { node, property: 'codigo' }
            );
        }

        const cids = new Set(cidsOf(node));
        const tabela = new Set(row.cids);
        const ausentes = row.cids.filter(c => !cids.has(c));
        const cidItem = node.itens.find(isCids);
        if (ausentes.length > 0) {
            report(
                accept,
                Rules.sigtapCidAusente,
                [ausentes.map(formatCid).join(', ')],
                cidItem
                    ? { node: cidItem, data: { cids: ausentes } }
                    : { node, property: 'codigo', data: { cids: ausentes } }
            );
        }
        for (const item of node.itens.filter(isCids)) {
            item.cids.forEach((cid, index) => {
                const c = cid.codigo.replace('.', '').toUpperCase();
                if (!tabela.has(c))
                    report(accept, Rules.sigtapCidExtra, [formatCid(c)], { node: item, property: 'cids', index });
            });
        }
    }

    /** `exists`: a procedure absent from the table is reported once, as procedimento/inexistente, not also here. */
    private checkComponents(
        node: Oci,
        rows: readonly SigtapCompatibilidade[],
        accept: ValidationAcceptor,
        exists: (codigo: string) => boolean
    ): void {
        const byCode = new Map(rows.map(r => [r.codigo, r]));
        const present = new Set<string>();
        for (const componente of componentesOf(node)) {
            const inGroup = isGrupoRef(componente.alvo);
            for (const codigo of codesOf(componente)) {
                present.add(codigo);
                // A code with a wrong check digit stands for the corrected one: its absence only follows from the
                // digit.
                if (!hasValidCheckDigit(codigo)) present.add(codigo.slice(0, 9) + checkDigit(codigo));
                const row = byCode.get(codigo);
                if (!row && !exists(codigo)) continue;
                if (!row) {
                    report(accept, Rules.sigtapComponenteExtra, [formatCodigo(codigo)], {
                        node: componente,
                        property: 'alvo'
                    });
                    continue;
                }
                const mandatory = isMandatory(componente);
                // A mandatory OR-group ("consulta e/ou teleconsulta") is made of members the table
                // lists as compatível: the PMAE convention the Ministry's OCI sheets follow; so is the
                // in-person consultation alone (NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS, ../sigtap/consulta.ts).
                const consistent = mandatory
                    ? row.tipo === 'obrigatoria' || ((inGroup || codigo === CONSULTA) && row.tipo === 'compativel')
                    : row.tipo === 'compativel';
                if (!consistent) {
                    report(
                        accept,
                        Rules.sigtapObrigatoriedade,
                        [
                            formatCodigo(codigo),
                            mandatory ? 'obrigatório' : 'eventual',
                            row.tipo === 'obrigatoria' ? 'obrigatório' : 'compatível (eventual)'
                        ],
                        { node: componente, property: 'tipo' }
                    );
                }
                const qt = componente.qt ?? 1;
                if (row.qtPermitida > 0 && qt !== row.qtPermitida) {
                    report(accept, Rules.sigtapQuantidade, [formatCodigo(codigo), qt, row.qtPermitida], {
                        node: componente,
                        property: componente.qt !== undefined ? 'qt' : 'alvo',
                        data: { qtSigtap: row.qtPermitida }
                    });
                }
            }
        }
        for (const row of rows) {
            if (!present.has(row.codigo)) {
                report(
                    accept,
                    Rules.sigtapComponenteAusente,
                    [formatCodigo(row.codigo), row.tipo === 'obrigatoria' ? 'obrigatório' : 'compatível'],
                    { node, property: 'codigo', data: { codigo: row.codigo } }
                );
            }
        }
    }
}
