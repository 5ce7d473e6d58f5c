'use strict';
/**
 * End-to-end suite run INSIDE VS Code's extension host, with the real `vscode` API, against the
 * workspace test/e2e/fixture (copied to a temp folder with its SIGTAP subset by run-e2e.mjs).
 *
 * Written in the shape @vscode/test-electron's runner expects (`extensionTestsPath` names a
 * CommonJS module exporting `run()`, which resolves on success and rejects on failure), so the
 * same file runs under a downloaded desktop VS Code as well as under test/e2e/run-e2e.mjs.
 * No test framework: a dozen sequential async checks, each reported on its own line, and a
 * closing "N passed, N failed" line. Every line also goes to $OCI_E2E_SUITE_LOG when set (the
 * harness prints that file), and to the console.
 */
const fs = require('node:fs');
const vscode = require('vscode');

const LANGUAGE = 'oci';
const SUITE_LOG = process.env.OCI_E2E_SUITE_LOG;
// The first diagnostics wait for the language server to start and read the SIGTAP subset; later
// ones only for a re-validation. Together the waits stay well inside the harness's time-out.
const FIRST_DIAGNOSTICS_TIMEOUT = 40_000;
const DIAGNOSTICS_TIMEOUT = 15_000;

function log(line) {
    console.log(line);
    if (SUITE_LOG) {
        try { fs.appendFileSync(SUITE_LOG, line + '\n'); } catch { /* the console has it */ }
    }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; throws `what` (with the last value) on time-out. */
async function waitFor(what, probe, timeout = 20_000, interval = 100) {
    const deadline = Date.now() + timeout;
    let last;
    for (;;) {
        last = await probe();
        if (last) return last;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
        await sleep(interval);
    }
}

function assert(condition, message) {
    if (!condition) throw new Error(message);
}

function codeOf(diagnostic) {
    const c = diagnostic.code;
    return c !== null && typeof c === 'object' ? String(c.value) : c === undefined ? '' : String(c);
}

function describeDiagnostics(diagnostics) {
    return diagnostics.length
        ? diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} [${codeOf(d)}] ${d.message.slice(0, 80)}`).join('; ')
        : '(none)';
}

function markdownText(content) {
    if (typeof content === 'string') return content;
    if (content && typeof content.value === 'string') return content.value;
    return '';
}

function workspaceFile(name) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    if (!folder) throw new Error('no workspace folder is open (the harness opens test/e2e/fixture)');
    return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name) {
    const document = await vscode.workspace.openTextDocument(workspaceFile(name));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    return { document, editor };
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in the document. */
function positionOf(document, needle, delta = 0) {
    const offset = document.getText().indexOf(needle);
    if (offset < 0) throw new Error(`"${needle}" not found in ${document.uri.path}`);
    return document.positionAt(offset + delta);
}

/** Lines (0-based) where `oci …` declarations start, with the line of their closing brace. */
function ociBlocks(document) {
    const lines = document.getText().split(/\r?\n/);
    const blocks = [];
    lines.forEach((text, line) => {
        if (/^\s*oci\s/.test(text)) blocks.push({ line, end: line, text: text.trim() });
        else if (blocks.length && /^\s*}\s*$/.test(text) && blocks[blocks.length - 1].end === blocks[blocks.length - 1].line) blocks[blocks.length - 1].end = line;
    });
    return blocks;
}

function ociExtension() {
    return vscode.extensions.all.find(e => {
        const langs = e.packageJSON && e.packageJSON.contributes && e.packageJSON.contributes.languages;
        return Array.isArray(langs) && langs.some(l => l.id === LANGUAGE);
    });
}

// -------------------------------------------------------------------------------------------------
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('the extension activates for a .oci file (language "oci")', async () => {
    const { document } = await open('catalogo.oci');
    assert(document.languageId === LANGUAGE, `catalogo.oci opened as "${document.languageId}", expected "${LANGUAGE}" (contributes.languages)`);
    const extension = ociExtension();
    assert(extension, 'no installed extension contributes the language "oci"');
    await waitFor(`${extension.id} to activate (activationEvents onLanguage:oci)`, () => extension.isActive, 20_000);
    log(`    ${extension.id} ${extension.packageJSON.version} active`);
});

test('diagnostics of quebrado.oci: codigo/digito-verificador and oci/tr-gt-tm', async () => {
    const { document } = await open('quebrado.oci');
    const wanted = ['codigo/digito-verificador', 'oci/tr-gt-tm'];
    try {
        await waitFor('the server\'s diagnostics', () => {
            const codes = vscode.languages.getDiagnostics(document.uri).map(codeOf);
            return wanted.every(c => codes.includes(c));
        }, FIRST_DIAGNOSTICS_TIMEOUT);
    } catch (e) {
        throw new Error(`${e.message}; got ${describeDiagnostics(vscode.languages.getDiagnostics(document.uri))}`);
    }
    const diagnostics = vscode.languages.getDiagnostics(document.uri);
    const digit = diagnostics.find(d => codeOf(d) === 'codigo/digito-verificador');
    assert(digit.severity === vscode.DiagnosticSeverity.Error, 'codigo/digito-verificador is not an error');
    assert(digit.range.start.line === positionOf(document, '02.04.03.003-1').line, `the check-digit diagnostic is on line ${digit.range.start.line + 1}, not on the code's`);
    const times = diagnostics.find(d => codeOf(d) === 'oci/tr-gt-tm');
    assert(/3\.492\/2024/.test(times.message), `oci/tr-gt-tm does not cite Portaria 3.492/2024: ${times.message}`);
    log(`    ${diagnostics.length} diagnostics: ${describeDiagnostics(diagnostics.filter(d => wanted.includes(codeOf(d))))}`);
});

test('catalogo.oci (the clean file) has no errors', async () => {
    const { document } = await open('catalogo.oci');
    // Diagnostics arrive for the whole workspace; give the server a moment to publish this file's.
    await sleep(500);
    const errors = vscode.languages.getDiagnostics(document.uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
    assert(errors.length === 0, `errors in catalogo.oci: ${describeDiagnostics(errors)}`);
});

test('hover on the OCI code shows the value breakdown', async () => {
    const { document } = await open('catalogo.oci');
    const position = positionOf(document, '09.01.01.001-4', 4);
    const hovers = await waitFor('a hover over the OCI code', async () => {
        const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
        return result && result.length ? result : undefined;
    }, 10_000, 250);
    const text = hovers.flatMap(h => h.contents.map(markdownText)).join('\n');
    assert(/Total|R\$/.test(text), `the hover does not show a value breakdown ("Total" or "R$"): ${JSON.stringify(text.slice(0, 300))}`);
    log(`    hover: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 140))}…`);
});

test('a code lens over each OCI (computed value R$ 125,00 on the clean one)', async () => {
    for (const name of ['catalogo.oci', 'quebrado.oci']) {
        const { document } = await open(name);
        const blocks = ociBlocks(document);
        assert(blocks.length > 0, `no OCI in ${name}`);
        const lenses = await waitFor(`code lenses in ${name}`, async () => {
            const result = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri, 100);
            return result && result.length ? result : undefined;
        }, 10_000, 250);
        for (const block of blocks) {
            const over = lenses.filter(l => l.range.start.line >= block.line && l.range.start.line <= block.end);
            assert(over.length > 0, `no code lens over "${block.text}" (line ${block.line + 1}) in ${name}; lenses on lines ${lenses.map(l => l.range.start.line + 1).join(', ')}`);
            const titles = over.map(l => (l.command && l.command.title) || '').filter(Boolean);
            assert(titles.length > 0, `the code lens over "${block.text}" has no title`);
            if (name === 'catalogo.oci') {
                assert(titles.some(t => /125,00/.test(t)), `the code lens over the clean OCI does not show its computed value R$ 125,00: ${titles.join(' | ')}`);
            }
            log(`    ${name}:${block.line + 1} ${titles.join(' | ')}`);
        }
    }
});

test('completion at a component position offers the SIGTAP code 02.04.03.003-0', async () => {
    const { document, editor } = await open('quebrado.oci');
    const anchor = positionOf(document, 'tM 30 dias');
    const line = anchor.line + 1;
    const typed = '  eventual 02.04.03';
    await editor.edit(b => b.insert(new vscode.Position(line, 0), typed + '\n'));
    try {
        const position = new vscode.Position(line, typed.length);
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position);
        const items = (list && list.items) || [];
        const texts = items.map(i => {
            const label = typeof i.label === 'string' ? i.label : `${i.label.label} ${i.label.description || ''} ${i.label.detail || ''}`;
            const insert = typeof i.insertText === 'string' ? i.insertText : (i.insertText && i.insertText.value) || '';
            return `${label} ${insert} ${i.filterText || ''} ${i.detail || ''}`;
        });
        const hit = texts.find(t => /02\.04\.03\.003-0|0204030030/.test(t));
        assert(hit, `no completion item for 02.04.03.003-0 among ${items.length}: ${texts.slice(0, 8).join(' / ')}`);
        log(`    ${items.length} items; ${JSON.stringify(hit.replace(/\s+/g, ' ').trim().slice(0, 120))}`);
    } finally {
        // Back to the file as it is on disk (the edit above was never saved).
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
        await waitFor('quebrado.oci to be reverted', () => !document.isDirty && !document.getText().includes(typed), 5_000);
    }
});

test('quick fix for the check digit applies and the diagnostic disappears', async () => {
    const { document } = await open('quebrado.oci');
    const digit = await waitFor('the check-digit diagnostic', () =>
        vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'codigo/digito-verificador'), 5_000);
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, digit.range, vscode.CodeActionKind.QuickFix.value)) || [];
    const titles = actions.map(a => a.title);
    const fix = actions.find(a => a.diagnostics && a.diagnostics.some(d => codeOf(d) === 'codigo/digito-verificador'))
        || actions.find(a => /d[íi]gito|02\.04\.03\.003-0/i.test(a.title));
    assert(fix, `no quick fix for codigo/digito-verificador; code actions: ${titles.join(' / ') || '(none)'}`);
    if (fix.edit) assert(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the quick fix');
    const command = fix.command && typeof fix.command === 'object' ? fix.command : (typeof fix.command === 'string' ? fix : undefined);
    if (command && command.command) await vscode.commands.executeCommand(command.command, ...(command.arguments || []));
    assert(fix.edit || command, `the quick fix "${fix.title}" has neither an edit nor a command`);
    const line = document.lineAt(digit.range.start.line).text;
    assert(line.includes('02.04.03.003-0'), `after "${fix.title}" the line reads: ${line.trim()}`);
    await waitFor('codigo/digito-verificador to disappear', () =>
        !vscode.languages.getDiagnostics(document.uri).some(d => codeOf(d) === 'codigo/digito-verificador'), DIAGNOSTICS_TIMEOUT);
    const codes = vscode.languages.getDiagnostics(document.uri).map(codeOf);
    assert(codes.includes('oci/tr-gt-tm'), `oci/tr-gt-tm disappeared too: ${codes.join(', ')}`);
    log(`    applied "${fix.title}"; now: ${line.trim()}`);
});

// -------------------------------------------------------------------------------------------------
async function run() {
    const started = Date.now();
    log(`oci-catalogo e2e suite — VS Code ${vscode.version}, Node ${process.version}`);
    let passed = 0;
    let failed = 0;
    for (const { name, fn } of tests) {
        const t = Date.now();
        try {
            await fn();
            passed++;
            log(`  ✓ ${name} (${Date.now() - t} ms)`);
        } catch (error) {
            failed++;
            log(`  ✗ ${name} (${Date.now() - t} ms)\n      ${String((error && error.message) || error).replace(/\n/g, '\n      ')}`);
        }
    }
    log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    log(`suite: ${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} e2e checks failed`);
}

module.exports = { run };
