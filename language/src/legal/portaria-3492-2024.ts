/**
 * Text of the articles of Portaria GM/MS nº 3.492, de 8 de abril de 2024, that the catalogue's
 * checks cite (arts. 5, 6 and 14), with their paragraphs and incisos — public law, copied
 * verbatim (including "OCl" with a lower-case L in art. 14, as in the source) from
 * `../shared/legal/portaria-gm-ms-3492-2024.md`, the project's copy of the Diário Oficial da
 * União nº 70, de 11/04/2024, Seção 1, p. 98. The language server shows the paragraph and
 * incisos a diagnostic cites when the cursor rests on it (see ./citacoes.ts).
 * test/server/legal.test.ts compares this text with the source file when it is present.
 */

export interface Inciso {
    /** Roman numeral: "I", "II"… */
    numero: string;
    /** The inciso as published, starting with its numeral ("I - …"). */
    texto: string;
}

export interface Paragrafo {
    numero: number;
    /** The paragraph as published, starting with "§ Nº". */
    texto: string;
    incisos: Inciso[];
}

export interface Artigo {
    numero: number;
    /** The caput as published, starting with "Art. N". */
    caput: string;
    /** Incisos of the caput (none in the articles copied here). */
    incisos: Inciso[];
    paragrafos: Paragrafo[];
}

export interface Norma {
    /** How the rules cite it (language/src/validation/rules.ts). */
    citacao: string;
    titulo: string;
    ementa: string;
    publicacao: string;
    /** Where the text was copied from (relative to the repository root). */
    fonte: string;
    artigos: Readonly<Record<number, Artigo>>;
}

export const PORTARIA_GM_MS_3492_2024: Norma = {
    citacao: 'Portaria GM/MS nº 3.492/2024',
    titulo: 'PORTARIA GM/MS Nº 3.492, DE 8 DE ABRIL DE 2024',
    ementa: 'Institui o Programa Nacional de Expansão e Qualificação da Atenção Ambulatorial Especializada, no âmbito do Sistema Único de Saúde (SUS).',
    publicacao: 'Diário Oficial da União nº 70, de 11/04/2024, Seção 1, p. 98',
    fonte: '../shared/legal/portaria-gm-ms-3492-2024.md',
    artigos: {
        5: {
            numero: 5,
            caput: "Art. 5º Para os fins deste Programa, a organização das ações e serviços de saúde dar-se-á a partir de Ofertas de Cuidados Integrados - OCI, conforme art. 27 e inciso IV do art. 46 da PNAES.",
            incisos: [],
            paragrafos: [
                {
                    numero: 1,
                    texto: "§ 1º Entende-se por OCI o conjunto de procedimentos, tais como consultas e exames, e tecnologias de cuidado necessários a uma atenção oportuna e com qualidade, integrados para concluir uma etapa na linha de cuidado ou na condução de agravos específicos de rápida resolução, de diagnóstico ou de tratamento.",
                    incisos: []
                },
                {
                    numero: 2,
                    texto: "§ 2º A OCI deverá incluir sempre referência e contrarreferência segura, bem como a transição para Atenção Primária à Saúde - APS, visando à redução da fragmentação e ampliando a integralidade da atenção ambulatorial especializada.",
                    incisos: []
                },
                {
                    numero: 3,
                    texto: "§ 3º Para apoiar estados e municípios no dimensionamento da necessidade, e no planejamento, execução e avaliação das OCI, o Ministério da Saúde disponibilizará, progressivamente, notas técnicas, protocolos e outros instrumentos similares.",
                    incisos: []
                }
            ]
        },
        6: {
            numero: 6,
            caput: "Art. 6º O rol de OCI será definido, publicado e atualizado periodicamente pelo Ministério da Saúde.",
            incisos: [],
            paragrafos: [
                {
                    numero: 1,
                    texto: "§ 1º O rol de que trata o caput deverá ser fundamentado em parâmetros assistenciais baseados em evidências, considerando a tipologia e diversidade de procedimentos e tecnologias de cuidado, bem como o quantitativo recomendado para uma etapa na linha de cuidado.",
                    incisos: []
                },
                {
                    numero: 2,
                    texto: "§ 2º O rol terá um descritivo de cada OCI detalhando:",
                    incisos: [
                        { numero: "I", texto: "I - seu código identificador no respectivo sistema de informação;" },
                        { numero: "II", texto: "II - os procedimentos que a constituem, com seus respectivos códigos, qualificação e outras informações, tais como se são obrigatórios ou eventuais;" },
                        { numero: "III", texto: "III - o tempo estipulado entre o início da execução da OCI e o procedimento que a conclui, como modo de estimular a atenção em tempo oportuno;" },
                        { numero: "IV", texto: "IV - o tempo limite máximo de execução da OCI visando a incentivar a superação de barreiras de acesso a procedimentos que devem ser ordenados e articulados em um determinado plano de cuidado; e" },
                        { numero: "V", texto: "V - o valor de cada OCI." }
                    ]
                },
                {
                    numero: 3,
                    texto: "§ 3º O valor das OCI, para fins de dimensionamento, planejamento, financiamento e avaliação da prestação de serviços de saúde, será calculado a partir da estimativa de valor dos procedimentos que a integram, acrescidos dos custos com tecnologias, como gestão clínica e saúde digital, valorizando assim a atenção integral e a coordenação do cuidado, a resposta em tempo oportuno, a boa gestão da fila de espera e a redução de deslocamentos e ações desnecessárias.",
                    incisos: []
                },
                {
                    numero: 4,
                    texto: "§ 4º As OCI poderão incluir modalidades de atenção remota, tais como teleconsultas, teleinterconsultas, teleconsultorias e matriciamento, além das consultas presenciais, visando à ampliação mais rápida da oferta, com efetividade e eficiência, bem como a expansão da capacidade pública, filantrópica e privada de atenção presencial e remota.",
                    incisos: []
                }
            ]
        },
        14: {
            numero: 14,
            caput: "Art. 14. Deverão ser aprimorados ao longo da implementação do Programa dispositivos informacionais de regulação e de controle da produção assistencial.",
            incisos: [],
            paragrafos: [
                {
                    numero: 1,
                    texto: "§ 1º A alimentação dos sistemas de informação usuais, com fila individualizada por CPF, consolidado por UF e considerando as OCl, será necessária para o acompanhamento da execução do PAR e condição para repasses a serem tratados em Portarias futuras.",
                    incisos: []
                },
                {
                    numero: 2,
                    texto: "§ 2º O controle da produção deverá considerar:",
                    incisos: [
                        { numero: "I", texto: "I - registro da produção das OCl com códigos específicos;" },
                        { numero: "II", texto: "II - descrição dos procedimentos integrantes de cada OCl, com seus respectivos códigos;" },
                        { numero: "III", texto: "III - definição de tempo recomendado (tR) e tempo limite máximo (tM) para cada OCI, verificando se o tempo entre a realização do primeiro e do último procedimento de uma OCI respeitou o tempo máximo; e" },
                        { numero: "IV", texto: "IV - cruzamento da produção por pessoa, em uma determinada unidade de tempo, para evitar a cobrança de um procedimento de forma isolada e do mesmo procedimento dentro da OCI." }
                    ]
                },
                {
                    numero: 3,
                    texto: "§ 3º As informações constantes nos sistemas de que trata este artigo serão utilizadas pela Secretaria de Atenção Especializada à Saúde no acompanhamento do Programa Nacional de Expansão e Qualificação da Atenção Ambulatorial Especializada.",
                    incisos: []
                }
            ]
        }
    }
};
