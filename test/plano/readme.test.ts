/** docs/plans.md (the PAR and the SE) lists the checks of the registry (language/src/plano/rules.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { regrasPlanoMarkdown } from '../../language/src/plano/rules.js';
import { REPO_ROOT } from '../helpers.js';

const README = path.join(REPO_ROOT, 'docs/plans.md');
const INICIO = '<!-- plano-checks:start -->';
const FIM = '<!-- plano-checks:end -->';

describe('README, the PAR and SE section', () => {
    it('lists every check with its severity and legal basis (UPDATE_README=1 rewrites it)', () => {
        const texto = fs.readFileSync(README, 'utf8');
        expect(texto).toContain(INICIO);
        const tabela = regrasPlanoMarkdown();
        const atual = texto.slice(texto.indexOf(INICIO) + INICIO.length, texto.indexOf(FIM)).trim();
        if (process.env.UPDATE_README === '1' && atual !== tabela) {
            fs.writeFileSync(
                README,
                `${texto.slice(0, texto.indexOf(INICIO) + INICIO.length)}\n${tabela}\n${texto.slice(texto.indexOf(FIM))}`
            );
            return;
        }
        expect(atual).toBe(tabela);
    });

    it('the commands and files it cites exist', () => {
        const texto = fs.readFileSync(README, 'utf8');
        for (const arquivo of [
            'examples/par/regiao-sao-luis.par',
            'examples/par/execucao.json',
            'examples/se/breves-pa.se',
            'examples/se/picos-pi.se',
            'examples/se/producao-sia.csv',
            'examples/se/producao-sia-lacuna.csv',
            'language/src/plano/data/FONTES.md'
        ]) {
            expect(texto).toContain(arquivo);
            expect(fs.existsSync(path.join(REPO_ROOT, arquivo)), arquivo).toBe(true);
        }
    });
});
