/**
 * Language-server providers over the real SIGTAP 2026-01 (../shared): hover, completion,
 * outline, go to definition, code lens, quick fixes and formatting.
 */
import { describe, expect, it } from 'vitest';
import { expectCompletion, expectGoToDefinition, expectHover, expectSymbols } from 'langium/test';
import {
    CompletionItemKind,
    SymbolKind,
    type CompletionItem,
    type CompletionList,
    type Hover,
    type MarkupContent
} from 'vscode-languageserver';
import { MAMA, HEADER } from '../helpers.js';
import { CLEAN, applyQuickFix, buildLspWorkspace, lspServicesPerFile, mark, replaceOnce } from './lsp-helpers.js';

const services = lspServicesPerFile();

const hoverText = (hover: Hover | undefined) => (hover?.contents as MarkupContent | undefined)?.value ?? '';
const labels = (list: CompletionList) => list.items.map(i => i.label);
/** The procedure item inserting `codigo` (with its SIGTAP name after it). */
const byCode = (list: CompletionList, codigo: string): CompletionItem | undefined =>
    list.items.find(i => insertedCode(i) === codigo);
const insertedCode = (i: CompletionItem) => (i.textEdit as { newText?: string } | undefined)?.newText?.split(' ')[0];

describe('hover', () => {
    it('on a component code shows its SIGTAP data: name, value R$ 22,50, complexity, sex, age, financing', async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, '02.04.03.003-0', 4),
            index: 0,
            hover: /MAMOGRAFIA[\s\S]*Valor ambulatorial \(VL_SA\) \| R\$ 22,50[\s\S]*Complexidade \| média complexidade[\s\S]*Sexo \|[\s\S]*Idade \|[\s\S]*Quantidade máxima \|[\s\S]*Financiamento \| 0[0-9] — /
        });
    });

    it('on a procedure with hospital values shows VL_SA as its value and VL_SH apart, as not counted', async () => {
        // 02.05.02.009-7 US MAMÁRIA BILATERAL: VL_SA 24,20 and VL_SH 24,20 (never summed: the OCI is ambulatory).
        await expectHover(services.Oci)({
            text: mark(CLEAN, '02.05.02.009-7', 4),
            index: 0,
            hover: /Valor ambulatorial \(VL_SA\) \| R\$ 24,20 [\s\S]*Valores hospitalares \(AIH\) \| VL_SH R\$ 24,20 — não contam/
        });
    });

    it("on a group member shows the member's SIGTAP row", async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, '03.01.01.030-7', 2),
            index: 0,
            hover: /03\.01\.01\.030-7 — TELECONSULTA/
        });
    });

    it('on an unknown code says it is not in the competência', async () => {
        const text = replaceOnce(CLEAN, '02.05.02.009-7', '02.04.03.999-2');
        await expectHover(services.Oci)({
            text: mark(text, '02.04.03.999-2', 1),
            index: 0,
            hover: /Não existe na tabela SIGTAP da competência 2026-01/
        });
    });

    it('on the OCI code shows the value breakdown: every line, subtotal, total R$ 125,00, declared value, tR/tM', async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, '09.01.01.001-4', 3),
            index: 0,
            hover: new RegExp(
                [
                    String.raw`\| Componente \| Tipo \| Qt \| Frequência \| Estimativa \| Origem \| Valor \|`,
                    String.raw`\| 02\.04\.03\.003-0 MAMOGRAFIA \| obrigatório \| 1 \| — \| R\$ 43,72 \| catálogo \| R\$ 43,72 \|`,
                    String.raw`\| 02\.05\.02\.009-7 [^|]* \| eventual \| 1 \| 40% \| R\$ 40,00 \| catálogo \| R\$ 16,00 \|`,
                    String.raw`\| um de consulta [^|]* \| obrigatório \| 2 \| — \| R\$ 25,00 \| catálogo \| R\$ 50,00 \|`,
                    String.raw`\| \*\*Subtotal dos procedimentos\*\* \| \| \| \| \| \| \*\*R\$ 109,72\*\* \|`,
                    String.raw`\| gestao_clinica — Gestão clínica \| tecnologia \| \| \| 8% × R\$ 109,72 \| catálogo \| R\$ 8,78 \|`,
                    String.raw`\| saude_digital — Saúde digital \| tecnologia \| \| \| R\$ 6,50 \| catálogo \| R\$ 6,50 \|`,
                    String.raw`\| \*\*Total calculado\*\* \| \| \| \| \| \| \*\*R\$ 125,00\*\* \|`,
                    String.raw`Valor declarado: R\$ 125,00 — igual ao calculado\.`,
                    String.raw`Tabela SIGTAP 2026-01: R\$ 125,00 \(VL_SA\)\.`,
                    String.raw`tR 21 dias · tM 30 dias`
                ]
                    .join(String.raw`[\s\S]*`)
                    .replace(/R\\\$ /g, String.raw`R\$\u00a0`)
            )
        });
    });

    it('on the `oci` keyword shows the same breakdown; a SIGTAP estimate is marked as such and a difference is shown', async () => {
        const text = replaceOnce(
            replaceOnce(CLEAN, 'qt 1 estimativa R$ 43,72', 'qt 1'),
            'valor R$ 125,00',
            'valor R$ 100,00'
        );
        const hover = await services.Oci.lsp.HoverProvider!.getHoverContent(
            (await buildLspWorkspace(services, { 'a.oci': text }))[0],
            {
                textDocument: { uri: 'file:///ws/a.oci' },
                position: positionOf(text, 'oci 09', 1)
            }
        );
        const value = hoverText(hover).replace(/\u00a0/g, ' ');
        expect(value).toMatch(
            /\| 02\.04\.03\.003-0 MAMOGRAFIA \| obrigatório \| 1 \| — \| R\$ 22,50 \| SIGTAP \(VL_SA\) \| R\$ 22,50 \|/
        );
        // 22,50 + 16,00 + 50,00 = 88,50; 8% = 7,08; + 6,50 → 102,08
        expect(value).toMatch(/\*\*Total calculado\*\* .* \*\*R\$ 102,08\*\*/);
        expect(value).toMatch(/Valor declarado: R\$ 100,00 — diferença -R\$ 2,08 \(declarado − calculado\)/);
    });

    it('on an OCI with a missing estimate marks the total incomplete and shows no difference against it', async () => {
        const text = replaceOnce(
            replaceOnce(CLEAN, 'qt 1 frequencia 40% estimativa R$ 40,00', 'qt 1 frequencia 40% estimativa a_preencher'),
            'valor R$ 125,00',
            'valor R$ 130,00'
        );
        const hover = await services.Oci.lsp.HoverProvider!.getHoverContent(
            (await buildLspWorkspace(services, { 'a.oci': text }))[0],
            { textDocument: { uri: 'file:///ws/a.oci' }, position: positionOf(text, 'oci 09', 1) }
        );
        const value = hoverText(hover).replace(/\u00a0/g, ' ');
        expect(value).toMatch(/o total está incompleto/);
        expect(value).toContain('Valor declarado: R$ 130,00 — comparado só quando o valor calculado estiver completo.');
        expect(value).not.toMatch(/diferença|igual ao calculado/);
    });

    it('on a grupo reference shows the group with its members and SIGTAP values', async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, 'um_de consulta', 8),
            index: 0,
            hover: /\*\*grupo consulta\*\* — Consulta ou teleconsulta especializada[\s\S]*03\.01\.01\.007-2 CONSULTA MEDICA EM ATEN[ÇC][ÃA]O ESPECIALIZADA — R\$ [0-9]+,[0-9]{2}[\s\S]*03\.01\.01\.030-7/
        });
    });

    it('on a tecnologia reference shows its cost', async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, 'gestao_clinica, saude_digital', 3),
            index: 0,
            hover: /\*\*tecnologia gestao_clinica\*\* — Gestão clínica[\s\S]*Custo: 8% do subtotal dos procedimentos/
        });
        await expectHover(services.Oci)({
            text: mark(CLEAN, 'saude_digital\n', 3),
            index: 0,
            hover: /Custo: valor fixo de R\$ 6,50 por OCI/
        });
    });

    it('on a CID shows its SIGTAP name and whether SIGTAP associates it with the OCI', async () => {
        await expectHover(services.Oci)({
            text: mark(CLEAN, 'C50', 1),
            index: 0,
            hover: /\*\*CID C50 — [^*]+\*\*[\s\S]*Associado a 09\.01\.01\.001-4/
        });
    });
});

describe('completion', () => {
    const component = (typed: string) => replaceOnce(CLEAN, '  tM 30 dias\n', `  tM 30 dias\n  eventual ${typed}<|>\n`);

    it('"mamog" offers 02.04.03.003-0 MAMOGRAFIA first, inserting the formatted code and the name', async () => {
        await expectCompletion(services.Oci)({
            text: component('mamog'),
            index: 0,
            assert: list => {
                const first = list.items[0];
                expect(first.label).toBe('02.04.03.003-0 MAMOGRAFIA');
                expect(first.textEdit).toMatchObject({ newText: '02.04.03.003-0 "MAMOGRAFIA"' });
                expect(first.detail).toMatch(/^R\$ 22,50/);
                expect((first.documentation as MarkupContent).value).toMatch(/Complexidade/);
                // the edit replaces the typed word
                const edit = first.textEdit as { range: { start: { character: number }; end: { character: number } } };
                expect(edit.range.end.character - edit.range.start.character).toBe('mamog'.length);
                expect(list.isIncomplete).toBe(true);
                expect(list.items.every(i => !String(i.label).startsWith('09.'))).toBe(true);
            }
        });
    });

    it('matches words accent-insensitively inside the name', async () => {
        await expectCompletion(services.Oci)({
            text: component('medica'),
            index: 0,
            assert: list => {
                expect(byCode(list, '03.01.01.007-2')?.label).toBe(
                    '03.01.01.007-2 CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA'
                );
                expect(byCode(list, '03.01.01.030-7')?.label).toMatch(/TELECONSULTA MÉDICA/);
            }
        });
    });

    it('by code prefix, with or without dots; capped at 50', async () => {
        for (const typed of ['02.04.03', '020403', '02.04.03.00']) {
            await expectCompletion(services.Oci)({
                text: component(typed),
                index: 0,
                assert: list => {
                    expect(byCode(list, '02.04.03.003-0'), typed).toBeDefined();
                    const codes = list.items.filter(i => i.kind === CompletionItemKind.Value).map(insertedCode);
                    expect(
                        codes.every(c => c?.startsWith('02.04.03')),
                        typed
                    ).toBe(true);
                }
            });
        }
        await expectCompletion(services.Oci)({
            text: component('02'),
            index: 0,
            assert: list => expect(list.items.filter(i => i.kind === CompletionItemKind.Value)).toHaveLength(50)
        });
    });

    it('detail carries the sex and age restrictions of the procedure', async () => {
        await expectCompletion(services.Oci)({
            text: component('02.04.03.003'),
            index: 0,
            assert: list =>
                expect(byCode(list, '02.04.03.003-0')?.detail).toMatch(/^R\$ 22,50( · sexo \w+)?( · idade .+)?$/)
        });
    });

    it('after `oci` offers only OCIs (group 09)', async () => {
        await expectCompletion(services.Oci)({
            text: HEADER + '\noci 09.01.01<|>',
            index: 0,
            assert: list => {
                expect(byCode(list, '09.01.01.001-4')?.label).toMatch(/^09\.01\.01\.001-4 OCI AVALIA/);
                expect(list.items.every(i => String(i.label).startsWith('09.01.01'))).toBe(true);
            }
        });
    });

    it("after `conclusao` offers the OCI's own component codes", async () => {
        const text = replaceOnce(CLEAN, '  conclusao consulta\n', '  conclusao 02<|>\n');
        await expectCompletion(services.Oci)({
            text,
            index: 0,
            assert: list =>
                expect(
                    list.items
                        .filter(i => i.kind === CompletionItemKind.Value)
                        .map(insertedCode)
                        .sort()
                ).toEqual(['02.04.03.003-0', '02.05.02.009-7'])
        });
    });

    it("CIDs after `cid`: the OCI's SIGTAP CIDs first, then by code prefix", async () => {
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, 'N63, N64', 'N63, N64, <|>'),
            index: 0,
            assert: list => {
                const cids = list.items
                    .filter(i => i.kind === CompletionItemKind.EnumMember)
                    .map(i => (i.textEdit as { newText: string }).newText);
                expect(cids.length).toBeGreaterThan(0);
                expect(cids).not.toContain('C50');
            }
        });
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, 'N63, N64', 'N63, N64, C50<|>'),
            index: 0,
            assert: list => {
                const cids = list.items
                    .filter(i => i.kind === CompletionItemKind.EnumMember)
                    .map(i => (i.textEdit as { newText?: string } | undefined)?.newText);
                expect(cids).toContain('C50.1');
                expect(cids.every(c => c?.startsWith('C50'))).toBe(true);
            }
        });
    });

    it("keeps Langium's keyword and reference completion", async () => {
        await expectCompletion(services.Oci)({
            // (statements the OCI already has are not offered: completion-trust.test.ts)
            text: replaceOnce(
                replaceOnce(
                    replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  <|>\n'),
                    '  conclusao consulta\n',
                    ''
                ),
                '  contrarreferencia aps\n',
                ''
            ).replace('  valor R$ 125,00\n', ''),
            index: 0,
            assert: list =>
                expect(labels(list)).toEqual(
                    expect.arrayContaining(['obrigatorio', 'eventual', 'conclusao', 'valor', 'contrarreferencia'])
                )
        });
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  eventual um_de <|>\n'),
            index: 0,
            assert: list => expect(labels(list)).toContain('consulta')
        });
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  obrigatorio <|>\n'),
            index: 0,
            assert: list => {
                expect(labels(list)).toContain('um_de');
                expect(list.items.filter(i => i.kind === CompletionItemKind.Value)).toHaveLength(50);
            }
        });
    });

    it('offers grupos after `um_de` typed over a keyword of a half-typed component, without logging an error (fuzz crasher)', async () => {
        const errors: unknown[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => {
            errors.push(args);
        };
        try {
            await expectCompletion(services.Oci)({
                text: replaceOnce(
                    replaceOnce(
                        CLEAN,
                        '  tM 30 dias\n',
                        '  tM 30 dias\n  obrigatorio um_de e<|>stimativa qt 2 estimativa R$ \n'
                    ),
                    '\noci ',
                    '\ngrupo exames_mama "Exames" {\n  02.04.03.003-0\n}\n\noci '
                ),
                index: 0,
                assert: list => expect(labels(list)).toContain('exames_mama')
            });
        } finally {
            console.error = original;
        }
        expect(errors).toEqual([]);
    });

    it('remote modalities after `remoto`, `aps` after `contrarreferencia`', async () => {
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, 'remoto teleconsulta', 'remoto tele<|>'),
            index: 0,
            assert: list =>
                expect(labels(list)).toEqual(
                    expect.arrayContaining(['teleconsulta', 'teleinterconsulta', 'teleconsultoria', 'telediagnostico'])
                )
        });
        await expectCompletion(services.Oci)({
            text: replaceOnce(CLEAN, 'contrarreferencia aps', 'contrarreferencia <|>'),
            index: 0,
            assert: list => expect(labels(list)).toContain('aps')
        });
    });

    it('without a SIGTAP table offers no codes, but keywords still work', async () => {
        await expectCompletion(services.Oci)({
            text:
                'catalogo "x" competencia 2026-01\n' +
                replaceOnce(MAMA, '  tM 30 dias\n', '  tM 30 dias\n  eventual 02.04<|>\n'),
            index: 0,
            assert: list => expect(list.items.filter(i => i.kind === CompletionItemKind.Value)).toHaveLength(0)
        });
    });
});

describe('document symbols', () => {
    it('outline: header, tecnologias, grupos and "CODE — NAME" OCIs with their components', async () => {
        await expectSymbols(services.Oci)({
            text: CLEAN,
            expectedSymbols: [
                'catalogo Teste',
                'gestao_clinica',
                'saude_digital',
                'consulta',
                '09.01.01.001-4 — OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA'
            ]
        });
        await expectSymbols(services.Oci)({
            text: CLEAN,
            assert: symbols => {
                const oci = symbols[4];
                expect(oci.kind).toBe(SymbolKind.Module);
                expect(oci.detail).toBe('R$ 125,00 · tR 21 · tM 30');
                expect(oci.children?.map(c => c.name)).toEqual([
                    '02.04.03.003-0 MAMOGRAFIA',
                    '02.05.02.009-7',
                    'um de consulta'
                ]);
                expect(symbols[3].children?.map(c => c.name)).toEqual([
                    '03.01.01.007-2 CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA',
                    '03.01.01.030-7 TELECONSULTA MÉDICA NA ATENÇÃO ESPECIALIZADA'
                ]);
            }
        });
    });
});

describe('go to definition', () => {
    it('of grupo and tecnologia references in the same file', async () => {
        const text = replaceOnce(
            replaceOnce(CLEAN, 'grupo consulta', 'grupo <|consulta|>'),
            'um_de consulta',
            'um_de cons<|>ulta'
        );
        await expectGoToDefinition(services.Oci)({ text, index: 0, rangeIndex: 0 });
        const text2 = replaceOnce(
            replaceOnce(CLEAN, 'tecnologia saude_digital', 'tecnologia <|saude_digital|>'),
            'gestao_clinica, saude_digital',
            'gestao_clinica, saude<|>_digital'
        );
        await expectGoToDefinition(services.Oci)({ text: text2, index: 0, rangeIndex: 0 });
    });

    it('across files of the workspace', async () => {
        const definitions = MAMA.slice(0, MAMA.indexOf('oci 09'));
        const ocis = MAMA.slice(MAMA.indexOf('oci 09'));
        const [defs, uses] = await buildLspWorkspace(services, {
            'catalogo.oci': HEADER + definitions,
            'mama/oncologia.oci': ocis
        });
        expect(uses.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        const text = uses.textDocument.getText();
        const links = await services.Oci.lsp.DefinitionProvider!.getDefinition(uses, {
            textDocument: { uri: uses.textDocument.uri },
            position: positionOf(text, 'um_de consulta', 8)
        });
        expect(links).toHaveLength(1);
        expect(links![0].targetUri).toBe(defs.textDocument.uri);
        expect(defs.textDocument.getText(links![0].targetSelectionRange)).toBe('consulta');
        const tech = await services.Oci.lsp.DefinitionProvider!.getDefinition(uses, {
            textDocument: { uri: uses.textDocument.uri },
            position: positionOf(text, 'gestao_clinica, ', 2)
        });
        expect(tech![0].targetUri).toBe(defs.textDocument.uri);
        expect(defs.textDocument.getText(tech![0].targetSelectionRange)).toBe('gestao_clinica');
    });
});

describe('rename and references (Langium defaults)', () => {
    it('renaming a grupo changes its declaration and every reference (um_de, conclusao)', async () => {
        const [doc] = await buildLspWorkspace(services, { 'r.oci': CLEAN });
        const text = doc.textDocument.getText();
        const edit = await services.Oci.lsp.RenameProvider!.rename(doc, {
            textDocument: { uri: doc.textDocument.uri },
            position: positionOf(text, 'grupo consulta', 7),
            newName: 'consulta_especializada'
        });
        const edits = edit?.changes?.[doc.textDocument.uri] ?? [];
        expect(edits.map(e => e.range.start.line).sort((a, b) => a - b)).toEqual([
            positionOf(text, 'grupo consulta').line,
            positionOf(text, 'um_de consulta').line,
            positionOf(text, 'conclusao consulta').line
        ]);
        expect(edits.every(e => e.newText === 'consulta_especializada')).toBe(true);
    });
});

describe('code lens', () => {
    it('over each OCI: computed value, comparison with the declared one, tR/tM', async () => {
        const second = replaceOnce(
            replaceOnce(MAMA.slice(MAMA.indexOf('oci 09')), '09.01.01.001-4', '09.01.01.009-0'),
            'valor R$ 125,00',
            'valor R$ 120,00'
        );
        const [doc] = await buildLspWorkspace(services, {
            'c.oci': CLEAN + '\n' + replaceOnce(second, 'tR 21 dias', 'tR 25 dias')
        });
        const lenses = await services.Oci.lsp.CodeLensProvider!.provideCodeLens(doc, {
            textDocument: { uri: doc.textDocument.uri }
        });
        const text = doc.textDocument.getText();
        const lines = [positionOf(text, 'oci 09.01.01.001-4').line, positionOf(text, 'oci 09.01.01.009-0').line];
        expect(lenses!.map(l => [l.range.start.line, l.command?.title])).toEqual([
            [lines[0], 'Valor calculado R$ 125,00 · igual ao declarado'],
            [lines[0], 'tR 21 dias · tM 30 dias'],
            [lines[0], 'APAC: 2 competências — de 28 a 61 dias conforme o dia de início'],
            [lines[1], 'Valor calculado R$ 125,00 · declarado R$ 120,00 (diferença -R$ 5,00)'],
            [lines[1], 'tR 25 dias · tM 30 dias'],
            [lines[1], 'APAC: 2 competências — de 28 a 61 dias conforme o dia de início']
        ]);
        expect(lenses!.every(l => l.command?.command === '')).toBe(true);
    });
});

describe('quick fixes', () => {
    it('codigo/digito-verificador: writes the right check digit', async () => {
        const broken = replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-1 "MAMOGRAFIA"');
        const r = await applyQuickFix(services, broken, 'codigo/digito-verificador');
        expect(r.actions.map(a => a.title)).toEqual(['Corrigir o dígito verificador: 02.04.03.003-0']);
        expect(r.diagnostic.data).toMatchObject({
            corrigido: '02.04.03.003-0',
            basis: expect.stringContaining('3.492/2024')
        });
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('codigo/digito-verificador');
    });

    it('procedimento/nome-divergente: writes the SIGTAP name', async () => {
        const broken = replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-0 "MAMOGRAFIA DIGITAL"');
        const r = await applyQuickFix(services, broken, 'procedimento/nome-divergente');
        expect(r.actions[0].title).toBe('Usar o nome da tabela SIGTAP: "MAMOGRAFIA"');
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('procedimento/nome-divergente');
    });

    it('sigtap/nome: writes the OCI name as in SIGTAP', async () => {
        const broken = replaceOnce(CLEAN, '"OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA"', '"OCI MAMA"');
        const r = await applyQuickFix(services, broken, 'sigtap/nome');
        expect(r.text).toBe(CLEAN);
    });

    it('keeps CRLF line endings when inserting an item', async () => {
        const crlf = replaceOnce(CLEAN, '  contrarreferencia aps\n', '').replace(/\n/g, '\r\n');
        const r = await applyQuickFix(services, crlf, 'oci/contrarreferencia-ausente');
        expect(r.text).toBe(CLEAN.replace(/\n/g, '\r\n'));
    });

    it('valor/divergente: declares the computed value', async () => {
        const broken = replaceOnce(CLEAN, 'valor R$ 125,00', 'valor R$ 130,00');
        const r = await applyQuickFix(services, broken, 'valor/divergente');
        expect(r.actions[0].title).toBe('Declarar o valor calculado R$ 125,00');
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('valor/divergente');
    });

    it("valor/ausente: inserts `valor R$ …` as the OCI's last item", async () => {
        const broken = replaceOnce(CLEAN, '  valor R$ 125,00\n', '');
        const r = await applyQuickFix(services, broken, 'valor/ausente');
        expect(r.actions[0].title).toBe('Declarar "valor R$ 125,00" (valor calculado)');
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('valor/ausente');
    });

    it('oci/contrarreferencia-ausente: inserts `contrarreferencia aps` in its place', async () => {
        const broken = replaceOnce(CLEAN, '  contrarreferencia aps\n', '');
        const r = await applyQuickFix(services, broken, 'oci/contrarreferencia-ausente');
        expect(r.text).toBe(CLEAN);
        expect(r.after.map(d => d.code)).not.toContain('oci/contrarreferencia-ausente');
    });

    it('oci/conclusao-ausente: one `conclusao X` per component, the group first', async () => {
        const broken = replaceOnce(CLEAN, '  conclusao consulta\n', '');
        const r = await applyQuickFix(services, broken, 'oci/conclusao-ausente');
        expect(r.actions.map(a => a.title)).toEqual([
            'Incluir "conclusao consulta"',
            'Incluir "conclusao 02.04.03.003-0"',
            'Incluir "conclusao 02.05.02.009-7"'
        ]);
        expect(r.text).toBe(CLEAN);
        expect(r.after.filter(d => d.severity === 1)).toEqual([]);
    });

    it('oci/conclusao-ausente without components: a bare `conclusao ` stub', async () => {
        const oneLine = HEADER + '\noci 09.01.01.001-4 "X" { tR 1 dias tM 2 dias }\n';
        const r = await applyQuickFix(services, oneLine, 'oci/conclusao-ausente');
        expect(r.text).toBe(HEADER + '\noci 09.01.01.001-4 "X" { tR 1 dias tM 2 dias conclusao  }\n');
    });

    it('inserts on its own line after `{` (and its comment) when the OCI has no earlier item, indented like the items', async () => {
        const broken = HEADER + '\noci 09.01.01.001-4 "X" {  // comentário\n    valor R$ 1,00\n}\n';
        const r = await applyQuickFix(services, broken, 'oci/contrarreferencia-ausente');
        expect(r.text).toBe(
            HEADER + '\noci 09.01.01.001-4 "X" {  // comentário\n    contrarreferencia aps\n    valor R$ 1,00\n}\n'
        );
    });
});

describe('formatting', () => {
    it('formats the document with the project formatter (one whole-text edit, none when formatted)', async () => {
        const messy = CLEAN.replace('  tR 21 dias\n  tM 30 dias', 'tR   21 dias tM 30 dias');
        const [doc] = await buildLspWorkspace(services, { 'f.oci': messy });
        const edits = await services.Oci.lsp.Formatter!.formatDocument(doc, {
            textDocument: { uri: doc.textDocument.uri },
            options: { tabSize: 2, insertSpaces: true }
        });
        expect(edits).toHaveLength(1);
        expect(edits[0].newText).toContain('\n  tR 21 dias\n  tM 30 dias\n');
        const [clean] = await buildLspWorkspace(services, { 'g.oci': edits[0].newText });
        expect(
            await services.Oci.lsp.Formatter!.formatDocument(clean, {
                textDocument: { uri: clean.textDocument.uri },
                options: { tabSize: 2, insertSpaces: true }
            })
        ).toEqual([]);
    });
});

function positionOf(text: string, needle: string, delta = 0) {
    const offset = text.indexOf(needle);
    if (offset < 0) throw new Error(`"${needle}" not found`);
    const before = text.slice(0, offset + delta);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
