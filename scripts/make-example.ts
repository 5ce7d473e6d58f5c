/**
 * Generates `examples/pmae/`: the rol de OCI of one SIGTAP competência, one file per subgroup,
 * derived from the table through the project's own reader (no OCI is listed here: the script
 * walks `table.ociCodigos()`).
 *
 * What comes from SIGTAP: codes and names, components (rl_procedimento_compativel: 5 =
 * obrigatório, 1 = compatível → eventual), quantities (QT_PERMITIDA; 0 = no specific limit, left
 * out so the default quantity 1 applies), sex and age of the public, CIDs, published value (VL_SA),
 * and the "at least one CT / MRI" attributes (056 / 057) written as mandatory OR-groups.
 * What comes from the CGSI technical notes (../shared/legal/notas-tecnicas): the `fundamento`
 * (the act that created each OCI and the acts that changed it).
 * What is ILLUSTRATIVE (an analyst's plausible choices, not official): tR/tM, the estimates, the
 * frequencies of eventual components, the conclusion, the remote modalities, the counter-referral
 * text and the technology costs. Those rules are the small tables below.
 *
 * Value rule (Portaria GM/MS nº 3.492/2024 art. 6 §3): each estimate is the procedure's
 * ambulatory SIGTAP value (VL_SA) times a per-OCI "fator de valorização" k (steps of 0,05, the
 * largest that leaves gestão clínica at least GESTAO_CLINICA_REFERENCIA of the procedure subtotal),
 * saúde digital is a fixed cost, and gestão clínica is the balance that makes the computed value
 * equal the published one to the centavo (same per-line half-even rounding as the value engine).
 *
 * Run from the repository root (esbuild resolves the sources' `.js` imports to `.ts`):
 *   npx esbuild scripts/make-example.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=node_modules/.cache/make-example.mjs \
 *     && node node_modules/.cache/make-example.mjs [--sigtap ZIP] [--notas DIR] [--out DIR]
 *       [--sigtap-cabecalho PATH]
 * (the bundle lives under node_modules so that its external packages resolve).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Money, formatMoney, fromCentavos, roundCentavos } from '../language/src/money.js';
import { valorAmbulatorial } from '../language/src/value/engine.js';
import { loadSigtapFile } from '../language/src/sigtap/reader.js';
import { formatCodigo } from '../language/src/sigtap/codigo.js';
import type { SigtapOci, SigtapTable } from '../language/src/sigtap/types.js';
import { formatCid } from '../language/src/oci-queries.js';
import { faixaEtariaTexto, quote, sexoTexto } from '../language/src/generator/oci-text.js';
import {
    CONSULTA,
    GRUPO_CONSULTA,
    TELECONSULTA,
    composicaoSigtap,
    registerGrupo,
    type GrupoDef
} from '../language/src/generator/sigtap-composicao.js';

// ── Command line ─────────────────────────────────────────────────────────

function option(name: string, fallback: string): string {
    const i = process.argv.indexOf(name);
    return (i >= 0 ? process.argv[i + 1] : undefined) || fallback;
}

const SIGTAP_ZIP = path.resolve(
    option('--sigtap', '../shared/design/data/sigtap/TabelaUnificada_202601_v2601221740.zip')
);
const NOTAS_DIR = path.resolve(option('--notas', '../shared/legal/notas-tecnicas'));
const OUT_DIR = path.resolve(option('--out', 'examples/pmae'));
/** The `sigtap` path written in the header: the subset the CLI cuts next to the example. */
const SIGTAP_CABECALHO = option('--sigtap-cabecalho', 'sigtap/TabelaUnificada_202601_subset.zip');

// ── Illustrative rules ───────────────────────────────────────────────────

/** Files and times per subgroup. tM: 30 days in oncology, up to 60 otherwise (published guidance). */
const SUBGRUPOS: Record<string, { arquivo: string; tR: number; tM: number; contrarreferencia: string }> = {
    '0901': {
        arquivo: 'oncologia.oci',
        tR: 21,
        tM: 30,
        contrarreferencia:
            'Laudos e plano de cuidado à equipe de APS; caso confirmado segue regulado para tratamento oncológico, com a APS coordenando o cuidado'
    },
    '0902': {
        arquivo: 'cardiologia.oci',
        tR: 30,
        tM: 60,
        contrarreferencia:
            'Laudos e plano terapêutico à equipe de APS, que segue a condição crônica com apoio matricial da cardiologia'
    },
    '0903': {
        arquivo: 'ortopedia.oci',
        tR: 30,
        tM: 60,
        contrarreferencia:
            'Diagnóstico e conduta à equipe de APS; indicação cirúrgica ou de reabilitação segue pela regulação'
    },
    '0904': {
        arquivo: 'otorrinolaringologia.oci',
        tR: 30,
        tM: 60,
        contrarreferencia:
            'Resultado e conduta à equipe de APS; indicação de reabilitação auditiva ou cirurgia segue pela regulação'
    },
    '0905': {
        arquivo: 'oftalmologia.oci',
        tR: 30,
        tM: 60,
        contrarreferencia:
            'Laudo oftalmológico e conduta à equipe de APS; tratamento especializado segue pela regulação'
    },
    '0906': {
        arquivo: 'saude-da-mulher.oci',
        tR: 30,
        tM: 60,
        contrarreferencia:
            'Resultado e plano de cuidado à equipe de APS; tratamento cirúrgico ou oncológico segue pela regulação'
    }
};
const SUBGRUPO_PADRAO = { tR: 30, tM: 60, contrarreferencia: 'Resultado e plano de cuidado à equipe de APS' };

/** OCIs with a high-complexity component (TP_COMPLEXIDADE 3: CT, MRI, scintigraphy…) wait longer for it. */
const TR_ALTA_COMPLEXIDADE = 15;
/** tR never closer to tM than this. */
const FOLGA_TM = 5;

/** Frequency (%) of eventual components: the longest matching code prefix wins. */
const FREQUENCIAS: ReadonlyArray<readonly [prefixo: string, percentual: number]> = [
    ['0202', 80], // exames laboratoriais da avaliação: quase sempre pedidos
    ['0203', 40], // anatomopatológico: só quando a endoscopia colhe biópsia
    ['0201010569', 20], // biópsia/exérese de nódulo de mama: quando a punção não conclui
    ['020402', 8], // radiografias de coluna: cada incidência numa parte dos casos
    ['020404', 5], // radiografias de membro superior
    ['020406', 8], // radiografias de membro inferior e bacia
    ['0204030153', 50], // radiografia de tórax no pré-operatório
    ['0205010032', 40], // ecocardiografia transtorácica
    ['0205020097', 40], // ultrassonografia mamária complementar à mamografia
    ['0211040029', 60], // colposcopia
    ['0211050113', 30], // potencial evocado auditivo (triagem)
    ['0211070203', 70], // imitanciometria
    ['021106', 50], // exames oftalmológicos complementares
    ['0417010060', 30], // sedação
    ['0804020027', 50], // telediagnóstico (laudo a distância)
    ['0301010307', 50], // teleconsulta de retorno avulsa
    ['', 50]
];

/** The in-person consultation is always done when the OCI has no teleconsultation; else 3 in 4. */
const FREQUENCIA_CONSULTA_SEM_TELE = 100;
const FREQUENCIA_CONSULTA_COM_TELE = 75;

/** Procedures without a value in SIGTAP: the estimate starts from a comparable procedure. */
const REFERENCIA_SEM_VALOR: Record<string, { codigo: string; motivo: string }> = {
    '0204020131': {
        codigo: '0204020085',
        motivo: 'sem valor na tabela: estimada pela radiografia de coluna lombo-sacra dinâmica'
    },
    '0804020027': { codigo: TELECONSULTA, motivo: 'sem valor na tabela: estimado pela teleconsulta especializada' }
};

/** Technology costs (art. 6 §3). Gestão clínica: reference share; each OCI fixes its balance. */
const GESTAO_CLINICA_REFERENCIA = 8;
const SAUDE_DIGITAL_CENTAVOS = 650;
const FATOR_PASSO = new Money('0.05');
const FATOR_MAXIMO = new Money(5);

// ── Model ────────────────────────────────────────────────────────────────

interface Linha {
    tipo: 'obrigatorio' | 'eventual';
    codigo?: string;
    grupo?: GrupoDef;
    qt?: number;
    frequencia?: number;
    /** Base of the estimate, centavos (VL_SA, a reference's VL_SA, or the members' mean). */
    base: number;
    comentario?: string;
    /** Why the line is mandatory when the table says compatível (the consultation: NT 1/2025-DAET). */
    nota?: string;
}

interface OciGerada {
    oci: SigtapOci;
    texto: string;
    fator: Money;
    gestaoClinica: Money;
    subtotal: Money;
}

// ── Fundamento from the CGSI technical notes ─────────────────────────────

interface Ato {
    portaria: string;
    nota: string;
    data: string;
}

function readFundamentos(dir: string): Map<string, { criacao?: Ato; alteracoes: Ato[] }> {
    const out = new Map<string, { criacao?: Ato; alteracoes: Ato[] }>();
    if (!fs.existsSync(dir)) return out;
    for (const file of fs
        .readdirSync(dir)
        .filter(f => f.endsWith('.txt'))
        .sort()) {
        const nt = /^NT_(\d+)-(\d{4})/.exec(file);
        if (!nt) continue;
        const nota = `NT nº ${nt[1]}/${nt[2]}-CGSI`;
        const lines = fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);
        let ato: Ato | undefined;
        let revogados = false;
        lines.forEach((line, i) => {
            const p = /^PORTARIA( CONJUNTA)? nº ([\d.]+) de (\d{2})\/(\d{2})\/(\d{4}) - (\S+)/.exec(line);
            if (p) {
                const numero = Number(p[2]!.replace(/\./g, '')).toLocaleString('pt-BR');
                const orgao = p[1] ? `Conjunta ${p[6]}` : `${p[6]}/MS`;
                ato = { portaria: `Portaria ${orgao} nº ${numero}/${p[5]}`, nota, data: `${p[5]}${p[4]}${p[3]}` };
                return;
            }
            if (/^Procedimentos Revogados/.test(line)) revogados = true;
            if (
                /^(Alterações em Procedimentos|Novas Compatibilidades|Compatibilidades Revogadas|Novos Procedimentos)/.test(
                    line
                )
            )
                revogados = false;
            const oci = /^(09\.\d{2}\.\d{2}\.\d{3}-\d) - /.exec(line);
            if (!oci || !ato || revogados) return;
            const codigo = oci[1]!.replace(/[.-]/g, ''); // the group always matches
            const entry = out.get(codigo) ?? { alteracoes: [] };
            // A new procedure is followed by its description ("FINALIDADE …").
            const criacao = lines.slice(i + 1, i + 4).some(l => /^FINALIDADE/.test(l));
            if (criacao) entry.criacao = ato;
            else if (!entry.alteracoes.some(a => a.portaria === ato!.portaria)) entry.alteracoes.push(ato);
            out.set(codigo, entry);
        });
    }
    return out;
}

function fundamentoDe(codigo: string, atos: ReturnType<typeof readFundamentos>): string {
    const entry = atos.get(codigo);
    if (!entry?.criacao) return 'Portaria GM/MS nº 3.492/2024';
    const criacao = entry.criacao;
    const texto = `${criacao.portaria} (${criacao.nota})`;
    const alteracoes = entry.alteracoes
        .filter(a => a.portaria !== criacao.portaria)
        .sort((a, b) => a.data.localeCompare(b.data))
        .map(a => `${a.portaria} (${a.nota})`);
    return alteracoes.length ? `${texto}; alterada por ${alteracoes.join(', ')}` : texto;
}

// ── Formatting ───────────────────────────────────────────────────────────

function percentual(p: number): string {
    return `${p}%`;
}

function fatorTexto(k: Money): string {
    return k.toFixed(2).replace('.', ',');
}

// ── Composition ──────────────────────────────────────────────────────────

function frequenciaDe(codigo: string): number {
    let best: readonly [string, number] = ['', 50];
    for (const rule of FREQUENCIAS) {
        if (codigo.startsWith(rule[0]) && rule[0].length >= best[0].length) best = rule;
    }
    return best[1];
}

function valorSa(table: SigtapTable, codigo: string): number {
    return table.procedimentos.get(codigo)?.vlSaCentavos ?? 0;
}

function baseDe(table: SigtapTable, codigo: string): { base: number; comentario?: string } {
    const vl = valorSa(table, codigo);
    if (vl > 0) return { base: vl };
    const ref = REFERENCIA_SEM_VALOR[codigo];
    if (ref) return { base: valorSa(table, ref.codigo), comentario: ref.motivo };
    throw new Error(`${formatCodigo(codigo)} não tem valor na tabela SIGTAP nem referência em REFERENCIA_SEM_VALOR`);
}

function mediaCentavos(table: SigtapTable, codigos: string[]): number {
    const total = codigos.reduce((acc, c) => acc.plus(baseDe(table, c).base), new Money(0));
    return total.div(codigos.length).toDecimalPlaces(0, Money.ROUND_HALF_EVEN).toNumber();
}

/** The table's composition (shared with import-sigtap), with the illustrative estimate bases and frequencies. */
function composicao(table: SigtapTable, oci: SigtapOci, grupos: Map<string, GrupoDef>): Linha[] {
    const linhas = composicaoSigtap(table, oci, grupos);
    const teleAvulsa = linhas.some(l => l.codigo === TELECONSULTA);
    return linhas.map(l => {
        if (l.grupo)
            return {
                tipo: l.tipo,
                grupo: l.grupo,
                qt: l.qt,
                base: mediaCentavos(table, l.grupo.membros),
                nota: l.nota
            };
        const { base, comentario } = baseDe(table, l.codigo!);
        if (l.tipo === 'obrigatorio')
            return { tipo: l.tipo, codigo: l.codigo, qt: l.qt, base, comentario, nota: l.nota };
        const frequencia =
            l.codigo === CONSULTA
                ? teleAvulsa
                    ? FREQUENCIA_CONSULTA_COM_TELE
                    : FREQUENCIA_CONSULTA_SEM_TELE
                : frequenciaDe(l.codigo!);
        return { tipo: l.tipo, codigo: l.codigo, qt: l.qt, frequencia, base, comentario };
    });
}

// ── Value ────────────────────────────────────────────────────────────────

/** The estimate of a line under factor k (centavos → Money, rounded half-even to centavos). */
function estimativa(linha: Linha, k: Money): Money {
    return roundCentavos(fromCentavos(linha.base).times(k));
}

/** The line value exactly as the engine computes it: qt × frequência × estimativa, rounded once. */
function valorLinha(linha: Linha, k: Money): Money {
    const f =
        linha.tipo === 'eventual' && linha.frequencia !== undefined
            ? new Money(linha.frequencia).div(100)
            : new Money(1);
    return roundCentavos(
        estimativa(linha, k)
            .times(linha.qt ?? 1)
            .times(f)
    );
}

function subtotal(linhas: Linha[], k: Money): Money {
    return linhas.reduce((acc, l) => acc.plus(valorLinha(l, k)), new Money(0));
}

/**
 * The largest factor k (≥ 1, steps of 0,05) that leaves gestão clínica at least its reference
 * share of the procedure subtotal; below 1 only if the SIGTAP values alone exceed the value.
 */
function escolherFator(linhas: Linha[], publicado: Money): { k: Money; s: Money; gc: Money } {
    const disponivel = publicado.minus(fromCentavos(SAUDE_DIGITAL_CENTAVOS));
    const referencia = new Money(GESTAO_CLINICA_REFERENCIA).div(100);
    let melhor: { k: Money; s: Money; gc: Money } | undefined;
    for (let k = new Money(1); k.lte(FATOR_MAXIMO); k = k.plus(FATOR_PASSO)) {
        const s = subtotal(linhas, k);
        const gc = disponivel.minus(s);
        if (gc.lt(s.times(referencia))) break;
        melhor = { k, s, gc };
    }
    if (melhor) return melhor;
    for (let k = new Money(1); k.gt(0); k = k.minus(FATOR_PASSO)) {
        const s = subtotal(linhas, k);
        const gc = disponivel.minus(s);
        if (gc.gt(0)) return { k, s, gc };
    }
    throw new Error('nenhum fator fecha o valor publicado');
}

// ── Text ─────────────────────────────────────────────────────────────────

function generateOci(
    table: SigtapTable,
    oci: SigtapOci,
    grupos: Map<string, GrupoDef>,
    atos: ReturnType<typeof readFundamentos>
): OciGerada {
    const sub = SUBGRUPOS[oci.subgrupo.codigo] ?? SUBGRUPO_PADRAO;
    const linhas = composicao(table, oci, grupos);
    const publicado = valorAmbulatorial(oci);
    const { k, s, gc } = escolherFator(linhas, publicado);

    const codigos = new Set(oci.componentes.map(c => c.codigo));
    const altaComplexidade = [...codigos].some(c => table.procedimentos.get(c)?.complexidade === '3');
    const tM = sub.tM;
    const tR = Math.min(sub.tR + (altaComplexidade ? TR_ALTA_COMPLEXIDADE : 0), tM - FOLGA_TM);

    const temConsultaGrupo = linhas.some(l => l.grupo?.nome === GRUPO_CONSULTA.nome);
    const conclusao =
        temConsultaGrupo || codigos.has(TELECONSULTA)
            ? GRUPO_CONSULTA.nome
            : codigos.has(CONSULTA)
              ? `${formatCodigo(CONSULTA)} ${quote(table.procedimentos.get(CONSULTA)!.nome)}`
              : undefined;
    if (!conclusao) throw new Error(`${formatCodigo(oci.codigo)}: sem consulta para concluir a OCI`);
    if (!temConsultaGrupo && codigos.has(TELECONSULTA))
        registerGrupo(grupos, GRUPO_CONSULTA.nome, GRUPO_CONSULTA.descricao, [CONSULTA, TELECONSULTA]);

    const modalidades: string[] = [];
    if (codigos.has(TELECONSULTA)) modalidades.push('teleconsulta');
    if ([...codigos].some(c => /^TELEDIAGN[OÓ]STICO/.test(table.procedimentos.get(c)?.nome ?? '')))
        modalidades.push('telediagnostico');
    modalidades.push('teleconsultoria');

    const out: string[] = [];
    out.push(`oci ${formatCodigo(oci.codigo)} ${quote(oci.nome)} {`);
    out.push(`  fundamento ${quote(fundamentoDe(oci.codigo, atos))}`);
    out.push(
        `  publico sexo ${sexoTexto(oci.sexo)} idade ${faixaEtariaTexto(oci.idadeMinimaMeses, oci.idadeMaximaMeses)}`
    );
    for (let i = 0; i < oci.cids.length; i += 12) {
        out.push(
            `  cid ${oci.cids
                .slice(i, i + 12)
                .map(formatCid)
                .join(', ')}`
        );
    }
    out.push(`  tR ${tR} dias`);
    out.push(`  tM ${tM} dias`);
    out.push(`  // estimativas: valor SIGTAP (VL_SA) × ${fatorTexto(k)}`);
    for (const l of linhas) {
        const alvo = l.grupo
            ? `um_de ${l.grupo.nome}`
            : `${formatCodigo(l.codigo)} ${quote(table.procedimentos.get(l.codigo!)!.nome)}`;
        const partes = [`  ${l.tipo} ${alvo}`];
        if (l.qt !== undefined) partes.push(`qt ${l.qt}`);
        if (l.tipo === 'eventual' && l.frequencia !== undefined) partes.push(`frequencia ${percentual(l.frequencia)}`);
        partes.push(`estimativa ${formatMoney(estimativa(l, k))}`);
        if (l.comentario ?? l.nota) partes.push(`// ${l.comentario ?? l.nota}`);
        out.push(partes.join(' '));
    }
    out.push(`  conclusao ${conclusao}`);
    out.push(`  remoto ${modalidades.join(', ')}`);
    out.push(`  contrarreferencia aps ${quote(sub.contrarreferencia)}`);
    out.push(`  tecnologias gestao_clinica ${formatMoney(gc)}, saude_digital`);
    out.push(`  valor ${formatMoney(publicado)}`);
    out.push('}');
    return { oci, texto: out.join('\n'), fator: k, gestaoClinica: gc, subtotal: s };
}

function cabecalho(table: SigtapTable, grupos: Map<string, GrupoDef>): string {
    const competencia = `${table.competencia.slice(0, 4)}-${table.competencia.slice(4, 6)}`;
    const lines = [
        `// Rol de OCI — Programa Mais Acesso a Especialistas (PMAE), competência SIGTAP ${competencia}.`,
        '//',
        `// Vêm da tabela SIGTAP ${competencia} (DATASUS, ${table.arquivo}):`,
        '// o código e o nome de cada OCI, seus componentes (rl_procedimento_compativel: 5 = obrigatório,',
        '// 1 = compatível, aqui eventual), as quantidades (QT_PERMITIDA; 0 = sem limite específico, aqui',
        '// omitida: vale a quantidade padrão 1), o público (sexo e idade), os CIDs e o valor publicado',
        '// (VL_SA). Os grupos "um de" tomografia e ressonancia traduzem os atributos 056 e 057 da tabela',
        '// ("exige procedimento de tomografia / ressonância").',
        '//',
        '// Vêm da NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS (planilha detalhada das OCIs), uma convenção do',
        '// programa e não um campo da tabela: a consulta especializada é OBRIGATÓRIA em todas as 34 OCIs —',
        '// o grupo consulta (consulta e/ou teleconsulta) onde a tabela permite as duas com a mesma',
        '// quantidade, a consulta presencial 03.01.01.007-2 onde só ela (ou a teleconsulta com outra',
        '// quantidade, que fica eventual) —, com as quantidades da tabela, que traz ambas como compatíveis.',
        '// O fundamento cita as portarias que criaram e alteraram cada OCI, segundo as notas técnicas da CGSI.',
        '//',
        '// São ILUSTRATIVOS, preenchidos como faria um analista e sem valor oficial: tR e tM, as',
        '// estimativas (valor SIGTAP × um fator de valorização por OCI), as frequências dos eventuais, a',
        '// conclusão, as modalidades remotas, a contrarreferência e os custos de tecnologias (gestão',
        '// clínica fecha, em cada OCI, a diferença até o valor publicado).',
        '//',
        '// Gerado por scripts/make-example.ts a partir da tabela; ajuste as regras lá e gere de novo.',
        `catalogo "Rol de OCI — Programa Mais Acesso a Especialistas (PMAE)" versao "${competencia.replace('-', '.')}" competencia ${competencia}`,
        `  sigtap ${quote(SIGTAP_CABECALHO)}`,
        '',
        '// Gestão clínica: Núcleo de Gestão do Cuidado (Portaria GM/MS nº 3.492/2024, art. 10 §4), que',
        '// acompanha a conclusão da OCI no tempo recomendado e a transição para a APS. Referência de',
        `// ${GESTAO_CLINICA_REFERENCIA}% do subtotal de procedimentos; cada OCI fixa o valor que fecha o valor publicado.`,
        `tecnologia gestao_clinica "Gestão clínica — Núcleo de Gestão do Cuidado" percentual ${GESTAO_CLINICA_REFERENCIA}%`,
        '',
        '// Saúde digital / telessaúde (art. 10 §3): teleconsultoria na regulação do encaminhamento,',
        '// teleconsulta e telediagnóstico previstos na OCI (art. 6 §4).',
        `tecnologia saude_digital "Saúde digital / telessaúde" valor ${formatMoney(fromCentavos(SAUDE_DIGITAL_CENTAVOS))}`
    ];
    const ordem = [...grupos.values()].sort((a, b) =>
        a.nome === GRUPO_CONSULTA.nome ? -1 : b.nome === GRUPO_CONSULTA.nome ? 1 : a.nome.localeCompare(b.nome)
    );
    for (const g of ordem) {
        lines.push('');
        lines.push(`grupo ${g.nome} ${quote(g.descricao)} {`);
        for (const m of g.membros) lines.push(`  ${formatCodigo(m)} ${quote(table.procedimentos.get(m)!.nome)}`);
        lines.push('}');
    }
    return lines.join('\n') + '\n';
}

// ── Main ─────────────────────────────────────────────────────────────────

function main(): void {
    const table = loadSigtapFile(SIGTAP_ZIP);
    const atos = readFundamentos(NOTAS_DIR);
    const grupos = new Map<string, GrupoDef>();
    const porSubgrupo = new Map<string, OciGerada[]>();
    for (const codigo of table.ociCodigos()) {
        const oci = table.oci(codigo)!;
        const gerada = generateOci(table, oci, grupos, atos);
        const lista = porSubgrupo.get(oci.subgrupo.codigo) ?? [];
        lista.push(gerada);
        porSubgrupo.set(oci.subgrupo.codigo, lista);
    }
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(path.join(OUT_DIR, 'catalogo.oci'), cabecalho(table, grupos));
    const competencia = `${table.competencia.slice(0, 4)}-${table.competencia.slice(4, 6)}`;
    for (const [subgrupo, ocis] of [...porSubgrupo].sort((a, b) => a[0].localeCompare(b[0]))) {
        const arquivo = SUBGRUPOS[subgrupo]?.arquivo ?? `subgrupo-${subgrupo}.oci`;
        const nome = table.subgrupos.get(subgrupo) ?? ocis[0]?.oci.subgrupo.nome ?? subgrupo;
        const texto = [
            `// Subgrupo ${subgrupo.slice(0, 2)}.${subgrupo.slice(2)} — ${nome.trim()} (SIGTAP ${competencia}).`,
            '// Composição, público, CIDs e valores da tabela; tempos, estimativas, frequências, conclusão,',
            '// modalidades e custos de tecnologias ilustrativos (veja catalogo.oci).',
            ocis.map(o => o.texto).join('\n\n'),
            ''
        ].join('\n');
        fs.writeFileSync(path.join(OUT_DIR, arquivo), texto);
        for (const o of ocis) {
            const share = o.gestaoClinica.div(o.subtotal).times(100).toFixed(1);
            process.stdout.write(
                `${formatCodigo(o.oci.codigo)} ${arquivo.padEnd(26)} k=${fatorTexto(o.fator)} gestão clínica ${formatMoney(o.gestaoClinica)} (${share}% do subtotal)\n`
            );
        }
    }
    process.stdout.write(
        `${table.ociCodigos().length} OCI escritas em ${path.relative(process.cwd(), OUT_DIR) || OUT_DIR}\n`
    );
}

main();
