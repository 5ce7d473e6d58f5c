/**
 * The command line as people use it (the bundled `oci-catalogo`, run as a process):
 *  - a reader that stops early (`check … | head`) ends the command quietly, with its exit code;
 *  - a usage error ends with a pointer to `--help`;
 *  - `import-sigtap` run from the download folder writes a catalogue whose `sigtap` path works
 *    from the catalogue's own folder: `check` gives the same result from any working directory.
 * Needs the bundle (`npm run bundle`).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/oci-catalogo.cjs');
const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const SUBSET = path.join(EXAMPLE, 'sigtap/TabelaUnificada_202601_subset.zip');

/** The environment of a user: external SIGTAP zips are not allowed (the suite's helpers allow them). */
const env = { ...process.env };
delete env.OCI_SIGTAP_EXTERNO;

function cli(args: string[], cwd = REPO_ROOT) {
    return spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
}

/** Runs the CLI with its stdout closed by the reader before anything is written; resolves exit code and stderr. */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [BIN, ...args], {
            cwd: REPO_ROOT,
            env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => {
            stderr += d.toString();
        });
        child.on('close', code => resolve({ code, stderr }));
    });
}

let tmp: string;
beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cli-hygiene-')));
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a closed stdout', () => {
    it('ends check quietly with exit 1 when the catalogue has errors, in text and json', async () => {
        const dir = path.join(tmp, 'com-erro');
        fs.cpSync(EXAMPLE, dir, { recursive: true });
        const file = path.join(dir, 'cardiologia.oci');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/tR \d+ dias/, 'tR 0 dias'));
        expect(cli(['check', dir]).status).toBe(1);
        for (const format of ['text', 'json']) {
            const r = await withClosedStdout(['check', dir, '--format', format]);
            expect(r.stderr).toBe('');
            expect(r.code).toBe(1);
        }
    });

    it('ends a clean check with exit 0', async () => {
        const r = await withClosedStdout(['check', EXAMPLE, '--format', 'sarif']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
    });
});

describe('usage errors', () => {
    it('end with a pointer to --help, naming the command when there is one', () => {
        const unknown = cli(['chec', EXAMPLE]);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr.trimEnd()).toMatch(/--help"\)$/);
        const format = cli(['check', EXAMPLE, '--format', 'xml']);
        expect(format.status).toBe(2);
        expect(format.stderr).toContain('Formato desconhecido: xml');
        expect(format.stderr.trimEnd()).toMatch(/oci-catalogo check --help"\)$/);
        const missing = cli(['build', EXAMPLE]);
        expect(missing.status).toBe(2);
        expect(missing.stderr.trimEnd()).toMatch(/--help"\)$/);
    });
});

describe('import-sigtap from another folder', () => {
    it('writes a catalogue that check reads the same way from its folder, its parent and elsewhere', () => {
        const downloads = path.join(tmp, 'downloads');
        const catalogue = path.join(tmp, 'repo', 'catalogo');
        fs.mkdirSync(downloads, { recursive: true });
        fs.copyFileSync(SUBSET, path.join(downloads, 'TabelaUnificada_202601.zip'));
        const imported = cli(['import-sigtap', 'TabelaUnificada_202601.zip', '--out', catalogue], downloads);
        expect(imported.status, imported.stderr).toBe(0);
        expect(imported.stdout).toContain('copiada');
        expect(fs.readFileSync(path.join(catalogue, 'catalogo.oci'), 'utf8')).toContain(
            'sigtap "sigtap/TabelaUnificada_202601.zip"'
        );

        const results = [catalogue, path.dirname(catalogue), downloads].map(cwd => {
            const r = cli(['check', catalogue, '--format', 'json'], cwd);
            const report = JSON.parse(r.stdout) as {
                diagnostics: Array<{ file: string; line: number; column: number; code: string; message: string }>;
            };
            return {
                status: r.status,
                diagnostics: report.diagnostics.map(d => ({ ...d, file: path.resolve(cwd, d.file) }))
            };
        });
        // The placeholders are the only errors (the table was read); same result from every folder.
        expect(results[0].status).toBe(1);
        expect(new Set(results[0].diagnostics.filter(d => d.code.startsWith('catalogo/')).map(d => d.code))).toEqual(
            new Set()
        );
        expect(results[0].diagnostics.some(d => d.code === 'oci/a-preencher')).toBe(true);
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);

        // A second import of the same table into the same folder is no conflict for the copy; --force is still needed
        // for the .oci files.
        const again = cli(['import-sigtap', 'TabelaUnificada_202601.zip', '--out', catalogue], downloads);
        expect(again.status).toBe(2);
        expect(again.stderr).not.toContain('sigtap/TabelaUnificada_202601.zip');
        expect(
            cli(['import-sigtap', 'TabelaUnificada_202601.zip', '--out', catalogue, '--force'], downloads).status
        ).toBe(0);
    });
});
