/** Queries over the tree of a Sala de Estabilização's habilitação (art. 878-A). */
import type { AstNode } from 'langium';
import {
    isDocumentoPopulacao,
    isDocumentoSamu,
    isDocumentoTexto,
    isDocumentosSe,
    isEstabelecimentoSe,
    isHabilitacaoSes,
    isHomologacaoMs,
    isMunicipioSe,
    isRepasseSe,
    type DocumentoSe,
    type HabilitacaoSe
} from '../generated/ast.js';
import { parseInteger } from './incentivo-par.js';
import { itens } from './par-consultas.js';

export const municipioDa = (se: HabilitacaoSe) => itens(se, isMunicipioSe)[0];
export const estabelecimentoDa = (se: HabilitacaoSe) => itens(se, isEstabelecimentoSe)[0];
export const habilitacaoSesDa = (se: HabilitacaoSe) => itens(se, isHabilitacaoSes)[0];
export const homologacaoDa = (se: HabilitacaoSe) => itens(se, isHomologacaoMs)[0];
export const repasseDa = (se: HabilitacaoSe) => itens(se, isRepasseSe)[0];
export const documentosDa = (se: HabilitacaoSe): DocumentoSe[] =>
    itens(se, isDocumentosSe).flatMap(d => d.documentos ?? []);

/** The documents of §4, in the order of the incisos, with the keyword that declares each. */
export const DOCUMENTOS_SE: ReadonlyArray<{ inciso: string; chave: string; descricao: string }> = [
    {
        inciso: 'I',
        chave: 'area_fisica',
        descricao: 'declaração do gestor sobre a adequação da área física (area_fisica)'
    },
    {
        inciso: 'II',
        chave: 'equipamentos',
        descricao: 'descrição dos equipamentos, materiais e mobiliários instalados (equipamentos)'
    },
    { inciso: 'III', chave: 'equipe', descricao: 'descrição da equipe atuante junto à SE (equipe)' },
    {
        inciso: 'IV',
        chave: 'declaracao_cir_cib',
        descricao: 'declaração da CIR e da CIB confirmando o funcionamento efetivo (declaracao_cir_cib)'
    },
    {
        inciso: 'V',
        chave: 'alvara_sanitario',
        descricao: 'alvará sanitário da Vigilância Sanitária local (alvara_sanitario)'
    },
    { inciso: 'VI', chave: 'populacao', descricao: 'quantitativo populacional a ser coberto pela SE (populacao)' },
    {
        inciso: 'VII',
        chave: 'samu',
        descricao: 'SAMU 192 habilitado na área de cobertura ou termo de compromisso (samu)'
    },
    {
        inciso: 'VIII',
        chave: 'grade_referencia',
        descricao: 'grade de referência e contrarreferência pactuada na RAS (grade_referencia)'
    },
    {
        inciso: 'IX',
        chave: 'plano_urgencias',
        descricao: 'inserção da SE no Plano de Ação Regional de Atenção Integral às Urgências (plano_urgencias)'
    }
];

/** The keyword of a declared document. */
export function chaveDoDocumento(doc: DocumentoSe): string {
    if (isDocumentoTexto(doc)) return doc.tipo;
    if (isDocumentoPopulacao(doc)) return 'populacao';
    return 'samu';
}

export type SituacaoDocumento = 'presente' | 'ausente' | 'nao-declarado';

export interface EstadoDocumento {
    inciso: string;
    chave: string;
    descricao: string;
    situacao: SituacaoDocumento;
    /** The declared text (reference to the document, commitment term, population). */
    referencia?: string;
    node?: AstNode;
}

/** The status of each document of §4 (the first one declared, when repeated). */
export function estadoDosDocumentos(se: HabilitacaoSe): EstadoDocumento[] {
    const docs = documentosDa(se);
    return DOCUMENTOS_SE.map(d => {
        const doc = docs.find(x => chaveDoDocumento(x) === d.chave);
        if (!doc) return { ...d, situacao: 'nao-declarado' };
        if (isDocumentoTexto(doc)) {
            const presente = !doc.ausente && (doc.referencia ?? '').trim() !== '';
            return { ...d, situacao: presente ? 'presente' : 'ausente', referencia: doc.referencia, node: doc };
        }
        if (isDocumentoPopulacao(doc)) {
            const n = parseInteger(doc.populacao);
            return {
                ...d,
                situacao: !doc.ausente && n !== undefined && n > 0 ? 'presente' : 'ausente',
                referencia: doc.populacao,
                node: doc
            };
        }
        if (isDocumentoSamu(doc)) {
            if (doc.habilitado)
                return { ...d, situacao: 'presente', referencia: doc.referencia ?? 'SAMU 192 habilitado', node: doc };
            const termo = (doc.termo ?? '').trim();
            return {
                ...d,
                situacao: termo ? 'presente' : 'ausente',
                referencia: termo ? `termo de compromisso: ${termo}` : undefined,
                node: doc
            };
        }
        return { ...d, situacao: 'nao-declarado' };
    });
}
