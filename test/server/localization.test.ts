/**
 * Localization: Portuguese by default, English when the editor is in English.
 *  - every rule has an English message with the same arguments (language/src/validation/rules-en.ts);
 *  - with locale 'en' the server's diagnostics, syntax messages, code lenses and quick fixes are
 *    English — same codes, same legal basis;
 *  - the client's strings (client/src/*.ts `t('…')`) all have an English text in
 *    l10n/bundle.l10n.en.json with the same placeholders; package.json's %keys% exist in
 *    package.nls.json and package.nls.en.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearDocuments } from 'langium/test';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rules } from '../../language/src/validation/rules.js';
import { RulesEn, RulesEnByCode, argumentEn, ruleTextIn } from '../../language/src/validation/rules-en.js';
import { applyEditorSettings, parseTolerancia } from '../../server/src/editor-settings.js';
import { localeFor, missingMessages } from '../../server/src/i18n.js';
import { CatalogoSettings } from '../../language/src/workspace/settings.js';
import { REPO_ROOT } from '../helpers.js';
import {
    CLEAN,
    applyQuickFix,
    buildLspWorkspace,
    createLspServices,
    replaceOnce,
    type LspServices
} from './lsp-helpers.js';

describe('English messages of the rules', () => {
    it('every rule has one, taking the same arguments, and nothing else is there', () => {
        const names = Object.keys(Rules) as Array<keyof typeof Rules>;
        const missing = names.filter(n => RulesEn[n] === undefined);
        expect(missing, 'add these rules to language/src/validation/rules-en.ts').toEqual([]);
        for (const name of names) expect(RulesEn[name]!.length, name).toBe(Rules[name].message.length);
        expect(Object.keys(RulesEn).filter(n => !(n in Rules))).toEqual([]);
        expect(RulesEnByCode.size).toBe(names.length);
    });

    it('English text: message and the legal basis as cited (Portuguese law names)', () => {
        expect(ruleTextIn('en', 'oci/tr-gt-tm', [45, 30])).toBe(
            'tR (45 days) greater than tM (30 days): the recommended time cannot exceed the maximum time — Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV'
        );
        expect(ruleTextIn('pt', 'oci/tr-gt-tm', [45, 30])).toBe(
            'tR (45 dias) maior que tM (30 dias): o tempo recomendado não pode exceder o tempo máximo — Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV'
        );
        expect(ruleTextIn('en', 'nao/existe', [])).toBeUndefined();
    });

    it('translates the Portuguese words validators pass as arguments', () => {
        expect(argumentEn('obrigatório')).toBe('mandatory');
        expect(argumentEn('feminino')).toBe('female');
        expect(argumentEn('10 anos ou mais')).toBe('10 years or more');
        expect(argumentEn('8 anos e 11 meses a 9 anos')).toBe('8 years and 11 months to 9 years');
        expect(argumentEn('tR (tempo recomendado)')).toBe('tR (recommended time)');
        expect(argumentEn('02.04.03.003-0')).toBe('02.04.03.003-0');
        expect(argumentEn(3)).toBe(3);
    });
});

describe('the server in English (CatalogoSettings.locale = "en")', () => {
    let en: LspServices;
    beforeAll(() => {
        en = createLspServices();
        en.Oci.catalogo.Settings.locale = 'en';
    });
    afterEach(async () => {
        await clearDocuments(en.shared);
    });

    it('diagnostics: English message, same code, severity, range and basis', async () => {
        const text = replaceOnce(replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias'), '  contrarreferencia aps\n', '');
        const [doc] = await buildLspWorkspace(en, { 'catalogo.oci': text });
        const pt = createLspServices();
        const [ptDoc] = await buildLspWorkspace(pt, { 'catalogo.oci': text });
        const strip = (d: { code?: unknown; severity?: unknown; range: unknown; data?: unknown }) => ({
            code: d.code,
            severity: d.severity,
            range: d.range,
            data: d.data
        });
        expect(doc.diagnostics!.map(strip)).toEqual(ptDoc.diagnostics!.map(strip));
        const byCode = (code: string) => doc.diagnostics!.find(d => d.code === code)!.message;
        // The short message; the basis (unchanged, Portuguese law names) in data.basis and the docs link.
        expect(byCode('oci/tr-gt-tm')).toBe(
            'tR (45 days) greater than tM (30 days): the recommended time cannot exceed the maximum time'
        );
        expect((doc.diagnostics!.find(d => d.code === 'oci/tr-gt-tm')!.data as { basis: string }).basis).toBe(
            'Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV'
        );
        expect(byCode('oci/contrarreferencia-ausente')).toMatch(
            /^The OCI must always include safe counter-referral [^—]*$/
        );
        expect(ptDoc.diagnostics!.find(d => d.code === 'oci/tr-gt-tm')!.message).toMatch(
            /^tR \(45 dias\) maior que tM/
        );
    });

    it('syntax and reference errors in English', async () => {
        const [syntax] = await buildLspWorkspace(en, {
            'catalogo.oci': replaceOnce(CLEAN, 'tM 30 dias', 'tM trinta dias')
        });
        expect(syntax.diagnostics!.find(d => d.code === 'sintaxe/estrutura')?.message).toMatch(
            /^Expected .*, but found "trinta"$/
        );
        const [reference] = await buildLspWorkspace(en, {
            'catalogo.oci': replaceOnce(CLEAN, 'um_de consulta', 'um_de consultas')
        });
        expect(reference.diagnostics!.find(d => d.code === 'referencia/nao-resolvida')?.message).toBe(
            'There is no grupo (group) named "consultas" in the catalogue'
        );
    });

    it('code lens and quick fix titles in English', async () => {
        const [doc] = await buildLspWorkspace(en, {
            'catalogo.oci': replaceOnce(CLEAN, 'valor R$ 125,00', 'valor R$ 120,00')
        });
        const lenses = await en.Oci.lsp.CodeLensProvider!.provideCodeLens(doc, {
            textDocument: { uri: doc.textDocument.uri }
        });
        expect(lenses!.map(l => l.command?.title)).toEqual([
            'Computed value R$ 125,00 · declared R$ 120,00 (difference -R$ 5,00)',
            'tR 21 days · tM 30 days',
            'APAC: 2 competências — 28 to 61 days depending on the start day'
        ]);
        const fix = await applyQuickFix(
            en,
            replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-1 "MAMOGRAFIA"'),
            'codigo/digito-verificador'
        );
        expect(fix.actions.map(a => a.title)).toEqual(['Fix the check digit: 02.04.03.003-0']);
        expect(fix.diagnostic.message).toBe('Invalid check digit in 02.04.03.003-1: the correct digit is 0');
    });

    it('the hover of the cited law: English labels, the law in Portuguese', async () => {
        const text = replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias');
        const [doc] = await buildLspWorkspace(en, { 'catalogo.oci': text });
        const line = text.split('\n').findIndex(l => l.includes('tR 45'));
        const hover = await en.Oci.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.textDocument.uri },
            position: { line, character: 5 }
        });
        const value = (hover?.contents as { value: string }).value;
        expect(value).toMatch(/^\*\*Legal basis:\*\* Portaria GM\/MS nº 3\.492\/2024, art\. 6 §2 III-IV/);
        expect(value).toContain('> III - o tempo estipulado');
    });
});

describe('the locale and the editor settings', () => {
    it('English only for an English display language, unless oci.idioma says otherwise', () => {
        expect(localeFor('en')).toBe('en');
        expect(localeFor('en-us')).toBe('en');
        expect(localeFor('pt-br')).toBe('pt');
        expect(localeFor('es')).toBe('pt');
        expect(localeFor(undefined)).toBe('pt');
        expect(localeFor('en', 'pt')).toBe('pt');
        expect(localeFor('pt-br', 'en')).toBe('en');
        expect(missingMessages()).toEqual([]);
    });

    it('applies oci.idioma, oci.sigtap.caminho (relative to the first workspace folder) and oci.valor.tolerancia', () => {
        const settings = new CatalogoSettings();
        const context = { displayLanguage: 'en', roots: ['/ws/repo', '/ws/outro'] };
        expect(
            applyEditorSettings(
                settings,
                { idioma: 'auto', sigtap: { caminho: 'tabelas/202602.zip' }, valor: { tolerancia: '0,01' } },
                context
            )
        ).toEqual({ changed: true, reparse: true, problems: [] });
        expect(settings.locale).toBe('en');
        expect(settings.sigtapOverride).toBe(path.resolve('/ws/repo/tabelas/202602.zip'));
        expect(settings.toleranciaValor.toString()).toBe('0.01');
        expect(
            applyEditorSettings(
                settings,
                { idioma: 'auto', sigtap: { caminho: 'tabelas/202602.zip' }, valor: { tolerancia: '0,01' } },
                context
            ).changed
        ).toBe(false);
        const cleared = applyEditorSettings(
            settings,
            { idioma: 'pt', sigtap: { caminho: '' }, valor: { tolerancia: 'abc' } },
            context
        );
        expect(cleared).toMatchObject({ changed: true, reparse: true });
        expect(cleared.problems).toEqual([expect.stringContaining('oci.valor.tolerancia "abc"')]);
        expect(settings.locale).toBe('pt');
        expect(settings.sigtapOverride).toBeUndefined();
        expect(settings.toleranciaValor.toString()).toBe('0.01');
        expect(parseTolerancia('R$ 1.000,5')?.toString()).toBe('1000.5');
        expect(parseTolerancia('')?.toString()).toBe('0');
        expect(parseTolerancia('-1')).toBeUndefined();
    });

    it('the tolerance setting reaches validation', async () => {
        const services = createLspServices();
        const text = replaceOnce(CLEAN, 'valor R$ 125,00', 'valor R$ 125,01');
        const [before] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        expect(before.diagnostics!.map(d => d.code)).toContain('valor/divergente');
        applyEditorSettings(services.Oci.catalogo.Settings, { valor: { tolerancia: '0,01' } }, { roots: [] });
        const [after] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        expect(after.diagnostics!.map(d => d.code)).not.toContain('valor/divergente');
        await clearDocuments(services.shared);
    });
});

describe("the client's strings and the manifest's", () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map(m => m[1]).sort();

    it("every t('…') of client/src has an English text with the same placeholders, and the bundle has nothing else", () => {
        const bundle: Record<string, string> = read('l10n/bundle.l10n.en.json');
        const used = new Set<string>();
        for (const file of fs.readdirSync(path.join(REPO_ROOT, 'client/src'))) {
            const source = fs.readFileSync(path.join(REPO_ROOT, 'client/src', file), 'utf8');
            for (const m of source.matchAll(/\b(?:t|tr)\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) {
                used.add(
                    JSON.parse(
                        m[1].startsWith("'") ? `"${m[1].slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"` : m[1]
                    )
                );
            }
        }
        expect(used.size).toBeGreaterThan(40);
        expect(
            [...used].filter(s => bundle[s] === undefined),
            'missing in l10n/bundle.l10n.en.json'
        ).toEqual([]);
        expect(
            Object.keys(bundle).filter(k => !used.has(k)),
            'unused in l10n/bundle.l10n.en.json'
        ).toEqual([]);
        for (const [pt, en] of Object.entries(bundle)) expect(placeholders(en), pt).toEqual(placeholders(pt));
    });

    it("package.json's %keys% are in package.nls.json (Portuguese) and package.nls.en.json (English)", () => {
        const pkg = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
        const keys = new Set([...pkg.matchAll(/"%([^"%]+)%"/g)].map(m => m[1]));
        const pt = read('package.nls.json');
        const en = read('package.nls.en.json');
        expect(keys.size).toBeGreaterThan(10);
        expect([...keys].filter(k => !(k in pt))).toEqual([]);
        expect(Object.keys(pt).sort()).toEqual([...keys].sort());
        expect(Object.keys(en).sort()).toEqual(Object.keys(pt).sort());
        expect(read('package.json').l10n).toBe('./l10n');
    });
});
