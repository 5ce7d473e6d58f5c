/**
 * Several catalogues in one repository (issue 12 item 6): folders side by side or nested, each
 * with its own `catalogo` header, are checked each on its own — `check REPO` (= `check .` there)
 * and `check A B` — so an OCI code may repeat across catalogues but never within one, and a name
 * (`um_de consulta`, a tecnologia) resolves in its own catalogue only. The language server runs
 * the same core services over a multi-root or nested workspace: the last test checks them there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { HEADER, MAMA, REPO_ROOT, buildWorkspace, createTestServices } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

interface JsonReport {
    diagnostics: Array<{ file: string; line: number; code: string; message: string }>;
    summary: { errors: number; ocis: number };
}

async function check(...paths: string[]): Promise<{ code: number; report: JsonReport }> {
    const { code, out } = await runCli('check', ...paths, '--format', 'json');
    return { code, report: JSON.parse(out) as JsonReport };
}

let tmp: string;
beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-multi-'));
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A repository with two copies of the example (`a`, `b`), each its own catalogue. */
function repository(): { repo: string; a: string; b: string } {
    const repo = path.join(tmp, `repo${n++}`);
    const a = path.join(repo, 'a');
    const b = path.join(repo, 'b');
    fs.cpSync(EXAMPLE, a, { recursive: true });
    fs.cpSync(EXAMPLE, b, { recursive: true });
    return { repo, a, b };
}

function edit(file: string, change: (text: string) => string): void {
    const before = fs.readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    fs.writeFileSync(file, after);
}

const duplicates = (r: JsonReport) => r.diagnostics.filter(d => d.code === 'oci/codigo-duplicado');

describe('check over a repository of catalogues', () => {
    it('checks each catalogue on its own: the same OCI codes in two catalogues are no duplicates', async () => {
        const { repo, a, b } = repository();
        for (const paths of [[repo], [a, b]]) {
            const { code, report } = await check(...paths);
            expect(duplicates(report)).toEqual([]);
            expect(report.summary.errors).toBe(0);
            expect(code).toBe(0);
        }
    });

    it('still finds a code repeated within one catalogue, and only there', async () => {
        const { repo, b } = repository();
        const onco = path.join(b, 'oncologia.oci');
        const text = fs.readFileSync(onco, 'utf8');
        const first = text.slice(
            text.indexOf('oci 09.01.01.001-4'),
            text.indexOf('\n}\n', text.indexOf('oci 09.01.01.001-4')) + 3
        );
        fs.writeFileSync(path.join(b, 'copia.oci'), first);
        const { code, report } = await check(repo);
        expect(
            duplicates(report)
                .map(d => path.relative(repo, d.file))
                .sort()
        ).toEqual([path.join('b', 'copia.oci'), path.join('b', 'oncologia.oci')]);
        expect(code).toBe(1);
    });

    it('resolves names in their own catalogue: a group defined only in the other one is unresolved', async () => {
        const { repo, a } = repository();
        edit(path.join(a, 'catalogo.oci'), t => t.replace(/^grupo consulta [^{]*\{[^}]*\}\n/m, ''));
        const { code, report } = await check(repo);
        const unresolved = report.diagnostics.filter(d => d.code === 'referencia/nao-resolvida');
        expect(unresolved.length).toBeGreaterThan(0);
        expect(
            unresolved.every(
                d => path.relative(repo, d.file).startsWith(`a${path.sep}`) && d.message.includes('"consulta"')
            )
        ).toBe(true);
        expect(code).toBe(1);
    });

    it('treats a nested folder with its own header as another catalogue', async () => {
        const { a } = repository();
        const nested = path.join(a, 'regional');
        fs.mkdirSync(nested);
        const header = fs
            .readFileSync(path.join(a, 'catalogo.oci'), 'utf8')
            .replace(/^catalogo "[^"]*"/m, 'catalogo "Rol regional"')
            .replace('sigtap "sigtap/', 'sigtap "../sigtap/');
        fs.writeFileSync(path.join(nested, 'catalogo.oci'), header);
        fs.copyFileSync(path.join(a, 'oncologia.oci'), path.join(nested, 'oncologia.oci'));
        const { code, report } = await check(a);
        expect(duplicates(report)).toEqual([]);
        expect(code).toBe(0);
    });
});

describe('the core services the language server runs', () => {
    it('keep the catalogues of a multi-root or nested workspace apart', async () => {
        const services = createTestServices();
        const docs = await buildWorkspace(services, {
            'raiz-a/catalogo.oci': HEADER + MAMA,
            'raiz-b/catalogo.oci': HEADER + MAMA,
            'raiz-b/aninhado/catalogo.oci': HEADER + MAMA,
            'raiz-b/aninhado/outra.oci': MAMA.slice(MAMA.indexOf('oci 09'))
        });
        const found = docs.map(
            d => (d.diagnostics ?? []).map(x => String(x.code)).filter(c => c === 'oci/codigo-duplicado').length
        );
        // Only the nested catalogue has the code twice (its header file and outra.oci).
        expect(found).toEqual([0, 0, 1, 1]);
    });
});
