/**
 * How far the project implements each dispositivo of ./dispositivos.ts — the part of
 * docs/legal/matriz.md that cannot be derived from the rules. The rules that apply a dispositivo
 * come from the registries (their fundamento); here: the status when it is not simply
 * "implemented by its rules", the reason, the data that would make it checkable, and the
 * computations (not rules) that implement it, with their tests.
 *
 * An entry for an article ("3492/10") covers its paragraphs and incisos unless one of them has its
 * own entry. A dispositivo with rules and no entry is `implementado`; one with neither fails
 * test/legal/matriz.test.ts.
 */

export type Situacao = 'implementado' | 'parcial' | 'pendente' | 'não verificável' | 'não se aplica';

export interface Calculo {
    /** Module of the computation (from the repository root). */
    modulo: string;
    /** Test files that check it. */
    testes: string[];
}

export interface Cobertura {
    situacao: Situacao;
    /** Why (partial, pending, not checkable: which data would make it checkable; not applicable: why). */
    nota?: string;
    calculos?: Calculo[];
}

const PROGRAMATICO =
    'dispositivo programático ou de organização do Programa: nada num catálogo, num PAR, numa habilitação de SE ou num arquivo de produção o satisfaz ou viola';

const VALOR: Calculo = { modulo: 'language/src/value/engine.ts', testes: ['test/language/value-engine.test.ts'] };
const INCENTIVO_PAR: Calculo = {
    modulo: 'language/src/plano/incentivo-par.ts',
    testes: ['test/plano/incentivo.test.ts']
};
const EXECUCAO_PAR: Calculo = { modulo: 'language/src/plano/execucao-par.ts', testes: ['test/plano/execucao.test.ts'] };
const INCENTIVO_SE: Calculo = {
    modulo: 'language/src/plano/incentivo-se.ts',
    testes: ['test/plano/incentivo.test.ts']
};
const AUDITORIA: Calculo = { modulo: 'language/src/audit/sql.ts', testes: ['test/audit/exatidao.test.ts'] };
const ROL: Calculo = { modulo: 'language/src/generator/catalogo-json.ts', testes: ['test/examples.test.ts'] };

export const COBERTURA: Readonly<Record<string, Cobertura>> = {
    // ── Portaria GM/MS nº 3.492/2024 ─────────────────────────────────────
    '3492/1': { situacao: 'não se aplica', nota: PROGRAMATICO },
    '3492/2': { situacao: 'não se aplica', nota: PROGRAMATICO },
    '3492/3': { situacao: 'não se aplica', nota: PROGRAMATICO },
    '3492/4': { situacao: 'não se aplica', nota: PROGRAMATICO },
    '3492/5': {
        situacao: 'não se aplica',
        nota: 'define o modelo de organização (a OCI), que a própria linguagem do catálogo descreve'
    },
    '3492/5/§1': {
        situacao: 'parcial',
        nota: 'confere-se que a OCI é feita de procedimentos (não de outras OCI); se o conjunto "conclui uma etapa na linha de cuidado" é juízo clínico, sem dado no catálogo'
    },
    '3492/5/§2': {
        situacao: 'parcial',
        nota: 'a contrarreferência e a transição para a APS ("sempre") são conferidas; a "referência segura" não tem dado no catálogo — seria preciso a regra de acesso/regulação de cada OCI'
    },
    '3492/5/§3': {
        situacao: 'não se aplica',
        nota: 'o Ministério disponibiliza notas técnicas e protocolos: ato do Ministério'
    },
    '3492/6': {
        situacao: 'parcial',
        nota: 'o rol é publicado (build: JSON, CSV, HTML) e versionado por competência SIGTAP; que seja definido e atualizado pelo Ministério é ato do Ministério',
        calculos: [ROL]
    },
    '3492/6/§1': {
        situacao: 'não verificável',
        nota: 'parâmetros assistenciais baseados em evidências: o catálogo não os traz; seria preciso a nota técnica de cada OCI com seus parâmetros e o quantitativo recomendado'
    },
    '3492/6/§2': { situacao: 'implementado', nota: 'pelos incisos' },
    '3492/6/§3': {
        situacao: 'implementado',
        nota: 'valor = estimativas dos procedimentos (VL_SA da tabela quando omitida) + custos de tecnologias',
        calculos: [VALOR]
    },
    '3492/7': {
        situacao: 'não se aplica',
        nota: 'contratualização dos gestores com os prestadores: fora dos arquivos do projeto'
    },
    '3492/8': { situacao: 'implementado', nota: 'pelos incisos' },
    '3492/8/§1': {
        situacao: 'não verificável',
        nota: 'quem elabora o PAR e a discussão na CIR: o .par não registra autoria nem a ata da CIR; seria preciso a ata (data, pauta) da CIR'
    },
    '3492/8/§3': { situacao: 'não verificável', nota: 'envio pelo SAIPS: seria preciso o número da proposta no SAIPS' },
    '3492/9': { situacao: 'implementado', nota: 'pelos incisos' },
    '3492/9/VIII': {
        situacao: 'parcial',
        nota: 'responsabilidades do Estado e dos municípios são conferidas; as de cada município participante, uma a uma, são o item 4 (art. 9 VIII) da issue 20'
    },
    '3492/9/§único': { situacao: 'não se aplica', nota: 'o Ministério publica o Roteiro para Elaboração do PAR' },
    '3492/10': {
        situacao: 'não se aplica',
        nota: 'eixos da PNAES que orientam a implementação: diretrizes sem dado nos arquivos (a gestão da conclusão no tR, §4 I, é medida pela auditoria do art. 14 §2 III)'
    },
    '3492/11': {
        situacao: 'implementado',
        nota: 'a aprovação é ato da SAES; o .par traz sua data, e a resolução da CIB deve precedê-la'
    },
    '3492/11/§único': {
        situacao: 'não se aplica',
        nota: 'esclarecimentos pedidos pela SAES no SAIPS: ato do Ministério'
    },
    '3492/12': {
        situacao: 'não se aplica',
        nota: 'o NGR e seus dispositivos de apoio são estruturas de gestão, sem dado nos arquivos'
    },
    '3492/12/VI': {
        situacao: 'implementado',
        nota: 'a auditoria da produção mede a realização das OCI no tempo (tR/tM) e com o escopo total',
        calculos: [AUDITORIA]
    },
    '3492/13': {
        situacao: 'não se aplica',
        nota: 'indicadores definidos no GT tripartite e monitorados na CIB e na CIT'
    },
    '3492/14': { situacao: 'não se aplica', nota: PROGRAMATICO },
    '3492/14/§1': {
        situacao: 'não verificável',
        nota: 'fila individualizada por CPF, consolidada por UF: o PAR declara as filas (art. 9 IV) mas não as traz; seria preciso o arquivo da fila (CPF, data de entrada, conjunto de procedimentos)'
    },
    '3492/14/§2': { situacao: 'implementado', nota: 'pelos incisos', calculos: [AUDITORIA] },
    '3492/14/§2/III': { situacao: 'implementado', calculos: [AUDITORIA] },
    '3492/14/§2/IV': { situacao: 'implementado', calculos: [AUDITORIA] },
    '3492/14/§3': { situacao: 'não se aplica', nota: 'uso das informações pela SAES' },
    '3492/15': { situacao: 'implementado', nota: 'o incentivo do PAR é calculado', calculos: [INCENTIVO_PAR] },
    '3492/15/§1': {
        situacao: 'implementado',
        nota: 'faixas por população de abrangência; a lacuna de exatamente 500.000 habitantes é sinalizada',
        calculos: [INCENTIVO_PAR]
    },
    '3492/15/§2': { situacao: 'implementado', nota: 'duas parcelas de 50%', calculos: [INCENTIVO_PAR] },
    '3492/15/§2/I': {
        situacao: 'implementado',
        nota: 'a 1ª parcela fica pendente até o conteúdo mínimo completo e as datas da CIB e da SAES válidas, em ordem e não futuras',
        calculos: [INCENTIVO_PAR]
    },
    '3492/15/§2/II': {
        situacao: 'parcial',
        nota: 'conta 50% da produção financeira prevista executada; contar só as OCI concluídas adequadamente (arts. 12 VI, 14 §2 III-IV, 16 I) é o item 4a da issue 20',
        calculos: [INCENTIVO_PAR, EXECUCAO_PAR]
    },
    '3492/15/§4': {
        situacao: 'não verificável',
        nota: 'disponibilidade orçamentária e financeira do Ministério: dado do FNS'
    },
    '3492/15/§5': {
        situacao: 'não verificável',
        nota: 'publicação da portaria de aprovação: seria preciso o número e a data da portaria no .par'
    },
    '3492/16': {
        situacao: 'parcial',
        nota: 'recurso calculado pela produção aprovada: a auditoria apura a realização e a conclusão adequada; o cálculo do recurso depende da portaria que o art. 16 anuncia',
        calculos: [AUDITORIA]
    },
    '3492/16/I': {
        situacao: 'parcial',
        nota: 'a auditoria apura a conclusão adequada por episódio; a "aprovação" da produção no SIA/SUS é dado do SIA (arquivo de produção aprovado)',
        calculos: [AUDITORIA]
    },
    '3492/16/II': {
        situacao: 'não verificável',
        nota: 'avaliação da implementação dos compromissos do PAR: sem critério publicado'
    },
    '3492/16/§1': {
        situacao: 'parcial',
        nota: 'registro em APAC conferido (número, UF, dígito verificador; OCI fora de APAC); a "numeração específica" ainda não foi publicada (--digito-tipo-apac quando for)',
        calculos: [AUDITORIA]
    },
    '3492/16/§2': { situacao: 'não verificável', nota: 'parâmetros territoriais ainda a pactuar de forma tripartite' },
    '3492/17': { situacao: 'não se aplica', nota: 'grupos condutores: estrutura de governança' },
    '3492/18': { situacao: 'não se aplica', nota: 'transferências do FNS' },
    '3492/19': { situacao: 'não se aplica', nota: 'dotação orçamentária' },
    '3492/20': { situacao: 'não se aplica', nota: 'prestação de contas no RAG' },
    '3492/21': {
        situacao: 'implementado',
        nota: 'vigência na publicação (11/04/2024): datas do PAR anteriores a ela são erro'
    },

    // ── Portaria GM/MS nº 1.997/2023 (Sala de Estabilização) ─────────────
    '1997/65/IV': {
        situacao: 'não verificável',
        nota: 'SE preferencialmente em Hospital de Pequeno Porte com até 50 leitos, fora da área de UPA 24h: seria preciso o tipo e os leitos do estabelecimento no CNES e as UPA 24h por município'
    },
    '1997/878-A': { situacao: 'implementado', nota: 'incentivo mensal de R$ 50.000,00', calculos: [INCENTIVO_SE] },
    '1997/878-A/§1': {
        situacao: 'implementado',
        nota: 'R$ 65.000,00 na Amazônia Legal (base de municípios do projeto; casos no meridiano 44° W sinalizados)',
        calculos: [INCENTIVO_SE]
    },
    '1997/878-A/§3': { situacao: 'pendente', nota: 'ordem CIR → CIB → SES: item 4 (878-A §3) da issue 20' },
    '1997/878-A/§4': { situacao: 'implementado', nota: 'documentos dos incisos conferidos' },
    '1997/878-A/§6': { situacao: 'não se aplica', nota: 'bloco de financiamento do recurso' },
    '1997/878-A/§7': { situacao: 'não se aplica', nota: 'complementação pelos entes, pactuada na CIB' },
    '1997/878-A/§8': {
        situacao: 'parcial',
        nota: 'sem SAMU 192, o termo do §4 VII é exigido; a declaração de transporte adequado do §8 é item da issue 20'
    },
    '1997/878-A/§9': {
        situacao: 'implementado',
        nota: 'CNES conferido; cada mês sem produção no SIA/SUS é aviso',
        calculos: [INCENTIVO_SE]
    },
    '1997/878-A/§10': {
        situacao: 'implementado',
        nota: 'três competências consecutivas sem registro no SIA/SUS',
        calculos: [INCENTIVO_SE, AUDITORIA]
    },
    '1997/878-A/§11': { situacao: 'não se aplica', nota: 'visita técnica do Ministério' },
    '1997/878-A/§12': { situacao: 'não se aplica', nota: 'portaria do procedimento de homologação' },
    '1997/4': {
        situacao: 'pendente',
        nota: 'o incentivo da SE só a partir de 120 dias da publicação da portaria: item 4 da issue 20'
    }
};

/** The entry that covers a key: its own, or the nearest enclosing one (paragraph, then article). */
export function coberturaDe(chave: string): { chave: string; cobertura: Cobertura } | undefined {
    const partes = chave.split('/');
    for (let n = partes.length; n >= 2; n--) {
        const k = partes.slice(0, n).join('/');
        if (COBERTURA[k]) return { chave: k, cobertura: COBERTURA[k] };
    }
    return undefined;
}
