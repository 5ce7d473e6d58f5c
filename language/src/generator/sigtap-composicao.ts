/**
 * An OCI's composition as the SIGTAP table implies it, in the catalogue's terms: mandatory and
 * eventual components, with the OR-groups the table and the Ministry's conventions imply.
 * Derived from the table's own files (compatibilities, attributes and subgroup names); used by
 * `import-sigtap` and by the example generator.
 */
import { CONSULTA, NOTA_CONSULTA_OBRIGATORIA, TELECONSULTA } from '../sigtap/consulta.js';
import type { SigtapCompatibilidade, SigtapOci, SigtapTable } from '../sigtap/types.js';

export interface GrupoDef {
    nome: string;
    descricao: string;
    membros: string[];
    /** No members: an attribute the importer could not map (written `a_preencher`). */
    pendente?: boolean;
}

export interface LinhaComposicao {
    tipo: 'obrigatorio' | 'eventual';
    codigo?: string;
    grupo?: GrupoDef;
    /** QT_PERMITIDA; undefined when the table sets no specific limit (0). */
    qt?: number;
    /** Why the line is what it is, when that is not the table's TP_COMPATIBILIDADE (written as a comment). */
    nota?: string;
}

/** A SIGTAP "Exige procedimento …" attribute the importer could not translate into a group. */
export interface AtributoNaoMapeado {
    oci: string;
    atributo: string;
    texto: string;
    motivo: string;
}

/** What the composition found besides its lines: requirements already met, attributes left to fill. */
export interface ComposicaoAvisos {
    notas: string[];
    naoMapeados: AtributoNaoMapeado[];
}

/**
 * The consultation is mandatory in every OCI (programme convention, NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS;
 * see ../sigtap/consulta.ts): a `um_de` of both codes where both are allowed with the same quantity.
 */
export { CONSULTA, TELECONSULTA } from '../sigtap/consulta.js';
export const GRUPO_CONSULTA = { nome: 'consulta', descricao: 'Consulta ou teleconsulta especializada' };

/** A group's quantity: the members' common QT_PERMITIDA; undefined when all are 0; null when they differ. */
function qtComum(rows: SigtapCompatibilidade[]): number | undefined | null {
    const qts = new Set(rows.map(r => r.qtPermitida));
    const [qt] = qts;
    if (qts.size !== 1 || qt === undefined) return null;
    return qt > 0 ? qt : undefined;
}

function fold(text: string): string {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
}

const PALAVRAS_VAZIAS = new Set([
    'de',
    'da',
    'do',
    'das',
    'dos',
    'em',
    'no',
    'na',
    'com',
    'por',
    'para',
    'p',
    'a',
    'o',
    'as',
    'os'
]);

/** Folded, letters and digits only, doubled letters collapsed ("ultrassonografia" = SIGTAP's "ultrasonografia"). */
function chave(text: string): string {
    return fold(text)
        .replace(/[^a-z0-9]+/g, ' ')
        .replace(/([a-z])\1+/g, '$1')
        .trim();
}

/** The significant words of a subject. */
function palavras(text: string): string[] {
    return chave(text)
        .split(' ')
        .filter(w => w.length >= 3 && !PALAVRAS_VAZIAS.has(w));
}

/** A word of the subject matches a word of the name sharing its stem (plural and gender endings aside). */
function contem(nome: string, palavra: string): boolean {
    const raiz = palavra.slice(0, Math.max(4, palavra.length - 2));
    return chave(nome)
        .split(' ')
        .some(w => w.startsWith(raiz));
}

/**
 * The requirements of a SIGTAP "Exige procedimento(s) de …" attribute (tb_detalhe), undefined when
 * the attribute is not one. Each requirement is a list of alternative subjects: "de X e/ou Y" and
 * "de X ou Y" are one requirement with two alternatives (at least one of them); "de X e Y" are two
 * requirements; commas list alternatives of the same kind ("de X, Y e/ou Z").
 */
export function exigenciasDoAtributo(texto: string): string[][] | undefined {
    const m = /^exige\s+(?:o\s+|os\s+)?procedimentos?\s+(?:de\s+|do\s+|da\s+)?(.+?)\.?$/i.exec(texto.trim());
    if (!m) return undefined;
    const limpo = (s: string) =>
        s
            .trim()
            .replace(/^(?:de|do|da|dos|das)\s+/i, '')
            .trim();
    const sujeitos = m[1]!; // the group always matches
    const conjuntos = sujeitos.includes('e/ou') || / ou /i.test(sujeitos) ? [sujeitos] : sujeitos.split(/\s+e\s+/i);
    return conjuntos.map(c =>
        c
            .split(/\s*,\s*|\s+e\/ou\s+|\s+ou\s+|\s+e\s+(?=.*\be\/ou\b)/i)
            .map(limpo)
            .filter(s => s.length > 0)
    );
}

/**
 * The components of `candidatos` that satisfy one subject: by procedure name (its first word is the
 * subject's first word — the kind of procedure — and every other word appears) or by subgroup name
 * (the subject's first word: "tomografia" → "Diagnóstico por tomografia").
 */
function satisfazem(table: SigtapTable, sujeito: string, candidatos: SigtapCompatibilidade[]): SigtapCompatibilidade[] {
    const ps = palavras(sujeito);
    const [tipo] = ps;
    if (tipo === undefined) return [];
    return candidatos.filter(c => {
        const nome = table.procedimentos.get(c.codigo)?.nome ?? '';
        const primeira = chave(nome).split(' ')[0] ?? '';
        return (
            (contem(primeira, tipo) && ps.every(p => contem(nome, p))) ||
            contem(table.subgrupos.get(c.codigo.slice(0, 4)) ?? '', tipo)
        );
    });
}

/** Capitalized attribute object, for a group's description. */
function objeto(texto: string): string {
    const o = texto
        .trim()
        .replace(/^exige\s+(?:o\s+|os\s+)?procedimentos?\s+(?:de\s+)?/i, '')
        .replace(/\.$/, '');
    return `${o[0]?.toUpperCase() ?? ''}${o.slice(1)}`;
}

/** One definition per group name and member set; a different set under the same name gets a suffix. */
export function registerGrupo(
    grupos: Map<string, GrupoDef>,
    nome: string,
    descricao: string,
    membros: string[],
    pendente = false
): GrupoDef {
    const chave = [...membros].sort().join(',');
    for (let n = 1; ; n++) {
        const candidato = n === 1 ? nome : `${nome}_${n}`;
        const existente = grupos.get(candidato);
        if (!existente) {
            const def: GrupoDef = {
                nome: candidato,
                descricao,
                membros: [...membros].sort(),
                ...(pendente ? { pendente } : {})
            };
            grupos.set(candidato, def);
            return def;
        }
        if (
            existente.membros.join(',') === chave &&
            existente.descricao === descricao &&
            !existente.pendente === !pendente
        )
            return existente;
    }
}

function identificador(texto: string): string {
    return (
        fold(texto)
            .replace(/[^a-z0-9]+/g, '_')
            .replace(/^_+|_+$/g, '')
            .split('_')[0] || 'grupo'
    );
}

export function composicaoSigtap(
    table: SigtapTable,
    oci: SigtapOci,
    grupos: Map<string, GrupoDef>,
    avisos?: ComposicaoAvisos
): LinhaComposicao[] {
    const restantes = new Map(oci.componentes.map(c => [c.codigo, c]));
    const linhas: LinhaComposicao[] = [];

    // The consultation is mandatory (NT 1/2025-DAET): um_de where both codes are allowed with one
    // quantity; else the in-person consultation alone (a teleconsulta with another quantity stays eventual).
    const consulta = restantes.get(CONSULTA);
    const tele = restantes.get(TELECONSULTA);
    if (consulta?.tipo === 'compativel') {
        const qt = tele?.tipo === 'compativel' ? qtComum([consulta, tele]) : null;
        if (tele && qt !== null) {
            linhas.push({
                tipo: 'obrigatorio',
                grupo: registerGrupo(grupos, GRUPO_CONSULTA.nome, GRUPO_CONSULTA.descricao, [CONSULTA, TELECONSULTA]),
                qt,
                nota: NOTA_CONSULTA_OBRIGATORIA
            });
            restantes.delete(TELECONSULTA);
        } else {
            linhas.push({
                tipo: 'obrigatorio',
                codigo: CONSULTA,
                qt: consulta.qtPermitida > 0 ? consulta.qtPermitida : undefined,
                nota: NOTA_CONSULTA_OBRIGATORIA
            });
        }
        restantes.delete(CONSULTA);
    }

    for (const atributo of oci.atributosComplementares) {
        const texto = table.detalhes.get(atributo) ?? '';
        const exigencias = exigenciasDoAtributo(texto);
        if (!exigencias) continue;
        const todos = [...oci.componentes];
        for (const alternativas of exigencias) {
            const naoMapeado = (motivo: string) => {
                const grupo = registerGrupo(
                    grupos,
                    `exige_${atributo}`,
                    `Atributo SIGTAP ${atributo} "${texto}": ${motivo} — escolha os procedimentos`,
                    [],
                    true
                );
                linhas.push({ tipo: 'obrigatorio', grupo });
                avisos?.naoMapeados.push({ oci: oci.codigo, atributo, texto, motivo });
            };
            // A subject no component satisfies cannot be performed within this OCI: the others still
            // translate the requirement (noted); none satisfied is an attribute left to the analyst.
            const semComponente = alternativas.filter(s => satisfazem(table, s, todos).length === 0);
            if (semComponente.length === alternativas.length) {
                naoMapeado(`nenhum componente da OCI corresponde a ${semComponente.map(s => `"${s}"`).join(', ')}`);
                continue;
            }
            if (semComponente.length > 0) {
                avisos?.notas.push(
                    `atributo SIGTAP ${atributo} "${texto}": nenhum componente da OCI corresponde a ${semComponente.map(s => `"${s}"`).join(', ')}`
                );
            }
            const membros = [
                ...new Map(alternativas.flatMap(s => satisfazem(table, s, todos)).map(c => [c.codigo, c])).values()
            ];
            const obrigatorio = membros.find(
                c => c.tipo === 'obrigatoria' || linhas.some(l => l.codigo === c.codigo && l.tipo === 'obrigatorio')
            );
            if (obrigatorio) {
                avisos?.notas.push(
                    `atributo SIGTAP ${atributo} "${texto}": atendido pelo componente obrigatório ${obrigatorio.codigo}`
                );
                continue;
            }
            const livres = membros.filter(c => restantes.has(c.codigo));
            if (livres.length !== membros.length) {
                naoMapeado('seus procedimentos já estão em outro grupo desta OCI');
                continue;
            }
            const qt = qtComum(livres);
            if (qt === null) {
                naoMapeado(
                    `os procedimentos correspondentes têm quantidades diferentes na tabela (${livres.map(c => c.qtPermitida).join(', ')})`
                );
                continue;
            }
            const nome = identificador(alternativas.find(s => !semComponente.includes(s))!);
            const descricao = `${objeto(texto)}: ao menos um procedimento (atributo SIGTAP ${atributo})`;
            linhas.push({
                tipo: 'obrigatorio',
                grupo: registerGrupo(
                    grupos,
                    nome,
                    descricao,
                    livres.map(c => c.codigo)
                ),
                qt
            });
            livres.forEach(c => restantes.delete(c.codigo));
        }
    }

    for (const row of restantes.values()) {
        const qt = row.qtPermitida > 0 ? row.qtPermitida : undefined;
        linhas.push({ tipo: row.tipo === 'obrigatoria' ? 'obrigatorio' : 'eventual', codigo: row.codigo, qt });
    }
    const ordem = (l: LinhaComposicao) =>
        `${l.tipo === 'obrigatorio' ? 0 : 1}${l.grupo ? 1 : 0}${l.codigo ?? l.grupo!.nome}`;
    return linhas.sort((a, b) => ordem(a).localeCompare(ordem(b)));
}
