/**
 * O exame da produção de uma SE no SIA/SUS (art. 878-A §9 e §10), robusto a arquivos reais:
 *
 * * a janela vai do início dos repasses (`repasse desde`; sem ele, o mês da homologação) até
 *   `--ate` ou a última competência plausível do arquivo;
 * * uma competência no futuro do dia da verificação, ou isolada — a mais de 12 meses de qualquer
 *   outra do arquivo (2031 num arquivo de 2025: erro de digitação) — não estende a janela: é um
 *   achado de dado (`se/competencia-fora-do-periodo`), não 63 meses sem produção;
 * * um mês antes da primeira ou depois da última competência plausível do arquivo (a janela começa
 *   antes do arquivo, ou `--ate` vai além dele) não é "sem registro": o arquivo não o cobre, não foi
 *   examinado. Dentro do período do arquivo, mês sem registro do CNES é mês sem registro — um
 *   extrato só da SE é o caso comum;
 * * sem registros, sem CNES, sem início de repasse legível ou com `--ate` antes do início dos
 *   repasses, o §10 não é examinado — e o resultado diz por quê, em vez de calar.
 */
import type { HabilitacaoSe } from '../generated/ast.js';
import {
    competenciaDaData,
    formatCompetenciaIndex,
    parseCompetenciaIndex,
    type Competencia,
    type DataCivil
} from './datas.js';
import { assessProducaoSe, type ProducaoSe } from './incentivo-se.js';
import { dataDo } from './par-consultas.js';
import type { ProducaoPorCnes } from './producao.js';
import { estabelecimentoDa, homologacaoDa, repasseDa } from './se-consultas.js';
import { valorIntegro } from './valores-quebrados.js';

/** Distância, em meses, além da qual uma competência sem vizinhas no arquivo é tida como erro de digitação. */
export const MESES_DE_ISOLAMENTO = 12;

export type ExameProducaoSe =
    | {
          examinado: true;
          producao: ProducaoSe;
          /** Competências do CNES da SE fora do período plausível (futuras ou isoladas): achados de dado. */
          foraDoPeriodo: Competencia[];
      }
    | { examinado: false; motivo: string; foraDoPeriodo: Competencia[] };

/** O início da janela do §10: o repasse; sem ele, a homologação; undefined se o escrito não se lê. */
export function inicioDaJanela(se: HabilitacaoSe): { inicio?: Competencia; motivo?: string } {
    const repasse = repasseDa(se);
    if (repasse) {
        const c = parseCompetenciaIndex(valorIntegro(repasse, 'competencia'));
        return c !== undefined
            ? { inicio: c }
            : {
                  motivo: `a competência do início dos repasses ("repasse desde ${repasse.competencia ?? ''}") não se lê`
              };
    }
    const hom = homologacaoDa(se);
    if (hom) {
        const d = dataDo(hom, 'data');
        return d
            ? { inicio: competenciaDaData(d) }
            : { motivo: 'sem "repasse desde", e a data da homologação não se lê' };
    }
    return {
        motivo: 'a habilitação não diz quando os repasses começaram ("repasse desde AAAA-MM") nem a data da homologação'
    };
}

/** As competências plausíveis do arquivo e as fora do período (futuras ou isoladas). */
export function competenciasPlausiveis(
    producao: ProducaoPorCnes,
    hoje: DataCivil
): { plausiveis: Set<Competencia>; fora: Set<Competencia> } {
    const todas = new Set<Competencia>();
    for (const s of producao.porCnes.values()) for (const c of s) todas.add(c);
    const limite = competenciaDaData(hoje);
    const ordenadas = [...todas].sort((a, b) => a - b);
    const fora = new Set<Competencia>();
    ordenadas.forEach((c, i) => {
        const anterior = ordenadas[i - 1];
        const seguinte = ordenadas[i + 1];
        const vizinha = Math.min(
            anterior === undefined ? Infinity : c - anterior,
            seguinte === undefined ? Infinity : seguinte - c
        );
        if (c > limite || (ordenadas.length > 1 && vizinha > MESES_DE_ISOLAMENTO)) fora.add(c);
    });
    return { plausiveis: new Set(ordenadas.filter(c => !fora.has(c))), fora };
}

export function examinarProducaoSe(
    se: HabilitacaoSe,
    producao: ProducaoPorCnes,
    ate: Competencia | undefined,
    hoje: DataCivil
): ExameProducaoSe {
    const cnes = valorIntegro(estabelecimentoDa(se), 'codigo');
    const { plausiveis, fora } = competenciasPlausiveis(producao, hoje);
    const doCnes =
        cnes && /^[0-9]{7}$/.test(cnes)
            ? (producao.porCnes.get(cnes) ?? new Set<Competencia>())
            : new Set<Competencia>();
    const foraDoPeriodo = [...doCnes].filter(c => fora.has(c)).sort((a, b) => a - b);
    const nao = (motivo: string): ExameProducaoSe => ({
        examinado: false,
        motivo: `o §10 não foi examinado: ${motivo}`,
        foraDoPeriodo
    });
    if (!cnes || !/^[0-9]{7}$/.test(cnes)) return nao('a habilitação não diz um CNES válido');
    if (producao.registros === 0) return nao('o arquivo de produção não tem registros');
    const { inicio, motivo } = inicioDaJanela(se);
    if (inicio === undefined) return nao(motivo!);
    if (plausiveis.size === 0)
        return nao('nenhuma competência do arquivo está no período plausível (todas futuras ou isoladas)');
    const ultima = Math.max(...plausiveis);
    const fim = ate ?? ultima;
    if (fim < inicio) {
        return nao(
            ate !== undefined
                ? `--ate ${formatCompetenciaIndex(ate)} é anterior ao início dos repasses (${formatCompetenciaIndex(inicio)})`
                : `o arquivo termina em ${formatCompetenciaIndex(ultima)}, antes do início dos repasses (${formatCompetenciaIndex(inicio)})`
        );
    }
    const primeira = Math.min(...plausiveis);
    const naoCobertas = new Set<Competencia>();
    for (let c = inicio; c <= fim; c++) if (c < primeira || c > ultima) naoCobertas.add(c);
    const comRegistro = [...doCnes].filter(c => !fora.has(c));
    return { examinado: true, producao: assessProducaoSe(inicio, fim, comRegistro, naoCobertas), foraDoPeriodo };
}
