/**
 * Completion parses only from the top-level element before the cursor (server/src/completion-provider.ts,
 * issue 5). It must offer exactly what a parse of the whole text before the cursor offers: here at
 * every token boundary of a real catalogue file, clean and cut in the middle of an OCI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import type { LangiumDocument } from 'langium';
import type { Documento } from '../../language/src/generated/ast.js';
import { HEADER, REPO_ROOT } from '../helpers.js';
import { buildLspWorkspace, createLspServices, type LspServices } from './lsp-helpers.js';

let services: LspServices;
/** Parses that started after the beginning of the file (so the test compares something). */
let windowed = 0;
beforeAll(() => {
    services = createLspServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

const FILE = fs.readFileSync(path.join(REPO_ROOT, 'examples/pmae/saude-da-mulher.oci'), 'utf8');

async function labelsAt(doc: LangiumDocument<Documento>, offset: number, fullParse: boolean): Promise<string[]> {
    const provider = services.Oci.lsp.CompletionProvider! as unknown as {
        windowStart: (t: unknown, o: number) => number;
        featuresMemo: unknown;
    };
    const own = Object.prototype.hasOwnProperty.call(provider, 'windowStart');
    provider.featuresMemo = undefined;
    if (fullParse) provider.windowStart = () => 0;
    else {
        const original = provider.windowStart;
        provider.windowStart = function (this: unknown, t: unknown, o: number) {
            const start = original.call(this, t, o);
            if (start > 0) windowed++;
            return start;
        };
    }
    try {
        const list = await services.Oci.lsp.CompletionProvider!.getCompletion(doc, {
            textDocument: { uri: doc.textDocument.uri },
            position: doc.textDocument.positionAt(offset),
            context: { triggerKind: 1 }
        });
        return (list?.items ?? []).map(i => `${i.kind}:${i.label}`).sort();
    } finally {
        if (!own) delete (provider as Partial<typeof provider>).windowStart;
    }
}

/** Offsets at the start and end of every word, and after every newline. */
function boundaries(text: string, from: number, every: number): number[] {
    const out: number[] = [];
    for (let i = from; i <= text.length; i++) {
        const a = /\S/.test(text[i - 1] ?? ' ');
        const b = /\S/.test(text[i] ?? ' ');
        if (a !== b || text[i - 1] === '\n') out.push(i);
    }
    return out.filter((_, k) => k % every === 0);
}

describe('completion from the element before the cursor', () => {
    const cases: Array<[string, string]> = [
        ['the whole file', HEADER + FILE],
        ['cut inside the fourth OCI', (HEADER + FILE).slice(0, nthIndex(HEADER + FILE, '\noci ', 4) + 180)],
        [
            'a half-typed OCI between two others',
            (HEADER + FILE).replace(/\noci /g, (m, o, all) =>
                o === nthIndex(all, '\noci ', 3) ? '\noci 09.0 "X" {\n  obrigat\n' + m : m
            )
        ]
    ];
    for (const [name, text] of cases) {
        it(`offers the same items as a whole-text parse: ${name}`, async () => {
            const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
            const start = nthIndex(text, '\noci ', 2);
            let compared = 0;
            for (const offset of boundaries(text, start, 3)) {
                const windowed = await labelsAt(doc, offset, false);
                const whole = await labelsAt(doc, offset, true);
                expect(
                    windowed,
                    `offset ${offset}: …${JSON.stringify(text.slice(Math.max(0, offset - 40), offset))}`
                ).toEqual(whole);
                compared++;
            }
            expect(compared).toBeGreaterThan(50);
            expect(windowed).toBeGreaterThan(compared / 2);
            windowed = 0;
        });
    }
});

function nthIndex(text: string, needle: string, n: number): number {
    let at = -1;
    for (let k = 0; k < n; k++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) return text.length;
    }
    return at;
}
