/**
 * `oci-catalogo diff OLD NEW [--format markdown|json] [--volumes volumes.csv] [--git]`: the
 * semantic diff of two catalogues (language/src/diff), for a pull-request comment.
 *
 * OLD and NEW are catalogue folders (or `.oci` files), built in memory exactly like `build`
 * (refused, exit 1, when they have errors), or built `catalogo.json` files. With `--git`:
 *   diff --git REV PASTA          REV's copy of PASTA against the working tree's
 *   diff --git REV1 REV2 PASTA    REV1's copy against REV2's
 * Exit codes: 0 diff printed, 1 a catalogue has errors, 2 usage or I/O problem.
 */
import type { Output } from './cli-options.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogoJson } from '../../language/src/index.js';
import { diffCatalogos, serializeDiff } from '../../language/src/batch.js';
import { diffMarkdown } from '../../language/src/batch.js';
import { VolumesError, parseVolumes } from '../../language/src/batch.js';
import { buildCatalogue, readCatalogoJson } from './catalogue.js';
import { formatText } from './diagnostics.js';
import { materializeRevision, type Snapshot } from './git.js';
import { UsageError } from './workspace.js';
import type { CliConfig } from './config.js';
import { diffConfigs } from '../../language/src/index.js';

export interface DiffOptions {
    format: string;
    volumes?: string;
    git?: boolean;
    tolerancia?: string;
}

/** A catalogue to compare: its JSON, or the exit code that refused it. */
type Loaded = { json: CatalogoJson; label: string; config?: CliConfig; cwd?: string } | { exit: number };

const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

/** Builds a catalogue folder (or reads a catalogo.json); prints the errors that refuse it. */
async function load(
    given: string,
    role: string,
    options: DiffOptions,
    io: Output,
    shown?: { label: string; cwd: string; revision: string }
): Promise<Loaded> {
    const label = shown?.label ?? given;
    let stat: fs.Stats;
    try {
        stat = fs.statSync(given);
    } catch {
        throw new UsageError(`Caminho não encontrado: ${given}`);
    }
    if (stat.isFile() && !given.endsWith('.oci')) return { json: readCatalogoJson(given, label), label };
    const built = await buildCatalogue([given], { tolerancia: options.tolerancia, cwd: shown?.cwd });
    if (!built.json) {
        const errors = built.report.diagnostics
            .filter(d => d.severity === 'error')
            .map(d => (shown ? { ...d, file: `${shown.revision}:${d.file}` } : d));
        io.err(`Catálogo ${role} (${label}) tem erros: sem diferença calculada.\n`);
        io.err(formatText({ ...built.report, diagnostics: errors }));
        return { exit: built.ioProblem ? EXIT_USAGE : EXIT_ERRORS };
    }
    return { json: built.json, label, config: built.config, cwd: shown?.cwd };
}

async function loadRevision(
    revision: string,
    folder: string,
    role: string,
    options: DiffOptions,
    io: Output
): Promise<Loaded> {
    let snapshot: Snapshot | undefined;
    try {
        snapshot = materializeRevision(revision, folder);
        return await load(snapshot.target, role, options, io, {
            label: snapshot.label,
            cwd: snapshot.mirrorRoot,
            revision
        });
    } finally {
        snapshot?.cleanup();
    }
}

export async function diffCommand(args: string[], options: DiffOptions, io: Output): Promise<number> {
    if (options.format !== 'markdown' && options.format !== 'json') {
        throw new UsageError(`Formato desconhecido: ${options.format} (use markdown ou json)`);
    }
    let volumes: Map<string, number> | undefined;
    if (options.volumes !== undefined) {
        let text: string;
        try {
            text = fs.readFileSync(options.volumes, 'utf8');
        } catch {
            throw new UsageError(`Arquivo de volumes não encontrado: ${options.volumes}`);
        }
        try {
            volumes = parseVolumes(text, path.basename(options.volumes));
        } catch (error) {
            if (!(error instanceof VolumesError)) throw error;
            io.err(`${error.problems.join('\n')}\n`);
            throw new UsageError(
                `Arquivo de volumes inválido: ${options.volumes} (${error.problems.length} problema(s); esperado "código,quantidade" por linha)`
            );
        }
    }

    let antigo: Loaded;
    let novo: Loaded;
    // Each name is read only where the number of arguments says it was given.
    const [first = '', second = '', third = ''] = args;
    if (options.git) {
        if (args.length === 2) {
            const [revision, folder] = [first, second];
            antigo = await loadRevision(revision, folder, 'antigo', options, io);
            if ('exit' in antigo) return antigo.exit;
            novo = await load(folder, 'novo', options, io);
        } else if (args.length === 3) {
            const [before, after, folder] = [first, second, third];
            antigo = await loadRevision(before, folder, 'antigo', options, io);
            if ('exit' in antigo) return antigo.exit;
            novo = await loadRevision(after, folder, 'novo', options, io);
        } else {
            throw new UsageError(
                'diff --git espera REVISÃO PASTA (contra a árvore de trabalho) ou REVISÃO1 REVISÃO2 PASTA'
            );
        }
    } else {
        if (args.length !== 2)
            throw new UsageError('diff espera ANTIGO NOVO (pastas de catálogo ou catalogo.json); com --git, revisões');
        antigo = await load(first, 'antigo', options, io);
        if ('exit' in antigo) return antigo.exit;
        novo = await load(second, 'novo', options, io);
    }
    if ('exit' in novo) return novo.exit;

    const diff = diffCatalogos(antigo.json, novo.json, volumes);
    // Each file shown relative to its own tree (a revision's copy lives in a temporary mirror of the repository).
    const shownFrom = (side: { cwd?: string }) => (file: string) =>
        path
            .relative(side.cwd ?? process.cwd(), file)
            .split(path.sep)
            .join('/') || file;
    const configuracao = diffConfigs(antigo.config, novo.config, shownFrom(antigo));
    if (configuracao) {
        if (novo.config?.file) configuracao.arquivo.depois = shownFrom(novo)(novo.config.file);
        diff.configuracao = configuracao;
    }
    io.out(
        options.format === 'json'
            ? serializeDiff(diff)
            : diffMarkdown(diff, {
                  antigo: antigo.label,
                  novo: novo.label,
                  volumes: options.volumes ? path.basename(options.volumes) : undefined
              })
    );
    return 0;
}
