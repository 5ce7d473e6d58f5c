/**
 * The `.oci` value converter (language/src/workspace/nfd-keywords.ts) finds each grammar element's rule and converter
 * once instead of for every value: every value it gives is Langium's DefaultValueConverter's, composed (NFC).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CstUtils, DefaultValueConverter, GrammarAST, type CstNode, type ValueType } from 'langium';
import { describe, expect, it } from 'vitest';
import { NfcValueConverter } from '../../language/src/workspace/nfd-keywords.js';
import { HEADER, REPO_ROOT, createTestServices } from '../helpers.js';

/** Langium's conversion, made NFC: what the project's converter did before it kept the rules. */
class Reference extends DefaultValueConverter {
    override convert(input: string, cstNode: CstNode): ValueType {
        const value = super.convert(input, cstNode);
        return typeof value === 'string' ? value.normalize('NFC') : value;
    }
}

function exampleTexts(): string[] {
    const dir = path.join(REPO_ROOT, 'examples/pmae');
    return fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.oci'))
        .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/** Decomposed accents (NFD), escapes in strings, numbers, codes, money, percentages, names. */
const VARIANTS =
    HEADER +
    [
        'tecnologia gestao_clinica "Gesta\u0303o cli\u0301nica" valor R$ 1.234,50',
        'tecnologia saude_digital "Sau\u0301de \\"digital\\" \\n" percentual 12,5 %',
        'grupo consulta \'Consultas e\u0301\' { 03.01.01.007-2 "CONSULTA" 0301010072 }',
        'oci 09.01.01.001-4 "AVALIAC\u0327A\u0303O" {',
        '  publico sexo feminino idade 18 anos a 64 anos e 11 meses',
        '  cid C50, C50.9, Z12.3',
        '  tR 30 dias',
        '  tM 60 dias',
        '  obrigato\u0301rio 03.01.01.007-2 qt 2 estimativa R$ 10,00',
        '  eventual um_de consulta qt 1 frequencia 12,5% estimativa R$ 0,125',
        '  conclusa\u0303o consulta',
        '  remoto teleconsulta, teleconsultoria',
        '  contrarreferencia aps "Resultado a\u0300 APS"',
        '  tecnologias gestao_clinica R$ 3,00, saude_digital 10%',
        '  valor R$ 1.234,56',
        '}'
    ].join('\n');

describe('NfcValueConverter', () => {
    it("gives Langium's value, composed, for every rule call and cross-reference of the example and the variants", () => {
        const { Oci } = createTestServices();
        const parser = Oci.parser.LangiumParser;
        const ours = new NfcValueConverter();
        const reference = new Reference();
        const seen = new Map<string, number>();
        for (const text of [...exampleTexts(), VARIANTS]) {
            const result = parser.parse(text);
            expect(result.lexerErrors).toEqual([]);
            expect(result.parserErrors).toEqual([]);
            for (const node of CstUtils.streamCst(result.value.$cstNode!)) {
                const feature = node.grammarSource;
                if (!GrammarAST.isRuleCall(feature) && !GrammarAST.isCrossReference(feature)) continue;
                const expected = reference.convert(node.text, node);
                const actual = ours.convert(node.text, node);
                expect(actual).toEqual(expected);
                expect(typeof actual).toBe(typeof expected);
                const rule = GrammarAST.isRuleCall(feature) ? feature.rule.ref?.name : 'crossref';
                seen.set(rule ?? '?', (seen.get(rule ?? '?') ?? 0) + 1);
            }
        }
        // Numbers, strings with escapes and accents, codes, money, percentages and names were all compared.
        for (const rule of ['INT', 'STRING', 'ID', 'CODIGO', 'MONEY', 'PERCENT', 'CID', 'crossref'])
            expect(seen.get(rule) ?? 0, rule).toBeGreaterThan(0);
    });

    it('composes decomposed accents and keeps escapes', () => {
        const { Oci } = createTestServices();
        const doc = Oci.parser.LangiumParser.parse(VARIANTS).value as unknown as {
            elementos: Array<{ $type: string; descricao?: string; nome?: string }>;
        };
        const descricoes = doc.elementos.map(e => e.descricao ?? e.nome);
        expect(descricoes).toContain('Gestão clínica');
        expect(descricoes).toContain('Saúde "digital" \n');
        expect(descricoes).toContain('AVALIAÇÃO');
    });
});
