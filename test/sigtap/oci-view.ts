/** Renders a table's OCI in the oracle's shape (snake_case names, joined code + name). */
import { formatCodigo } from '../../language/src/sigtap/codigo.js';
import type { SigtapTable } from '../../language/src/sigtap/types.js';
import type { OracleOci } from './fixtures.js';

export function asOracle(table: SigtapTable, codigo: string): OracleOci | undefined {
    const oci = table.oci(codigo);
    if (!oci) return undefined;
    return {
        codigo: oci.codigo,
        codigo_formatado: formatCodigo(oci.codigo),
        nome: oci.nome,
        subgrupo: `${oci.subgrupo.codigo} ${oci.subgrupo.nome}`,
        forma_organizacao: `${oci.formaOrganizacao.codigo} ${oci.formaOrganizacao.nome}`,
        descricao: oci.descricao,
        tp_complexidade: oci.complexidade,
        tp_sexo: oci.sexo,
        qt_maxima_execucao: oci.qtMaximaExecucao,
        idade_minima_meses: oci.idadeMinimaMeses,
        idade_maxima_meses: oci.idadeMaximaMeses,
        vl_sa_centavos: oci.vlSaCentavos,
        vl_sh_centavos: oci.vlShCentavos,
        vl_sp_centavos: oci.vlSpCentavos,
        co_financiamento: oci.financiamento,
        co_rubrica: oci.rubrica,
        dt_competencia: oci.competencia,
        instrumentos_registro: oci.instrumentosRegistro,
        atributos_complementares: oci.atributosComplementares,
        regras_condicionadas: oci.regrasCondicionadas,
        habilitacoes: oci.habilitacoes,
        cids: oci.cids,
        cbos: oci.cbos,
        procedimentos_secundarios: oci.componentes.map(c => {
            const p = table.procedimentos.get(c.codigo);
            return {
                codigo: c.codigo,
                codigo_formatado: formatCodigo(c.codigo),
                nome: p?.nome ?? '',
                tp_compatibilidade: c.tpCompatibilidade,
                tipo: c.tipo,
                qt_permitida: c.qtPermitida,
                registro_principal: c.registroPrincipal,
                registro_compativel: c.registroCompativel,
                valor_sa_centavos: p?.vlSaCentavos ?? -1,
                registros_do_secundario: [...table.registrosPorProcedimento(c.codigo)]
            };
        })
    };
}
