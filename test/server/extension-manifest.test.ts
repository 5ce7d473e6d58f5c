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

interface Pattern {
    name?: string;
    match?: string;
    begin?: string;
    include?: string;
    patterns?: Pattern[];
    captures?: Record<string, { name: string }>;
}

/** Every `match` pattern of the grammar with its scope (first capture's scope for captures). */
function matchPatterns(): Array<{ scope: string; re: RegExp }> {
    const out: Array<{ scope: string; re: RegExp }> = [];
    const visit = (p: Pattern) => {
        if (p.include) return visit(tm.repository[p.include.slice(1)]);
        if (p.match)
            out.push({
                scope:
                    p.name ??
                    Object.values(p.captures ?? {})
                        .map(c => c.name)
                        .join(' '),
                re: new RegExp(`^(?:${p.match})$`, 'u')
            });
        (p.patterns ?? []).forEach(visit);
    };
    (tm.patterns as Pattern[]).forEach(visit);
    return out;
}

describe('package.json (VS Code extension)', () => {
    it('contributes the language, its configuration and grammar, and activates on it', () => {
        expect(pkg.main).toBe('./out/client/extension.cjs');
        expect(pkg.activationEvents).toEqual([
            'onLanguage:oci',
            'workspaceContains:**/*.oci',
            'onLanguage:par',
            'onLanguage:se',
            'workspaceContains:**/*.par',
            'workspaceContains:**/*.se'
        ]);
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
        expect(configuration.autoClosingPairs).toEqual(
            expect.arrayContaining([expect.objectContaining({ open: '"', close: '"' })])
        );
        expect(() => new RegExp(configuration.wordPattern)).not.toThrow();
    });

    it('contributes PAR (.par) and SE (.se) with a grammar that colours every keyword of their Langium grammars', async () => {
        expect(
            pkg.contributes.languages.map((l: { id: string; extensions: string[] }) => [l.id, l.extensions])
        ).toEqual([
            ['oci', ['.oci']],
            ['par', ['.par']],
            ['se', ['.se']]
        ]);
        const { planoKeywords } = await import('../../scripts/make-plano-tmlanguage.mjs');
        const keywords: string[] = planoKeywords();
        expect(keywords).toEqual(expect.arrayContaining(['plano', 'elenco', 'fila', 'habilitacao', 'samu']));
        for (const lang of ['par', 'se']) {
            const entry = pkg.contributes.grammars.find((g: { language: string }) => g.language === lang);
            expect(entry, lang).toMatchObject({ scopeName: `source.${lang}` });
            const grammar = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, entry.path), 'utf8'));
            const keywordRule = grammar.patterns.find((p: { name: string }) => p.name === `keyword.other.${lang}`);
            const matcher = new RegExp(`^${keywordRule.match}$`, 'u');
            // Regenerate with `node scripts/make-plano-tmlanguage.mjs` when this fails.
            for (const keyword of keywords) expect(matcher.test(keyword), `${lang}: ${keyword}`).toBe(true);
            expect(matcher.test('planos')).toBe(false);
        }
    });

    it('.vscodeignore keeps the vsix to the bundles, grammar, configuration, README, LICENSE', () => {
        const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
        expect(ignore).toMatch(/^\*\*$/m);
        for (const kept of [
            'out/server/main.cjs',
            'out/server/start.cjs',
            'out/client/extension.cjs',
            'out/cli/main.cjs',
            'out/cli/docx.cjs',
            'client/syntaxes/oci.tmLanguage.json',
            'client/syntaxes/par.tmLanguage.json',
            'client/syntaxes/se.tmLanguage.json',
            'client/language-configuration.json',
            'client/snippets/oci.code-snippets',
            'l10n/bundle.l10n.en.json',
            'package.nls.json',
            'package.nls.en.json',
            'client/README.md',
            'LICENSE',
            'package.json'
        ]) {
            expect(ignore).toContain(`!${kept}`);
        }
        // The Marketplace README is client/README.md (vsce --readme-path): the repository's README.md
        // beside it would be a second extension/readme.md, which vsce refuses (same path ignoring case).
        expect(ignore).not.toMatch(/^!README\.md$/m);
    });
});

describe('package.json: commands, settings, snippets, semantic tokens', () => {
    it('contributes the six commands (OCI category, localized titles) and their menus', () => {
        expect(pkg.contributes.commands.map((c: { command: string }) => c.command)).toEqual([
            'oci.gerarCatalogo',
            'oci.importarSigtap',
            'oci.mostrarComposicao',
            'oci.auditarProducao',
            'oci.exportarSigtap',
            'oci.gerarAnexo'
        ]);
        for (const c of pkg.contributes.commands) {
            expect(c.category).toBe('OCI');
            expect(c.title).toMatch(/^%command\.[a-zA-Z]+\.title%$/);
        }
        expect(pkg.contributes.menus['editor/title']).toEqual([
            expect.objectContaining({ command: 'oci.mostrarComposicao', when: 'editorLangId == oci' })
        ]);
        const client = fs.readFileSync(path.join(REPO_ROOT, 'client/src/extension.ts'), 'utf8');
        for (const c of pkg.contributes.commands) {
            expect(client).toMatch(new RegExp(`registerCommand\\(\\s*'${c.command.replace('.', '\\.')}'`));
        }
    });

    it('contributes the settings the server and the client read', () => {
        // One category per concern, each with a title in pt and en (issue 19: the Settings editor read "Oci › Catalogo:
        // Pasta Saida").
        const categories = pkg.contributes.configuration as Array<{
            id: string;
            title: string;
            properties: Record<string, { description?: string; markdownDescription?: string }>;
        }>;
        const nls = [
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')),
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.en.json'), 'utf8'))
        ];
        for (const category of categories) {
            const key = /^%(.+)%$/.exec(category.title)?.[1];
            for (const bundle of nls) expect(bundle[key!], category.title).toMatch(/^OCI: \S/);
            for (const [name, property] of Object.entries(category.properties)) {
                expect(name.startsWith(category.id), name).toBe(true);
                const description = /^%(.+)%$/.exec(property.markdownDescription ?? property.description ?? '')?.[1];
                for (const bundle of nls) expect(bundle[description!], name).toMatch(/^[A-Z`*][\s\S]*[.)]$/);
            }
        }
        const properties = Object.assign({}, ...categories.map(c => c.properties));
        expect(Object.keys(properties).sort()).toEqual([
            'oci.catalogo.pastaSaida',
            'oci.idioma',
            'oci.plano.estrito',
            'oci.sigtap.caminho',
            'oci.sigtap.permitirExterno',
            'oci.trace.server',
            'oci.valor.tolerancia'
        ]);
        expect(properties['oci.idioma']).toMatchObject({ enum: ['auto', 'pt', 'en'], default: 'auto' });
        expect(properties['oci.catalogo.pastaSaida'].default).toBe('out/catalogo');
        const tolerancia = new RegExp(properties['oci.valor.tolerancia'].pattern);
        for (const ok of ['0,01', '0,00', '1.000,50', 'R$ 0,01', '2']) expect(tolerancia.test(ok), ok).toBe(true);
        for (const bad of ['0.01', 'abc', '-1', '0,001']) expect(tolerancia.test(bad), bad).toBe(false);
        // A workspace that is not trusted cannot point the checker at other files.
        expect(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations).toEqual([
            'oci.sigtap.caminho',
            'oci.sigtap.permitirExterno',
            'oci.catalogo.pastaSaida'
        ]);
    });

    it('declares the semantic token types the server uses, each with a standard super type and TextMate scopes', async () => {
        const { OciSemanticTokenTypes } = await import('../../server/src/semantic-token-provider.js');
        expect(pkg.contributes.semanticTokenTypes.map((t: { id: string }) => t.id)).toEqual([...OciSemanticTokenTypes]);
        const scopes = pkg.contributes.semanticTokenScopes[0].scopes;
        for (const type of OciSemanticTokenTypes) expect(scopes[type], type).toBeDefined();
    });

    it("snippets: the `oci` snippet parses with its placeholders' defaults, and leaves a_preencher for the checker", async () => {
        expect(pkg.contributes.snippets).toEqual([{ language: 'oci', path: './client/snippets/oci.code-snippets' }]);
        const snippets = JSON.parse(
            fs.readFileSync(path.join(REPO_ROOT, 'client/snippets/oci.code-snippets'), 'utf8')
        ) as Record<string, { prefix: string; body: string[] }>;
        const expand = (body: string[]) =>
            body
                .join('\n')
                .replace(/\$\{\d+\|([^,|]+)[^|]*\|\}/g, '$1')
                .replace(/\$\{\d+:([^}]*)\}/g, '$1')
                .replace(/\$\d+/g, '')
                .replace(/\\,/g, ',');
        const { createOciCoreServices } = await import('../../language/src/oci-module.js');
        const { EmptyFileSystem } = await import('langium');
        const parser = createOciCoreServices(EmptyFileSystem).Oci.parser.LangiumParser;
        const oci = snippets['Nova OCI'];
        expect(oci.prefix).toBe('oci');
        const text = expand(oci.body);
        for (const item of [
            'tR a_preencher',
            'tM a_preencher',
            'obrigatorio ',
            'eventual ',
            'conclusao a_preencher',
            'contrarreferencia aps',
            'tecnologias a_preencher'
        ])
            expect(text).toContain(item);
        // No declared value: while anything is pending the value is incomplete (test/server/snippets.test.ts).
        expect(text).not.toContain('valor R$');
        for (const [name, snippet] of Object.entries(snippets)) {
            // Component snippets go inside an OCI.
            const body = expand(snippet.body);
            const result = parser.parse(
                ['obrigatorio', 'eventual'].includes(snippet.prefix) ? `oci 09.01.01.001-4 "X" {\n  ${body}\n}` : body
            );
            expect(
                [...result.lexerErrors, ...result.parserErrors].map(e => e.message),
                name
            ).toEqual([]);
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
