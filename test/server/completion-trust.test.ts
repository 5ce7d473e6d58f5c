/**
 * Completion never corrupts text (issue 19, item 1): nothing inside or right after a literal,
 * one entry per keyword, no statement the OCI already has, `CODE "NAME"` for a procedure,
 * procedures suiting the OCI's público first, the OCI's own CIDs first after `cid`.
 */
import { describe, expect, it } from 'vitest';
import { expectCompletion } from 'langium/test';
import { CompletionItemKind, type CompletionList } from 'vscode-languageserver';
import { CLEAN, lspServicesPerFile, replaceOnce } from './lsp-helpers.js';
import { literalAt } from '../../server/src/completion-filters.js';

const services = lspServicesPerFile();

const labels = (list: CompletionList) => list.items.map(i => String(i.label));
const newText = (i: { textEdit?: unknown }) => (i.textEdit as { newText?: string } | undefined)?.newText;
const complete = (text: string, assert: (list: CompletionList) => void) =>
    expectCompletion(services.Oci)({ text, index: 0, assert });

describe('no completion in or right after a literal', () => {
    const cases: Array<[string, string]> = [
        ['declared value', replaceOnce(CLEAN, 'valor R$ 125,00', 'valor R$ 999,99<|>')],
        ['estimate', replaceOnce(CLEAN, 'estimativa R$ 43,72', 'estimativa R$ 33,33<|>')],
        [
            'tecnologia override',
            replaceOnce(CLEAN, 'tecnologias gestao_clinica, saude_digital', 'tecnologias gestao_clinica R$ 8,92<|>')
        ],
        ['money being typed', replaceOnce(CLEAN, 'valor R$ 125,00', 'valor R$ <|>')],
        ['percentage', replaceOnce(CLEAN, 'frequencia 40%', 'frequencia 40%<|>')],
        ['number', replaceOnce(CLEAN, 'tR 21 dias', 'tR 21<|>')],
        ['quantity', replaceOnce(CLEAN, 'qt 1 estimativa R$ 43,72', 'qt 1<|> estimativa R$ 43,72')],
        [
            'inside a string',
            replaceOnce(CLEAN, '"Portaria SAES/MS nº 1.824/2024"', '"Portaria <|>SAES/MS nº 1.824/2024"')
        ],
        ['after a closing quote', replaceOnce(CLEAN, '"MAMOGRAFIA"', '"MAMOGRAFIA"<|>')],
        ['in a comment', replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias // revisar o<|>\n')]
    ];
    for (const [name, text] of cases) {
        it(`offers nothing: ${name}`, async () => {
            await complete(text, list => expect(labels(list)).toEqual([]));
        });
    }

    it('digits where a code may start still offer codes (and no keyword)', async () => {
        await complete(replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  eventual 0204<|>\n'), list => {
            expect(list.items.length).toBeGreaterThan(0);
            expect(list.items.every(i => i.kind === CompletionItemKind.Value)).toBe(true);
        });
    });

    it('recognizes the literal kinds from the line before the cursor', () => {
        expect(literalAt('  valor R$ 1.234,5')).toBe('money');
        expect(literalAt('  fundamento "a \\" b')).toBe('string');
        expect(literalAt('  eventual 02.04.03.003-0')).toBeUndefined();
        expect(literalAt('  cid C50, D48.6')).toBeUndefined();
        expect(literalAt('  obrigatorio ')).toBeUndefined();
    });
});

describe('keywords', () => {
    const newItem = replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  <|>\n');

    it('one entry per keyword, the accented spelling as filter text', async () => {
        const text = replaceOnce(replaceOnce(newItem, '  conclusao consulta\n', ''), '  contrarreferencia aps\n', '');
        await complete(text, list => {
            const l = labels(list);
            expect(l).toContain('conclusao');
            expect(l).not.toContain('conclusão');
            expect(l).not.toContain('obrigatório');
            expect(l).not.toContain('contrarreferência');
            expect(l.filter(x => x === 'obrigatorio')).toHaveLength(1);
            expect(list.items.find(i => i.label === 'conclusao')?.filterText).toBe('conclusao conclusão');
        });
    });

    it('statements the OCI already has are not offered; components are', async () => {
        await complete(newItem, list => {
            const l = labels(list);
            for (const k of [
                'fundamento',
                'publico',
                'cid',
                'tR',
                'tM',
                'conclusao',
                'remoto',
                'contrarreferencia',
                'tecnologias',
                'valor'
            ])
                expect(l, k).not.toContain(k);
            expect(l).toEqual(expect.arrayContaining(['obrigatorio', 'eventual']));
        });
        const missing = replaceOnce(replaceOnce(newItem, '  valor R$ 125,00\n', ''), '  tR 21 dias\n', '');
        await complete(missing, list => expect(labels(list)).toEqual(expect.arrayContaining(['valor', 'tR'])));
    });
});

describe('procedures', () => {
    it('inserts `CODE "NAME"`, only the code when a name already follows', async () => {
        await complete(replaceOnce(CLEAN, '  tM 30 dias\n', '  tM 30 dias\n  eventual mamog<|>\n'), list => {
            expect(newText(list.items[0])).toBe('02.04.03.003-0 "MAMOGRAFIA"');
        });
        await complete(replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.00<|> "MAMOGRAFIA"'), list => {
            expect(list.items.map(newText)).toContain('02.04.03.003-0');
        });
    });

    it("ranks procedures compatible with the OCI's público first", async () => {
        // A público of children: procedures SIGTAP allows only from 10, 16 or 35 years go last.
        const children = replaceOnce(
            CLEAN,
            'publico sexo ambos idade 10 anos ou mais',
            'publico sexo ambos idade 1 a 9 anos'
        );
        await complete(replaceOnce(children, '  tM 30 dias\n', '  tM 30 dias\n  eventual 02.04.03<|>\n'), list => {
            const details = list.items.filter(i => i.kind === CompletionItemKind.Value).map(i => i.detail ?? '');
            const adultOnly = (d: string) => /idade (1[0-9]|35) anos ou mais/.test(d);
            const firstAdult = details.findIndex(adultOnly);
            expect(firstAdult).toBeGreaterThan(0);
            expect(details.slice(firstAdult).every(adultOnly)).toBe(true);
        });
    });
});

describe('CIDs', () => {
    it('after `cid` with a prefix, the CIDs SIGTAP associates with the OCI come first', async () => {
        await complete(replaceOnce(CLEAN, 'cid C50, D05, D24, D48.6, N60, N61, N62, N63, N64', 'cid D<|>'), list => {
            const cids = list.items.filter(i => i.kind === CompletionItemKind.EnumMember).map(newText);
            // D05 and D24 (in situ / benign neoplasm of the breast) are the OCI's SIGTAP CIDs; D00 comes first by code.
            expect(cids.slice(0, 2)).toEqual(['D05', 'D24']);
            expect(cids).toContain('D00');
        });
    });
});
