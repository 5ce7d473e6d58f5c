/**
 * The list of OCIs (Portaria GM/MS nº 3.492/2024, art. 9 III), queues (IV) and targets (V). That each OCI
 * exists in the rol is checked when references are linked (../plano-module.ts: par/oci-desconhecida).
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import {
    isOcisFila,
    isPar,
    isProcedimentosFila,
    type Fila,
    type Meta,
    type OciElenco,
    type Par
} from '../../generated/ast.js';
import { checkDigit, formatCodigo, hasValidCheckDigit, normalizeCodigo } from '../../sigtap/codigo.js';
import { report } from '../../validation/report.js';
import { chaveData, isoData, parseDate } from '../datas.js';
import { parseInteger } from '../incentivo-par.js';
import {
    abrangenciaDa,
    codigoDaReferencia,
    compartilhamentoDa,
    elencoDo,
    filasDo,
    itensDaFila,
    metasDa,
    ocisDaFila,
    procedimentosDaFila,
    sistemaDa,
    vigenciaValida
} from '../par-consultas.js';
import { RegrasPar } from '../rules.js';

const vazio = (t: string | undefined) => typeof t !== 'string' || t.trim() === '';

export class ParFilasValidator {
    checkPar(par: Par, accept: ValidationAcceptor): void {
        const elenco = new Set<string>();
        for (const item of elencoDo(par)) {
            const codigo = codigoDaReferencia(item.oci);
            if (!codigo) continue;
            if (elenco.has(codigo))
                report(accept, RegrasPar.ociRepetida, [formatCodigo(codigo)], { node: item, property: 'oci' });
            elenco.add(codigo);
        }
        const filas = filasDo(par);
        const nasFilas = new Set(
            filas.flatMap(f => ocisDaFila(f).map(codigoDaReferencia)).filter((c): c is string => !!c)
        );
        if (filas.length > 0) {
            for (const item of elencoDo(par)) {
                const codigo = codigoDaReferencia(item.oci);
                if (codigo && item.oci?.ref && !nasFilas.has(codigo))
                    report(accept, RegrasPar.ociSemFila, [formatCodigo(codigo)], { node: item, property: 'oci' });
            }
        }
        const ids = new Set<string>();
        for (const fila of filas) {
            if (fila.id && ids.has(fila.id))
                report(accept, RegrasPar.filaRepetida, [fila.id], { node: fila, property: 'id' });
            ids.add(fila.id);
            for (const ocis of itensDaFila(fila, isOcisFila)) {
                ocis.ocis.forEach((ref, index) => {
                    const codigo = codigoDaReferencia(ref);
                    if (codigo && elenco.size > 0 && !elenco.has(codigo)) {
                        report(accept, RegrasPar.filaOciForaDoElenco, [formatCodigo(codigo)], {
                            node: ocis,
                            property: 'ocis',
                            index
                        });
                    }
                });
            }
        }
    }

    checkOciElenco(item: OciElenco, accept: ValidationAcceptor): void {
        if (item.volume !== undefined) {
            const n = parseInteger(item.volume);
            if (n === undefined || n < 1)
                report(accept, RegrasPar.volumeInvalido, [], { node: item, property: 'volume' });
        }
    }

    checkFila(fila: Fila, accept: ValidationAcceptor): void {
        const onde = { node: fila, property: 'id' };
        const id = fila.id ?? '(sem nome)';
        if (ocisDaFila(fila).length === 0 && procedimentosDaFila(fila).length === 0)
            report(accept, RegrasPar.filaSemProcedimentos, [id], onde);
        if (vazio(abrangenciaDa(fila)?.texto))
            report(
                accept,
                RegrasPar.filaSemAbrangencia,
                [id],
                abrangenciaDa(fila) ? { node: abrangenciaDa(fila)! } : onde
            );
        if (vazio(sistemaDa(fila)?.nome))
            report(accept, RegrasPar.filaSemSistema, [id], sistemaDa(fila) ? { node: sistemaDa(fila)! } : onde);
        if (vazio(compartilhamentoDa(fila)?.texto)) {
            report(
                accept,
                RegrasPar.filaSemCompartilhamento,
                [id],
                compartilhamentoDa(fila) ? { node: compartilhamentoDa(fila)! } : onde
            );
        }
        const metas = metasDa(fila);
        for (const tipo of ['tamanho', 'espera'] as const) {
            const desteTipo = metas.filter(m => m.tipo === tipo);
            if (desteTipo.length === 0) report(accept, RegrasPar.metaAusente, [id, tipo], onde);
            desteTipo.slice(1).forEach(m => report(accept, RegrasPar.metaRepetida, [tipo], { node: m }));
        }
        for (const p of itensDaFila(fila, isProcedimentosFila)) {
            p.codigos.forEach((codigo, index) => {
                const d = normalizeCodigo(codigo);
                if (d && !hasValidCheckDigit(d))
                    report(accept, RegrasPar.filaCodigoInvalido, [codigo, checkDigit(d)], {
                        node: p,
                        property: 'codigos',
                        index
                    });
            });
        }
    }

    checkMeta(meta: Meta, accept: ValidationAcceptor): void {
        const atual = parseInteger(meta.atual);
        const alvo = parseInteger(meta.alvo);
        const tipo = meta.tipo === 'espera' ? 'tempo de espera' : 'tamanho da fila';
        if (atual !== undefined && alvo !== undefined && alvo >= atual) {
            const u = meta.tipo === 'espera' ? ' dias' : '';
            report(accept, RegrasPar.metaSemReducao, [tipo, `${meta.atual}${u}`, `${meta.alvo}${u}`], {
                node: meta,
                property: 'alvo'
            });
        }
        for (const [unidade, property] of [
            [meta.unidadeAtual, 'unidadeAtual'],
            [meta.unidadeAlvo, 'unidadeAlvo']
        ] as const) {
            if (!unidade) continue;
            const ok = meta.tipo === 'espera' ? unidade === 'dias' : unidade !== 'dias';
            if (!ok) report(accept, RegrasPar.metaUnidade, [meta.tipo, unidade], { node: meta, property });
        }
        if (meta.prazo) {
            const prazo = parseDate(meta.prazo);
            if (!prazo) report(accept, RegrasPar.dataInvalida, [meta.prazo], { node: meta, property: 'prazo' });
            const par = AstUtils.getContainerOfType(meta, isPar);
            const vigencia = par ? vigenciaValida(par) : undefined;
            if (
                prazo &&
                vigencia &&
                (chaveData(prazo) < chaveData(vigencia.inicio) || chaveData(prazo) > chaveData(vigencia.fim))
            ) {
                report(
                    accept,
                    RegrasPar.metaForaDaVigencia,
                    [meta.prazo, isoData(vigencia.inicio), isoData(vigencia.fim)],
                    { node: meta, property: 'prazo' }
                );
            }
        }
    }
}
