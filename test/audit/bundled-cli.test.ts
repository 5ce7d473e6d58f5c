/**
 * The audit as users run it: the BUNDLED CLI (`node bin/oci-catalogo.cjs audit …`, out/cli/main.cjs
 * built by `npm run bundle`) in a child process, on synthetic production whose truth is known — and
 * the way the VS Code extension runs it ("OCI: Auditar produção", client/src/cli-processo.ts): the
 * bundle alone in a folder without node_modules (as in the vsix, packaged --no-dependencies), DuckDB
 * found only through NODE_PATH, and a clear failure without it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    RELATORIO_HTML,
    RELATORIO_JSON,
    cliBundle,
    cliEnv,
    duckdbAusente,
    linhaDeComando,
    nodeModulesAcima,
    reaisTexto,
    runCli
} from '../../client/src/cli-processo.js';
import { ARQUIVOS } from '../../language/src/audit/saidas.js';
import { ACHADOS } from '../../language/src/audit/sql.js';
import type { VerdadeSintetica } from '../../language/src/audit/synthetic.js';
import { REPO_ROOT } from '../helpers.js';
import { writeAuditInputs } from './helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/oci-catalogo.cjs');
const BUNDLE = path.join(REPO_ROOT, 'out/cli/main.cjs');
const REPORTS = [ARQUIVOS.json, ARQUIVOS.html, ARQUIVOS.sinalizados, ARQUIVOS.cobranca];

let dir: string;
let producao: string;
let catalogoJson: string;
let verdade: VerdadeSintetica;

/** `node bin/oci-catalogo.cjs ARGS…` in a child process (asynchronous: the test's event loop keeps running). */
function oci(args: string[], cwd = REPO_ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', c => {
            stdout += String(c);
        });
        child.stderr.on('data', c => {
            stderr += String(c);
        });
        child.on('error', reject);
        child.on('close', code => resolve({ code, stdout, stderr }));
    });
}

beforeAll(async () => {
    expect(fs.existsSync(BUNDLE), 'out/cli/main.cjs is missing: run "npm run bundle" first (npm test does)').toBe(true);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-bundle-'));
    ({ catalogoJson, producao, verdade } = await writeAuditInputs(dir, { episodios: 600, semente: 2026, meses: 6 }));
}, 120_000);

afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The figures of auditoria.json against what the generator injected. */
function compareWithTruth(out: string): void {
    for (const f of REPORTS) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    expect(fs.existsSync(path.join(out, ARQUIVOS.identificados)), 'no identified file without --identificados').toBe(
        false
    );
    const json = JSON.parse(fs.readFileSync(path.join(out, ARQUIVOS.json), 'utf8'));
    expect(json.formato).toBe('oci-catalogo-auditoria/1');
    expect(json.entrada.registros).toBe(verdade.registros);
    expect(json.entrada.registrosInvalidos).toBe(0);
    expect(json.total.episodios).toBe(verdade.episodios);
    for (const o of json.ocis as Array<{ codigo: string; episodios: number }>)
        expect(o.episodios, o.codigo).toBe(verdade.porOci.get(o.codigo) ?? 0);
    expect(json.total.tempoExcedido).toBe(verdade.achados[ACHADOS.tempo].size);
    const centavos = [...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0);
    expect(verdade.cobrancaDupla.size, 'the generator injected double billing').toBeGreaterThan(5);
    expect(json.total.cobrancaDupla.registros).toBe(verdade.cobrancaDupla.size);
    expect(json.total.cobrancaDupla.valor.centavos).toBe(centavos);
    expect(json.total.cobrancaDupla.valor.reais).toBe((centavos / 100).toFixed(2));
    const sinalizados = fs.readFileSync(path.join(out, ARQUIVOS.sinalizados), 'utf8').split('\r\n').filter(Boolean);
    expect(sinalizados.length - 1).toBe(json.total.sinalizados);
    const flagged = new Set(Object.values(verdade.achados).flatMap(s => [...s]));
    expect(json.total.sinalizados).toBe(flagged.size);
    expect(fs.readFileSync(path.join(out, ARQUIVOS.html), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
}

describe('bundled CLI: oci-catalogo audit', () => {
    it('--help lists audit; audit --help shows its options', async () => {
        const help = await oci(['--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toMatch(/^\s+audit \[options\] <catalogo>\s+audita a produção/m);
        const audit = await oci(['audit', '--help']);
        expect(audit.code).toBe(0);
        for (const option of [
            '--producao <arquivos...>',
            '--out <pasta>',
            '--map <colunas>',
            '--emit-sql <arquivo>',
            '--dialeto <nome>',
            '--identificados',
            '--digito-tipo-apac <d>',
            '--memoria <limite>',
            '--tempos'
        ]) {
            expect(audit.stdout).toContain(option);
        }
    });

    it('without --producao: exit 2 and a Portuguese message', async () => {
        const r = await oci(['audit', 'examples/pmae', '--out', path.join(dir, 'nao-gravado')]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('oci-catalogo: audit espera --producao ARQUIVOS (CSV ou Parquet)');
        expect(fs.existsSync(path.join(dir, 'nao-gravado'))).toBe(false);
    });

    it('a production file that does not exist: exit 2, no reports', async () => {
        const r = await oci([
            'audit',
            catalogoJson,
            '--producao',
            path.join(dir, 'nao-existe.csv'),
            '--out',
            path.join(dir, 'nao-gravado')
        ]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^oci-catalogo: .*nao-existe\.csv/m);
        expect(fs.existsSync(path.join(dir, 'nao-gravado', ARQUIVOS.json))).toBe(false);
    });

    it('audits the catalogue folder: exit 0, the reports, and the figures the generator injected', async () => {
        const out = path.join(dir, 'auditoria');
        const r = await oci(['audit', 'examples/pmae', '--producao', producao, '--out', out]);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(
            `Auditoria: ${verdade.registros} registro(s), ${verdade.episodios} episódio(s) de OCI`
        );
        expect(r.stdout).toContain(`Relatórios em ${out}: ${ARQUIVOS.json}, ${ARQUIVOS.html}`);
        compareWithTruth(out);
    }, 120_000);
});

describe("the extension's way: the bundle without node_modules, DuckDB through NODE_PATH", () => {
    let extension: string;
    let savedNodePath: string | undefined;

    beforeAll(() => {
        // As in the vsix: <extension>/out/cli/main.cjs and nothing else (no node_modules above it).
        extension = path.join(dir, 'extensao');
        fs.mkdirSync(path.dirname(cliBundle(extension)), { recursive: true });
        fs.copyFileSync(BUNDLE, cliBundle(extension));
        savedNodePath = process.env.NODE_PATH;
        delete process.env.NODE_PATH;
    });

    afterAll(() => {
        if (savedNodePath !== undefined) process.env.NODE_PATH = savedNodePath;
    });

    it("the report names the extension opens are the audit's", () => {
        expect(RELATORIO_HTML).toBe(ARQUIVOS.html);
        expect(RELATORIO_JSON).toBe(ARQUIVOS.json);
    });

    it('without DuckDB on NODE_PATH: exit 2, recognised as "install the CLI"', async () => {
        expect(nodeModulesAcima([extension])).toEqual([]);
        const out = path.join(dir, 'sem-duckdb');
        const run = await runCli(cliBundle(extension), ['audit', catalogoJson, '--producao', producao, '--out', out], {
            cwd: dir
        });
        expect(run.exitCode).toBe(2);
        expect(run.stderr).toMatch(/^oci-catalogo: não foi possível carregar o DuckDB \(@duckdb\/node-api\)/m);
        expect(duckdbAusente(run)).toBe(true);
        expect(fs.existsSync(path.join(out, ARQUIVOS.json))).toBe(false);
    }, 60_000);

    it("with the catalogue repository's node_modules on NODE_PATH: the audit of catalogo.json, as the command runs it", async () => {
        const nodePath = nodeModulesAcima([path.join(REPO_ROOT, 'examples/pmae'), REPO_ROOT]);
        expect(nodePath[0]).toBe(path.join(REPO_ROOT, 'node_modules'));
        const out = path.join(dir, 'saida', 'auditoria');
        const run = await runCli(cliBundle(extension), ['audit', catalogoJson, '--producao', producao, '--out', out], {
            cwd: REPO_ROOT,
            nodePath
        });
        expect(run.stderr).toBe('');
        expect(run.exitCode).toBe(0);
        expect(duckdbAusente(run)).toBe(false);
        compareWithTruth(out);
    }, 120_000);

    it('cancelling stops the child', async () => {
        const parar = new AbortController();
        const pending = runCli(
            cliBundle(extension),
            ['audit', catalogoJson, '--producao', producao, '--out', path.join(dir, 'cancelada')],
            { cwd: REPO_ROOT, nodePath: nodeModulesAcima([REPO_ROOT]), signal: parar.signal }
        );
        parar.abort();
        const run = await pending;
        expect(run.cancelado).toBe(true);
        expect(run.exitCode).not.toBe(0);
    });

    it('helpers: environment, command line, money', () => {
        const env = cliEnv(['/a/node_modules'], {
            PATH: '/bin',
            NODE_PATH: ['/b', '/a/node_modules'].join(path.delimiter)
        });
        expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
        expect(env.NODE_PATH).toBe(['/a/node_modules', '/b'].join(path.delimiter));
        expect(env.PATH).toBe('/bin');
        expect(cliEnv([], {}).NODE_PATH).toBeUndefined();
        expect(
            linhaDeComando([
                'npx',
                'oci-catalogo',
                'audit',
                'out/catalogo/catalogo.json',
                '--producao',
                'produção 2026.csv',
                "d'água.csv"
            ])
        ).toBe("npx oci-catalogo audit out/catalogo/catalogo.json --producao 'produção 2026.csv' 'd'\\''água.csv'");
        expect(reaisTexto('1234567.50')).toBe('R$ 1.234.567,50');
        expect(reaisTexto('0.00')).toBe('R$ 0,00');
        expect(reaisTexto('125')).toBe('R$ 125,00');
    });
});
