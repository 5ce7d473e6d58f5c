/**
 * Runs the CLI bundled in the extension (out/cli/main.cjs, in the vsix: see .vscodeignore) as a
 * child process, for "OCI: Importar competência SIGTAP" and "OCI: Auditar produção". Plain Node,
 * no `vscode` import: the vitest suite runs it as the extension does (test/audit/bundled-cli.test.ts).
 *
 * The child is the editor's own executable: in desktop VS Code `process.execPath` is Electron,
 * which acts as Node with ELECTRON_RUN_AS_NODE=1 (set here; plain Node ignores it). It runs
 * `main(argv)` of the bundle (bin/oci-catalogo.cjs is not in the vsix) through a one-line runner.
 *
 * DuckDB (`@duckdb/node-api`, the audit's engine) is a native module and the vsix is packaged with
 * `--no-dependencies`, so it is not in the extension. The bundle loads it with require() (see
 * scripts/bundle.mjs), and CommonJS resolution also looks in NODE_PATH: the caller passes the
 * `node_modules` folders of the catalogue repository (`nodeModulesAcima`). Without one that holds
 * DuckDB the CLI exits 2 saying it could not load it (`duckdbAusente`).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The audit's report files the extension opens (language/src/audit/saidas.ts ARQUIVOS; a test keeps them equal). */
export const RELATORIO_HTML = 'auditoria.html';
export const RELATORIO_JSON = 'auditoria.json';

/** `node -e CLI_RUNNER main.cjs ARGS…`: runs `main(ARGS)` of the bundle; its result is the exit code. */
export const CLI_RUNNER =
    'const [cli, ...args] = process.argv.slice(1); require(cli).main(args).then(' +
    'c => { process.exitCode = c; }, e => { process.stderr.write(`oci-catalogo: ${e && e.message}\\n`); process.exitCode = 2; });';

/** The bundled CLI inside the extension's folder. */
export function cliBundle(extensionPath: string): string {
    return path.join(extensionPath, 'out', 'cli', 'main.cjs');
}

export interface CliRun {
    /** The CLI's exit code; -1 when it could not start or was stopped. */
    exitCode: number;
    stdout: string;
    stderr: string;
    /** Stopped through `signal` (the user cancelled). */
    cancelado?: boolean;
}

export interface CliRunOptions {
    cwd: string;
    /** Folders for NODE_PATH (before any NODE_PATH already set). */
    nodePath?: readonly string[];
    /** The executable: default `process.execPath` (the editor's). */
    execPath?: string;
    /** Aborting it stops the child. */
    signal?: AbortSignal;
}

/** The child's environment: ELECTRON_RUN_AS_NODE, NODE_PATH = `nodePath` + the current NODE_PATH. */
export function cliEnv(nodePath: readonly string[] = [], base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...base, ELECTRON_RUN_AS_NODE: '1' };
    const folders = [...nodePath, ...(base.NODE_PATH ?? '').split(path.delimiter)].filter(Boolean);
    if (folders.length > 0) env.NODE_PATH = [...new Set(folders)].join(path.delimiter);
    return env;
}

/** Runs `main(args)` of the bundle `cli` in a child process and collects its output. */
export function runCli(cli: string, args: readonly string[], options: CliRunOptions): Promise<CliRun> {
    return new Promise<CliRun>(resolve => {
        let stdout = '';
        let stderr = '';
        let settled = false;
        const finish = (run: CliRun) => {
            if (settled) return;
            settled = true;
            resolve(run);
        };
        let child;
        try {
            child = spawn(options.execPath ?? process.execPath, ['-e', CLI_RUNNER, cli, ...args], {
                cwd: options.cwd,
                env: cliEnv(options.nodePath),
                stdio: ['ignore', 'pipe', 'pipe'],
                signal: options.signal
            });
        } catch (error) {
            finish({ exitCode: -1, stdout, stderr: (error as Error).message, cancelado: options.signal?.aborted });
            return;
        }
        child.stdout.on('data', chunk => {
            stdout += String(chunk);
        });
        child.stderr.on('data', chunk => {
            stderr += String(chunk);
        });
        child.on('error', error => {
            if (options.signal?.aborted) finish({ exitCode: -1, stdout, stderr, cancelado: true });
            else finish({ exitCode: -1, stdout, stderr: stderr + error.message });
        });
        child.on('close', code =>
            finish({ exitCode: code ?? -1, stdout, stderr, cancelado: options.signal?.aborted || undefined })
        );
    });
}

/**
 * The `node_modules` folders that exist in each of `dirs` or above it, nearest first, without
 * repetition: where the catalogue repository keeps its npm packages (and DuckDB, when the CLI is
 * installed there).
 */
export function nodeModulesAcima(dirs: readonly string[]): string[] {
    const found: string[] = [];
    for (const start of dirs) {
        let dir = path.resolve(start);
        for (;;) {
            const candidate = path.join(dir, 'node_modules');
            if (!found.includes(candidate) && isDirectory(candidate)) found.push(candidate);
            const parent = path.dirname(dir);
            if (parent === dir) break;
            dir = parent;
        }
    }
    return found;
}

function isDirectory(p: string): boolean {
    try {
        return fs.statSync(p).isDirectory();
    } catch {
        return false;
    }
}

/** The CLI stopped because DuckDB (@duckdb/node-api or its native binary) could not be loaded. */
export function duckdbAusente(run: CliRun): boolean {
    return run.exitCode === 2 && /não foi possível carregar o DuckDB/.test(run.stderr);
}

/** A shell command line (POSIX quoting where needed), for the user to copy. */
export function linhaDeComando(args: readonly string[]): string {
    return args.map(a => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The CLI's error message: the last non-empty line, skipping the `(veja "oci-catalogo … --help")` hint after it. */
export function ultimaLinha(text: string): string {
    const lines = text
        .trim()
        .split(/\r?\n/)
        .filter(l => l.trim() !== '');
    const message = [...lines].reverse().find(l => !/^\((veja|see) "oci-catalogo\b.*--help"\)$/.test(l.trim()));
    return message ?? lines.pop() ?? '';
}

/** "1234567.50" (auditoria.json `valor.reais`) → "R$ 1.234.567,50". */
export function reaisTexto(reais: string): string {
    const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(reais.trim());
    if (!m) return `R$ ${reais}`;
    const inteiro = m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, '.'); // (\d+) always matches
    return `${m[1]}R$ ${inteiro},${(m[3] ?? '').padEnd(2, '0')}`;
}
