/** Helpers for the language-server provider tests: LSP services over an in-memory workspace. */
import { EmptyFileSystem, TextDocument, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterEach } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { HEADER, MAMA, buildWorkspace } from '../helpers.js';

export function createLspServices() {
    return createOciLspServices(EmptyFileSystem);
}

export type LspServices = ReturnType<typeof createLspServices>;

/** A test file's LSP services (call at its top level): one set for the file, its documents cleared after each test. */
export function lspServicesPerFile(): LspServices {
    const services = createLspServices();
    afterEach(async () => {
        await clearDocuments(services.shared);
    });
    return services;
}

/** The clean example: the test header (real SIGTAP 2026-01) and the MAMA OCI. */
export const CLEAN = HEADER + MAMA;

/** Inserts `<|>` before the n-th (0-based) occurrence of `needle`, plus `delta` characters. */
export function mark(text: string, needle: string, delta = 0, occurrence = 0): string {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not in the text`);
    }
    const offset = at + delta;
    return text.slice(0, offset) + '<|>' + text.slice(offset);
}

export function replaceOnce(text: string, from: string, to: string): string {
    if (!text.includes(from)) throw new Error(`text does not contain: ${from}`);
    return text.replace(from, to);
}

/** Builds several files as one workspace (validated); returns the documents in order. */
export async function buildLspWorkspace(
    services: LspServices,
    files: Record<string, string>
): Promise<Array<LangiumDocument<Documento>>> {
    return buildWorkspace(services, files);
}

export interface QuickFixResult {
    /** Every diagnostic of the document before the fix. */
    before: Diagnostic[];
    /** The diagnostic the fix was asked for. */
    diagnostic: Diagnostic;
    actions: CodeAction[];
    /** Text after applying the first action. */
    text: string;
    /** Diagnostics of the fixed text. */
    after: Diagnostic[];
}

/**
 * Validates `text`, asks the code action provider for the fixes of the (single) diagnostic
 * with `code`, applies the first (or the chosen) action and validates the result.
 * (langium/test's testCodeAction matches `diagnostic.data.code`; our diagnostics carry the rule
 * code in `diagnostic.code` and the legal basis in `data.basis`.)
 */
export async function applyQuickFix(
    services: LspServices,
    text: string,
    code: string,
    choose: (actions: CodeAction[]) => CodeAction | undefined = a => a[0]
): Promise<QuickFixResult> {
    const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
    const before = doc.diagnostics ?? [];
    const relevant = before.filter(d => d.code === code);
    if (relevant.length !== 1)
        throw new Error(
            `expected one ${code} diagnostic, got ${relevant.length}: ${before.map(d => d.code).join(', ')}`
        );
    const diagnostic = relevant[0];
    const result = await services.Oci.lsp.CodeActionProvider!.getCodeActions(doc, {
        textDocument: { uri: doc.textDocument.uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], triggerKind: 1 }
    });
    const actions = (result ?? []) as CodeAction[];
    const action = choose(actions);
    if (!action) throw new Error(`no code action for ${code}`);
    const edits = action.edit?.changes?.[doc.textDocument.uri];
    if (!edits) throw new Error(`code action "${action.title}" has no edit for the document`);
    const fixed = TextDocument.applyEdits(TextDocument.create(doc.textDocument.uri, 'oci', 0, text), edits);
    const [after] = await buildLspWorkspace(services, { 'catalogo.oci': fixed });
    return { before, diagnostic, actions, text: fixed, after: after.diagnostics ?? [] };
}

/** Position (0-based line and character) of the first `needle` in `text`, plus `delta` characters. */
export function positionIn(text: string, needle: string, delta = 0): { line: number; character: number } {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`"${needle}" not found`);
    const before = text.slice(0, offset + delta);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
