/**
 * "Did you mean" for a procedure code that is not in the competência's table: codes made of the
 * same digits (two neighbours swapped — the usual typing slip) that exist in the table with a valid
 * check digit, then the procedures whose names are closest to the name written beside the code.
 */
import { checkDigit, formatCodigo, hasValidCheckDigit } from '../../language/src/index.js';
import type { SigtapProcedimento, SigtapTable } from '../../language/src/index.js';
import { PROCEDURE_CODE_QUERY, procedureIndex, search } from './procedure-search.js';

/** At most this many suggestions. */
export const MAX_SUGGESTIONS = 5;

export function suggestProcedures(table: SigtapTable, codigo: string, nome: string | undefined): SigtapProcedimento[] {
    const found = new Map<string, SigtapProcedimento>();
    const add = (c: string) => {
        const p = table.procedimentos.get(c);
        if (p && c !== codigo && !c.startsWith('09') && found.size < MAX_SUGGESTIONS) found.set(c, p);
    };
    for (let i = 0; i + 1 < codigo.length; i++) {
        if (codigo[i] === codigo[i + 1]) continue;
        const swapped = codigo.slice(0, i) + codigo[i + 1] + codigo[i] + codigo.slice(i + 2);
        if (hasValidCheckDigit(swapped)) add(swapped);
        // A swap among the first nine digits with the check digit the new code calls for.
        if (i + 1 < 9) add(swapped.slice(0, 9) + checkDigit(swapped));
    }
    if (nome && nome.trim()) {
        for (const p of search(procedureIndex(table), nome, PROCEDURE_CODE_QUERY, {
            limit: MAX_SUGGESTIONS,
            filter: p => !p.codigo.startsWith('09')
        }))
            add(p.codigo);
    }
    return [...found.values()];
}

export function suggestionLabel(p: SigtapProcedimento): string {
    return `${formatCodigo(p.codigo)} ${p.nome}`;
}
