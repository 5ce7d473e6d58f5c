/**
 * The OCI language server's own LSP requests, shared by the server (./requests.ts) and the
 * VS Code client (client/src/). Plain types and names only: the client bundle imports this file.
 *
 *   oci/composicaoValor  the value breakdown of the OCI at a position (or with a code) as JSON,
 *                        for the "Mostrar composição do valor" panel;
 *   oci/gerarCatalogo    builds the catalogue a document belongs to and writes catalogo.json,
 *                        .md, .csv and .html, as `oci-catalogo build` does.
 */

export const ComposicaoValorRequest = 'oci/composicaoValor';
export const GenerateCatalogoRequest = 'oci/gerarCatalogo';

/**
 * The code of the one diagnostic per OCI (grupo, header) that lists its pending data in the editor
 * (server/src/diagnostic-presentation.ts): an info while editing, but it blocks publication.
 */
export const A_PREENCHER_CODE = 'oci/a-preencher';

export interface Posicao {
    line: number;
    character: number;
}

/** Money as the catalogue JSON writes it, plus the Brazilian text ("R$ 1.234,56"). */
export interface Dinheiro {
    texto: string;
    centavos: number;
}

export interface ComposicaoValorParams {
    uri: string;
    /** The OCI whose text holds this position… */
    position?: Posicao;
    /** …or else the OCI with this code (with or without dots) in the document. */
    codigo?: string;
}

export interface LinhaProcedimento {
    tipo: 'obrigatorio' | 'eventual';
    /** Formatted code, or "um de <grupo>". */
    alvo: string;
    descricao: string;
    qt: number;
    /** "40%"; undefined for a mandatory component. */
    frequencia?: string;
    /** An eventual component without frequency counts 100%. */
    frequenciaPadrao: boolean;
    estimativa: Dinheiro;
    /** Where the estimate comes from: the catalogue or the SIGTAP table (the procedure's VL_SA). */
    origem: 'catalogo' | 'sigtap';
    valor: Dinheiro;
    /** 0-based line of the component in the document. */
    linha: number;
}

export interface LinhaTecnologia {
    nome: string;
    descricao: string;
    /** "8%" of `base`, or a fixed value. */
    percentual?: string;
    base?: Dinheiro;
    valorFixo?: Dinheiro;
    valor: Dinheiro;
    linha: number;
}

export interface ComposicaoValor {
    uri: string;
    codigo: string;
    nome: string;
    /** 0-based line of the `oci` declaration. */
    linha: number;
    procedimentos: LinhaProcedimento[];
    /** Components without an estimate (the total is incomplete). */
    faltantes: Array<{ alvo: string; pendente: boolean; linha: number }>;
    subtotalProcedimentos: Dinheiro;
    tecnologias: LinhaTecnologia[];
    subtotalTecnologias: Dinheiro;
    total: Dinheiro;
    declarado?: Dinheiro;
    /** declarado − calculado. */
    diferenca?: Dinheiro;
    /** The OCI's own row in the SIGTAP table, when it has one. */
    sigtap?: { competencia: string; valor: Dinheiro };
    tR?: number;
    tM?: number;
    /** The rule the computation follows, in the server's language. */
    regra: string;
}

export interface GenerateCatalogoParams {
    /** A document of the catalogue to build (the active editor); its header decides the catalogue. */
    uri?: string;
    /** The header document chosen by the user when several catalogues exist. */
    cabecalho?: string;
    /** Output folder: absolute, or relative to the workspace folder of the header (e.g. "out/catalogo"). */
    saida: string;
}

export interface ErroCatalogo {
    uri: string;
    /** 0-based. */
    linha: number;
    coluna: number;
    codigo: string;
    mensagem: string;
}

export type GenerateCatalogoResult =
    | {
          status: 'gerado';
          cabecalho: string;
          saida: string;
          arquivos: string[];
          ocis: number;
          total: Dinheiro;
          competencia: string | null;
          avisos: number;
      }
    | { status: 'erros'; cabecalho: string; erros: ErroCatalogo[]; total: number }
    | { status: 'escolher'; catalogos: Array<{ uri: string; nome: string }> }
    | { status: 'sem-catalogo' }
    | { status: 'falha'; mensagem: string };
