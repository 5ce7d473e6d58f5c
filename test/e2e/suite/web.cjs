'use strict';
/**
 * End-to-end checks of the WEB extension (package.json `browser`, client/src/browser-extension.ts),
 * run INSIDE VS Code's Web Worker extension host by test/e2e/run-e2e.mjs (phase "web"): the
 * harness copies this file into an unpacked copy of the packaged extension, tells the workbench to
 * run that extension in the browser (user setting remote.extensionKind: ["web"]), opens a copy of
 * examples/pmae in code-server's web workbench and passes this file as `extensionTestsPath`.
 *
 * A Web Worker has no file system and no process environment: the harness prepends
 * `const HUB = "http://127.0.0.1:PORT";` to the copy, and the checks talk to it over HTTP:
 * GET /config (what the desktop CLI found in the same workspace), POST /log (one line of the
 * report), POST /dom (the harness checks the workbench's DOM — status bar, squiggles — and answers).
 * The result goes back through the test runner's exit code, as in suite/index.cjs.
 */
/* global HUB, WorkerGlobalScope */
const vscode = require('vscode');
const { sleep, waitFor, assert, codeOf, workspaceFile } = require('./common.cjs');

const FIRST_DIAGNOSTICS_TIMEOUT = 60_000;
const DIAGNOSTICS_TIMEOUT = 20_000;

async function log(line) {
    console.log(line);
    try {
        await fetch(`${HUB}/log`, { method: 'POST', body: line });
    } catch {
        /* the console has it */
    }
}

function linkOf(diagnostic) {
    const c = diagnostic.code;
    return c !== null && typeof c === 'object' && c.target ? c.target.toString() : '';
}

/** Diagnostics of the .oci files of the workspace, by file name. */
function ociDiagnostics() {
    const byFile = new Map();
    for (const [uri, list] of vscode.languages.getDiagnostics()) {
        if (!uri.path.endsWith('.oci')) continue;
        byFile.set(uri.path.slice(uri.path.lastIndexOf('/') + 1), list);
    }
    return byFile;
}

const tests = [];
function test(name, fn) {
    tests.push({ name, fn });
}

let config;
let ociExtension;

test('the web extension runs in the Web Worker extension host', async () => {
    ociExtension = vscode.extensions.all.find(e =>
        (e.packageJSON.contributes?.languages ?? []).some(l => l.id === 'oci')
    );
    assert(ociExtension, 'no extension contributes the language "oci"');
    assert(typeof ociExtension.packageJSON.browser === 'string', 'the extension has no "browser" entry');
    // These checks run in the same extension host as the extension: a Web Worker global scope,
    // no Node process, and VS Code says the extension runs where the UI runs (not on the remote).
    const worker = typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope;
    assert(worker, 'this extension host is not a Web Worker');
    assert(typeof process === 'undefined' || !process.versions?.node, 'this extension host has Node');
    assert(vscode.env.uiKind === vscode.UIKind.Web, `vscode.env.uiKind is ${vscode.env.uiKind}, not Web`);
    await vscode.workspace.openTextDocument(workspaceFile('catalogo.oci')).then(d => vscode.window.showTextDocument(d));
    // Activated: its commands are registered (a failed activation leaves isActive true and no commands).
    await waitFor(
        'the extension to activate and register its commands',
        async () => ociExtension.isActive && (await vscode.commands.getCommands(true)).includes('oci.auditarProducao'),
        30_000
    );
    assert(
        ociExtension.extensionKind === vscode.ExtensionKind.UI,
        `extensionKind ${ociExtension.extensionKind}: the extension runs on the remote, not in the browser`
    );
    await log(`    extension ${ociExtension.id} active in a Web Worker (extensionKind UI, uiKind Web, no Node)`);
});

test('the example has the diagnostics the desktop CLI finds, each with its rule code, link and citation', async () => {
    const expected = config.diagnostics;
    const total = () => [...ociDiagnostics().values()].reduce((n, l) => n + l.length, 0);
    await waitFor(
        `${expected.length} diagnostics of the example (have ${total()})`,
        () => total() >= expected.length,
        FIRST_DIAGNOSTICS_TIMEOUT
    );
    await sleep(1500); // nothing more arrives
    const got = [...ociDiagnostics()].flatMap(([file, list]) =>
        list.map(d => ({ file, line: d.range.start.line + 1, column: d.range.start.character + 1, code: codeOf(d), d }))
    );
    const key = x => `${x.file}:${x.line}:${x.column} ${x.code}`;
    const gotKeys = got.map(key).sort();
    const wantKeys = expected.map(key).sort();
    assert(
        JSON.stringify(gotKeys) === JSON.stringify(wantKeys),
        `diagnostics differ from the CLI's: only here ${gotKeys
            .filter(k => !wantKeys.includes(k))
            .slice(0, 5)
            .join('; ')}; only in the CLI ${wantKeys
            .filter(k => !gotKeys.includes(k))
            .slice(0, 5)
            .join('; ')}`
    );
    for (const { d } of got) {
        assert(/docs\/checks\.md#/.test(linkOf(d)), `${codeOf(d)} has no link to its rule (${linkOf(d)})`);
    }
    // The citation: the hover over a diagnostic quotes the dispositivo, as on the desktop.
    const first = got.find(x => x.code === 'oci/tm-alem-da-validade-apac') ?? got[0];
    // Asking for the hover opens the file in the editor's model (didOpen): retried while the server re-reads it.
    const { start, end } = first.d.range;
    const positions = [
        start,
        start.translate(0, 1),
        new vscode.Position(end.line, Math.max(start.character, end.character - 1))
    ];
    let text = '';
    await waitFor(
        `a hover over ${key(first)}`,
        async () => {
            for (const at of positions) {
                const hovers = await vscode.commands.executeCommand(
                    'vscode.executeHoverProvider',
                    workspaceFile(first.file),
                    at
                );
                text = (hovers ?? [])
                    .flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : (c.value ?? ''))))
                    .join('\n');
                if (text) return true;
            }
            return false;
        },
        10_000,
        500
    ).catch(() => undefined);
    assert(
        /Portaria|art\./.test(text),
        `the hover over ${key(first)} cites no law: ${JSON.stringify(text.slice(0, 200))}`
    );
    await log(
        `    ${got.length} diagnostics (${[...new Set(got.map(x => x.code))].join(', ')}), the same as the CLI's; hover cites ${JSON.stringify((/Portaria[^\n]{0,60}/.exec(text) ?? [''])[0])}`
    );
    const dom = await (await fetch(`${HUB}/dom?step=exemplo`, { method: 'POST' })).json();
    assert(dom.ok, `workbench: ${dom.detail}`);
    await log(`    workbench: ${dom.detail}`);
});

test('an edit that breaks a check digit shows its error and marker; undoing it clears them', async () => {
    const uri = workspaceFile('cardiologia.oci');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const offset = document.getText().indexOf('02.11.02.003-6');
    assert(offset >= 0, 'cardiologia.oci has no 02.11.02.003-6');
    const at = document.positionAt(offset + '02.11.02.003-'.length);
    await editor.edit(b => b.replace(new vscode.Range(at, at.translate(0, 1)), '7'));
    const digit = await waitFor(
        'codigo/digito-verificador on the edited line',
        () =>
            vscode.languages
                .getDiagnostics(uri)
                .find(d => codeOf(d) === 'codigo/digito-verificador' && d.range.start.line === at.line),
        DIAGNOSTICS_TIMEOUT
    );
    assert(
        digit.severity === vscode.DiagnosticSeverity.Error,
        `codigo/digito-verificador is not an error (${digit.severity})`
    );
    await log(
        `    ${digit.range.start.line + 1}:${digit.range.start.character + 1} [${codeOf(digit)}] ${digit.message.slice(0, 90)}`
    );
    const dom = await (await fetch(`${HUB}/dom?step=erro`, { method: 'POST' })).json();
    assert(dom.ok, `workbench: ${dom.detail}`);
    await log(`    workbench: ${dom.detail}`);
    await editor.edit(b => b.replace(new vscode.Range(at, at.translate(0, 1)), '6'));
    await waitFor(
        'the error to clear after undo',
        () => !vscode.languages.getDiagnostics(uri).some(d => codeOf(d) === 'codigo/digito-verificador'),
        DIAGNOSTICS_TIMEOUT
    );
});

test('the value breakdown works in the browser', async () => {
    const result = await vscode.commands.executeCommand('oci.mostrarComposicao', {
        uri: workspaceFile('cardiologia.oci').toString(),
        codigo: '09.02.01.001-8'
    });
    assert(
        result && result.codigo === '09.02.01.001-8',
        `oci.mostrarComposicao returned ${JSON.stringify(result)?.slice(0, 200)}`
    );
    await log(`    ${result.codigo} ${result.nome}: total ${result.total?.texto ?? JSON.stringify(result.total)}`);
});

test('the production audit says that it needs VS Code for the desktop or the CLI', async () => {
    const result = await vscode.commands.executeCommand('oci.auditarProducao', {
        producao: 'producao.csv',
        abrir: false
    });
    assert(result && result.status === 'precisa-desktop', `oci.auditarProducao returned ${JSON.stringify(result)}`);
    assert(
        /desktop/.test(result.mensagem) && /CLI/.test(result.mensagem),
        `the message does not name the desktop and the CLI: ${result.mensagem}`
    );
    // The workbench runs in English (en-US): the client's own strings come from l10n/bundle.l10n.en.json,
    // which VS Code never loads for English (client/src/l10n.ts reads it through vscode.workspace.fs).
    assert(/^This command needs/.test(result.mensagem), `the message is not in English: ${result.mensagem}`);
    const dom = await (await fetch(`${HUB}/dom?step=auditoria`, { method: 'POST' })).json();
    assert(dom.ok, `workbench: ${dom.detail}`);
    await log(`    ${result.status}: ${result.mensagem} — workbench: ${dom.detail}`);
});

async function run() {
    config = await (await fetch(`${HUB}/config`)).json();
    let passed = 0;
    let failed = 0;
    await log(
        `web suite: ${tests.length} checks in VS Code ${vscode.version} (${vscode.env.appHost}), language ${vscode.env.language}`
    );
    for (const t of tests) {
        const started = Date.now();
        try {
            await t.fn();
            passed++;
            await log(`✓ ${t.name} (${Date.now() - started} ms)`);
        } catch (error) {
            failed++;
            await log(`✗ ${t.name}: ${error && error.message ? error.message : String(error)}`);
        }
    }
    await log(`${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} web checks failed`);
}

module.exports = { run };
