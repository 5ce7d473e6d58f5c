/**
 * The law the project carries (language/src/legal/): the copies are the texts of ../shared/legal,
 * every dispositivo of both portarias is read, and the texts other modules quote agree with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    DISPOSITIVOS,
    DISPOSITIVOS_POR_CHAVE,
    NORMAS_LEGAIS,
    dentroDe
} from '../../language/src/legal/dispositivos.js';
import { TEXTO_PORTARIA_1997_2023 } from '../../language/src/legal/texto-1997-2023.js';
import { TEXTO_PORTARIA_3492_2024 } from '../../language/src/legal/texto-3492-2024.js';
import { TEXTO_LEGAL } from '../../language/src/plano/legal.js';
import { REPO_ROOT } from '../helpers.js';

const fonte = (norma: '3492' | '1997') => path.resolve(REPO_ROOT, NORMAS_LEGAIS[norma].fonte);

describe('the copies of the portarias (language/src/legal/texto-*.ts)', () => {
    it.skipIf(!fs.existsSync(fonte('3492')))(
        'Portaria 3.492/2024 is ../shared/legal/portaria-gm-ms-3492-2024.md, line by line',
        () => {
            expect(TEXTO_PORTARIA_3492_2024.join('\n')).toBe(fs.readFileSync(fonte('3492'), 'utf8'));
        }
    );
    it.skipIf(!fs.existsSync(fonte('1997')))(
        'Portaria 1.997/2023 is ../shared/legal/portaria-gm-ms-1997-2023.md, line by line',
        () => {
            expect(TEXTO_PORTARIA_1997_2023.join('\n')).toBe(fs.readFileSync(fonte('1997'), 'utf8'));
        }
    );
});

describe('dispositivos (language/src/legal/dispositivos.ts)', () => {
    it('reads all 21 articles of Portaria 3.492/2024, each caput, paragraph (único too) and inciso', () => {
        const artigos = new Set(DISPOSITIVOS.filter(d => d.norma === '3492').map(d => d.artigo));
        expect([...artigos]).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
        expect(dentroDe('3492/6').map(d => d.chave)).toEqual([
            '3492/6',
            '3492/6/§1',
            '3492/6/§2',
            '3492/6/§2/I',
            '3492/6/§2/II',
            '3492/6/§2/III',
            '3492/6/§2/IV',
            '3492/6/§2/V',
            '3492/6/§3',
            '3492/6/§4'
        ]);
        expect(dentroDe('3492/10/§4').length).toBe(6);
        expect(DISPOSITIVOS_POR_CHAVE.get('3492/7/§único/II')?.texto).toMatch(/^II - sugestões de minutas/);
        expect(DISPOSITIVOS_POR_CHAVE.get('3492/12/VI')?.texto).toBe(
            'VI - monitoramento e avaliação da realização das OCl em tempo oportuno e com o escopo total nelas previsto;'
        );
        expect(DISPOSITIVOS_POR_CHAVE.get('3492/15/§1/I')?.texto).toMatch(/^I - R\$1\.200\.000,00/);
        expect(DISPOSITIVOS_POR_CHAVE.get('3492/21')?.texto).toBe(
            'Art. 21. Esta Portaria entra em vigor na data de sua publicação.'
        );
        // Every line of the body that starts a dispositivo was read, and nothing else.
        const corpo = TEXTO_PORTARIA_3492_2024.slice(
            TEXTO_PORTARIA_3492_2024.findIndex(l => l.startsWith('Art. 1º')),
            TEXTO_PORTARIA_3492_2024.findIndex(l => l.includes('NÍSIA'))
        );
        const normativas = corpo.filter(l => /^(Art\. |§ |Parágrafo único|[IVX]+ - )/.test(l));
        expect(DISPOSITIVOS.filter(d => d.norma === '3492').map(d => d.texto)).toEqual(
            normativas.map(l => l.replace(/\\\$/g, '$'))
        );
    });

    it('reads the Sala de Estabilização articles of Portaria 1.997/2023: art. 878-A whole, art. 65 IV and art. 4', () => {
        const chaves = DISPOSITIVOS.filter(d => d.norma === '1997').map(d => d.chave);
        expect(chaves).toEqual([
            '1997/65/IV',
            '1997/878-A',
            ...Array.from({ length: 12 }, (_, i) => [
                `1997/878-A/§${i + 1}`,
                ...(i === 3
                    ? ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'].map(n => `1997/878-A/§4/${n}`)
                    : [])
            ]).flat(),
            '1997/4'
        ]);
        expect(DISPOSITIVOS_POR_CHAVE.get('1997/878-A/§12')?.texto).toBe(
            '§ 12. O procedimento de homologação da habilitação será objeto de Portaria específica do(a) Ministro(a) de Estado da Saúde.'
        );
        expect(DISPOSITIVOS_POR_CHAVE.get('1997/65/IV')?.texto).toMatch(
            /^IV - instalação da SE .* todos os dias da semana;$/
        );
    });

    it('the texts the PAR/SE hover quotes (language/src/plano/legal.ts) are these dispositivos', () => {
        for (const [chave, texto] of Object.entries(TEXTO_LEGAL)) {
            expect(DISPOSITIVOS_POR_CHAVE.get(chave)?.texto, chave).toBe(texto);
        }
    });
});
