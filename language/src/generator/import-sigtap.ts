/**
 * `import-sigtap`: writes `.oci` files for every OCI (group 09) of a SIGTAP competência, one
 * file per subgroup plus a header file with the catalogue and its OR-groups. Everything comes
 * from the table's files; what SIGTAP does not hold (tR, tM, conclusão, estimates, frequencies —
 * Portaria GM/MS 3.492/2024 art. 6 §2 III-V) is written as `a_preencher`, which `check`
 * reports (`oci/a-preencher`), so nothing is silently invented.
 */
import { formatMoney } from '../money.js';
import { valorAmbulatorial } from '../value/engine.js';
import { modalidadeOfProcedimento } from '../modalidades.js';
import { formatCodigo } from '../sigtap/codigo.js';
import type { SigtapOci, SigtapTable } from '../sigtap/types.js';
import { formatCid } from '../oci-queries.js';
import { formatCompetencia } from '../validation/catalogo-validator.js';
import { faixaEtariaTexto, quote, sexoTexto } from './oci-text.js';
import {
    composicaoSigtap,
    type AtributoNaoMapeado,
    type ComposicaoAvisos,
    type GrupoDef,
    type LinhaComposicao
} from './sigtap-composicao.js';
import { NT_CONSULTA_OBRIGATORIA } from '../sigtap/consulta.js';

export const A_PREENCHER = 'a_preencher';

export interface ImportOptions {
    /** Subgroup codes (NNNN) to import; all of group 09 when empty. */
    subgrupos?: string[];
    /** The `sigtap` path the header writes (relative to the output folder). */
    sigtapNoCabecalho: string;
}

export interface ImportedFile {
    nome: string;
    texto: string;
}

export interface ImportResult {
    arquivos: ImportedFile[];
    ocis: number;
    /** "Exige procedimento …" attributes written as `a_preencher` groups (the CLI lists them). */
    naoMapeados: AtributoNaoMapeado[];
}

function slug(text: string): string {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
}

function linhaTexto(table: SigtapTable, linha: LinhaComposicao): string {
    const alvo = linha.grupo
        ? `um_de ${linha.grupo.nome}`
        : `${formatCodigo(linha.codigo!)} ${quote(table.procedimentos.get(linha.codigo!)?.nome ?? '')}`;
    const partes = [linha.tipo, alvo];
    if (linha.qt !== undefined) partes.push(`qt ${linha.qt}`);
    if (linha.tipo === 'eventual') partes.push(`frequencia ${A_PREENCHER}`);
    partes.push(`estimativa ${A_PREENCHER}`);
    return partes.join(' ');
}

function ociTexto(
    table: SigtapTable,
    oci: SigtapOci,
    grupos: Map<string, GrupoDef>,
    naoMapeados: AtributoNaoMapeado[]
): string {
    const avisos: ComposicaoAvisos = { notas: [], naoMapeados };
    const linhas = composicaoSigtap(table, oci, grupos, avisos);
    const codigos = linhas.flatMap(l => (l.grupo ? l.grupo.membros : [l.codigo!]));
    const modalidades = [
        ...new Set(
            codigos
                .map(c => modalidadeOfProcedimento(table.procedimentos.get(c)?.nome ?? ''))
                .filter(m => m !== undefined)
        )
    ].sort();
    const out = [
        `// SIGTAP ${formatCompetencia(table.competencia)} · forma de organização ${oci.formaOrganizacao.codigo} ${oci.formaOrganizacao.nome}`,
        `oci ${formatCodigo(oci.codigo)} ${quote(oci.nome)} {`,
        `  publico sexo ${sexoTexto(oci.sexo)} idade ${faixaEtariaTexto(oci.idadeMinimaMeses, oci.idadeMaximaMeses)}`
    ];
    if (oci.cids.length > 0) out.push(`  cid ${oci.cids.map(formatCid).join(', ')}`);
    out.push(`  tR ${A_PREENCHER}`, `  tM ${A_PREENCHER}`);
    for (const nota of avisos.notas) out.push(`  // ${nota}`);
    for (const linha of linhas) {
        if (linha.nota) out.push(`  // ${linha.nota}`);
        if (linha.grupo?.pendente) out.push(`  // ${linha.grupo.descricao}`);
        out.push(`  ${linhaTexto(table, linha)}`);
    }
    out.push(`  conclusao ${A_PREENCHER}`);
    if (modalidades.length > 0) out.push(`  remoto ${modalidades.join(', ')}`);
    out.push('  contrarreferencia aps');
    out.push(`  valor ${formatMoney(valorAmbulatorial(oci))}`);
    out.push('}');
    return out.join('\n');
}

export function importSigtap(table: SigtapTable, options: ImportOptions): ImportResult {
    const wanted = new Set(options.subgrupos ?? []);
    const ocis = table
        .ociCodigos()
        .filter(c => wanted.size === 0 || wanted.has(c.slice(0, 4)))
        .map(c => table.oci(c)!)
        .filter(o => o !== undefined);
    const grupos = new Map<string, GrupoDef>();
    const porSubgrupo = new Map<string, string[]>();
    const naoMapeados: AtributoNaoMapeado[] = [];
    for (const oci of ocis) {
        const sub = oci.codigo.slice(0, 4);
        porSubgrupo.set(sub, [...(porSubgrupo.get(sub) ?? []), ociTexto(table, oci, grupos, naoMapeados)]);
    }
    const competencia = formatCompetencia(table.competencia);
    const arquivos: ImportedFile[] = [];
    const cabecalho = [
        `// Importado de ${table.arquivo} (SIGTAP ${competencia}) por oci-catalogo import-sigtap.`,
        '// Vêm da tabela: códigos, nomes, componentes (obrigatório/eventual), quantidades, público, CIDs',
        '// e valores publicados. "a_preencher" marca o que a tabela não traz (tR, tM, conclusão,',
        '// estimativas, frequências — Portaria GM/MS nº 3.492/2024, art. 6 §2 III-V): `check` os aponta.',
        `// A consulta especializada é obrigatória em toda OCI, por convenção do programa (${NT_CONSULTA_OBRIGATORIA}):`,
        '// um_de consulta onde a tabela permite consulta e teleconsulta com a mesma quantidade, a consulta',
        '// presencial onde só ela (ou a teleconsulta com outra quantidade); na tabela SIGTAP ambas são compatíveis.',
        '// Atributos "Exige procedimento de …" viram grupos um_de obrigatórios; o que não se traduz fica',
        '// num grupo a_preencher que nomeia o atributo.',
        `catalogo ${quote(`Rol de OCI — SIGTAP ${competencia}`)} versao ${quote(competencia.replace('-', '.'))} competencia ${competencia}`,
        `  sigtap ${quote(options.sigtapNoCabecalho)}`
    ];
    for (const grupo of [...grupos.values()].sort((a, b) => a.nome.localeCompare(b.nome))) {
        cabecalho.push('', `grupo ${grupo.nome} ${quote(grupo.descricao)} {`);
        if (grupo.pendente) cabecalho.push(`  ${A_PREENCHER}`);
        for (const membro of grupo.membros)
            cabecalho.push(`  ${formatCodigo(membro)} ${quote(table.procedimentos.get(membro)?.nome ?? '')}`);
        cabecalho.push('}');
    }
    arquivos.push({ nome: 'catalogo.oci', texto: cabecalho.join('\n') + '\n' });
    for (const [sub, textos] of [...porSubgrupo].sort(([a], [b]) => a.localeCompare(b))) {
        const nomeSub = table.subgrupos.get(sub) ?? sub;
        const texto =
            [
                `// Subgrupo ${sub.slice(0, 2)}.${sub.slice(2)} — ${nomeSub} (SIGTAP ${competencia}).`,
                ...textos.flatMap((t, i) => (i === 0 ? [t] : ['', t]))
            ].join('\n') + '\n';
        arquivos.push({ nome: `${sub}-${slug(nomeSub)}.oci`, texto });
    }
    return { arquivos, ocis: ocis.length, naoMapeados };
}
