/**
 * In-memory model of one SIGTAP competência (Tabela Unificada de Procedimentos do SUS),
 * as read from DATASUS's `TabelaUnificada_AAAAMM_v*.zip`.
 * Money is integer centavos; ages are months (as in the table).
 */

/** TP_SEXO: M masculino, F feminino, I ambos, N não se aplica. */
export type SigtapSexo = 'M' | 'F' | 'I' | 'N';

/** TP_COMPATIBILIDADE of rl_procedimento_compativel: 5 = obrigatória, 1 = compatível (eventual). */
export interface SigtapCompatibilidade {
    /** CO_PROCEDIMENTO_COMPATIVEL (10 digits). */
    codigo: string;
    tpCompatibilidade: string;
    /** 'obrigatoria' when TP_COMPATIBILIDADE = 5, 'compativel' when 1, 'outro' otherwise. */
    tipo: 'obrigatoria' | 'compativel' | 'outro';
    /** QT_PERMITIDA; 0 appears in the table with undocumented meaning (treated as "no specific limit"). */
    qtPermitida: number;
    registroPrincipal: string;
    registroCompativel: string;
}

export interface SigtapProcedimento {
    /** CO_PROCEDIMENTO, 10 digits, no punctuation. */
    codigo: string;
    nome: string;
    /** TP_COMPLEXIDADE (0 n/a, 1 atenção básica, 2 média, 3 alta). */
    complexidade: string;
    sexo: SigtapSexo;
    /** QT_MAXIMA_EXECUCAO; 9999 = not applicable (kept as read). */
    qtMaximaExecucao: number;
    /** VL_IDADE_MINIMA / VL_IDADE_MAXIMA in months; 9999 = not applicable (kept as read). */
    idadeMinimaMeses: number;
    idadeMaximaMeses: number;
    vlShCentavos: number;
    vlSaCentavos: number;
    vlSpCentavos: number;
    financiamento: string;
    rubrica: string;
    /** DT_COMPETENCIA, AAAAMM. */
    competencia: string;
}

export interface SigtapOci extends SigtapProcedimento {
    subgrupo: { codigo: string; nome: string };
    formaOrganizacao: { codigo: string; nome: string };
    descricao: string;
    instrumentosRegistro: string[];
    atributosComplementares: string[];
    regrasCondicionadas: string[];
    habilitacoes: string[];
    cids: string[];
    cbos: string[];
    componentes: SigtapCompatibilidade[];
}

export interface SigtapTable {
    /** Competência, AAAAMM (from the rows' DT_COMPETENCIA). */
    competencia: string;
    /** Zip file name and SHA-256 hex of its bytes. */
    arquivo: string;
    sha256: string;
    procedimentos: ReadonlyMap<string, SigtapProcedimento>;
    /** CID-10 code (no dot, e.g. "D486") → NO_CID. */
    cids: ReadonlyMap<string, string>;
    grupos: ReadonlyMap<string, string>;
    subgrupos: ReadonlyMap<string, string>;
    formasOrganizacao: ReadonlyMap<string, string>;
    /** CID codes allowed for each procedure (rl_procedimento_cid). */
    cidsPorProcedimento(codigo: string): readonly string[];
    /** Registration instruments (rl_procedimento_registro) of a procedure. */
    registrosPorProcedimento(codigo: string): readonly string[];
    /**
     * rl_procedimento_compativel rows whose principal is `codigo`, sorted by compatible code
     * (optional: tables built by hand may omit it; the reader provides it).
     */
    compativeisPorProcedimento?(codigo: string): readonly SigtapCompatibilidade[];
    /** Full OCI view (group 09 procedures); undefined when the code is not an OCI of this table. */
    oci(codigo: string): SigtapOci | undefined;
    /** All OCI codes of the table (group 09), sorted. */
    ociCodigos(): readonly string[];
    /** tb_detalhe: CO_DETALHE → NO_DETALHE. */
    detalhes: ReadonlyMap<string, string>;
}
