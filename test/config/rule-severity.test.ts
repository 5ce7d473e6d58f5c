/**
 * `regras:` of oci-catalogo.yaml is applied where diagnostics are made (the document validator),
 * so every host sees the same: a rule turned off disappears, a rule raised or lowered changes
 * severity, syntax errors stay errors whatever the file says.
 */
import { describe, expect, it } from 'vitest';
import { ruleSeverityPolicy } from '../../language/src/config/rule-severity.js';
import { buildWorkspace, createTestServices, HEADER, MAMA } from '../helpers.js';

const services = createTestServices();

async function diagnosticsWith(
    regras: Array<[string, 'error' | 'warning' | 'info' | 'off']> | undefined,
    text: string
) {
    ruleSeverityPolicy(services.shared).resolve = () => (regras ? new Map(regras) : undefined);
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': text });
    return (doc!.diagnostics ?? []).map(d => ({ code: String(d.code), severity: d.severity }));
}

describe('configured rule severities', () => {
    // MAMA without its fundamento (an info) and with a declared value off by R$ 1,00 (a warning).
    const text =
        HEADER +
        MAMA.replace(/\s*fundamento "[^"]*"/, '').replace(
            /valor R\$ (\d+),(\d\d)/,
            (_m, r: string, c: string) => `valor R$ ${Number(r) + 1},${c}`
        );

    it('without a configuration nothing changes', async () => {
        const plain = await diagnosticsWith(undefined, text);
        expect(plain).toContainEqual({ code: 'oci/fundamento-ausente', severity: 3 });
        expect(plain).toContainEqual({ code: 'valor/divergente', severity: 2 });
    });

    it('desligada drops the rule; erro raises it; the others keep theirs', async () => {
        const plain = await diagnosticsWith(undefined, text);
        const configured = await diagnosticsWith(
            [
                ['oci/fundamento-ausente', 'off'],
                ['valor/divergente', 'error']
            ],
            text
        );
        expect(configured.filter(d => d.code === 'oci/fundamento-ausente')).toEqual([]);
        expect(configured).toContainEqual({ code: 'valor/divergente', severity: 1 });
        const untouched = (ds: typeof plain) =>
            ds.filter(d => d.code !== 'oci/fundamento-ausente' && d.code !== 'valor/divergente');
        expect(untouched(configured)).toEqual(untouched(plain));
    });

    it('a syntax error cannot be relaxed', async () => {
        const broken = HEADER + MAMA.replace('tM', 'tM tM');
        const configured = await diagnosticsWith([['sintaxe/estrutura', 'off']], broken);
        expect(configured.some(d => d.code === 'sintaxe/estrutura' && d.severity === 1)).toBe(true);
    });
});
