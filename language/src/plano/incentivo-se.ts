/**
 * The Sala de Estabilização's monthly running-cost incentive (Portaria de Consolidação GM/MS nº 6/2017,
 * art. 878-A, added by Portaria GM/MS nº 1.997/2023):
 *
 *   caput  R$ 50.000,00 a month
 *   §1     R$ 65.000,00 a month for an SE in a municipality of the Amazônia Legal
 *   §10    no record in the SIA/SUS for three consecutive months means suspension
 *
 * §10 does not say from which competência the suspension holds nor how it ends: the result points
 * out each run of three or more months without records and the competência in which the third month
 * was completed, and leaves the rest to the manager.
 */
import { Money } from '../money.js';
import { formatCompetenciaIndex, type Competencia } from './datas.js';
import { amazoniaLegal, type AmazoniaLegal } from './municipios.js';

export const INCENTIVO_SE_MENSAL = new Money('50000.00');
export const INCENTIVO_SE_MENSAL_AMAZONIA = new Money('65000.00');

export interface IncentivoSe {
    amazonia: AmazoniaLegal;
    /** Monthly amount; undefined when it is not known whether the municipality is in the Amazônia Legal. */
    mensal?: Money;
    /** 12 × monthly. */
    anual?: Money;
    dispositivo?: string;
}

export function incentivoSe(codigoMunicipio: string): IncentivoSe {
    const amazonia = amazoniaLegal(codigoMunicipio);
    if (amazonia.dentro === undefined) return { amazonia };
    const mensal = amazonia.dentro ? INCENTIVO_SE_MENSAL_AMAZONIA : INCENTIVO_SE_MENSAL;
    return {
        amazonia,
        mensal,
        anual: mensal.times(12),
        dispositivo: amazonia.dentro ? 'art. 878-A §1' : 'art. 878-A caput'
    };
}

export interface SequenciaSemRegistro {
    inicio: Competencia;
    fim: Competencia;
    meses: number;
    /** The competência in which three consecutive months without records are completed (§10). */
    condicaoAtingidaEm: Competencia;
}

export interface ProducaoSe {
    /** First and last competência examined. */
    inicio: Competencia;
    fim: Competencia;
    /** Competências of the window with some record of the CNES. */
    comRegistro: Competencia[];
    semRegistro: Competencia[];
    /**
     * Competências of the window outside the production file's period (before its first or after its
     * last competência): whether the SE produced is unknown; they do not count as without records and
     * break the run.
     */
    naoExaminadas: Competencia[];
    /** Runs of three or more consecutive months without records. */
    sequencias: SequenciaSemRegistro[];
    /**
     * 'regular': no run; 'suspensa': the window ends in a run of three or more months without
     * records; 'houve-suspensao': there was a run, but production came back afterwards.
     */
    situacao: 'regular' | 'suspensa' | 'houve-suspensao';
}

/** Checks §10 over a window of competências [inicio, fim] given the competências that have records. */
export function assessProducaoSe(
    inicio: Competencia,
    fim: Competencia,
    competenciasComRegistro: Iterable<Competencia>,
    naoCobertas: ReadonlySet<Competencia> = new Set()
): ProducaoSe {
    if (fim < inicio)
        throw new RangeError(`janela invertida: ${formatCompetenciaIndex(inicio)} a ${formatCompetenciaIndex(fim)}`);
    const com = new Set(competenciasComRegistro);
    const comRegistro: Competencia[] = [];
    const semRegistro: Competencia[] = [];
    const naoExaminadas: Competencia[] = [];
    const sequencias: SequenciaSemRegistro[] = [];
    let corrida: Competencia[] = [];
    const fechar = () => {
        const [inicio, , terceiro] = corrida;
        const fim = corrida.at(-1);
        // Three months or more in a row.
        if (inicio !== undefined && terceiro !== undefined && fim !== undefined) {
            sequencias.push({ inicio, fim, meses: corrida.length, condicaoAtingidaEm: terceiro });
        }
        corrida = [];
    };
    for (let c = inicio; c <= fim; c++) {
        if (com.has(c)) {
            comRegistro.push(c);
            fechar();
        } else if (naoCobertas.has(c)) {
            naoExaminadas.push(c);
            fechar();
        } else {
            semRegistro.push(c);
            corrida.push(c);
        }
    }
    const terminaSemRegistro = corrida.length >= 3;
    fechar();
    const situacao = sequencias.length === 0 ? 'regular' : terminaSemRegistro ? 'suspensa' : 'houve-suspensao';
    return { inicio, fim, comRegistro, semRegistro, naoExaminadas, sequencias, situacao };
}
