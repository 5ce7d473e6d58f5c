/**
 * Issue 19 item 4: a root-cause error suppresses the diagnostics that only follow from it, and a
 * diagnostic is a short message plus its basis carried apart — the editor links the rule's docs
 * (codeDescription), the CLI prints the full citation.
 */
import { describe, expect, it } from 'vitest';
import { collectReport } from '../../cli/src/diagnostics.js';
import { Rules } from '../../language/src/validation/rules.js';
import { CLEAN, buildLspWorkspace, lspServicesPerFile, replaceOnce } from './lsp-helpers.js';

const services = lspServicesPerFile();

describe('a wrong check digit is reported once', () => {
    it('no procedimento/inexistente nor sigtap/componente-ausente for the same code', async () => {
        const [doc] = await buildLspWorkspace(services, {
            'catalogo.oci': replaceOnce(CLEAN, '02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-1 "MAMOGRAFIA"')
        });
        const codes = (doc.diagnostics ?? [])
            .filter(d => d.severity! <= 2 && d.code !== 'valor/divergente')
            .map(d => d.code);
        expect(codes).toEqual(['codigo/digito-verificador']);
    });

    it('a code with a valid digit that is not in the table still gets procedimento/inexistente', async () => {
        const [doc] = await buildLspWorkspace(services, {
            'catalogo.oci': replaceOnce(CLEAN, '02.05.02.009-7', '02.04.03.998-3')
        });
        expect((doc.diagnostics ?? []).map(d => d.code)).toContain('procedimento/inexistente');
    });
});

describe('short message, basis apart', () => {
    const broken = replaceOnce(CLEAN, 'tR 21 dias', 'tR 45 dias');

    it('the editor gets the short message and a link to the rule in docs/checks.md', async () => {
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': broken });
        const d = doc.diagnostics!.find(x => x.code === 'oci/tr-gt-tm')!;
        expect(d.message).toBe(
            'tR (45 dias) maior que tM (30 dias): o tempo recomendado não pode exceder o tempo máximo'
        );
        expect(d.data).toMatchObject({ basis: Rules.trMaiorQueTm.basis });
        expect(d.codeDescription?.href).toMatch(/\/docs\/checks\.md#oci-tr-gt-tm$/);
        expect(String(d.message).length).toBeLessThanOrEqual(100);
    });

    it('the CLI prints the full citation', async () => {
        const docs = await buildLspWorkspace(services, { 'catalogo.oci': broken });
        const report = collectReport(docs, '/');
        expect(report.diagnostics.find(d => d.code === 'oci/tr-gt-tm')!.message).toBe(
            `tR (45 dias) maior que tM (30 dias): o tempo recomendado não pode exceder o tempo máximo — ${Rules.trMaiorQueTm.basis}`
        );
    });

    it('the documentation link goes where the packaged extension publishes its docs', async () => {
        const { readFileSync } = await import('node:fs');
        const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { vsce: { baseContentUrl: string } };
        const { DOCS_BASE_URL } = await import('../../server/src/rule-docs.js');
        expect(DOCS_BASE_URL).toBe(pkg.vsce.baseContentUrl);
        // every rule's anchor is in docs/checks.md
        const { RulesByCode } = await import('../../language/src/validation/rules.js');
        const { ruleDocsHref } = await import('../../server/src/rule-docs.js');
        const checks = readFileSync('docs/checks.md', 'utf8');
        for (const code of RulesByCode.keys())
            expect(checks, code).toContain(`<a id="${ruleDocsHref(code)!.split('#')[1]}"></a>\`${code}\``);
    });
});

describe('value lens on an incomplete value', () => {
    it('never says "igual ao declarado" when an estimate is missing, even if the partial total equals the declared value', async () => {
        const incomplete = replaceOnce(CLEAN, 'qt 1 estimativa R$ 43,72', 'qt 1 estimativa a_preencher');
        const lensOf = async (text: string) => {
            const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
            const lenses = await services.Oci.lsp.CodeLensProvider!.provideCodeLens(doc, {
                textDocument: { uri: doc.textDocument.uri }
            });
            return lenses![0].command!.title;
        };
        const partial = /Valor calculado (R\$ [0-9.,]+) \(incompleto\)/.exec(await lensOf(incomplete))?.[1];
        expect(partial).toBeDefined();
        const title = await lensOf(replaceOnce(incomplete, 'valor R$ 125,00', `valor ${partial}`));
        expect(title).toMatch(/\(incompleto\)/);
        expect(title).not.toMatch(/igual ao declarado/);
        expect(title).toContain(`declarado ${partial}`);
    });
});

describe('every rule message fits the Problems panel', () => {
    // Its arguments are file paths (as written and the workspace roots): as long as the paths are.
    const PENDING = new Set(['catalogo/sigtap-fora-do-workspace']);

    it('≤ 110 characters with typical arguments (8 characters each, as "R$ 43,72" or "45"), in pt and en', async () => {
        const { Rules } = await import('../../language/src/validation/rules.js');
        const { ruleMessageIn } = await import('../../language/src/validation/rules-en.js');
        const long: string[] = [];
        for (const rule of Object.values(Rules)) {
            if (PENDING.has(rule.code)) continue;
            const args = Array.from({ length: rule.message.length }, () => 'R$ 43,72');
            for (const locale of ['pt', 'en'] as const) {
                const text = ruleMessageIn(locale, rule.code, args) ?? '';
                if (text.length > 110) long.push(`${rule.code} (${locale}, ${text.length}): ${text}`);
            }
        }
        expect(long).toEqual([]);
    });
});
