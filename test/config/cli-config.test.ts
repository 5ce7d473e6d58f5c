/**
 * The CLI under oci-catalogo.yaml: the nearest file (or --config) governs; `regras:` change what
 * check reports and check --format json lists what was changed; flags override the file and
 * --verbose says so; a broken file stops the command with its problems at file:line:col;
 * saidas.pasta is where build writes; sigtap.externos lets exactly that zip be read.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { REPO_ROOT } from '../helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cli-config-'));
const repo = path.join(tmp, 'repo');
const catalogo = path.join(repo, 'rol');
let cwd: string;

const run = (args: string[]) => runCli(...args);

beforeAll(() => {
    fs.cpSync(path.join(REPO_ROOT, 'examples/pmae'), catalogo, { recursive: true });
    // One OCI without its fundamento (oci/fundamento-ausente, an info) and one declared value off by R$ 1,00
    // (valor/divergente, a warning).
    const file = path.join(catalogo, 'oncologia.oci');
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const first = lines.findIndex(l => /^\s*fundamento /.test(l));
    lines.splice(first, 1);
    fs.writeFileSync(file, lines.join('\n'));
    cwd = process.cwd();
    process.chdir(repo);
});
afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
});

function writeConfig(text: string, dir = repo) {
    fs.writeFileSync(path.join(dir, 'oci-catalogo.yaml'), text);
}

describe('oci-catalogo.yaml in the CLI', () => {
    it('without a configuration the defaults hold', async () => {
        fs.rmSync(path.join(repo, 'oci-catalogo.yaml'), { force: true });
        const r = await run(['check', 'rol', '--format', 'json']);
        const report = JSON.parse(r.out);
        expect(report.diagnostics.filter((d: { code: string }) => d.code === 'oci/fundamento-ausente')).toHaveLength(1);
        expect(report.configuracao).toBeUndefined();
    });

    it('regras: desligada drops the rule, erro makes check fail; json lists what the repository changed', async () => {
        writeConfig('regras:\n  oci/fundamento-ausente: erro\n');
        const raised = await run(['check', 'rol', '--format', 'json']);
        expect(raised.code).toBe(1);
        const report = JSON.parse(raised.out);
        expect(report.diagnostics.find((d: { code: string }) => d.code === 'oci/fundamento-ausente').severity).toBe(
            'error'
        );
        expect(report.configuracao).toEqual({
            arquivo: 'oci-catalogo.yaml',
            regras: [{ codigo: 'oci/fundamento-ausente', configurada: 'erro', padrao: 'info' }]
        });

        writeConfig('regras:\n  oci/fundamento-ausente: desligada\n');
        const off = await run(['check', 'rol', '--format', 'json']);
        expect(off.code).toBe(0);
        const relaxed = JSON.parse(off.out);
        expect(relaxed.diagnostics.filter((d: { code: string }) => d.code === 'oci/fundamento-ausente')).toEqual([]);
        expect(relaxed.configuracao.regras).toEqual([
            { codigo: 'oci/fundamento-ausente', configurada: 'desligada', padrao: 'info' }
        ]);
    });

    it('the nearest file wins over one further up; --config names another', async () => {
        writeConfig('regras:\n  oci/fundamento-ausente: erro\n');
        writeConfig('regras:\n  oci/fundamento-ausente: aviso\n', catalogo);
        try {
            const nearest = JSON.parse((await run(['check', 'rol', '--format', 'json'])).out);
            expect(
                nearest.diagnostics.find((d: { code: string }) => d.code === 'oci/fundamento-ausente').severity
            ).toBe('warning');
            fs.writeFileSync(path.join(tmp, 'outra.yaml'), 'regras:\n  oci/fundamento-ausente: desligada\n');
            const named = JSON.parse(
                (await run(['--config', path.join(tmp, 'outra.yaml'), 'check', 'rol', '--format', 'json'])).out
            );
            expect(named.diagnostics.filter((d: { code: string }) => d.code === 'oci/fundamento-ausente')).toEqual([]);
        } finally {
            fs.rmSync(path.join(catalogo, 'oci-catalogo.yaml'));
        }
    });

    it('a broken configuration stops the command (exit 2) with every problem at file:line:col', async () => {
        writeConfig('regras:\n  oci/fundamento-ausente: talvez\nidiomas: pt\n');
        const r = await run(['check', 'rol']);
        expect(r.code).toBe(2);
        expect(r.out).toBe('');
        expect(r.err).toContain('oci-catalogo.yaml:2:27: Severidade inválida para oci/fundamento-ausente: "talvez"');
        expect(r.err).toContain('oci-catalogo.yaml:3:1: Chave desconhecida: "idiomas"');
        expect(r.err).not.toContain('--help');
    });

    it('a flag overrides the file and --verbose says so', async () => {
        writeConfig('tolerancia: "0,01"\n');
        const r = await run(['--verbose', 'check', 'rol', '--tolerancia', '0,05']);
        expect(r.err).toContain('configuração: ');
        expect(r.err).toContain('tolerância: 0,05 (linha de comando; o arquivo de configuração diz 0,01)');
    });

    it('build writes to saidas.pasta when --out is not given', async () => {
        writeConfig('regras:\n  oci/fundamento-ausente: desligada\nsaidas:\n  pasta: publicado\n');
        const r = await run(['build', 'rol']);
        expect(r.code, r.err).toBe(0);
        expect(fs.existsSync(path.join(repo, 'publicado', 'catalogo.json'))).toBe(true);
    });

    it('sigtap.externos lets exactly that zip be read from outside the workspace', async () => {
        const env = process.env.OCI_SIGTAP_EXTERNO;
        delete process.env.OCI_SIGTAP_EXTERNO;
        const outside = path.join(tmp, 'tabelas');
        fs.mkdirSync(outside, { recursive: true });
        fs.copyFileSync(
            path.join(catalogo, 'sigtap/TabelaUnificada_202601_subset.zip'),
            path.join(outside, 'sigtap.zip')
        );
        const header = path.join(catalogo, 'catalogo.oci');
        const original = fs.readFileSync(header, 'utf8');
        fs.writeFileSync(header, original.replace(/sigtap "[^"]*"/, `sigtap "${path.join(outside, 'sigtap.zip')}"`));
        try {
            writeConfig('');
            const refused = await run(['check', 'rol', '--format', 'json']);
            expect(refused.code).toBe(2);
            expect(refused.out).toContain('catalogo/sigtap-fora-do-workspace');
            writeConfig(`sigtap:\n  externos: [${path.join(outside, 'sigtap.zip')}]\n`);
            const allowed = await run(['check', 'rol', '--format', 'json']);
            expect(allowed.out).not.toContain('catalogo/sigtap-fora-do-workspace');
            expect(allowed.code).toBe(0);
        } finally {
            fs.writeFileSync(header, original);
            if (env !== undefined) process.env.OCI_SIGTAP_EXTERNO = env;
        }
    });

    it('the file init writes is accepted by check', async () => {
        fs.rmSync(path.join(repo, 'oci-catalogo.yaml'));
        fs.rmSync(path.join(repo, '.github'), { recursive: true, force: true });
        expect((await run(['init', '.', '--catalogo', 'rol'])).code).toBe(0);
        const r = await run(['check', 'rol']);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
    });
});

describe('oci-catalogo.yaml: idioma and catalogos', () => {
    it('idioma: en writes the rule messages in English, the legal basis as cited', async () => {
        writeConfig('idioma: en\n');
        const r = await run(['check', 'rol', '--format', 'json']);
        const d = JSON.parse(r.out).diagnostics.find((x: { code: string }) => x.code === 'oci/fundamento-ausente');
        expect(d.message).not.toMatch(/OCI sem/);
        expect(d.message).toMatch(/Portaria|convenção|convention/);
        writeConfig('idioma: pt\n');
        const pt = JSON.parse((await run(['check', 'rol', '--format', 'json'])).out).diagnostics.find(
            (x: { code: string }) => x.code === 'oci/fundamento-ausente'
        );
        expect(pt.message).not.toBe(d.message);
    });

    it('catalogos: check with no path checks every root the file names, each on its own', async () => {
        const second = path.join(repo, 'municipal');
        fs.cpSync(catalogo, second, { recursive: true });
        try {
            writeConfig('catalogos: [rol, municipal]\n');
            const r = await run(['check', '--format', 'json']);
            const report = JSON.parse(r.out);
            expect(new Set(report.diagnostics.map((d: { file: string }) => d.file.split('/')[0]))).toEqual(
                new Set(['rol', 'municipal'])
            );
            // The same OCI codes in both catalogues are not duplicates.
            expect(report.diagnostics.filter((d: { code: string }) => d.code === 'oci/codigo-duplicado')).toEqual([]);
            expect(report.summary.files).toBe(2 * fs.readdirSync(catalogo).filter(f => f.endsWith('.oci')).length);
        } finally {
            fs.rmSync(second, { recursive: true, force: true });
        }
    });
});

describe('oci-catalogo.yaml in diff', () => {
    it('a changed configuration is its own section, in Markdown and in schema-valid JSON', async () => {
        const { Ajv2020 } = await import('ajv/dist/2020.js');
        const schema = JSON.parse(
            fs.readFileSync(path.join(REPO_ROOT, 'language/src/diff/catalogo-diff.schema.json'), 'utf8')
        );
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/catalogo.schema.json'), 'utf8')));
        const validate = ajv.compile(schema);
        const base = path.join(tmp, 'lados');
        const antes = path.join(base, 'antes');
        const depois = path.join(base, 'depois');
        fs.cpSync(catalogo, path.join(antes, 'rol'), { recursive: true });
        fs.cpSync(catalogo, path.join(depois, 'rol'), { recursive: true });
        fs.writeFileSync(path.join(antes, 'oci-catalogo.yaml'), 'regras:\n  oci/fundamento-ausente: aviso\n');
        fs.writeFileSync(
            path.join(depois, 'oci-catalogo.yaml'),
            'regras:\n  oci/fundamento-ausente: desligada\ntolerancia: "0,05"\n'
        );
        const json = await run(['diff', path.join(antes, 'rol'), path.join(depois, 'rol'), '--format', 'json']);
        expect(json.code, json.err).toBe(0);
        const diff = JSON.parse(json.out);
        expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
        expect(diff.configuracao.regras).toEqual([
            { codigo: 'oci/fundamento-ausente', antes: 'aviso', depois: 'desligada' }
        ]);
        expect(diff.configuracao.chaves).toEqual([{ chave: 'tolerancia', antes: null, depois: '"0,05"' }]);
        const md = await run(['diff', path.join(antes, 'rol'), path.join(depois, 'rol')]);
        expect(md.out).toContain('### Configuração do repositório (oci-catalogo.yaml)');
        expect(md.out).toMatch(/\| `oci\/fundamento-ausente` \| aviso \| desligada \|/);
        // The same configuration on both sides: no section.
        fs.writeFileSync(path.join(depois, 'oci-catalogo.yaml'), 'regras:\n  oci/fundamento-ausente: aviso\n');
        const same = JSON.parse(
            (await run(['diff', path.join(antes, 'rol'), path.join(depois, 'rol'), '--format', 'json'])).out
        );
        expect(same.configuracao).toBeUndefined();
    });
});

describe('oci-catalogo.yaml in diff --git', () => {
    it("a revision's configuration is read from that revision", async () => {
        const { spawnSync } = await import('node:child_process');
        const gitRepo = path.join(tmp, 'git');
        fs.cpSync(catalogo, path.join(gitRepo, 'rol'), { recursive: true });
        fs.writeFileSync(path.join(gitRepo, 'oci-catalogo.yaml'), 'regras:\n  oci/fundamento-ausente: aviso\n');
        const git = (...args: string[]) => {
            const r = spawnSync(
                'git',
                [
                    '-c',
                    'user.name=Teste',
                    '-c',
                    'user.email=teste@example.invalid',
                    '-c',
                    'commit.gpgsign=false',
                    ...args
                ],
                { cwd: gitRepo, encoding: 'utf8' }
            );
            if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
        };
        git('init', '-q', '-b', 'main');
        git('add', '.');
        git('commit', '-q', '-m', 'catálogo');
        fs.writeFileSync(path.join(gitRepo, 'oci-catalogo.yaml'), 'regras:\n  oci/fundamento-ausente: desligada\n');
        const before = process.cwd();
        process.chdir(gitRepo);
        try {
            const r = await run(['diff', '--git', 'main', 'rol', '--format', 'json']);
            expect(r.code, r.err).toBe(0);
            const diff = JSON.parse(r.out);
            expect(diff.configuracao).toEqual({
                arquivo: { antes: 'oci-catalogo.yaml', depois: 'oci-catalogo.yaml' },
                regras: [{ codigo: 'oci/fundamento-ausente', antes: 'aviso', depois: 'desligada' }],
                chaves: []
            });
        } finally {
            process.chdir(before);
        }
    });
});

describe('oci-catalogo.yaml: saidas.formatos', () => {
    it('build writes only the formats the file names, the JSON last, and says which', async () => {
        writeConfig(
            'regras:\n  oci/fundamento-ausente: desligada\nsaidas:\n  pasta: so-json-e-csv\n  formatos: [csv, json]\n'
        );
        const r = await run(['build', 'rol']);
        expect(r.code, r.err).toBe(0);
        expect(fs.readdirSync(path.join(repo, 'so-json-e-csv')).sort()).toEqual(['catalogo.csv', 'catalogo.json']);
        expect(r.out).toMatch(/^Catálogo gerado: so-json-e-csv\/catalogo\.json, com catalogo\.csv \(/);
        writeConfig('regras:\n  oci/fundamento-ausente: desligada\nsaidas:\n  pasta: todos\n');
        const all = await run(['build', 'rol']);
        expect(all.out).toMatch(
            /^Catálogo gerado: todos\/catalogo\.json, com catalogo\.md, catalogo\.csv e catalogo\.html \(/
        );
        expect(fs.readdirSync(path.join(repo, 'todos')).sort()).toEqual([
            'catalogo.csv',
            'catalogo.html',
            'catalogo.json',
            'catalogo.md'
        ]);
    });
});
