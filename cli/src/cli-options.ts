/** Where a command writes: standard output and standard error (tests capture them). */
export interface Output {
    out: (text: string) => void;
    err: (text: string) => void;
}

/** What every command of the CLI shares: its errors (exit 2) and the options of the whole command line. */

export class UsageError extends Error {}

/** A file that could not be read or written (exit 2 like a usage error, but the command line was right). */
export class IoProblem extends UsageError {}

/** Options of the whole command line (set by main.ts for the command being run). */
export const cliOptions: {
    sigtapExterno: boolean;
    /** `--config FILE`: the workspace configuration to use instead of the nearest oci-catalogo.yaml. */
    config?: string;
    /** `--verbose`: where the CLI says what it decided (the configuration read, flags that override it). */
    log: (text: string) => void;
} = { sigtapExterno: false, log: () => {} };

/** Back to the defaults: each command line starts from them (main.ts; tests that run a command in process). */
export function resetCliOptions(): void {
    cliOptions.sigtapExterno = false;
    cliOptions.config = undefined;
    cliOptions.log = () => {};
}
