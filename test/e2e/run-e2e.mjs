#!/usr/bin/env node
/**
 * End-to-end tests of the extension in a REAL VS Code (the one inside the npm package code-server,
 * installed by test/e2e/setup-vscode.sh), driven through headless Debian Chromium by playwright-core.
 *
 *   bash test/e2e/setup-vscode.sh && npx node test/e2e/run-e2e.mjs
 *
 * Phase "suite": the VS Code server runs this repository's extension as the extension under
 *   development — the packaged out/oci-catalogo.vsix unpacked into the temp folder, so that nothing
 *   next to it (the repository's node_modules) stands in for what users do not have — and runs
 *   test/e2e/suite/index.cjs inside its extension
 *   host, with the real `vscode` API — what @vscode/test-electron does with a desktop VS Code.
 *   The browser page only hosts the workbench; the suite's result comes back through
 *   `codeAutomationExit`, its log through `codeAutomationLog` and a log file.
 * Phase "ui": the packaged out/oci-catalogo.vsix is installed into a fresh extensions folder, the
 *   broken fixture file is opened in the browser UI, and the run waits for the squiggles, the
 *   Problems count and the code lens, then saves test/e2e/.artifacts/editor.png.
 * Phase "web": the same vsix's web extension (package.json `browser`) in the workbench's Web Worker
 *   extension host (user setting remote.extensionKind ["web"]) on a copy of examples/pmae; the
 *   checks of test/e2e/suite/web.cjs run in that worker and ask this harness over HTTP to check
 *   the DOM (Problems count, the error's squiggle, the audit's notice; .artifacts/web.png).
 *
 * Options: --phase=suite|ui|web|all (all)  --no-build  --bundled (package the vsix, do not bundle again)
 *          --timeout=SECONDS (180, per phase)
 *          --keep (keep the temp folder)  --extension=PATH (another extension folder; for the
 *          harness's own development)  --vsix=PATH (another vsix for the UI phase)  --sigtap=ZIP (the full SIGTAP zip
 * to cut the fixture's from)
 * Env:     OCI_E2E_CACHE, OCI_E2E_VSCODE (as setup-vscode.sh), OCI_E2E_SIGTAP.
 * Exit:    0 when every check of every phase passed; 1 otherwise (failed check, timeout, crash).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const ARTIFACTS = path.join(HERE, '.artifacts');
const FIXTURE = path.join(HERE, 'fixture');
const SUITE = path.join(HERE, 'suite', 'index.cjs');
const SUBSET_NAME = 'sigtap/TabelaUnificada_202601_subset.zip';

// ------------------------------------------------------------------------------------------------
// options
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
    const hit = argv.find(a => a === `--${name}` || a.startsWith(`--${name}=`));
    if (!hit) return fallback;
    return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : true;
};
const PHASE = String(opt('phase', 'all'));
const BUILD = !opt('no-build', false) && process.env.OCI_E2E_NO_BUILD !== '1';
// --bundled: the bundles in out/ are fresh (`npm test` built them a moment ago); only the vsix is packaged.
const BUNDLED = Boolean(opt('bundled', false));
const TIMEOUT_S = Number(opt('timeout', 180));
const KEEP = Boolean(opt('keep', false));
const EXTENSION = path.resolve(String(opt('extension', REPO)));
const SIGTAP_ZIP = path.resolve(
    String(
        opt(
            'sigtap',
            process.env.OCI_E2E_SIGTAP ??
                path.resolve(REPO, '../shared/design/data/sigtap/TabelaUnificada_202601_v2601221740.zip')
        )
    )
);
const CACHE = process.env.OCI_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'oci-catalogo-e2e');
const CS_VERSION = process.env.OCI_E2E_VSCODE ?? '4.100.3';
if (!['suite', 'ui', 'web', 'all'].includes(PHASE)) fail(`--phase must be suite, ui, web or all (got ${PHASE})`);

const t0 = Date.now();
const stamp = () => `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s`;
const say = msg => process.stdout.write(`[e2e ${stamp()}] ${msg}\n`);
function fail(msg) {
    process.stderr.write(`run-e2e: ${msg}\n`);
    process.exit(1);
}

// ------------------------------------------------------------------------------------------------
// the VS Code from the cache
const envFile = path.join(CACHE, `code-server-${CS_VERSION}`, 'e2e-env.json');
if (!fs.existsSync(envFile)) fail(`${envFile} not found: run "bash test/e2e/setup-vscode.sh" first`);
const VS = JSON.parse(fs.readFileSync(envFile, 'utf8'));
for (const f of [VS.node, VS.serverMain, VS.chromium])
    if (!fs.existsSync(f)) fail(`${f} missing: run "bash test/e2e/setup-vscode.sh" again`);
let chromium;
try {
    ({ chromium } = await import('playwright-core'));
} catch {
    fail('playwright-core is not installed: run "npm ci" (it is a devDependency)');
}

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-e2e-'));
const LOGS = path.join(TMP, 'logs');
fs.mkdirSync(LOGS, { recursive: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });
const children = new Set();
let cleanedUp = false;
function cleanup() {
    if (cleanedUp) return;
    cleanedUp = true;
    for (const child of children) killTree(child);
    if (!KEEP) fs.rmSync(TMP, { recursive: true, force: true });
}
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, () => {
        cleanup();
        process.exit(130);
    });

say(`VS Code ${VS.vscodeVersion} (code-server ${VS.codeServerVersion}) on ${VS.node}; temp ${TMP}`);

// ------------------------------------------------------------------------------------------------
// 1. build the extension (bundles, and the vsix for the UI phase)
function npmRun(script) {
    const t = Date.now();
    // stdin closed: a tool that asks a question (vsce does) gets no answer instead of hanging.
    const r = spawnSync('npm', ['run', '--silent', script], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 180_000
    });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.replace(/^npm warn Unknown user config.*\n?/gm, '');
    fs.writeFileSync(path.join(LOGS, `npm-${script.replace(/[^a-z0-9]/gi, '_')}.log`), out);
    if (r.status !== 0) {
        process.stdout.write(out.split('\n').slice(-30).join('\n') + '\n');
        fail(`npm run ${script} failed (${r.error ? r.error.message : `exit ${r.status}`})`);
    }
    say(`npm run ${script}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
const VSIX = path.resolve(String(opt('vsix', path.join(REPO, 'out', 'oci-catalogo.vsix'))));
if (BUILD && EXTENSION === REPO && !opt('vsix', false)) {
    if (BUNDLED) say('the bundles in out/ are fresh (--bundled): not bundling again');
    else if (fs.existsSync(path.join(REPO, 'scripts', 'bundle.mjs'))) npmRun('bundle');
    else say('scripts/bundle.mjs does not exist yet: using the bundles already in out/ (if any)');
    // Both phases run the packaged extension (the suite its unpacked copy: see below).
    if (fs.existsSync(path.join(REPO, 'out', 'client', 'extension.cjs'))) npmRun('package:vsix');
    else say('no out/client/extension.cjs: cannot package the vsix');
}
const extPkg = JSON.parse(fs.readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));
const extMain = extPkg.main ? path.resolve(EXTENSION, extPkg.main) : undefined;
if (!extMain || !fs.existsSync(extMain)) {
    say(
        `WARNING: the extension's main (${extPkg.main ?? 'no "main" in package.json'}) does not exist: VS Code will not be able to activate it`
    );
}

// The suite runs the extension as users install it: this repository's vsix, unpacked into the temp
// folder, is the extension under development. Its folder must not have node_modules: the bundled CLI
// (out/cli/main.cjs) resolves require() from its own real path upwards, so run from this repository
// it would find DuckDB in the repository's node_modules, and "OCI: Auditar produção" would pass
// here while it fails for every user whose catalogue repository has no DuckDB (the vsix is packaged
// with --no-dependencies; the extension looks in the catalogue repository's node_modules).
// --extension=DIR runs DIR as it is (the harness's own development).
let SUITE_EXTENSION = EXTENSION;
if (EXTENSION === REPO && PHASE !== 'ui') {
    if (!fs.existsSync(VSIX))
        fail(
            `${VSIX} does not exist: the suite runs the packaged extension (run without --no-build, or "npm run package:vsix")`
        );
    const newer = ['out/client/extension.cjs', 'out/server/main.cjs', 'out/cli/main.cjs'].filter(
        f => fs.existsSync(path.join(REPO, f)) && fs.statSync(path.join(REPO, f)).mtimeMs > fs.statSync(VSIX).mtimeMs
    );
    if (newer.length)
        say(
            `WARNING: ${path.relative(REPO, VSIX)} is older than ${newer.join(', ')}: the suite runs the vsix as it is`
        );
    SUITE_EXTENSION = path.join(TMP, 'suite-extension');
    const count = await unpackVsix(VSIX, SUITE_EXTENSION);
    if (fs.existsSync(path.join(SUITE_EXTENSION, 'node_modules')))
        fail(
            `${VSIX} carries node_modules: the suite could not tell whether the audit finds DuckDB where users have it`
        );
    say(`suite: ${path.relative(REPO, VSIX)} unpacked into ${SUITE_EXTENSION} (${count} files)`);
}

/** Unpacks a vsix's extension/ folder into `dest`; returns how many files it has. */
async function unpackVsix(vsix, dest) {
    const { unzipSync } = await import('fflate');
    const files = Object.entries(
        unzipSync(fs.readFileSync(vsix), { filter: f => f.name.startsWith('extension/') && !f.name.endsWith('/') })
    );
    for (const [name, data] of files) {
        const file = path.join(dest, name.slice('extension/'.length));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, data);
    }
    return files.length;
}

// ------------------------------------------------------------------------------------------------
// 2. workspaces: temp copies of the fixture, with the SIGTAP subset cut by the project's own CLI
/**
 * Environment of the CLI runs of this runner (the SIGTAP subset, the web phase's check): their snapshots and compile
 * cache in the run's temporary folder, not the user's ~/.cache/oci-catalogo (the editor's processes have their own
 * XDG folders, serverEnv).
 */
const CLI_ENV = { ...process.env, OCI_CACHE_DIR: path.join(TMP, 'cli-cache') };

async function cliRunner() {
    if (fs.existsSync(path.join(REPO, 'out', 'cli', 'main.cjs'))) return path.join(REPO, 'bin', 'oci-catalogo.cjs');
    // Not built yet: bundle the CLI from source into the temp folder (the same esbuild the project uses).
    const { build } = await import('esbuild');
    const out = path.join(TMP, 'cli', 'main.cjs');
    await build({
        entryPoints: [path.join(REPO, 'cli', 'src', 'main.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        outfile: out,
        logLevel: 'error'
    });
    const runner = path.join(TMP, 'cli', 'run.cjs');
    fs.writeFileSync(
        runner,
        `require(${JSON.stringify(out)}).main(process.argv.slice(2)).then(c => { process.exitCode = c; });\n`
    );
    return runner;
}
async function makeWorkspace(name) {
    const ws = path.join(TMP, name);
    fs.cpSync(FIXTURE, ws, { recursive: true });
    return ws;
}
const WS_SUITE = await makeWorkspace('ws-suite');
{
    const t = Date.now();
    if (!fs.existsSync(SIGTAP_ZIP))
        fail(`SIGTAP zip not found: ${SIGTAP_ZIP} (the shared/ folder beside the repo; or --sigtap=ZIP)`);
    const cli = await cliRunner();
    const r = spawnSync(
        process.execPath,
        [cli, 'sigtap-subset', SIGTAP_ZIP, '--para', WS_SUITE, '--out', path.join(WS_SUITE, SUBSET_NAME)],
        { cwd: REPO, encoding: 'utf8', env: CLI_ENV }
    );
    if (r.status !== 0)
        fail(`sigtap-subset failed (exit ${r.status}; node ${process.version}):\n${r.stdout}${r.stderr}`);
    say(`${r.stdout.trim()} [${((Date.now() - t) / 1000).toFixed(1)} s]`);
}
const WS_UI = path.join(TMP, 'ws-ui');
fs.cpSync(WS_SUITE, WS_UI, { recursive: true });
// "OCI: Auditar produção" needs DuckDB, a native module the vsix does not carry: the extension looks
// for it in the node_modules of the catalogue's repository (NODE_PATH, from the workspace upwards),
// which a user gets with "npm install" there. The temp workspace has none, so the suite's copy gets
// this repository's node_modules (from "npm ci") as a symlink: the same folder layout as a catalogue
// repository with the CLI installed, without installing it again. Langium's workspace scan and VS
// Code's file watcher skip node_modules. Only the suite's workspace: the UI phase does not audit.
// (fs.rmSync of the temp folder removes the link, never the repository's node_modules.)
if (fs.existsSync(path.join(REPO, 'node_modules', '@duckdb', 'node-api'))) {
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(WS_SUITE, 'node_modules'), 'dir');
} else {
    say('WARNING: node_modules/@duckdb/node-api is missing (npm ci): the audit checks will fail');
}

// ------------------------------------------------------------------------------------------------
// helpers: ports, the server, the browser
function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
            srv.close(() => resolve(port));
        });
    });
}
function killTree(child) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
        process.kill(-child.pid, 'SIGKILL');
    } catch {
        try {
            child.kill('SIGKILL');
        } catch {
            /* gone */
        }
    }
}
function httpOk(url) {
    return new Promise(resolve => {
        const req = http.get(url, res => {
            res.resume();
            resolve(res.statusCode !== undefined && res.statusCode < 500);
        });
        req.on('error', () => resolve(false));
        req.setTimeout(2000, () => {
            req.destroy();
            resolve(false);
        });
    });
}
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Environment for the server (and so for its extension host and the language server). */
function serverEnv(dir, extra = {}) {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^(npm_|NODE_OPTIONS$|NODE_PATH$|VSCODE_|ELECTRON_)/i.test(k)) delete env[k];
    // The project's node_modules/.bin (Node 22 from `npx node`) stays out of the editor's PATH.
    env.PATH = (env.PATH ?? '')
        .split(path.delimiter)
        .filter(p => !p.includes(`node_modules${path.sep}.bin`))
        .join(path.delimiter);
    for (const [k, sub] of [
        ['XDG_CONFIG_HOME', 'config'],
        ['XDG_DATA_HOME', 'data'],
        ['XDG_CACHE_HOME', 'cache'],
        ['XDG_STATE_HOME', 'state'],
        ['XDG_RUNTIME_DIR', 'runtime']
    ]) {
        env[k] = path.join(dir, 'xdg', sub);
        fs.mkdirSync(env[k], { recursive: true, mode: 0o700 });
    }
    env.VSCODE_AGENT_FOLDER = path.join(dir, 'server-data');
    return { ...env, ...extra };
}

/** Machine settings of the server (<user-data-dir>/Machine/settings.json): a quiet, deterministic workbench. */
function writeMachineSettings(userData, extra = {}) {
    const dir = path.join(userData, 'Machine');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
        path.join(dir, 'settings.json'),
        JSON.stringify(
            {
                'workbench.startupEditor': 'none',
                'workbench.tips.enabled': false,
                'workbench.enableExperiments': false,
                'extensions.ignoreRecommendations': true,
                'extensions.autoCheckUpdates': false,
                'extensions.autoUpdate': false,
                'telemetry.telemetryLevel': 'off',
                'update.mode': 'none',
                'git.enabled': false,
                'github.gitAuthentication': false,
                'security.workspace.trust.enabled': false,
                'chat.disableAIFeatures': true,
                'editor.codeLens': true,
                'editor.hover.above': false,
                'files.autoSave': 'off',
                ...extra
            },
            null,
            2
        )
    );
}

async function startServer(name, { extensionsDir, env = {}, settings = {} }) {
    const dir = path.join(TMP, name);
    const serverData = path.join(dir, 'server-data');
    const userData = path.join(dir, 'user-data');
    for (const d of [serverData, userData, extensionsDir]) fs.mkdirSync(d, { recursive: true });
    writeMachineSettings(userData, settings);
    const port = await freePort();
    const logFile = path.join(LOGS, `${name}-server.log`);
    const log = fs.openSync(logFile, 'a');
    const child = spawn(
        VS.node,
        [
            VS.serverMain,
            '--host',
            '127.0.0.1',
            '--port',
            String(port),
            '--without-connection-token',
            '--accept-server-license-terms',
            '--enable-smoke-test-driver',
            '--disable-workspace-trust',
            '--disable-telemetry',
            '--telemetry-level',
            'off',
            '--server-data-dir',
            serverData,
            '--user-data-dir',
            userData,
            '--extensions-dir',
            extensionsDir,
            '--logsPath',
            path.join(LOGS, `${name}-vscode-logs`)
        ],
        { cwd: dir, env: serverEnv(dir, env), stdio: ['ignore', log, log], detached: true }
    );
    children.add(child);
    child.on('exit', () => children.delete(child));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (!(await httpOk(`${base}/version`))) {
        if (child.exitCode !== null)
            fail(`VS Code server exited (${child.exitCode}); see ${logFile}:\n${tail(logFile, 30)}`);
        if (Date.now() > deadline)
            fail(`VS Code server did not answer on ${base} within 30 s; log:\n${tail(logFile, 30)}`);
        await sleep(200);
    }
    return { child, port, base, logFile, dir };
}

async function openBrowser(name) {
    const profile = path.join(TMP, name, 'chromium-profile');
    fs.mkdirSync(profile, { recursive: true });
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: VS.chromium,
        headless: true,
        locale: 'en-US',
        viewport: { width: 1440, height: 900 },
        args: CHROMIUM_ARGS
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLog = fs.createWriteStream(path.join(LOGS, `${name}-browser-console.log`));
    page.on('console', m => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', e => consoleLog.write(`[pageerror] ${e.message}\n`));
    return { context, page, consoleLog };
}

function tail(file, n) {
    try {
        return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
    } catch {
        return `(no ${file})`;
    }
}
const remote = (port, p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
function workbenchUrl(base, folder, payload) {
    let url = `${base}/?folder=${encodeURIComponent(folder)}`;
    if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return url;
}
/** Copies the run's logs next to the screenshot, so that a failed CI run can be read afterwards. */
function keepLogs() {
    const dest = path.join(ARTIFACTS, 'logs');
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(LOGS, dest, { recursive: true });
    return dest;
}

// ------------------------------------------------------------------------------------------------
// phase "suite": extension-host tests with the real vscode API
async function runSuite() {
    const suiteLog = path.join(LOGS, 'suite.log');
    return runExtensionTests('suite', {
        extension: SUITE_EXTENSION,
        tests: SUITE,
        workspace: WS_SUITE,
        suiteLog,
        env: { OCI_E2E_SUITE_LOG: suiteLog, OCI_E2E: '1' }
    });
}

/**
 * Runs `tests` (extensionTestsPath) with `extension` as the extension under development on the
 * workspace, in the workbench of a fresh server; the suite's lines are those appended to `suiteLog`.
 * `onPage` gets the workbench page before it loads (phase "web" checks its DOM while the suite runs).
 * @param {string} name
 * @param {{ extension: string, tests: string, workspace: string, suiteLog: string, env?: Record<string, string>,
 *   settings?: Record<string, unknown>, onPage?: (page: import('playwright-core').Page) => void }} options
 */
async function runExtensionTests(
    name,
    { extension, tests, workspace, suiteLog, env = {}, settings = {}, onPage = () => {} }
) {
    say(`phase ${name}: extensionDevelopmentPath=${extension}`);
    fs.writeFileSync(suiteLog, '');
    const server = await startServer(name, { extensionsDir: path.join(TMP, name, 'extensions'), env, settings });
    const { context, page, consoleLog } = await openBrowser(name);
    onPage(page);
    // Lines of the suite arrive twice (log file and codeAutomationLog): print those of the file,
    // keep the rest of the workbench's log for failures.
    const automationLog = fs.createWriteStream(path.join(LOGS, `${name}-automation.log`));
    let printed = 0;
    const pump = () => {
        const text = fs.readFileSync(suiteLog, 'utf8');
        const lines = text.slice(printed).split('\n');
        const rest = lines.pop();
        for (const line of lines) process.stdout.write(`  │ ${line}\n`);
        printed = text.length - rest.length;
    };
    const timer = setInterval(pump, 250);
    let result;
    try {
        const done = new Promise(resolve => {
            page.exposeFunction('codeAutomationLog', (type, message) => {
                automationLog.write(`[${type}] ${message}\n`);
            })
                .then(() =>
                    page.exposeFunction('codeAutomationExit', async (code, logs) => {
                        for (const l of Array.isArray(logs) ? logs : []) {
                            try {
                                const f = path.join(LOGS, `${name}-workbench-logs`, l.relativePath);
                                fs.mkdirSync(path.dirname(f), { recursive: true });
                                fs.writeFileSync(f, l.contents);
                            } catch {
                                /* best effort */
                            }
                        }
                        resolve({ code: Number(code) });
                    })
                )
                .then(() =>
                    page.goto(
                        workbenchUrl(server.base, workspace, [
                            ['extensionDevelopmentPath', remote(server.port, extension)],
                            ['extensionTestsPath', remote(server.port, tests)]
                        ])
                    )
                )
                .catch(e => resolve({ code: 1, error: `browser: ${e.message}` }));
        });
        const timeout = sleep(TIMEOUT_S * 1000).then(() => ({ code: 1, error: `timed out after ${TIMEOUT_S} s` }));
        result = await Promise.race([done, timeout]);
    } finally {
        clearInterval(timer);
        pump();
        const rest = fs.readFileSync(suiteLog, 'utf8').slice(printed);
        if (rest) process.stdout.write(`  │ ${rest}\n`);
        await context.close().catch(() => {});
        consoleLog.end();
        automationLog.end();
        killTree(server.child);
    }
    const suiteText = fs.readFileSync(suiteLog, 'utf8');
    if (!suiteText.trim()) {
        // The suite never started (extension host crash, bad path…): show what the workbench said.
        process.stdout.write(
            `  (the suite wrote nothing; workbench log tail:)\n${tail(path.join(LOGS, `${name}-automation.log`), 40)}\n`
        );
    }
    const m = /(\d+) passed, (\d+) failed/.exec(
        suiteText
            .split('\n')
            .reverse()
            .find(l => /\d+ passed, \d+ failed/.test(l)) ?? ''
    );
    const counts = m ? { passed: Number(m[1]), failed: Number(m[2]) } : { passed: 0, failed: 1 };
    if (result.error) say(`phase ${name}: ${result.error}`);
    say(`phase ${name}: exit code ${result.code} (${counts.passed} passed, ${counts.failed} failed)`);
    return { ok: result.code === 0 && !result.error, ...counts };
}

// ------------------------------------------------------------------------------------------------
// phase "web": the web extension (package.json `browser`) in the workbench's Web Worker extension host
const WEB_SUITE = path.join(HERE, 'suite', 'web.cjs');

/**
 * web.cjs as the Web Worker host runs it: HUB defined, and suite/common.cjs inlined where web.cjs requires it
 * (the worker has no file beside the suite to require; only `vscode` is provided).
 */
function webSuiteText(hub) {
    const call = "require('./common.cjs')";
    const web = fs.readFileSync(WEB_SUITE, 'utf8');
    if (!web.includes(call)) fail(`${WEB_SUITE} no longer requires ./common.cjs as run-e2e.mjs inlines it`);
    const common = fs.readFileSync(path.join(HERE, 'suite', 'common.cjs'), 'utf8');
    const inlined = `(module => {\n${common}\nreturn module.exports;\n})({ exports: {} })`;
    return `const HUB = ${JSON.stringify(hub)};\n${web.replace(call, () => inlined)}`;
}

async function runWeb() {
    // The packaged extension, run in the workbench's Web Worker extension host: with both `main` and
    // `browser` code-server runs it in the server's Node host (phase suite), unless the user setting
    // remote.extensionKind says ["web"] — the manifest's own "extensionKind" cannot (VS Code keeps
    // only "ui" and "workspace" there), and a copy without `main` is refused: VS Code 1.100's web
    // host decides "ESM or CommonJS" from `main`, and with "type": "module" no `main` means ESM.
    const variant = path.join(TMP, 'web-extension');
    const count = await unpackVsix(VSIX, variant);
    const manifest = JSON.parse(fs.readFileSync(path.join(variant, 'package.json'), 'utf8'));
    const id = `${manifest.publisher}.${manifest.name}`;
    say(`phase web: ${path.relative(REPO, VSIX)} unpacked (${count} files); remote.extensionKind ${id}: ["web"]`);
    // The workspace: a copy of examples/pmae with its SIGTAP subset; the browser must find what the CLI finds there.
    const workspace = path.join(TMP, 'ws-web');
    fs.cpSync(path.join(REPO, 'examples', 'pmae'), workspace, { recursive: true });
    const check = spawnSync(process.execPath, [await cliRunner(), 'check', '--format', 'json', workspace], {
        cwd: REPO,
        encoding: 'utf8',
        env: CLI_ENV
    });
    let diagnostics;
    try {
        diagnostics = JSON.parse(check.stdout).diagnostics.map(d => ({
            file: path.basename(d.file),
            line: d.line,
            column: d.column,
            code: d.code
        }));
    } catch {
        fail(`oci-catalogo check --format json ${workspace} failed (exit ${check.status}):\n${check.stderr}`);
    }
    // A Web Worker has no file system nor environment: the suite talks to the harness over HTTP
    // (its address prepended to the suite's copy): /config, /log (its lines), /dom (checks of the
    // workbench's DOM at a step of the suite, answered with { ok, detail }).
    const suiteLog = path.join(LOGS, 'web.log');
    let page;
    const hub = http.createServer((req, res) => {
        let body = '';
        req.on('data', chunk => (body += chunk));
        req.on('end', async () => {
            const url = new URL(req.url ?? '/', 'http://127.0.0.1');
            const reply = value =>
                res
                    .writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
                    .end(JSON.stringify(value));
            if (url.pathname === '/config') reply({ diagnostics });
            else if (url.pathname === '/log') {
                fs.appendFileSync(suiteLog, `${body}\n`);
                reply({});
            } else if (url.pathname === '/dom')
                reply(
                    await checkWorkbench(page, url.searchParams.get('step'), diagnostics.length).catch(e => ({
                        ok: false,
                        detail: e.message.split('\n')[0]
                    }))
                );
            else res.writeHead(404).end();
        });
    });
    await new Promise(resolve => hub.listen(0, '127.0.0.1', () => resolve(undefined)));
    // A CommonJS module in an extension whose package.json says "type": "module" must end in .cjs, and
    // VS Code 1.100's web extension host then fetches it with ".js" appended (newer ones fetch it as
    // named): the suite is written under both names, as `npm run bundle` writes the web client.
    const tests = path.join(variant, 'e2e-web-suite.cjs');
    const { port } = /** @type {import('node:net').AddressInfo} */ (hub.address());
    const suiteText = webSuiteText(`http://127.0.0.1:${port}`);
    for (const file of [tests, `${tests}.js`]) fs.writeFileSync(file, suiteText);
    try {
        return await runExtensionTests('web', {
            extension: variant,
            tests,
            workspace,
            suiteLog,
            settings: { 'remote.extensionKind': { [id]: ['web'] } },
            onPage: p => (page = p)
        });
    } finally {
        hub.close();
    }
}

/** What the workbench shows at a step of the web suite: the Problems count, the error's marker, the audit's notice. */
async function checkWorkbench(page, step, expected) {
    const problems = async () =>
        (await page
            .locator('#status\\.problems')
            .first()
            .getAttribute('aria-label')
            .catch(() => '')) ?? '';
    if (step === 'exemplo') {
        const label = await page
            .waitForFunction(
                n => {
                    const text = document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? '';
                    return new RegExp(`\\b${n}\\b`).test(text) ? text : false;
                },
                expected,
                { timeout: 15_000 }
            )
            .then(
                h => h.jsonValue(),
                async () => await problems()
            );
        return { ok: new RegExp(`\\b${expected}\\b`).test(label), detail: `status bar "${label}"` };
    }
    if (step === 'erro') {
        const squiggles = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 15_000 }).then(
            () => page.locator('.monaco-editor .squiggly-error').count(),
            () => 0
        );
        const label = await problems();
        await page.screenshot({ path: path.join(ARTIFACTS, 'web.png') });
        return {
            ok: squiggles > 0 && /Errors?: [1-9]/i.test(label),
            detail: `${squiggles} error squiggle(s); status bar "${label}"; picture .artifacts/web.png`
        };
    }
    if (step === 'auditoria') {
        const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'desktop' }).first();
        const text = await toast.waitFor({ timeout: 10_000 }).then(
            () => toast.innerText(),
            () => ''
        );
        return { ok: /CLI/.test(text), detail: `notification "${text.replace(/\s+/g, ' ').trim().slice(0, 120)}"` };
    }
    return { ok: false, detail: `unknown step ${step}` };
}

// ------------------------------------------------------------------------------------------------
// phase "ui": the packaged vsix in the browser UI, and a screenshot
async function runUi() {
    say(`phase ui: installing ${path.relative(REPO, VSIX) || VSIX} into a fresh extensions folder`);
    const checks = [];
    const check = (name, ok, detail = '') => {
        checks.push({ name, ok });
        process.stdout.write(`  │ ${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''} [${stamp().trim()}]\n`);
    };
    if (!fs.existsSync(VSIX)) {
        check(`${path.relative(REPO, VSIX)} exists`, false, 'npm run package:vsix did not produce it');
        return { ok: false, passed: 0, failed: 1 };
    }
    const extensionsDir = path.join(TMP, 'ui', 'extensions');
    fs.mkdirSync(extensionsDir, { recursive: true });
    const install = spawnSync(
        VS.node,
        [
            VS.serverMain,
            '--install-extension',
            VSIX,
            '--force',
            '--extensions-dir',
            extensionsDir,
            '--server-data-dir',
            path.join(TMP, 'ui', 'server-data'),
            '--user-data-dir',
            path.join(TMP, 'ui', 'user-data'),
            '--accept-server-license-terms'
        ],
        { env: serverEnv(path.join(TMP, 'ui')), encoding: 'utf8', timeout: 60_000 }
    );
    fs.writeFileSync(path.join(LOGS, 'ui-install.log'), `${install.stdout}${install.stderr}`);
    const installed = fs.readdirSync(extensionsDir).filter(d => !d.startsWith('.') && d !== 'extensions.json');
    check(
        'vsix installs into a fresh extensions folder',
        install.status === 0 && installed.length > 0,
        installed.join(', ') ||
            `exit ${install.status}: ${`${install.stdout}${install.stderr}`.trim().split('\n').slice(-3).join(' | ')}`
    );
    if (!installed.length) return { ok: false, passed: 0, failed: 1 };

    // The browser (and so VS Code) is in English; the catalogue's messages are shown in Portuguese,
    // the product's language, through the setting oci.idioma (the suite phase checks English).
    const server = await startServer('ui', { extensionsDir, settings: { 'oci.idioma': 'pt' } });
    const { context, page, consoleLog } = await openBrowser('ui');
    const shot = path.join(ARTIFACTS, 'editor.png');
    const deadline = Date.now() + TIMEOUT_S * 1000;
    const left = () => Math.max(1000, deadline - Date.now());
    try {
        const broken = path.join(WS_UI, 'quebrado.oci');
        await page.goto(workbenchUrl(server.base, WS_UI, [['openFile', remote(server.port, broken)]]));
        await page.waitForSelector('.monaco-workbench', { timeout: left() });
        // The editor of quebrado.oci (opened by the payload; through Quick Open when it is not).
        const tab = page.locator('.tabs-container .tab', { hasText: 'quebrado.oci' });
        try {
            await tab.first().waitFor({ timeout: 15_000 });
        } catch {
            say('phase ui: the openFile payload opened no editor in 15 s; opening quebrado.oci with Quick Open');
            await page.keyboard.press('Control+P');
            await page.keyboard.type('quebrado.oci');
            await page.keyboard.press('Enter');
            await tab.first().waitFor({ timeout: 15_000 });
        }
        check('quebrado.oci opens in an editor', true);
        const langStatus = page.locator('#status\\.editor\\.mode');
        let mode = '';
        try {
            await page.waitForFunction(
                () => {
                    const el = document.querySelector('#status\\.editor\\.mode');
                    return el && !/plain ?text/i.test(el.textContent ?? '');
                },
                null,
                { timeout: 15_000 }
            );
        } catch (e) {
            say(`phase ui: language status: ${e.message.split('\n')[0]}`);
        }
        mode = (await langStatus.textContent().catch(() => '')).trim();
        check(
            'the editor knows the language (status bar shows it, not Plain Text)',
            mode !== '' && !/plain ?text/i.test(mode),
            mode
        );

        let squiggles = 0;
        try {
            await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: Math.min(left(), 60_000) });
            squiggles = await page.locator('.monaco-editor .squiggly-error').count();
        } catch {
            /* counted as 0 */
        }
        check('error squiggles in the editor', squiggles > 0, `${squiggles}`);

        let problems = '';
        try {
            await page.waitForFunction(
                () => {
                    const el = document.querySelector('#status\\.problems');
                    const label = el?.getAttribute('aria-label') ?? el?.textContent ?? '';
                    const m = /(\d+)/.exec(label);
                    return m && Number(m[1]) >= 2;
                },
                null,
                { timeout: Math.min(left(), 30_000) }
            );
        } catch {
            /* reported below */
        }
        problems =
            (await page
                .locator('#status\\.problems')
                .first()
                .getAttribute('aria-label')
                .catch(() => '')) ?? '';
        const errors = Number(/(\d+)/.exec(problems)?.[1] ?? 0);
        check('Problems count in the status bar shows the errors (≥ 2)', errors >= 2, problems);

        let lenses = [];
        try {
            await page.waitForFunction(
                () =>
                    [...document.querySelectorAll('.monaco-editor .codelens-decoration')].some(
                        e => (e.textContent ?? '').trim() !== ''
                    ),
                null,
                { timeout: Math.min(left(), 30_000) }
            );
        } catch {
            /* reported below */
        }
        lenses = (await page.locator('.monaco-editor .codelens-decoration').allTextContents())
            .map(t => t.trim())
            .filter(Boolean);
        check('code lens over the OCI', lenses.length > 0, lenses.join(' | ').slice(0, 160));
        check(
            'oci.idioma "pt": the code lens speaks Portuguese',
            lenses.some(l => /Valor calculado/.test(l)),
            lenses[0] ?? ''
        );

        // Show the Problems panel, then take the picture.
        await page
            .locator('#status\\.problems')
            .first()
            .click()
            .catch(() => {});
        await page.waitForSelector('.markers-panel', { timeout: 10_000 }).catch(() => {});
        await sleep(1500);
        await page.screenshot({ path: shot });
        say(`phase ui: screenshot ${path.relative(REPO, shot)}`);

        // A second picture: the hover over the clean OCI's code (value breakdown), best effort.
        try {
            await page.locator('#status\\.problems').first().click(); // closes the panel again: room for the hover
            await page.keyboard.press('Control+P');
            await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
            await page.keyboard.type('catalogo.oci');
            await sleep(500);
            await page.keyboard.press('Enter');
            await page
                .locator('.tabs-container .tab.active', { hasText: 'catalogo.oci' })
                .first()
                .waitFor({ timeout: 10_000 });
            // The token of the code (innermost span of the line); the mouse rests on its middle.
            // Hovers are timing-sensitive (layout still settling, mouse already there): retry.
            const line = page.locator('.monaco-editor .view-line', { hasText: 'oci 09.01.01.001-4' }).first();
            await line.waitFor({ timeout: 10_000 });
            await sleep(800);
            let shown = false;
            for (let attempt = 0; attempt < 4 && !shown; attempt++) {
                const token = line.locator('span span', { hasText: /09\.01/ }).first();
                const box = await token.boundingBox();
                await page.mouse.move(5, 5);
                await sleep(300);
                await page.mouse.move(box.x + 2, box.y + box.height / 2);
                await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { steps: 5 });
                shown = await page
                    .waitForSelector('.monaco-hover:not(.hidden) .monaco-hover-content', { timeout: 4_000 })
                    .then(
                        () => true,
                        () => false
                    );
            }
            if (!shown) throw new Error('no hover after 4 attempts');
            await sleep(500);
            await page.screenshot({ path: path.join(ARTIFACTS, 'hover.png') });
            say(`phase ui: screenshot ${path.relative(REPO, path.join(ARTIFACTS, 'hover.png'))}`);
        } catch (e) {
            say(`phase ui: no hover picture (${e.message.split('\n')[0]}); see .artifacts/logs/hover-failed.png`);
            await page.screenshot({ path: path.join(LOGS, 'hover-failed.png') }).catch(() => {});
        }
        // A third picture: the value breakdown panel, opened from the command palette (best effort).
        try {
            await page.keyboard.press('Escape');
            await page.mouse.move(5, 5);
            await page.keyboard.press('F1');
            await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
            // The palette shows the title of the display language (package.nls.en.json here).
            await page.keyboard.type('OCI: Show value breakdown');
            await sleep(600);
            await page.keyboard.press('Enter');
            await page.waitForSelector('iframe.webview', { timeout: 10_000 });
            let total = '';
            const deadline = Date.now() + 10_000;
            while (!total && Date.now() < deadline) {
                for (const frame of page.frames()) {
                    total =
                        (await frame
                            .locator('#total')
                            .first()
                            .textContent({ timeout: 200 })
                            .catch(() => '')) ?? '';
                    if (total) break;
                }
                if (!total) await sleep(250);
            }
            say(`phase ui: value breakdown panel shows the total ${total.trim() || '(not read)'}`);
            await sleep(500);
            await page.screenshot({ path: path.join(ARTIFACTS, 'composicao.png') });
            say(`phase ui: screenshot ${path.relative(REPO, path.join(ARTIFACTS, 'composicao.png'))}`);
        } catch (e) {
            say(
                `phase ui: no breakdown picture (${e.message.split('\n')[0]}); see .artifacts/logs/composicao-failed.png`
            );
            await page.screenshot({ path: path.join(LOGS, 'composicao-failed.png') }).catch(() => {});
        }
        // Typing (issue 19): Enter right after a money value breaks the line — no completion list is
        // open there to accept a keyword — and a keyword is offered once (no accented twin).
        try {
            await page.keyboard.press('Escape');
            await page.keyboard.press('Control+P');
            await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
            await page.keyboard.type('quebrado.oci');
            await sleep(500);
            await page.keyboard.press('Enter');
            await page
                .locator('.tabs-container .tab.active', { hasText: 'quebrado.oci' })
                .first()
                .waitFor({ timeout: 10_000 });
            const valorLine =
                fs
                    .readFileSync(path.join(WS_UI, 'quebrado.oci'), 'utf8')
                    .split('\n')
                    .findIndex(l => l.includes('valor R$')) + 1;
            await page.keyboard.press('Control+G');
            await page.waitForSelector('.quick-input-widget input', { timeout: 5_000 });
            await page.keyboard.type(String(valorLine));
            await page.keyboard.press('Enter');
            await page.keyboard.press('End');
            for (let i = 0; i < '101,22'.length; i++) await page.keyboard.press('Backspace');
            await page.keyboard.type('999,99', { delay: 120 });
            await sleep(1500);
            const listOpen = await page.locator('.editor-widget.suggest-widget.visible').count();
            await page.keyboard.press('Enter');
            await sleep(500);
            const lines = (await page.locator('.monaco-editor .view-line').allTextContents()).map(l =>
                l.replace(/\u00a0/g, ' ')
            );
            const typed = lines.find(l => l.includes('999,99')) ?? '';
            check(
                'Enter after "valor R$ 999,99" breaks the line (no completion list open, nothing appended)',
                listOpen === 0 && typed.trim() === 'valor R$ 999,99',
                `list open: ${listOpen}; line: "${typed.trim()}"`
            );
            await page.keyboard.type('obrig', { delay: 120 });
            await page.waitForSelector('.editor-widget.suggest-widget.visible', { timeout: 10_000 }).catch(() => {});
            await sleep(800);
            // Keyword rows only: the snippet "Componente obrigatório" is listed by its prefix, "obrigatorio" too.
            const offered = await page
                .locator('.editor-widget.suggest-widget.visible .monaco-list-row')
                .evaluateAll(rows =>
                    rows.map(r => ({
                        label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
                        snippet: !!r.querySelector('.codicon-symbol-snippet')
                    }))
                );
            const keywords = offered.filter(o => !o.snippet).map(o => o.label);
            check(
                'a keyword is offered once: "obrigatorio", not also "obrigatório"',
                keywords.filter(l => l === 'obrigatorio').length === 1 && !keywords.includes('obrigatório'),
                offered
                    .slice(0, 8)
                    .map(o => `${o.label}${o.snippet ? ' (snippet)' : ''}`)
                    .join(', ')
            );
            await page.keyboard.press('Escape');
            await sleep(300);
            await page.screenshot({ path: path.join(ARTIFACTS, 'digitacao.png') });
            // Leave the file as it was (nothing saved).
            for (let i = 0; i < 6; i++) await page.keyboard.press('Control+Z');
        } catch (e) {
            check('typing checks ran', false, e.message.split('\n')[0]);
            await page.screenshot({ path: path.join(LOGS, 'digitacao-failed.png') }).catch(() => {});
        }
    } catch (e) {
        check('UI phase ran to the end', false, e.message.split('\n')[0]);
        await page.screenshot({ path: shot }).catch(() => {});
    } finally {
        await context.close().catch(() => {});
        consoleLog.end();
        killTree(server.child);
    }
    const passed = checks.filter(c => c.ok).length;
    const failed = checks.length - passed;
    say(`phase ui: ${passed} passed, ${failed} failed`);
    return { ok: failed === 0, passed, failed };
}

// ------------------------------------------------------------------------------------------------
const results = [];
try {
    if (PHASE === 'suite' || PHASE === 'all') results.push(await runSuite());
    if (PHASE === 'ui' || PHASE === 'all') results.push(await runUi());
    if (PHASE === 'web' || PHASE === 'all') results.push(await runWeb());
} catch (e) {
    say(`crashed: ${e.stack ?? e}`);
    results.push({ ok: false, passed: 0, failed: 1 });
}
const logsAt = keepLogs();
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const ok = results.every(r => r.ok);
say(
    `done in ${((Date.now() - t0) / 1000).toFixed(1)} s; logs in ${path.relative(REPO, logsAt)}${KEEP ? `; temp kept in ${TMP}` : ''}`
);
process.stdout.write(`e2e: ${passed} passed, ${failed} failed\n`);
cleanup();
process.exit(ok ? 0 : 1);
