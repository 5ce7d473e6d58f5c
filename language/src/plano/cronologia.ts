/**
 * The PAR's chronology (Portaria GM/MS nº 3.492/2024): what the written dates can and cannot be.
 *
 * * No date before the portaria's publication (DOU of 11/04/2024; art. 21: "entra em vigor na
 *   data de sua publicação"): there is no adhesion term, CIB resolution, SAES approval, validity
 *   period or step of a programme that did not exist yet.
 * * The CIB's resolution approving the PAR (art. 8 III) is sent with it at adhesion, and the SAES
 *   approves it afterwards (art. 11); the 1st parcela comes from that approval (art. 15 §2 I): the
 *   resolution is dated on or before the SAES's approval.
 * * Acts (term, CIB resolution, SAES approval) dated after the day of the check have not happened
 *   yet: the parcela that depends on them is not met.
 *
 * Dates on a line with a syntax error do not count (./valores-quebrados.ts).
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

/** Publication of Portaria GM/MS nº 3.492/2024 (DOU nº 70, of 11/04/2024), when it took effect (art. 21). */
export const PUBLICACAO_3492: DataCivil = { ano: 2024, mes: 4, dia: 11 };

/** Today (the local civil date) — what future dates are measured against. */
export function hojeCivil(agora = new Date()): DataCivil {
    return { ano: agora.getFullYear(), mes: agora.getMonth() + 1, dia: agora.getDate() };
}

export interface DataDoPar {
    /** What the date is, for the messages: "resolução da CIB", "início da vigência"… */
    descricao: string;
    data: DataCivil;
    /** True for the acts of adhesion and approval (term, CIB, SAES), which cannot be in the future. */
    ato: boolean;
    node: AstNode;
    property: string;
}

/** Every intact date of the PAR, with what it is. */
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

/** What violates the PAR's chronology, in the text's order. */
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

/** The 1st parcela's pending item a finding stands for (the summary's text). */
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
