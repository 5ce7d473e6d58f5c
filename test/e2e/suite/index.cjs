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
const path = require('node:path');
const vscode = require('vscode');
const { sleep, waitFor, assert, codeOf, workspaceFile } = require('./common.cjs');

const LANGUAGE = 'oci';
const SUITE_LOG = process.env.OCI_E2E_SUITE_LOG;
// The first diagnostics wait for the language server to start and read the SIGTAP subset; later
// ones only for a re-validation. Together the waits stay well inside the harness's time-out.
const FIRST_DIAGNOSTICS_TIMEOUT = 40_000;
const DIAGNOSTICS_TIMEOUT = 15_000;

function log(line) {
    console.log(line);
    if (SUITE_LOG) {
        try {
            fs.appendFileSync(SUITE_LOG, line + '\n');
        } catch {
            /* the console has it */
        }
    }
}

function describeDiagnostics(diagnostics) {
    return diagnostics.length
        ? diagnostics
              .map(
                  d =>
                      `${d.range.start.line + 1}:${d.range.start.character + 1} [${codeOf(d)}] ${d.message.slice(0, 80)}`
              )
              .join('; ')
        : '(none)';
}

function markdownText(content) {
    if (typeof content === 'string') return content;
    if (content && typeof content.value === 'string') return content.value;
    return '';
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
        else if (
            blocks.length &&
            /^\s*}\s*$/.test(text) &&
            blocks[blocks.length - 1].end === blocks[blocks.length - 1].line
        )
            blocks[blocks.length - 1].end = line;
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
    assert(
        document.languageId === LANGUAGE,
        `catalogo.oci opened as "${document.languageId}", expected "${LANGUAGE}" (contributes.languages)`
    );
    const extension = ociExtension();
    assert(extension, 'no installed extension contributes the language "oci"');
    await waitFor(`${extension.id} to activate (activationEvents onLanguage:oci)`, () => extension.isActive, 20_000);
    log(`    ${extension.id} ${extension.packageJSON.version} active`);
});

test('diagnostics of quebrado.oci: codigo/digito-verificador and oci/tr-gt-tm', async () => {
    const { document } = await open('quebrado.oci');
    const wanted = ['codigo/digito-verificador', 'oci/tr-gt-tm'];
    try {
        await waitFor(
            "the server's diagnostics",
            () => {
                const codes = vscode.languages.getDiagnostics(document.uri).map(codeOf);
                return wanted.every(c => codes.includes(c));
            },
            FIRST_DIAGNOSTICS_TIMEOUT
        );
    } catch (e) {
        throw new Error(`${e.message}; got ${describeDiagnostics(vscode.languages.getDiagnostics(document.uri))}`);
    }
    const diagnostics = vscode.languages.getDiagnostics(document.uri);
    const digit = diagnostics.find(d => codeOf(d) === 'codigo/digito-verificador');
    assert(digit.severity === vscode.DiagnosticSeverity.Error, 'codigo/digito-verificador is not an error');
    assert(
        digit.range.start.line === positionOf(document, '02.04.03.003-1').line,
        `the check-digit diagnostic is on line ${digit.range.start.line + 1}, not on the code's`
    );
    const times = diagnostics.find(d => codeOf(d) === 'oci/tr-gt-tm');
    // Issue 19: a short message for the Problems panel; the rule's docs linked from the code (codeDescription).
    assert(times.message.length <= 100, `oci/tr-gt-tm's message is longer than 100 characters: ${times.message}`);
    const target = times.code && typeof times.code === 'object' ? String(times.code.target) : '';
    assert(/docs\/checks\.md#oci-tr-gt-tm$/.test(target), `oci/tr-gt-tm does not link its rule's docs: ${target}`);
    // The wrong check digit is the root cause: no cascade for the same code.
    const cascade = diagnostics.filter(
        d =>
            codeOf(d) === 'procedimento/inexistente' ||
            (codeOf(d) === 'sigtap/componente-ausente' && /02\.04\.03\.003-0/.test(d.message))
    );
    assert(cascade.length === 0, `the wrong check digit also raised: ${describeDiagnostics(cascade)}`);
    log(
        `    ${diagnostics.length} diagnostics: ${describeDiagnostics(diagnostics.filter(d => wanted.includes(codeOf(d))))}`
    );
});

test('catalogo.oci (the clean file) has no errors', async () => {
    const { document } = await open('catalogo.oci');
    // Diagnostics arrive for the whole workspace; give the server a moment to publish this file's.
    await sleep(500);
    const errors = vscode.languages
        .getDiagnostics(document.uri)
        .filter(d => d.severity === vscode.DiagnosticSeverity.Error);
    assert(errors.length === 0, `errors in catalogo.oci: ${describeDiagnostics(errors)}`);
});

test('hover on the OCI code shows the value breakdown', async () => {
    const { document } = await open('catalogo.oci');
    const position = positionOf(document, '09.01.01.001-4', 4);
    const hovers = await waitFor(
        'a hover over the OCI code',
        async () => {
            const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
            return result && result.length ? result : undefined;
        },
        10_000,
        250
    );
    const text = hovers.flatMap(h => h.contents.map(markdownText)).join('\n');
    assert(
        /Total|R\$/.test(text),
        `the hover does not show a value breakdown ("Total" or "R$"): ${JSON.stringify(text.slice(0, 300))}`
    );
    log(`    hover: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 140))}…`);
});

test('a code lens over each OCI (computed value R$ 125,00 on the clean one)', async () => {
    for (const name of ['catalogo.oci', 'quebrado.oci']) {
        const { document } = await open(name);
        const blocks = ociBlocks(document);
        assert(blocks.length > 0, `no OCI in ${name}`);
        const lenses = await waitFor(
            `code lenses in ${name}`,
            async () => {
                const result = await vscode.commands.executeCommand(
                    'vscode.executeCodeLensProvider',
                    document.uri,
                    100
                );
                return result && result.length ? result : undefined;
            },
            10_000,
            250
        );
        for (const block of blocks) {
            const over = lenses.filter(l => l.range.start.line >= block.line && l.range.start.line <= block.end);
            assert(
                over.length > 0,
                `no code lens over "${block.text}" (line ${block.line + 1}) in ${name}; lenses on lines ${lenses.map(l => l.range.start.line + 1).join(', ')}`
            );
            const titles = over.map(l => (l.command && l.command.title) || '').filter(Boolean);
            assert(titles.length > 0, `the code lens over "${block.text}" has no title`);
            if (name === 'catalogo.oci') {
                assert(
                    titles.some(t => /125,00/.test(t)),
                    `the code lens over the clean OCI does not show its computed value R$ 125,00: ${titles.join(' | ')}`
                );
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
        const list = await vscode.commands.executeCommand(
            'vscode.executeCompletionItemProvider',
            document.uri,
            position
        );
        const items = (list && list.items) || [];
        const texts = items.map(i => {
            const label =
                typeof i.label === 'string'
                    ? i.label
                    : `${i.label.label} ${i.label.description || ''} ${i.label.detail || ''}`;
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
        await waitFor(
            'quebrado.oci to be reverted',
            () => !document.isDirty && !document.getText().includes(typed),
            5_000
        );
    }
});

test('quick fix for the check digit applies and the diagnostic disappears', async () => {
    const { document } = await open('quebrado.oci');
    const digit = await waitFor(
        'the check-digit diagnostic',
        () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'codigo/digito-verificador'),
        5_000
    );
    const actions =
        (await vscode.commands.executeCommand(
            'vscode.executeCodeActionProvider',
            document.uri,
            digit.range,
            vscode.CodeActionKind.QuickFix.value
        )) || [];
    const titles = actions.map(a => a.title);
    const fix =
        actions.find(a => a.diagnostics && a.diagnostics.some(d => codeOf(d) === 'codigo/digito-verificador')) ||
        actions.find(a => /d[íi]gito|02\.04\.03\.003-0/i.test(a.title));
    assert(fix, `no quick fix for codigo/digito-verificador; code actions: ${titles.join(' / ') || '(none)'}`);
    if (fix.edit) assert(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the quick fix');
    const command =
        fix.command && typeof fix.command === 'object'
            ? fix.command
            : typeof fix.command === 'string'
              ? fix
              : undefined;
    if (command && command.command) await vscode.commands.executeCommand(command.command, ...(command.arguments || []));
    assert(fix.edit || command, `the quick fix "${fix.title}" has neither an edit nor a command`);
    const line = document.lineAt(digit.range.start.line).text;
    assert(line.includes('02.04.03.003-0'), `after "${fix.title}" the line reads: ${line.trim()}`);
    await waitFor(
        'codigo/digito-verificador to disappear',
        () => !vscode.languages.getDiagnostics(document.uri).some(d => codeOf(d) === 'codigo/digito-verificador'),
        DIAGNOSTICS_TIMEOUT
    );
    const codes = vscode.languages.getDiagnostics(document.uri).map(codeOf);
    assert(codes.includes('oci/tr-gt-tm'), `oci/tr-gt-tm disappeared too: ${codes.join(', ')}`);
    log(`    applied "${fix.title}"; now: ${line.trim()}`);
});

test('issue 19: rename to an invalid name is refused with a message, before any file changes', async () => {
    const { document } = await open('quebrado.oci');
    const position = positionOf(document, 'um_de consulta', 8);
    // VS Code reports a refused rename either as a rejection or as a WorkspaceEdit carrying `rejectReason`.
    const textsBefore = vscode.workspace.textDocuments
        .filter(d => d.languageId === LANGUAGE)
        .map(d => d.getText())
        .join('\u0000');
    let message = '';
    let edits = 0;
    try {
        const result = await vscode.commands.executeCommand(
            'vscode.executeDocumentRenameProvider',
            document.uri,
            position,
            'consulta especial'
        );
        message =
            (result && result.rejectReason) ||
            `no rejection; result: ${JSON.stringify(result)} ${result ? Object.keys(result).join(',') : ''}`;
        edits = result && typeof result.size === 'number' ? result.size : 0;
    } catch (e) {
        message = e && e.message ? e.message : String(e);
    }
    assert(edits === 0, `the rename produced edits in ${edits} file(s)`);
    assert(/consulta especial/.test(message), `the rename was not refused with a message: "${message}"`);
    const textsAfter = vscode.workspace.textDocuments
        .filter(d => d.languageId === LANGUAGE)
        .map(d => d.getText())
        .join('\u0000');
    assert(textsAfter === textsBefore, 'the refused rename changed an open file');
    log(`    refused: ${message.slice(0, 100)}`);
});

test('issue 19: tR > tM offers both quick fixes; workspace symbols and procedure references', async () => {
    const { document } = await open('quebrado.oci');
    const times = await waitFor(
        'oci/tr-gt-tm',
        () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'oci/tr-gt-tm'),
        DIAGNOSTICS_TIMEOUT
    );
    const actions =
        (await vscode.commands.executeCommand(
            'vscode.executeCodeActionProvider',
            document.uri,
            times.range,
            vscode.CodeActionKind.QuickFix.value
        )) || [];
    const titles = actions.map(a => a.title);
    assert(
        titles.some(t => /tR.*tM.*30/.test(t)) && titles.some(t => /tM.*tR.*45/.test(t)),
        `tR > tM fixes missing: ${titles.join(' / ')}`
    );
    const symbols =
        (await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', '09.01.01.009')) || [];
    assert(
        symbols.some(s => /^09\.01\.01\.009-0 OCI PROGRESS/.test(s.name)),
        `no workspace symbol for 09.01.01.009: ${symbols.map(s => s.name).join(' / ')}`
    );
    const catalogo = (await open('catalogo.oci')).document;
    const refs =
        (await vscode.commands.executeCommand(
            'vscode.executeReferenceProvider',
            catalogo.uri,
            positionOf(catalogo, '02.04.03.003-0', 3)
        )) || [];
    const files = [...new Set(refs.map(r => path.basename(r.uri.fsPath)))].sort();
    assert(
        files.join(',') === 'catalogo.oci,quebrado.oci',
        `references of 02.04.03.003-0: ${files.join(', ') || '(none)'}`
    );
    log(`    fixes: ${titles.join(' / ')}; symbol: ${symbols[0].name}; references in ${files.join(', ')}`);
});

test("diagnostics speak the editor's language (English when VS Code is in English), same codes", async () => {
    const { document } = await open('quebrado.oci');
    const times = await waitFor(
        'oci/tr-gt-tm',
        () => vscode.languages.getDiagnostics(document.uri).find(d => codeOf(d) === 'oci/tr-gt-tm'),
        DIAGNOSTICS_TIMEOUT
    );
    const english = /^en\b/i.test(vscode.env.language);
    const expected = english
        ? /^tR \(45 days\) greater than tM \(30 days\)/
        : /^tR \(45 dias\) maior que tM \(30 dias\)/;
    assert(
        expected.test(times.message),
        `display language "${vscode.env.language}": expected ${expected}, got: ${times.message}`
    );
    assert(
        !/Portaria/.test(times.message),
        `the message still carries the citation (it belongs to the link and the hover): ${times.message}`
    );
    log(`    vscode.env.language = ${vscode.env.language}: ${times.message.slice(0, 90)}…`);
});

test('issue 15: a broken oci-catalogo.yaml shows its error at its line in Problems; fixed, its regras apply; removed, the defaults', async () => {
    const { document } = await open('quebrado.oci');
    const config = workspaceFile('oci-catalogo.yaml');
    const write = text => vscode.workspace.fs.writeFile(config, Buffer.from(text, 'utf8'));
    const timesSeverity = () => {
        const d = vscode.languages.getDiagnostics(document.uri).find(x => codeOf(x) === 'oci/tr-gt-tm');
        return d && d.severity;
    };
    await waitFor(
        'oci/tr-gt-tm as an error',
        () => timesSeverity() === vscode.DiagnosticSeverity.Error,
        DIAGNOSTICS_TIMEOUT
    );
    try {
        await write('# regras deste repositório\nregras:\n  oci/tr-gt-tm: talvez\n');
        const problems = await waitFor(
            'the problem of oci-catalogo.yaml in Problems',
            () => {
                const found = vscode.languages.getDiagnostics(config);
                return found.length ? found : undefined;
            },
            DIAGNOSTICS_TIMEOUT
        );
        const [problem] = problems;
        const where = `${problem.range.start.line + 1}:${problem.range.start.character + 1}`;
        assert(
            problems.length === 1 && where === '3:17' && problem.severity === vscode.DiagnosticSeverity.Error,
            `expected one error at 3:17 (the severity "talvez"), got ${describeDiagnostics(problems)}`
        );
        assert(/talvez/.test(problem.message), `the message does not name the wrong severity: ${problem.message}`);
        log(`    oci-catalogo.yaml:${where} ${problem.message.slice(0, 90)}…`);
        // While broken, the defaults: tR > tM is still an error.
        assert(
            timesSeverity() === vscode.DiagnosticSeverity.Error,
            'with a broken configuration oci/tr-gt-tm is no longer an error'
        );
        await write('# regras deste repositório\nregras:\n  oci/tr-gt-tm: aviso\n');
        const relaxed = () =>
            vscode.languages.getDiagnostics(config).length === 0 &&
            timesSeverity() === vscode.DiagnosticSeverity.Warning;
        await waitFor('the problem to clear and oci/tr-gt-tm to become a warning', relaxed, DIAGNOSTICS_TIMEOUT).catch(
            e => {
                throw new Error(
                    `${e.message}; oci-catalogo.yaml: ${describeDiagnostics(vscode.languages.getDiagnostics(config))}; quebrado.oci: ${describeDiagnostics(vscode.languages.getDiagnostics(document.uri))}`
                );
            }
        );
    } finally {
        await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
    }
    await waitFor(
        'oci/tr-gt-tm an error again once the file is removed',
        () => timesSeverity() === vscode.DiagnosticSeverity.Error,
        DIAGNOSTICS_TIMEOUT
    );
});

test('hover over a diagnostic shows the text of the law it cites', async () => {
    const { document } = await open('quebrado.oci');
    const position = positionOf(document, 'tR 45', 4);
    const hovers = await waitFor(
        'a hover over tR 45',
        async () => {
            const result = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
            const text = (result || []).flatMap(h => h.contents.map(markdownText)).join('\n');
            return /3\.492\/2024/.test(text) ? text : undefined;
        },
        10_000,
        250
    );
    assert(
        /III - o tempo estipulado/.test(hovers) && /IV - o tempo limite máximo/.test(hovers),
        `the hover does not quote art. 6 §2 III-IV: ${JSON.stringify(hovers.slice(0, 300))}`
    );
    log(`    ${JSON.stringify(hovers.replace(/\s+/g, ' ').slice(0, 120))}…`);
});

test('"OCI: Mostrar composição do valor" opens a webview with the breakdown of the OCI under the cursor', async () => {
    const { document, editor } = await open('catalogo.oci');
    const inside = positionOf(document, 'tM 30 dias');
    editor.selection = new vscode.Selection(inside, inside);
    const shown = await vscode.commands.executeCommand('oci.mostrarComposicao');
    assert(
        shown && shown.codigo === '09.01.01.001-4',
        `the command did not show the OCI 09.01.01.001-4: ${JSON.stringify(shown)}`
    );
    assert(/125,00/.test(shown.total), `computed total ${shown.total}, expected R$ 125,00`);
    const tab = await waitFor(
        'the webview tab',
        () =>
            vscode.window.tabGroups.all
                .flatMap(g => g.tabs)
                .find(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(shown.viewType)),
        10_000
    );
    log(`    webview "${tab.label}" (${tab.input.viewType}): ${shown.codigo} ${shown.total}`);
    // The value code lens runs the same command for its OCI.
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri, 100);
    const lens = (lenses || []).find(l => l.command && l.command.command === 'oci.mostrarComposicao');
    assert(
        lens,
        `no code lens runs oci.mostrarComposicao: ${(lenses || []).map(l => l.command && l.command.command).join(', ')}`
    );
    const fromLens = await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
    assert(
        fromLens && fromLens.codigo === '09.01.01.001-4',
        `the code lens did not show the OCI: ${JSON.stringify(fromLens)}`
    );
    // Back to the editor for the next checks.
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
});

test('"OCI: Gerar catálogo" refuses while quebrado.oci has errors, then writes out/catalogo/catalogo.json', async () => {
    const { document: catalogo } = await open('catalogo.oci');
    const refused = await vscode.commands.executeCommand('oci.gerarCatalogo');
    assert(
        refused && refused.status === 'erros',
        `expected a refusal while quebrado.oci has errors, got ${JSON.stringify(refused)}`
    );
    const folder = vscode.workspace.getWorkspaceFolder(catalogo.uri).uri;
    const json = vscode.Uri.joinPath(folder, 'out', 'catalogo', 'catalogo.json');
    const exists = async uri =>
        vscode.workspace.fs.stat(uri).then(
            () => true,
            () => false
        );
    assert(!(await exists(json)), 'catalogo.json was written despite the errors');
    // Fix the remaining error (tR 45 > tM 30; the quick-fix check fixed the check digit), unsaved:
    // the command saves the .oci editors before building.
    const { document: quebrado } = await open('quebrado.oci');
    const edit = new vscode.WorkspaceEdit();
    const at = positionOf(quebrado, 'tR 45 dias');
    edit.replace(quebrado.uri, new vscode.Range(at, at.translate(0, 'tR 45 dias'.length)), 'tR 21 dias');
    assert(await vscode.workspace.applyEdit(edit), 'could not edit quebrado.oci');
    await waitFor(
        'quebrado.oci without errors',
        () => !vscode.languages.getDiagnostics(quebrado.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error),
        DIAGNOSTICS_TIMEOUT
    ).catch(e => {
        throw new Error(`${e.message}; got ${describeDiagnostics(vscode.languages.getDiagnostics(quebrado.uri))}`);
    });
    await vscode.window.showTextDocument(catalogo);
    const built = await vscode.commands.executeCommand('oci.gerarCatalogo');
    assert(built && built.status === 'gerado', `expected the catalogue to be built, got ${JSON.stringify(built)}`);
    assert(!quebrado.isDirty, 'the command did not save quebrado.oci before building');
    assert(await exists(json), `${json.fsPath} does not exist after "Gerar catálogo"`);
    const content = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(json)).toString('utf8'));
    const codes = content.ocis.map(o => o.codigoFormatado).sort();
    assert(codes.join(',') === '09.01.01.001-4,09.01.01.009-0', `catalogo.json has the OCIs ${codes.join(', ')}`);
    for (const name of ['catalogo.md', 'catalogo.csv', 'catalogo.html']) {
        assert(await exists(vscode.Uri.joinPath(folder, 'out', 'catalogo', name)), `${name} was not written`);
    }
    log(`    ${vscode.workspace.asRelativePath(json)}: ${content.resumo.ocis} OCI, ${content.resumo.valorTotal.reais}`);
});

/** CPF with valid check digits from nine digits (language/src/audit/identificadores.ts cpfDigitos). */
function cpf(nove) {
    const d = [...nove].map(Number);
    const dv1 = (d.reduce((acc, x, i) => acc + x * (i + 1), 0) % 11) % 10;
    const dv2 = ([...d, dv1].reduce((acc, x, i) => acc + x * i, 0) % 11) % 10;
    return `${nove}${dv1}${dv2}`;
}

/** APAC number with a valid check digit (twelve digits as a number mod 11, 10 → 0; identificadores.ts apacDigito). */
function apac(doze) {
    return doze + ([...doze].reduce((acc, x) => (acc * 10 + Number(x)) % 11, 0) % 10);
}

/**
 * A small production file for the two fixture OCIs (both clean once the "Gerar catálogo" check has
 * fixed quebrado.oci), with its expected counts: EPISODIOS OCI APACs (principal record, mammography,
 * two consultations — the second one concludes), the first one concluded 40 days after it started
 * (tM 30: time exceeded), plus one BPA mammography inside the second episode's window (double
 * billing) and one BPA consultation far outside every window (legitimate).
 */
function producaoE2e() {
    const EPISODIOS = 10;
    const linhas = ['pessoa,data,procedimento,quantidade,instrumento,procedimento_principal,cnes,competencia'];
    const dia = n => {
        const d = new Date(Date.UTC(2026, 1, 2 + n));
        return { data: d.toISOString().slice(0, 10), competencia: d.toISOString().slice(0, 7).replace('-', '') };
    };
    const linha = (pessoa, n, procedimento, instrumento, principal, cnes) => {
        const { data, competencia } = dia(n);
        linhas.push([pessoa, data, procedimento, 1, instrumento, principal, cnes, competencia].join(','));
    };
    const pessoas = [];
    for (let i = 0; i < EPISODIOS; i++) {
        const pessoa = cpf(String(123456700 + i * 13));
        pessoas.push(pessoa);
        const numero = apac(`352620${String(i + 1).padStart(6, '0')}`);
        const oci = i % 2 === 0 ? '0901010014' : '0901010090';
        const cnes = i % 3 === 0 ? '2077485' : '2078015';
        const dias = i === 0 ? 40 : 10;
        linha(pessoa, i, oci, numero, oci, cnes);
        linha(pessoa, i, '0204030030', numero, oci, cnes);
        linha(pessoa, i + 3, '0301010072', numero, oci, cnes);
        linha(pessoa, i + dias, '0301010307', numero, oci, cnes);
    }
    linha(pessoas[1], 1 + 5, '0204030030', 'BPA', '', '2078015');
    linha(pessoas[2], 2 + 200, '0301010072', 'BPA', '', '2077485');
    return {
        csv: linhas.join('\n') + '\n',
        pessoas,
        esperado: {
            registros: linhas.length - 1,
            episodios: EPISODIOS,
            porOci: { '0901010014': 5, '0901010090': 5 },
            tempoExcedido: 1,
            cobrancaDupla: 1
        }
    };
}

test('"OCI: Auditar produção" audits a production CSV with DuckDB from the workspace\'s node_modules and writes the report', async () => {
    // Runs after "Gerar catálogo" (the command builds the same catalogue first and refuses while it
    // has errors: it needs quebrado.oci fixed by that check) and before "Importar competência
    // SIGTAP" (whose .oci files repeat the OCI codes: oci/codigo-duplicado).
    // DuckDB is a native module the vsix does not carry; the command looks for it in the
    // node_modules of the catalogue's repository (NODE_PATH, from the header's folder and the
    // workspace folders upwards). A user gets one by "npm install" in that repository; here
    // run-e2e.mjs gives the temp workspace a node_modules that is a symlink to this repository's
    // (installed by "npm ci": @duckdb/node-api and its linux-x64 binding). The extension runs from
    // the unpacked vsix, without node_modules of its own, and the extension host's environment has no
    // NODE_PATH (the harness strips it): that link is the only way in, as it is for a user.
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const nodeModules = vscode.Uri.joinPath(folder, 'node_modules', '@duckdb', 'node-api').fsPath;
    assert(
        fs.existsSync(nodeModules),
        `${nodeModules} does not exist: run-e2e.mjs links the repository's node_modules into the workspace (npm ci first)`
    );
    const { csv, pessoas, esperado } = producaoE2e();
    const producao = vscode.Uri.joinPath(folder, 'producao', 'sia-e2e.csv').fsPath;
    fs.mkdirSync(path.dirname(producao), { recursive: true });
    fs.writeFileSync(producao, csv);
    await open('catalogo.oci');

    const result = await vscode.commands.executeCommand('oci.auditarProducao', { producao: [producao], abrir: false });
    assert(
        result && result.status === 'auditado',
        `expected status "auditado", got ${JSON.stringify(result && { ...result, stdout: (result.stdout || '').slice(-400), stderr: (result.stderr || '').slice(-800) })}`
    );
    assert(result.exitCode === 0, `the CLI exited with ${result.exitCode}`);
    // Default folder: <oci.catalogo.pastaSaida>/auditoria.
    const out = vscode.Uri.joinPath(folder, 'out', 'catalogo', 'auditoria').fsPath;
    assert(result.out === out, `the report went to ${result.out}, expected ${out}`);
    for (const name of ['auditoria.json', 'auditoria.html', 'episodios-sinalizados.csv', 'cobranca-dupla.csv']) {
        assert(fs.existsSync(path.join(out, name)), `${name} was not written in ${out}`);
    }
    assert(
        !fs.existsSync(path.join(out, 'restrito')),
        'restrito/ (identified episodes) was written without --identificados'
    );
    const json = JSON.parse(fs.readFileSync(path.join(out, 'auditoria.json'), 'utf8'));
    assert(json.formato === 'oci-catalogo-auditoria/1', `formato ${json.formato}`);
    assert(
        json.entrada.registros === esperado.registros,
        `${json.entrada.registros} records read, expected ${esperado.registros}`
    );
    assert(
        json.total.episodios === esperado.episodios,
        `${json.total.episodios} episodes, expected ${esperado.episodios}`
    );
    const porOci = Object.fromEntries(json.ocis.filter(o => o.episodios > 0).map(o => [o.codigo, o.episodios]));
    assert(
        JSON.stringify(porOci) === JSON.stringify(esperado.porOci),
        `episodes per OCI ${JSON.stringify(porOci)}, expected ${JSON.stringify(esperado.porOci)}`
    );
    assert(
        json.total.tempoExcedido === esperado.tempoExcedido,
        `${json.total.tempoExcedido} episodes over tM, expected ${esperado.tempoExcedido}`
    );
    assert(
        json.total.cobrancaDupla.registros === esperado.cobrancaDupla,
        `${json.total.cobrancaDupla.registros} double-billing records, expected ${esperado.cobrancaDupla}`
    );
    const html = fs.readFileSync(path.join(out, 'auditoria.html'), 'utf8');
    assert(
        /<html lang="pt-BR"/.test(html) && /<svg/.test(html),
        'auditoria.html is not the report (lang pt-BR, SVG charts)'
    );
    assert(!pessoas.some(p => html.includes(p)), 'auditoria.html contains a CPF (the report is aggregates only)');
    log(
        `    ${vscode.workspace.asRelativePath(out)}: ${json.entrada.registros} records, ${json.total.episodios} episodes (${JSON.stringify(porOci)}), ` +
            `${json.total.sinalizados} flagged, double billing ${json.total.cobrancaDupla.registros} (${json.total.cobrancaDupla.valor.reais})`
    );
});

test('"OCI: Auditar produção" without DuckDB in the catalogue\'s repository says so (status "sem-duckdb") and writes nothing', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const link = vscode.Uri.joinPath(folder, 'node_modules').fsPath;
    const hidden = vscode.Uri.joinPath(folder, 'node_modules.e2e-hidden').fsPath;
    const producao = vscode.Uri.joinPath(folder, 'producao', 'sia-e2e.csv').fsPath;
    if (!fs.existsSync(producao)) {
        fs.mkdirSync(path.dirname(producao), { recursive: true });
        fs.writeFileSync(producao, producaoE2e().csv);
    }
    const out = vscode.Uri.joinPath(folder, 'out', 'auditoria-sem-duckdb').fsPath;
    fs.renameSync(link, hidden);
    let result;
    try {
        result = await vscode.commands.executeCommand('oci.auditarProducao', {
            producao: [producao],
            out,
            abrir: false
        });
    } finally {
        fs.renameSync(hidden, link);
    }
    assert(
        result && result.status === 'sem-duckdb',
        `expected status "sem-duckdb", got ${JSON.stringify(result && { status: result.status, exitCode: result.exitCode, stderr: (result.stderr || '').slice(-400) })}`
    );
    assert(!fs.existsSync(path.join(out, 'auditoria.json')), `auditoria.json was written in ${out} without DuckDB`);
    log(`    exit ${result.exitCode}: ${(result.stderr || '').trim().split('\n').pop().slice(0, 120)}`);
});

test('"OCI: Importar competência SIGTAP" runs the bundled CLI: .oci files from the workspace\'s zip, no overwrite without --force', async () => {
    const folder = vscode.workspace.workspaceFolders[0].uri;
    const zip = vscode.Uri.joinPath(folder, 'sigtap', 'TabelaUnificada_202601_subset.zip').fsPath;
    const out = vscode.Uri.joinPath(folder, 'importado');
    const result = await vscode.commands.executeCommand('oci.importarSigtap', { zip, out: out.fsPath });
    assert(result && result.exitCode === 0, `import-sigtap failed: ${JSON.stringify(result)}`);
    const names = (await vscode.workspace.fs.readDirectory(out)).map(([name]) => name).sort();
    assert(
        names.includes('catalogo.oci') && names.some(n => /^0901-.*\.oci$/.test(n)),
        `files written: ${names.join(', ')}`
    );
    const again = await vscode.commands.executeCommand('oci.importarSigtap', { zip, out: out.fsPath, force: false });
    assert(
        again && again.exitCode === 2 && /--force/.test(again.stderr),
        `a second import without --force should refuse: ${JSON.stringify(again)}`
    );
    log(`    ${names.length} files: ${names.join(', ')}`);
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
            log(
                `  ✗ ${name} (${Date.now() - t} ms)\n      ${String((error && error.message) || error).replace(/\n/g, '\n      ')}`
            );
        }
    }
    log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    log(`suite: ${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} e2e checks failed`);
}

module.exports = { run };
