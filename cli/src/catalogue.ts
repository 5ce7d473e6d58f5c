/**
 * Builds the JSON catalogue of the `.oci` files named on the command line, in memory: the one
 * code path `build` writes to disk and `diff` compares. Refuses (no JSON) when there are errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Documento } from '../../language/src/index.js';
import { CATALOGO_JSON_FORMAT, buildCatalogoJson, type CatalogoJson } from '../../language/src/index.js';
import { collectReport, type CheckReport } from './diagnostics.js';
import { UsageError, loadWorkspace } from './workspace.js';
import type { CliConfig } from './config.js';

/**
 * Diagnostic codes that mean the SIGTAP input is unusable: unreadable, of another competência, outside the workspace
 * (exit 2).
 */
export const IO_CODES = new Set([
    'catalogo/sigtap-invalido',
    'catalogo/competencia-divergente',
    'catalogo/sigtap-fora-do-workspace'
]);

export interface BuiltCatalogue {
    /** Every diagnostic of the files (paths relative to `cwd`). */
    report: CheckReport;
    /** The catalogue; undefined when the report has errors. */
    json?: CatalogoJson;
    /** True when an error is an I/O problem (the SIGTAP table could not be read). */
    ioProblem: boolean;
    /** The workspace configuration that governed the build. */
    config: CliConfig;
}

export async function buildCatalogue(
    paths: string[],
    options: { tolerancia?: string; cwd?: string } = {}
): Promise<BuiltCatalogue> {
    const cwd = options.cwd ?? process.cwd();
    const { services, documents, config } = await loadWorkspace(paths.length ? paths : ['.'], {
        validation: true,
        tolerancia: options.tolerancia
    });
    const report = collectReport(documents, cwd);
    const ioProblem = report.diagnostics.some(d => IO_CODES.has(d.code));
    if (report.summary.errors > 0) return { report, ioProblem, config };
    const headers = services.catalogo.Context.headerDocuments().filter(h => documents.includes(h));
    const [header] = headers;
    if (header === undefined || headers.length !== 1) {
        throw new UsageError(
            headers.length === 0
                ? 'Nenhum cabeçalho "catalogo" entre os arquivos: o catálogo precisa de nome e competência'
                : `Há ${headers.length} catálogos entre os arquivos (${headers.map(h => path.relative(cwd, h.uri.fsPath)).join(', ')}): gere um de cada vez`
        );
    }
    const context = services.catalogo.Context.forDocument(header);
    const governed = documents.filter(d => services.catalogo.Context.findHeaderDocument(d) === header);
    const rootDir = path.dirname(header.uri.fsPath);
    const json = buildCatalogoJson(governed as Array<LangiumDocument<Documento>>, context, rootDir);
    return { report, json, ioProblem, config };
}

/** A catalogue built earlier (`catalogo.json`), checked to be one before it is used. */
export function readCatalogoJson(file: string, label: string = file): CatalogoJson {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
        throw new UsageError(`${label}: não é um catálogo JSON legível (${(error as Error).message})`);
    }
    const c = parsed as Partial<CatalogoJson> | null;
    if (
        !c ||
        typeof c !== 'object' ||
        c.formato !== CATALOGO_JSON_FORMAT ||
        !Array.isArray(c.ocis) ||
        !c.catalogo ||
        !c.resumo
    ) {
        throw new UsageError(
            `${label}: não é um catálogo gerado por "oci-catalogo build" (formato ${CATALOGO_JSON_FORMAT})`
        );
    }
    return c as CatalogoJson;
}
