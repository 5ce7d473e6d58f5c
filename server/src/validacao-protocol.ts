/** The server → client notification about the first workspace build (build-progress.ts; the client's status bar). */
export const VALIDACAO_NOTIFICATION = 'oci/validacao';

export interface ValidacaoParams {
    /** Files of the workspace being validated. */
    arquivos: number;
    /** Files validated so far. */
    validados: number;
    /** True once every file of the first build is validated. */
    concluida: boolean;
}
