/** Helpers of the PAR and SE tests: services over an in-memory workspace with the example rol. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPlanoCoreServices } from '../../language/src/plano/plano-module.js';
import { planoCommand, type PlanoOptions } from '../../cli/src/plano-command.js';
import { cliOptions, resetCliOptions } from '../../cli/src/cli-options.js';
import { REPO_ROOT } from '../helpers.js';

export const WS = '/ws';

/**
 * The example PAR's folder: a document placed here (in memory) finds the example's
 * `execucao "execucao.json"` on disk; in /ws, the file does not exist (incentivo/execucao-indisponivel).
 */
export const PASTA_PAR = path.join(REPO_ROOT, 'examples/par');

export function createServices() {
    return createPlanoCoreServices(EmptyFileSystem);
}

export type PlanoTestServices = ReturnType<typeof createServices>;

/** The OCIs of examples/pmae (without the header, so as not to read the SIGTAP table): the rol the tests' PARs use. */
export function rolDeExemplo(): Record<string, string> {
    const dir = path.join(REPO_ROOT, 'examples/pmae');
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.oci') && n !== 'catalogo.oci')) {
        files[`rol/${name}`] = fs.readFileSync(path.join(dir, name), 'utf8');
    }
    return files;
}

export async function build(services: PlanoTestServices, files: Record<string, string>): Promise<LangiumDocument[]> {
    await clearDocuments(services.shared);
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents = services.shared.workspace.LangiumDocuments;
    const docs = Object.entries(files).map(([name, text]) => {
        // An absolute name stays where it says (e.g. in PASTA_PAR); the others go in /ws.
        const doc = factory.fromString(text, URI.file(path.isAbsolute(name) ? name : path.posix.join(WS, name)));
        documents.addDocument(doc);
        return doc;
    });
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

export function exemplo(rel: string): string {
    return fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
}

export function codigos(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map(d => String(d.code));
}

/** The options of the whole command line (`--sigtap-externo`, `--config`) for a command run in process. */
export type CommandLineOptions = Partial<Pick<typeof cliOptions, 'sigtapExterno' | 'config'>>;

/**
 * `oci-catalogo plano` in this process (no catalogue and text output unless `opcoes` say otherwise): the exit
 * code, the standard output, the standard error and both as they were written, in order.
 */
export async function runPlano(
    caminhos: string[],
    opcoes: Partial<PlanoOptions> = {},
    global: CommandLineOptions = {}
): Promise<{ codigo: number; out: string; err: string; all: string }> {
    let out = '';
    let err = '';
    let all = '';
    // As the command line does: options left by a command run earlier in this process (--config) do not apply.
    resetCliOptions();
    Object.assign(cliOptions, global);
    const codigo = await planoCommand(
        caminhos,
        { catalogo: [], format: 'text', ...opcoes },
        {
            out: t => {
                out += t;
                all += t;
            },
            err: t => {
                err += t;
                all += t;
            }
        }
    );
    return { codigo, out, err, all };
}
