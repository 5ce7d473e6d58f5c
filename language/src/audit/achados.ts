/**
 * The audit's findings, in ONE registry: each stable code with its level (an episode — an OCI
 * APAC — or a record/code of the production), what it says, the dispositivo it rests on and its
 * origin (`lei`: Portaria GM/MS nº 3.492/2024 itself; `tabela SIGTAP`: an attribute or rule of the
 * SIGTAP table; `convenção`: a data-quality convention of this tool, not a legal requirement).
 * The project-wide legal map reads this registry; the SQL (sql.ts), the synthetic generator and
 * the reports take the codes from here.
 */

export type OrigemAchado = 'lei' | 'tabela SIGTAP' | 'convenção';

export interface DefinicaoAchado {
    codigo: string;
    /**
     * `episodio`: reported per OCI APAC (episodios-sinalizados.csv); `registro`: per record or per code (auditoria.json
     * `entrada`, rejeitados.csv).
     */
    nivel: 'episodio' | 'registro';
    descricao: string;
    /** The dispositivo(s), e.g. "Portaria GM/MS nº 3.492/2024, art. 14 §2 III". */
    dispositivo: string;
    origem: OrigemAchado;
}

const P = 'Portaria GM/MS nº 3.492/2024';

/** Episode-level findings (each one is measured with precision and recall 1 on the synthetic production). */
export const ACHADOS = {
    tempo: 'tempo/acima-tm',
    obrigatorio: 'escopo/obrigatorio-ausente',
    conclusao: 'escopo/conclusao-ausente',
    quantidade: 'quantidade/acima-permitido',
    cobranca: 'cobranca/dupla',
    pessoa: 'identificacao/pessoa-invalida',
    apac: 'identificacao/apac-invalida',
    foraDaOci: 'escopo/procedimento-fora-da-oci',
    conclusaoAntes: 'escopo/conclusao-antes-do-fim',
    duplicado: 'registro/duplicado',
    dataFora: 'data/fora-do-periodo',
    validade: 'apac/fora-da-validade',
    sexo: 'publico/sexo-incompativel',
    idade: 'publico/idade-fora-da-faixa',
    cid: 'publico/cid-incompativel'
} as const;
export type Achado = (typeof ACHADOS)[keyof typeof ACHADOS];

/** Record- and code-level findings (listed in `entrada`, per code with counts, or in rejeitados.csv). */
export const ACHADOS_DE_REGISTRO = {
    rejeitado: 'entrada/registro-rejeitado',
    ociEmBpa: 'registro/oci-fora-de-apac',
    ociForaDoRol: 'registro/oci-fora-do-rol'
} as const;

export const DEFINICOES: readonly DefinicaoAchado[] = [
    {
        codigo: ACHADOS.tempo,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 14 §2 III`,
        descricao:
            'dias entre o primeiro e o último procedimento dos componentes da OCI (e da sua conclusão) acima do tM'
    },
    {
        codigo: ACHADOS.obrigatorio,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 12 VI e art. 6 §2 II`,
        descricao: 'componente obrigatório sem registro (grupo "um de": nenhum membro): escopo incompleto'
    },
    {
        codigo: ACHADOS.conclusao,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 16 §1 e art. 6 §2 III`,
        descricao: 'nenhum procedimento de conclusão da OCI registrado na APAC'
    },
    {
        codigo: ACHADOS.quantidade,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo: `${P}, art. 6 §2 II (quantidade máxima do procedimento na OCI, tabela SIGTAP)`,
        descricao: 'soma das quantidades de um componente acima do permitido'
    },
    {
        codigo: ACHADOS.cobranca,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 14 §2 IV`,
        descricao:
            'procedimento componente cobrado isoladamente (BPA ou APAC que não é de OCI) pela mesma pessoa na janela do episódio'
    },
    {
        codigo: ACHADOS.pessoa,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo:
            'tabela SIGTAP, atributo 009 "Exige CPF/CNS" dos procedimentos de OCI (dígitos verificadores do CPF — Receita Federal — e do CNS — Ministério da Saúde)',
        descricao: 'CPF ou CNS com dígitos verificadores errados'
    },
    {
        codigo: ACHADOS.apac,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 16 §1 (numeração da APAC: Portarias SAS/MS 567/2005 e 735/2008)`,
        descricao: 'número de APAC com tamanho, UF ou dígito verificador errados'
    },
    {
        codigo: ACHADOS.foraDaOci,
        nivel: 'episodio',
        origem: 'lei',
        dispositivo: `${P}, art. 6 §2 II e art. 14 §2 II`,
        descricao:
            'procedimento que não é componente nem conclusão da OCI registrado na APAC da OCI (não conta no tempo)'
    },
    {
        codigo: ACHADOS.conclusaoAntes,
        nivel: 'episodio',
        origem: 'convenção',
        dispositivo: `${P}, art. 6 §2 III (o procedimento que conclui a OCI; que ele seja o último é convenção desta ferramenta)`,
        descricao: 'o último procedimento de conclusão tem data anterior à de outro componente'
    },
    {
        codigo: ACHADOS.duplicado,
        nivel: 'episodio',
        origem: 'convenção',
        dispositivo: `${P}, art. 14 §2 IV (cruzamento da produção por pessoa; registro idêntico repetido é convenção de qualidade de dados)`,
        descricao: 'registros idênticos na APAC (mesma pessoa, procedimento, data e APAC)'
    },
    {
        codigo: ACHADOS.dataFora,
        nivel: 'episodio',
        origem: 'convenção',
        dispositivo:
            'convenção de qualidade de dados (a data fica fora do tempo do episódio); competência × data: tabela SIGTAP, atributo 054 "APAC com validade fixa de 2 competências"',
        descricao:
            'data antes de 2000, depois de hoje, depois da competência do registro ou mais de uma competência antes dela'
    },
    {
        codigo: ACHADOS.validade,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo:
            'tabela SIGTAP, atributo 054 "APAC com validade fixa de 2 competências" (presente em todas as OCIs; a tabela é a fonte: não há norma sobre a validade da APAC em ../legal)',
        descricao: 'registros da APAC fora das duas competências de validade (o mês do primeiro registro e o seguinte)'
    },
    {
        codigo: ACHADOS.sexo,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo: `tabela SIGTAP, sexo do procedimento da OCI (TP_SEXO); ${P}, art. 6 §2 II (o descritivo da OCI)`,
        descricao: 'sexo do paciente da APAC (AP_SEXO) diferente do público da OCI'
    },
    {
        codigo: ACHADOS.idade,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo: `tabela SIGTAP, idades mínima e máxima do procedimento da OCI (VL_IDADE_MINIMA/MAXIMA); ${P}, art. 6 §2 II`,
        descricao: 'idade do paciente da APAC (AP_NUIDADE, anos) fora da faixa do público da OCI'
    },
    {
        codigo: ACHADOS.cid,
        nivel: 'episodio',
        origem: 'tabela SIGTAP',
        dispositivo: `tabela SIGTAP, CIDs do procedimento da OCI (rl_procedimento_cid); ${P}, art. 6 §2 II`,
        descricao: 'CID principal da APAC (AP_CIDPRI) que não é um dos CIDs da OCI nem está numa das suas categorias'
    },
    {
        codigo: ACHADOS_DE_REGISTRO.rejeitado,
        nivel: 'registro',
        origem: 'convenção',
        dispositivo: 'convenção desta ferramenta (leitura da produção)',
        descricao: 'linha ilegível (colunas, aspas) ou valor inválido: vai para rejeitados.csv e fica fora da análise'
    },
    {
        codigo: ACHADOS_DE_REGISTRO.ociEmBpa,
        nivel: 'registro',
        origem: 'lei',
        dispositivo: `${P}, art. 14 §2 I e art. 16 §1`,
        descricao: 'código de OCI (grupo 09) registrado em BPA, fora de APAC'
    },
    {
        codigo: ACHADOS_DE_REGISTRO.ociForaDoRol,
        nivel: 'registro',
        origem: 'lei',
        dispositivo: `${P}, art. 14 §2 I, art. 16 §1 e art. 6 caput (o rol)`,
        descricao: 'APAC cujo procedimento principal é um código de OCI (grupo 09) que não está no catálogo'
    }
];

export function definicao(codigo: string): DefinicaoAchado | undefined {
    return DEFINICOES.find(d => d.codigo === codigo);
}
