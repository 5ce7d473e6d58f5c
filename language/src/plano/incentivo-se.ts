/**
 * Incentivo de custeio mensal da Sala de Estabilização (Portaria de Consolidação GM/MS nº 6/2017,
 * art. 878-A, incluído pela Portaria GM/MS nº 1.997/2023):
 *
 *   caput  R$ 50.000,00 por mês
 *   §1     R$ 65.000,00 por mês para SE em município da Amazônia Legal
 *   §10    a ausência de registro no SIA/SUS por três meses consecutivos implica a suspensão
 *
 * O §10 não diz a partir de que competência a suspensão vale nem como ela cessa: o resultado
 * aponta cada sequência de três ou mais meses sem registro e a competência em que o terceiro mês
 * se completou, e deixa o resto ao gestor.
 */
import { Money } from '../money.js';
import { formatCompetenciaIndex, type Competencia } from './datas.js';
import { amazoniaLegal, type AmazoniaLegal } from './municipios.js';

export const INCENTIVO_SE_MENSAL = new Money('50000.00');
export const INCENTIVO_SE_MENSAL_AMAZONIA = new Money('65000.00');

export interface IncentivoSe {
    amazonia: AmazoniaLegal;
    /** Valor mensal; undefined quando não se sabe se o município está na Amazônia Legal. */
    mensal?: Money;
    /** 12 × mensal. */
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
    /** A competência em que se completam três meses consecutivos sem registro (§10). */
    condicaoAtingidaEm: Competencia;
}

export interface ProducaoSe {
    /** Primeira e última competência examinadas. */
    inicio: Competencia;
    fim: Competencia;
    /** Competências da janela com algum registro do CNES. */
    comRegistro: Competencia[];
    semRegistro: Competencia[];
    /**
     * Competências da janela fora do período do arquivo de produção (antes da primeira ou depois da
     * última competência dele): não se sabe se a SE produziu; não contam como sem registro e
     * interrompem a sequência.
     */
    naoExaminadas: Competencia[];
    /** Sequências de três ou mais meses consecutivos sem registro. */
    sequencias: SequenciaSemRegistro[];
    /**
     * 'regular': nenhuma sequência; 'suspensa': a janela termina numa sequência de três ou mais
     * meses sem registro; 'houve-suspensao': houve sequência, mas a produção voltou depois.
     */
    situacao: 'regular' | 'suspensa' | 'houve-suspensao';
}

/** Confere o §10 numa janela de competências [inicio, fim] com as competências que têm registro. */
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
