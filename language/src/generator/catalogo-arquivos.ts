/**
 * Writes the published forms of a catalogue into a folder — catalogo.md, catalogo.csv,
 * catalogo.html and catalogo.json — all or nothing (`writeFilesAtomic`): each is first written
 * to a hidden temporary and flushed, a journal commits the set, then the temporaries are renamed
 * over the files, catalogo.json last (downstream systems watch the JSON: when it changes, the
 * others are already in place). A process killed before the commit leaves the previous catalogue
 * as it was; killed after it (during the renames), the next write completes the new one. Used by
 * `oci-catalogo build` (cli/src/commands.ts) and the language server's "Gerar catálogo"
 * (server/src/requests.ts).
 */
import { recoverFilesAtomic, writeFilesAtomic } from '../io/atomic-write.js';
import { emitCatalogoHtml } from './catalogo-html.js';
import { serializeCatalogoPieces, type CatalogoJson } from './catalogo-json.js';
import { emitCatalogoCsv, emitCatalogoMarkdown } from './catalogo-published.js';

export const CATALOGO_ARQUIVOS = ['catalogo.md', 'catalogo.csv', 'catalogo.html', 'catalogo.json'] as const;

/** The published formats, by the extension of their file. */
export const CATALOGO_FORMATOS = ['md', 'csv', 'html', 'json'] as const;
export type CatalogoFormato = (typeof CATALOGO_FORMATOS)[number];

/** Name of the journal of a catalogue write: `.catalogo.PID.STAMP.journal`. */
export const CATALOGO_GRUPO = 'catalogo';

/**
 * Writes the four files into `outDir` (created when missing); returns their absolute paths, the
 * JSON last. Each text is written in pieces as it is made (the JSON one OCI at a time,
 * serializeCatalogoPieces), never held whole: a catalogue of 10,000 OCIs (about 120 MB of output)
 * adds no large text to the heap. The bytes are those of catalogoMarkdown, catalogoCsv, catalogoHtml and
 * serializeCatalogo (test/cli/catalogo-arquivos.test.ts).
 */
export function writeCatalogoFiles(
    json: CatalogoJson,
    outDir: string,
    formatos: readonly CatalogoFormato[] = CATALOGO_FORMATOS
): string[] {
    const all: Array<[string, (emit: (piece: string) => void) => void]> = [
        ['catalogo.md', emit => emitCatalogoMarkdown(json, emit)],
        ['catalogo.csv', emit => emitCatalogoCsv(json, emit)],
        ['catalogo.html', emit => emitCatalogoHtml(json, emit)],
        [
            'catalogo.json',
            emit => {
                for (const piece of serializeCatalogoPieces(json)) emit(piece);
            }
        ]
    ];
    // Only the formats asked for (oci-catalogo.yaml `saidas.formatos`), in the same order: the JSON last.
    return writeFilesAtomic(
        outDir,
        CATALOGO_GRUPO,
        all.filter(([name]) => formatos.includes(name.slice('catalogo.'.length) as CatalogoFormato)),
        CATALOGO_ARQUIVOS
    );
}

/** Completes a catalogue write into `outDir` that was committed but interrupted; returns how many it completed. */
export function recoverCatalogoFiles(outDir: string): number {
    return recoverFilesAtomic(outDir, CATALOGO_GRUPO, CATALOGO_ARQUIVOS);
}
