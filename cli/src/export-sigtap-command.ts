/**
 * `export-sigtap`: writes the catalogue's OCIs as SIGTAP tables (fixed width, ISO-8859-1, the
 * layouts beside the data) for DATASUS to load into a competência; `--delta-de` writes only what
 * differs from a given competência. See language/src/export/sigtap-export.ts.
 */
import type { Output } from './cli-options.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ExportError } from '../../language/src/batch.js';
import { SUFIXO_EXCLUSAO, TABELAS_EXPORTADAS, exportSigtap } from '../../language/src/batch.js';
import { AtomicWriteError, writeFilesAtomic } from '../../language/src/index.js';
import { formatCodigo } from '../../language/src/index.js';
import { dataFile, layoutFile } from '../../language/src/index.js';
import { loadCleanCatalogue } from './clean-catalogue.js';
import { IoProblem, UsageError } from './workspace.js';

export interface ExportSigtapOptions {
    competencia: string;
    out: string;
    deltaDe?: string;
}

export type { Output } from './cli-options.js';

const ACAO = 'Exportação SIGTAP';

/** Every name the output folder may hold (the atomic group's recovery renames nothing else). */
const NOMES = Object.keys(TABELAS_EXPORTADAS)
    .flatMap(t => [t, `${t}${SUFIXO_EXCLUSAO}`])
    .flatMap(t => [dataFile(t), layoutFile(t)]);

export async function exportSigtapCommand(paths: string[], options: ExportSigtapOptions, io: Output): Promise<number> {
    const m = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(options.competencia);
    if (!m) throw new UsageError(`Competência inválida: ${options.competencia} (use AAAA-MM, por exemplo 2026-02)`);
    if (options.deltaDe !== undefined && !fs.existsSync(options.deltaDe))
        throw new UsageError(`Arquivo SIGTAP não encontrado: ${options.deltaDe}`);
    const catalogue = await loadCleanCatalogue(paths, ACAO);
    const fonte = options.deltaDe ? path.resolve(options.deltaDe) : catalogue.context.sigtapPath;
    if (!fonte)
        throw new UsageError(
            `${ACAO} recusada: o catálogo não nomeia a tabela "sigtap" de que vêm os layouts; indique-a com --delta-de.`
        );
    let result;
    try {
        result = exportSigtap(catalogue.ocis, {
            competencia: `${m[1]}${m[2]}`,
            fonte: { bytes: fs.readFileSync(fonte), arquivo: path.basename(fonte) },
            delta: options.deltaDe !== undefined
        });
    } catch (error) {
        if (error instanceof ExportError) throw new UsageError(`${ACAO} recusada: ${error.message} Nada foi gravado.`);
        throw error;
    }
    const outDir = path.resolve(options.out);
    // A full export beside a previous delta's exclusions would read as a delta: refuse the mix.
    const exclusoes =
        options.deltaDe || !fs.statSync(outDir, { throwIfNoEntry: false })?.isDirectory()
            ? []
            : fs
                  .readdirSync(outDir, { withFileTypes: true })
                  .filter(e => e.isFile() && NOMES.includes(e.name) && e.name.includes(SUFIXO_EXCLUSAO))
                  .map(e => e.name);
    if (exclusoes.length > 0) {
        throw new UsageError(
            `${ACAO} recusada: ${path.relative(process.cwd(), outDir) || '.'} já tem as exclusões de um delta (${exclusoes[0]}…); grave as tabelas completas em outra pasta. Nada foi gravado.`
        );
    }
    try {
        writeFilesAtomic(
            outDir,
            'export-sigtap',
            result.arquivos.map(a => [a.nome, a.bytes] as const),
            NOMES
        );
    } catch (error) {
        if (error instanceof AtomicWriteError) throw new IoProblem(`${ACAO}: ${error.message}`);
        throw error;
    }
    const onde = path.relative(process.cwd(), outDir) || '.';
    const linhas = Object.entries(result.linhas)
        .map(([t, n]) => `${t} ${n.inclusoes}${options.deltaDe ? ` incl./${n.exclusoes} excl.` : ''}`)
        .join(', ');
    io.out(`${ACAO} da competência ${options.competencia} em ${onde}: ${result.ocis} OCI (${linhas}).\n`);
    if (options.deltaDe) {
        const lista = (codes: string[]) => (codes.length ? codes.map(formatCodigo).join(', ') : 'nenhuma');
        io.out(
            `Diferenças para ${path.basename(options.deltaDe)}: novas ${lista(result.novas)}; alteradas ${lista(result.alteradas)}; revogadas ${lista(result.revogadas)}.\n`
        );
    }
    return 0;
}
