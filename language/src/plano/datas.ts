/** Dates (AAAA-MM-DD) and competências (AAAA-MM) of the PAR and the SE: validation, order, pt-BR format. */

export interface DataCivil {
    ano: number;
    mes: number;
    dia: number;
}

/** `2025-03-01` → {2025, 3, 1}; undefined for text out of the format or a date that does not exist (2025-02-30). */
export function parseDate(texto: string | undefined): DataCivil | undefined {
    const m = typeof texto === 'string' ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(texto.trim()) : null;
    if (!m) return undefined;
    const [ano, mes, dia] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mes < 1 || mes > 12 || dia < 1 || dia > diasNoMes(ano, mes)) return undefined;
    return { ano, mes, dia };
}

function diasNoMes(ano: number, mes: number): number {
    return new Date(Date.UTC(ano, mes, 0)).getUTCDate();
}

/** A sortable number (AAAAMMDD). */
export function chaveData(d: DataCivil): number {
    return d.ano * 10000 + d.mes * 100 + d.dia;
}

export function formatDate(d: DataCivil): string {
    return `${String(d.dia).padStart(2, '0')}/${String(d.mes).padStart(2, '0')}/${d.ano}`;
}

export function isoData(d: DataCivil): string {
    return `${d.ano}-${String(d.mes).padStart(2, '0')}-${String(d.dia).padStart(2, '0')}`;
}

/** A competência as the number of months since year 0 (to count consecutive months). */
export type Competencia = number;

/** `2025-03`, `202503` or `03/2025` → competência; undefined when invalid. */
export function parseCompetenciaIndex(texto: string | undefined): Competencia | undefined {
    if (typeof texto !== 'string') return undefined;
    const t = texto.trim();
    const m =
        /^([0-9]{4})-?([0-9]{2})$/.exec(t) ??
        (/^([0-9]{2})\/([0-9]{4})$/.exec(t) ? [t, t.slice(3), t.slice(0, 2)] : null);
    if (!m) return undefined;
    const ano = Number(m[1]);
    const mes = Number(m[2]);
    if (mes < 1 || mes > 12) return undefined;
    return ano * 12 + (mes - 1);
}

export function competenciaDaData(d: DataCivil): Competencia {
    return d.ano * 12 + (d.mes - 1);
}

/** `2025-03`. */
export function formatCompetenciaIndex(c: Competencia): string {
    return `${Math.floor(c / 12)}-${String((c % 12) + 1).padStart(2, '0')}`;
}
