/**
 * Texto dos dispositivos que as regras do PAR e da SE citam — lei pública, copiada literalmente de
 * `../shared/legal/portaria-gm-ms-3492-2024.md` (DOU nº 70, de 11/04/2024, Seção 1, p. 98) e de
 * `../shared/legal/portaria-gm-ms-1997-2023.md` (Portaria GM/MS nº 1.997, de 24/11/2023, que inclui o
 * art. 878-A na Portaria de Consolidação GM/MS nº 6/2017), com o "R\$" do Markdown sem a barra.
 * O hover de um diagnóstico mostra o texto dos dispositivos da regra; test/plano/legal.test.ts
 * confere cada texto com os arquivos de origem quando eles existem.
 *
 * Chaves: "3492/<artigo>[/§<n>][/<inciso>]" e "1997/878-A[/§<n>][/<inciso>]".
 */

import { DISPOSITIVOS_POR_CHAVE } from '../legal/dispositivos.js';

export const PORTARIA_3492 = 'Portaria GM/MS nº 3.492/2024';
export const PORTARIA_1997 = 'Portaria GM/MS nº 1.997/2023';

export const FONTES_LEGAIS = {
    '3492': { titulo: 'PORTARIA GM/MS Nº 3.492, DE 8 DE ABRIL DE 2024', publicacao: 'Diário Oficial da União nº 70, de 11/04/2024, Seção 1, p. 98', arquivo: '../shared/legal/portaria-gm-ms-3492-2024.md' },
    '1997': { titulo: 'PORTARIA GM/MS Nº 1.997, DE 24 DE NOVEMBRO DE 2023 (art. 878-A da Portaria de Consolidação GM/MS nº 6/2017)', publicacao: 'Saúde Legis', arquivo: '../shared/legal/portaria-gm-ms-1997-2023.md' }
} as const;

/**
 * O texto de cada dispositivo que uma regra pode citar: os de ../legal/dispositivos.ts (cópia
 * literal das duas portarias), com os daqui por cima (os mesmos textos, fixados aqui desde antes).
 */
export const TEXTO_LEGAL: Readonly<Record<string, string>> = {
    ...Object.fromEntries([...DISPOSITIVOS_POR_CHAVE].map(([chave, d]) => [chave, d.texto])),
    "3492/8": "Art. 8º A adesão ao Programa Nacional de Expansão e Qualificação da Atenção Ambulatorial Especializada se dará mediante encaminhamento de:",
    "3492/8/I": "I - Termo de Adesão assinado pelo gestor competente;",
    "3492/8/II": "II - Plano de Ação Regional - PAR detalhando a implementação do Programa na região e/ou macrorregião de saúde, conforme o respectivo PRI, ou no Estado proponente; e",
    "3492/8/III": "III - Resolução aprovada em Comissão Intergestores Bipartite - CIB ou no Colegiado de Gestão do DF, conforme o caso, aprovando o PAR.",
    "3492/8/§1": "§ 1º As Secretarias Municipais de Saúde da região e a Secretaria Estadual de Saúde elaborarão o PAR, de forma colaborativa e com base no PRI, com discussão na Comissão Intergestores Regional - CIR.",
    "3492/8/§2": "§ 2º O PAR deverá ser pactuado na respectiva Comissão Intergestores Bipartite - CIB ou no Colegiado de Gestão do DF, conforme o caso.",
    "3492/9": "Art. 9º O PAR deve conter no mínimo:",
    "3492/9/I": "I - definição de território de abrangência, diagnóstico geral das necessidades de saúde e da Rede de Atenção à Saúde;",
    "3492/9/II": "II - descrição sumária da RAS com identificação dos principais problemas e prioridades que serão enfrentadas no Programa, incluindo as condições crônicas que requerem acompanhamento longitudinal ou agravos específicos de rápida resolução e levando em consideração as OCI;",
    "3492/9/III": "III - elenco das OCI de acordo com os maiores problemas de acesso e filas prioritárias no estado e região;",
    "3492/9/IV": "IV - definição das filas, por conjunto de procedimentos, declarando sua abrangência e qual o sistema de informação utilizado, comprometendo-se com o compartilhamento das informações de sua base de dados, que será considerado no monitoramento e avaliação da execução do PAR;",
    "3492/9/V": "V - definição de metas de redução do tamanho e tempo de espera das filas na vigência do PAR;",
    "3492/9/VI": "VI - cronograma de implementação previsto no PAR;",
    "3492/9/VII": "VII - declaração de compromisso com a implementação progressiva de mudanças estruturantes conforme a PNAES; e",
    "3492/9/VIII": "VIII - definição de responsabilidades de cada um dos entes federados na implementação, monitoramento e avaliação do PAR.",
    "3492/11": "Art. 11. Cabe à Secretaria de Atenção Especializada à Saúde a análise e aprovação de cada PAR, bem como de seus eventuais ajustes.",
    "3492/15": "Art. 15. No âmbito do Programa Nacional de Expansão e Qualificação da Atenção Ambulatorial Especializada, será repassado Incentivo à Implementação das Ações e Estratégias de Gestão do PAR, conforme o disposto neste art., podendo ser utilizado para ações, tais como contratação e capacitação de pessoal e implantação do Núcleo de Gestão do Cuidado, conforme conveniência do gestor local.",
    "3492/15/§1": "§ 1º Os recursos a serem repassados observarão os seguintes montantes totais:",
    "3492/15/§1/I": "I - R$1.200.000,00 (um milhão e duzentos mil reais) para os PAR com abrangência de mais de 1.000.000 (um milhão) de habitantes;",
    "3492/15/§1/II": "II - R$ 600.000,00 (seiscentos mil reais) para os PAR com abrangência de mais de 500.000 (quinhentos mil) a 1.000.000 (um milhão) habitantes; e",
    "3492/15/§1/III": "III - R$ 360.000,00 (trezentos e sessenta mil reais) para os PAR com abrangência de mais de 100.000,00 (cem mil) a 499.999 (quatrocentos e noventa e nove mil novecentos e noventa e nove) habitantes.",
    "3492/15/§2": "§ 2º O repasse de que trata este artigo se dará em duas etapas:",
    "3492/15/§2/I": "I - 50% do valor de trata o § 1º após a aprovação do PAR pela Secretaria de Atenção Especializada à Saúde; e",
    "3492/15/§2/II": "II - 50% do valor de trata o § 1º após a execução de 50% da produção financeira prevista no PAR.",
    "3492/15/§3": "§ 3º A transferência de recursos prevista no inciso I do § 3º está condicionada ao envio à Secretaria de Atenção Especializada à Saúde do Ministério da Saúde do PAR e da resolução de aprovação respectiva da CIB ou do Colegiado de Gestão do DF, estabelecendo alocação dos recursos por ente aderente.",
    "3492/15/§5": "§ 5º Após a aprovação do PAR será publicada Portaria pela Ministra de Estado da Saúde.",
    "1997/878-A": "Art. 878-A. Fica instituído incentivo financeiro para custeio mensal da SE, a título de participação do Ministério da Saúde, no valor de R$ 50.000,00 (cinquenta mil reais).",
    "1997/878-A/§1": "§ 1º O incentivo mensal para custeio será de R$ 65.000,00 (sessenta e cinco mil reais) para custeio das SE localizadas em municípios situados na região da Amazônia Legal.",
    "1997/878-A/§2": "§ 2º O repasse do incentivo mensal para custeio da SE está condicionado à homologação, pelo Ministério da Saúde, da habilitação no CNES realizada pela SES.",
    "1997/878-A/§4": "§ 4º A habilitação no CNES será feita por meio de Portaria da SES após o efetivo funcionamento da SE, comprovada pela apresentação da seguinte documentação:",
    "1997/878-A/§4/I": "I - declaração do gestor acerca da adequação da área física disponível para o funcionamento da SE, conforme Anexo 8 do Anexo III à Portaria de Consolidação GM/MS nº 3, de 2017;",
    "1997/878-A/§4/II": "II - descrição, pelo gestor, dos equipamentos, materiais e mobiliários instalados, conforme Anexo 8 do Anexo III à Portaria de Consolidação GM/MS nº 3, de 2017;",
    "1997/878-A/§4/III": "III - descrição, pelo gestor, da equipe atuante junto à SE;",
    "1997/878-A/§4/IV": "IV - declaração da CIR e da CIB confirmando o funcionamento efetivo da SE, conforme padrões mínimos exigidos para área física, equipamentos e recursos humanos;",
    "1997/878-A/§4/V": "V - alvará sanitário expedido pela Vigilância Sanitária local;",
    "1997/878-A/§4/VI": "VI - quantitativo populacional a ser coberto pela SE;",
    "1997/878-A/§4/VII": "VII - na ausência de SAMU 192 habilitado na área de cobertura da SE, apresentação de termo de compromisso de implantação de SAMU 192 ou de atendimento equivalente ao realizado pelo SAMU 192;",
    "1997/878-A/§4/VIII": "VIII - grade de referência e contrarreferência pactuada na Rede de Atenção à Saúde com a Atenção Primária, bem como sobre os hospitais de retaguarda, o Serviço de Atendimento Móvel de Urgência e o transporte sanitário, quando houver; e",
    "1997/878-A/§4/IX": "IX - inserção da SE no Plano de Ação Regional de Atenção Integral às Urgências.",
    "1997/878-A/§5": "§ 5º Após a habilitação no CNES pela SES, o Ministério da Saúde, por meio da CGURG/DAHU/SAES, poderá realizar a homologação por meio de publicação de Portaria específica que autorizará o recebimento do incentivo de custeio mensal diretamente do FNS, de forma regular e automática, para manutenção dos serviços efetivamente implantados.",
    "1997/878-A/§8": "§ 8º Em caso de inexistência do componente SAMU 192, deverá ser garantido transporte adequado ao quadro clínico do paciente para remoção e garantia da continuidade da atenção até a implantação do componente hospitalar.",
    "1997/878-A/§9": "§ 9º São obrigatórias a inscrição da SE no Cadastro Nacional de Estabelecimentos de Saúde (CNES) e a alimentação do Sistema de Informação Ambulatorial do SUS (SIA/SUS) com os dados de produção de serviços das unidades habilitadas, ainda que a produção do serviço não gere pagamento de procedimentos.",
    "1997/878-A/§10": "§ 10. A ausência de registro no SIA/SUS por três meses consecutivos implicará a suspensão da transferência de recursos para custeio mensal da SE.",
};

/** Como a chave é citada: "art. 9 VII", "art. 15 §1 II", "art. 878-A §4 VII". */
export function referencia(chave: string): string {
    const [, artigo, ...resto] = chave.split('/');
    return [`art. ${artigo}`, ...resto].join(' ');
}
