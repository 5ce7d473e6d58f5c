/**
 * An OCI's composition as the SIGTAP table implies it, in the catalogue's terms: mandatory and
 * eventual components, with the OR-groups the table and the Ministry's conventions imply.
 * Derived from the table's own files (compatibilities, attributes and subgroup names); used by
 * `import-sigtap` and by the example generator.
 */
import type { SigtapCompatibilidade, SigtapOci, SigtapTable } from '../sigtap/types.js';

export interface GrupoDef {
    nome: string;
    descricao: string;
    membros: string[];
}

export interface LinhaComposicao {
    tipo: 'obrigatorio' | 'eventual';
    codigo?: string;
    grupo?: GrupoDef;
    /** QT_PERMITIDA; undefined when the table sets no specific limit (0). */
    qt?: number;
}

/**
 * PMAE convention: "03.01.01.007-2 CONSULTA E/OU 03.01.01.030-7 TELECONSULTA" in the mandatory
 * column of the Ministry's OCI sheets (Jan 2026), though the table lists both as compatível.
 */
export const CONSULTA = '0301010072';
export const TELECONSULTA = '0301010307';
export const GRUPO_CONSULTA = { nome: 'consulta', descricao: 'Consulta ou teleconsulta especializada' };

/** A group's quantity: the members' common QT_PERMITIDA; undefined when all are 0; null when they differ. */
function qtComum(rows: SigtapCompatibilidade[]): number | undefined | null {
    const qts = new Set(rows.map(r => r.qtPermitida));
    if (qts.size !== 1) return null;
    return rows[0].qtPermitida > 0 ? rows[0].qtPermitida : undefined;
}

function fold(text: string): string {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * "Exige procedimento de tomografia computadorizada" (tb_detalhe) → the subgroup whose name
 * holds the key word ("Diagnóstico por tomografia"), among the subgroups of the OCI's components.
 */
export function subgrupoExigido(table: SigtapTable, atributo: string, candidatos: string[]): { subgrupo: string; descricao: string } | undefined {
    const nome = table.detalhes.get(atributo);
    const m = nome && /^exige procedimento de (.+)$/i.exec(nome.trim());
    if (!m) return undefined;
    const chave = fold(m[1]).split(/\s+/)[0];
    const subgrupos = [...new Set(candidatos.map(c => c.slice(0, 4)))];
    const subgrupo = subgrupos.find(s => fold(table.subgrupos.get(s) ?? '').includes(chave));
    const objeto = m[1].trim();
    return subgrupo ? { subgrupo, descricao: `${objeto[0].toUpperCase()}${objeto.slice(1)}: ao menos um procedimento (atributo SIGTAP ${atributo})` } : undefined;
}

/** One definition per group name and member set; a different set under the same name gets a suffix. */
export function registrarGrupo(grupos: Map<string, GrupoDef>, nome: string, descricao: string, membros: string[]): GrupoDef {
    const chave = [...membros].sort().join(',');
    for (let n = 1; ; n++) {
        const candidato = n === 1 ? nome : `${nome}_${n}`;
        const existente = grupos.get(candidato);
        if (!existente) {
            const def = { nome: candidato, descricao, membros: [...membros].sort() };
            grupos.set(candidato, def);
            return def;
        }
        if (existente.membros.join(',') === chave) return existente;
    }
}

function identificador(texto: string): string {
    return fold(texto).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').split('_')[0] || 'grupo';
}

export function composicaoSigtap(table: SigtapTable, oci: SigtapOci, grupos: Map<string, GrupoDef>): LinhaComposicao[] {
    const restantes = new Map(oci.componentes.map(c => [c.codigo, c]));
    const linhas: LinhaComposicao[] = [];

    const consulta = restantes.get(CONSULTA);
    const tele = restantes.get(TELECONSULTA);
    if (consulta && tele && consulta.tipo === 'compativel' && tele.tipo === 'compativel') {
        const qt = qtComum([consulta, tele]);
        if (qt !== null) {
            linhas.push({ tipo: 'obrigatorio', grupo: registrarGrupo(grupos, GRUPO_CONSULTA.nome, GRUPO_CONSULTA.descricao, [CONSULTA, TELECONSULTA]), qt });
            restantes.delete(CONSULTA);
            restantes.delete(TELECONSULTA);
        }
    }

    for (const atributo of oci.atributosComplementares) {
        const exigido = subgrupoExigido(table, atributo, [...restantes.keys()]);
        if (!exigido) continue;
        const doSubgrupo = [...restantes.values()].filter(c => c.codigo.startsWith(exigido.subgrupo));
        if (doSubgrupo.length === 0 || doSubgrupo.some(c => c.tipo !== 'compativel')) continue;
        const qt = qtComum(doSubgrupo);
        if (qt === null) continue;
        const nome = identificador(table.detalhes.get(atributo)!.replace(/^exige procedimento de /i, ''));
        linhas.push({ tipo: 'obrigatorio', grupo: registrarGrupo(grupos, nome, exigido.descricao, doSubgrupo.map(c => c.codigo)), qt });
        doSubgrupo.forEach(c => restantes.delete(c.codigo));
    }

    for (const row of restantes.values()) {
        const qt = row.qtPermitida > 0 ? row.qtPermitida : undefined;
        linhas.push({ tipo: row.tipo === 'obrigatoria' ? 'obrigatorio' : 'eventual', codigo: row.codigo, qt });
    }
    const ordem = (l: LinhaComposicao) => `${l.tipo === 'obrigatorio' ? 0 : 1}${l.grupo ? 1 : 0}${l.codigo ?? l.grupo!.nome}`;
    return linhas.sort((a, b) => ordem(a).localeCompare(ordem(b)));
}
