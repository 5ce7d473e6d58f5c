/**
 * The workspace configuration as the CLI reads it (oci-catalogo.yaml, ../../language/src/config):
 * `--config FILE` names it; otherwise the nearest file at or above the first path on the command
 * line (or the current folder) governs the command, and each document's `regras:` come from the
 * file nearest to it (a repository with several catalogues may relax rules per catalogue).
 * Command-line flags override the file; `--verbose` says which won. A configuration with a problem
 * stops the command (exit 2) with every problem at its file:line:column — never a silent default.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { URI } from 'langium';
import { findConfigFile, readConfigFile, type LoadedConfig } from '../../language/src/index.js';
import type { ConfiguredSeverity, WorkspaceConfig } from '../../language/src/index.js';
import { regrasRegistradas } from '../../language/src/index.js';
import type { CheckReport } from './diagnostics.js';
import { IoProblem, UsageError, cliOptions } from './cli-options.js';

/** A configuration that cannot be trusted: exit 2, every problem at its place (not a command-line mistake). */
export class ConfigProblems extends IoProblem {}

export interface CliConfig {
    /** The file that governs the command, absolute; undefined when there is none. */
    file?: string;
    config: WorkspaceConfig;
    /** The `regras:` that govern a document (its nearest file, or --config). */
    regrasFor(uri: URI): ReadonlyMap<string, ConfiguredSeverity> | undefined;
}

const EMPTY: WorkspaceConfig = { regras: new Map() };

/** Reads (once per file) and checks; throws ConfigProblems listing every problem of the file. */
function load(file: string, cache: Map<string, LoadedConfig>): LoadedConfig {
    let loaded = cache.get(file);
    if (!loaded) {
        loaded = readConfigFile(file);
        cache.set(file, loaded);
        if (loaded.problems.length) {
            const shown = path.relative(process.cwd(), loaded.file) || loaded.file;
            throw new ConfigProblems(
                `configuração inválida (nada foi verificado):\n${loaded.problems.map(p => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n')}`
            );
        }
    }
    return loaded;
}

/** The configuration of a command whose paths are `paths`. */
export function loadCliConfig(paths: string[]): CliConfig {
    const cache = new Map<string, LoadedConfig>();
    const explicit = cliOptions.config;
    if (explicit !== undefined) {
        if (!fs.existsSync(explicit)) throw new UsageError(`Arquivo de configuração não encontrado: ${explicit}`);
        const loaded = load(path.resolve(explicit), cache);
        cliOptions.log(`configuração: ${loaded.file} (--config)\n`);
        return { file: loaded.file, config: loaded.config, regrasFor: () => loaded.config.regras };
    }
    const first = paths[0] ?? '.';
    const start = fs.statSync(first, { throwIfNoEntry: false })?.isDirectory() ? first : path.dirname(first);
    const file = findConfigFile(start);
    const governing = file ? load(file, cache) : undefined;
    cliOptions.log(
        governing
            ? `configuração: ${governing.file}\n`
            : 'configuração: nenhum oci-catalogo.yaml acima dos caminhos; valem os padrões\n'
    );
    const byDir = new Map<string, string | undefined>();
    return {
        file: governing?.file,
        config: governing?.config ?? EMPTY,
        regrasFor(uri: URI) {
            const dir = path.dirname(uri.fsPath);
            if (!byDir.has(dir)) byDir.set(dir, findConfigFile(dir));
            const nearest = byDir.get(dir);
            return nearest ? load(nearest, cache).config.regras : undefined;
        }
    };
}

/** A flag given on the command line wins over the file; --verbose says so. */
export function flagOrConfig<T>(name: string, flag: T | undefined, fromConfig: T | undefined): T | undefined {
    if (flag !== undefined && fromConfig !== undefined)
        cliOptions.log(
            `${name}: ${String(flag)} (linha de comando; o arquivo de configuração diz ${String(fromConfig)})\n`
        );
    else if (fromConfig !== undefined) cliOptions.log(`${name}: ${String(fromConfig)} (arquivo de configuração)\n`);
    return flag ?? fromConfig;
}

const WORD: Record<ConfiguredSeverity, 'erro' | 'aviso' | 'info' | 'desligada'> = {
    error: 'erro',
    warning: 'aviso',
    info: 'info',
    off: 'desligada'
};

/**
 * The `configuracao` section of `check --format json`: every rule the governing file changed, with its built-in
 * severity.
 */
export function configuredRules(config: CliConfig, cwd = process.cwd()): CheckReport['configuracao'] {
    if (!config.file || config.config.regras.size === 0) return undefined;
    const builtIn = new Map(regrasRegistradas().map(r => [r.code, r.severity]));
    return {
        arquivo: path.relative(cwd, config.file).split(path.sep).join('/') || config.file,
        regras: [...config.config.regras]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([codigo, severidade]) => ({
                codigo,
                configurada: WORD[severidade],
                padrao: WORD[builtIn.get(codigo) ?? 'warning'] as 'erro' | 'aviso' | 'info'
            }))
    };
}
