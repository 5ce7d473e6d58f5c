/**
 * Texto dos dispositivos que as regras do PAR e da SE citam — lei pública, copiada literalmente de
 * `../shared/legal/portaria-gm-ms-3492-2024.md` (DOU nº 70, de 11/04/2024, Seção 1, p. 98) e de
 * `../shared/legal/portaria-gm-ms-1997-2023.md` (Portaria GM/MS nº 1.997, de 24/11/2023, que inclui o
 * art. 878-A na Portaria de Consolidação GM/MS nº 6/2017), com o "R\$" do Markdown sem a barra.
 * O hover de um diagnóstico mostra o texto dos dispositivos da regra; o texto vem da cópia literal
 * única (../legal/dispositivos.ts), que test/legal/dispositivos.test.ts confere com os arquivos de origem.
 *
 * Chaves: "3492/<artigo>[/§<n>][/<inciso>]" e "1997/878-A[/§<n>][/<inciso>]".
 */

import { DISPOSITIVOS_POR_CHAVE } from '../legal/dispositivos.js';

export const PORTARIA_3492 = 'Portaria GM/MS nº 3.492/2024';
export const PORTARIA_1997 = 'Portaria GM/MS nº 1.997/2023';

export const FONTES_LEGAIS = {
    '3492': {
        titulo: 'PORTARIA GM/MS Nº 3.492, DE 8 DE ABRIL DE 2024',
        publicacao: 'Diário Oficial da União nº 70, de 11/04/2024, Seção 1, p. 98',
        arquivo: '../shared/legal/portaria-gm-ms-3492-2024.md'
    },
    '1997': {
        titulo: 'PORTARIA GM/MS Nº 1.997, DE 24 DE NOVEMBRO DE 2023 (art. 878-A da Portaria de Consolidação GM/MS nº 6/2017)',
        publicacao: 'Saúde Legis',
        arquivo: '../shared/legal/portaria-gm-ms-1997-2023.md'
    }
} as const;

/**
 * O texto de cada dispositivo que uma regra pode citar: a cópia literal única das duas portarias
 * (../legal/dispositivos.ts).
 */
export const TEXTO_LEGAL: Readonly<Record<string, string>> = Object.fromEntries(
    [...DISPOSITIVOS_POR_CHAVE].map(([chave, d]) => [chave, d.texto])
);

/** Como a chave é citada: "art. 9 VII", "art. 15 §1 II", "art. 878-A §4 VII". */
export function referencia(chave: string): string {
    const [, artigo, ...resto] = chave.split('/');
    return [`art. ${artigo}`, ...resto].join(' ');
}
