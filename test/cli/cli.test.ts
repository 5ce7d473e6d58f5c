/**
 * The `oci-catalogo` command: check (text/json, exit codes), build (schema, determinism, atomic refusal),
 * sigtap-subset.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, MAMA, REPO_ROOT, SIGTAP_ZIP, lineOf, writeIn } from '../helpers.js';

let dir: string;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-cli-'));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => writeIn(dir, name, text);

interface JsonReport {
    diagnostics: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
    summary: Record<string, number>;
}

describe('oci-catalogo check', () => {
    it('exits 0 on a clean catalogue and prints a summary', async () => {
        const file = write('limpo/catalogo.oci', HEADER + MAMA);
        const r = await run('check', path.dirname(file));
        expect(r.code).toBe(0);
        expect(r.out).toContain('1 arquivo(s), 1 OCI: 0 erro(s), 0 aviso(s)');
    });

    it.each([
        [
            'a wrong check digit',
            '02.04.03.003-0 "MAMOGRAFIA"',
            '02.04.03.003-9 "MAMOGRAFIA"',
            'codigo/digito-verificador',
            '02.04.03.003-9'
        ],
        ['tR greater than tM', 'tR 21 dias', 'tR 45 dias', 'oci/tr-gt-tm', 'tR 45 dias'],
        [
            'an unknown procedure',
            '  contrarreferencia aps',
            '  eventual 02.04.03.998-3 frequencia 5% estimativa R$ 1,00\n  contrarreferencia aps',
            'procedimento/inexistente',
            '02.04.03.998-3'
        ]
    ])('exits 1 on %s, with the diagnostic at the right line (json)', async (_name, from, to, code, needle) => {
        const file = write(`erro-${code.replace('/', '-')}/catalogo.oci`, (HEADER + MAMA).replace(from, to));
        const r = await run('check', file, '--format', 'json');
        expect(r.code).toBe(1);
        const report = JSON.parse(r.out) as JsonReport;
        const hit = report.diagnostics.find(d => d.code === code);
        expect(hit, JSON.stringify(report.diagnostics)).toBeDefined();
        expect(hit!.line).toBe(lineOf(file, needle));
        expect(hit!.severity).toBe('error');
        expect(hit!.column).toBeGreaterThan(0);
        expect(hit!.file.endsWith('catalogo.oci')).toBe(true);
        expect(report.summary.errors).toBeGreaterThan(0);
    });

    it('accepts a value tolerance', async () => {
        const file = write(
            'tolerancia/catalogo.oci',
            (HEADER + MAMA).replace('estimativa R$ 43,72', 'estimativa R$ 43,71')
        );
        const strict = JSON.parse((await run('check', file, '--format', 'json')).out) as JsonReport;
        expect(strict.diagnostics.map(d => d.code)).toContain('valor/divergente');
        const tolerant = JSON.parse(
            (await run('check', file, '--format', 'json', '--tolerancia', '0,01')).out
        ) as JsonReport;
        expect(tolerant.diagnostics.map(d => d.code)).not.toContain('valor/divergente');
        expect((await run('check', file, '--tolerancia', 'abc')).code).toBe(2);
    });

    it('prints text diagnostics as file:line:column with the code', async () => {
        const file = write('texto/catalogo.oci', (HEADER + MAMA).replace('tR 21 dias', 'tR 45 dias'));
        const r = await run('check', file);
        expect(r.code).toBe(1);
        expect(r.out).toMatch(
            new RegExp(
                `catalogo\\.oci:${lineOf(file, 'tR 45')}:\\d+: erro \\[oci/tr-gt-tm\\] tR \\(45 dias\\) maior que tM \\(30 dias\\)`
            )
        );
    });

    it('finds the header in a parent folder when given a single file', async () => {
        write('pai/catalogo.oci', HEADER + MAMA.slice(0, MAMA.indexOf('oci 09')));
        const child = write('pai/oncologia/mama.oci', MAMA.slice(MAMA.indexOf('oci 09')));
        const r = await run('check', child);
        expect(r.out).toContain('0 erro(s), 0 aviso(s)');
        expect(r.code).toBe(0);
    });

    it('finds the header beside a single file of the catalogue', async () => {
        write('irmao/catalogo.oci', HEADER + MAMA.slice(0, MAMA.indexOf('oci 09')));
        const sibling = write('irmao/mama.oci', MAMA.slice(MAMA.indexOf('oci 09')));
        const r = await run('check', sibling);
        expect(r.out).toContain('2 arquivo(s), 1 OCI: 0 erro(s), 0 aviso(s)');
        expect(r.code).toBe(0);
    });

    it('exits 2 on usage and I/O problems, with a clear message', async () => {
        expect((await run('check', path.join(dir, 'nao-existe'))).code).toBe(2);
        const r = await run('check', dir, '--format', 'xml');
        expect(r.code).toBe(2);
        expect(r.err).toContain('Formato desconhecido');
        expect((await run('comando-inexistente')).code).toBe(2);
        const broken = write('quebrado/catalogo.oci', (HEADER + MAMA).replace(SIGTAP_ZIP, '/nao/existe.zip'));
        const b = await run('check', broken);
        expect(b.code).toBe(2);
        expect(b.out).toContain('catalogo/sigtap-invalido');
    });
});

describe('oci-catalogo build', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/catalogo.schema.json'), 'utf8'));

    it('writes a catalogue that validates against the JSON Schema, deterministically', async () => {
        const src = write('build/catalogo.oci', HEADER + MAMA);
        const out1 = path.join(dir, 'saida1');
        const out2 = path.join(dir, 'saida2');
        const r = await run('build', path.dirname(src), '--out', out1);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toContain('Catálogo gerado');
        await run('build', path.dirname(src), '--out', out2);
        const bytes1 = fs.readFileSync(path.join(out1, 'catalogo.json'));
        expect(bytes1.equals(fs.readFileSync(path.join(out2, 'catalogo.json')))).toBe(true);

        for (const name of ['catalogo.md', 'catalogo.csv', 'catalogo.html']) {
            expect(fs.readFileSync(path.join(out1, name)).equals(fs.readFileSync(path.join(out2, name)))).toBe(true);
        }
        const md = fs.readFileSync(path.join(out1, 'catalogo.md'), 'utf8');
        expect(md).toContain(
            '| 09.01.01.001-4 | OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA | 21 dias | 30 dias |'
        );
        expect(md).toContain('| Tecnologia: gestao_clinica | — | — | — | 8% de R$ 109,72 | R$ 8,78 |');
        const csv = fs.readFileSync(path.join(out1, 'catalogo.csv'), 'utf8').split('\r\n');
        expect(csv[1]).toBe(
            '09.01.01.001-4;OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA;0901;21;30;125,00;125,00;obrigatorio;;02.04.03.003-0;1;1;43,72;catalogo;43,72'
        );
        const json = JSON.parse(bytes1.toString('utf8'));
        const ajv = new Ajv2020({ allErrors: true, strict: true });
        const valid = ajv.validate(schema, json);
        expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
        expect(valid).toBe(true);
        const oci = json.ocis[0];
        expect(oci.codigoFormatado).toBe('09.01.01.001-4');
        expect(oci.valor.calculado).toEqual({ reais: '125.00', centavos: 12500 });
        expect(oci.valor.sigtap).toEqual({ reais: '125.00', centavos: 12500 });
        expect(json.catalogo.sigtap.sha256).toMatch(/^[0-9a-f]{64}$/);
        // money totals re-add exactly
        const lines = oci.componentes.reduce(
            (a: number, c: { valor: { centavos: number } }) => a + c.valor.centavos,
            0
        );
        expect(lines).toBe(oci.valor.subtotalProcedimentos.centavos);
        expect(oci.valor.subtotalProcedimentos.centavos + oci.valor.subtotalTecnologias.centavos).toBe(
            oci.valor.calculado.centavos
        );
    });

    it('the schema rejects a catalogue that breaks the contract', () => {
        const ajv = new Ajv2020({ strict: true });
        expect(ajv.validate(schema, { formato: 'oci-catalogo/1' })).toBe(false);
    });

    it('refuses to write when there are errors and leaves the previous catalogue intact', async () => {
        const src = write('recusa/catalogo.oci', HEADER + MAMA);
        const out = path.join(dir, 'recusa-saida');
        expect((await run('build', path.dirname(src), '--out', out)).code).toBe(0);
        const before = fs.readFileSync(path.join(out, 'catalogo.json'));
        fs.writeFileSync(src, (HEADER + MAMA).replace('tR 21 dias', 'tR 45 dias').replace('OCI AVALIAÇÃO', 'OCI X'));
        const r = await run('build', path.dirname(src), '--out', out);
        expect(r.code).toBe(1);
        expect(r.err).toContain('Catálogo NÃO gerado');
        expect(fs.readFileSync(path.join(out, 'catalogo.json')).equals(before)).toBe(true);
        expect(fs.readdirSync(out).sort()).toEqual(['catalogo.csv', 'catalogo.html', 'catalogo.json', 'catalogo.md']);
    });
});

describe('oci-catalogo format', () => {
    it('formats in place, and --check reports what is out of format', async () => {
        const file = write('formato/catalogo.oci', (HEADER + MAMA).replace('  tR 21 dias', 'tR    21 dias'));
        const check = await run('format', '--check', file);
        expect(check.code).toBe(1);
        expect(check.out).toContain('fora do formato');
        expect((await run('format', file)).code).toBe(0);
        expect(fs.readFileSync(file, 'utf8')).toContain('\n  tR 21 dias\n');
        expect((await run('format', '--check', file)).code).toBe(0);
    });

    it('leaves a file with syntax errors untouched', async () => {
        const broken = (HEADER + MAMA).replace('tR 21 dias', 'tR dias');
        const file = write('formato-quebrado/catalogo.oci', broken);
        const r = await run('format', file);
        expect(r.code).toBe(1);
        expect(r.err).toContain('erros de sintaxe');
        expect(fs.readFileSync(file, 'utf8')).toBe(broken);
    });
});

describe('oci-catalogo sigtap-subset', () => {
    it('cuts a smaller zip that checks the catalogue the same way', async () => {
        const src = write('subset/catalogo.oci', HEADER + MAMA);
        const zip = path.join(dir, 'subset/sigtap/TabelaUnificada_202601_subset.zip');
        const r = await run('sigtap-subset', SIGTAP_ZIP, '--para', path.dirname(src), '--out', zip);
        expect(r.code, r.err).toBe(0);
        expect(fs.statSync(zip).size).toBeLessThan(fs.statSync(SIGTAP_ZIP).size / 4);
        fs.writeFileSync(src, (HEADER + MAMA).replace(SIGTAP_ZIP, 'sigtap/TabelaUnificada_202601_subset.zip'));
        const check = await run('check', path.dirname(src));
        expect(check.out).toContain('0 erro(s), 0 aviso(s)');
        expect(check.code).toBe(0);
    });
});

describe('the installed command', () => {
    it('runs from bin/ with the bundled CLI and sets the exit code', () => {
        const bundle = path.join(REPO_ROOT, 'out/cli/main.cjs');
        expect(fs.existsSync(bundle), 'out/cli/main.cjs is missing: run "npm run build" first (npm test does)').toBe(
            true
        );
        const file = write('bin/catalogo.oci', (HEADER + MAMA).replace('tR 21 dias', 'tR 45 dias'));
        const r = spawnSync(
            process.execPath,
            [path.join(REPO_ROOT, 'bin/oci-catalogo.cjs'), 'check', file, '--format', 'json'],
            { encoding: 'utf8' }
        );
        expect(r.status).toBe(1);
        expect(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('oci/tr-gt-tm');
    });
});
