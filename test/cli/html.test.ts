/**
 * `build` writes catalogo.html: the example's 34 OCIs rendered in headless Chromium (tables per
 * subgroup, value breakdown per OCI), self-contained, deterministic, escaped. A screenshot goes to
 * test/cli/.artifacts/catalogo.png for a person to look at.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { catalogoHtml, escapeHtml } from '../../language/src/generator/catalogo-html.js';
import { REPO_ROOT } from '../helpers.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const ARTIFACTS = path.join(REPO_ROOT, 'test/cli/.artifacts');

let out: string;
let html: string;
let json: CatalogoJson;

beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-html-'));
    const r = await run('build', EXAMPLE, '--out', out);
    expect(r.code, r.err).toBe(0);
    html = fs.readFileSync(path.join(out, 'catalogo.html'), 'utf8');
    json = JSON.parse(fs.readFileSync(path.join(out, 'catalogo.json'), 'utf8'));
}, 60_000);
afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
});

describe('catalogo.html (static)', { timeout: 60_000 }, () => {
    it('is self-contained, in pt-BR, printable and deterministic', async () => {
        expect(html.startsWith('<!DOCTYPE html>\n<html lang="pt-BR">')).toBe(true);
        expect(html).toContain('<meta charset="utf-8">');
        expect(html).not.toMatch(/<script|<link\b|\bsrc=|@import|url\(/i);
        expect(html).not.toMatch(/https?:\/\//);
        expect(html).toContain('@media print');
        expect(html).toContain('thead { display: table-header-group; }');
        expect(html).toMatch(/tr, th, td \{ break-inside: avoid; page-break-inside: avoid; \}/);
        const again = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-html-2-'));
        try {
            expect((await run('build', EXAMPLE, '--out', again)).code).toBe(0);
            expect(
                fs
                    .readFileSync(path.join(again, 'catalogo.html'))
                    .equals(fs.readFileSync(path.join(out, 'catalogo.html')))
            ).toBe(true);
        } finally {
            fs.rmSync(again, { recursive: true, force: true });
        }
    });

    it('escapes HTML in every text it takes from the catalogue', () => {
        expect(escapeHtml(`<b>"A" & 'B'</b>`)).toBe('&lt;b&gt;&quot;A&quot; &amp; &#39;B&#39;&lt;/b&gt;');
        const hostile = structuredClone(json);
        hostile.catalogo.nome = '<script>alert(1)</script> & Cia';
        hostile.ocis[0].nome = 'OCI <img src=x onerror=alert(1)>';
        hostile.ocis[0].cids = ['C50"><b>'];
        const page = catalogoHtml(hostile);
        expect(page).not.toContain('<script>alert');
        expect(page).not.toContain('<img src=x');
        expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cia');
        expect(page).toContain('OCI &lt;img src=x onerror=alert(1)&gt;');
    });
});

describe('catalogo.html in headless Chromium', { timeout: 60_000 }, () => {
    let browser: Browser;

    beforeAll(async () => {
        if (!fs.existsSync(CHROMIUM)) {
            throw new Error(
                `${CHROMIUM} não existe: este teste precisa do Chromium do Debian (rode "apt-get install -y chromium")`
            );
        }
        browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    }, 60_000);
    afterAll(async () => {
        await browser?.close();
    });

    it('renders one annex table per subgroup, 34 OCI rows, and the breakdown of each OCI; saves a screenshot', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const requests: string[] = [];
        page.on('request', r => {
            if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        await page.goto(`file://${path.join(out, 'catalogo.html')}`);

        expect(await page.getAttribute('html', 'lang')).toBe('pt-BR');
        expect(await page.title()).toContain('Rol de OCI');
        const subgroups = [...new Set(json.ocis.map(o => o.subgrupo.codigo))];
        expect(subgroups).toHaveLength(6);
        expect(await page.locator('table.anexo').count()).toBe(6);
        expect(await page.locator('table.anexo tbody tr').count()).toBe(34);
        expect(await page.locator('article.oci').count()).toBe(34);
        expect(await page.locator('table.composicao').count()).toBe(34);

        const mama = page.locator('table.anexo tbody tr', { hasText: '09.01.01.001-4' });
        await expect.poll(() => mama.count()).toBe(1);
        const cells = await mama.locator('td').allInnerTexts();
        expect(cells[0]).toBe('09.01.01.001-4');
        expect(cells[1]).toBe('OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA');
        expect(cells[2]).toBe('21 dias');
        expect(cells[3]).toBe('30 dias');
        expect(cells[4]).toContain('02.04.03.003-0 MAMOGRAFIA');
        expect(cells[5]).toContain('(40%)');
        expect(cells[6]).toBe('R$ 125,00');

        // The breakdown adds up to the same value and cites the legal basis.
        const detail = page.locator('article#oci-0901010014');
        expect(await detail.locator('tfoot td.total').innerText()).toBe('R$ 125,00');
        expect(await detail.locator('tr.tecnologia').count()).toBe(2);
        expect(await detail.innerText()).toContain('Portaria GM/MS nº 3.492/2024, art. 6 §3');
        expect(await detail.innerText()).toContain('C50, D05');
        expect(await detail.innerText()).toContain('10 anos ou mais');

        // Every subgroup table's header is a real <thead> (repeated on each printed page).
        expect(await page.locator('table.anexo > thead').count()).toBe(6);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('nav').isVisible()).toBe(false);
        // (no DOM types in this project: the page's getComputedStyle is reached through globalThis)
        const style = (selector: string, property: string) =>
            page
                .locator(selector)
                .first()
                .evaluate(
                    (element, p) =>
                        (
                            globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
                        ).getComputedStyle(element)[p],
                    property
                );
        expect(await style('table.anexo thead', 'display')).toBe('table-header-group');
        expect(await style('table.anexo tbody tr', 'breakInside')).toBe('avoid');
        await page.emulateMedia({ media: 'screen' });

        expect(requests).toEqual([]);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'catalogo.png'), fullPage: false });
        expect(fs.statSync(path.join(ARTIFACTS, 'catalogo.png')).size).toBeGreaterThan(10_000);
        await page.close();
    }, 60_000);
});
