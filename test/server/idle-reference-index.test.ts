/**
 * The language server fills the deferred reference index (language/src/workspace/reference-index.ts) in the pause
 * after a build (server/src/idle-work.ts), a document per turn of the event loop, so the first edit after an open
 * finds it ready; not while documents keep coming, whose diagnostics go first.
 */
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { DeferredReferenceIndex } from '../../language/src/workspace/reference-index.js';
import { installIdleReferenceIndexing } from '../../server/src/idle-reference-index.js';
import { IDLE_DELAY_MS } from '../../server/src/idle-work.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { buildWorkspace, createTestServices, HEADER, MAMA, WORKSPACE } from '../helpers.js';

const turn = () => new Promise<void>(resolve => setTimeout(resolve, 0));
const wait = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

describe('idle reference indexing', () => {
    it('indexes the documents of a build a pause after it, one per turn of the event loop', async () => {
        const services = createOciLspServices(EmptyFileSystem);
        installIdleReferenceIndexing(services.shared);
        const index = services.shared.workspace.IndexManager as DeferredReferenceIndex;
        const oci = MAMA.slice(MAMA.indexOf('oci 09'));
        await buildWorkspace(services, {
            'catalogo.oci': HEADER + MAMA.slice(0, MAMA.indexOf('oci 09')),
            'a.oci': oci,
            'b.oci': oci.replace('09.01.01.001-4', '09.01.01.002-2')
        });
        expect(index.pending).toBe(3);
        await turn();
        // The build's diagnostics go out first.
        expect(index.pending).toBe(3);
        await wait(IDLE_DELAY_MS + 20);
        expect(index.pending).toBeLessThan(3);
        for (let i = 0; i < 5 && index.pending > 0; i++) await turn();
        expect(index.pending).toBe(0);
    });

    it('waits while documents keep coming: a build before the pause is over starts the pause again', async () => {
        const services = createOciLspServices(EmptyFileSystem);
        installIdleReferenceIndexing(services.shared);
        const index = services.shared.workspace.IndexManager as DeferredReferenceIndex;
        await buildWorkspace(services, { 'catalogo.oci': HEADER + MAMA.slice(0, MAMA.indexOf('oci 09')) });
        expect(index.pending).toBe(1);
        await wait(IDLE_DELAY_MS / 2);
        // The next file arrives before the pause is over: its update puts the indexing off until its build is done.
        const next = services.shared.workspace.LangiumDocumentFactory.fromString(
            MAMA.slice(MAMA.indexOf('oci 09')),
            URI.file(`${WORKSPACE}/a.oci`)
        );
        services.shared.workspace.LangiumDocuments.addDocument(next);
        const building = services.shared.workspace.DocumentBuilder.update([], []);
        await wait(IDLE_DELAY_MS / 2 + 20);
        await building;
        // Only the new file waits: the header's descriptions were made by the relink check of that update.
        expect(index.pending).toBe(1);
        await wait(IDLE_DELAY_MS + 20);
        for (let i = 0; i < 5 && index.pending > 0; i++) await turn();
        expect(index.pending).toBe(0);
    });

    it('is left out of the CLI: the core services never index without a reader', async () => {
        const services = createTestServices();
        const index = services.shared.workspace.IndexManager as DeferredReferenceIndex;
        await buildWorkspace(services, { 'catalogo.oci': HEADER + MAMA });
        for (let i = 0; i < 3; i++) await turn();
        expect(index.pending).toBe(1);
    });
});
