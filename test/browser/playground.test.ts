/**
 * The playground in a real browser (issue 16): builds out/playground/ (scripts/playground.mjs),
 * serves it on 127.0.0.1 and drives Debian's Chromium with playwright-core, as the e2e does.
 * The example opens with the same diagnostics as the desktop server computes for examples/pmae;
 * breaking a check digit (typed on the keyboard) shows the marker and the diagnostic with its
 * legal citation; completion by name offers the procedure; a SIGTAP zip loaded from disk governs
 * the catalogue (a truncated one is reported, the good one clears it); a share link reopens its
 * catalogue; and every request of the page stays on the page's own origin.
 */
import * as fs from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { SourceFileSystem } from '../../language/src/workspace/source-file-system.js';
import { REPO_ROOT } from '../helpers.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const SUBSET_ZIP = path.join(EXAMPLE, 'sigtap/TabelaUnificada_202601_subset.zip');
type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

let server: Server | undefined;
let browser: Browser | undefined;
let origin = '';
const requests: string[] = [];
const pageErrors: string[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-playground-'));

async function openPage(hash = ''): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', r => requests.push(r.url()));
    page.on('pageerror', e => pageErrors.push(e.message));
    await page.goto(`${origin}/index.html${hash}`);
    await page.waitForSelector('body[data-pronto="sim"]', { timeout: 30_000 });
    return page;
}

/** The problems panel as "file:line:column code" lines, sorted. */
async function problemKeys(page: Page): Promise<string[]> {
    return (
        await page.$$eval('#problemas li', items =>
            items.map(li => `${li.querySelector('a')?.textContent} ${li.getAttribute('data-codigo')}`)
        )
    ).sort();
}

async function waitForProblems(
    page: Page,
    until: (keys: string[]) => boolean,
    what: string,
    timeout = 30_000
): Promise<string[]> {
    const started = Date.now();
    let keys: string[] = [];
    while (Date.now() - started < timeout) {
        keys = await problemKeys(page);
        if (until(keys)) return keys;
        await page.waitForTimeout(100);
    }
    throw new Error(`${what}: o painel de problemas ficou em\n${keys.join('\n')}`);
}

/**
 * The diagnostics the desktop server (Node file system, same services) gives for examples/pmae, as the panel's keys.
 */
async function desktopKeys(): Promise<string[]> {
    const { shared, Oci } = createOciLspServices({ ...SourceFileSystem });
    Oci.catalogo.Settings.workspaceRoots = [EXAMPLE];
    await shared.workspace.WorkspaceManager.initializeWorkspace([{ uri: URI.file(EXAMPLE).toString(), name: 'pmae' }]);
    return shared.workspace.LangiumDocuments.all
        .toArray()
        .flatMap(doc =>
            (doc.diagnostics ?? []).map(
                d =>
                    `${path.basename(doc.uri.fsPath)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code ?? ''}`
            )
        )
        .sort();
}

/** Puts the cursor in the open file at the first occurrence of `text` plus `offset` characters. */
async function cursorAt(page: Page, text: string, offset: number): Promise<void> {
    const found = await page.evaluate(
        ([t, o]) => {
            const { editor } = (globalThis as unknown as { ociPlayground: { editor: any } }).ociPlayground;
            const model = editor.getModel();
            const index = model.getValue().indexOf(t);
            if (index < 0) return false;
            const p = model.getPositionAt(index + o);
            editor.setSelection({
                startLineNumber: p.lineNumber,
                startColumn: p.column,
                endLineNumber: p.lineNumber,
                endColumn: p.column
            });
            editor.focus();
            return true;
        },
        [text, offset] as const
    );
    expect(found, text).toBe(true);
}

async function editorText(page: Page): Promise<string> {
    type Handle = { ociPlayground: { editor: { getModel(): { getValue(): string } } } };
    return page.evaluate(() => (globalThis as unknown as Handle).ociPlayground.editor.getModel().getValue());
}

describe.skipIf(!fs.existsSync(CHROMIUM))('playground in Chromium', () => {
    let desktop: string[] = [];

    beforeAll(async () => {
        const { buildPlayground, servePlayground } = (await import(path.join(REPO_ROOT, 'scripts/playground.mjs'))) as {
            buildPlayground: () => Promise<unknown>;
            servePlayground: (port?: number) => Promise<Server>;
        };
        await buildPlayground();
        server = await servePlayground(0);
        origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const { chromium } = await import('playwright-core');
        browser = await chromium.launch({
            executablePath: CHROMIUM,
            headless: true,
            args: CHROMIUM_ARGS
        });
        desktop = await desktopKeys();
    }, 120_000);

    afterAll(async () => {
        await browser?.close();
        await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)));
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('edits, completes, loads a zip from disk and shares, with no request beyond its origin', async () => {
        expect(desktop.length).toBeGreaterThan(0);
        const page = await openPage();

        // 1. The example: the desktop server's diagnostics, every one, in the browser.
        await waitForProblems(
            page,
            keys => keys.join('\n') === desktop.join('\n'),
            'os diagnósticos do exemplo (os mesmos do servidor desktop)'
        );
        expect(Number(await page.locator('body').getAttribute('data-primeiros-diagnosticos-ms'))).toBeGreaterThan(0);

        // 2. A broken check digit, typed: 02.11.02.003-6 → 02.11.02.003-7.
        await page.locator('#arquivos a', { hasText: 'cardiologia.oci' }).click();
        await cursorAt(page, '02.11.02.003-6', 14);
        await page.keyboard.press('Backspace');
        await page.keyboard.type('7');
        const keys = await waitForProblems(
            page,
            k => k.some(x => x.endsWith('codigo/digito-verificador')),
            'o dígito verificador quebrado'
        );
        expect(keys.filter(k => k.endsWith('codigo/digito-verificador'))).toEqual([
            'cardiologia.oci:11:15 codigo/digito-verificador'
        ]);
        const item = page.locator('#problemas li[data-codigo="codigo/digito-verificador"]');
        await expect
            .poll(() => item.innerText())
            .toMatch(/Dígito verificador inválido em 02\.11\.02\.003-7: o dígito correto é 6/);
        expect(await item.locator('.citacao').innerText()).toMatch(/3\.492\/2024.*art\. 6/);
        // The marker in the editor (squiggle) carries the message and the citation.
        const markers = await page.evaluate(() => {
            const { monaco, editor } = (globalThis as unknown as { ociPlayground: { monaco: any; editor: any } })
                .ociPlayground;
            return monaco.editor
                .getModelMarkers({ resource: editor.getModel().uri })
                .map((m: any) => `${m.startLineNumber} ${m.code} ${m.message}`) as string[];
        });
        expect(markers.find(m => m.includes('codigo/digito-verificador'))).toMatch(
            /^11 codigo\/digito-verificador Dígito verificador inválido[\s\S]*3\.492\/2024/
        );
        await expect.poll(() => page.locator('.squiggly-error').count()).toBeGreaterThan(0);

        // 3. Completion by the procedure's name: "eletrocardio" offers 02.11.02.003-6 ELETROCARDIOGRAMA.
        await cursorAt(page, 'estimativa R$ 9,78', 'estimativa R$ 9,78'.length);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('obrigatorio eletrocardio');
        await page.keyboard.press('Control+Space');
        const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'ELETROCARDIOGRAMA' }).first();
        await row.waitFor({ timeout: 15_000 });
        expect(await row.innerText()).toContain('02.11.02.003-6');
        await page.keyboard.press('Enter');
        await expect.poll(() => editorText(page)).toMatch(/obrigatorio 02\.11\.02\.003-6 "ELETROCARDIOGRAMA"/);

        // 4. Share: the link carries the edited catalogue; opening it shows the same broken digit.
        await page.locator('#compartilhar').click();
        const link = await page.locator('#link').inputValue();
        expect(link.startsWith(`${origin}/index.html#c=`)).toBe(true);
        const shared = await openPage(link.slice(link.indexOf('#')));
        expect(await shared.locator('#arquivos a').allInnerTexts()).toEqual(
            await page.locator('#arquivos a').allInnerTexts()
        );
        await waitForProblems(
            shared,
            k => k.includes('cardiologia.oci:11:15 codigo/digito-verificador'),
            'o catálogo do link'
        );
        await shared.close();

        // 5. A SIGTAP zip from disk: a truncated one (a broken download) is reported on the header; the good one clears
        // it.
        const truncated = path.join(tmp, 'TabelaUnificada_202601_truncado.zip');
        const good = fs.readFileSync(SUBSET_ZIP);
        fs.writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
        await page.locator('#abrir-sigtap').setInputFiles(truncated);
        const broken = await waitForProblems(
            page,
            k => k.some(x => x.endsWith('catalogo/sigtap-invalido')),
            'o zip truncado'
        );
        expect(broken.filter(x => x.startsWith('catalogo.oci:'))).toEqual([
            expect.stringMatching(/^catalogo\.oci:\d+:\d+ catalogo\/sigtap-invalido$/)
        ]);
        expect(await page.locator('#problemas').innerText()).toContain('TabelaUnificada_202601_truncado.zip');
        await page.locator('#abrir-sigtap').setInputFiles(SUBSET_ZIP);
        await waitForProblems(
            page,
            k =>
                !k.some(x => x.endsWith('catalogo/sigtap-invalido')) &&
                k.some(x => x.endsWith('codigo/digito-verificador')),
            'o zip bom carregado do disco'
        );

        await page.close();
        // 6. Nothing but the page's own files.
        expect(pageErrors).toEqual([]);
        expect(requests.length).toBeGreaterThan(5);
        expect(
            requests.filter(u => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))
        ).toEqual([]);
    }, 120_000);
});
