/**
 * oci-catalogo.yaml read the same way by the language server and the CLI (issue 15, items 2 and 3):
 * the bundled server (out/server/main.cjs, `npm run bundle`) over stdio and the bundled CLI
 * (bin/oci-catalogo.cjs check --format json) on the same catalogue — the PMAE example with one
 * OCI without its fundamento (in a subfolder) and one declared value R$ 1,00 off — under several
 * configurations written on disk while the server runs (each change announced by
 * workspace/didChangeWatchedFiles, as the editor does). Every .oci file's diagnostics (code,
 * severity, start, full text) must be identical. The editor settings the test client answers are
 * VS Code's defaults (tolerance 0,00, language auto in a Portuguese editor), so a file that sets
 * tolerancia or idioma shows that the file wins; a tolerance sent later as an editor setting
 * counts only while the file does not set one. A broken file: its problems on the file, at the
 * line:column the CLI prints, and the catalogue checked with the defaults; fixed, they clear.
 * One OCI has two fields `a_preencher` (tR, conclusão): the CLI prints two errors, the editor one
 * information on the OCI (rules.ts editorPresentation, server/src/diagnostic-presentation.ts) that
 * carries the two in `data.agrupados` — the one documented difference, expanded before comparing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ConfigurationRequest,
    DidChangeConfigurationNotification,
    DidChangeWatchedFilesNotification,
    FileChangeType,
    LogMessageNotification,
    PublishDiagnosticsNotification,
    RegistrationRequest,
    type Diagnostic,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import { diagnosticText } from '../../language/src/validation/report.js';
import { expandPresented } from '../../server/src/diagnostic-presentation.js';
import { CatalogoSettings } from '../../language/src/workspace/settings.js';
import { applyEditorSettings, type EditorContext } from '../../server/src/editor-settings.js';
import { GenerateCatalogoRequest } from '../../server/src/protocol.js';
import { REPO_ROOT } from '../helpers.js';
import { startStdioServer, type StdioServer } from '../server/lsp-stdio-harness.js';

const CLI = path.join(REPO_ROOT, 'bin/oci-catalogo.cjs');
const NODE = process.env.OCI_LSP_NODE || process.execPath;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info' } as const;

let repo: string;
let server: StdioServer | undefined;
let connection: ProtocolConnection;
/** What the server published last, per URI. */
const published = new Map<string, Diagnostic[]>();
const waiters: Array<() => void> = [];
/** The server's log (window/logMessage). */
const logged: string[] = [];
/** The `oci` section the test client answers (VS Code's defaults, a Portuguese editor). */
let editorSection: Record<string, unknown> = {
    idioma: 'auto',
    sigtap: { caminho: '', permitirExterno: false },
    valor: { tolerancia: '0,00' },
    plano: { estrito: false }
};

const CONFIG = () => path.join(repo, 'oci-catalogo.yaml');
const SUB_CONFIG = () => path.join(repo, 'rol', 'oncologia', 'oci-catalogo.yaml');

/** One line per diagnostic, sorted: file:line:column severity code text. */
type Listing = Record<string, string[]>;

/**
 * The one text that differs by design: catalogo/sigtap-fora-do-workspace lists the roots, which
 * for the CLI are the folders of the files read and for the server the workspace folders.
 */
function line(at: string, severity: string, code: string, text: string): string {
    const shown =
        code === 'catalogo/sigtap-fora-do-workspace'
            ? text.replace(/fora do workspace \([^)]*\)/, 'fora do workspace (…)')
            : text;
    return `${at} ${severity} ${code} ${shown}`;
}

function cliCheck(extra: string[] = []): { code: number; listing: Listing; stderr: string } {
    const r = spawnSync(NODE, [CLI, 'check', '.', '--format', 'json', ...extra], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, OCI_SIGTAP_EXTERNO: '' }
    });
    const listing: Listing = {};
    // Exit 2 with a report: a table that cannot be read; with none: a configuration that cannot be trusted.
    if (r.status === 2 && !r.stdout.trim()) return { code: 2, listing, stderr: r.stderr };
    type CliDiagnostic = {
        file: string;
        line: number;
        column: number;
        severity: string;
        code: string;
        message: string;
    };
    const report = JSON.parse(r.stdout) as { diagnostics: CliDiagnostic[] };
    for (const d of report.diagnostics)
        (listing[d.file] ??= []).push(line(`${d.line}:${d.column}`, d.severity, d.code, d.message));
    for (const lines of Object.values(listing)) lines.sort();
    return { code: r.status ?? -1, listing, stderr: r.stderr };
}

/** The server's published diagnostics of the catalogue's .oci files, in the CLI's terms. */
function serverListing(): Listing {
    const listing: Listing = {};
    for (const [uri, diagnostics] of published) {
        if (!uri.endsWith('.oci') || diagnostics.length === 0) continue;
        const file = path.relative(repo, fileURLToPath(uri)).split(path.sep).join('/');
        listing[file] = diagnostics
            .flatMap(expandPresented)
            .map(d =>
                line(
                    `${d.range.start.line + 1}:${d.range.start.character + 1}`,
                    SEVERITY[d.severity as 1 | 2 | 3],
                    String(d.code),
                    diagnosticText(d)
                )
            )
            .sort();
    }
    return listing;
}

function configDiagnostics(file: string): Diagnostic[] | undefined {
    return published.get(pathToFileURL(file).toString());
}

function waitFor(
    what: string,
    predicate: () => boolean,
    detail: () => string = () => '',
    timeout = 20_000
): Promise<void> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(
            () =>
                reject(
                    new Error(`timed out waiting for ${what}\n${detail()}\nstderr: ${server?.stderr().slice(-800)}`)
                ),
            timeout
        );
        const check = () => {
            if (!predicate()) return;
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve();
        };
        waiters.push(check);
        check();
    });
}

/** Waits until the server shows exactly what the CLI shows, under the configuration now on disk. */
async function expectSameAsCli(expected: Listing, what: string): Promise<void> {
    const same = () => JSON.stringify(sortKeys(serverListing())) === JSON.stringify(sortKeys(expected));
    await waitFor(`the server's diagnostics to equal the CLI's (${what})`, same, () => {
        const actual = serverListing();
        const lines: string[] = [];
        for (const file of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
            const e = new Set(expected[file] ?? []);
            const a = new Set(actual[file] ?? []);
            for (const l of e) if (!a.has(l)) lines.push(`- cli only: ${file} ${l}`);
            for (const l of a) if (!e.has(l)) lines.push(`+ server only: ${file} ${l}`);
        }
        return lines.slice(0, 20).join('\n');
    });
}

function sortKeys(listing: Listing): Listing {
    return Object.fromEntries(Object.entries(listing).sort(([a], [b]) => a.localeCompare(b)));
}

function announce(file: string, type: FileChangeType): Promise<void> {
    const uri = pathToFileURL(file).toString();
    return connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type }] });
}

async function writeConfig(file: string, text: string): Promise<void> {
    const existed = fs.existsSync(file);
    fs.writeFileSync(file, text);
    await announce(file, existed ? FileChangeType.Changed : FileChangeType.Created);
}

async function removeConfig(file: string): Promise<void> {
    fs.rmSync(file);
    await announce(file, FileChangeType.Deleted);
}

/** Severity of the plan's 500.000-inhabitant gap, as last published. */
function lacunaSeverity(): number | undefined {
    return published
        .get(pathToFileURL(path.join(repo, 'par', 'regiao.par')).toString())
        ?.find(d => d.code === 'incentivo/lacuna-500-mil')?.severity;
}

function count(listing: Listing, code: string): number {
    return Object.values(listing)
        .flat()
        .filter(l => l.split(' ')[2] === code).length;
}

describe("oci-catalogo.yaml: the language server gives the CLI's diagnostics under every configuration", () => {
    beforeAll(async () => {
        repo = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-lsp-config-'));
        const rol = path.join(repo, 'rol');
        fs.cpSync(path.join(REPO_ROOT, 'examples/pmae'), rol, { recursive: true });
        // One OCI without its fundamento (oci/fundamento-ausente, info), in a folder of its own.
        fs.mkdirSync(path.join(rol, 'oncologia'));
        const oncologia = fs
            .readFileSync(path.join(rol, 'oncologia.oci'), 'utf8')
            .replace(/\n\s*fundamento "[^"]*"/, '');
        fs.writeFileSync(path.join(rol, 'oncologia', 'oncologia.oci'), oncologia);
        fs.rmSync(path.join(rol, 'oncologia.oci'));
        // One OCI with its tR and conclusão pending (oci/a-preencher: two errors; one info in the editor).
        const mulher = path.join(rol, 'saude-da-mulher.oci');
        fs.writeFileSync(
            mulher,
            fs
                .readFileSync(mulher, 'utf8')
                .replace(/tR \d+ dias/, 'tR a_preencher')
                .replace(/conclusao \w+/, 'conclusao a_preencher')
        );
        // One declared value R$ 1,00 above the computed one (valor/divergente, warning).
        const cardiologia = path.join(rol, 'cardiologia.oci');
        fs.writeFileSync(
            cardiologia,
            fs
                .readFileSync(cardiologia, 'utf8')
                .replace(/valor R\$ (\d+),(\d\d)/, (_, r: string, c: string) => `valor R$ ${Number(r) + 1},${c}`)
        );
        // A regional plan with a municipality of exactly 500.000 inhabitants (incentivo/lacuna-500-mil: a warning, an
        // error when strict).
        fs.mkdirSync(path.join(repo, 'par'));
        fs.copyFileSync(path.join(REPO_ROOT, 'examples/par/execucao.json'), path.join(repo, 'par', 'execucao.json'));
        const par = fs.readFileSync(path.join(REPO_ROOT, 'examples/par/regiao-sao-luis.par'), 'utf8');
        fs.writeFileSync(
            path.join(repo, 'par', 'regiao.par'),
            par.replace(
                /territorio \{[\s\S]*?\n  \}/,
                'territorio {\n    municipio 2111300 "São Luís" populacao 500.000\n  }'
            )
        );

        server = startStdioServer(repo, { ...process.env, OCI_SIGTAP_EXTERNO: '' }, NODE);
        connection = server.connection;
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            published.set(params.uri, params.diagnostics);
            for (const w of [...waiters]) w();
        });
        connection.onNotification(LogMessageNotification.type, params => {
            logged.push(params.message);
        });
        connection.onRequest(ConfigurationRequest.type, params =>
            params.items.map(item => (item.section === 'oci' ? editorSection : null))
        );
        connection.onRequest(RegistrationRequest.type, () => undefined);
        connection.listen();
        await server.initialize(
            repo,
            {
                textDocument: { publishDiagnostics: {} },
                workspace: {
                    workspaceFolders: true,
                    configuration: true,
                    didChangeConfiguration: { dynamicRegistration: true }
                }
            },
            { name: 'repo', initializationOptions: { locale: 'pt-br' } }
        );
    }, 30_000);

    afterAll(async () => {
        await server?.stop();
        if (repo) fs.rmSync(repo, { recursive: true, force: true });
    });

    it('no configuration: the defaults, as the CLI', { timeout: 90_000 }, async () => {
        const cli = cliCheck();
        expect(count(cli.listing, 'oci/fundamento-ausente')).toBe(1);
        expect(count(cli.listing, 'valor/divergente')).toBe(1);
        expect(cli.listing['rol/saude-da-mulher.oci']!.filter(l => / error oci\/a-preencher /.test(l))).toHaveLength(2);
        await expectSameAsCli(cli.listing, 'no file');
        const shown = published.get(pathToFileURL(path.join(repo, 'rol', 'saude-da-mulher.oci')).toString())!;
        expect(shown.filter(d => d.code === 'oci/a-preencher').map(d => [d.severity, d.message])).toEqual([
            [3, 'OCI a preencher: tR, conclusão — bloqueia a publicação']
        ]);
    });

    it(
        'regras: raised, lowered and turned off — revalidated when the file appears on disk',
        { timeout: 60_000 },
        async () => {
            await writeConfig(
                CONFIG(),
                'regras:\n  oci/fundamento-ausente: erro\n  valor/divergente: desligada\n  oci/tm-alem-da-validade-apac: aviso\n'
            );
            const cli = cliCheck();
            expect(cli.code).toBe(1);
            expect(
                cli.listing['rol/oncologia/oncologia.oci']!.some(l => / error oci\/fundamento-ausente /.test(l))
            ).toBe(true);
            expect(count(cli.listing, 'valor/divergente')).toBe(0);
            await expectSameAsCli(cli.listing, 'regras in the root file');
            // The server's log says which file governs (as the CLI's --verbose).
            expect(logged).toContain(
                'OCI: configuração: nenhum oci-catalogo.yaml acima da pasta do workspace; valem os padrões'
            );
            expect(logged).toContain(`OCI: configuração: ${CONFIG()}`);
        }
    );

    it("the nearest file governs each document's regras", { timeout: 60_000 }, async () => {
        await writeConfig(
            SUB_CONFIG(),
            'regras:\n  oci/fundamento-ausente: desligada\n  procedimento/idade-parcial: erro\n'
        );
        const cli = cliCheck();
        expect(count(cli.listing, 'oci/fundamento-ausente')).toBe(0);
        // The subfolder's file governs oncologia only; the root file still turns tm-alem-da-validade-apac into a
        // warning elsewhere.
        expect(
            cli.listing['rol/oncologia/oncologia.oci']!.filter(l => / error procedimento\/idade-parcial /.test(l))
                .length
        ).toBeGreaterThan(0);
        expect(
            cli.listing['rol/saude-da-mulher.oci']!.filter(l => / info procedimento\/idade-parcial /.test(l)).length
        ).toBeGreaterThan(0);
        expect(cli.listing['rol/cardiologia.oci']!.some(l => / warning oci\/tm-alem-da-validade-apac /.test(l))).toBe(
            true
        );
        await expectSameAsCli(cli.listing, 'a file in the subfolder');
        await removeConfig(SUB_CONFIG());
        await expectSameAsCli(cliCheck().listing, "the subfolder's file removed");
    });

    it(
        'tolerancia and idioma in the file win over the editor settings (0,00, Portuguese)',
        { timeout: 60_000 },
        async () => {
            await writeConfig(CONFIG(), 'idioma: en\ntolerancia: "1,00"\n');
            const cli = cliCheck();
            expect(count(cli.listing, 'valor/divergente')).toBe(0);
            expect(
                Object.values(cli.listing)
                    .flat()
                    .some(l => / oci\/fundamento-ausente OCI without "fundamento"/.test(l))
            ).toBe(true);
            await expectSameAsCli(cli.listing, 'idioma en, tolerancia 1,00');
        }
    );

    it('an editor setting counts where the file is silent, never against it', { timeout: 60_000 }, async () => {
        await writeConfig(CONFIG(), 'regras:\n  oci/tm-alem-da-validade-apac: desligada\n');
        await expectSameAsCli(cliCheck().listing, 'no tolerancia in the file');
        editorSection = { ...editorSection, valor: { tolerancia: '1,00' } };
        await connection.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { oci: editorSection }
        });
        const flagged = cliCheck(['--tolerancia', '1,00']);
        expect(count(flagged.listing, 'valor/divergente')).toBe(0);
        await expectSameAsCli(flagged.listing, 'editor tolerance 1,00, the file silent');
        await writeConfig(CONFIG(), 'regras:\n  oci/tm-alem-da-validade-apac: desligada\ntolerancia: "0,00"\n');
        const strict = cliCheck();
        expect(count(strict.listing, 'valor/divergente')).toBe(1);
        await expectSameAsCli(strict.listing, "the file's tolerance 0,00 over the editor's 1,00");
    });

    it(
        "a broken file: its problems on the file at the CLI's line:column, the catalogue checked with the defaults; fixed, they clear",
        { timeout: 60_000 },
        async () => {
            await writeConfig(
                CONFIG(),
                '# regras do repositório\nregras:\n  oci/fundamento-ausente: talvez\nidiomas: pt\n'
            );
            const cli = cliCheck();
            expect(cli.code).toBe(2);
            const expected = [...cli.stderr.matchAll(/oci-catalogo\.yaml:(\d+):(\d+): (.*)/g)].map(m => ({
                line: Number(m[1]),
                column: Number(m[2]),
                message: m[3]!
            }));
            expect(expected.map(p => `${p.line}:${p.column}`)).toEqual(['3:27', '4:1']);
            await waitFor(
                'the problems of oci-catalogo.yaml',
                () => (configDiagnostics(CONFIG())?.length ?? 0) === expected.length
            );
            const shown = configDiagnostics(CONFIG())!;
            const places = shown.map(d => ({
                line: d.range.start.line + 1,
                column: d.range.start.character + 1,
                severity: d.severity
            }));
            expect(places).toEqual(expected.map(p => ({ line: p.line, column: p.column, severity: 1 })));
            shown.forEach((d, i) => {
                const text = diagnosticText(d);
                expect(text.startsWith(expected[i]!.message), text).toBe(true);
                expect(text).toContain('configuração padrão');
            });
            expect(shown[0]!.range.end).toEqual({ line: 2, character: '  oci/fundamento-ausente: talvez'.length });
            // The documents under it: the defaults (what the CLI gives with no file at all).
            fs.renameSync(CONFIG(), `${CONFIG()}.off`);
            const defaults = cliCheck();
            fs.renameSync(`${CONFIG()}.off`, CONFIG());
            editorSection = { ...editorSection, valor: { tolerancia: '0,00' } };
            await connection.sendNotification(DidChangeConfigurationNotification.type, {
                settings: { oci: editorSection }
            });
            await expectSameAsCli(defaults.listing, 'a broken file: defaults');

            await writeConfig(CONFIG(), '# regras do repositório\nregras:\n  oci/fundamento-ausente: desligada\n');
            await waitFor(
                'the problems of oci-catalogo.yaml to clear',
                () => configDiagnostics(CONFIG())?.length === 0
            );
            await expectSameAsCli(cliCheck().listing, 'the file fixed');
            await removeConfig(CONFIG());
            await expectSameAsCli(cliCheck().listing, 'the file removed');
        }
    );

    it(
        'sigtap.externos lets the server read exactly that zip outside the workspace, as the CLI',
        { timeout: 60_000 },
        async () => {
            const outside = `${repo}-tabelas`;
            fs.mkdirSync(outside, { recursive: true });
            const zip = path.join(outside, 'sigtap.zip');
            fs.copyFileSync(path.join(repo, 'rol/sigtap/TabelaUnificada_202601_subset.zip'), zip);
            const header = path.join(repo, 'rol', 'catalogo.oci');
            const original = fs.readFileSync(header, 'utf8');
            try {
                fs.writeFileSync(header, original.replace(/sigtap "[^"]*"/, `sigtap ${JSON.stringify(zip)}`));
                await announce(header, FileChangeType.Changed);
                const refused = cliCheck();
                expect(refused.code).toBe(2);
                expect(count(refused.listing, 'catalogo/sigtap-fora-do-workspace')).toBe(1);
                await expectSameAsCli(refused.listing, 'a zip outside the workspace');
                await writeConfig(CONFIG(), `sigtap:\n  externos: [${JSON.stringify(zip)}]\n`);
                const allowed = cliCheck();
                expect(count(allowed.listing, 'catalogo/sigtap-fora-do-workspace')).toBe(0);
                await expectSameAsCli(allowed.listing, 'that zip listed in sigtap.externos');
            } finally {
                fs.writeFileSync(header, original);
                await announce(header, FileChangeType.Changed);
                fs.rmSync(outside, { recursive: true, force: true });
            }
            await removeConfig(CONFIG());
            await expectSameAsCli(cliCheck().listing, 'the header back inside, no file');
        }
    );

    it(
        '"OCI: Gerar catálogo" writes to saidas.pasta of the file over oci.catalogo.pastaSaida, where the CLI\'s build writes',
        { timeout: 60_000 },
        async () => {
            const header = pathToFileURL(path.join(repo, 'rol', 'catalogo.oci')).toString();
            // Pending data, an info in the editor, still blocks the editor's build as it blocks the CLI's.
            const refused = await connection.sendRequest<{ status: string; erros?: Array<{ codigo: string }> }>(
                GenerateCatalogoRequest,
                { uri: header, saida: 'out/catalogo' }
            );
            expect(refused.status).toBe('erros');
            expect(refused.erros!.map(e => e.codigo)).toEqual(['oci/a-preencher', 'oci/a-preencher']);
            const mulher = path.join(repo, 'rol', 'saude-da-mulher.oci');
            fs.copyFileSync(path.join(REPO_ROOT, 'examples/pmae/saude-da-mulher.oci'), mulher);
            await announce(mulher, FileChangeType.Changed);
            await waitFor('the pending data filled in', () =>
                (published.get(pathToFileURL(mulher).toString()) ?? []).every(d => d.code !== 'oci/a-preencher')
            );
            await writeConfig(CONFIG(), 'saidas:\n  pasta: publicado\n');
            const built = await connection.sendRequest<{ status: string; saida?: string }>(GenerateCatalogoRequest, {
                uri: header,
                saida: 'out/catalogo'
            });
            expect(built).toMatchObject({ status: 'gerado', saida: path.join(repo, 'publicado') });
            expect(fs.existsSync(path.join(repo, 'publicado', 'catalogo.json'))).toBe(true);
            fs.rmSync(path.join(repo, 'publicado'), { recursive: true });
            const cli = spawnSync(NODE, [CLI, 'build', 'rol'], { cwd: repo, encoding: 'utf8' });
            expect(cli.status, cli.stderr).toBe(0);
            expect(fs.existsSync(path.join(repo, 'publicado', 'catalogo.json'))).toBe(true);
            await removeConfig(CONFIG());
            const setting = await connection.sendRequest<{ status: string; saida?: string }>(GenerateCatalogoRequest, {
                uri: header,
                saida: 'out/catalogo'
            });
            expect(setting).toMatchObject({ status: 'gerado', saida: path.join(repo, 'out', 'catalogo') });
        }
    );

    it(
        "plano.estrito in the file makes the plan's gaps errors, whatever the editor's oci.plano.estrito says",
        { timeout: 60_000 },
        async () => {
            await waitFor("the plan's gap as a warning", () => lacunaSeverity() === 2);
            await writeConfig(CONFIG(), 'plano:\n  estrito: true\n');
            await waitFor("the plan's gap as an error (file)", () => lacunaSeverity() === 1);
            // The editor turning it off: the plan is revalidated, and the file still wins.
            const par = pathToFileURL(path.join(repo, 'par', 'regiao.par')).toString();
            const before = published.get(par);
            editorSection = { ...editorSection, plano: { estrito: true } };
            await connection.sendNotification(DidChangeConfigurationNotification.type, {
                settings: { oci: editorSection }
            });
            await writeConfig(CONFIG(), 'plano:\n  estrito: false\n');
            await waitFor(
                "the plan's gap as a warning (the file says false, the editor true)",
                () => published.get(par) !== before && lacunaSeverity() === 2
            );
            await removeConfig(CONFIG());
            await waitFor(
                "the plan's gap as an error (the file silent, the editor true)",
                () => lacunaSeverity() === 1
            );
        }
    );
});

describe('editor settings layered under oci-catalogo.yaml', () => {
    it("the file's tolerancia wins over the editor's, and the default returns when the file drops it", () => {
        const settings = new CatalogoSettings();
        const context: EditorContext = { roots: [] };
        expect(
            applyEditorSettings(settings, { valor: { tolerancia: '0,00' } }, context, { tolerancia: '1,00' }).changed
        ).toBe(true);
        expect(settings.toleranciaValor.toString()).toBe('1');
        applyEditorSettings(settings, {}, context, {});
        expect(settings.toleranciaValor.toString()).toBe('0');
        applyEditorSettings(settings, { valor: { tolerancia: '0,05' } }, context, {});
        expect(settings.toleranciaValor.toString()).toBe('0.05');
    });

    it('idioma: an explicit oci.idioma pt/en wins; auto yields to the file, then to the display language', () => {
        const settings = new CatalogoSettings();
        const context: EditorContext = { roots: [], displayLanguage: 'pt-br' };
        applyEditorSettings(settings, { idioma: 'auto' }, context, { idioma: 'en' });
        expect(settings.locale).toBe('en');
        applyEditorSettings(settings, { idioma: 'pt' }, context, { idioma: 'en' });
        expect(settings.locale).toBe('pt');
        applyEditorSettings(settings, { idioma: 'auto' }, { roots: [], displayLanguage: 'en' }, { idioma: 'pt' });
        expect(settings.locale).toBe('pt');
        // The file drops it, no display language known: not stuck on the file's language.
        const bare: EditorContext = { roots: [] };
        applyEditorSettings(settings, { idioma: 'auto' }, bare, { idioma: 'en' });
        applyEditorSettings(settings, { idioma: 'auto' }, bare, {});
        expect(settings.locale).toBe('pt');
    });
});
