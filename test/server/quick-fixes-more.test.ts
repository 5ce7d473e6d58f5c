/**
 * Issue 19 item 5: quick fixes for tR > tM, "did you mean" for an unknown procedure, the SIGTAP
 * estimate for `estimativa a_preencher`, and source.fixAll for the mechanical fixes.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'langium';
import type { CodeAction } from 'vscode-languageserver';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { CLEAN, applyQuickFix, buildLspWorkspace, lspServicesPerFile, replaceOnce } from './lsp-helpers.js';

const services = lspServicesPerFile();

const codes = (ds: Array<{ code?: unknown }>) => ds.map(d => d.code);
/** A code formatted GG.SS.FF.PPP-D from nine digits, with the check digit they call for. */
const withDigit = (nine: string) =>
    `${nine.slice(0, 2)}.${nine.slice(2, 4)}.${nine.slice(4, 6)}.${nine.slice(6, 9)}-${checkDigit(nine)}`;

describe('tR > tM', () => {
    const broken = replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias');

    it('sets tR to tM (preferred)', async () => {
        const r = await applyQuickFix(services, broken, 'oci/tr-gt-tm');
        expect(r.actions.map(a => a.title)).toEqual(['Usar tR igual ao tM: 30 dias', 'Usar tM igual ao tR: 45 dias']);
        expect(r.actions[0].isPreferred).toBe(true);
        expect(r.text).toContain('  tR 30 dias\n  tM 30 dias\n');
        expect(codes(r.after)).not.toContain('oci/tr-gt-tm');
    });

    it('or tM to tR', async () => {
        const r = await applyQuickFix(services, broken, 'oci/tr-gt-tm', a => a[1]);
        expect(r.text).toContain('  tR 45 dias\n  tM 45 dias\n');
        expect(codes(r.after)).not.toContain('oci/tr-gt-tm');
    });
});

describe('did you mean (procedimento/inexistente)', () => {
    it('two digits swapped: offers the code that exists, with its SIGTAP name', async () => {
        const typo = withDigit('020502090'); // 02.05.02.009-7 with "09" typed "90"
        const r = await applyQuickFix(
            services,
            replaceOnce(CLEAN, '02.05.02.009-7', typo),
            'procedimento/inexistente',
            a => a.find(x => x.title.includes('02.05.02.009-7'))
        );
        expect(r.actions[0].title).toMatch(/^Você quis dizer 02\.05\.02\.009-7 /);
        expect(r.text).toContain('eventual 02.05.02.009-7 qt 1');
        expect(codes(r.after)).not.toContain('procedimento/inexistente');
    });

    it('an unrelated code with a name: the procedures named like it', async () => {
        const r = await applyQuickFix(
            services,
            replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', `${withDigit('020403999')} "MAMOGRAFIA"`),
            'procedimento/inexistente',
            a => a.find(x => x.title.includes('02.04.03.003-0'))
        );
        expect(r.text).toContain('obrigatorio 02.04.03.003-0 "MAMOGRAFIA" qt 1');
        expect(codes(r.after)).not.toContain('procedimento/inexistente');
    });
});

describe('missing estimate', () => {
    it('`estimativa a_preencher` → the SIGTAP VL_SA (R$ 22,50 for MAMOGRAFIA)', async () => {
        const r = await applyQuickFix(
            services,
            replaceOnce(CLEAN, 'qt 1 estimativa R$ 43,72', 'qt 1 estimativa a_preencher'),
            'oci/a-preencher'
        );
        expect(r.actions[0].title).toBe('Usar a estimativa da tabela SIGTAP (VL_SA): R$ 22,50');
        expect(r.text).toContain('"MAMOGRAFIA" qt 1 estimativa R$ 22,50');
        expect(codes(r.after)).not.toContain('oci/a-preencher');
    });
});

describe('source.fixAll', () => {
    async function fixAll(text: string): Promise<{ text: string; action?: CodeAction }> {
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        const actions = ((await services.Oci.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: { uri: doc.textDocument.uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [], only: ['source.fixAll'] }
        })) ?? []) as CodeAction[];
        const action = actions[0];
        const edits = action?.edit?.changes?.[doc.textDocument.uri] ?? [];
        return {
            text: TextDocument.applyEdits(TextDocument.create(doc.textDocument.uri, 'oci', 0, text), edits),
            action
        };
    }

    it('fixes check digits and SIGTAP names at once, then the declared value on the next run', async () => {
        const broken = replaceOnce(
            replaceOnce(
                replaceOnce(CLEAN, '02.04.03.003-0', '02.04.03.003-1'),
                '"CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"',
                '"CONSULTA"'
            ),
            'valor R$ 125,00',
            'valor R$ 120,00'
        );
        const first = await fixAll(broken);
        expect(first.action?.kind).toBe('source.fixAll');
        expect(first.text).toContain('02.04.03.003-0');
        expect(first.text).toContain('"CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"');
        const second = await fixAll(first.text);
        expect(second.text).toBe(CLEAN);
        const third = await fixAll(second.text);
        expect(third.action).toBeUndefined();
    });

    it('is not offered for judgement calls (tR > tM)', async () => {
        const { action } = await fixAll(replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias'));
        expect(action).toBeUndefined();
    });
});
