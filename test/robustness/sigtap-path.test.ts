/**
 * Paths are contained: a header's `sigtap` path that leaves the workspace — `../../etc/passwd`,
 * an absolute path elsewhere, a symbolic link pointing out — is refused with one
 * `catalogo/sigtap-fora-do-workspace` error on the `sigtap` line, and the file is never opened;
 * `--sigtap-externo` (CLI), `oci.sigtap.permitirExterno` (editor) or OCI_SIGTAP_EXTERNO=1 allow it.
 * The CLI's roots are the current folder and the catalogue folders of its command line; the
 * server's, the workspace folders; with no roots (library use) nothing is enforced. And the
 * server never runs anything a catalogue says: no child process during validation.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { sigtapCache } from '../../language/src/sigtap/cache.js';
import {
    SIGTAP_EXTERNO_ENV,
    isInside,
    realPath,
    sigtapExternoPeloAmbiente,
    sigtapForaDoWorkspace
} from '../../language/src/workspace/sigtap-path.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { workspaceRootsOf } from '../../server/src/catalogo-settings.js';
import { MAMA as MAMA_TM_30, REPO_ROOT, buildWorkspace } from '../helpers.js';

/** MAMA with its tM inside the shortest APAC window: tM 30 would add the info oci/tm-alem-da-validade-apac. */
const MAMA = MAMA_TM_30.replace('tM 30 dias', 'tM 28 dias');

const SUBSET = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
const CODE = 'catalogo/sigtap-fora-do-workspace';

let tmp: string;
/** tmp/ws: the workspace (catalogo.oci, sigtap/), tmp/fora: a valid zip outside it. */
let ws: string;
let fora: string;
const envBefore = process.env[SIGTAP_EXTERNO_ENV];

beforeAll(() => {
    // test/helpers allows external zips for the rest of the suite; here the rule is on.
    delete process.env[SIGTAP_EXTERNO_ENV];
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-sigtap-path-')));
    ws = path.join(tmp, 'ws');
    fora = path.join(tmp, 'fora');
    fs.mkdirSync(path.join(ws, 'sigtap'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'oncologia'), { recursive: true });
    fs.mkdirSync(fora, { recursive: true });
    fs.copyFileSync(SUBSET, path.join(ws, 'sigtap', 'tabela.zip'));
    fs.copyFileSync(SUBSET, path.join(fora, 'tabela.zip'));
    fs.symlinkSync(path.join(fora, 'tabela.zip'), path.join(ws, 'sigtap', 'link-para-fora.zip'));
    fs.symlinkSync(path.join(ws, 'sigtap', 'tabela.zip'), path.join(ws, 'sigtap', 'link-para-dentro.zip'));
    fs.symlinkSync(fora, path.join(ws, 'pasta-link-para-fora'));
});
afterAll(() => {
    if (envBefore === undefined) delete process.env[SIGTAP_EXTERNO_ENV];
    else process.env[SIGTAP_EXTERNO_ENV] = envBefore;
    fs.rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => {
    vi.restoreAllMocks();
    delete process.env[SIGTAP_EXTERNO_ENV];
});

/** The catalogue header (sigtap on line 2) with MAMA, naming `written`. */
function header(written: string): string {
    return `catalogo "Teste" versao "t" competencia 2026-01\n  sigtap ${JSON.stringify(written)}\n`;
}
const SIGTAP_LINE = 1;

const ESCAPES: Array<[string, () => string]> = [
    ['a relative path climbing out (../../etc/passwd)', () => '../../etc/passwd'],
    ['a relative path into a sibling folder (../fora/tabela.zip)', () => '../fora/tabela.zip'],
    ['a path that climbs out after going in (sigtap/../../fora/tabela.zip)', () => 'sigtap/../../fora/tabela.zip'],
    ['an absolute path outside (/etc/passwd)', () => '/etc/passwd'],
    ['an absolute path to a valid zip outside', () => path.join(fora, 'tabela.zip')],
    ['a symbolic link inside pointing to a zip outside', () => 'sigtap/link-para-fora.zip'],
    ['a path through a linked folder pointing outside', () => 'pasta-link-para-fora/tabela.zip'],
    ['a missing file outside', () => '../fora/nao-existe.zip'],
    ['the home folder', () => os.homedir()]
];

describe('sigtap-path (unit)', () => {
    it("resolves symbolic links, also of missing files' folders", () => {
        expect(realPath(path.join(ws, 'sigtap', 'link-para-fora.zip'))).toBe(path.join(fora, 'tabela.zip'));
        expect(realPath(path.join(ws, 'pasta-link-para-fora', 'nao', 'existe.zip'))).toBe(
            path.join(fora, 'nao', 'existe.zip')
        );
        expect(realPath(path.join(ws, 'nao-existe', '..', 'sigtap'))).toBe(path.join(ws, 'sigtap'));
    });

    it('isInside is about whole path segments', () => {
        expect(isInside('/a/b/c', '/a/b')).toBe(true);
        expect(isInside('/a/b', '/a/b')).toBe(true);
        expect(isInside('/a/bc', '/a/b')).toBe(false);
        expect(isInside('/a', '/a/b')).toBe(false);
        expect(isInside('/a/..b/c', '/a')).toBe(true);
    });

    it('enforces only with roots, and not when allowed', () => {
        const outside = path.join(fora, 'tabela.zip');
        expect(sigtapForaDoWorkspace(outside, { workspaceRoots: [], permitirSigtapExterno: false })).toBeUndefined();
        expect(sigtapForaDoWorkspace(outside, { workspaceRoots: [ws], permitirSigtapExterno: true })).toBeUndefined();
        expect(
            sigtapForaDoWorkspace(path.join(ws, 'sigtap/link-para-dentro.zip'), {
                workspaceRoots: [ws],
                permitirSigtapExterno: false
            })
        ).toBeUndefined();
        expect(sigtapForaDoWorkspace(outside, { workspaceRoots: [ws], permitirSigtapExterno: false })).toMatchObject({
            real: outside,
            raizes: [ws]
        });
        // A root given through a link counts as where it really is.
        expect(
            sigtapForaDoWorkspace(path.join(fora, 'tabela.zip'), {
                workspaceRoots: [path.join(ws, 'pasta-link-para-fora')],
                permitirSigtapExterno: false
            })
        ).toBeUndefined();
    });

    it('reads OCI_SIGTAP_EXTERNO', () => {
        expect(sigtapExternoPeloAmbiente({})).toBe(false);
        expect(sigtapExternoPeloAmbiente({ [SIGTAP_EXTERNO_ENV]: '1' })).toBe(true);
        expect(sigtapExternoPeloAmbiente({ [SIGTAP_EXTERNO_ENV]: 'true' })).toBe(true);
        expect(sigtapExternoPeloAmbiente({ [SIGTAP_EXTERNO_ENV]: '0' })).toBe(false);
    });
});

describe('the workspace refuses a sigtap path outside its roots, without reading it', () => {
    const services = createOciCoreServices(EmptyFileSystem);
    afterAll(async () => {
        await clearDocuments(services.shared);
    });

    async function validate(written: string, settings: { workspaceRoots: string[]; permitirSigtapExterno?: boolean }) {
        Object.assign(services.Oci.catalogo.Settings, { permitirSigtapExterno: false, ...settings });
        const split = MAMA.indexOf('oci 09');
        const files = {
            'catalogo.oci': header(written) + MAMA.slice(0, split),
            'oncologia/mama.oci': MAMA.slice(split)
        };
        const docs = await buildWorkspace(services, files, ws);
        return docs.flatMap(d => (d.diagnostics ?? []).map(x => ({ file: path.basename(d.uri.fsPath), ...x })));
    }

    it.each(ESCAPES)('%s', async (_name, written) => {
        const reads = vi.spyOn(sigtapCache, 'get');
        const diagnostics = await validate(written(), { workspaceRoots: [ws] });
        expect(diagnostics.map(d => `${d.file}:${d.range.start.line} ${d.code}`)).toEqual([
            `catalogo.oci:${SIGTAP_LINE} ${CODE}`
        ]);
        const [d] = diagnostics;
        expect(d.severity).toBe(1);
        expect(d.message).toContain(`"${written()}"`);
        expect(d.message).toContain(ws);
        expect(d.message).toMatch(/--sigtap-externo.*oci\.sigtap\.permitirExterno/);
        expect(reads).not.toHaveBeenCalled();
    });

    it('accepts the zip inside, also through a link that stays inside', async () => {
        expect(await validate('sigtap/tabela.zip', { workspaceRoots: [ws] })).toEqual([]);
        expect(await validate('sigtap/link-para-dentro.zip', { workspaceRoots: [ws] })).toEqual([]);
        expect(await validate(path.join(ws, 'sigtap', 'tabela.zip'), { workspaceRoots: [ws] })).toEqual([]);
    });

    it('accepts a zip outside when allowed, or when no roots are set (library use)', async () => {
        expect(await validate('../fora/tabela.zip', { workspaceRoots: [ws], permitirSigtapExterno: true })).toEqual([]);
        expect(await validate('sigtap/link-para-fora.zip', { workspaceRoots: [] })).toEqual([]);
    });
});

interface JsonReport {
    diagnostics: Array<{ file: string; line: number; code: string; severity: string }>;
}

describe('the CLI: roots are the current folder and the catalogue folders; --sigtap-externo allows', () => {
    /** A catalogue folder beside ws/ and fora/, with the same links as ws/. */
    function catalogue(name: string, written: string): string {
        const dir = path.join(tmp, name);
        fs.mkdirSync(path.join(dir, 'oncologia'), { recursive: true });
        fs.mkdirSync(path.join(dir, 'sigtap'), { recursive: true });
        fs.symlinkSync(path.join(fora, 'tabela.zip'), path.join(dir, 'sigtap', 'link-para-fora.zip'));
        fs.symlinkSync(fora, path.join(dir, 'pasta-link-para-fora'));
        const split = MAMA.indexOf('oci 09');
        fs.writeFileSync(path.join(dir, 'catalogo.oci'), header(written) + MAMA.slice(0, split));
        fs.writeFileSync(path.join(dir, 'oncologia', 'mama.oci'), MAMA.slice(split));
        return dir;
    }

    it.each(ESCAPES)('check and build refuse %s (exit 2, nothing written)', async (_name, written) => {
        const dir = catalogue(`cli-${ESCAPES.findIndex(e => e[1] === written)}`, written());
        const reads = vi.spyOn(sigtapCache, 'get');
        const check = await run('check', dir, '--format', 'json');
        expect(check.code, check.err).toBe(2);
        const report = JSON.parse(check.out) as JsonReport;
        expect(report.diagnostics.map(d => `${path.basename(d.file)}:${d.line} ${d.code}`)).toEqual([
            `catalogo.oci:${SIGTAP_LINE + 1} ${CODE}`
        ]);
        const out = path.join(dir, 'saida');
        const build = await run('build', dir, '--out', out);
        expect(build.code).toBe(2);
        expect(build.err).toContain(CODE);
        expect(fs.existsSync(out)).toBe(false);
        expect(reads).not.toHaveBeenCalled();
    });

    it('a catalogue outside the current folder may use a zip in its own folder', async () => {
        const dir = catalogue('proprio', 'sigtap/tabela.zip');
        fs.copyFileSync(SUBSET, path.join(dir, 'sigtap', 'tabela.zip'));
        expect(isInside(dir, process.cwd())).toBe(false);
        const r = await run('check', dir);
        expect(r.code, r.out + r.err).toBe(0);
        // Given one file: the header found in the folder above is a root too.
        const one = await run('check', path.join(dir, 'oncologia', 'mama.oci'));
        expect(one.code, one.out + one.err).toBe(0);
        const built = await run('build', dir, '--out', path.join(dir, 'saida'));
        expect(built.code, built.err).toBe(0);
    });

    it('--sigtap-externo (after or before the command) and OCI_SIGTAP_EXTERNO=1 allow a zip outside', async () => {
        const dir = catalogue('externo', path.join(fora, 'tabela.zip'));
        expect((await run('check', dir)).code).toBe(2);
        const after = await run('check', dir, '--sigtap-externo');
        expect(after.code, after.out + after.err).toBe(0);
        const before = await run('--sigtap-externo', 'check', dir);
        expect(before.code, before.out + before.err).toBe(0);
        const out = path.join(dir, 'saida');
        expect((await run('build', dir, '--out', out, '--sigtap-externo')).code).toBe(0);
        expect(fs.existsSync(path.join(out, 'catalogo.json'))).toBe(true);
        // The flag does not stick to the next command of the same process.
        expect((await run('check', dir)).code).toBe(2);
        process.env[SIGTAP_EXTERNO_ENV] = '1';
        expect((await run('check', dir)).code).toBe(0);
    });
});

describe('the language server', () => {
    it('takes its roots from the workspace folders', () => {
        expect(
            workspaceRootsOf({ workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }], rootUri: null })
        ).toEqual([ws]);
        expect(workspaceRootsOf({ workspaceFolders: null, rootUri: URI.file(fora).toString() })).toEqual([fora]);
        expect(workspaceRootsOf({ workspaceFolders: [{ uri: 'untitled:x', name: 'x' }], rootUri: null })).toEqual([]);
    });

    it('refuses a zip outside the workspace folders until oci.sigtap.permitirExterno is set', async () => {
        const services = createOciLspServices(EmptyFileSystem);
        await services.shared.lsp.LanguageServer.initialize({
            processId: null,
            rootUri: null,
            capabilities: {},
            workspaceFolders: [{ uri: URI.file(ws).toString(), name: 'ws' }]
        });
        expect(services.Oci.catalogo.Settings.workspaceRoots).toEqual([ws]);
        const validate = async () => {
            await clearDocuments(services.shared);
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString<Documento>(
                header('../fora/tabela.zip') + MAMA,
                URI.file(path.join(ws, 'catalogo.oci'))
            );
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
            return (doc.diagnostics ?? []).map(d => `${d.range.start.line} ${d.code}`);
        };
        expect(await validate()).toEqual([`${SIGTAP_LINE} ${CODE}`]);
        services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { oci: { sigtap: { permitirExterno: true } } }
        });
        expect(services.Oci.catalogo.Settings.permitirSigtapExterno).toBe(true);
        expect(await validate()).toEqual([]);
        services.shared.workspace.ConfigurationProvider.updateConfiguration({
            settings: { oci: { sigtap: { permitirExterno: false } } }
        });
        expect(await validate()).toEqual([`${SIGTAP_LINE} ${CODE}`]);
        await clearDocuments(services.shared);
    });

    it('never starts a child process while validating and answering a catalogue that names commands', async () => {
        const require = createRequire(import.meta.url);
        const childProcess = require('node:child_process') as typeof import('node:child_process');
        const spies = (['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const).map(
            name => vi.spyOn(childProcess, name)
        );
        syncBuiltinESMExports();
        const marker = path.join(tmp, 'executado');
        try {
            // Control: the spies see a call through an ES module's named import.
            spawnSync(process.execPath, ['-e', '0']);
            expect(spies[1]).toHaveBeenCalledTimes(1);
            spies[1].mockClear();
            const services = createOciLspServices(EmptyFileSystem);
            services.Oci.catalogo.Settings.workspaceRoots = [ws];
            const text =
                header(`$(touch ${marker}).zip`) +
                MAMA.replace(
                    'fundamento "Portaria SAES/MS nº 1.824/2024"',
                    `fundamento "\`touch ${marker}\`; $(touch ${marker})"`
                ) +
                `\n// ; touch ${marker}\n`;
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString<Documento>(
                text,
                URI.file(path.join(ws, 'catalogo.oci'))
            );
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
            const lsp = services.Oci.lsp;
            const textDocument = { uri: doc.textDocument.uri };
            for (let offset = 0; offset < text.length; offset += 7) {
                const position = doc.textDocument.positionAt(offset);
                await lsp.HoverProvider!.getHoverContent(doc, { textDocument, position });
                await lsp.CompletionProvider!.getCompletion(doc, { textDocument, position });
            }
            await lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument });
            await lsp.CodeActionProvider!.getCodeActions(doc, {
                textDocument,
                range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
                context: { diagnostics: doc.diagnostics ?? [] }
            });
            await lsp.Formatter!.formatDocument(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } });
            expect(doc.diagnostics?.map(d => d.code)).toContain('catalogo/sigtap-invalido');
            await clearDocuments(services.shared);
        } finally {
            for (const spy of spies) {
                expect(spy, spy.getMockName()).not.toHaveBeenCalled();
                spy.mockRestore();
            }
            syncBuiltinESMExports();
        }
        expect(fs.existsSync(marker)).toBe(false);
    });

    it('no module of the language or the server imports child_process, worker_threads or vm (but the code cache)', () => {
        // language/src/io/code-cache.ts compiles with vm the one bundle its process's entry names (out/cli/main.cjs,
        // out/server/main.cjs), never a file a catalogue or a workspace names.
        const allowed = new Set([path.join('language', 'src', 'io', 'code-cache.ts')]);
        const offenders: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (
                    entry.name.endsWith('.ts') &&
                    /['"](node:)?(child_process|worker_threads|vm)['"]/.test(fs.readFileSync(full, 'utf8')) &&
                    !allowed.has(path.relative(REPO_ROOT, full))
                )
                    offenders.push(path.relative(REPO_ROOT, full));
            }
        };
        walk(path.join(REPO_ROOT, 'language/src'));
        walk(path.join(REPO_ROOT, 'server/src'));
        expect(offenders).toEqual([]);
    });
});
