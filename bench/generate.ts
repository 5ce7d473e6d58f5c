/**
 * Synthetic rol de OCI for the benchmark (`npm run bench`): N OCIs over REAL procedures of a
 * SIGTAP competência (read with the project's own reader), written three ways:
 *
 *   <out>/oci/        .oci catalogue with a few deliberate errors (what the servers and `check` see)
 *   <out>/oci-limpo/  the same catalogue without them (what `build` turns into catalogo.json)
 *   <out>/yaml/       the equivalent YAML catalogue, checked by bench/catalogo.schema.json
 *   <out>/manifest.json  files, the injected errors, and the positions the LSP phases edit,
 *                        hover and complete (0-based lines/characters, in both formats)
 *
 * Layout as users write it: one header file (catalogo, tecnologias, grupos) and one file per
 * subgroup with ~200 OCIs. OCI codes are group 09 with valid check digits, never one of the
 * table's real OCIs (a synthetic OCI gets only the `sigtap/oci-ausente` info). Each OCI has a
 * mandatory consultation OR-group and 1–3 mandatory plus 0–3 eventual procedures drawn from
 * one diagnostic subgroup (02.01–02.11), with the public (sex, age) every component admits,
 * quantities within QT_MAXIMA_EXECUCAO, estimates = VL_SA × a factor, CIDs the procedures
 * allow, tR < tM, and the declared value computed exactly as the value engine does. The clean
 * catalogue therefore checks with no error and no warning.
 *
 * Deterministic: the same table, size and seed give the same files.
 *
 *   npx esbuild bench/generate.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=node_modules/.cache/oci-bench/generate.mjs
 *   node node_modules/.cache/oci-bench/generate.mjs --sigtap ZIP --ocis 2000 --out DIR [--seed 1]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Money, formatMoney, fromCentavos, roundCentavos } from '../language/src/money.js';
import { checkDigit, formatCodigo } from '../language/src/sigtap/codigo.js';
import { loadSigtapFile } from '../language/src/sigtap/reader.js';
import type { SigtapProcedimento, SigtapTable } from '../language/src/sigtap/types.js';

// ── Command line ─────────────────────────────────────────────────────────

function option(name: string, fallback?: string): string {
    const i = process.argv.indexOf(name);
    const value = i >= 0 ? process.argv[i + 1] : fallback;
    if (value === undefined) throw new Error(`falta ${name}`);
    return value;
}

const SIGTAP_ZIP = path.resolve(option('--sigtap'));
const N = Number(option('--ocis'));
const OUT = path.resolve(option('--out'));
const SEED = Number(option('--seed', '1'));
const POR_ARQUIVO = Number(option('--por-arquivo', '200'));

// ── Deterministic randomness ─────────────────────────────────────────────

let state = SEED >>> 0 || 1;
function random(): number {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => {
    const index = Math.floor(random() * items.length);
    if (index >= items.length) throw new RangeError('pick: no item to pick');
    return items[index]!;
};

// ── Model ────────────────────────────────────────────────────────────────

interface Componente {
    tipo: 'obrigatorio' | 'eventual';
    /** Formatted code as written (an injected error may carry a wrong check digit). */
    codigo?: string;
    grupo?: string;
    nome?: string;
    qt: number;
    frequencia?: number;
    estimativaCentavos: number;
}

interface Oci {
    codigo: string;
    nome: string;
    fundamento: string;
    sexo: 'ambos' | 'feminino' | 'masculino';
    idade: string;
    cids: string[];
    tR: number;
    tM: number;
    componentes: Componente[];
    conclusao: string;
    remoto: string[];
    contrarreferencia?: { destino: string; descricao: string };
    tecnologias: string[];
    valorCentavos: number;
}

/** Where the LSP phases act on an OCI (0-based lines and characters of its text). */
interface Anchors {
    /** The OCI's code. */
    codigo: { line: number; character: number; length: number };
    /** The tR value (2 digits). */
    tR: { line: number; character: number; length: number };
    /** The first component's procedure code. */
    componente: { line: number; character: number; length: number };
    /** The value of the public's sex (an enumeration in both formats). */
    sexo: { line: number; character: number };
    /**
     * A line where a new line may be inserted and completed: in .oci, before the first
     * component (a new OCI item); in YAML, inside the first component's mapping (before
     * `codigo:`, where the schema still has properties to offer).
     */
    novoItem: { line: number; indent: string };
    first: number;
    last: number;
}

type ErrorKind =
    | 'digito-verificador'
    | 'tr-gt-tm'
    | 'codigo-duplicado'
    | 'frequencia-em-obrigatorio'
    | 'qt-zero'
    | 'sem-contrarreferencia'
    | 'procedimento-inexistente'
    | 'sexo-incompativel'
    | 'grupo-inexistente'
    | 'oci-fora-do-grupo-09'
    | 'valor-divergente';

/**
 * The deliberate errors, what our checker reports for each (`codes`, any of) and whether a JSON
 * Schema can express the rule at all (`schema`), so the run can show who caught what.
 */
const ERRORS: Record<ErrorKind, { codes: string[]; schema: boolean; descricao: string }> = {
    'digito-verificador': {
        codes: ['codigo/digito-verificador'],
        schema: false,
        descricao: 'dígito verificador errado num componente'
    },
    'tr-gt-tm': { codes: ['oci/tr-gt-tm'], schema: false, descricao: 'tR maior que tM' },
    'codigo-duplicado': {
        codes: ['oci/codigo-duplicado'],
        schema: false,
        descricao: 'código de OCI repetido em outro arquivo'
    },
    'frequencia-em-obrigatorio': {
        codes: ['componente/frequencia-em-obrigatorio'],
        schema: true,
        descricao: 'frequência num componente obrigatório'
    },
    'qt-zero': { codes: ['componente/quantidade-invalida'], schema: true, descricao: 'quantidade 0' },
    'sem-contrarreferencia': {
        codes: ['oci/contrarreferencia-ausente'],
        schema: true,
        descricao: 'sem contrarreferência'
    },
    'procedimento-inexistente': {
        codes: ['procedimento/inexistente'],
        schema: false,
        descricao: 'procedimento que não existe na competência'
    },
    'sexo-incompativel': {
        codes: ['procedimento/sexo-incompativel'],
        schema: false,
        descricao: 'procedimento masculino numa OCI feminina'
    },
    'grupo-inexistente': {
        codes: ['referencia/nao-resolvida'],
        schema: false,
        descricao: '"um_de" de um grupo não definido'
    },
    'oci-fora-do-grupo-09': { codes: ['oci/grupo-09'], schema: true, descricao: 'código de OCI fora do grupo 09' },
    'valor-divergente': {
        codes: ['valor/divergente'],
        schema: false,
        descricao: 'valor declarado diferente do calculado'
    }
};
const ERROR_KINDS = Object.keys(ERRORS) as ErrorKind[];

// ── SIGTAP pools ─────────────────────────────────────────────────────────

const CONSULTA = '0301010072';
const TELECONSULTA = '0301010307';
const DIAGNOSTICO = ['0201', '0203', '0204', '0205', '0206', '0207', '0208', '0209', '0210', '0211'];
const LABORATORIO = '0202';
/** Male-only procedure for the sex error (DOSAGEM DE FOSFATASE ÁCIDA NO ESPERMA). */
const MASCULINO = '0202090221';
const NAO_SE_APLICA = 9999;
const SEM_LIMITE = 1560;

const table: SigtapTable = loadSigtapFile(SIGTAP_ZIP);
const realOcis = new Set(table.ociCodigos());

function usable(p: SigtapProcedimento): boolean {
    return p.vlSaCentavos > 0 && (p.sexo === 'I' || p.sexo === 'N') && !/^TELE|MATRICIAMENTO/i.test(p.nome.trim());
}

const pools = new Map<string, SigtapProcedimento[]>();
for (const p of table.procedimentos.values()) {
    const sub = p.codigo.slice(0, 4);
    if ((DIAGNOSTICO.includes(sub) || sub === LABORATORIO) && usable(p)) {
        const list = pools.get(sub) ?? [];
        list.push(p);
        pools.set(sub, list);
    }
}
for (const list of pools.values()) list.sort((a, b) => a.codigo.localeCompare(b.codigo));
const anchors = DIAGNOSTICO.filter(s => (pools.get(s)?.length ?? 0) >= 3);
for (const c of [CONSULTA, TELECONSULTA, MASCULINO]) {
    if (!table.procedimentos.has(c)) throw new Error(`${formatCodigo(c)} não está na tabela ${SIGTAP_ZIP}`);
}
const allCids = [...table.cids.keys()].sort();

// ── Building one OCI ─────────────────────────────────────────────────────

function ociCodigo(subgrupo: number, n: number): string {
    // 09.SS.FF.NNN-D: subgroup per file, forma 01..09, sequence 001..999.
    const forma = 1 + Math.floor((n - 1) / 999);
    const seq = ((n - 1) % 999) + 1;
    const nine = `09${String(subgrupo).padStart(2, '0')}${String(forma).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
    return nine + checkDigit(nine);
}

function idadeTexto(meses: number): string {
    if (meses === 0) return '0 meses';
    if (meses < 12) return `${meses} meses`;
    const anos = Math.floor(meses / 12);
    const resto = meses % 12;
    return resto === 0 ? `${anos} anos` : `${anos} anos e ${resto} meses`;
}

function formatCid(cid: string): string {
    return cid.length === 4 ? `${cid.slice(0, 3)}.${cid.slice(3)}` : cid;
}

function qtFor(p: SigtapProcedimento): number {
    const max = p.qtMaximaExecucao;
    const limit = max === NAO_SE_APLICA || max <= 0 ? 3 : Math.min(max, 3);
    return random() < 0.75 ? 1 : int(1, limit);
}

function estimate(base: number): number {
    const fator = new Money(int(20, 50)).div(20); // 1,00 … 2,50 in steps of 0,05
    return roundCentavos(fromCentavos(base).times(fator)).times(100).toNumber();
}

function lineValue(c: Componente): Money {
    const f = c.tipo === 'eventual' && c.frequencia !== undefined ? new Money(c.frequencia).div(100) : new Money(1);
    return roundCentavos(fromCentavos(c.estimativaCentavos).times(c.qt).times(f));
}

/** Exactly the value engine's rule: rounded lines, 8% of the procedure subtotal, R$ 6,50. */
function valueOf(componentes: Componente[]): number {
    const subtotal = componentes.reduce((acc, c) => acc.plus(lineValue(c)), new Money(0));
    const gestao = roundCentavos(subtotal.times('0.08'));
    return subtotal.plus(gestao).plus('6.50').times(100).toNumber();
}

const FUNDAMENTOS = [
    'Portaria SAES/MS nº 1.824/2024',
    'Portaria SAES/MS nº 2.331/2024',
    'Portaria SAES/MS nº 2.630/2025',
    'Portaria GM/MS nº 3.492/2024'
];
const TEMPOS: ReadonlyArray<readonly [number, number]> = [
    [15, 30],
    [21, 30],
    [21, 45],
    [30, 60],
    [45, 60],
    [30, 90],
    [60, 90]
];

function makeOci(codigo: string, n: number): Oci {
    for (;;) {
        const anchor = pick(anchors);
        const pool = pools.get(anchor)!;
        const lab = pools.get(LABORATORIO)!;
        // Mandatory procedures of one forma de organização (e.g. 02.05.02 ultrassonografias), when it has several.
        const forma = pick(pool).codigo.slice(0, 6);
        const daForma = pool.filter(p => p.codigo.startsWith(forma));
        const fonte = daForma.length >= 3 ? daForma : pool;
        const chosen = new Map<string, SigtapProcedimento>();
        const nObrig = Math.min(int(1, 3), fonte.length);
        while (chosen.size < nObrig) {
            const p = pick(fonte);
            chosen.set(p.codigo, p);
        }
        const obrigatorios = [...chosen.values()];
        const eventuais: SigtapProcedimento[] = [];
        for (let i = int(0, 3); i > 0; i--) {
            const p = pick(random() < 0.5 ? pool : lab);
            if (!chosen.has(p.codigo)) {
                chosen.set(p.codigo, p);
                eventuais.push(p);
            }
        }
        // The public every component admits (SIGTAP: months; 9999 n/a; ≥ 130 anos no limit).
        let min = 0;
        let max = Infinity;
        for (const p of chosen.values()) {
            if (p.idadeMinimaMeses !== NAO_SE_APLICA) min = Math.max(min, p.idadeMinimaMeses);
            if (p.idadeMaximaMeses !== NAO_SE_APLICA && p.idadeMaximaMeses < SEM_LIMITE)
                max = Math.min(max, p.idadeMaximaMeses);
        }
        if (min > max) continue;
        const idade = max === Infinity ? `${idadeTexto(min)} ou mais` : `${idadeTexto(min)} a ${idadeTexto(max)}`;

        const componentes: Componente[] = [
            ...obrigatorios.map(p => ({
                tipo: 'obrigatorio' as const,
                codigo: formatCodigo(p.codigo),
                nome: p.nome.trim(),
                qt: qtFor(p),
                estimativaCentavos: estimate(p.vlSaCentavos)
            })),
            { tipo: 'obrigatorio', grupo: 'consulta', qt: 1, estimativaCentavos: estimate(1000) },
            ...eventuais.map(p => ({
                tipo: 'eventual' as const,
                codigo: formatCodigo(p.codigo),
                nome: p.nome.trim(),
                qt: qtFor(p),
                frequencia: pick([10, 20, 25, 30, 40, 50, 60, 75, 80]),
                estimativaCentavos: estimate(p.vlSaCentavos)
            }))
        ];
        const cidPool = [...new Set([...chosen.keys()].flatMap(c => table.cidsPorProcedimento(c)))]
            .filter(c => table.cids.has(c))
            .sort();
        const cids = new Set<string>();
        for (let i = int(1, 6); i > 0; i--) cids.add(pick(cidPool.length ? cidPool : allCids));
        const [tR, tM] = pick(TEMPOS);
        const subgrupoNome = (table.subgrupos.get(anchor) ?? 'diagnóstico').toUpperCase();
        return {
            codigo: formatCodigo(codigo),
            nome: `OCI AVALIAÇÃO DIAGNÓSTICA ${n} — ${subgrupoNome}`,
            fundamento: pick(FUNDAMENTOS),
            sexo: 'ambos',
            idade,
            cids: [...cids].sort().map(formatCid),
            tR,
            tM,
            componentes,
            conclusao: 'consulta',
            remoto: ['teleconsulta', 'teleconsultoria'],
            contrarreferencia: { destino: 'aps', descricao: 'Resultado e plano de cuidado à equipe de APS' },
            tecnologias: ['gestao_clinica', 'saude_digital'],
            valorCentavos: valueOf(componentes)
        };
    }
}

/** A code of group `grupo` with a valid check digit that is not in the table. */
function absentCode(grupo: string, salt: number): string {
    for (let i = 0; ; i++) {
        const nine = `${grupo}${String(99 - (i % 90)).padStart(2, '0')}99${String((salt * 7 + i) % 1000).padStart(3, '0')}`;
        const code = nine + checkDigit(nine);
        if (!table.procedimentos.has(code)) return code;
    }
}

function inject(oci: Oci, kind: ErrorKind, salt: number, duplicateOf: string): Oci {
    const o: Oci = structuredClone(oci);
    const first = o.componentes.find(c => c.codigo)!;
    switch (kind) {
        case 'digito-verificador': {
            const d = Number(first.codigo!.slice(-1));
            first.codigo = first.codigo!.slice(0, -1) + String((d + 1) % 10);
            break;
        }
        case 'tr-gt-tm':
            o.tR = o.tM + 15;
            break;
        case 'codigo-duplicado':
            o.codigo = duplicateOf;
            break;
        case 'frequencia-em-obrigatorio':
            first.frequencia = 50;
            break;
        case 'qt-zero':
            first.qt = 0;
            break;
        case 'sem-contrarreferencia':
            delete o.contrarreferencia;
            break;
        case 'procedimento-inexistente':
            first.codigo = formatCodigo(absentCode('02', salt));
            first.nome = undefined;
            break;
        case 'sexo-incompativel': {
            const p = table.procedimentos.get(MASCULINO)!;
            o.sexo = 'feminino';
            o.componentes.push({
                tipo: 'eventual',
                codigo: formatCodigo(MASCULINO),
                nome: p.nome.trim(),
                qt: 1,
                frequencia: 10,
                estimativaCentavos: p.vlSaCentavos
            });
            break;
        }
        case 'grupo-inexistente':
            o.componentes.find(c => c.grupo)!.grupo = 'consulta_especializada';
            break;
        case 'oci-fora-do-grupo-09': {
            const nine = '08' + o.codigo.replace(/\D/g, '').slice(2, 9);
            o.codigo = formatCodigo(nine + checkDigit(nine));
            break;
        }
        case 'valor-divergente':
            o.valorCentavos += 1000;
            break;
    }
    if (kind !== 'valor-divergente') o.valorCentavos = valueOf(o.componentes);
    return o;
}

// ── Writing ──────────────────────────────────────────────────────────────

const q = (s: string) => JSON.stringify(s);
const money = (centavos: number) => formatMoney(fromCentavos(centavos));
const yamlMoney = (centavos: number) => fromCentavos(centavos).toFixed(2);

/** The OCI in the .oci language; `base` is the line it starts at. */
function ociText(o: Oci, base: number): { lines: string[]; anchors: Anchors } {
    const lines: string[] = [];
    const at: Partial<Anchors> = { first: base };
    const push = (line: string) => lines.push(line);
    push(`oci ${o.codigo} ${q(o.nome)} {`);
    at.codigo = { line: base, character: 4, length: o.codigo.length };
    push(`  fundamento ${q(o.fundamento)}`);
    at.sexo = { line: base + lines.length, character: '  publico sexo '.length };
    push(`  publico sexo ${o.sexo} idade ${o.idade}`);
    push(`  cid ${o.cids.join(', ')}`);
    at.tR = { line: base + lines.length, character: 5, length: String(o.tR).length };
    push(`  tR ${o.tR} dias`);
    push(`  tM ${o.tM} dias`);
    o.componentes.forEach(c => {
        const alvo = c.codigo ? `${c.codigo}${c.nome ? ' ' + q(c.nome) : ''}` : `um_de ${c.grupo}`;
        const line = `  ${c.tipo} ${alvo} qt ${c.qt}${c.frequencia !== undefined ? ` frequencia ${c.frequencia}%` : ''} estimativa ${money(c.estimativaCentavos)}`;
        if (c.codigo && !at.componente) {
            at.componente = { line: base + lines.length, character: line.indexOf(c.codigo), length: c.codigo.length };
            at.novoItem = { line: base + lines.length, indent: '  ' };
        }
        push(line);
    });
    push(`  conclusao ${o.conclusao}`);
    push(`  remoto ${o.remoto.join(', ')}`);
    if (o.contrarreferencia)
        push(`  contrarreferencia ${o.contrarreferencia.destino} ${q(o.contrarreferencia.descricao)}`);
    push(`  tecnologias ${o.tecnologias.join(', ')}`);
    push(`  valor ${money(o.valorCentavos)}`);
    push('}');
    at.last = base + lines.length - 1;
    return { lines, anchors: at as Anchors };
}

/** The same OCI as an item of the YAML `ocis:` list. */
function ociYaml(o: Oci, base: number): { lines: string[]; anchors: Anchors } {
    const lines: string[] = [];
    const at: Partial<Anchors> = { first: base };
    const push = (line: string) => lines.push(line);
    push(`  - codigo: ${q(o.codigo)}`);
    at.codigo = { line: base, character: '  - codigo: "'.length, length: o.codigo.length };
    push(`    nome: ${q(o.nome)}`);
    push(`    fundamento: ${q(o.fundamento)}`);
    push('    publico:');
    at.sexo = { line: base + lines.length, character: '      sexo: '.length };
    push(`      sexo: ${o.sexo}`);
    push(`      idade: ${q(o.idade)}`);
    push(`    cid: [${o.cids.join(', ')}]`);
    at.tR = { line: base + lines.length, character: '    tR: '.length, length: String(o.tR).length };
    push(`    tR: ${o.tR}`);
    push(`    tM: ${o.tM}`);
    push('    componentes:');
    o.componentes.forEach(c => {
        push(`      - tipo: ${c.tipo}`);
        if (c.codigo) {
            if (!at.componente) {
                at.componente = {
                    line: base + lines.length,
                    character: '        codigo: "'.length,
                    length: c.codigo.length
                };
                at.novoItem = { line: base + lines.length, indent: '        ' };
            }
            push(`        codigo: ${q(c.codigo)}`);
            if (c.nome) push(`        nome: ${q(c.nome)}`);
        } else {
            push(`        um_de: ${c.grupo}`);
        }
        push(`        qt: ${c.qt}`);
        if (c.frequencia !== undefined) push(`        frequencia: ${c.frequencia}`);
        push(`        estimativa: ${yamlMoney(c.estimativaCentavos)}`);
    });
    push(`    conclusao: ${o.conclusao}`);
    push(`    remoto: [${o.remoto.join(', ')}]`);
    if (o.contrarreferencia) {
        push('    contrarreferencia:');
        push(`      destino: ${o.contrarreferencia.destino}`);
        push(`      descricao: ${q(o.contrarreferencia.descricao)}`);
    }
    push('    tecnologias:');
    o.tecnologias.forEach(t => push(`      - id: ${t}`));
    push(`    valor: ${yamlMoney(o.valorCentavos)}`);
    at.last = base + lines.length - 1;
    return { lines, anchors: at as Anchors };
}

const HEADER_COMMENT = `Catálogo sintético do benchmark (${N} OCIs; bench/generate.ts, semente ${SEED}): procedimentos reais da tabela SIGTAP ${path.basename(SIGTAP_ZIP)}`;

function headerOci(): string {
    const consulta = table.procedimentos.get(CONSULTA)!;
    const tele = table.procedimentos.get(TELECONSULTA)!;
    return [
        `// ${HEADER_COMMENT}`,
        `catalogo "Rol de OCI — benchmark" versao "bench-${N}" competencia 2026-01`,
        `  sigtap ${q(SIGTAP_ZIP)}`,
        '',
        'tecnologia gestao_clinica "Gestão clínica — Núcleo de Gestão do Cuidado" percentual 8%',
        'tecnologia saude_digital "Saúde digital / telessaúde" valor R$ 6,50',
        '',
        'grupo consulta "Consulta ou teleconsulta especializada" {',
        `  ${formatCodigo(CONSULTA)} ${q(consulta.nome.trim())}`,
        `  ${formatCodigo(TELECONSULTA)} ${q(tele.nome.trim())}`,
        '}',
        ''
    ].join('\n');
}

function headerYaml(): string {
    const consulta = table.procedimentos.get(CONSULTA)!;
    const tele = table.procedimentos.get(TELECONSULTA)!;
    return [
        `# ${HEADER_COMMENT}`,
        'catalogo:',
        '  nome: "Rol de OCI — benchmark"',
        `  versao: "bench-${N}"`,
        '  competencia: "2026-01"',
        `  sigtap: ${q(SIGTAP_ZIP)}`,
        'tecnologias:',
        '  - id: gestao_clinica',
        '    descricao: "Gestão clínica — Núcleo de Gestão do Cuidado"',
        '    percentual: 8',
        '  - id: saude_digital',
        '    descricao: "Saúde digital / telessaúde"',
        '    valor: 6.50',
        'grupos:',
        '  - id: consulta',
        '    descricao: "Consulta ou teleconsulta especializada"',
        '    membros:',
        `      - codigo: ${q(formatCodigo(CONSULTA))}`,
        `        nome: ${q(consulta.nome.trim())}`,
        `      - codigo: ${q(formatCodigo(TELECONSULTA))}`,
        `        nome: ${q(tele.nome.trim())}`,
        ''
    ].join('\n');
}

// ── Main ─────────────────────────────────────────────────────────────────

const nFiles = Math.max(1, Math.ceil(N / POR_ARQUIVO));
const files: Array<{ subgrupo: number; ocis: Oci[] }> = [];
let made = 0;
for (let f = 0; f < nFiles; f++) {
    const subgrupo = 10 + f; // 09.10 … : clear of the real subgroups' sequences
    const count = Math.min(POR_ARQUIVO, N - made);
    const ocis: Oci[] = [];
    for (let i = 1, n = 0; n < count; i++) {
        const codigo = ociCodigo(subgrupo, i);
        if (realOcis.has(codigo)) continue;
        ocis.push(makeOci(codigo, made + n + 1));
        n++;
    }
    made += count;
    files.push({ subgrupo, ocis });
}

// Errors: every kind at least once, about one OCI in 50 overall, spread over all files
// (never the first OCI of a file, which duplicated codes point at).
const nErrors = Math.max(ERROR_KINDS.length, Math.round(N / 50));
const flat = files.flatMap((file, fi) => file.ocis.map((_, oi) => ({ fi, oi }))).filter(x => x.oi > 0);
const stride = flat.length / nErrors;
const injected = new Map<string, ErrorKind>();
for (let e = 0; e < nErrors && e < flat.length; e++) {
    // e < nErrors, so the index stays below nErrors × stride = flat.length.
    const { fi, oi } = flat[Math.floor(e * stride + stride / 2)]!;
    injected.set(`${fi}:${oi}`, ERROR_KINDS[e % ERROR_KINDS.length]!);
}

for (const variant of ['oci', 'oci-limpo', 'yaml'] as const)
    fs.rmSync(path.join(OUT, variant), { recursive: true, force: true });
for (const variant of ['oci', 'oci-limpo', 'yaml'] as const) fs.mkdirSync(path.join(OUT, variant), { recursive: true });
fs.writeFileSync(path.join(OUT, 'oci', 'catalogo.oci'), headerOci());
fs.writeFileSync(path.join(OUT, 'oci-limpo', 'catalogo.oci'), headerOci());
fs.writeFileSync(path.join(OUT, 'yaml', 'catalogo.yaml'), headerYaml());

interface FileInfo {
    oci: string;
    yaml: string;
    ocis: number;
    ociAnchors: Anchors[];
    yamlAnchors: Anchors[];
}
const manifest = {
    ocis: N,
    seed: SEED,
    sigtap: SIGTAP_ZIP,
    header: { oci: 'catalogo.oci', yaml: 'catalogo.yaml' },
    files: [] as FileInfo[],
    errors: [] as Array<{
        kind: ErrorKind;
        codes: string[];
        schema: boolean;
        descricao: string;
        file: number;
        oci: number;
        ociLines: [number, number];
        yamlLines: [number, number];
    }>
};

files.forEach((file, fi) => {
    const name = `subgrupo-${String(file.subgrupo).padStart(2, '0')}`;
    const comment = `Subgrupo 09.${String(file.subgrupo).padStart(2, '0')} — ${file.ocis.length} OCIs sintéticas`;
    const ociLines = [`// ${comment}`];
    const cleanLines = [`// ${comment}`];
    const yamlLines = [`# ${comment}`, 'ocis:'];
    const info: FileInfo = {
        oci: `${name}.oci`,
        yaml: `${name}.yaml`,
        ocis: file.ocis.length,
        ociAnchors: [],
        yamlAnchors: []
    };
    file.ocis.forEach((clean, oi) => {
        const kind = injected.get(`${fi}:${oi}`);
        // Every file has at least one OCI (ceil(N / POR_ARQUIVO) files).
        const duplicateOf = files[(fi + 1) % files.length]!.ocis[0]!.codigo;
        const o = kind ? inject(clean, kind, fi * 1000 + oi, duplicateOf) : clean;
        ociLines.push('');
        const a = ociText(o, ociLines.length);
        ociLines.push(...a.lines);
        cleanLines.push('', ...ociText(clean, 0).lines);
        const y = ociYaml(o, yamlLines.length);
        yamlLines.push(...y.lines);
        info.ociAnchors.push(a.anchors);
        info.yamlAnchors.push(y.anchors);
        if (kind) {
            manifest.errors.push({
                kind,
                ...ERRORS[kind],
                file: fi,
                oci: oi,
                ociLines: [a.anchors.first, a.anchors.last],
                yamlLines: [y.anchors.first, y.anchors.last]
            });
        }
    });
    fs.writeFileSync(path.join(OUT, 'oci', info.oci), ociLines.join('\n') + '\n');
    fs.writeFileSync(path.join(OUT, 'oci-limpo', info.oci), cleanLines.join('\n') + '\n');
    fs.writeFileSync(path.join(OUT, 'yaml', info.yaml), yamlLines.join('\n') + '\n');
    manifest.files.push(info);
});
fs.writeFileSync(path.join(OUT, 'manifest.json'), JSON.stringify(manifest));
process.stdout.write(
    `generate: ${N} OCIs em ${files.length + 1} arquivos (${manifest.errors.length} com erro proposital) → ${OUT}\n`
);
