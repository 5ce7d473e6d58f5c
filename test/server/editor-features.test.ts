/**
 * The editor features added on top of the first language server: hover of a diagnostic's legal
 * basis, the "remove duplicated component" quick fix, references and rename across files,
 * folding, semantic tokens, range formatting, and the server's own requests
 * (oci/composicaoValor, oci/gerarCatalogo). Real SIGTAP 2026-01 from ../shared.
 */
import { Rules } from '../../language/src/validation/rules.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'langium';
import { clearDocuments, expectFoldings, highlightHelper } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoldingRangeKind, SemanticTokenModifiers, type Hover, type MarkupContent } from 'vscode-languageserver';
import { composicaoValor, generateCatalogo, resolveSaida } from '../../server/src/requests.js';
import { HEADER, MAMA, OCI_TOKEN_TYPES } from '../helpers.js';
import {
    CLEAN,
    applyQuickFix,
    buildLspWorkspace,
    createLspServices,
    lspServicesPerFile,
    positionIn,
    replaceOnce
} from './lsp-helpers.js';

const services = lspServicesPerFile();
let tmp: string;

beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-editor-'));
});

afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

const hoverText = (hover: Hover | undefined) => (hover?.contents as MarkupContent | undefined)?.value ?? '';
const DEFINITIONS = MAMA.slice(0, MAMA.indexOf('oci 09'));
const OCIS = MAMA.slice(MAMA.indexOf('oci 09'));

async function hoverAt(text: string, needle: string, delta = 0): Promise<string> {
    const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
    const hover = await services.Oci.lsp.HoverProvider!.getHoverContent(doc, {
        textDocument: { uri: doc.textDocument.uri },
        position: positionIn(text, needle, delta)
    });
    return hoverText(hover);
}

describe('hover of a diagnostic: the law it cites', () => {
    it('tR > tM: the basis, §2 of art. 6 with incisos III and IV only, and the publication', async () => {
        const text = replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias');
        const value = await hoverAt(text, 'tR 45', 4);
        expect(value).toMatch(
            /^\*\*Base legal:\*\* Portaria GM\/MS nº 3\.492\/2024, art\. 6 §2 III-IV \(`oci\/tr-gt-tm`\)/
        );
        expect(value).toContain('*Portaria GM/MS nº 3.492/2024 — Art. 6º, § 2º, III e IV*');
        expect(value).toContain('> § 2º O rol terá um descritivo de cada OCI detalhando:');
        expect(value).toContain(
            '> III - o tempo estipulado entre o início da execução da OCI e o procedimento que a conclui'
        );
        expect(value).toContain('> IV - o tempo limite máximo de execução da OCI');
        expect(value).not.toContain('> V - o valor de cada OCI');
        expect(value).toContain('Diário Oficial da União nº 70, de 11/04/2024');
    });

    it('on a code with a wrong check digit: the SIGTAP hover first, then the law (art. 6 §2 I-II)', async () => {
        const text = replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-1 "MAMOGRAFIA"');
        const value = await hoverAt(text, '02.04.03.003-1', 3);
        const [own, legal] = value.split('\n\n---\n\n');
        expect(own).toMatch(/^\*\*02\.04\.03\.003-1\*\*/);
        // The basis as the rule cites it (rules.ts), then the article's text.
        expect(
            legal.startsWith(`**Base legal:** ${Rules.codigoDigito.basis} (\`codigo/digito-verificador\`)`),
            legal
        ).toBe(true);
        expect(legal).toContain('> I - seu código identificador no respectivo sistema de informação;');
        expect(legal).toContain('> II - os procedimentos que a constituem');
    });

    it('contrarreferência missing (art. 5 §2), and nothing legal where no diagnostic is', async () => {
        const text = replaceOnce(CLEAN, '  contrarreferencia aps\n', '');
        const value = await hoverAt(text, '09.01.01.001-4', 2);
        expect(value).toContain('`oci/contrarreferencia-ausente`');
        expect(value).toContain('> § 2º A OCI deverá incluir sempre referência e contrarreferência segura');
        expect(await hoverAt(CLEAN, 'tR 21', 4)).not.toContain('Base legal');
    });
});

describe('quick fix: remove duplicated component', () => {
    const line = '  obrigatorio 02.04.03.003-0 "MAMOGRAFIA" qt 1 estimativa R$ 43,72\n';

    it('removes the repeated line (preferred when it says the same as the first)', async () => {
        const broken = replaceOnce(CLEAN, line, line + line);
        const r = await applyQuickFix(services, broken, 'oci/componente-duplicado');
        const first = positionIn(broken, line).line + 1;
        expect(r.actions.map(a => a.title)).toEqual([
            `Remover o componente duplicado 02.04.03.003-0 (linha ${first + 1}; fica o da linha ${first})`
        ]);
        expect(r.actions[0].isPreferred).toBe(true);
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('oci/componente-duplicado');
    });

    it('keeps a trailing comment out of the next line, works on one-line OCIs, not preferred when the lines differ', async () => {
        const other = '  eventual 0204030030 qt 2 // outra vez\n';
        const r = await applyQuickFix(services, replaceOnce(CLEAN, line, line + other), 'oci/componente-duplicado');
        expect(r.actions[0].isPreferred).toBe(false);
        expect(r.text).toBe(CLEAN);
        const oneLine =
            HEADER + '\noci 09.01.01.001-4 "X" { obrigatorio 02.04.03.003-0 obrigatorio 02.04.03.003-0 tR 1 dias }\n';
        const s = await applyQuickFix(services, oneLine, 'oci/componente-duplicado');
        expect(s.text).toBe(HEADER + '\noci 09.01.01.001-4 "X" { obrigatorio 02.04.03.003-0 tR 1 dias }\n');
    });

    it("is not offered when the repeated component is a group (which alternative to drop is the author's call)", async () => {
        const broken = replaceOnce(
            CLEAN,
            '  obrigatorio um_de consulta qt 2 estimativa R$ 25,00\n',
            '  obrigatorio 03.01.01.007-2 qt 1 estimativa R$ 25,00\n  obrigatorio um_de consulta qt 2 estimativa R$ 25,00\n'
        );
        await expect(applyQuickFix(services, broken, 'oci/componente-duplicado')).rejects.toThrow(/no code action/);
    });
});

describe('references and rename across files (Langium defaults)', () => {
    it('references of a grupo and of a tecnologia include the uses in another file', async () => {
        const [defs, uses] = await buildLspWorkspace(services, {
            'catalogo.oci': HEADER + DEFINITIONS,
            'mama/oncologia.oci': OCIS
        });
        const defsText = defs.textDocument.getText();
        const usesText = uses.textDocument.getText();
        const grupo = await services.Oci.lsp.ReferencesProvider!.findReferences(defs, {
            textDocument: { uri: defs.textDocument.uri },
            position: positionIn(defsText, 'grupo consulta', 7),
            context: { includeDeclaration: true }
        });
        expect(grupo.map(l => [l.uri, l.range.start.line]).sort()).toEqual(
            [
                [defs.textDocument.uri, positionIn(defsText, 'grupo consulta').line],
                [uses.textDocument.uri, positionIn(usesText, 'um_de consulta').line],
                [uses.textDocument.uri, positionIn(usesText, 'conclusao consulta').line]
            ].sort()
        );
        const tecnologia = await services.Oci.lsp.ReferencesProvider!.findReferences(uses, {
            textDocument: { uri: uses.textDocument.uri },
            position: positionIn(usesText, 'saude_digital', 2),
            context: { includeDeclaration: false }
        });
        expect(tecnologia.map(l => l.uri)).toEqual([uses.textDocument.uri]);
        const withDeclaration = await services.Oci.lsp.ReferencesProvider!.findReferences(uses, {
            textDocument: { uri: uses.textDocument.uri },
            position: positionIn(usesText, 'saude_digital', 2),
            context: { includeDeclaration: true }
        });
        expect(withDeclaration.map(l => l.uri).sort()).toEqual([defs.textDocument.uri, uses.textDocument.uri].sort());
    });

    it('renaming a tecnologia from its use edits the declaration in the other file; the result has no errors', async () => {
        const [defs, uses] = await buildLspWorkspace(services, {
            'catalogo.oci': HEADER + DEFINITIONS,
            'mama/oncologia.oci': OCIS
        });
        const usesText = uses.textDocument.getText();
        const edit = await services.Oci.lsp.RenameProvider!.rename(uses, {
            textDocument: { uri: uses.textDocument.uri },
            position: positionIn(usesText, 'gestao_clinica', 3),
            newName: 'nucleo_gestao'
        });
        const changes = edit?.changes ?? {};
        expect(Object.keys(changes).sort()).toEqual([defs.textDocument.uri, uses.textDocument.uri].sort());
        const apply = (doc: typeof defs) =>
            TextDocument.applyEdits(
                TextDocument.create(doc.textDocument.uri, 'oci', 0, doc.textDocument.getText()),
                changes[doc.textDocument.uri]
            );
        const newDefs = apply(defs);
        const newUses = apply(uses);
        expect(newDefs).toContain('tecnologia nucleo_gestao "Gestão clínica" percentual 8%');
        expect(newUses).toContain('tecnologias nucleo_gestao, saude_digital');
        const [d, u] = await buildLspWorkspace(services, { 'catalogo.oci': newDefs, 'mama/oncologia.oci': newUses });
        expect([...(d.diagnostics ?? []), ...(u.diagnostics ?? [])].filter(x => x.severity === 1)).toEqual([]);
    });
});

describe('folding', () => {
    it('grupo and OCI bodies (closing line visible), a multi-line header, block comments and runs of line comments', async () => {
        const text = [
            '// Rol de teste', // 0  ┐ line comments
            '// segunda linha do comentário', // 1  ┘
            'catalogo "T" versao "t"', // 2  ┐ header
            '  competencia 2026-01', // 3  ┘
            '/* bloco', // 4  ┐ block comment
            '   de comentário */', // 5  ┘
            'tecnologia saude_digital "Saúde digital" valor R$ 6,50 // uma linha',
            'grupo consulta "C" {', // 7  ┐
            '  03.01.01.007-2', // 8  │
            '  03.01.01.030-7', // 9  ┘
            '}', // 10
            'oci 09.01.01.001-4 "X" {', // 11 ┐
            '  tR 21 dias // não dobra', // 12 │
            '  tM 30 dias', // 13 ┘
            '}', // 14
            'grupo vazio "V" {', // 15: nothing to hide
            '}',
            ''
        ].join('\n');
        await expectFoldings(services.Oci)({
            text,
            disposeAfterCheck: true,
            assert: foldings => {
                expect(foldings.map(f => [f.startLine, f.endLine, f.kind ?? ''])).toEqual([
                    [0, 1, FoldingRangeKind.Comment],
                    [2, 3, FoldingRangeKind.Region],
                    [4, 5, FoldingRangeKind.Comment],
                    [7, 9, ''],
                    [11, 13, '']
                ]);
            }
        });
    });
});

describe('semantic tokens', () => {
    it('OCI code, procedure codes, money, percentages, grupo/tecnologia declared vs referenced, a_preencher', async () => {
        const text = [
            'tecnologia <|gestao|> "G" percentual <|8%|>',
            'grupo <|consulta|> "C" { <|03.01.01.007-2|> }',
            'oci <|09.01.01.001-4|> "X" {',
            '  tR <|a_preencher|>',
            '  obrigatorio <|02.04.03.003-0|> qt 1 estimativa <|R$ 43,72|>',
            '  eventual 02.05.02.009-7 frequencia <|40%|> estimativa <|a_preencher|>',
            '  obrigatorio um_de <|consulta|>',
            '  conclusao <|consulta|>',
            '  tecnologias <|gestao|> <|R$ 3,00|>',
            '  valor <|R$ 125,00|>',
            '}'
        ].join('\n');
        const tokens = await highlightHelper(services.Oci)(text);
        const at = (rangeIndex: number) => {
            const [start, end] = tokens.ranges[rangeIndex];
            const found = tokens.tokens.filter(t => t.offset === start && t.offset + t.text.length === end);
            expect(found, `token ${rangeIndex} (${JSON.stringify(found)})`).toHaveLength(1);
            return found[0];
        };
        const declaration = services.Oci.lsp.SemanticTokenProvider!.tokenModifiers[SemanticTokenModifiers.declaration];
        const expected: Array<[string, boolean]> = [
            ['tecnologia', true],
            ['percentual', false],
            ['grupo', true],
            ['procedimento', false],
            ['ociCodigo', true],
            ['pendente', false],
            ['procedimento', false],
            ['dinheiro', false],
            ['percentual', false],
            ['pendente', false],
            ['grupo', false],
            ['grupo', false],
            ['tecnologia', false],
            ['dinheiro', false],
            ['dinheiro', false]
        ];
        expect(tokens.ranges).toHaveLength(expected.length);
        expected.forEach(([type, declared], i) => {
            const token = at(i);
            expect(token.tokenType, `token ${i} "${token.text}"`).toBe(type);
            expect(
                (token.tokenModifiers & declaration) !== 0,
                `declaration modifier of token ${i} "${token.text}"`
            ).toBe(declared);
        });
    });

    it("the legend lists the standard types and then the project's, as package.json declares them", async () => {
        const legend = services.Oci.lsp.SemanticTokenProvider!.semanticTokensOptions.legend;
        expect(legend.tokenTypes.slice(-7)).toEqual(OCI_TOKEN_TYPES);
        expect(legend.tokenTypes.indexOf('ociCodigo')).toBe(legend.tokenTypes.indexOf('decorator') + 1);
    });
});

describe('range formatting', () => {
    const messy = replaceOnce(
        replaceOnce(
            CLEAN,
            'tecnologia saude_digital "Saúde digital" valor R$ 6,50',
            'tecnologia   saude_digital  "Saúde digital"   valor R$ 6,50'
        ),
        '  tR 21 dias\n  tM 30 dias\n',
        '    tR   21 dias\n tM 30   dias\n'
    );

    async function formatRange(text: string, startNeedle: string, endNeedle: string): Promise<string> {
        const [doc] = await buildLspWorkspace(services, { 'f.oci': text });
        const edits = await services.Oci.lsp.Formatter!.formatDocumentRange(doc, {
            textDocument: { uri: doc.textDocument.uri },
            range: { start: positionIn(text, startNeedle), end: positionIn(text, endNeedle) },
            options: { tabSize: 2, insertSpaces: true }
        });
        return TextDocument.applyEdits(TextDocument.create(doc.textDocument.uri, 'oci', 0, text), edits);
    }

    it('formats only the declarations the range touches', async () => {
        const [doc] = await buildLspWorkspace(services, { 'f.oci': messy });
        const whole = TextDocument.applyEdits(
            TextDocument.create(doc.textDocument.uri, 'oci', 0, messy),
            await services.Oci.lsp.Formatter!.formatDocument(doc, {
                textDocument: { uri: doc.textDocument.uri },
                options: { tabSize: 2, insertSpaces: true }
            })
        );
        expect(whole).toContain('tecnologia saude_digital "Saúde digital" valor R$ 6,50');
        expect(whole).toContain('  tR 21 dias\n  tM 30 dias\n');

        const oci = await formatRange(messy, '    tR', ' tM 30');
        expect(oci).toContain('  tR 21 dias\n  tM 30 dias\n');
        expect(oci).toContain('tecnologia   saude_digital  "Saúde digital"   valor R$ 6,50');

        const tecnologia = await formatRange(messy, 'tecnologia   saude', 'valor R$ 6,50');
        expect(tecnologia).toContain('tecnologia saude_digital "Saúde digital" valor R$ 6,50');
        expect(tecnologia).toContain('    tR   21 dias\n tM 30   dias\n');
        // Everything touched (header to OCI): the same as formatting the document.
        expect(await formatRange(messy, 'catalogo', ' tM 30')).toBe(whole);
    });

    it('a whole-line selection ending at column 0 of the next declaration leaves that one alone; no edits when formatted', async () => {
        const text = replaceOnce(messy, '    tR   21 dias\n tM 30   dias\n', '  tR 21 dias\n  tM 30 dias\n');
        const lineOf = (needle: string) => positionIn(text, needle).line;
        const [doc] = await buildLspWorkspace(services, { 'f.oci': text });
        const edits = await services.Oci.lsp.Formatter!.formatDocumentRange(doc, {
            textDocument: { uri: doc.textDocument.uri },
            range: {
                start: { line: lineOf('tecnologia   saude'), character: 0 },
                end: { line: lineOf('tecnologia   saude') + 1, character: 0 }
            },
            options: { tabSize: 2, insertSpaces: true }
        });
        expect(edits).toHaveLength(1);
        expect(edits[0].range.start.line).toBe(lineOf('tecnologia   saude'));
        expect(edits[0].range.end.line).toBe(lineOf('tecnologia   saude'));
        const clean = await formatRange(CLEAN, 'oci 09', 'valor R$ 125');
        expect(clean).toBe(CLEAN);
    });

    it('refuses a file with syntax errors', async () => {
        const broken = replaceOnce(messy, 'tM 30   dias', 'tM trinta dias');
        expect(await formatRange(broken, 'tecnologia   saude', 'valor R$ 6,50')).toBe(broken);
    });

    it("says why it refused (issue 19: Format silently did nothing), naming the first error's line", async () => {
        const broken = replaceOnce(messy, 'tM 30   dias', 'tM trinta dias');
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': broken });
        const formatter = services.Oci.lsp.Formatter as unknown as {
            lastRefusal?: string;
            formatDocument: (d: typeof doc, p: unknown) => unknown;
        };
        formatter.lastRefusal = undefined;
        expect(
            await formatter.formatDocument(doc, {
                textDocument: { uri: doc.textDocument.uri },
                options: { tabSize: 2, insertSpaces: true }
            })
        ).toEqual([]);
        const line = broken.split('\n').findIndex(l => l.includes('trinta')) + 1;
        expect(formatter.lastRefusal).toBe(
            `Formatação não aplicada: o arquivo tem erros de sintaxe (o primeiro na linha ${line}). Corrija e formate de novo: o formatador nunca mexe num arquivo que não entende.`
        );
    });
});

describe('code lens: the value lens opens the breakdown when the client has that command', () => {
    it('command oci.mostrarComposicao with { uri, codigo } (initializationOptions.comandos); none otherwise', async () => {
        const withCommand = createLspServices();
        await withCommand.shared.lsp.LanguageServer.initialize({
            processId: null,
            rootUri: null,
            capabilities: {},
            initializationOptions: { comandos: ['oci.mostrarComposicao'] }
        });
        const [doc] = await buildLspWorkspace(withCommand, { 'c.oci': CLEAN });
        const lenses = await withCommand.Oci.lsp.CodeLensProvider!.provideCodeLens(doc, {
            textDocument: { uri: doc.textDocument.uri }
        });
        expect(lenses!.map(l => l.command?.command)).toEqual(['oci.mostrarComposicao', '', '']);
        expect(lenses![0].command?.arguments).toEqual([{ uri: doc.textDocument.uri, codigo: '09.01.01.001-4' }]);
        await clearDocuments(withCommand.shared);
        const [plain] = await buildLspWorkspace(services, { 'c.oci': CLEAN });
        const none = await services.Oci.lsp.CodeLensProvider!.provideCodeLens(plain, {
            textDocument: { uri: plain.textDocument.uri }
        });
        expect(none!.map(l => l.command?.command)).toEqual(['', '', '']);
    });
});

describe('oci/composicaoValor', () => {
    it('the breakdown of the OCI at a position, as JSON (same numbers as the hover)', async () => {
        const [doc] = await buildLspWorkspace(services, { 'c.oci': CLEAN });
        const text = doc.textDocument.getText();
        const data = await composicaoValor(services, {
            uri: doc.textDocument.uri,
            position: positionIn(text, 'tM 30 dias')
        });
        expect(data).toMatchObject({
            codigo: '09.01.01.001-4',
            nome: 'OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA',
            linha: positionIn(text, 'oci 09').line,
            subtotalProcedimentos: { texto: 'R$ 109,72', centavos: 10972 },
            subtotalTecnologias: { texto: 'R$ 15,28', centavos: 1528 },
            total: { texto: 'R$ 125,00', centavos: 12500 },
            declarado: { texto: 'R$ 125,00', centavos: 12500 },
            diferenca: { centavos: 0 },
            sigtap: { competencia: '2026-01', valor: { texto: 'R$ 125,00' } },
            tR: 21,
            tM: 30,
            faltantes: []
        });
        expect(
            data!.procedimentos.map(p => [
                p.tipo,
                p.alvo,
                p.qt,
                p.frequencia,
                p.estimativa.texto,
                p.origem,
                p.valor.texto,
                p.linha
            ])
        ).toEqual([
            [
                'obrigatorio',
                '02.04.03.003-0',
                1,
                undefined,
                'R$ 43,72',
                'catalogo',
                'R$ 43,72',
                positionIn(text, 'obrigatorio 02.04').line
            ],
            [
                'eventual',
                '02.05.02.009-7',
                1,
                '40%',
                'R$ 40,00',
                'catalogo',
                'R$ 16,00',
                positionIn(text, 'eventual 02.05').line
            ],
            [
                'obrigatorio',
                'um de consulta',
                2,
                undefined,
                'R$ 25,00',
                'catalogo',
                'R$ 50,00',
                positionIn(text, 'um_de consulta').line
            ]
        ]);
        expect(
            data!.tecnologias.map(t => [t.nome, t.percentual, t.base?.texto, t.valorFixo?.texto, t.valor.texto])
        ).toEqual([
            ['gestao_clinica', '8%', 'R$ 109,72', undefined, 'R$ 8,78'],
            ['saude_digital', undefined, undefined, 'R$ 6,50', 'R$ 6,50']
        ]);
        expect(data!.regra).toMatch(/ABNT NBR 5891/);
    });

    it('by code when the position is outside every OCI; null for an unknown document', async () => {
        const second = replaceOnce(OCIS, '09.01.01.001-4', '09.01.01.009-0');
        const [doc] = await buildLspWorkspace(services, { 'c.oci': CLEAN + '\n' + second });
        const outside = { line: 0, character: 0 };
        expect(
            (await composicaoValor(services, { uri: doc.textDocument.uri, position: outside, codigo: '0901010090' }))
                ?.codigo
        ).toBe('09.01.01.009-0');
        expect(await composicaoValor(services, { uri: doc.textDocument.uri, position: outside })).toBeNull();
        expect(await composicaoValor(services, { uri: 'file:///nao/existe.oci' })).toBeNull();
    });
});

describe('oci/gerarCatalogo', () => {
    it('writes catalogo.json, .md, .csv and .html (the JSON as the CLI generator makes it) into the output folder', async () => {
        const [, uses] = await buildLspWorkspace(services, {
            'catalogo.oci': HEADER + DEFINITIONS,
            'mama/oncologia.oci': OCIS
        });
        const saida = path.join(tmp, 'saida');
        const result = await generateCatalogo(services, { uri: uses.textDocument.uri, saida });
        expect(result).toMatchObject({
            status: 'gerado',
            saida,
            ocis: 1,
            total: { texto: 'R$ 125,00', centavos: 12500 },
            competencia: '2026-01'
        });
        if (result.status !== 'gerado') throw new Error('not built');
        expect(result.arquivos.map(a => path.basename(a))).toEqual([
            'catalogo.md',
            'catalogo.csv',
            'catalogo.html',
            'catalogo.json'
        ]);
        const json = JSON.parse(fs.readFileSync(path.join(saida, 'catalogo.json'), 'utf8'));
        expect(
            json.ocis.map((o: { codigoFormatado: string; arquivo: string }) => [o.codigoFormatado, o.arquivo])
        ).toEqual([['09.01.01.001-4', 'mama/oncologia.oci']]);
        expect(json.resumo.valorTotal).toEqual({ reais: '125.00', centavos: 12500 });
        expect(fs.readFileSync(path.join(saida, 'catalogo.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    });

    it('refuses (nothing written) when the catalogue has errors; asks which catalogue when there are several', async () => {
        const saida = path.join(tmp, 'recusado');
        await buildLspWorkspace(services, { 'catalogo.oci': replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias') });
        const refused = await generateCatalogo(services, { saida });
        expect(refused).toMatchObject({
            status: 'erros',
            total: 1,
            erros: [
                { codigo: 'oci/tr-gt-tm', mensagem: expect.stringContaining('tR (45 dias) maior que tM (30 dias)') }
            ]
        });
        expect(fs.existsSync(saida)).toBe(false);

        const outra = CLEAN.replace('"Teste"', '"Outro"').replace('oci 09.01.01.001-4', 'oci 09.01.01.009-0');
        await buildLspWorkspace(services, { 'a/catalogo.oci': CLEAN, 'b/catalogo.oci': outra });
        const choose = await generateCatalogo(services, { saida });
        expect(choose).toEqual({
            status: 'escolher',
            catalogos: [
                { uri: 'file:///ws/a/catalogo.oci', nome: 'Teste' },
                { uri: 'file:///ws/b/catalogo.oci', nome: 'Outro' }
            ]
        });
        const chosen = await generateCatalogo(services, { saida, cabecalho: 'file:///ws/b/catalogo.oci' });
        expect(chosen, JSON.stringify(chosen)).toMatchObject({ status: 'gerado', ocis: 1 });
        expect(JSON.parse(fs.readFileSync(path.join(saida, 'catalogo.json'), 'utf8')).catalogo.nome).toBe('Outro');

        await clearDocuments(services.shared);
        expect(await generateCatalogo(services, { saida })).toEqual({ status: 'sem-catalogo' });
    });

    it('a relative output folder is relative to the workspace folder that holds the header', () => {
        expect(
            resolveSaida('out/catalogo', '/ws/repo/pmae/catalogo.oci', ['/ws/outro', '/ws/repo'], '/ws/repo/pmae')
        ).toBe(path.resolve('/ws/repo/out/catalogo'));
        expect(resolveSaida('out/catalogo', '/fora/catalogo.oci', ['/ws/repo'], '/fora')).toBe(
            path.resolve('/fora/out/catalogo')
        );
        expect(resolveSaida('/abs/saida', '/ws/repo/catalogo.oci', ['/ws/repo'], '/ws/repo')).toBe(
            path.resolve('/abs/saida')
        );
        expect(resolveSaida('  ', '/ws/repo/catalogo.oci', ['/ws/repo'], '/ws/repo')).toBe(
            path.resolve('/ws/repo/out/catalogo')
        );
    });
});
