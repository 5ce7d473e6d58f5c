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

/** An entry with its status, the note (why) and the computations that implement it. */
function entrada(situacao: Situacao) {
    return (nota?: string, ...calculos: Calculo[]): Cobertura => ({
        situacao,
        ...(nota === undefined ? {} : { nota }),
        ...(calculos.length > 0 ? { calculos } : {})
    });
}
const implementado = entrada('implementado');
const parcial = entrada('parcial');
const pendente = entrada('pendente');
const naoVerificavel = entrada('não verificável');
const naoSeAplica = entrada('não se aplica');

export const COBERTURA: Readonly<Record<string, Cobertura>> = {
    // ── Portaria GM/MS nº 3.492/2024 ─────────────────────────────────────
    '3492/1': naoSeAplica(PROGRAMATICO),
    '3492/2': naoSeAplica(PROGRAMATICO),
    '3492/3': naoSeAplica(PROGRAMATICO),
    '3492/4': naoSeAplica(PROGRAMATICO),
    '3492/5': naoSeAplica('define o modelo de organização (a OCI), que a própria linguagem do catálogo descreve'),
    '3492/5/§1': parcial(
        'confere-se que a OCI é feita de procedimentos (não de outras OCI); se o conjunto "conclui uma etapa na linha de cuidado" é juízo clínico, sem dado no catálogo'
    ),
    '3492/5/§2': parcial(
        'a contrarreferência e a transição para a APS ("sempre") são conferidas; a "referência segura" não tem dado no catálogo — seria preciso a regra de acesso/regulação de cada OCI'
    ),
    '3492/5/§3': naoSeAplica('o Ministério disponibiliza notas técnicas e protocolos: ato do Ministério'),
    '3492/6': parcial(
        'o rol é publicado (build: JSON, CSV, HTML) e versionado por competência SIGTAP; que seja definido e atualizado pelo Ministério é ato do Ministério',
        ROL
    ),
    '3492/6/§1': naoVerificavel(
        'parâmetros assistenciais baseados em evidências: o catálogo não os traz; seria preciso a nota técnica de cada OCI com seus parâmetros e o quantitativo recomendado'
    ),
    '3492/6/§2': implementado('pelos incisos'),
    '3492/6/§3': implementado(
        'valor = estimativas dos procedimentos (VL_SA da tabela quando omitida) + custos de tecnologias',
        VALOR
    ),
    '3492/7': naoSeAplica('contratualização dos gestores com os prestadores: fora dos arquivos do projeto'),
    '3492/8': implementado('pelos incisos'),
    '3492/8/§1': naoVerificavel(
        'quem elabora o PAR e a discussão na CIR: o .par não registra autoria nem a ata da CIR; seria preciso a ata (data, pauta) da CIR'
    ),
    '3492/8/§3': naoVerificavel('envio pelo SAIPS: seria preciso o número da proposta no SAIPS'),
    '3492/9': implementado('pelos incisos'),
    '3492/9/VIII': parcial(
        'responsabilidades do Estado e dos municípios são conferidas; as de cada município participante, uma a uma, são o item 4 (art. 9 VIII) da issue 20'
    ),
    '3492/9/§único': naoSeAplica('o Ministério publica o Roteiro para Elaboração do PAR'),
    '3492/10': naoSeAplica(
        'eixos da PNAES que orientam a implementação: diretrizes sem dado nos arquivos (a gestão da conclusão no tR, §4 I, é medida pela auditoria do art. 14 §2 III)'
    ),
    '3492/11': implementado('a aprovação é ato da SAES; o .par traz sua data, e a resolução da CIB deve precedê-la'),
    '3492/11/§único': naoSeAplica('esclarecimentos pedidos pela SAES no SAIPS: ato do Ministério'),
    '3492/12': naoSeAplica('o NGR e seus dispositivos de apoio são estruturas de gestão, sem dado nos arquivos'),
    '3492/12/VI': implementado(
        'a auditoria da produção mede a realização das OCI no tempo (tR/tM) e com o escopo total',
        AUDITORIA
    ),
    '3492/13': naoSeAplica('indicadores definidos no GT tripartite e monitorados na CIB e na CIT'),
    '3492/14': naoSeAplica(PROGRAMATICO),
    '3492/14/§1': naoVerificavel(
        'fila individualizada por CPF, consolidada por UF: o PAR declara as filas (art. 9 IV) mas não as traz; seria preciso o arquivo da fila (CPF, data de entrada, conjunto de procedimentos)'
    ),
    '3492/14/§2': implementado('pelos incisos', AUDITORIA),
    '3492/14/§2/III': implementado(undefined, AUDITORIA),
    '3492/14/§2/IV': implementado(undefined, AUDITORIA),
    '3492/14/§3': naoSeAplica('uso das informações pela SAES'),
    '3492/15': implementado('o incentivo do PAR é calculado', INCENTIVO_PAR),
    '3492/15/§1': implementado(
        'faixas por população de abrangência; a lacuna de exatamente 500.000 habitantes é sinalizada',
        INCENTIVO_PAR
    ),
    '3492/15/§2': implementado('duas parcelas de 50%', INCENTIVO_PAR),
    '3492/15/§2/I': implementado(
        'a 1ª parcela fica pendente até o conteúdo mínimo completo e as datas da CIB e da SAES válidas, em ordem e não futuras',
        INCENTIVO_PAR
    ),
    '3492/15/§2/II': parcial(
        'conta 50% da produção financeira prevista executada; contar só as OCI concluídas adequadamente (arts. 12 VI, 14 §2 III-IV, 16 I) é o item 4a da issue 20',
        INCENTIVO_PAR,
        EXECUCAO_PAR
    ),
    '3492/15/§4': naoVerificavel('disponibilidade orçamentária e financeira do Ministério: dado do FNS'),
    '3492/15/§5': naoVerificavel(
        'publicação da portaria de aprovação: seria preciso o número e a data da portaria no .par'
    ),
    '3492/16': parcial(
        'recurso calculado pela produção aprovada: a auditoria apura a realização e a conclusão adequada; o cálculo do recurso depende da portaria que o art. 16 anuncia',
        AUDITORIA
    ),
    '3492/16/I': parcial(
        'a auditoria apura a conclusão adequada por episódio; a "aprovação" da produção no SIA/SUS é dado do SIA (arquivo de produção aprovado)',
        AUDITORIA
    ),
    '3492/16/II': naoVerificavel('avaliação da implementação dos compromissos do PAR: sem critério publicado'),
    '3492/16/§1': parcial(
        'registro em APAC conferido (número, UF, dígito verificador; OCI fora de APAC); a "numeração específica" ainda não foi publicada (--digito-tipo-apac quando for)',
        AUDITORIA
    ),
    '3492/16/§2': naoVerificavel('parâmetros territoriais ainda a pactuar de forma tripartite'),
    '3492/17': naoSeAplica('grupos condutores: estrutura de governança'),
    '3492/18': naoSeAplica('transferências do FNS'),
    '3492/19': naoSeAplica('dotação orçamentária'),
    '3492/20': naoSeAplica('prestação de contas no RAG'),
    '3492/21': implementado('vigência na publicação (11/04/2024): datas do PAR anteriores a ela são erro'),

    // ── Portaria GM/MS nº 1.997/2023 (Sala de Estabilização) ─────────────
    '1997/65/IV': naoVerificavel(
        'SE preferencialmente em Hospital de Pequeno Porte com até 50 leitos, fora da área de UPA 24h: seria preciso o tipo e os leitos do estabelecimento no CNES e as UPA 24h por município'
    ),
    '1997/878-A': implementado('incentivo mensal de R$ 50.000,00', INCENTIVO_SE),
    '1997/878-A/§1': implementado(
        'R$ 65.000,00 na Amazônia Legal (base de municípios do projeto; casos no meridiano 44° W sinalizados)',
        INCENTIVO_SE
    ),
    '1997/878-A/§3': pendente('ordem CIR → CIB → SES: item 4 (878-A §3) da issue 20'),
    '1997/878-A/§4': implementado('documentos dos incisos conferidos'),
    '1997/878-A/§6': naoSeAplica('bloco de financiamento do recurso'),
    '1997/878-A/§7': naoSeAplica('complementação pelos entes, pactuada na CIB'),
    '1997/878-A/§8': parcial(
        'sem SAMU 192, o termo do §4 VII é exigido; a declaração de transporte adequado do §8 é item da issue 20'
    ),
    '1997/878-A/§9': implementado('CNES conferido; cada mês sem produção no SIA/SUS é aviso', INCENTIVO_SE),
    '1997/878-A/§10': implementado('três competências consecutivas sem registro no SIA/SUS', INCENTIVO_SE, AUDITORIA),
    '1997/878-A/§11': naoSeAplica('visita técnica do Ministério'),
    '1997/878-A/§12': naoSeAplica('portaria do procedimento de homologação'),
    '1997/4': pendente('o incentivo da SE só a partir de 120 dias da publicação da portaria: item 4 da issue 20')
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
