/**
 * `anexo`: the annex of the SAES portaria (language/src/export/anexo.ts) as a DOCX the legal team
 * edits before publication; `--desde` adds the summary of changes since a previous catalogue
 * (a folder or a catalogo.json built by `build`). Written atomically.
 */
import type { Output } from './cli-options.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffCatalogos } from '../../language/src/batch.js';
import { buildAnexo, nomesSigtap, type AnexoSigtap } from '../../language/src/batch.js';
import { anexoDocx } from '../../language/src/batch.js';
import { buildCatalogoJson, type CatalogoJson } from '../../language/src/index.js';
import { writeFileAtomic } from '../../language/src/index.js';
import { buildCatalogue } from './catalogue.js';
import { loadCleanCatalogue } from './clean-catalogue.js';
import { readCatalogoJson } from './catalogue.js';
import { IoProblem, UsageError } from './workspace.js';

export interface AnexoOptions {
    out: string;
    desde?: string;
    /** AAAA-MM-DD printed as the portaria's date (default: today). */
    data?: string;
}

const ACAO = 'Geração do anexo';

async function anterior(desde: string): Promise<CatalogoJson> {
    const stat = fs.statSync(desde, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`Caminho não encontrado: ${desde}`);
    if (stat.isFile() && !desde.endsWith('.oci')) return readCatalogoJson(desde, desde);
    const built = await buildCatalogue([desde]);
    if (!built.json)
        throw new UsageError(
            `${ACAO} recusada: o catálogo anterior (${desde}) tem erros; corrija-os ou indique o catalogo.json publicado.`
        );
    return built.json;
}

function hoje(): string {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function anexoCommand(paths: string[], options: AnexoOptions, io: Output): Promise<number> {
    if (!options.out.toLowerCase().endsWith('.docx'))
        throw new UsageError(`O anexo é gravado em DOCX: use --out com a extensão .docx (recebido ${options.out})`);
    const data = options.data ?? hoje();
    const [ano = NaN, mes = NaN, dia = NaN] = data.split('-').map(Number);
    const valida =
        /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(data) &&
        new Date(Date.UTC(ano, mes - 1, dia)).getUTCDate() === dia &&
        mes >= 1 &&
        mes <= 12;
    if (!valida) throw new UsageError(`Data inválida: ${data} (use AAAA-MM-DD)`);
    const antes = options.desde !== undefined ? await anterior(options.desde) : undefined;
    const catalogue = await loadCleanCatalogue(paths, ACAO);
    const json = buildCatalogoJson(catalogue.documents, catalogue.context, catalogue.rootDir);
    const table = catalogue.context.table;
    let sigtap: AnexoSigtap | undefined;
    if (table && catalogue.context.sigtapPath)
        sigtap = { table, ...nomesSigtap(fs.readFileSync(catalogue.context.sigtapPath), table.arquivo) };
    const anexo = buildAnexo(json, {
        sigtap,
        diff: antes ? diffCatalogos(antes, json) : undefined,
        desde: options.desde && path.basename(options.desde),
        data
    });
    const bytes = await anexoDocx(anexo);
    const target = path.resolve(options.out);
    try {
        writeFileAtomic(target, bytes);
    } catch (error) {
        throw new IoProblem(
            `${ACAO}: não foi possível gravar ${options.out}: ${(error as Error).message}. Nada foi alterado.`
        );
    }
    io.out(
        `Anexo gerado: ${path.relative(process.cwd(), target) || target} (${anexo.ocis.length} OCI${antes ? `, ${anexo.alteracoes.length} alteração(ões) desde ${options.desde}` : ''}).\n`
    );
    return 0;
}
