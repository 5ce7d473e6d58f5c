/** The one way tests run the CLI in process: `main(argv)` with its output captured (exit code 0/1/2). */
import { main } from '../cli/src/main.js';

export interface CliRun {
    code: number;
    out: string;
    err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
    let out = '';
    let err = '';
    const code = await main(argv, {
        out: t => {
            out += t;
        },
        err: t => {
            err += t;
        }
    });
    return { code, out, err };
}
