/**
 * The APAC window of an OCI for the code lens and the hover: only for an OCI whose row in the
 * catalogue's SIGTAP competência has attribute 054 ("APAC com validade fixa de 2 competências",
 * language/src/apac-validade.ts).
 */
import type { Oci } from '../../language/src/index.js';
import {
    JANELA_APAC,
    aritmeticaDaMenorJanela,
    formatData,
    janelaApac,
    temValidadeDeDuasCompetencias
} from '../../language/src/index.js';
import { tmOf } from '../../language/src/index.js';
import { normalizeCodigo } from '../../language/src/index.js';
import type { SigtapTable } from '../../language/src/index.js';
import { t, type Locale } from './i18n.js';
import { formatCompetencia } from './sigtap-text.js';

function comValidadeFixa(oci: Oci, table: SigtapTable | undefined): boolean {
    const codigo = normalizeCodigo(oci.codigo ?? '');
    const row = table && codigo ? table.oci(codigo) : undefined;
    return row !== undefined && temValidadeDeDuasCompetencias(row);
}

/** "APAC: 2 competências — de 28 a 61 dias conforme o dia de início", or undefined without attribute 054. */
export function apacLensTitle(oci: Oci, table: SigtapTable | undefined, locale: Locale): string | undefined {
    return comValidadeFixa(oci, table) ? t(locale, 'lens.apac', JANELA_APAC.minimo, JANELA_APAC.maximo) : undefined;
}

/** The hover's paragraph on the APAC window (Portuguese, as the rest of the OCI hover), or undefined. */
export function apacMarkdown(oci: Oci, table: SigtapTable | undefined): string | undefined {
    if (!table || !comValidadeFixa(oci, table)) return undefined;
    const virada = janelaApac({ ano: 2025, mes: 12, dia: 31 });
    const dm = (d: { dia: number; mes: number; ano: number }) => formatData(d).slice(0, 5);
    const tm = tmOf(oci)?.dias;
    const alem =
        tm !== undefined && tm > JANELA_APAC.minimo
            ? ` O tM de ${tm} dias passa da menor janela (${JANELA_APAC.minimo} dias): um episódio que use todo o tM pode ter registros fora da validade da APAC.`
            : '';
    return (
        `**APAC:** validade fixa de 2 competências (tabela SIGTAP ${formatCompetencia(table.competencia)}, atributo 054): ` +
        `o episódio vai do início até o último dia do mês seguinte — de ${JANELA_APAC.minimo} a ${JANELA_APAC.maximo} dias conforme o dia de início ` +
        `(${aritmeticaDaMenorJanela()}; ${dm(virada.inicio)} → ${dm(virada.fim)} = ${virada.dias} dias).${alem}`
    );
}
