/**
 * Half-finished text never crashes validation or the value engine: the sample truncated at
 * every offset, and with every line deleted, gives diagnostics and no exception (Langium logs a
 * crashed validator through console.error, which this test watches).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearDocuments } from 'langium/test';
import type { Oci } from '../../language/src/generated/ast.js';
import { isOci } from '../../language/src/generated/ast.js';
import { computeValue } from '../../language/src/value/engine.js';
import { buildCatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { OciFormatter } from '../../language/src/format/formatter.js';
import { HEADER, MAMA, buildWorkspace, createTestServices, type TestServices } from '../helpers.js';

let services: TestServices;
beforeAll(() => {
    services = createTestServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

let formatted = 0;

/** Format → parse gives the same tokens, and formatting again changes nothing. */
function checkFormatter(text: string): void {
    const formatter = new OciFormatter(services.Oci);
    const out = formatter.format(text).text;
    if (out === undefined) return;
    formatted++;
    const tokens = (t: string) =>
        services.Oci.parser.Lexer.tokenize(t).tokens.map(k =>
            k.image.replace(/^R\$[ \t]*/, 'R$ ').replace(/[ \t]+%$/, '%')
        );
    expect(tokens(out)).toEqual(tokens(text));
    expect(formatter.format(out).text).toBe(out);
}

async function exercise(text: string): Promise<void> {
    checkFormatter(text);
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': text });
    const context = services.Oci.catalogo.Context.forDocument(doc);
    for (const oci of doc.parseResult.value.elementos.filter(isOci)) computeValue(oci as Oci, context.table);
    buildCatalogoJson([doc], context, '/ws');
}

describe('robustness on half-finished text', () => {
    it('survives truncation at every offset', async () => {
        const errors = vi.spyOn(console, 'error');
        const text = HEADER + MAMA;
        for (let i = 0; i <= text.length; i += 1) {
            await exercise(text.slice(0, i));
        }
        expect(errors).not.toHaveBeenCalled();
        expect(formatted).toBeGreaterThan(10);
        errors.mockRestore();
    }, 120_000);

    it('survives the deletion of any single line or token', async () => {
        const errors = vi.spyOn(console, 'error');
        const lines = (HEADER + MAMA).split('\n');
        for (let i = 0; i < lines.length; i++) {
            await exercise([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'));
            const tokens = lines[i].split(/(\s+)/);
            for (let t = 0; t < tokens.length; t += 2) {
                const mutated = [...tokens.slice(0, t), ...tokens.slice(t + 1)].join('');
                await exercise([...lines.slice(0, i), mutated, ...lines.slice(i + 1)].join('\n'));
            }
        }
        expect(errors).not.toHaveBeenCalled();
        errors.mockRestore();
    }, 120_000);
});
