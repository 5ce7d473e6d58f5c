/**
 * Loads the `.oci` files named on the command line (files or folders, recursively) into one
 * Langium workspace, together with the catalogue header that governs them when it lives in a
 * folder above (so `check examples/pmae/oncologia.oci` still knows its competência).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { SourceFileSystem, readSourceFile } from '../../language/src/node.js';
import type { Documento } from '../../language/src/index.js';
import { createOciCoreServices, type OciServices } from '../../language/src/index.js';
import type { LangiumSharedCoreServices } from 'langium';
import { parseMoney } from '../../language/src/index.js';
import { ruleSeverityPolicy } from '../../language/src/index.js';
import { IoProblem, UsageError, cliOptions } from './cli-options.js';
import { flagOrConfig, loadCliConfig, type CliConfig } from './config.js';

export { IoProblem, UsageError, cliOptions } from './cli-options.js';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out']);
const HEADER_PATTERN = /^\s*cat(?:a|á|a\u0301)logo\s+["']/m;

export interface LoadedWorkspace {
    shared: LangiumSharedCoreServices;
    services: OciServices;
    documents: Array<LangiumDocument<Documento>>;
    /** The workspace configuration that governed the command (oci-catalogo.yaml). */
    config: CliConfig;
}

export function collectOciFiles(paths: string[]): string[] {
    const files = new Set<string>();
    for (const given of paths) {
        const absolute = path.resolve(given);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(absolute);
        } catch {
            throw new UsageError(`Caminho não encontrado: ${given}`);
        }
        if (stat.isDirectory()) walk(absolute, files);
        else if (absolute.endsWith('.oci')) files.add(absolute);
        else throw new UsageError(`Não é um arquivo .oci nem uma pasta: ${given}`);
    }
    if (files.size === 0) throw new UsageError(`Nenhum arquivo .oci em: ${paths.join(', ')}`);
    for (const header of ancestorHeaders([...files])) files.add(header);
    return [...files].sort();
}

function walk(dir: string, into: Set<string>): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full, into);
        } else if (entry.isFile() && entry.name.endsWith('.oci')) {
            into.add(full);
        }
    }
}

/** Header files in the given files' folders or the folders above, nearest first, when none of the files has one. */
function ancestorHeaders(files: string[]): string[] {
    const found = new Set<string>();
    const dirs = new Set(files.map(f => path.dirname(f)));
    const given = new Set(files);
    for (const start of dirs) {
        if (files.some(f => path.dirname(f) === start && isHeaderFile(f))) continue;
        // The header may sit beside the file (it governs its own folder) or in a folder above.
        let dir = start;
        let previous = '';
        while (dir !== previous) {
            const headers = listOci(dir).filter(isHeaderFile);
            if (headers.length > 0) {
                headers.filter(h => !given.has(h)).forEach(h => found.add(h));
                break;
            }
            previous = dir;
            dir = path.dirname(dir);
        }
    }
    return [...found];
}

function listOci(dir: string): string[] {
    try {
        return fs
            .readdirSync(dir)
            .filter(n => n.endsWith('.oci'))
            .map(n => path.join(dir, n));
    } catch {
        return [];
    }
}

function isHeaderFile(file: string): boolean {
    try {
        return HEADER_PATTERN.test(readSourceFile(file).text);
    } catch {
        return false;
    }
}

/**
 * Folders a header's `sigtap` zip may be in: the current folder, each path given on the command
 * line (its folder, for a file) and the folder of every file read (headers found above included).
 */
export function workspaceRoots(paths: string[], files: string[]): string[] {
    const given = paths.map(p => {
        const absolute = path.resolve(p);
        return fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ? absolute : path.dirname(absolute);
    });
    return [...new Set([process.cwd(), ...given, ...files.map(f => path.dirname(f))])];
}

export async function loadWorkspace(
    paths: string[],
    options: {
        validation: boolean;
        tolerancia?: string;
        sigtapOverride?: string;
    }
): Promise<LoadedWorkspace> {
    const config = loadCliConfig(paths);
    // A repository with several catalogues names their roots once (catalogos:); "check" with no path checks them all.
    if (config.file && config.config.catalogos && paths.length === 1 && path.resolve(paths[0]!) === process.cwd()) {
        const roots = config.config.catalogos.map(c => path.resolve(path.dirname(config.file!), c));
        cliOptions.log(
            `catálogos (arquivo de configuração): ${roots.map(r => path.relative(process.cwd(), r) || '.').join(', ')}\n`
        );
        paths = roots;
    }
    const files = collectOciFiles(paths);
    const { shared, Oci } = createOciCoreServices(SourceFileSystem);
    ruleSeverityPolicy(shared).resolve = uri => config.regrasFor(uri);
    const tolerancia = flagOrConfig('tolerância', options.tolerancia, config.config.tolerancia);
    if (tolerancia !== undefined) {
        const parsed = parseMoney(tolerancia.startsWith('R$') ? tolerancia : `R$ ${tolerancia}`);
        if (!parsed) throw new UsageError(`Tolerância inválida: ${tolerancia} (use, por exemplo, 0,01)`);
        Oci.catalogo.Settings.toleranciaValor = parsed.value;
    }
    if (config.config.sigtap && config.file) {
        Oci.catalogo.Settings.sigtapExternos = config.config.sigtap.externos.map(p =>
            path.resolve(path.dirname(config.file!), p)
        );
    }
    if (options.sigtapOverride) Oci.catalogo.Settings.sigtapOverride = options.sigtapOverride;
    Oci.catalogo.Settings.workspaceRoots = workspaceRoots(paths, files);
    if (cliOptions.sigtapExterno) Oci.catalogo.Settings.permitirSigtapExterno = true;
    const langiumDocuments = shared.workspace.LangiumDocuments;
    const documents: Array<LangiumDocument<Documento>> = [];
    for (const file of files) {
        try {
            documents.push((await langiumDocuments.getOrCreateDocument(URI.file(file))) as LangiumDocument<Documento>);
        } catch (error) {
            throw new IoProblem(
                `Não foi possível ler ${path.relative(process.cwd(), file)}: ${(error as Error).message}`
            );
        }
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: options.validation });
    return { shared, services: Oci, documents, config };
}
