/**
 * Every check of the catalogue in one place: its stable code, severity, legal basis and message.
 * Validators refer to rules by code; messages always end with the legal basis they enforce.
 */

import { convencao, ferramenta, lei, tabelaSigtap, textoDoFundamento, type Fundamento } from '../legal/fundamento.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Rule<A extends unknown[] = never[]> {
    code: string;
    severity: Severity;
    /** Legal or normative basis cited in the message, derived from `fundamento`. */
    basis: string;
    /** Origin (lei, tabela SIGTAP, convenção, ferramenta) and the dispositivos applied: ../legal/fundamento.ts. */
    fundamento: Fundamento;
    message: (...args: A) => string;
    /** How the editor shows the rule, when it differs from the CLI and CI (docs/editor.md). */
    editorPresentation?: EditorPresentation;
}

/**
 * The editor's presentation of a rule: all its diagnostics of one element (OCI, grupo, catalogue
 * header) shown as one diagnostic of `severity` on the element's name, listing what they found
 * (server/src/diagnostic-presentation.ts). The CLI, CI and publication keep each diagnostic at the
 * rule's own severity: an error still blocks `build` and the editor's "Gerar catálogo".
 */
export interface EditorPresentation {
    severity: Severity;
    groupBy: 'element';
}

/**
 * A rule: its code, severity, fundamento — origin and dispositivos (keys of ../legal/dispositivos.ts),
 * written next to each rule below — and message. The basis the message ends with is derived from
 * the fundamento; test/legal/fundamentos.test.ts checks every fundamento against the texts.
 */
function rule<A extends unknown[]>(
    code: string,
    severity: Severity,
    fundamento: Fundamento,
    message: (...args: A) => string,
    options: { editorPresentation?: EditorPresentation } = {}
): Rule<A> {
    return { code, severity, basis: textoDoFundamento(fundamento), fundamento, message, ...options };
}

export const Rules = {
    // ── Códigos de procedimento ────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 I-II: each OCI and procedure is identified by its code in the information system.
    codigoDigito: rule(
        'codigo/digito-verificador',
        'error',
        tabelaSigtap('dígito verificador do código de procedimento', '3492/6/§2/I', '3492/6/§2/II'),
        (codigo: string, esperado: number) => `Dígito verificador inválido em ${codigo}: o dígito correto é ${esperado}`
    ),

    // ── Arquivo ───────────────────────────────────────────────────────────
    // A file that is not UTF-8 would be read as other characters: nothing of it is checked or published
    // (workspace/source-encoding.ts).
    arquivoCodificacao: rule(
        'arquivo/codificacao',
        'error',
        ferramenta(
            'os arquivos-fonte (.oci, .par, .se) são texto UTF-8: lidos em outra codificação, nomes e valores mudariam sem aviso'
        ),
        // Short for the Problems panel; what it means (nothing of the file is checked) is in the basis.
        (byte: string, linha: number, coluna: number, codificacao: string, _comoCaractere: string) =>
            `Arquivo fora de UTF-8: byte ${byte} na linha ${linha}, coluna ${coluna} (parece ${codificacao}); salve-o em UTF-8`
    ),

    // ── Cabeçalho do catálogo ─────────────────────────────────────────────
    // Tooling: the header names the competência and the SIGTAP table the catalogue is checked against.
    catalogoAusente: rule(
        'catalogo/sem-cabecalho',
        'warning',
        ferramenta('sem o cabeçalho não há competência nem tabela SIGTAP para conferir'),
        () => 'Sem cabeçalho "catalogo" nesta pasta ou acima: nada é conferido com a tabela SIGTAP'
    ),
    catalogoDuplicado: rule(
        'catalogo/cabecalho-duplicado',
        'error',
        ferramenta('cada pasta tem um único cabeçalho de catálogo'),
        (outro: string) => `Há outro cabeçalho "catalogo" na mesma pasta (${outro}): cada pasta tem um único catálogo`
    ),
    // A published rol is identified by its name (the JSON schema requires one; the Ministry publishes it by name).
    catalogoNomeVazio: rule(
        'catalogo/nome-vazio',
        'error',
        ferramenta('o rol é publicado com um nome (esquema do JSON publicado)', '3492/6'),
        () => 'O catálogo precisa de um nome: é com ele que o rol é publicado'
    ),
    competenciaAusente: rule(
        'catalogo/competencia-ausente',
        'warning',
        ferramenta('a competência diz qual tabela SIGTAP o rol acompanha'),
        () => 'Catálogo sem "competencia": informe a competência SIGTAP (AAAA-MM) que o rol acompanha'
    ),
    competenciaInvalida: rule(
        'catalogo/competencia-invalida',
        'error',
        ferramenta('a competência é escrita AAAA-MM'),
        (valor: string) => `Competência inválida: ${valor} (use AAAA-MM, mês de 01 a 12)`
    ),
    sigtapAusente: rule(
        'catalogo/sigtap-ausente',
        'warning',
        ferramenta('sem a tabela SIGTAP as verificações contra ela não são feitas'),
        () => 'Catálogo sem arquivo "sigtap": procedimentos, valores e restrições não serão conferidos com a tabela'
    ),
    sigtapErro: rule(
        'catalogo/sigtap-invalido',
        'error',
        ferramenta('a tabela SIGTAP informada precisa ser legível'),
        (detalhe: string) => `Tabela SIGTAP não pôde ser lida: ${detalhe}`
    ),
    // The zip a header names must be inside the workspace: a catalogue (a pull request) must not make the checker read
    // other files.
    sigtapForaDoWorkspace: rule(
        'catalogo/sigtap-fora-do-workspace',
        'error',
        ferramenta(
            'a tabela da competência é lida só de dentro do repositório do catálogo, para a verificação ser reprodutível e segura'
        ),
        // Short for the Problems panel; the why is the basis above (CLI output, hover, docs link).
        (escrito: string, _real: string, raizes: string) =>
            `sigtap "${escrito}" fora do workspace (${raizes}): copie o zip para dentro, ou --sigtap-externo / oci.sigtap.permitirExterno`
    ),
    sigtapCompetencia: rule(
        'catalogo/competencia-divergente',
        'error',
        ferramenta('o catálogo e a tabela SIGTAP conferida são da mesma competência'),
        (doCatalogo: string, daTabela: string) =>
            `A competência do catálogo (${doCatalogo}) difere da competência da tabela SIGTAP (${daTabela})`
    ),

    // ── Identidade da OCI ─────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 I: the OCI's identifying code (SIGTAP group 09).
    ociForaGrupo09: rule(
        'oci/grupo-09',
        'error',
        tabelaSigtap('grupo 09, Ofertas de Cuidados Integrados', '3492/6/§2/I', '3492/14/§2/I'),
        (codigo: string) =>
            `O código da OCI ${codigo} não pertence ao grupo 09 (Ofertas de Cuidados Integrados) da tabela SIGTAP`
    ),
    ociDuplicada: rule(
        'oci/codigo-duplicado',
        'error',
        lei('3492/6/§2/I'),
        (codigo: string, onde: string) =>
            `A OCI ${codigo} já está definida em ${onde}: o código identifica uma única OCI`
    ),
    ociNomeVazio: rule(
        'oci/nome-vazio',
        'error',
        tabelaSigtap('NO_PROCEDIMENTO: todo procedimento tem nome', '3492/6/§2'),
        () => 'A OCI precisa de um nome'
    ),
    ociItemRepetido: rule(
        'oci/item-repetido',
        'error',
        ferramenta('cada item da descrição da OCI é escrito uma vez: dois valores seriam ambíguos', '3492/6/§2'),
        (item: string) => `"${item}" aparece mais de uma vez nesta OCI`
    ),
    fundamentoAusente: rule(
        'oci/fundamento-ausente',
        'info',
        convencao('citar o ato que instituiu a OCI dá rastreabilidade ao rol', '3492/6'),
        () => 'OCI sem "fundamento": cite o ato que a instituiu (portaria, nota técnica)'
    ),

    // ── Composição ────────────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §2 II: procedures, codes, mandatory or eventual.
    semObrigatorio: rule(
        'oci/sem-obrigatorio',
        'warning',
        convencao(
            'a lei só pede que se diga se cada procedimento é obrigatório ou eventual; uma OCI só de eventuais é incomum, não proibida',
            '3492/6/§2/II'
        ),
        () => 'A OCI não tem nenhum componente obrigatório'
    ),
    componenteDuplicado: rule(
        'oci/componente-duplicado',
        'error',
        ferramenta('cada procedimento aparece uma vez na composição (a quantidade vai em "qt")', '3492/6/§2/II'),
        (codigo: string) => `O procedimento ${codigo} aparece mais de uma vez na composição da OCI`
    ),
    frequenciaEmObrigatorio: rule(
        'componente/frequencia-em-obrigatorio',
        'error',
        lei('3492/6/§2/II', '3492/6/§3'),
        () => 'Frequência só se aplica a componente eventual: o obrigatório é sempre realizado'
    ),
    frequenciaInvalida: rule(
        'componente/frequencia-invalida',
        'error',
        ferramenta('frequência é um percentual maior que 0% e até 100%', '3492/6/§3'),
        (valor: string) => `Frequência ${valor} fora do intervalo: deve ser maior que 0% e no máximo 100%`
    ),
    quantidadeInvalida: rule(
        'componente/quantidade-invalida',
        'error',
        ferramenta('a quantidade é um número inteiro a partir de 1', '3492/6/§2/II'),
        () => 'A quantidade deve ser pelo menos 1'
    ),
    grupoVazio: rule(
        'grupo/vazio',
        'error',
        ferramenta('um grupo "um de" precisa de procedimentos', '3492/6/§2/II'),
        (nome: string) => `O grupo ${nome} não tem procedimentos`
    ),
    grupoMembroDuplicado: rule(
        'grupo/membro-duplicado',
        'error',
        ferramenta('cada procedimento aparece uma vez no grupo', '3492/6/§2/II'),
        (codigo: string) => `O procedimento ${codigo} aparece mais de uma vez no grupo`
    ),

    // ── Tempos ────────────────────────────────────────────────────────────
    trAusente: rule(
        'oci/tr-ausente',
        'error',
        lei('3492/6/§2/III', '3492/14/§2/III'),
        () => 'Falta o tempo recomendado (tR) entre o início da OCI e o procedimento que a conclui'
    ),
    tmAusente: rule(
        'oci/tm-ausente',
        'error',
        lei('3492/6/§2/IV', '3492/14/§2/III'),
        () => 'Falta o tempo limite máximo (tM) de execução da OCI'
    ),
    tempoNaoPositivo: rule(
        'oci/tempo-nao-positivo',
        'error',
        ferramenta('um tempo é um número positivo de dias', '3492/6/§2/III', '3492/6/§2/IV'),
        (qual: string) => `${qual} deve ser um número positivo de dias`
    ),
    trMaiorQueTm: rule(
        'oci/tr-gt-tm',
        'error',
        lei('3492/6/§2/III', '3492/6/§2/IV'),
        (tr: number, tm: number) =>
            `tR (${tr} dias) maior que tM (${tm} dias): o tempo recomendado não pode exceder o tempo máximo`
    ),
    // Origin: tabela SIGTAP — attribute 054 gives every OCI's APAC two competências (../apac-validade.ts); art. 16 §1
    // requires
    // the APAC but leaves its rules to later acts, none of which is among the legal texts: the table is the source. An
    // info:
    // a tM beyond the shortest window is not forbidden, it only means an episode may outlive its APAC.
    tmAlemDaValidadeApac: rule(
        'oci/tm-alem-da-validade-apac',
        'info',
        tabelaSigtap(
            'atributo 054 "APAC com validade fixa de 2 competências", a fonte da validade: a portaria exige o registro em APAC e não define sua validade',
            '3492/16/§1'
        ),
        (tm: number, minimo: number, aritmetica: string, maximo: number, competencia: string) =>
            `tM de ${tm} dias passa da menor validade da APAC (${minimo} dias: ${aritmetica}; atributo 054, SIGTAP ${competencia})`
    ),

    // ── Dados a preencher (import-sigtap, snippets) ───────────────────────
    // An error: pending data blocks publication. In the editor, while the analyst fills it in, one
    // info per OCI lists what is pending (editorPresentation).
    aPreencher: rule(
        'oci/a-preencher',
        'error',
        lei('3492/6/§2/III', '3492/6/§2/IV', '3492/6/§2/V', '3492/6/§3'),
        (item: string) => `${item} a preencher: o rol precisa defini-lo antes de ser publicado`,
        { editorPresentation: { severity: 'info', groupBy: 'element' } }
    ),

    // ── Conclusão ─────────────────────────────────────────────────────────
    conclusaoAusente: rule(
        'oci/conclusao-ausente',
        'error',
        lei('3492/6/§2/III'),
        () => 'Falta "conclusao": o procedimento que conclui a OCI marca o fim do tempo recomendado (tR)'
    ),
    conclusaoForaDaOci: rule(
        'oci/conclusao-fora-da-oci',
        'error',
        lei('3492/6/§2/III'),
        (alvo: string) => `O procedimento de conclusão ${alvo} não é componente desta OCI`
    ),

    // ── Atenção remota ────────────────────────────────────────────────────
    // Portaria 3.492/2024 art. 6 §4: teleconsultas, teleinterconsultas, teleconsultorias e matriciamento.
    modalidadeInvalida: rule(
        'oci/modalidade-invalida',
        'warning',
        convencao(
            'a lista do art. 6 §4 é exemplificativa ("tais como"): outra modalidade é conferida à mão',
            '3492/6/§4'
        ),
        (nome: string, permitidas: string) => `Modalidade remota não prevista: ${nome} (previstas: ${permitidas})`
    ),
    modalidadeSemProcedimento: rule(
        'oci/modalidade-sem-procedimento',
        'warning',
        convencao('uma modalidade declarada tem um procedimento remoto que a realize', '3492/6/§4'),
        (nome: string) =>
            `A modalidade remota ${nome} foi declarada, mas nenhum componente da OCI é um procedimento de ${nome}`
    ),
    procedimentoRemotoSemModalidade: rule(
        'oci/procedimento-remoto-sem-modalidade',
        'warning',
        convencao('um procedimento remoto tem sua modalidade declarada na OCI', '3492/6/§4'),
        (codigo: string, modalidade: string) =>
            `O componente ${codigo} é ${modalidade}, mas a OCI não declara "remoto ${modalidade}"`
    ),

    // ── Referência e contrarreferência ────────────────────────────────────
    contrarreferenciaAusente: rule(
        'oci/contrarreferencia-ausente',
        'error',
        lei('3492/5/§2'),
        () => 'A OCI deve incluir sempre contrarreferência segura e a transição para a APS ("contrarreferencia aps")'
    ),
    contrarreferenciaDestino: rule(
        'oci/contrarreferencia-destino',
        'error',
        lei('3492/5/§2'),
        (destino: string) =>
            `Contrarreferência para ${destino}: a OCI deve prever sempre a transição para a APS (destino aps)`
    ),

    // ── Procedimentos na tabela SIGTAP ────────────────────────────────────
    procedimentoInexistente: rule(
        'procedimento/inexistente',
        'error',
        tabelaSigtap('tb_procedimento da competência', '3492/6/§2/II'),
        (codigo: string, competencia: string) =>
            `O procedimento ${codigo} não existe na tabela SIGTAP da competência ${competencia}`
    ),
    procedimentoGrupo09: rule(
        'procedimento/grupo-09',
        'error',
        lei('3492/5/§1', '3492/6/§2/II'),
        (codigo: string) => `${codigo} é uma OCI (grupo 09): uma OCI é composta de procedimentos, não de outras OCI`
    ),
    procedimentoNome: rule(
        'procedimento/nome-divergente',
        'warning',
        tabelaSigtap('NO_PROCEDIMENTO', '3492/6/§2/II'),
        (escrito: string, tabela: string) => `O nome "${escrito}" difere do nome na tabela SIGTAP: "${tabela}"`
    ),
    procedimentoQtMaxima: rule(
        'procedimento/qt-maxima',
        'warning',
        tabelaSigtap('QT_MAXIMA_EXECUCAO', '3492/6/§2/II'),
        (codigo: string, qt: number, maxima: number, fonte: string) =>
            `Quantidade ${qt} de ${codigo} excede a quantidade máxima da tabela SIGTAP (${maxima}, ${fonte})`
    ),
    procedimentoSexo: rule(
        'procedimento/sexo-incompativel',
        'error',
        tabelaSigtap('TP_SEXO', '3492/6/§2/II'),
        (codigo: string, publico: string, permitido: string) =>
            `${codigo} é restrito a sexo ${permitido} na tabela SIGTAP, mas o público da OCI é ${publico}`
    ),
    procedimentoIdade: rule(
        'procedimento/idade-incompativel',
        'error',
        tabelaSigtap('VL_IDADE_MINIMA/MAXIMA', '3492/6/§2/II'),
        (codigo: string, publico: string, permitido: string) =>
            `Nenhuma idade do público da OCI (${publico}) está na faixa de ${codigo} na tabela SIGTAP (${permitido})`
    ),
    procedimentoIdadeParcial: rule(
        'procedimento/idade-parcial',
        'info',
        tabelaSigtap('VL_IDADE_MINIMA/MAXIMA', '3492/6/§2/II'),
        (codigo: string, publico: string, permitido: string) =>
            `${codigo} só pode ser registrado para parte do público da OCI (${publico}): faixa na tabela SIGTAP ${permitido}`
    ),
    procedimentoSexoParcial: rule(
        'procedimento/sexo-parcial',
        'info',
        tabelaSigtap('TP_SEXO', '3492/6/§2/II'),
        (codigo: string, permitido: string) =>
            `${codigo} é restrito a sexo ${permitido} na tabela SIGTAP: só parte do público da OCI pode recebê-lo`
    ),
    cidInexistente: rule(
        'cid/inexistente',
        'warning',
        tabelaSigtap('tb_cid', '3492/6/§2/II'),
        (cid: string) => `CID ${cid} não existe na tabela SIGTAP da competência`
    ),
    idadeInvalida: rule(
        'publico/idade-invalida',
        'error',
        ferramenta('faixa etária bem formada, dentro do teto da tabela SIGTAP', '3492/6/§2/II'),
        (detalhe: string) => `Faixa etária inválida: ${detalhe}`
    ),
    idadeAcimaDoTeto: rule(
        'publico/idade-acima-do-teto',
        'error',
        tabelaSigtap('VL_IDADE_MINIMA/VL_IDADE_MAXIMA: idades em meses até 1571 (130 anos e 11 meses)', '3492/6/§2/II'),
        (idade: string, faixa: string) =>
            `A idade ${idade} da faixa "${faixa}" passa do teto da tabela SIGTAP (130 anos e 11 meses, 1571 meses)`
    ),
    idadeMesesDemais: rule(
        'publico/meses-invalidos',
        'error',
        ferramenta(
            'em "N anos e M meses", M vai de 0 a 11: 12 meses ou mais seriam lidos como outra idade',
            '3492/6/§2/II'
        ),
        (idade: string, faixa: string) => `"${idade}" na faixa "${faixa}": os meses vão de 0 a 11 (12 meses são 1 ano)`
    ),
    // Origin: tabela SIGTAP — 130 anos or more is the table's "no upper limit"; the maximum written is dropped, and
    // said.
    idadeMaximaSemLimite: rule(
        'publico/idade-maxima-sem-limite',
        'warning',
        tabelaSigtap('VL_IDADE_MAXIMA: 130 anos ou mais é "sem limite"', '3492/6/§2/II'),
        (idade: string, faixa: string) =>
            `Idade máxima ${idade} em "${faixa}" é o "sem limite" da tabela SIGTAP (130 anos ou mais): escreva "ou mais"`
    ),

    // ── Valor ─────────────────────────────────────────────────────────────
    valorFormato: rule(
        'valor/formato',
        'error',
        ferramenta('valor escrito em reais: R$ 1.234,56', '3492/6/§2/V'),
        (texto: string) => `Valor mal escrito: ${texto} (use R$ 1.234,56)`
    ),
    valorCasasDecimais: rule(
        'valor/casas-decimais',
        'error',
        ferramenta('valor em reais tem no máximo duas casas decimais', '3492/6/§2/V'),
        (texto: string) => `Valor com mais de duas casas decimais: ${texto}`
    ),
    // The catalogue publishes money as integer centavos (JSON numbers): beyond this a value would not be exact.
    valorLimite: rule(
        'valor/limite',
        'error',
        ferramenta('o catálogo publica valores exatos em centavos', '3492/6/§2/V'),
        (valor: string, limite: string) => `Valor ${valor} acima do limite de ${limite}: confira o número`
    ),
    valorEstimativaIndisponivel: rule(
        'valor/estimativa-indisponivel',
        'warning',
        lei('3492/6/§3'),
        (alvo: string) => `Sem estimativa para ${alvo} nem valor na tabela SIGTAP: informe "estimativa R$ …"`
    ),
    // Origin: tabela SIGTAP — the default estimate is the procedure's VL_SA; R$ 0,00 there is official data, so only
    // noted.
    valorEstimativaZero: rule(
        'valor/estimativa-zero',
        'info',
        tabelaSigtap('VL_SA', '3492/6/§3'),
        (alvo: string) =>
            `Estimativa omitida de ${alvo}: VL_SA R$ 0,00, a linha conta zero; informe "estimativa R$ …" se houver custo`
    ),
    valorAusente: rule(
        'valor/ausente',
        'warning',
        lei('3492/6/§2/V'),
        (calculado: string) => `A OCI não declara "valor"; o valor calculado é ${calculado}`
    ),
    valorDivergente: rule(
        'valor/divergente',
        'warning',
        lei('3492/6/§2/V', '3492/6/§3'),
        (declarado: string, calculado: string, diferenca: string) =>
            `Valor declarado ${declarado} difere do valor calculado ${calculado} (diferença ${diferenca})`
    ),
    tecnologiaDuplicada: rule(
        'tecnologia/uso-duplicado',
        'error',
        ferramenta('cada tecnologia aparece uma vez na OCI', '3492/6/§3'),
        (nome: string) => `A tecnologia ${nome} aparece mais de uma vez na OCI`
    ),
    percentualInvalido: rule(
        'tecnologia/percentual-invalido',
        'error',
        ferramenta('percentual maior que 0% e até 100%', '3492/6/§3'),
        (valor: string) => `Percentual ${valor} inválido: deve ser maior que 0% e no máximo 100%`
    ),
    // Art. 6 §3: the OCI value is the procedures' estimates "acrescidos dos custos com tecnologias"; an OCI without any
    // is only noted (official values may lack them).
    semTecnologia: rule(
        'oci/sem-tecnologia',
        'warning',
        lei('3492/6/§3'),
        () => 'A OCI não declara custo de tecnologia ("tecnologias …"), que o art. 6 §3 soma às estimativas'
    ),

    // ── Conciliação com a linha da OCI na tabela SIGTAP ───────────────────
    sigtapOciAusente: rule(
        'sigtap/oci-ausente',
        'info',
        tabelaSigtap('tb_procedimento, grupo 09', '3492/6/§2/I'),
        (codigo: string, competencia: string) =>
            `A OCI ${codigo} não existe na tabela SIGTAP ${competencia} (proposta nova ou revogada)`
    ),
    sigtapNome: rule(
        'sigtap/nome',
        'warning',
        tabelaSigtap('NO_PROCEDIMENTO da OCI', '3492/6/§2/I'),
        (tabela: string) => `O nome da OCI difere da tabela SIGTAP: "${tabela}"`
    ),
    sigtapComponenteAusente: rule(
        'sigtap/componente-ausente',
        'warning',
        tabelaSigtap('rl_procedimento_compativel', '3492/6/§2/II'),
        (codigo: string, tipo: string) =>
            `A tabela SIGTAP tem ${codigo} como componente ${tipo} desta OCI, mas o catálogo não o inclui`
    ),
    sigtapComponenteExtra: rule(
        'sigtap/componente-extra',
        'warning',
        tabelaSigtap('rl_procedimento_compativel', '3492/6/§2/II'),
        (codigo: string) => `${codigo} não é compatível com esta OCI na tabela SIGTAP`
    ),
    sigtapObrigatoriedade: rule(
        'sigtap/obrigatoriedade',
        'warning',
        tabelaSigtap('TP_COMPATIBILIDADE', '3492/6/§2/II'),
        (codigo: string, catalogo: string, tabela: string) =>
            `${codigo} é ${catalogo} no catálogo e ${tabela} na tabela SIGTAP`
    ),
    sigtapQuantidade: rule(
        'sigtap/quantidade',
        'warning',
        tabelaSigtap('QT_PERMITIDA', '3492/6/§2/II'),
        (codigo: string, catalogo: number, tabela: number) =>
            `Quantidade de ${codigo}: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`
    ),
    sigtapValor: rule(
        'sigtap/valor',
        'warning',
        tabelaSigtap('VL_SA da OCI', '3492/6/§2/V'),
        (catalogo: string, tabela: string) =>
            `Valor declarado ${catalogo} difere do valor da OCI na tabela SIGTAP (${tabela})`
    ),
    sigtapSexo: rule(
        'sigtap/sexo',
        'warning',
        tabelaSigtap('TP_SEXO da OCI'),
        (catalogo: string, tabela: string) => `Sexo do público: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`
    ),
    sigtapIdade: rule(
        'sigtap/idade',
        'warning',
        tabelaSigtap('VL_IDADE_MINIMA/MAXIMA da OCI'),
        (catalogo: string, tabela: string) => `Faixa etária: ${catalogo} no catálogo, ${tabela} na tabela SIGTAP`
    ),
    sigtapCidAusente: rule(
        'sigtap/cid-ausente',
        'warning',
        tabelaSigtap('rl_procedimento_cid'),
        (cids: string) => `CIDs da tabela SIGTAP ausentes no catálogo: ${cids}`
    ),
    sigtapCidExtra: rule(
        'sigtap/cid-extra',
        'warning',
        tabelaSigtap('rl_procedimento_cid'),
        (cid: string) => `CID ${cid} não está associado a esta OCI na tabela SIGTAP`
    )
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
