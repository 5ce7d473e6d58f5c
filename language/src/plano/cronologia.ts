/**
 * A cronologia do PAR (Portaria GM/MS nº 3.492/2024): o que as datas escritas podem e não podem ser.
 *
 * * Nenhuma data antes da publicação da portaria (DOU de 11/04/2024; art. 21: "entra em vigor na
 *   data de sua publicação"): não há termo de adesão, resolução da CIB, aprovação pela SAES,
 *   vigência nem etapa de um programa que ainda não existia.
 * * A resolução da CIB que aprova o PAR (art. 8 III) é encaminhada com ele na adesão, e a SAES o
 *   aprova depois (art. 11); a 1ª parcela vem dessa aprovação (art. 15 §2 I): a resolução tem data
 *   igual ou anterior à da aprovação pela SAES.
 * * Atos (termo, resolução da CIB, aprovação da SAES) datados depois do dia da verificação ainda
 *   não aconteceram: a parcela que depende deles não está cumprida.
 *
 * Datas com erro de sintaxe na linha não contam (./valores-quebrados.ts).
 */
import type { AstNode } from 'langium';
import type { Par } from '../generated/ast.js';
import { chaveData, isoData, type DataCivil } from './datas.js';
import {
    aprovacaoCibDo,
    aprovacaoSaesDo,
    dataDo,
    etapasDo,
    filasDo,
    metasDa,
    termoAdesaoDo,
    vigenciaDo
} from './par-consultas.js';

/** Publicação da Portaria GM/MS nº 3.492/2024 (DOU nº 70, de 11/04/2024), quando entrou em vigor (art. 21). */
export const PUBLICACAO_3492: DataCivil = { ano: 2024, mes: 4, dia: 11 };

/** O dia de hoje (data civil local) — a referência das datas futuras. */
export function hojeCivil(agora = new Date()): DataCivil {
    return { ano: agora.getFullYear(), mes: agora.getMonth() + 1, dia: agora.getDate() };
}

export interface DataDoPar {
    /** O que a data é, para as mensagens: "resolução da CIB", "início da vigência"… */
    descricao: string;
    data: DataCivil;
    /** true para os atos da adesão e da aprovação (termo, CIB, SAES), que não podem estar no futuro. */
    ato: boolean;
    node: AstNode;
    property: string;
}

/** Todas as datas íntegras do PAR, com o que são. */
export function datasDoPar(par: Par): DataDoPar[] {
    const out: DataDoPar[] = [];
    const add = (descricao: string, node: AstNode | undefined, property: string, ato: boolean) => {
        const data = dataDo(node, property);
        if (node && data) out.push({ descricao, data, ato, node, property });
    };
    add('termo de adesão', termoAdesaoDo(par), 'data', true);
    add('resolução da CIB', aprovacaoCibDo(par), 'data', true);
    add('aprovação pela SAES', aprovacaoSaesDo(par), 'data', true);
    const v = vigenciaDo(par);
    add('início da vigência', v, 'inicio', false);
    add('fim da vigência', v, 'fim', false);
    for (const e of etapasDo(par)) {
        add(`início da etapa "${e.descricao ?? ''}"`, e, 'inicio', false);
        add(`fim da etapa "${e.descricao ?? ''}"`, e, 'fim', false);
    }
    for (const f of filasDo(par))
        for (const m of metasDa(f)) add(`prazo da meta de ${m.tipo} da fila ${f.id ?? '?'}`, m, 'prazo', false);
    return out;
}

export type AchadoCronologia =
    | { tipo: 'antes-da-portaria'; data: DataDoPar }
    | { tipo: 'futura'; data: DataDoPar }
    | { tipo: 'cib-depois-da-saes'; cib: DataDoPar; saes: DataDoPar };

/** O que a cronologia do PAR viola, na ordem do texto. */
export function cronologiaDoPar(par: Par, hoje: DataCivil = hojeCivil()): AchadoCronologia[] {
    const achados: AchadoCronologia[] = [];
    const datas = datasDoPar(par);
    for (const d of datas) {
        if (chaveData(d.data) < chaveData(PUBLICACAO_3492)) achados.push({ tipo: 'antes-da-portaria', data: d });
        else if (d.ato && chaveData(d.data) > chaveData(hoje)) achados.push({ tipo: 'futura', data: d });
    }
    const cib = datas.find(d => d.descricao === 'resolução da CIB');
    const saes = datas.find(d => d.descricao === 'aprovação pela SAES');
    if (cib && saes && chaveData(cib.data) > chaveData(saes.data))
        achados.push({ tipo: 'cib-depois-da-saes', cib, saes });
    return achados;
}

/** A pendência da 1ª parcela que um achado representa (texto do resumo). */
export function pendenciaDaCronologia(a: AchadoCronologia): string {
    switch (a.tipo) {
        case 'antes-da-portaria':
            return `${a.data.descricao} datado de ${isoData(a.data.data)}, antes da publicação da Portaria GM/MS nº 3.492/2024 (${isoData(PUBLICACAO_3492)}; art. 21)`;
        case 'futura':
            return `${a.data.descricao} datado de ${isoData(a.data.data)}, no futuro: o ato ainda não aconteceu`;
        case 'cib-depois-da-saes':
            return `resolução da CIB (${isoData(a.cib.data)}) posterior à aprovação pela SAES (${isoData(a.saes.data)}): a CIB aprova o PAR antes da SAES (art. 8 III; art. 11)`;
    }
}
