/**
 * The CLI's workspace (cli/src/workspace.ts) skips Langium's index of references (its IndexedReferences phase: "find
 * references" and the relinking after an edit, which no command does) unless asked. The diagnostics must be the same
 * either way — cross-file references (`um_de` a group of the header's file, tecnologias) included.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../cli/src/workspace.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

let tmp: string;
beforeAll(() => {
    // The example with errors that cross files: an unknown group, a code declared in two files, a removed technology.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-ws-'));
    fs.cpSync(EXAMPLE, tmp, { recursive: true });
    const file = path.join(tmp, 'oncologia.oci');
    const text = fs.readFileSync(file, 'utf8');
    const other = fs.readFileSync(path.join(tmp, 'cardiologia.oci'), 'utf8');
    const code = /oci\s+(\d{2}\.\d{2}\.\d{2}\.\d{3}-\d)/.exec(other)![1]!;
    fs.writeFileSync(
        file,
        text.replace('um_de consulta', 'um_de consultaX') +
            `\noci ${code} "REPETIDA" {\n  obrigatorio um_de consulta\n}\n`
    );
    expect(fs.readFileSync(file, 'utf8')).toContain('um_de consultaX');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function diagnosticsOf(folder: string, referenceIndex: boolean) {
    const { shared, documents } = await loadWorkspace([folder], { validation: true, referenceIndex });
    const index = shared.workspace.IndexManager;
    const header = documents.find(d => d.uri.fsPath.endsWith('catalogo.oci'))!;
    const affected = documents.filter(d => index.isAffected(d, new Set([header.uri.toString()]))).length;
    const diagnostics = documents.flatMap(d =>
        (d.diagnostics ?? []).map(x => ({
            file: path.basename(d.uri.fsPath),
            code: x.code,
            severity: x.severity,
            range: x.range,
            message: x.message
        }))
    );
    return { diagnostics, affected };
}

describe('loadWorkspace without the reference index', () => {
    it('gives the same diagnostics, cross-file errors included, and indexes no reference', async () => {
        for (const folder of [EXAMPLE, tmp]) {
            const skipped = await diagnosticsOf(folder, false);
            const indexed = await diagnosticsOf(folder, true);
            expect(skipped.diagnostics, folder).toEqual(indexed.diagnostics);
            // With the index, the documents that use the header's groups and technologies are known to depend on it.
            expect(indexed.affected, folder).toBeGreaterThan(0);
            expect(skipped.affected, folder).toBe(0);
        }
        const broken = await diagnosticsOf(tmp, false);
        const codes = new Set(broken.diagnostics.map(d => d.code));
        expect(codes.has('oci/codigo-duplicado'), [...codes].join(' ')).toBe(true);
        expect(
            broken.diagnostics.some(
                d => d.severity === 1 && /consultaX/.test(typeof d.message === 'string' ? d.message : d.message.value)
            )
        ).toBe(true);
    });
});
