/**
 * The CLI's workspace (cli/src/workspace.ts) never fills Langium's index of references: "find references" and the
 * relinking after an edit, which no command does, are what read it, and the index (language/src/workspace/
 * reference-index.ts) makes a document's descriptions only when read. The diagnostics must be those of a workspace
 * whose index is made — cross-file references (`um_de` a group of the header's file, tecnologias) included.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../cli/src/workspace.js';
import { DeferredReferenceIndex } from '../../language/src/index.js';
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

function diagnosticsOf(documents: Awaited<ReturnType<typeof loadWorkspace>>['documents']) {
    return documents.flatMap(d =>
        (d.diagnostics ?? []).map(x => ({
            file: path.basename(d.uri.fsPath),
            code: x.code,
            severity: x.severity,
            range: x.range,
            message: x.message
        }))
    );
}

describe('loadWorkspace and the reference index', () => {
    it('indexes no reference in the build; asked afterwards, the index knows who depends on the header', async () => {
        for (const folder of [EXAMPLE, tmp]) {
            const { shared, documents } = await loadWorkspace([folder], { validation: true });
            const index = shared.workspace.IndexManager as DeferredReferenceIndex;
            expect(index.pending, folder).toBe(documents.length);
            const diagnostics = diagnosticsOf(documents);
            const header = documents.find(d => d.uri.fsPath.endsWith('catalogo.oci'))!;
            const affected = documents.filter(d => index.isAffected(d, new Set([header.uri.toString()])));
            expect(affected.length, folder).toBeGreaterThan(0);
            expect(index.pending, folder).toBe(0);
            // Making the descriptions changes no diagnostic.
            expect(diagnosticsOf(documents), folder).toEqual(diagnostics);
        }
        const { documents } = await loadWorkspace([tmp], { validation: true });
        const broken = diagnosticsOf(documents);
        const codes = new Set(broken.map(d => d.code));
        expect(codes.has('oci/codigo-duplicado'), [...codes].join(' ')).toBe(true);
        expect(
            broken.some(
                d => d.severity === 1 && /consultaX/.test(typeof d.message === 'string' ? d.message : d.message.value)
            )
        ).toBe(true);
    });
});
