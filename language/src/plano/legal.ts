/**
 * The text of the dispositivos the PAR's and the SE's rules cite — public law, copied literally from
 * `../shared/legal/portaria-gm-ms-3492-2024.md` (DOU nº 70, of 11/04/2024, Seção 1, p. 98) and from
 * `../shared/legal/portaria-gm-ms-1997-2023.md` (Portaria GM/MS nº 1.997, of 24/11/2023, which adds
 * art. 878-A to Portaria de Consolidação GM/MS nº 6/2017), with Markdown's "R\$" without the backslash.
 * A diagnostic's hover shows the text of the rule's dispositivos; the text comes from the one literal
 * copy (../legal/dispositivos.ts), which test/legal/dispositivos.test.ts checks against the source files.
 *
 * Keys: "3492/<artigo>[/§<n>][/<inciso>]" and "1997/878-A[/§<n>][/<inciso>]".
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
 * The text of each dispositivo a rule may cite: the one literal copy of the two portarias
 * (../legal/dispositivos.ts).
 */
export const TEXTO_LEGAL: Readonly<Record<string, string>> = Object.fromEntries(
    [...DISPOSITIVOS_POR_CHAVE].map(([chave, d]) => [chave, d.texto])
);

/** How the key is cited: "art. 9 VII", "art. 15 §1 II", "art. 878-A §4 VII". */
export function referencia(chave: string): string {
    const [, artigo, ...resto] = chave.split('/');
    return [`art. ${artigo}`, ...resto].join(' ');
}
