/** `check --format github` (workflow commands, GitHub's escaping) and `--format sarif` (valid SARIF 2.1.0). */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    buildSarif,
    escapeGithubData,
    escapeGithubProperty,
    formatGithub,
    repositoryRoot,
    sarifRules,
    toUriReference
} from '../../cli/src/ci-formats.js';
import type { CheckReport } from '../../cli/src/diagnostics.js';
import { VERSION } from '../../cli/src/version.js';
import { RulesByCode } from '../../language/src/validation/rules.js';
import { SyntaxCodes } from '../../language/src/syntax-messages.js';
import { HEADER, MAMA, REPO_ROOT, lineOf, writeIn } from '../helpers.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
    addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const SARIF_SCHEMA = path.join(REPO_ROOT, 'test/cli/fixtures/sarif-schema-2.1.0.json');

// A repository of its own in a temporary folder (a `.git` folder marks its root); the commands run
// from a subfolder of it, so paths relative to the repository root differ from paths relative to the current folder.
let dir: string;
const cwd = process.cwd();
beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-ci-')));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'sub'));
    process.chdir(path.join(dir, 'sub'));
});
afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => writeIn(dir, name, text);

const relativeToRepo = (file: string) => path.relative(dir, file).split(path.sep).join('/');

describe('GitHub workflow command escaping', { timeout: 60_000 }, () => {
    it('escapes data as GitHub does: %, CR and LF', () => {
        expect(escapeGithubData('100% ok\r\nlinha 2\nfim')).toBe('100%25 ok%0D%0Alinha 2%0Afim');
        expect(escapeGithubData('a: b, c')).toBe('a: b, c');
        expect(escapeGithubData('%0A literal')).toBe('%250A literal');
    });

    it('escapes properties also for : and ,', () => {
        expect(escapeGithubProperty('pasta,com:vírgula%\n.oci')).toBe('pasta%2Ccom%3Avírgula%25%0A.oci');
        expect(escapeGithubProperty('oci/tr-gt-tm')).toBe('oci/tr-gt-tm');
    });

    it('writes one command per diagnostic with file, line, col and title, severities mapped to error/warning/notice', () => {
        const report: CheckReport = {
            diagnostics: [
                {
                    file: 'cat,1/a:b.oci',
                    line: 3,
                    column: 5,
                    severity: 'error',
                    code: 'oci/tr-gt-tm',
                    message: 'tR (45 dias) maior que tM: 100%\nsegunda linha'
                },
                { file: 'b.oci', line: 1, column: 1, severity: 'warning', code: 'valor/divergente', message: 'aviso' },
                { file: 'c.oci', line: 2, column: 7, severity: 'info', code: 'oci/fundamento-ausente', message: 'info' }
            ],
            summary: { files: 3, ocis: 1, errors: 1, warnings: 1, infos: 1 }
        };
        const lines = formatGithub(report).trimEnd().split('\n');
        expect(lines).toEqual([
            '::error file=cat%2C1/a%3Ab.oci,line=3,col=5,title=oci/tr-gt-tm::tR (45 dias) maior que tM: 100%25%0Asegunda linha',
            '::warning file=b.oci,line=1,col=1,title=valor/divergente::aviso',
            '::notice file=c.oci,line=2,col=7,title=oci/fundamento-ausente::info',
            'oci-catalogo: 3 arquivo(s), 1 OCI: 1 erro(s), 1 aviso(s), 1 informação(ões).'
        ]);
    });
});

describe('oci-catalogo check --format github', { timeout: 60_000 }, () => {
    it('annotates the error at its file (relative to the repository root), line and column, and exits 1', async () => {
        const file = write('github/catalogo.oci', (HEADER + MAMA).replace('tR 21 dias', 'tR 45 dias'));
        const r = await run('check', file, '--format', 'github');
        expect(r.code).toBe(1);
        const line = r.out.split('\n').find(l => l.includes('title=oci/tr-gt-tm'));
        expect(line, r.out).toBeDefined();
        expect(line!).toMatch(
            new RegExp(
                `^::error file=${relativeToRepo(file)},line=${lineOf(file, 'tR 45')},col=\\d+,title=oci/tr-gt-tm::tR \\(45 dias\\) maior que tM \\(30 dias\\)`
            )
        );
        expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^oci-catalogo: 1 arquivo\(s\), 1 OCI: 1 erro\(s\)/);
    });

    it('finds the repository root from the current folder', () => {
        expect(repositoryRoot()).toBe(dir);
        expect(repositoryRoot(path.join(REPO_ROOT, 'test/cli'))).toBe(REPO_ROOT);
    });
});

describe('oci-catalogo check --format sarif', { timeout: 60_000 }, () => {
    const schema = JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8'));

    function validator() {
        const ajv = new Ajv2020({ allErrors: true, strict: false });
        addFormats(ajv);
        return ajv.compile(schema);
    }

    it('is valid SARIF 2.1.0 (official schema) with results at the right place, relative to %SRCROOT%', async () => {
        const file = write(
            'sarif/catalogo.oci',
            (HEADER + MAMA)
                .replace('tR 21 dias', 'tR 45 dias')
                .replace('  fundamento "Portaria SAES/MS nº 1.824/2024"\n', '')
        );
        const r = await run('check', file, '--format', 'sarif');
        expect(r.code).toBe(1);
        const log = JSON.parse(r.out);
        const validate = validator();
        const valid = validate(log);
        expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
        expect(valid).toBe(true);

        expect(log.version).toBe('2.1.0');
        expect(log.runs).toHaveLength(1);
        const run0 = log.runs[0];
        expect(run0.tool.driver.name).toBe('oci-catalogo');
        const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'oci/tr-gt-tm');
        expect(result.level).toBe('error');
        expect(result.message.text).toContain('tR (45 dias) maior que tM (30 dias)');
        const loc = result.locations[0].physicalLocation;
        expect(loc.artifactLocation).toEqual({ uri: relativeToRepo(file), uriBaseId: '%SRCROOT%' });
        expect(loc.region.startLine).toBe(lineOf(file, 'tR 45'));
        expect(loc.region.startColumn).toBeGreaterThan(0);
        expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('oci/tr-gt-tm');
        const info = run0.results.find((x: { ruleId: string }) => x.ruleId === 'oci/fundamento-ausente');
        expect(info.level).toBe('note');
    });

    it('declares every rule of rules.ts (and the syntax codes) with description, legal basis and default level', () => {
        const rules = sarifRules();
        const ids = rules.map(r => r.id);
        expect(ids).toEqual([...RulesByCode.keys(), ...Object.values(SyntaxCodes)]);
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of rules) {
            expect(r.shortDescription.text.length, r.id).toBeGreaterThan(5);
            expect(r.shortDescription.text, r.id).not.toContain('undefined');
            if (RulesByCode.has(r.id)) {
                const rule = RulesByCode.get(r.id)!;
                expect(r.properties.baseLegal).toBe(rule.basis);
                expect(r.defaultConfiguration.level).toBe(
                    { error: 'error', warning: 'warning', info: 'note' }[rule.severity]
                );
            }
        }
        expect(rules.find(r => r.id === 'oci/tr-gt-tm')!.shortDescription.text).toBe(
            'tR (… dias) maior que tM (… dias): o tempo recomendado não pode exceder o tempo máximo'
        );
    });

    it('a clean catalogue gives a valid log with no results; the output is deterministic', async () => {
        // tM within the shortest APAC window: tM 30 would be noted (oci/tm-alem-da-validade-apac).
        const file = write('sarif-limpo/catalogo.oci', HEADER + MAMA.replace('tM 30 dias', 'tM 28 dias'));
        const a = await run('check', file, '--format', 'sarif');
        const b = await run('check', file, '--format', 'sarif');
        expect(a.code).toBe(0);
        expect(a.out).toBe(b.out);
        const log = JSON.parse(a.out);
        expect(log.runs[0].results).toEqual([]);
        const validate = validator();
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    });

    it('percent-encodes paths as URI references, and the schema rejects a broken log', () => {
        expect(toUriReference('pasta com espaço/saúde#1.oci')).toBe('pasta%20com%20espa%C3%A7o/sa%C3%BAde%231.oci');
        const log = buildSarif({
            diagnostics: [{ file: 'a b.oci', line: 1, column: 1, severity: 'warning', code: 'x/y', message: 'm' }],
            summary: { files: 1, ocis: 0, errors: 0, warnings: 1, infos: 0 }
        }) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
        const validate = validator();
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        expect(log.runs[0].results[0].ruleIndex).toBeUndefined();
        log.runs[0].results[0].level = 'fatal';
        expect(validate(log)).toBe(false);
    });

    it('keeps the CLI version equal to package.json', () => {
        expect(VERSION).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
    });
});
