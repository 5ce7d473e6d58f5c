/**
 * The VS Code side that has no editor to run in here: package.json contributions point at
 * existing files, and the hand-written TextMate grammar scopes every keyword of the Langium
 * grammar and the value tokens (CODIGO, MONEY, PERCENT, CID, COMPETENCIA). A regenerated
 * (langium generate) grammar lacks those scopes, and this test says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { OciCatalogoGrammar } from '../../language/src/generated/grammar.js';
import { REPO_ROOT } from '../helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const tm = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'client/syntaxes/oci.tmLanguage.json'), 'utf8'));

interface Pattern { name?: string; match?: string; begin?: string; include?: string; patterns?: Pattern[]; captures?: Record<string, { name: string }> }

/** Every `match` pattern of the grammar with its scope (first capture's scope for captures). */
function matchPatterns(): Array<{ scope: string; re: RegExp }> {
    const out: Array<{ scope: string; re: RegExp }> = [];
    const visit = (p: Pattern) => {
        if (p.include) return visit(tm.repository[p.include.slice(1)]);
        if (p.match) out.push({ scope: p.name ?? Object.values(p.captures ?? {}).map(c => c.name).join(' '), re: new RegExp(`^(?:${p.match})$`, 'u') });
        (p.patterns ?? []).forEach(visit);
    };
    (tm.patterns as Pattern[]).forEach(visit);
    return out;
}

describe('package.json (VS Code extension)', () => {
    it('contributes the language, its configuration and grammar, and activates on it', () => {
        expect(pkg.main).toBe('./out/client/extension.cjs');
        expect(pkg.activationEvents).toEqual(['onLanguage:oci']);
        expect(pkg.engines.vscode).toBe('^1.100.0');
        const [language] = pkg.contributes.languages;
        expect(language).toMatchObject({ id: 'oci', extensions: ['.oci'], aliases: ['OCI', 'Rol de OCI'] });
        const [grammar] = pkg.contributes.grammars;
        expect(grammar).toMatchObject({ language: 'oci', scopeName: 'source.oci' });
        for (const file of [language.configuration, grammar.path]) {
            expect(fs.existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
        }
        const configuration = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, language.configuration), 'utf8'));
        expect(configuration.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
        expect(configuration.brackets).toEqual([['{', '}']]);
        expect(configuration.autoClosingPairs).toEqual(expect.arrayContaining([expect.objectContaining({ open: '"', close: '"' })]));
        expect(() => new RegExp(configuration.wordPattern)).not.toThrow();
    });

    it('.vscodeignore keeps the vsix to the bundles, grammar, configuration, README, LICENSE', () => {
        const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
        expect(ignore).toMatch(/^\*\*$/m);
        for (const kept of ['out/server/main.cjs', 'out/client/extension.cjs', 'client/syntaxes/oci.tmLanguage.json', 'client/language-configuration.json', 'README.md', 'LICENSE', 'package.json']) {
            expect(ignore).toContain(`!${kept}`);
        }
    });
});

describe('TextMate grammar (client/syntaxes/oci.tmLanguage.json)', () => {
    const patterns = matchPatterns();
    const scopeOf = (token: string) => patterns.find(p => p.re.test(token))?.scope;

    it('scopes the value tokens', () => {
        expect(scopeOf('02.04.03.003-0')).toBe('constant.numeric.codigo.oci');
        expect(scopeOf('0204030030')).toBe('constant.numeric.codigo.oci');
        expect(scopeOf('R$ 1.234,56')).toBe('constant.numeric.money.oci');
        expect(scopeOf('12,5 %')).toBe('constant.numeric.percent.oci');
        expect(scopeOf('D48.6')).toBe('support.constant.cid.oci');
        expect(scopeOf('C50')).toBe('support.constant.cid.oci');
        expect(scopeOf('2026-01')).toBe('constant.numeric.competencia.oci');
        expect(scopeOf('tecnologia gestao_clinica')).toBe('storage.type.oci entity.name.type.oci');
    });

    it('scopes every keyword of the Langium grammar', () => {
        const keywords = new Set<string>();
        for (const node of AstUtils.streamAllContents(OciCatalogoGrammar())) {
            if (GrammarAST.isKeyword(node) && /^[\p{L}_]+$/u.test(node.value)) keywords.add(node.value);
        }
        expect(keywords.size).toBeGreaterThan(30);
        const unscoped = [...keywords].filter(k => !scopeOf(k) || scopeOf(k) === 'variable.other.oci');
        expect(unscoped).toEqual([]);
    });
});
