/** The `oci-catalogo` commands. Exit codes: 0 clean, 1 errors found, 2 usage or I/O problem. */
import type { Output } from './cli-options.js';
import { configuredRules, flagOrConfig } from './config.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeCatalogoFiles } from '../../language/src/index.js';
import { AtomicWriteError, writeFileAtomic } from '../../language/src/index.js';
import { formatMoney, fromCentavos } from '../../language/src/index.js';
import { collectProcedureCodes } from '../../language/src/index.js';
import { loadSigtapFile } from '../../language/src/index.js';
import { cutSigtapSubset, subsetCodesFor } from '../../language/src/index.js';
import { OciFormatter } from '../../language/src/index.js';
import { decodeSource, encodeSource, hexByte } from '../../language/src/index.js';
import { Rules } from '../../language/src/index.js';
import { collectReport, formatJson, formatText, type CheckReport } from './diagnostics.js';
import { IO_CODES, buildCatalogue } from './catalogue.js';
import { formatGithub, formatSarif, repositoryRoot } from './ci-formats.js';
import { IoProblem, UsageError, collectOciFiles, loadWorkspace } from './workspace.js';
import { EmptyFileSystem } from 'langium';
import { createOciCoreServices } from '../../language/src/index.js';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

export type { Output } from './cli-options.js';

const CHECK_FORMATS: Record<string, (report: CheckReport) => string> = {
    text: formatText,
    json: formatJson,
    github: formatGithub,
    sarif: formatSarif
};

export async function checkCommand(
    paths: string[],
    options: { format: string; tolerancia?: string },
    io: Output
): Promise<number> {
    const formatter = Object.hasOwn(CHECK_FORMATS, options.format) ? CHECK_FORMATS[options.format] : undefined;
    if (!formatter) {
        throw new UsageError(`Formato desconhecido: ${options.format} (use text, json, github ou sarif)`);
    }
    const { documents, config } = await loadWorkspace(paths.length ? paths : ['.'], {
        validation: true,
        tolerancia: options.tolerancia
    });
    // GitHub annotations and SARIF name files relative to the repository root; text and json to the current folder.
    const ci = options.format === 'github' || options.format === 'sarif';
    const report = collectReport(documents, ci ? repositoryRoot() : process.cwd(), config.config.idioma);
    const configuracao = configuredRules(config);
    if (configuracao) report.configuracao = configuracao;
    io.out(formatter(report));
    if (report.diagnostics.some(d => IO_CODES.has(d.code))) return EXIT_USAGE;
    return report.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

export async function buildCommand(
    paths: string[],
    options: { out?: string; tolerancia?: string },
    io: Output
): Promise<number> {
    const { report, json, ioProblem, config } = await buildCatalogue(paths, { tolerancia: options.tolerancia });
    const pastaDoArquivo =
        config.file && config.config.saidas?.pasta
            ? path.resolve(path.dirname(config.file), config.config.saidas.pasta)
            : undefined;
    const out = flagOrConfig('pasta de saída', options.out, pastaDoArquivo);
    if (out === undefined)
        throw new UsageError('Informe a pasta de saída: --out PASTA (ou saidas.pasta no oci-catalogo.yaml)');
    if (!json) {
        io.err(formatText({ ...report, diagnostics: report.diagnostics.filter(d => d.severity === 'error') }));
        io.err('Catálogo NÃO gerado: corrija os erros acima (nada foi escrito).\n');
        return ioProblem ? EXIT_USAGE : EXIT_ERRORS;
    }
    // All four files or none; the JSON renamed last (downstream systems watch it) — see writeCatalogoFiles.
    let written: string[];
    try {
        written = writeCatalogoFiles(json, path.resolve(out), config.config.saidas?.formatos);
    } catch (error) {
        if (error instanceof AtomicWriteError)
            throw new IoProblem(
                `${error.committed ? 'Catálogo gravado só em parte' : 'Catálogo NÃO gerado'}: ${error.message}`
            );
        throw error;
    }
    const total = formatMoney(fromCentavos(json.resumo.valorTotal.centavos));
    const shown = written.map(f => path.relative(process.cwd(), f) || f);
    io.out(
        `Catálogo gerado: ${shown.at(-1)}${shown.length > 1 ? `, com ${listaPt(shown.slice(0, -1).map(f => path.basename(f)))}` : ''} (${json.resumo.ocis} OCI, soma dos valores ${total}; competência SIGTAP ${json.catalogo.sigtap?.competencia ?? '—'})\n`
    );
    if (report.summary.warnings > 0) io.out(`${report.summary.warnings} aviso(s): veja "oci-catalogo check".\n`);
    return EXIT_OK;
}

export async function sigtapSubsetCommand(
    zip: string,
    options: { para: string[]; out: string },
    io: Output
): Promise<number> {
    if (!fs.existsSync(zip)) throw new UsageError(`Arquivo SIGTAP não encontrado: ${zip}`);
    const table = loadSigtapFile(zip);
    const { documents } = await loadWorkspace(options.para, { validation: false });
    const requested = collectProcedureCodes(documents);
    if (requested.size === 0) throw new UsageError('Nenhum código de procedimento nos arquivos indicados em --para');
    const codes = subsetCodesFor(table, requested);
    const bytes = cutSigtapSubset(fs.readFileSync(zip), codes);
    writeFileAtomic(path.resolve(options.out), bytes);
    io.out(
        `Subconjunto SIGTAP gravado: ${options.out} (${codes.size} procedimentos de ${table.procedimentos.size}; ${(bytes.length / 1024).toFixed(0)} KiB)\n`
    );
    return EXIT_OK;
}

/**
 * Formats `.oci` files in place (atomically), or with `--check` only lists the files that are
 * not formatted (exit 1), for CI. Files with syntax errors are left untouched and reported; a file
 * that is not UTF-8 too, with exit 2 (source-encoding.ts). A UTF-8 byte order mark is kept.
 */
export async function formatCommand(paths: string[], options: { check?: boolean }, io: Output): Promise<number> {
    const files = collectOciFiles(paths.length ? paths : ['.']);
    const formatter = new OciFormatter(createOciCoreServices(EmptyFileSystem).Oci);
    let unformatted = 0;
    let refused = 0;
    let notUtf8 = 0;
    for (const file of files) {
        const bytes = fs.readFileSync(file);
        const { text, bom, problem } = decodeSource(bytes);
        const shown = path.relative(process.cwd(), file);
        if (problem) {
            // Rewriting a misread file would corrupt it: refused, the file untouched (exit 2).
            notUtf8++;
            io.err(
                `${shown}:${problem.line}:${problem.column}: não formatado: ${Rules.arquivoCodificacao.message(hexByte(problem.byte), problem.line, problem.column, problem.encoding, problem.asEncoding ?? '')}\n`
            );
            continue;
        }
        const result = formatter.format(text);
        if (result.text === undefined) {
            refused++;
            io.err(`${shown}: não formatado: ${result.reason}\n`);
        } else if (result.text !== text) {
            unformatted++;
            if (options.check) io.out(`${shown}: fora do formato\n`);
            else {
                // The byte order mark, when the file has one, stays.
                writeFileAtomic(file, encodeSource(result.text, bom));
                io.out(`${shown}: formatado\n`);
            }
        }
    }
    if (notUtf8 > 0) return EXIT_USAGE;
    if (refused > 0) return EXIT_ERRORS;
    return options.check && unformatted > 0 ? EXIT_ERRORS : EXIT_OK;
}

/** "a", "a e b", "a, b e c". */
function listaPt(items: string[]): string {
    return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} e ${items.at(-1)}`;
}
