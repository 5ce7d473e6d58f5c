/** Read-only queries over an OCI's items, shared by validators, the value engine and generators. */
import type { AstNode } from 'langium';
import type {
    Componente,
    Conclusao,
    Grupo,
    Oci,
    Remoto,
    TempoMaximo,
    TempoRecomendado,
    Contrarreferencia,
    ValorDeclarado,
    Fundamento,
    Cids
} from './generated/ast.js';
import {
    isCids,
    isComponente,
    isConclusao,
    isContrarreferencia,
    isFundamento,
    isGrupoConclusao,
    isGrupoRef,
    isProcedimentoRef,
    isRemoto,
    isTempoMaximo,
    isTempoRecomendado,
    isUsoTecnologias,
    isValorDeclarado
} from './generated/ast.js';
import { normalizeCodigo } from './sigtap/codigo.js';

export function componentesOf(oci: Oci): Componente[] {
    return oci.itens.filter(isComponente);
}

export function first<T extends AstNode>(oci: Oci, guard: (n: unknown) => n is T): T | undefined {
    return oci.itens.find(guard) as T | undefined;
}

export const trOf = (oci: Oci): TempoRecomendado | undefined => first(oci, isTempoRecomendado);
export const tmOf = (oci: Oci): TempoMaximo | undefined => first(oci, isTempoMaximo);
export const conclusaoOf = (oci: Oci): Conclusao | undefined => first(oci, isConclusao);
export const remotoOf = (oci: Oci): Remoto | undefined => first(oci, isRemoto);
export const contrarreferenciaOf = (oci: Oci): Contrarreferencia | undefined => first(oci, isContrarreferencia);
export const valorOf = (oci: Oci): ValorDeclarado | undefined => first(oci, isValorDeclarado);
export const fundamentoOf = (oci: Oci): Fundamento | undefined => first(oci, isFundamento);
export const cidsOf = (oci: Oci): string[] =>
    oci.itens.filter(isCids).flatMap((c: Cids) => c.cids.map(x => normalizeCid(x.codigo)));
export const tecnologiasOf = (oci: Oci) => oci.itens.filter(isUsoTecnologias).flatMap(t => t.usos);

/** CID-10 as SIGTAP writes it: no dot (D48.6 → D486). */
export function normalizeCid(cid: string): string {
    return cid.replace('.', '').toUpperCase();
}

/** CID-10 as people write it: D486 → D48.6. */
export function formatCid(cid: string): string {
    return cid.length === 4 ? `${cid.slice(0, 3)}.${cid.slice(3)}` : cid;
}

/** The normalized procedure codes a component stands for (one, or the members of its group). */
export function codesOf(componente: Componente): readonly string[] {
    return targetCodes(componente.alvo, isGrupoRef);
}

const memberCodesCache = new WeakMap<Grupo, readonly string[]>();

/** The normalized codes of a grupo's members (computed once per parsed grupo: every `um_de` asks). */
export function memberCodes(grupo: Grupo): readonly string[] {
    let codes = memberCodesCache.get(grupo);
    if (!codes) {
        codes = grupo.membros.map(m => normalizeCodigo(m.codigo)).filter((c): c is string => !!c);
        memberCodesCache.set(grupo, codes);
    }
    return codes;
}

/** The normalized codes a `conclusao` names. */
export function conclusionCodes(conclusao: Conclusao): readonly string[] {
    return targetCodes(conclusao.alvo, isGrupoConclusao);
}

/** The normalized codes a component's or a conclusion's target names: a procedure's, or its group's members. */
function targetCodes<G extends { grupo?: { ref?: Grupo } }>(
    alvo: unknown,
    isGrupo: (n: unknown) => n is G
): readonly string[] {
    if (isProcedimentoRef(alvo)) {
        const c = normalizeCodigo(alvo.codigo);
        return c ? [c] : [];
    }
    if (isGrupo(alvo)) {
        const grupo = alvo.grupo?.ref;
        return grupo ? memberCodes(grupo) : [];
    }
    return [];
}
