/**
 * docs/legal/matriz.md: generated from the texts, the registries and language/src/legal/cobertura.ts;
 * every dispositivo has a status and every status other than "implementado" says why.
 * `npm run gen:matriz` (or UPDATE_MATRIZ=1 on this file) rewrites it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COBERTURA } from '../../language/src/legal/cobertura.js';
import { DISPOSITIVOS_POR_CHAVE } from '../../language/src/legal/dispositivos.js';
import { lei } from '../../language/src/legal/fundamento.js';
import { linhasDaMatriz, matrizMarkdown } from '../../language/src/legal/matriz.js';
import { regrasRegistradas } from '../../language/src/legal/registros.js';
import { generateMatriz, MATRIZ } from '../../scripts/matriz.js';
import { REPO_ROOT } from '../helpers.js';

describe('docs/legal/matriz.md', () => {
    it('is up to date (npm run gen:matriz rewrites it)', () => {
        const arquivo = path.join(REPO_ROOT, MATRIZ);
        const gerada = generateMatriz(REPO_ROOT);
        if (process.env.UPDATE_MATRIZ === '1') fs.writeFileSync(arquivo, gerada);
        expect(
            fs.existsSync(arquivo) ? fs.readFileSync(arquivo, 'utf8') : '',
            `${MATRIZ} está desatualizado: rode npm run gen:matriz`
        ).toBe(gerada);
    });

    it('gives every dispositivo a status; a status other than implemented says why', () => {
        const linhas = linhasDaMatriz(regrasRegistradas());
        expect(linhas.length).toBe(DISPOSITIVOS_POR_CHAVE.size);
        for (const l of linhas) {
            expect(l.situacao, l.dispositivo.chave).toBeDefined();
            if (l.situacao !== 'implementado') expect(l.cobertura?.nota, l.dispositivo.chave).toBeTruthy();
        }
    });

    it('the coverage table names only dispositivos of the texts, and only test files and modules that exist', () => {
        for (const [chave, c] of Object.entries(COBERTURA)) {
            expect(DISPOSITIVOS_POR_CHAVE.has(chave), chave).toBe(true);
            for (const calculo of c.calculos ?? []) {
                expect(fs.existsSync(path.join(REPO_ROOT, calculo.modulo)), calculo.modulo).toBe(true);
                for (const t of calculo.testes) expect(fs.existsSync(path.join(REPO_ROOT, t)), t).toBe(true);
            }
        }
    });

    it("lists the rules that apply a dispositivo with their origin and tests; rules make it implemented over its article's entry", () => {
        const regra = {
            registro: 'catálogo',
            code: 'teste/regra',
            severity: 'error' as const,
            fundamento: lei('3492/17/§2')
        };
        const md = matrizMarkdown([regra], new Map([['teste/regra', ['test/x.test.ts']]]));
        expect(md).toMatch(
            /\| art\. 17 §2 \| [^|]* \| implementado \| `teste\/regra` \(lei\) \|  \| `test\/x\.test\.ts` \|/
        );
        // A rule applying a pending dispositivo makes it partial, with a note to update the coverage table.
        const pendente = linhasDaMatriz([{ ...regra, fundamento: lei('1997/878-A/§3') }]).find(
            l => l.dispositivo.chave === '1997/878-A/§3'
        )!;
        expect(pendente.situacao).toBe('parcial');
        expect(pendente.cobertura?.nota).toMatch(/atualize language\/src\/legal\/cobertura\.ts/);
    });
});
