/**
 * What completion must not offer, and in what order it offers procedures:
 * - nothing while the cursor is in (or right after) a money, percentage, number or string
 *   literal, or in a comment — otherwise Enter after `valor R$ 999,99` accepts a keyword instead
 *   of breaking the line (issue 19);
 * - one entry per keyword: the accented spelling is the unaccented entry's filter text;
 * - no keyword of a statement the OCI (or the header) already has;
 * - procedures compatible with the OCI's público (sex, age) and CIDs first.
 */
import { GrammarUtils, type AstNode } from 'langium';
import type { Catalogo, Oci } from '../../language/src/index.js';
import { ageOverlap, ociAgeRange, sexoOf, sigtapAgeRange } from '../../language/src/index.js';
import { cidsOf } from '../../language/src/index.js';
import type { SigtapProcedimento, SigtapTable } from '../../language/src/index.js';

/** The kind of literal the cursor sits in or right after, judged from the line's text before it. */
export function literalAt(lineBefore: string): 'string' | 'comment' | 'money' | 'percent' | 'number' | undefined {
    let inString: string | undefined;
    for (let i = 0; i < lineBefore.length; i++) {
        const c = lineBefore[i];
        if (inString) {
            if (c === '\\') i++;
            else if (c === inString) inString = undefined;
        } else if (c === '"' || c === "'") {
            inString = c;
        } else if (c === '/' && (lineBefore[i + 1] === '/' || lineBefore[i + 1] === '*')) {
            return 'comment';
        }
    }
    if (inString) return 'string';
    // Right after the closing quote: the string is complete, the next thing is a new word.
    if (/["']$/.test(lineBefore)) return 'string';
    if (/R\$[ \t]*([0-9][0-9.]*(,[0-9]*)?)?$/.test(lineBefore)) return 'money';
    if (/(^|[^\w.,])[0-9]+(,[0-9]*)?[ \t]*%$/.test(lineBefore)) return 'percent';
    if (/(^|[^\w.-])[0-9]+(,[0-9]*)?$/.test(lineBefore)) return 'number';
    return undefined;
}

/** NFD without combining marks: `conclusão` → `conclusao`. */
export function unaccented(word: string): string {
    return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/** Statement keyword → the AST type of the statement it starts, for the statements an OCI holds once. */
const OCI_STATEMENTS: Record<string, string> = {
    fundamento: 'Fundamento',
    publico: 'Publico',
    cid: 'Cids',
    tR: 'TempoRecomendado',
    tM: 'TempoMaximo',
    conclusao: 'Conclusao',
    remoto: 'Remoto',
    contrarreferencia: 'Contrarreferencia',
    tecnologias: 'UsoTecnologias',
    valor: 'ValorDeclarado'
};

/** Header keyword → the header property it writes. */
const HEADER_STATEMENTS: Record<string, keyof Catalogo> = {
    versao: 'versao',
    competencia: 'competencia',
    sigtap: 'sigtap'
};

/** Keywords (unaccented) of the statements `oci` already has, besides the one holding `offset`. */
export function statementsPresent(oci: Oci, offset: number): Set<string> {
    const present = new Set<string>();
    for (const item of oci.itens) {
        const cst = item.$cstNode;
        if (!cst || (cst.offset <= offset && offset <= cst.end)) continue;
        for (const [keyword, type] of Object.entries(OCI_STATEMENTS)) if (item.$type === type) present.add(keyword);
    }
    return present;
}

/** Keywords (unaccented) of the header properties already written, besides the one holding `offset`. */
export function headerPresent(catalogo: Catalogo, offset: number): Set<string> {
    const present = new Set<string>();
    for (const [keyword, property] of Object.entries(HEADER_STATEMENTS)) {
        const node = catalogo.$cstNode ? GrammarUtils.findNodeForProperty(catalogo.$cstNode, property) : undefined;
        if (node && !(node.offset <= offset && offset <= node.end)) present.add(keyword);
    }
    return present;
}

/** Whether `node`'s text contains `offset`. */
export function contains(node: AstNode | undefined, offset: number): boolean {
    const cst = node?.$cstNode;
    return !!cst && cst.offset <= offset && offset <= cst.end;
}

/**
 * 0 when the procedure suits the OCI's público (sex and age overlap) and shares a CID with it
 * (or either has no CID), 1 when only the público fits, 2 otherwise. A stable sort on this keeps
 * the search's own order inside each rank.
 */
export function compatibilityRank(oci: Oci | undefined, table: SigtapTable): (p: SigtapProcedimento) => number {
    if (!oci) return () => 0;
    const sexo = sexoOf(oci);
    const idade = ociAgeRange(oci);
    const cids = new Set(cidsOf(oci));
    return p => {
        const sexOk = sexo === 'I' || p.sexo === 'I' || p.sexo === 'N' || p.sexo === sexo;
        const range = sigtapAgeRange(p.idadeMinimaMeses, p.idadeMaximaMeses);
        const ageOk = !idade || !range || ageOverlap(idade, range) !== 'disjunto';
        if (!sexOk || !ageOk) return 2;
        if (cids.size === 0) return 0;
        const own = table.cidsPorProcedimento(p.codigo);
        return own.length === 0 || own.some(c => cids.has(c)) ? 0 : 1;
    };
}
