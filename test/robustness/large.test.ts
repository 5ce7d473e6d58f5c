/**
 * A 20 MB catalogue file (one header and ~37,000 OCIs, each MAMA under a new valid code) parses
 * and validates with the SIGTAP subset without crashing, and its value engine, JSON generator,
 * formatter and the whole-document LSP providers (symbols, folding, code lens, semantic tokens,
 * formatting, code actions) and the ones at a position (hover, completion, definition,
 * references, highlight) run — all within LARGE_BOUND_S seconds (default 180 s on 2 cores; the
 * figures of a run, stage by stage, are printed).
 * A smaller, pathological file — one OCI with 20,000 components, deep runs of braces and an
 * unterminated string over 1 MB — is also handled.
 */
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Documento } from '../../language/src/generated/ast.js';
import { isOci, type Oci } from '../../language/src/generated/ast.js';
import { buildCatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { OciFormatter } from '../../language/src/format/formatter.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { computeValue } from '../../language/src/value/engine.js';
import { MAMA, REPO_ROOT } from '../helpers.js';
import { bySize } from '../tier.js';
import { SUBSET_HEADER } from './fuzz-core.js';

/** 1 MB in the fast tier, 20 MB in the soak tier (test/tier.ts). */
const TARGET_BYTES = bySize('LARGE_BYTES', 1024 * 1024, 20 * 1024 * 1024);
const BOUND_S = Number(process.env.LARGE_BOUND_S ?? 180);
const DIR = path.join(REPO_ROOT, 'examples/pmae');

const services = createOciLspServices(EmptyFileSystem);
afterAll(async () => {
    await clearDocuments(services.shared);
});

function code10(prefix9: string): string {
    return `${prefix9.slice(0, 2)}.${prefix9.slice(2, 4)}.${prefix9.slice(4, 6)}.${prefix9.slice(6, 9)}-${checkDigit(prefix9)}`;
}

/** Header, technologies and group of MAMA, then MAMA's OCI again and again under codes 09.SS.FF.PPP. */
function largeCatalogue(bytes: number): { text: string; ocis: number } {
    const split = MAMA.indexOf('oci 09');
    const oci = MAMA.slice(split);
    // In the formatter's canonical form: a blank line between top-level elements, one newline at the end.
    const parts = [
        SUBSET_HEADER,
        MAMA.slice(0, split).replace('\ntecnologia saude_digital', '\n\ntecnologia saude_digital')
    ];
    let size = parts.join('').length;
    let n = 0;
    while (size < bytes) {
        const sub = 10 + Math.floor(n / 100_000);
        const forma = Math.floor(n / 1000) % 100;
        const code = code10(
            `09${String(sub).padStart(2, '0')}${String(forma).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
        );
        const block = oci.replace('09.01.01.001-4', code) + '\n';
        parts.push(block);
        size += block.length;
        n++;
    }
    return { text: parts.join('').replace(/\n+$/, '\n'), ocis: n };
}

async function validate(text: string) {
    await clearDocuments(services.shared);
    const doc = services.shared.workspace.LangiumDocumentFactory.fromString<Documento>(
        text,
        URI.file(path.join(DIR, 'grande.oci'))
    );
    services.shared.workspace.LangiumDocuments.addDocument(doc);
    await services.shared.workspace.DocumentBuilder.build([doc], { validation: true });
    return doc;
}

describe('large and pathological files', () => {
    it(
        `a ${(TARGET_BYTES / 1024 / 1024).toFixed(0)} MB catalogue parses and validates within ${BOUND_S} s`,
        async () => {
            const errors = vi.spyOn(console, 'error');
            const { text, ocis } = largeCatalogue(TARGET_BYTES);
            const started = performance.now();
            const doc = await validate(text);
            const validated = (performance.now() - started) / 1000;
            const elements = doc.parseResult.value.elementos.filter(isOci);
            expect(elements).toHaveLength(ocis);
            const diagnostics = doc.diagnostics ?? [];
            expect(diagnostics.filter(d => d.severity === 1).map(d => d.code)).toEqual([]);
            expect(diagnostics.filter(d => /An error occurred/.test(String(d.message)))).toEqual([]);
            const context = services.Oci.catalogo.Context.forDocument(doc);
            for (const oci of elements) computeValue(oci as Oci, context.table);
            const json = buildCatalogoJson([doc], context, DIR);
            expect(json.ocis).toHaveLength(ocis);
            const engine = (performance.now() - started) / 1000 - validated;

            const stages: Array<[string, number]> = [];
            const stage = async <T>(name: string, action: () => T | Promise<T>): Promise<T> => {
                const t = performance.now();
                const result = await action();
                stages.push([name, (performance.now() - t) / 1000]);
                return result;
            };
            const formatted = await stage('formatador', () => new OciFormatter(services.Oci).format(text));
            expect(formatted.text).toBe(text); // the generated file is already in canonical form
            const lsp = services.Oci.lsp;
            const textDocument = { uri: doc.textDocument.uri };
            const symbols = await stage('símbolos', () =>
                lsp.DocumentSymbolProvider!.getSymbols(doc, { textDocument })
            );
            expect(symbols.length).toBeGreaterThan(ocis);
            await stage('dobras', () => lsp.FoldingRangeProvider!.getFoldingRanges(doc, { textDocument }));
            await stage('code lens', () => lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument }));
            if (lsp.SemanticTokenProvider)
                await stage('tokens semânticos', () =>
                    lsp.SemanticTokenProvider!.semanticHighlight(doc, { textDocument })
                );
            await stage('formatação', () =>
                lsp.Formatter!.formatDocument(doc, { textDocument, options: { tabSize: 2, insertSpaces: true } })
            );
            const whole = { start: { line: 0, character: 0 }, end: doc.textDocument.positionAt(text.length) };
            await stage('ações', () =>
                lsp.CodeActionProvider!.getCodeActions(doc, {
                    textDocument,
                    range: whole,
                    context: { diagnostics: diagnostics.slice(0, 1000), triggerKind: 1 }
                })
            );
            // At a procedure code of the last OCI (the far end of the file).
            const position = doc.textDocument.positionAt(text.lastIndexOf('02.04.03.003-0') + 3);
            await stage('hover', () => lsp.HoverProvider!.getHoverContent(doc, { textDocument, position }));
            await stage('completação', () =>
                lsp.CompletionProvider!.getCompletion(doc, { textDocument, position, context: { triggerKind: 1 } })
            );
            await stage('definição', () => lsp.DefinitionProvider!.getDefinition(doc, { textDocument, position }));
            await stage('referências', () =>
                lsp.ReferencesProvider!.findReferences(doc, {
                    textDocument,
                    position,
                    context: { includeDeclaration: true }
                })
            );
            await stage('destaque', () =>
                lsp.DocumentHighlightProvider!.getDocumentHighlight(doc, { textDocument, position })
            );

            const total = (performance.now() - started) / 1000;
            console.log(
                `arquivo de ${(text.length / 1024 / 1024).toFixed(1)} MB, ${ocis} OCIs: análise e validação em ${validated.toFixed(1)} s, ` +
                    `motor de valor e JSON ${engine.toFixed(1)} s, ${stages.map(([n, t]) => `${n} ${t.toFixed(1)} s`).join(', ')}; ` +
                    `total ${total.toFixed(1)} s; ${diagnostics.length} diagnósticos`
            );
            expect(total).toBeLessThan(BOUND_S);
            expect(errors).not.toHaveBeenCalled();
            errors.mockRestore();
        },
        (BOUND_S + 120) * 1000
    );

    it('one OCI with 20,000 components, 50,000 opening braces, a 1 MB unterminated string', async () => {
        const errors = vi.spyOn(console, 'error');
        const many =
            SUBSET_HEADER +
            MAMA.replace(
                '  conclusao consulta',
                `${'  eventual 02.05.02.009-7 qt 1 frequencia 1% estimativa R$ 1,00\n'.repeat(20_000)}  conclusao consulta`
            );
        const braces = SUBSET_HEADER + MAMA + 'oci 09.01.01.001-4 "X" ' + '{'.repeat(50_000);
        const string =
            SUBSET_HEADER +
            MAMA.replace('fundamento "Portaria SAES/MS nº 1.824/2024"', `fundamento "${'x'.repeat(1024 * 1024)}`);
        const formatter = new OciFormatter(services.Oci);
        for (const [name, text] of [
            ['componentes', many],
            ['chaves', braces],
            ['texto aberto', string]
        ] as const) {
            const started = performance.now();
            const doc = await validate(text);
            formatter.format(text);
            const context = services.Oci.catalogo.Context.forDocument(doc);
            for (const oci of doc.parseResult.value.elementos.filter(isOci)) computeValue(oci as Oci, context.table);
            buildCatalogoJson([doc], context, DIR);
            const seconds = (performance.now() - started) / 1000;
            console.log(
                `${name}: ${(text.length / 1024).toFixed(0)} KiB em ${seconds.toFixed(1)} s, ${doc.diagnostics?.length} diagnósticos`
            );
            expect(seconds, name).toBeLessThan(60);
            expect((doc.diagnostics ?? []).filter(d => /An error occurred/.test(String(d.message)))).toEqual([]);
        }
        expect(errors).not.toHaveBeenCalled();
        errors.mockRestore();
    }, 300_000);
});
