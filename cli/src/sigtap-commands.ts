/** `import-sigtap` and `reconcile`: moving the catalogue along the monthly SIGTAP competência. */
import type { Output } from './cli-options.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importSigtap } from '../../language/src/index.js';
import { writeFileAtomic } from '../../language/src/index.js';
import { loadSigtapFile } from '../../language/src/index.js';
import type { LangiumDocument } from 'langium';
import { isOci, type Documento } from '../../language/src/index.js';
import { formatCodigo, normalizeCodigo } from '../../language/src/index.js';
import { formatCompetencia } from '../../language/src/index.js';
import { collectReport, formatJson, formatText } from './diagnostics.js';
import { UsageError, loadWorkspace } from './workspace.js';
import { isInside, realPath } from '../../language/src/index.js';

export type { Output } from './cli-options.js';

/**
 * Writes one `.oci` file per subgroup (plus `catalogo.oci`) for the OCIs of a SIGTAP zip.
 * Existing files are never overwritten without `--force`. The header names the zip relative to
 * the catalogue's folder; a zip outside that folder is first copied into its `sigtap/` folder, so
 * the catalogue is whole and `check` reads the same table from any working directory (a zip
 * outside the folders of the command line is refused: catalogo/sigtap-fora-do-workspace).
 */
export function importSigtapCommand(
    zip: string,
    options: { out: string; subgrupo: string[]; force?: boolean },
    io: Output
): number {
    if (!fs.existsSync(zip)) throw new UsageError(`Arquivo SIGTAP não encontrado: ${zip}`);
    for (const s of options.subgrupo) {
        if (!/^09[0-9]{2}$/.test(s))
            throw new UsageError(`Subgrupo inválido: ${s} (use 4 dígitos do grupo 09, por exemplo 0901)`);
    }
    const table = loadSigtapFile(zip);
    const outDir = path.resolve(options.out);
    const inside = isInside(realPath(zip), realPath(outDir));
    const zipInCatalogue = inside ? path.resolve(zip) : path.join(outDir, 'sigtap', path.basename(zip));
    const sigtapNoCabecalho = path.relative(outDir, zipInCatalogue).split(path.sep).join('/');
    const result = importSigtap(table, { subgrupos: options.subgrupo, sigtapNoCabecalho });
    if (result.ocis === 0)
        throw new UsageError(
            `Nenhuma OCI ${options.subgrupo.length ? `nos subgrupos ${options.subgrupo.join(', ')} ` : ''}na tabela ${path.basename(zip)}`
        );
    const zipBytes = inside ? undefined : fs.readFileSync(zip);
    const existing = result.arquivos.map(a => path.join(outDir, a.nome)).filter(f => fs.existsSync(f));
    // The same table already copied is not a conflict; another file under that name is.
    if (zipBytes && fs.existsSync(zipInCatalogue) && !fs.readFileSync(zipInCatalogue).equals(zipBytes))
        existing.push(zipInCatalogue);
    if (existing.length > 0 && !options.force) {
        throw new UsageError(
            `Já existem ${existing.map(f => path.relative(process.cwd(), f)).join(', ')}: nada foi gravado (use --force para sobrescrever)`
        );
    }
    if (zipBytes) writeFileAtomic(zipInCatalogue, zipBytes);
    for (const arquivo of result.arquivos) writeFileAtomic(path.join(outDir, arquivo.nome), arquivo.texto);
    io.out(
        `Importadas ${result.ocis} OCI da competência ${formatCompetencia(table.competencia)} em ${path.relative(process.cwd(), outDir) || '.'}: ${result.arquivos.map(a => a.nome).join(', ')}\n`
    );
    if (zipBytes)
        io.out(
            `Tabela SIGTAP copiada para ${path.relative(process.cwd(), zipInCatalogue)} (o cabeçalho a nomeia como "${sigtapNoCabecalho}"; para um arquivo menor, "oci-catalogo sigtap-subset" recorta só o que o catálogo usa).\n`
        );
    for (const a of result.naoMapeados) {
        io.out(
            `Atributo SIGTAP ${a.atributo} "${a.texto}" da OCI ${formatCodigo(a.oci)} não traduzido (${a.motivo}): grupo a_preencher.\n`
        );
    }
    io.out(
        'Consulta especializada obrigatória em toda OCI, por convenção do programa (NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS); a tabela a traz como compatível.\n'
    );
    io.out(
        'Preencha o que está marcado "a_preencher" (tR, tM, conclusão, estimativas, frequências); "oci-catalogo check" aponta cada um.\n'
    );
    return 0;
}

const RECONCILIATION =
    /^(sigtap\/|procedimento\/(inexistente|grupo-09)|cid\/inexistente|catalogo\/(competencia-divergente|sigtap-invalido))/;

/**
 * Checks a catalogue against another SIGTAP zip (typically next month's) and reports only the
 * differences with the table: what an analyst must change to move the catalogue to it.
 */
export async function reconcileCommand(
    paths: string[],
    options: { sigtap: string; format: string },
    io: Output
): Promise<number> {
    if (!fs.existsSync(options.sigtap)) throw new UsageError(`Arquivo SIGTAP não encontrado: ${options.sigtap}`);
    if (options.format !== 'text' && options.format !== 'json')
        throw new UsageError(`Formato desconhecido: ${options.format} (use text ou json)`);
    const table = loadSigtapFile(options.sigtap);
    const { documents } = await loadWorkspace(paths, {
        validation: true,
        sigtapOverride: path.resolve(options.sigtap)
    });
    const full = collectReport(documents);
    const diagnostics = full.diagnostics.filter(
        d => RECONCILIATION.test(d.code) && d.code !== 'catalogo/competencia-divergente'
    );
    const catalogued = collectOciCodes(documents);
    const novas = table
        .ociCodigos()
        .filter(c => !catalogued.has(c))
        .map(c => ({ codigo: formatCodigo(c), nome: table.oci(c)?.nome ?? '' }));
    const report = {
        diagnostics,
        novasNaTabela: novas,
        summary: {
            ...full.summary,
            errors: diagnostics.filter(d => d.severity === 'error').length,
            warnings: diagnostics.filter(d => d.severity === 'warning').length,
            infos: diagnostics.filter(d => d.severity === 'info').length
        }
    };
    if (options.format === 'json') io.out(formatJson(report));
    else {
        io.out(
            `Conciliação com ${path.basename(options.sigtap)} (competência ${formatCompetencia(table.competencia)}): ${diagnostics.length} diferença(s) nas OCI do catálogo, ${novas.length} OCI da tabela fora do catálogo\n`
        );
        io.out(formatText(report));
        for (const n of novas)
            io.out(
                `OCI na tabela e fora do catálogo: ${n.codigo} ${n.nome} (oci-catalogo import-sigtap traz sua composição)\n`
            );
    }
    return diagnostics.length > 0 || novas.length > 0 ? 1 : 0;
}

function collectOciCodes(documents: Array<LangiumDocument<Documento>>): Set<string> {
    const codes = new Set<string>();
    for (const doc of documents) {
        for (const e of doc.parseResult.value.elementos) {
            const c = isOci(e) ? normalizeCodigo(e.codigo) : undefined;
            if (c) codes.add(c);
        }
    }
    return codes;
}
