/**
 * Errors raised while reading a SIGTAP competência. Every failure of the public load functions
 * (reader, cache, subset) surfaces as a SigtapError with a stable `code` and a Portuguese message
 * meant for the catalogue's author; the original exception, if any, is kept in `cause`.
 */

export type SigtapErrorCode =
    /** The zip file does not exist (or its path is not a file). */
    | 'sigtap/arquivo-inexistente'
    /** The file exists but could not be read (permissions, I/O error). */
    | 'sigtap/erro-leitura'
    /** Not a zip archive, or a truncated / corrupt one. */
    | 'sigtap/zip-invalido'
    /** A table the reader needs is not in the zip. */
    | 'sigtap/tabela-ausente'
    /** A table is present but its `*_layout.txt` is not. */
    | 'sigtap/layout-ausente'
    /**
     * The layout is not whole (malformed line, gap, overlap, a needed column missing) or the rows
     * do not fit it (record length, a column outside the record, letters in a NUMBER column).
     */
    | 'sigtap/layout'
    /** The rows are UTF-8 (the zip was re-encoded); DATASUS writes ISO-8859-1. */
    | 'sigtap/codificacao'
    /** A procedure code appears more than once in tb_procedimento. */
    | 'sigtap/codigo-duplicado'
    /** Neither the rows nor the file name tell the competência. */
    | 'sigtap/competencia-indefinida';

export class SigtapError extends Error {
    override readonly name = 'SigtapError';
    readonly code: SigtapErrorCode;
    /** Zip file name (or path) the error refers to, when known. */
    arquivo?: string;
    /** The layout column the error is about, when there is one (`sigtap/layout`). */
    coluna?: string;

    constructor(
        code: SigtapErrorCode,
        message: string,
        options?: { arquivo?: string; cause?: unknown; coluna?: string }
    ) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        this.arquivo = options?.arquivo;
        this.coluna = options?.coluna;
    }
}

export function isSigtapError(error: unknown): error is SigtapError {
    return error instanceof SigtapError;
}

/**
 * Runs `action`. A SigtapError passes through (tagged with `arquivo` if it has none); anything
 * else becomes a SigtapError `code` whose message is `message` plus the original error's text,
 * the original being kept as `cause`.
 */
export function wrapSigtap<T>(action: () => T, code: SigtapErrorCode, message: string, arquivo?: string): T {
    try {
        return action();
    } catch (error) {
        if (error instanceof SigtapError) {
            if (error.arquivo === undefined) error.arquivo = arquivo;
            throw error;
        }
        const detail = error instanceof Error ? error.message : String(error);
        throw new SigtapError(code, `${message}: ${detail}`, { arquivo, cause: error });
    }
}
