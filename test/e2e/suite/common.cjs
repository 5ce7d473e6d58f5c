'use strict';
/**
 * What the desktop suite (index.cjs) and the web suite (web.cjs) share: polling, assertions, a diagnostic's
 * code and a file of the workspace. index.cjs requires it; the web extension host has no file to require
 * beside its suite, so run-e2e.mjs inlines this file where web.cjs requires it (`inlineCommon`).
 * Plain CommonJS that needs only `vscode`: it runs in Node and in a Web Worker.
 */
const vscode = require('vscode');

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

/** `name` in the first workspace folder (the harness opens one). */
function workspaceFile(name) {
    const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
    if (!folder) throw new Error('no workspace folder is open (run-e2e.mjs opens one)');
    return vscode.Uri.joinPath(folder.uri, name);
}

module.exports = { sleep, waitFor, assert, codeOf, workspaceFile };
