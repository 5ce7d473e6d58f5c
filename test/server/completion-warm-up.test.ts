/**
 * The completion's search indexes are built in the background after a build (completion-provider.ts), but never while
 * documents keep coming: an editor opening a workspace sends one didOpen per file, and the first files can be built
 * before the next ones arrive. An update puts the warm-up off until 100 ms after the next completed build.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentState, TextDocument, URI } from 'langium';
import { afterAll, describe, expect, it } from 'vitest';
import type { SigtapTable } from '../../language/src/index.js';
import { hasProcedureIndex } from '../../server/src/procedure-search.js';
import { MAMA, REPO_ROOT } from '../helpers.js';
import { buildLspWorkspace, lspServicesPerFile } from './lsp-helpers.js';

const services = lspServicesPerFile();
// A zip of its own, so that this test's table is a table no other test has indexed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-warm-up-'));
const zip = path.join(dir, 'sigtap.zip');
fs.copyFileSync(path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip'), zip);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('completion index warm-up', () => {
    it('waits for the last of a series of updates, then builds the indexes', async () => {
        // Langium creates the provider on first use; the server does at start.
        expect(services.Oci.lsp.CompletionProvider).toBeDefined();
        const header = `catalogo "Teste" versao "t" competencia 2026-01 sigtap "${zip}"\n`;
        const [document] = await buildLspWorkspace(services, { 'catalogo.oci': header + MAMA });
        const table = services.Oci.catalogo.Context.forDocument(document!).table as SigtapTable;
        expect(table).toBeDefined();
        expect(hasProcedureIndex(table)).toBe(false);

        // Another file arrives 60 ms after the first build, and is built.
        await sleep(60);
        // As the editor opens it: its text in the text documents, then an update. The second build counts from its
        // Validated phase, when the provider (whose listener comes first) arms its timer: on a loaded machine the
        // update's promise can resolve tens of milliseconds later.
        const uri = URI.file('/ws/outro.oci');
        services.shared.workspace.TextDocuments.set(TextDocument.create(uri.toString(), 'oci', 1, '// comentário\n'));
        let secondBuilt = Number.NaN;
        const listening = services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            secondBuilt = performance.now();
        });
        await services.shared.workspace.DocumentBuilder.update([uri], []);
        listening.dispose();
        expect(secondBuilt).not.toBeNaN();

        let indexedAt: number | undefined;
        while (indexedAt === undefined && performance.now() - secondBuilt < 5000) {
            await sleep(2);
            if (hasProcedureIndex(table)) indexedAt = performance.now();
        }
        expect(indexedAt, 'the index was never built').toBeDefined();
        // Not 100 ms after the first build (40 ms after the second one): 100 ms after the second.
        expect(indexedAt! - secondBuilt).toBeGreaterThanOrEqual(90);
    });
});
