/**
 * The examination of an SE's production in the SIA/SUS (art. 878-A §9 and §10), robust to real files:
 *
 * * the window runs from the start of the transfers (`repasse desde`; without it, the month of the
 *   homologação) to `--ate` or the file's last plausible competência;
 * * a competência in the future of the day of the check, or isolated — more than 12 months from any
 *   other in the file (2031 in a 2025 file: a typo) — does not extend the window: it is a data
 *   finding (`se/competencia-fora-do-periodo`), not 63 months without production;
 * * a month before the file's first or after its last plausible competência (the window starts
 *   before the file, or `--ate` goes beyond it) is not "without records": the file does not cover it,
 *   it was not examined. Within the file's period, a month without records of the CNES is a month
 *   without records — an extract of the SE alone is the common case;
 * * without records, without CNES, without a readable start of transfers or with `--ate` before the
 *   start of transfers, §10 is not examined — and the result says why, instead of staying silent.
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

/** Distance, in months, beyond which a competência without neighbours in the file is taken for a typo. */
export const MESES_DE_ISOLAMENTO = 12;

export type ExameProducaoSe =
    | {
          examinado: true;
          producao: ProducaoSe;
          /** Competências of the SE's CNES outside the plausible period (future or isolated): data findings. */
          foraDoPeriodo: Competencia[];
      }
    | { examinado: false; motivo: string; foraDoPeriodo: Competencia[] };

/** The start of §10's window: the transfer; without it, the homologação; undefined when the text does not read. */
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

/** The file's plausible competências and those outside the period (future or isolated). */
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
