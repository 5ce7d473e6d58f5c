/**
 * Gathers what docs/legal/matriz.md is generated from — every registered rule and, for each rule
 * code, the test files that name it — and renders it (language/src/legal/matriz.ts). Used by
 * `npm run gen:matriz` (scripts/gen-matriz.mjs) and by test/legal/matriz.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matrizMarkdown } from '../language/src/legal/matriz.js';
import { regrasRegistradas } from '../language/src/legal/registros.js';

export const MATRIZ = 'docs/legal/matriz.md';

function arquivosDeTeste(raiz: string, dir = 'test'): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(path.join(raiz, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) {
            if (e.name !== 'fixtures' && e.name !== 'node_modules') out.push(...arquivosDeTeste(raiz, rel));
        } else if (/\.test\.ts$/.test(e.name)) out.push(rel);
    }
    return out.sort();
}

/** Rule code → the test files that write it between quotes. */
export function testesPorCodigo(raiz: string, codigos: string[]): Map<string, string[]> {
    const textos = arquivosDeTeste(raiz).map(f => [f, fs.readFileSync(path.join(raiz, f), 'utf8')] as const);
    const out = new Map<string, string[]>();
    for (const code of codigos) {
        const aspas = [`'${code}'`, `"${code}"`, `\`${code}\``];
        out.set(
            code,
            textos.filter(([, t]) => aspas.some(a => t.includes(a))).map(([f]) => f)
        );
    }
    return out;
}

export function generateMatriz(raiz: string): string {
    const regras = regrasRegistradas();
    return matrizMarkdown(
        regras,
        testesPorCodigo(
            raiz,
            regras.map(r => r.code)
        )
    );
}
