/**
 * The language server fills the deferred reference index (language/src/workspace/reference-index.ts) in the pause
 * after a build, a document per turn of the event loop, so the first edit after an open finds it ready.
 */
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { DeferredReferenceIndex } from '../../language/src/workspace/reference-index.js';
import { installIdleReferenceIndexing } from '../../server/src/idle-reference-index.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { buildWorkspace, createTestServices, HEADER, MAMA } from '../helpers.js';

const turn = () => new Promise<void>(resolve => setTimeout(resolve, 0));

describe('idle reference indexing', () => {
    it('indexes the documents of a build after it, one per turn of the event loop', async () => {
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
        expect(index.pending).toBe(2);
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
