/**
 * The `.oci` scope computation (language/src/workspace/scope-provider.ts) describes named nodes itself, with the
 * selection segment computed when read: each description, read in full, is Langium's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AstNodeDescription } from 'langium';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, buildWorkspace, createTestServices } from '../helpers.js';

function plain(d: AstNodeDescription): unknown {
    return {
        node: d.node,
        name: d.name,
        type: d.type,
        documentUri: d.documentUri.toString(),
        path: d.path,
        nameSegment: d.nameSegment,
        selectionSegment: d.selectionSegment
    };
}

describe('OciScopeComputation descriptions', () => {
    it("are Langium's AstNodeDescriptionProvider's, exported and local, in the example catalogue", async () => {
        const services = createTestServices();
        const dir = path.join(REPO_ROOT, 'examples/pmae');
        const files = Object.fromEntries(
            fs
                .readdirSync(dir)
                .filter(f => f.endsWith('.oci'))
                .map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')])
        );
        const docs = await buildWorkspace(services, files, dir);
        const provider = services.Oci.workspace.AstNodeDescriptionProvider;
        const computation = services.Oci.references.ScopeComputation;
        let compared = 0;
        for (const doc of docs) {
            const exported = await computation.collectExportedSymbols(doc);
            // The local symbols of a catalogue file all belong to its root (the top-level elements are the named ones).
            const local = (await computation.collectLocalSymbols(doc)).getStream(doc.parseResult.value).toArray();
            const all = [...exported, ...local];
            for (const d of all) {
                expect(plain(d)).toEqual(plain(provider.createDescription(d.node!, d.name, doc)));
                expect(d.selectionSegment!.range).toEqual(d.node!.$cstNode!.range);
                compared++;
            }
            // Every named top-level element is described twice (exported and local).
            expect(exported.length).toBeGreaterThan(0);
            expect(local.length).toBe(exported.length);
        }
        expect(compared).toBeGreaterThan(50);
    });
});
