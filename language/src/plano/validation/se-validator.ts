/**
 * Habilitação of a Sala de Estabilização (Portaria de Consolidação GM/MS nº 6/2017, art. 878-A,
 * added by Portaria GM/MS nº 1.997/2023): municipality (§1, Amazônia Legal), CNES (§9), the documents
 * of §4 I-IX, SAMU 192 or a commitment term (§4 VII), and the order habilitação by the SES →
 * homologação by the Ministry → transfer (§2 and §5). Suspension after three months without production
 * (§10) depends on the SIA/SUS production and is checked by the command line (`oci-catalogo plano
 * --producao`).
 */
import type { ValidationAcceptor } from 'langium';
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
    type DocumentoPopulacao,
    type DocumentoSamu,
    type EstabelecimentoSe,
    type HabilitacaoSe,
    type MunicipioSe
} from '../../generated/ast.js';
import { formatMoney } from '../../money.js';
import { report, reportRepeated } from '../../validation/report.js';
import { competenciaDaData, formatCompetenciaIndex, parseCompetenciaIndex, parseDate, chaveData } from '../datas.js';
import { parseInteger } from '../incentivo-par.js';
import { incentivoSe } from '../incentivo-se.js';
import { municipioIbge, normalizeNome } from '../municipios.js';
import { itens } from '../par-consultas.js';
import { RegrasSe } from '../rules.js';
import {
    chaveDoDocumento,
    documentosDa,
    estadoDosDocumentos,
    habilitacaoSesDa,
    homologacaoDa,
    repasseDa
} from '../se-consultas.js';

/**
 * 2024-03: the first competência in which Portaria 1.997/2023 can be in force (art. 4; signed on 24/11/2023 + 120
 * days = 23/03/2024).
 */
const PRIMEIRA_COMPETENCIA_POSSIVEL = 2024 * 12 + 2;

const UNICOS: Array<[(n: unknown) => boolean, string]> = [
    [isMunicipioSe, 'municipio'],
    [isEstabelecimentoSe, 'cnes'],
    [isDocumentosSe, 'documentos'],
    [isHabilitacaoSes, 'habilitacao_ses'],
    [isHomologacaoMs, 'homologacao'],
    [isRepasseSe, 'repasse']
];

export class SeValidator {
    checkHabilitacao(se: HabilitacaoSe, accept: ValidationAcceptor): void {
        const ancora = { node: se, property: 'nome' };
        reportRepeated(accept, RegrasSe.itemRepetido, se.itens ?? [], UNICOS);
        if (!itens(se, isMunicipioSe).length) report(accept, RegrasSe.municipioAusente, [], ancora);
        if (!itens(se, isEstabelecimentoSe).length) report(accept, RegrasSe.cnesAusente, [], ancora);

        // §4 I-IX: each document not declared, or declared missing.
        const bloco = itens(se, isDocumentosSe)[0];
        const vistos = new Set<string>();
        for (const doc of documentosDa(se)) {
            const chave = chaveDoDocumento(doc);
            if (vistos.has(chave)) report(accept, RegrasSe.documentoRepetido, [chave], { node: doc });
            vistos.add(chave);
        }
        for (const d of estadoDosDocumentos(se)) {
            if (d.situacao === 'presente') continue;
            if (d.chave === 'samu' && d.node && isDocumentoSamu(d.node)) continue; // se/samu-sem-termo
            if (d.chave === 'populacao' && d.node && isDocumentoPopulacao(d.node) && !d.node.ausente) continue; // se/populacao-invalida
            report(
                accept,
                RegrasSe.documentoAusente,
                [d.inciso, d.descricao],
                d.node ? { node: d.node } : bloco ? { node: bloco } : ancora
            );
        }

        // §5: habilitação by the SES → homologação by the Ministry → (§2) transfer.
        const habilitacao = habilitacaoSesDa(se);
        const homologacao = homologacaoDa(se);
        const repasse = repasseDa(se);
        for (const n of [habilitacao, homologacao]) {
            if (n?.data && !parseDate(n.data))
                report(accept, RegrasSe.dataInvalida, [n.data], { node: n, property: 'data' });
        }
        if (homologacao && !habilitacao) report(accept, RegrasSe.homologacaoSemHabilitacao, [], { node: homologacao });
        // §3: CIR and CIB → SES. The date of the CIR's and CIB's declaration (§4 IV), when written, is not after
        // the habilitação.
        const declaracao = documentosDa(se).find(d => isDocumentoTexto(d) && d.tipo === 'declaracao_cir_cib');
        if (declaracao && isDocumentoTexto(declaracao) && declaracao.data) {
            const dDecl = parseDate(declaracao.data);
            const dSes = parseDate(habilitacao?.data);
            if (!dDecl)
                report(accept, RegrasSe.dataInvalida, [declaracao.data], { node: declaracao, property: 'data' });
            else if (dSes && chaveData(dDecl) > chaveData(dSes)) {
                report(accept, RegrasSe.cirCibDepoisDaSes, [declaracao.data, habilitacao!.data!], {
                    node: declaracao,
                    property: 'data'
                });
            }
        }
        const dHab = parseDate(habilitacao?.data);
        const dHom = parseDate(homologacao?.data);
        if (dHab && dHom && chaveData(dHom) < chaveData(dHab)) {
            report(accept, RegrasSe.homologacaoAntesDaHabilitacao, [homologacao!.data!, habilitacao!.data!], {
                node: homologacao!,
                property: 'data'
            });
        }
        if (repasse) {
            const c = parseCompetenciaIndex(repasse.competencia);
            if (c === undefined)
                report(accept, RegrasSe.competenciaInvalida, [repasse.competencia], {
                    node: repasse,
                    property: 'competencia'
                });
            // Art. 4 of Portaria 1.997/2023: in force 120 days after publication (signed on 24/11/2023: not before
            // 23/03/2024).
            else if (c < PRIMEIRA_COMPETENCIA_POSSIVEL)
                report(accept, RegrasSe.repasseAntesDaVigencia, [repasse.competencia], {
                    node: repasse,
                    property: 'competencia'
                });
            if (!homologacao) report(accept, RegrasSe.repasseSemHomologacao, [], { node: repasse });
            else if (c !== undefined && dHom && c < competenciaDaData(dHom)) {
                report(
                    accept,
                    RegrasSe.repasseAntesDaHomologacao,
                    [repasse.competencia, formatCompetenciaIndex(competenciaDaData(dHom))],
                    { node: repasse, property: 'competencia' }
                );
            }
        }
    }

    checkMunicipio(m: MunicipioSe, accept: ValidationAcceptor): void {
        const ibge = municipioIbge(m.codigo);
        if (!ibge) {
            report(accept, RegrasSe.municipioInexistente, [m.codigo], { node: m, property: 'codigo' });
            return;
        }
        if (m.nome && normalizeNome(m.nome) !== normalizeNome(ibge.nome)) {
            report(accept, RegrasSe.nomeDivergente, [m.codigo, m.nome, ibge.nome], { node: m, property: 'nome' });
        }
        const incentivo = incentivoSe(m.codigo);
        if (incentivo.amazonia.incerta && incentivo.mensal) {
            report(accept, RegrasSe.amazoniaIncerta, [ibge.nome, formatMoney(incentivo.mensal)], {
                node: m,
                property: 'codigo'
            });
        } else if (incentivo.amazonia.situacao === 'ma-parcial') {
            report(accept, RegrasSe.amazoniaParcial, [ibge.nome], { node: m, property: 'codigo' });
        }
    }

    checkEstabelecimento(e: EstabelecimentoSe, accept: ValidationAcceptor): void {
        if (!/^[0-9]{7}$/.test(e.codigo ?? ''))
            report(accept, RegrasSe.cnesInvalido, [e.codigo ?? ''], { node: e, property: 'codigo' });
    }

    checkPopulacao(p: DocumentoPopulacao, accept: ValidationAcceptor): void {
        if (p.ausente || p.populacao === undefined) return;
        const n = parseInteger(p.populacao);
        if (n === undefined || n <= 0)
            report(accept, RegrasSe.populacaoInvalida, [], { node: p, property: 'populacao' });
    }

    checkSamu(s: DocumentoSamu, accept: ValidationAcceptor): void {
        if (s.semSamu && (s.termo ?? '').trim() === '') report(accept, RegrasSe.samuSemTermo, [], { node: s });
        // §8: without SAMU 192, transport suited to the clinical condition is guaranteed — the habilitação says how.
        if (s.semSamu && (s.transporte ?? '').trim() === '')
            report(accept, RegrasSe.transporteAusente, [], { node: s });
    }
}
