/**
 * Messages between a browser host (the playground page, the web extension's client) and the
 * language server running in a Web Worker (browser-main.ts). Plain types and names only.
 *
 *   oci/arquivos  (notification, host → server) files of the workspace as bytes, by absolute
 *                 POSIX path, and paths removed; the server keeps them in memory (the SIGTAP zip
 *                 included) and revalidates what depends on them.
 */
export const ArquivosNotification = 'oci/arquivos';

export interface ArquivoEnviado {
    /** Absolute POSIX path, the `path` of the file's URI ('/pmae/catalogo.oci'). */
    caminho: string;
    /** The file's URI in the host when it is not `file://` + caminho (vscode.dev: vscode-vfs://github/…): documents keep it. */
    uri?: string;
    /**
     * The file's bytes (a zip or a text file saved in any encoding): as bytes where the message travels by
     * postMessage (structured clone: the playground), else base64-encoded (the web extension's client).
     */
    bytes?: Uint8Array;
    base64?: string;
}

export interface ArquivosParams {
    arquivos: ArquivoEnviado[];
    /** Paths (or host URIs) of files removed. */
    removidos?: string[];
}

/** The answer of a request that needs Node (writing files, DuckDB, git) in a browser. */
export const PRECISA_DESKTOP =
    'Este recurso precisa do VS Code para desktop ou da CLI oci-catalogo (grava arquivos no disco); não está disponível no navegador.';
