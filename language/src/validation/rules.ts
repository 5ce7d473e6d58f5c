/**
 * Every check of the catalogue in one place: its stable code, severity, legal basis and message.
 * Validators refer to rules by code; messages always end with the legal basis they enforce.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Rule<A extends unknown[] = never[]> {
    code: string;
    severity: Severity;
    /** Legal or normative basis cited in the message. */
    basis: string;
    message: (...args: A) => string;
}

const P3492 = 'Portaria GM/MS nº 3.492/2024';
const SIGTAP = 'Tabela SIGTAP (Portaria GM/MS nº 3.492/2024, art. 14 §2 I-II)';

function rule<A extends unknown[]>(code: string, severity: Severity, basis: string, message: (...args: A) => string): Rule<A> {
    return { code, severity, basis, message };
}

export const Rules = {
    // ── Códigos de procedimento ────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 I-II: each OCI and procedure is identified by its code in the information system.
    codigoDigito: rule('codigo/digito-verificador', 'error', `${P3492}, art. 6 §2 I-II; regra do dígito verificador SIGTAP`,
        (codigo: string, esperado: number) => `Dígito verificador inválido em ${codigo}: o dígito correto é ${esperado}`),

    // ── Cabeçalho do catálogo ─────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 caput: the rol is published and updated periodically by the Ministry.
    catalogoAusente: rule('catalogo/sem-cabecalho', 'warning', `${P3492}, art. 6 caput`,
        () => 'Arquivo sem cabeçalho "catalogo" nesta pasta ou acima: sem competência SIGTAP, as verificações contra a tabela não são feitas'),
    catalogoDuplicado: rule('catalogo/cabecalho-duplicado', 'error', `${P3492}, art. 6 caput`,
        (outro: string) => `Há outro cabeçalho "catalogo" na mesma pasta (${outro}): cada pasta tem um único catálogo`),
    // A published rol is identified by its name (the JSON schema requires one; the Ministry publishes it by name).
    catalogoNomeVazio: rule('catalogo/nome-vazio', 'error', `${P3492}, art. 6 caput`,
        () => 'O catálogo precisa de um nome: é com ele que o rol é publicado'),
    competenciaAusente: rule('catalogo/competencia-ausente', 'warning', `${P3492}, art. 6 caput e art. 14 §2 I`,
        () => 'Catálogo sem "competencia": informe a competência SIGTAP (AAAA-MM) que o rol acompanha'),
    competenciaInvalida: rule('catalogo/competencia-invalida', 'error', `${P3492}, art. 14 §2 I`,
        (valor: string) => `Competência inválida: ${valor} (use AAAA-MM, mês de 01 a 12)`),
    sigtapAusente: rule('catalogo/sigtap-ausente', 'warning', `${P3492}, art. 6 §2 I-II`,
        () => 'Catálogo sem arquivo "sigtap": procedimentos, valores e restrições não serão conferidos com a tabela'),
    sigtapErro: rule('catalogo/sigtap-invalido', 'error', `${P3492}, art. 6 §2 I-II`,
        (detalhe: string) => `Tabela SIGTAP não pôde ser lida: ${detalhe}`),
    // The zip a header names must be inside the workspace: a catalogue (a pull request) must not make the checker read other files.
    sigtapForaDoWorkspace: rule('catalogo/sigtap-fora-do-workspace', 'error', `${P3492}, art. 14 §2 I; a tabela da competência acompanha o catálogo no repositório`,
        (escrito: string, real: string, raizes: string) =>
            `O arquivo sigtap "${escrito}" (${real}) fica fora do workspace (${raizes}): a tabela SIGTAP é lida só de dentro das pastas do catálogo, ` +
            'para que a verificação seja reprodutível e um catálogo não faça ler outros arquivos. Copie o zip para dentro do repositório ou, se for intencional, ' +
            'use --sigtap-externo (linha de comando) ou a configuração oci.sigtap.permitirExterno (editor)'),
    sigtapCompetencia: rule('catalogo/competencia-divergente', 'error', `${P3492}, art. 14 §2 I`,
        (doCatalogo: string, daTabela: string) => `A competência do catálogo (${doCatalogo}) difere da competência da tabela SIGTAP (${daTabela})`),

    // ── Identidade da OCI ─────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 I: the OCI's identifying code (SIGTAP group 09).
    ociForaGrupo09: rule('oci/grupo-09', 'error', `${P3492}, art. 6 §2 I e art. 14 §2 I`,
        (codigo: string) => `O código da OCI ${codigo} não pertence ao grupo 09 (Ofertas de Cuidados Integrados) da tabela SIGTAP`),
    ociDuplicada: rule('oci/codigo-duplicado', 'error', `${P3492}, art. 6 §2 I`,
        (codigo: string, onde: string) => `A OCI ${codigo} já está definida em ${onde}: o código identifica uma única OCI`),
    ociNomeVazio: rule('oci/nome-vazio', 'error', `${P3492}, art. 6 §2`,
        () => 'A OCI precisa de um nome'),
    ociItemRepetido: rule('oci/item-repetido', 'error', `${P3492}, art. 6 §2`,
        (item: string) => `"${item}" aparece mais de uma vez nesta OCI`),
    fundamentoAusente: rule('oci/fundamento-ausente', 'info', `${P3492}, art. 6 §1`,
        () => 'OCI sem "fundamento": cite o ato que a instituiu (portaria, nota técnica)'),

    // ── Composição ────────────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 II: procedures, codes, mandatory or eventual.
    semObrigatorio: rule('oci/sem-obrigatorio', 'warning', `${P3492}, art. 6 §2 II`,
        () => 'A OCI não tem nenhum componente obrigatório'),
    componenteDuplicado: rule('oci/componente-duplicado', 'error', `${P3492}, art. 6 §2 II`,
        (codigo: string) => `O procedimento ${codigo} aparece mais de uma vez na composição da OCI`),
    frequenciaEmObrigatorio: rule('componente/frequencia-em-obrigatorio', 'error', `${P3492}, art. 6 §2 II e §3`,
        () => 'Frequência só se aplica a componente eventual: o obrigatório é sempre realizado'),
    frequenciaInvalida: rule('componente/frequencia-invalida', 'error', `${P3492}, art. 6 §3`,
        (valor: string) => `Frequência ${valor} fora do intervalo: deve ser maior que 0% e no máximo 100%`),
    quantidadeInvalida: rule('componente/quantidade-invalida', 'error', `${P3492}, art. 6 §1 e §2 II`,
        () => 'A quantidade deve ser pelo menos 1'),
    grupoVazio: rule('grupo/vazio', 'error', `${P3492}, art. 6 §2 II`,
        (nome: string) => `O grupo ${nome} não tem procedimentos`),
    grupoMembroDuplicado: rule('grupo/membro-duplicado', 'error', `${P3492}, art. 6 §2 II`,
        (codigo: string) => `O procedimento ${codigo} aparece mais de uma vez no grupo`),

    // ── Tempos ────────────────────────────────────────────────────────────
    trAusente: rule('oci/tr-ausente', 'error', `${P3492}, art. 6 §2 III`,
        () => 'Falta o tempo recomendado (tR) entre o início da OCI e o procedimento que a conclui'),
    tmAusente: rule('oci/tm-ausente', 'error', `${P3492}, art. 6 §2 IV e art. 14 §2 III`,
        () => 'Falta o tempo limite máximo (tM) de execução da OCI'),
    tempoNaoPositivo: rule('oci/tempo-nao-positivo', 'error', `${P3492}, art. 6 §2 III-IV`,
        (qual: string) => `${qual} deve ser um número positivo de dias`),
    trMaiorQueTm: rule('oci/tr-gt-tm', 'error', `${P3492}, art. 6 §2 III-IV`,
        (tr: number, tm: number) => `tR (${tr} dias) maior que tM (${tm} dias): o tempo recomendado não pode exceder o tempo máximo`),

    // ── Dados a preencher (import-sigtap) ─────────────────────────────────
    aPreencher: rule('oci/a-preencher', 'error', `${P3492}, art. 6 §2 III-V e §3`,
        (item: string) => `${item} a preencher: a tabela SIGTAP não traz este dado e o rol precisa defini-lo`),

    // ── Conclusão ─────────────────────────────────────────────────────────
    conclusaoAusente: rule('oci/conclusao-ausente', 'error', `${P3492}, art. 6 §2 III`,
        () => 'Falta "conclusao": o procedimento que conclui a OCI marca o fim do tempo recomendado (tR)'),
    conclusaoForaDaOci: rule('oci/conclusao-fora-da-oci', 'error', `${P3492}, art. 6 §2 III`,
        (alvo: string) => `O procedimento de conclusão ${alvo} não é componente desta OCI`),

    // ── Atenção remota ────────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §4: teleconsultas, teleinterconsultas, teleconsultorias e matriciamento.
    modalidadeInvalida: rule('oci/modalidade-invalida', 'warning', `${P3492}, art. 6 §4`,
        (nome: string, permitidas: string) => `Modalidade remota não prevista: ${nome} (previstas: ${permitidas})`),
    modalidadeSemProcedimento: rule('oci/modalidade-sem-procedimento', 'warning', `${P3492}, art. 6 §4`,
        (nome: string) => `A modalidade remota ${nome} foi declarada, mas nenhum componente da OCI é um procedimento de ${nome}`),
    procedimentoRemotoSemModalidade: rule('oci/procedimento-remoto-sem-modalidade', 'warning', `${P3492}, art. 6 §4`,
        (codigo: string, modalidade: string) => `O componente ${codigo} é ${modalidade}, mas a OCI não declara "remoto ${modalidade}"`),

    // ── Referência e contrarreferência ────────────────────────────────────
    contrarreferenciaAusente: rule('oci/contrarreferencia-ausente', 'error', `${P3492}, art. 5 §2`,
        () => 'A OCI deve incluir sempre contrarreferência segura e a transição para a APS ("contrarreferencia aps")'),
    contrarreferenciaDestino: rule('oci/contrarreferencia-destino', 'warning', `${P3492}, art. 5 §2`,
        (destino: string) => `A contrarreferência aponta para ${destino}, mas a OCI deve prever sempre a transição para a Atenção Primária (destino aps)`),

    // ── Procedimentos na tabela SIGTAP ────────────────────────────────────
    procedimentoInexistente: rule('procedimento/inexistente', 'error', `${P3492}, art. 6 §2 II; ${SIGTAP}`,
        (codigo: string, competencia: string) => `O procedimento ${codigo} não existe na tabela SIGTAP da competência ${competencia}`),
    procedimentoGrupo09: rule('procedimento/grupo-09', 'error', `${P3492}, art. 5 §1 e art. 6 §2 II`,
        (codigo: string) => `${codigo} é uma OCI (grupo 09): uma OCI é composta de procedimentos, não de outras OCI`),
    procedimentoNome: rule('procedimento/nome-divergente', 'warning', `${P3492}, art. 6 §2 II`,
        (escrito: string, tabela: string) => `O nome "${escrito}" difere do nome na tabela SIGTAP: "${tabela}"`),
    procedimentoQtMaxima: rule('procedimento/qt-maxima', 'warning', `${P3492}, art. 6 §2 II; ${SIGTAP} (QT_MAXIMA_EXECUCAO)`,
        (codigo: string, qt: number, maxima: number, fonte: string) => `Quantidade ${qt} de ${codigo} excede a quantidade máxima da tabela SIGTAP (${maxima}, ${fonte})`),
    procedimentoSexo: rule('procedimento/sexo-incompativel', 'error', `${P3492}, art. 6 §2 II; ${SIGTAP} (TP_SEXO)`,
        (codigo: string, publico: string, permitido: string) => `${codigo} é restrito a sexo ${permitido} na tabela SIGTAP, mas o público da OCI é ${publico}`),
    procedimentoIdade: rule('procedimento/idade-incompativel', 'error', `${P3492}, art. 6 §2 II; ${SIGTAP} (VL_IDADE_MINIMA/MAXIMA)`,
        (codigo: string, publico: string, permitido: string) => `Nenhuma idade do público da OCI (${publico}) está na faixa de ${codigo} na tabela SIGTAP (${permitido})`),
    procedimentoIdadeParcial: rule('procedimento/idade-parcial', 'info', `${P3492}, art. 6 §2 II; ${SIGTAP} (VL_IDADE_MINIMA/MAXIMA)`,
        (codigo: string, publico: string, permitido: string) => `${codigo} só pode ser registrado para parte do público da OCI (${publico}): faixa na tabela SIGTAP ${permitido}`),
    procedimentoSexoParcial: rule('procedimento/sexo-parcial', 'info', `${P3492}, art. 6 §2 II; ${SIGTAP} (TP_SEXO)`,
        (codigo: string, permitido: string) => `${codigo} é restrito a sexo ${permitido} na tabela SIGTAP: só parte do público da OCI pode recebê-lo`),
    cidInexistente: rule('cid/inexistente', 'warning', `${P3492}, art. 6 §2 II; ${SIGTAP} (tb_cid)`,
        (cid: string) => `CID ${cid} não existe na tabela SIGTAP da competência`),
    idadeInvalida: rule('publico/idade-invalida', 'error', `${P3492}, art. 6 §2 II`,
        (detalhe: string) => `Faixa etária inválida: ${detalhe}`),

    // ── Valor ─────────────────────────────────────────────────────────────
    valorFormato: rule('valor/formato', 'error', `${P3492}, art. 6 §2 V`,
        (texto: string) => `Valor mal escrito: ${texto} (use R$ 1.234,56)`),
    valorCasasDecimais: rule('valor/casas-decimais', 'error', `${P3492}, art. 6 §2 V`,
        (texto: string) => `Valor com mais de duas casas decimais: ${texto}`),
    // The catalogue publishes money as integer centavos (JSON numbers): beyond this a value would not be exact.
    valorLimite: rule('valor/limite', 'error', `${P3492}, art. 6 §2 V`,
        (valor: string, limite: string) => `Valor ${valor} acima do limite de ${limite}: confira o número (o catálogo publica valores exatos em centavos)`),
    valorEstimativaIndisponivel: rule('valor/estimativa-indisponivel', 'warning', `${P3492}, art. 6 §3`,
        (alvo: string) => `Sem estimativa para ${alvo} e sem valor na tabela SIGTAP: informe "estimativa R$ …" para calcular o valor da OCI`),
    // Origin: tabela SIGTAP — the default estimate is the procedure's VL_SA; R$ 0,00 there is official data, so only noted.
    valorEstimativaZero: rule('valor/estimativa-zero', 'info', `${P3492}, art. 6 §3; ${SIGTAP} (VL_SA)`,
        (alvo: string) => `A estimativa omitida de ${alvo} é o VL_SA da tabela SIGTAP, R$ 0,00: a linha conta zero no valor da OCI; informe "estimativa R$ …" se houver custo`),
    valorAusente: rule('valor/ausente', 'warning', `${P3492}, art. 6 §2 V`,
        (calculado: string) => `A OCI não declara "valor"; o valor calculado é ${calculado}`),
    valorDivergente: rule('valor/divergente', 'warning', `${P3492}, art. 6 §2 V e §3`,
        (declarado: string, calculado: string, diferenca: string) => `Valor declarado ${declarado} difere do valor calculado ${calculado} (diferença ${diferenca})`),
    tecnologiaDuplicada: rule('tecnologia/uso-duplicado', 'error', `${P3492}, art. 6 §3`,
        (nome: string) => `A tecnologia ${nome} aparece mais de uma vez na OCI`),
    percentualInvalido: rule('tecnologia/percentual-invalido', 'error', `${P3492}, art. 6 §3`,
        (valor: string) => `Percentual ${valor} inválido: deve ser maior que 0% e no máximo 100%`),

    // ── Conciliação com a linha da OCI na tabela SIGTAP ───────────────────
    sigtapOciAusente: rule('sigtap/oci-ausente', 'info', SIGTAP,
        (codigo: string, competencia: string) => `A OCI ${codigo} não existe na tabela SIGTAP ${competencia} (proposta nova ou revogada)`),
    sigtapNome: rule('sigtap/nome', 'warning', SIGTAP,
        (tabela: string) => `O nome da OCI difere da tabela SIGTAP: "${tabela}"`),
    sigtapComponenteAusente: rule('sigtap/componente-ausente', 'warning', SIGTAP,
        (codigo: string, tipo: string) => `A tabela SIGTAP tem ${codigo} como componente ${tipo} desta OCI, mas o catálogo não o inclui`),
    sigtapComponenteExtra: rule('sigtap/componente-extra', 'warning', SIGTAP,
        (codigo: string) => `${codigo} não é compatível com esta OCI na tabela SIGTAP`),
    sigtapObrigatoriedade: rule('sigtap/obrigatoriedade', 'warning', SIGTAP,
        (codigo: string, catalogo: string, tabela: string) => `${codigo} é ${catalogo} no catálogo e ${tabela} na tabela SIGTAP`),
    sigtapQuantidade: rule('sigtap/quantidade', 'warning', `${SIGTAP} (QT_PERMITIDA)`,
        (codigo: string, catalogo: number, tabela: number) => `Quantidade de ${codigo}: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`),
    sigtapValor: rule('sigtap/valor', 'warning', `${SIGTAP} (VL_SA)`,
        (catalogo: string, tabela: string) => `Valor declarado ${catalogo} difere do valor da OCI na tabela SIGTAP (${tabela})`),
    sigtapSexo: rule('sigtap/sexo', 'warning', `${SIGTAP} (TP_SEXO)`,
        (catalogo: string, tabela: string) => `Sexo do público: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`),
    sigtapIdade: rule('sigtap/idade', 'warning', `${SIGTAP} (VL_IDADE_MINIMA/MAXIMA)`,
        (catalogo: string, tabela: string) => `Faixa etária: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`),
    sigtapCidAusente: rule('sigtap/cid-ausente', 'warning', `${SIGTAP} (rl_procedimento_cid)`,
        (cids: string) => `CIDs da tabela SIGTAP ausentes no catálogo: ${cids}`),
    sigtapCidExtra: rule('sigtap/cid-extra', 'warning', `${SIGTAP} (rl_procedimento_cid)`,
        (cid: string) => `CID ${cid} não está associado a esta OCI na tabela SIGTAP`),
} as const;

export type RuleName = keyof typeof Rules;

/** All rules by code, for hover of a diagnostic, documentation and tests. */
export const RulesByCode: ReadonlyMap<string, Rule<unknown[]>> = new Map(
    Object.values(Rules).map(r => [r.code, r as unknown as Rule<unknown[]>])
);

/** The full text of a diagnostic: message and the legal basis it cites. */
export function ruleText<A extends unknown[]>(r: Rule<A>, ...args: A): string {
    return `${r.message(...args)} — ${r.basis}`;
}
