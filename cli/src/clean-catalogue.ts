/**
 * The one catalogue named on the command line, validated and free of errors: what the downstream
 * exports (`export-sigtap`, `anexo`) start from. A catalogue with errors is refused with one
 * message (exit 2) — nothing built from it is published.
 */
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { isOci, type Documento, type Oci } from '../../language/src/index.js';
import type { CatalogoContext } from '../../language/src/index.js';
import { collectReport, type CheckReport } from './diagnostics.js';
import { UsageError, loadWorkspace } from './workspace.js';

export interface CleanCatalogue {
    context: CatalogoContext;
    /** The header document and the documents it governs. */
    documents: Array<LangiumDocument<Documento>>;
    ocis: Oci[];
    /** Folder of the header file. */
    rootDir: string;
    report: CheckReport;
}

/** `acao` says what is refused, e.g. "Exportação SIGTAP". */
export async function loadCleanCatalogue(
    paths: string[],
    acao: string,
    options: { sigtapOverride?: string } = {}
): Promise<CleanCatalogue> {
    const { services, documents } = await loadWorkspace(paths.length ? paths : ['.'], {
        validation: true,
        sigtapOverride: options.sigtapOverride
    });
    const report = collectReport(documents);
    const errors = report.diagnostics.filter(d => d.severity === 'error');
    const [e] = errors;
    if (e !== undefined) {
        throw new UsageError(
            `${acao} recusada: o catálogo tem ${errors.length} erro(s) — o primeiro em ${e.file}:${e.line}: [${e.code}] ${e.message}. ` +
                'Corrija-os (oci-catalogo check); nada foi gravado.'
        );
    }
    const headers = services.catalogo.Context.headerDocuments().filter(h => documents.includes(h));
    const [header] = headers;
    if (header === undefined || headers.length !== 1) {
        throw new UsageError(
            headers.length === 0
                ? `${acao} recusada: nenhum cabeçalho "catalogo" entre os arquivos.`
                : `${acao} recusada: há ${headers.length} catálogos entre os arquivos; indique um de cada vez.`
        );
    }
    const governed = documents.filter(d => services.catalogo.Context.findHeaderDocument(d) === header);
    const ocis = governed.flatMap(d => d.parseResult.value.elementos.filter(isOci));
    return {
        context: services.catalogo.Context.forDocument(header),
        documents: governed,
        ocis,
        rootDir: path.dirname(header.uri.fsPath),
        report
    };
}
