/** `oci-catalogo init`: a commented configuration that is valid as written, the PR workflow, never an overwrite. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { ciWorkflow } from '../../cli/src/init-templates.js';
import { readConfigFile } from '../../language/src/config/config-file.js';
import { REPO_ROOT } from '../helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-init-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('oci-catalogo init', () => {
    it('writes a configuration that parses with no problem and the workflow for the given catalogue', async () => {
        const dir = path.join(tmp, 'novo');
        expect((await runCli('init', dir, '--catalogo', 'rol')).code).toBe(0);
        const loaded = readConfigFile(path.join(dir, 'oci-catalogo.yaml'));
        expect(loaded.problems).toEqual([]);
        expect(loaded.config.idioma).toBe('pt');
        // Every section is there to be uncommented.
        const text = fs.readFileSync(path.join(dir, 'oci-catalogo.yaml'), 'utf8');
        for (const key of ['regras:', 'tolerancia:', 'saidas:', 'catalogos:', 'sigtap:', 'auditoria:', 'plano:'])
            expect(text).toContain(`# ${key}`);
        // Uncommented, the examples are valid too.
        const uncommented = text
            .split('\n')
            .map(l => l.replace(/^# ( *[a-z/-]+:.*)$/, '$1'))
            .join('\n');
        fs.writeFileSync(path.join(tmp, 'descomentado.yaml'), uncommented);
        const all = readConfigFile(path.join(tmp, 'descomentado.yaml'));
        expect(all.problems).toEqual([]);
        expect(all.config.regras.get('oci/fundamento-ausente')).toBe('off');
        expect(all.config.saidas?.formatos).toEqual(['json', 'html', 'md', 'csv']);
        const workflow = fs.readFileSync(path.join(dir, '.github/workflows/catalogo.yml'), 'utf8');
        expect(workflow).toContain('  CATALOGO: rol   # pasta do catálogo');
        expect(workflow).toContain('npx oci-catalogo check "$CATALOGO" --format sarif');
    });

    it('refuses to overwrite an existing file and writes nothing', async () => {
        const dir = path.join(tmp, 'existente');
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'oci-catalogo.yaml'), 'idioma: en\n');
        const refused = await runCli('init', dir);
        expect(refused.code).toBe(2);
        expect(refused.err).toMatch(/não sobrescreve/);
        expect(fs.readFileSync(path.join(dir, 'oci-catalogo.yaml'), 'utf8')).toBe('idioma: en\n');
        expect(fs.existsSync(path.join(dir, '.github'))).toBe(false);
    });

    it('examples/ci/catalogo.yml is the workflow init writes for examples/pmae', () => {
        expect(ciWorkflow('examples/pmae')).toBe(
            fs.readFileSync(path.join(REPO_ROOT, 'examples/ci/catalogo.yml'), 'utf8')
        );
    });
});
