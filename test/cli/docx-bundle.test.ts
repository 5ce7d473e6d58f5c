/**
 * The CLI bundle keeps the `docx` library in a file of its own (out/cli/docx.cjs, scripts/bundle.mjs): `check`
 * and `build` start without reading and compiling it (issue 22), and `anexo` loads it from beside main.cjs — as
 * in the vsix, which ships both files and no node_modules (.vscodeignore; the extension runs the bundle through
 * client/src/cli-processo.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../client/src/cli-processo.js';
import { REPO_ROOT } from '../helpers.js';

const MAIN = path.join(REPO_ROOT, 'out/cli/main.cjs');
const DOCX = path.join(REPO_ROOT, 'out/cli/docx.cjs');
const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

describe('the CLI bundle without the docx library inside', () => {
    let work: string;

    beforeAll(() => {
        expect(fs.existsSync(MAIN), 'out/cli/main.cjs is missing: run "npm run bundle" first (npm test does)').toBe(
            true
        );
        work = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-docx-bundle-'));
    });
    afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

    /** An extension folder as the vsix installs it: out/cli/ with the given bundle files, no node_modules. */
    function extension(name: string, files: string[]): string {
        const cli = path.join(work, name, 'out', 'cli');
        fs.mkdirSync(cli, { recursive: true });
        for (const file of files) fs.copyFileSync(file, path.join(cli, path.basename(file)));
        return path.join(cli, 'main.cjs');
    }

    it('main.cjs requires ./docx.cjs instead of holding the library', () => {
        const main = fs.readFileSync(MAIN, 'utf8');
        expect(main).toContain('require("./docx.cjs")');
        expect(main).not.toMatch(/^\/\/ .*node_modules\/docx\//m);
        expect(fs.readFileSync(DOCX, 'utf8')).toMatch(/^\/\/ .*node_modules\/docx\//m);
    });

    it('writes the annex with docx.cjs beside main.cjs', async () => {
        const cli = extension('completa', [MAIN, DOCX]);
        const out = path.join(work, 'anexo.docx');
        const run = await runCli(cli, ['anexo', EXAMPLE, '--out', out, '--data', '2026-12-01'], { cwd: work });
        expect(run.exitCode, run.stderr).toBe(0);
        const document = strFromU8(unzipSync(fs.readFileSync(out))['word/document.xml'] ?? new Uint8Array());
        expect(document).toContain('Procedimentos que compõem a OCI');
        expect(document).toContain('1º de dezembro de 2026');
    });

    it('check and build never load it: they run with main.cjs alone', async () => {
        const cli = extension('sem-docx', [MAIN]);
        const check = await runCli(cli, ['check', EXAMPLE], { cwd: work });
        expect(check.exitCode, check.stderr).toBe(0);
        const build = await runCli(cli, ['build', EXAMPLE, '--out', path.join(work, 'saida')], { cwd: work });
        expect(build.exitCode, build.stderr).toBe(0);
        expect(fs.existsSync(path.join(work, 'saida', 'catalogo.json'))).toBe(true);
        // …and the annex says what is missing instead of writing a file.
        const out = path.join(work, 'sem-docx.docx');
        const anexo = await runCli(cli, ['anexo', EXAMPLE, '--out', out], { cwd: work });
        expect(anexo.exitCode).not.toBe(0);
        expect(anexo.stderr).toContain('docx.cjs');
        expect(fs.existsSync(out)).toBe(false);
    });
});
