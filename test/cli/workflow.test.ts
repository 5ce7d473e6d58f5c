/** The example GitHub Actions workflow (examples/ci/catalogo.yml) uses the commands and flags the CLI has. */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const WORKFLOW = fs.readFileSync(path.join(REPO_ROOT, 'examples/ci/catalogo.yml'), 'utf8');

describe('examples/ci/catalogo.yml', () => {
    it('runs on pull requests touching .oci files, with Node 22 and npm ci', () => {
        expect(WORKFLOW).toMatch(/^on:\n {2}pull_request:\n {4}paths:\n {6}- '\*\*\/\*\.oci'$/m);
        expect(WORKFLOW).toMatch(/node-version: 22\b/);
        expect(WORKFLOW).toContain('npm ci');
        expect(WORKFLOW).toContain('fetch-depth: 0');
        expect(WORKFLOW).not.toMatch(/\t/);
    });

    it('checks (github annotations and SARIF upload), builds and uploads the catalogue, comments the diff', () => {
        expect(WORKFLOW).toContain('npx oci-catalogo check "$CATALOGO" --format github');
        expect(WORKFLOW).toContain('npx oci-catalogo check "$CATALOGO" --format sarif > oci-catalogo.sarif');
        expect(WORKFLOW).toContain('uses: github/codeql-action/upload-sarif@');
        expect(WORKFLOW).toContain('npx oci-catalogo build "$CATALOGO" --out out/catalogo');
        expect(WORKFLOW).toContain('uses: actions/upload-artifact@');
        expect(WORKFLOW).toContain('npx oci-catalogo diff --git "origin/$BASE_REF" "$CATALOGO"');
        expect(WORKFLOW).toContain('BASE_REF: ${{ github.base_ref }}');
        expect(WORKFLOW).toContain('uses: marocchino/sticky-pull-request-comment@');
        expect(WORKFLOW).toContain('security-events: write');
        expect(WORKFLOW).toContain('pull-requests: write');
    });

    it('names a catalogue folder that exists and the formats the CLI accepts', async () => {
        const folder = /^ {2}CATALOGO: (\S+)/m.exec(WORKFLOW)?.[1];
        expect(folder).toBe('examples/pmae');
        expect(fs.existsSync(path.join(REPO_ROOT, folder!, 'catalogo.oci'))).toBe(true);
        const help = await run('diff', '--help');
        expect(help.out).toContain('--git');
        expect(help.out).toContain('--volumes');
        expect((await run('check', '--help')).out).toMatch(/github[\s\S]*sarif/);
    });
});
