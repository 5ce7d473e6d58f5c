/**
 * `oci-catalogo` — checks and builds the rol de OCI (Portaria GM/MS nº 3.492/2024) for CI on
 * catalogue pull requests. Exit codes: 0 clean, 1 errors found, 2 usage or I/O problem.
 */
import { Command, CommanderError } from 'commander';
import { buildCommand, checkCommand, formatCommand, sigtapSubsetCommand, EXIT_USAGE, type Output } from './commands.js';
import { IoProblem, UsageError, cliOptions } from './workspace.js';
import { resetCliOptions } from './cli-options.js';
import { diffCommand, type DiffOptions } from './diff-command.js';
import { VERSION } from './version.js';
import { importSigtapCommand, reconcileCommand } from './sigtap-commands.js';
import { registerPlanoCommand } from './plano-command.js';
import { registerAuditCommand } from './audit-command.js';
import { exportSigtapCommand, type ExportSigtapOptions } from './export-sigtap-command.js';
import { anexoCommand, type AnexoOptions } from './anexo-command.js';
import { processOutput } from './process-output.js';
import { initCommand } from './init-command.js';

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

/** `--tolerancia`, taken by check, build and diff. */
const TOLERANCIA_OPTION = [
    '--tolerancia <reais>',
    'diferença aceita entre valor declarado e calculado (ex.: 0,01)'
] as const;

export function createProgram(run: (code: number) => void, io: Output): Command {
    const program = new Command('oci-catalogo')
        .description('Verifica e gera o rol de Ofertas de Cuidados Integrados (OCI) a partir de arquivos .oci')
        .version(VERSION)
        .option('--sigtap-externo', 'aceita um arquivo sigtap fora das pastas do catálogo e da pasta atual')
        .option(
            '--config <arquivo>',
            'configuração do repositório (padrão: o oci-catalogo.yaml mais próximo acima do catálogo)'
        )
        .option('--verbose', 'diz a configuração lida e quais opções da linha de comando a substituem')
        .hook('preAction', command => {
            const global = command.opts();
            cliOptions.sigtapExterno = global.sigtapExterno === true;
            cliOptions.config = global.config;
            cliOptions.log = global.verbose === true ? text => io.err(text) : () => {};
        })
        .exitOverride()
        .showHelpAfterError('(veja "oci-catalogo --help" ou "oci-catalogo <comando> --help")')
        .configureOutput({ writeOut: text => io.out(text), writeErr: text => io.err(text) });

    program
        .command('check')
        .description('verifica os arquivos .oci (pastas são lidas recursivamente)')
        .argument('[caminhos...]', 'arquivos .oci ou pastas', [])
        .option('--format <formato>', 'text, json, github (anotações do GitHub Actions) ou sarif (SARIF 2.1.0)', 'text')
        .option(...TOLERANCIA_OPTION)
        .action(async (paths: string[], options: { format: string; tolerancia?: string }) =>
            run(await checkCommand(paths, options, io))
        );

    program
        .command('build')
        .description('gera o catálogo JSON (recusa gerar se houver erros)')
        .argument('[caminhos...]', 'arquivos .oci ou pastas', [])
        .option('--out <pasta>', 'pasta de saída (padrão: saidas.pasta do oci-catalogo.yaml)')
        .option(...TOLERANCIA_OPTION)
        .action(async (paths: string[], options: { out?: string; tolerancia?: string }) =>
            run(await buildCommand(paths, options, io))
        );

    program
        .command('diff')
        .description(
            'diferenças semânticas entre dois catálogos (pastas, catalogo.json ou, com --git, revisões), em Markdown para o PR ou JSON'
        )
        .argument('<antigo>', 'pasta do catálogo, catalogo.json ou, com --git, revisão (main, origin/main, HEAD~1…)')
        .argument(
            '<novo>',
            'pasta do catálogo, catalogo.json ou, com --git, a pasta (contra a árvore de trabalho) ou outra revisão'
        )
        .argument('[pasta]', 'com --git e duas revisões: a pasta do catálogo')
        .option('--format <formato>', 'markdown ou json', 'markdown')
        .option('--volumes <csv>', 'volumes por OCI ("código,quantidade") para o impacto financeiro')
        .option('--git', 'compara revisões git do repositório atual')
        .option(...TOLERANCIA_OPTION)
        .action(async (antigo: string, novo: string, pasta: string | undefined, options: DiffOptions) =>
            run(await diffCommand(pasta === undefined ? [antigo, novo] : [antigo, novo, pasta], options, io))
        );

    program
        .command('format')
        .description('formata os arquivos .oci no lugar (sem mudar o significado); --check só lista os fora do formato')
        .argument('[caminhos...]', 'arquivos .oci ou pastas', [])
        .option('--check', 'não grava; sai com 1 se algum arquivo estiver fora do formato')
        .action(async (paths: string[], options: { check?: boolean }) => run(await formatCommand(paths, options, io)));

    program
        .command('import-sigtap')
        .description(
            'gera arquivos .oci (um por subgrupo) com as OCI de uma competência SIGTAP; o que a tabela não traz fica "a_preencher"'
        )
        .argument('<zip>', 'TabelaUnificada_AAAAMM_*.zip')
        .requiredOption('--out <pasta>', 'pasta de saída')
        .option('--subgrupo <NNNN>', 'só este subgrupo do grupo 09 (repetível)', collect, [])
        .option('--force', 'sobrescreve arquivos existentes')
        .action((zip: string, options: { out: string; subgrupo: string[]; force?: boolean }) =>
            run(importSigtapCommand(zip, options, io))
        );

    program
        .command('reconcile')
        .description('compara o catálogo com outra competência SIGTAP e lista o que muda (para migrar o catálogo)')
        .argument('[caminhos...]', 'arquivos .oci ou pastas do catálogo', [])
        .requiredOption('--sigtap <zip>', 'a competência SIGTAP de destino')
        .option('--format <formato>', 'text ou json', 'text')
        .action(async (paths: string[], options: { sigtap: string; format: string }) =>
            run(await reconcileCommand(paths.length ? paths : ['.'], options, io))
        );

    program
        .command('sigtap-subset')
        .description('recorta da tabela SIGTAP só as linhas de que um catálogo precisa (mesmo layout e codificação)')
        .argument('<zip>', 'TabelaUnificada_AAAAMM_*.zip')
        .requiredOption('--para <caminho>', 'arquivos .oci ou pastas do catálogo (repetível)', collect, [])
        .requiredOption('--out <arquivo>', 'zip de saída')
        .action(async (zip: string, options: { para: string[]; out: string }) =>
            run(await sigtapSubsetCommand(zip, options, io))
        );
    program
        .command('export-sigtap')
        .description(
            'escreve as OCI do catálogo nas tabelas SIGTAP (largura fixa, ISO-8859-1, layouts ao lado); --delta-de só o que difere'
        )
        .argument('[caminhos...]', 'arquivos .oci ou pastas do catálogo', [])
        .requiredOption('--competencia <AAAA-MM>', 'competência escrita em DT_COMPETENCIA')
        .requiredOption('--out <pasta>', 'pasta de saída')
        .option('--delta-de <zip>', 'competência SIGTAP de referência: só inclusões e exclusões')
        .action(async (paths: string[], options: ExportSigtapOptions) =>
            run(await exportSigtapCommand(paths, options, io))
        );
    program
        .command('anexo')
        .description('gera o anexo da portaria (DOCX): a tabela de cada OCI e, com --desde, o resumo das alterações')
        .argument('[caminhos...]', 'arquivos .oci ou pastas do catálogo', [])
        .requiredOption('--out <arquivo.docx>', 'arquivo de saída')
        .option('--desde <catalogo>', 'catálogo anterior (pasta ou catalogo.json) para o resumo das alterações')
        .option('--data <AAAA-MM-DD>', 'data da portaria impressa no anexo (padrão: hoje)')
        .action(async (paths: string[], options: AnexoOptions) => run(await anexoCommand(paths, options, io)));
    program
        .command('init')
        .description(
            'cria oci-catalogo.yaml (comentado) e o workflow de pull request (.github/workflows/catalogo.yml); não sobrescreve'
        )
        .argument('[pasta]', 'raiz do repositório do catálogo', '.')
        .option('--catalogo <pasta>', 'pasta do catálogo que o workflow verifica (relativa à raiz)', '.')
        .action((dir: string, options: { catalogo?: string }) => run(initCommand(dir, options, io)));
    registerPlanoCommand(program, run, io);
    registerAuditCommand(program, run, io);
    return program;
}

export async function main(argv: string[], io: Output = processOutput()): Promise<number> {
    let exitCode = 0;
    const program = createProgram(code => {
        exitCode = code;
    }, io);
    let commandName = '';
    program.hook('preAction', (_program, action) => {
        commandName = action.name();
    });
    resetCliOptions();
    try {
        await program.parseAsync(argv, { from: 'user' });
        return exitCode;
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? 0 : EXIT_USAGE;
        }
        if (error instanceof UsageError) {
            io.err(`oci-catalogo: ${error.message}\n`);
            // A mistake in the command line (not an unreadable or unwritable file) points to the help.
            if (!(error instanceof IoProblem))
                io.err(`(veja "oci-catalogo ${commandName ? `${commandName} ` : ''}--help")\n`);
            return EXIT_USAGE;
        }
        const e = error as { code?: string; message?: string };
        if (typeof e.code === 'string' && e.code.startsWith('sigtap/')) {
            io.err(`oci-catalogo: ${e.message} (${e.code})\n`);
            return EXIT_USAGE;
        }
        io.err(`oci-catalogo: erro inesperado: ${(error as Error)?.message ?? String(error)}\n`);
        return EXIT_USAGE;
    } finally {
        // The options were this command line's: code that runs a command in the same process afterwards starts clean.
        resetCliOptions();
    }
}
