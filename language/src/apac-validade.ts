/**
 * The validity of an OCI's APAC: SIGTAP attribute 054, "APAC com validade fixa de 2
 * competências" (tb_detalhe / rl_procedimento_detalhe). An OCI registered in an APAC
 * (Portaria GM/MS 3.492/2024 art. 16 §1) must be completed within the competência (month) it
 * starts and the next one. No norm in the project's legal texts defines that validity further:
 * the table is the source.
 *
 * Days are counted as the audit and tM count them: the last date minus the first date
 * (an episode whose procedures all fall on its first day took 0 days; `dias > tM` exceeds tM).
 */
import type { SigtapOci } from './sigtap/types.js';

/** CO_DETALHE of "APAC com validade fixa de 2 competências". */
export const ATRIBUTO_APAC_DUAS_COMPETENCIAS = '054';

/** Whether the table gives the OCI the two-competência APAC validity (attribute 054). */
export function temValidadeDeDuasCompetencias(oci: Pick<SigtapOci, 'atributosComplementares'>): boolean {
    return oci.atributosComplementares.includes(ATRIBUTO_APAC_DUAS_COMPETENCIAS);
}

export interface Data {
    ano: number;
    /** 1-12. */
    mes: number;
    dia: number;
}

export interface JanelaApac {
    inicio: Data;
    /** Last day of the month after the start's: the APAC's last valid day. */
    fim: Data;
    /** fim − inicio, in days (as the audit counts an episode's days). */
    dias: number;
}

const DIA_MS = 86_400_000;

/**
 * The window an APAC of two competências leaves an episode starting on `inicio`: up to the last
 * day of the next month. 31 Jan 2026 → 28 Feb 2026 = 28 days; 31 Dec 2025 → 31 Jan 2026 = 31 days.
 */
export function janelaApac(inicio: Data): JanelaApac {
    const { ano, mes, dia } = inicio;
    const t0 = Date.UTC(ano, mes - 1, dia);
    const d = new Date(t0);
    if (
        !Number.isInteger(ano) ||
        !Number.isInteger(mes) ||
        !Number.isInteger(dia) ||
        d.getUTCFullYear() !== ano ||
        d.getUTCMonth() !== mes - 1 ||
        d.getUTCDate() !== dia
    ) {
        throw new RangeError(`data inválida: ${ano}-${mes}-${dia}`);
    }
    // Day 0 of the month after next is the last day of the next month (December rolls into the next year).
    const t1 = Date.UTC(ano, mes + 1, 0);
    const f = new Date(t1);
    return {
        inicio: { ano, mes, dia },
        fim: { ano: f.getUTCFullYear(), mes: f.getUTCMonth() + 1, dia: f.getUTCDate() },
        dias: Math.round((t1 - t0) / DIA_MS)
    };
}

export interface LimitesDaJanela {
    /** The shortest window (days) over every possible start date, and a start that gives it. */
    minimo: number;
    menor: JanelaApac;
    /** The longest window (days), and a start that gives it. */
    maximo: number;
    maior: JanelaApac;
}

/**
 * Shortest and longest windows over every start date: the shortest is an episode starting on the
 * last day of a month followed by a 28-day February (31 Jan → 28 Feb = 28 days); the longest
 * starts on the 1st of a 31-day month followed by another (1 Jul → 31 Aug = 30 + 31 = 61 days).
 * Scanning four consecutive years covers every pair of month lengths (a leap February included).
 * Within a month the window shrinks by a day per day of start, so its shortest starts on the last
 * day and its longest on the 1st: those two starts of each month are all the scan needs (the same
 * result, in the same order of ties, as every day of the four years).
 */
function limites(): LimitesDaJanela {
    let menor: JanelaApac | undefined;
    let maior: JanelaApac | undefined;
    for (let ano = 2025; ano <= 2028; ano++) {
        for (let mes = 1; mes <= 12; mes++) {
            const ultimo = new Date(Date.UTC(ano, mes, 0)).getUTCDate();
            for (const dia of [1, ultimo]) {
                const j = janelaApac({ ano, mes, dia });
                if (!menor || j.dias < menor.dias) menor = j;
                if (!maior || j.dias > maior.dias) maior = j;
            }
        }
    }
    return { minimo: menor!.dias, menor: menor!, maximo: maior!.dias, maior: maior! };
}

/** Computed at load: 96 window computations (two starts a month over four years), well under a millisecond. */
export const JANELA_APAC: LimitesDaJanela = limites();

/** "31/01/2025". */
export function formatData(d: Data): string {
    return `${String(d.dia).padStart(2, '0')}/${String(d.mes).padStart(2, '0')}/${d.ano}`;
}

/** "31/01 → 28/02 = 28 dias": the arithmetic of the shortest window, day and month only. */
export function aritmeticaDaMenorJanela(): string {
    const { inicio, fim, dias } = JANELA_APAC.menor;
    const dm = (d: Data) => formatData(d).slice(0, 5);
    return `${dm(inicio)} → ${dm(fim)} = ${dias} dias`;
}
