/**
 * The law the diagnostics cite (language/src/legal/): the text carried in the code is the text
 * of the source file, every basis the rules cite resolves to carried text, and citations are
 * read the way the rules write them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseLegalMarkdown, parseCitacoes, trechoCitado } from '../../language/src/legal/citacoes.js';
import { PORTARIA_GM_MS_3492_2024 } from '../../language/src/legal/portaria-3492-2024.js';
import { Rules } from '../../language/src/validation/rules.js';
import { REPO_ROOT } from '../helpers.js';

const SOURCE = path.resolve(REPO_ROOT, PORTARIA_GM_MS_3492_2024.fonte);

const cite = (basis: string) =>
    parseCitacoes(basis).map(
        c =>
            `${c.artigo}${c.paragrafo === undefined ? '' : c.paragrafo === 'caput' ? ' caput' : ` §${c.paragrafo}`}${c.incisos ? ` ${c.incisos.join(',')}` : ''}`
    );

describe('Portaria GM/MS nº 3.492/2024 (language/src/legal/portaria-3492-2024.ts)', () => {
    it.skipIf(!fs.existsSync(SOURCE))('every provision is copied verbatim, in order, from ../shared/legal', () => {
        // The Markdown escapes the dollar of "R$" with a backslash; the law's text has none.
        const lines = fs
            .readFileSync(SOURCE, 'utf8')
            .replace(/R\\\$/g, 'R$')
            .split(/\r?\n/)
            .map(l => l.trim())
            .filter(Boolean);
        for (const artigo of Object.values(PORTARIA_GM_MS_3492_2024.artigos)) {
            const provisions = [
                artigo.caput,
                ...artigo.incisos.map(i => i.texto),
                ...artigo.paragrafos.flatMap(p => [p.texto, ...p.incisos.map(i => i.texto)])
            ];
            const start = lines.indexOf(artigo.caput);
            expect(start, `Art. ${artigo.numero}`).toBeGreaterThanOrEqual(0);
            expect(lines.slice(start, start + provisions.length)).toEqual(provisions);
            // Nothing of the article was left out: the next line starts another article, a heading or the signature.
            expect(lines[start + provisions.length]).toMatch(/^(Art\. |#|\*\*)/);
        }
    });

    it('carries all 21 articles with their paragraphs and incisos', () => {
        const { artigos } = PORTARIA_GM_MS_3492_2024;
        expect(Object.keys(artigos).map(Number)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
        expect(artigos[9].incisos.map(i => i.numero)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
        expect(artigos[9].paragrafos.map(p => p.numero)).toEqual(['único']);
        expect(artigos[5].paragrafos.map(p => p.numero)).toEqual([1, 2, 3]);
        expect(artigos[6].paragrafos.map(p => p.numero)).toEqual([1, 2, 3, 4]);
        expect(artigos[6].paragrafos[1].incisos.map(i => i.numero)).toEqual(['I', 'II', 'III', 'IV', 'V']);
        expect(artigos[14].paragrafos[1].incisos.map(i => i.numero)).toEqual(['I', 'II', 'III', 'IV']);
    });
});

describe('citations (language/src/legal/citacoes.ts)', () => {
    it('reads articles, paragraphs, caput and incisos (ranges, "e", two norms in one basis)', () => {
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV')).toEqual(['6 §2 III,IV']);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 6 §2 III-V e §3')).toEqual(['6 §2 III,IV,V', '6 §3']);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 6 §2 I e art. 14 §2 I')).toEqual(['6 §2 I', '14 §2 I']);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 6 caput e art. 14 §2 I')).toEqual(['6 caput', '14 §2 I']);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 6 §2')).toEqual(['6 §2']);
        expect(
            cite(
                'Portaria GM/MS nº 3.492/2024, art. 6 §2 II; Tabela SIGTAP (Portaria GM/MS nº 3.492/2024, art. 14 §2 I-II) (VL_IDADE_MINIMA/MAXIMA)'
            )
        ).toEqual(['6 §2 II', '14 §2 I,II']);
        expect(
            cite(
                'Portaria GM/MS nº 3.492/2024, art. 14 §2 I; a tabela da competência acompanha o catálogo no repositório'
            )
        ).toEqual(['14 §2 I']);
        expect(cite('regra do dígito verificador SIGTAP')).toEqual([]);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 9 V e VI')).toEqual(['9 caput V,VI']);
        expect(cite('Portaria GM/MS nº 3.492/2024, art. 12 VI e art. 16 §1')).toEqual(['12 caput VI', '16 §1']);
    });

    it('every rule citing Portaria 3.492/2024 resolves to text the project carries', () => {
        for (const rule of Object.values(Rules)) {
            if (!rule.basis.includes('3.492/2024')) continue;
            const citacoes = parseCitacoes(rule.basis);
            expect(citacoes.length, rule.code).toBeGreaterThan(0);
            for (const c of citacoes) expect(trechoCitado(c), `${rule.code}: ${rule.basis}`).toBeDefined();
        }
    });

    it('shows the cited paragraph with only the cited incisos', () => {
        const trecho = trechoCitado(parseCitacoes('Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV')[0])!;
        expect(trecho.referencia).toBe('Art. 6º, § 2º, III e IV');
        expect(trecho.textos).toEqual([
            '§ 2º O rol terá um descritivo de cada OCI detalhando:',
            'III - o tempo estipulado entre o início da execução da OCI e o procedimento que a conclui, como modo de estimular a atenção em tempo oportuno;',
            'IV - o tempo limite máximo de execução da OCI visando a incentivar a superação de barreiras de acesso a procedimentos que devem ser ordenados e articulados em um determinado plano de cuidado; e'
        ]);
        expect(trechoCitado(parseCitacoes('Portaria GM/MS nº 3.492/2024, art. 5 §2')[0])!.textos[0]).toMatch(
            /^§ 2º A OCI deverá incluir sempre referência e contrarreferência segura/
        );
        expect(trechoCitado(parseCitacoes('Portaria GM/MS nº 3.492/2024, art. 14 §2 I')[0])!.referencia).toBe(
            'Art. 14, § 2º, I'
        );
    });

    it('renders Markdown: the basis, the quoted text and the publication; the law stays Portuguese in English', () => {
        const pt = baseLegalMarkdown('Portaria GM/MS nº 3.492/2024, art. 6 §2 III-IV', { code: 'oci/tr-gt-tm' });
        expect(pt).toMatch(
            /^\*\*Base legal:\*\* Portaria GM\/MS nº 3\.492\/2024, art\. 6 §2 III-IV \(`oci\/tr-gt-tm`\)/
        );
        expect(pt).toContain('> III - o tempo estipulado');
        expect(pt).toContain('> IV - o tempo limite máximo');
        expect(pt).not.toContain('V - o valor de cada OCI');
        expect(pt).toMatch(
            /_Fonte: PORTARIA GM\/MS Nº 3\.492, DE 8 DE ABRIL DE 2024 — Diário Oficial da União nº 70, de 11\/04\/2024, Seção 1, p\. 98\._$/
        );
        const en = baseLegalMarkdown('Portaria GM/MS nº 3.492/2024, art. 5 §2', { locale: 'en' });
        expect(en).toMatch(/^\*\*Legal basis:\*\*/);
        expect(en).toContain('(text of the law in Portuguese)');
        expect(en).toContain('> § 2º A OCI deverá incluir sempre referência e contrarreferência segura');
        expect(en).toMatch(/_Source: /);
    });
});
