/**
 * Where each finding of the production audit comes from, structured (../legal/fundamento.ts): its
 * origin and the dispositivos it applies, as keys of ../legal/dispositivos.ts — the map
 * docs/legal/matriz.md is generated from. test/legal/fundamentos.test.ts requires an entry for
 * every finding of the audit's registry (./achados.ts), with the origin it states there.
 */
import { convencao, lei, tabelaSigtap, type Fundamento } from '../legal/fundamento.js';

export const FUNDAMENTO_ACHADOS: Readonly<Record<string, Fundamento>> = {
    'tempo/acima-tm': lei('3492/14/§2/III'),
    'escopo/obrigatorio-ausente': lei('3492/12/VI', '3492/6/§2/II'),
    'escopo/conclusao-ausente': lei('3492/16/§1', '3492/6/§2/III'),
    'quantidade/acima-permitido': tabelaSigtap('quantidade máxima do procedimento na OCI', '3492/6/§2/II'),
    'cobranca/dupla': lei('3492/14/§2/IV'),
    'identificacao/pessoa-invalida': tabelaSigtap(
        'atributo 009 "Exige CPF/CNS" dos procedimentos de OCI; dígitos verificadores do CPF e do CNS',
        '3492/14/§2/IV'
    ),
    'identificacao/apac-invalida': {
        ...lei('3492/16/§1'),
        nota: 'numeração da APAC: Portarias SAS/MS nº 567/2005 e nº 735/2008'
    },
    'escopo/procedimento-fora-da-oci': lei('3492/6/§2/II', '3492/14/§2/II'),
    'escopo/conclusao-antes-do-fim': convencao(
        'que o procedimento de conclusão seja o último é escolha desta ferramenta',
        '3492/6/§2/III'
    ),
    'registro/duplicado': convencao('registro idêntico repetido é regra de qualidade de dados', '3492/14/§2/IV'),
    'data/fora-do-periodo': convencao(
        'a data fica fora do tempo do episódio (regra de qualidade de dados; competência × data: atributo 054 da tabela SIGTAP)'
    ),
    'apac/fora-da-validade': tabelaSigtap('atributo 054 "APAC com validade fixa de 2 competências"', '3492/16/§1'),
    'publico/sexo-incompativel': tabelaSigtap('sexo do procedimento da OCI (TP_SEXO)', '3492/6/§2/II'),
    'publico/idade-fora-da-faixa': tabelaSigtap(
        'idades mínima e máxima do procedimento da OCI (VL_IDADE_MINIMA/MAXIMA)',
        '3492/6/§2/II'
    ),
    'publico/cid-incompativel': tabelaSigtap('CIDs do procedimento da OCI (rl_procedimento_cid)', '3492/6/§2/II'),
    'entrada/registro-rejeitado': convencao(
        'leitura da produção: linha ilegível ou valor inválido fica fora da análise'
    ),
    'registro/oci-fora-de-apac': lei('3492/14/§2/I', '3492/16/§1'),
    'registro/oci-fora-do-rol': lei('3492/14/§2/I', '3492/16/§1', '3492/6')
};
