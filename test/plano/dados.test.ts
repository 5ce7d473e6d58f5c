/** The municipalities base (language/src/plano/data) and the legal text (language/src/plano/legal.ts) stay checked. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    FONTE_MUNICIPIOS,
    UFS_AMAZONIA_LEGAL,
    UF_POR_CODIGO,
    amazoniaLegal,
    todosMunicipios
} from '../../language/src/plano/municipios.js';
import { TEXTO_LEGAL } from '../../language/src/plano/legal.js';
import { REPO_ROOT } from '../helpers.js';

const DATA = path.join(REPO_ROOT, 'language/src/plano/data');

describe('IBGE municípios', () => {
    const todos = todosMunicipios();

    it('5.570 municípios, unique 7-digit codes whose prefix is the UF', () => {
        expect(todos.length).toBe(5570);
        expect(new Set(todos.map(m => m.codigo)).size).toBe(5570);
        for (const m of todos) {
            expect(m.codigo).toMatch(/^[0-9]{7}$/);
            expect(UF_POR_CODIGO[m.codigo.slice(0, 2)]).toBe(m.uf);
        }
    });

    it('772 in the Amazônia Legal: the eight whole UFs and 181 of Maranhão', () => {
        const dentro = todos.filter(m => amazoniaLegal(m.codigo).dentro);
        const porUf: Record<string, number> = {};
        for (const m of dentro) porUf[m.uf] = (porUf[m.uf] ?? 0) + 1;
        expect(porUf).toEqual({ AC: 22, AM: 62, AP: 16, MA: 181, MT: 141, PA: 144, RO: 52, RR: 15, TO: 139 });
        expect(dentro.length).toBe(772);
        expect(todos.filter(m => m.uf === 'MA').length).toBe(217);
        for (const uf of UFS_AMAZONIA_LEGAL)
            expect(todos.filter(m => m.uf === uf).every(m => m.classe === 'E')).toBe(true);
    });

    it('in Maranhão, the class follows the longitudes of the polygon and the 44° W meridian', () => {
        for (const m of todos.filter(x => x.uf === 'MA')) {
            const esperada = m.lonMax! < -44 ? 'W' : m.lonMin! < -44 ? 'P' : 'L';
            expect(m.classe, m.nome).toBe(esperada);
            expect(m.fronteiraIncerta, m.nome).toBe(Math.abs(m.lonMin! + 44) < FONTE_MUNICIPIOS.margemGraus);
        }
        expect(
            todos
                .filter(m => m.fronteiraIncerta)
                .map(m => m.nome)
                .sort()
        ).toEqual(['Nina Rodrigues', 'Passagem Franca', 'São João do Soter']);
    });

    it('FONTES.md and the script cite the same packages and hashes as the data', () => {
        const fontes = fs.readFileSync(path.join(DATA, 'FONTES.md'), 'utf8');
        const script = fs.readFileSync(path.join(DATA, 'derivar-municipios.mjs'), 'utf8');
        for (const p of FONTE_MUNICIPIOS.pacotes) {
            expect(fontes).toContain(p.nome);
            expect(fontes).toContain(p.versao);
            expect(fontes).toContain(p.sha256.slice(0, 8));
            expect(script).toContain(p.sha256);
        }
    });
});

describe('legal text', () => {
    const fontes: Record<string, string> = {
        '3492': path.join(REPO_ROOT, '../shared/legal/portaria-gm-ms-3492-2024.md'),
        '1997': path.join(REPO_ROOT, '../shared/legal/portaria-gm-ms-1997-2023.md')
    };

    it.each(Object.entries(TEXTO_LEGAL))('%s is a literal copy of the source', (chave, texto) => {
        const arquivo = fontes[chave.split('/')[0]];
        if (!fs.existsSync(arquivo)) return; // CI has ../shared; outside it there is nothing to compare with
        const fonte = fs.readFileSync(arquivo, 'utf8').replace(/R\\\$/g, 'R$');
        expect(fonte).toContain(texto);
    });
});
