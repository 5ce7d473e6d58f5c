/**
 * Procedures against the SIGTAP competência of the catalogue: existence, not an OCI, name,
 * maximum quantity, sex and age restrictions, CIDs (Portaria GM/MS 3.492/2024 art. 6 §2 II).
 */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import type { Componente, MembroGrupo, Oci, ProcedimentoRef } from '../generated/ast.js';
import { isCids } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import { codesOf, componentesOf, formatCid, normalizeCid } from '../oci-queries.js';
import { ageOverlap, formatAgeRange, ociAgeRange, sexoLabel, sexoOf, sigtapAgeRange } from '../publico.js';
import { formatCodigo, grupoOf, hasValidCheckDigit, normalizeCodigo } from '../sigtap/codigo.js';
import type { SigtapTable } from '../sigtap/types.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import { formatCompetencia } from './catalogo-validator.js';
import { report } from './report.js';
import { Rules } from './rules.js';

const NAO_SE_APLICA = 9999;

export class ProcedimentoValidator {
    private readonly context: CatalogoContextProvider;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
    }

    private tableOf(node: AstNode): SigtapTable | undefined {
        return this.context.forDocument(AstUtils.getDocument(node)).table;
    }

    checkProcedimentoRef(node: ProcedimentoRef, accept: ValidationAcceptor): void {
        this.checkCode(node, node.codigo, node.nome, accept);
    }

    checkMembroGrupo(node: MembroGrupo, accept: ValidationAcceptor): void {
        this.checkCode(node, node.codigo, node.nome, accept);
    }

    private checkCode(
        node: ProcedimentoRef | MembroGrupo,
        written: string,
        nome: string | undefined,
        accept: ValidationAcceptor
    ): void {
        const table = this.tableOf(node);
        const codigo = normalizeCodigo(written ?? '');
        if (!table || !codigo) return;
        if (grupoOf(codigo) === '09') {
            report(accept, Rules.procedimentoGrupo09, [formatCodigo(codigo)], { node, property: 'codigo' });
            return;
        }
        const proc = table.procedimentos.get(codigo);
        // A wrong check digit is the root cause (codigo/digito-verificador): "not in the table" only follows from it.
        if (!proc && !hasValidCheckDigit(codigo)) return;
        if (!proc) {
            report(
                accept,
                Rules.procedimentoInexistente,
                [formatCodigo(codigo), formatCompetencia(table.competencia)],
                { node, property: 'codigo' }
            );
            return;
        }
        if (nome !== undefined && nome !== proc.nome && normalizeName(nome) !== normalizeName(proc.nome)) {
            report(accept, Rules.procedimentoNome, [nome, proc.nome], {
                node,
                property: 'nome',
                data: { nomeSigtap: proc.nome }
            });
        }
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const table = this.tableOf(node);
        if (!table) return;
        const ociCodigo = normalizeCodigo(node.codigo ?? '');
        const sigtapOci = ociCodigo ? table.oci(ociCodigo) : undefined;
        const sexo = sexoOf(node);
        const publicoIdade = ociAgeRange(node);
        for (const componente of componentesOf(node)) {
            for (const codigo of codesOf(componente)) {
                const proc = table.procedimentos.get(codigo);
                if (!proc || grupoOf(codigo) === '09') continue;
                this.checkQuantity(
                    componente,
                    codigo,
                    proc.qtMaximaExecucao,
                    sigtapOci?.componentes.some(c => c.codigo === codigo && c.qtPermitida > 0) ?? false,
                    accept
                );
                if (proc.sexo === 'M' || proc.sexo === 'F') {
                    if (sexo === 'I') {
                        report(accept, Rules.procedimentoSexoParcial, [formatCodigo(codigo), sexoLabel(proc.sexo)], {
                            node: componente,
                            property: 'alvo'
                        });
                    } else if (sexo !== proc.sexo) {
                        report(
                            accept,
                            Rules.procedimentoSexo,
                            [formatCodigo(codigo), sexoLabel(sexo), sexoLabel(proc.sexo)],
                            { node: componente, property: 'alvo' }
                        );
                    }
                }
                const procIdade = sigtapAgeRange(proc.idadeMinimaMeses, proc.idadeMaximaMeses);
                if (procIdade && publicoIdade) {
                    const overlap = ageOverlap(publicoIdade, procIdade);
                    if (overlap !== 'contido') {
                        const rule = overlap === 'disjunto' ? Rules.procedimentoIdade : Rules.procedimentoIdadeParcial;
                        report(
                            accept,
                            rule,
                            [formatCodigo(codigo), formatAgeRange(publicoIdade), formatAgeRange(procIdade)],
                            { node: componente, property: 'alvo' }
                        );
                    }
                }
            }
        }
        for (const item of node.itens.filter(isCids)) {
            item.cids.forEach((cid, index) => {
                if (!table.cids.has(normalizeCid(cid.codigo))) {
                    report(accept, Rules.cidInexistente, [formatCid(normalizeCid(cid.codigo))], {
                        node: item,
                        property: 'cids',
                        index
                    });
                }
            });
        }
    }

    /**
     * QT_MAXIMA_EXECUCAO bounds a procedure's quantity unless the OCI's own SIGTAP compatibility
     * row sets QT_PERMITIDA for it (the table allows, e.g., 2 teleconsultas inside an OCI whose
     * standalone maximum is 1); that case is reconciled by the SIGTAP reconciliation checks.
     */
    private checkQuantity(
        componente: Componente,
        codigo: string,
        maxima: number,
        ociOverrides: boolean,
        accept: ValidationAcceptor
    ): void {
        const qt = componente.qt ?? 1;
        if (ociOverrides || maxima === NAO_SE_APLICA || maxima <= 0 || qt <= maxima) return;
        report(accept, Rules.procedimentoQtMaxima, [formatCodigo(codigo), qt, maxima, 'QT_MAXIMA_EXECUCAO'], {
            node: componente,
            property: 'qt'
        });
    }
}

function normalizeName(name: string): string {
    return name.normalize('NFC').replace(/\s+/g, ' ').trim().toUpperCase();
}
