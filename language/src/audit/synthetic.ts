/**
 * Realistic synthetic SUS production for the audit's tests and benchmark: people with valid CPFs
 * (and some provisional CNSs), 13-digit APAC numbers, dates across competências, the catalogue's
 * OCIs with their components (quantities within the allowed, eventual components at their
 * frequency, the concluding procedure last, days within tR or tM), legitimate outside production
 * (BPA and other APACs) that must NOT be flagged, and a KNOWN fraction of each violation injected.
 *
 * The ground truth is returned: for each finding, the APAC numbers of the episodes that have it
 * (double billing: the episodes whose window holds the injected outside record, with the amount).
 * Dropping a mandatory component that holds the concluding procedure also makes the conclusion
 * absent, and vice versa: the truth says so (derived from the episode's records by the simple
 * rules below, and checked against the injections: an episode with no injection must come out
 * clean, or the generator throws).
 *
 * Deterministic: the same catalogue, options and seed give the same records.
 */
import type { CatalogoJson, OciJson } from '../generator/catalogo-json.js';
import { Money, fromCentavos, toCentavos } from '../money.js';
import { checkDigit, formatCodigo } from '../sigtap/codigo.js';
import { ACHADOS, type Achado } from './sql.js';
import { apacDigito, cnsProvisorio, cpfDigitos, pessoaValida } from './identificadores.js';

export interface RegistroProducao {
    pessoa: string;
    /* `quantidade` is a number, or the text of a malformed value (rejected records). */
    /** AAAA-MM-DD */
    data: string;
    procedimento: string;
    quantidade: number | string;
    /** APAC number or 'BPA'. */
    instrumento: string;
    /** The APAC's principal procedure ('' for BPA). */
    procedimento_principal: string;
    cnes: string;
    /** AAAAMM */
    competencia: string;
    /** The patient, as the SIA APAC has it (AP_SEXO, AP_NUIDADE in years, AP_CIDPRI): only with `publico`. */
    sexo?: string;
    idade?: number;
    cid?: string;
}

export interface OpcoesSinteticas {
    /** Number of OCI episodes (APACs). */
    episodios: number;
    semente?: number;
    /** First day of the period (AAAA-MM-DD); default 2025-01-01 (the whole period, windows and noise before today). */
    inicio?: string;
    /** Length of the period in months; default 6. */
    meses?: number;
    estabelecimentos?: number;
    /** IBGE code of the state; default 35 (SP). */
    uf?: string;
    /** Fraction of episodes that get each violation injected; default 2% each. */
    taxas?: Partial<Record<Achado, number>>;
    /** Average legitimate outside records (BPA / other APAC) per episode; default 1. */
    ruido?: number;
    /** Fraction of records written with formatted codes and CPFs; default 10%. */
    formatados?: number;
    /** Fraction of people identified by a CNS instead of a CPF; default 20%. */
    cns?: number;
    /** 5th digit of the generated OCI APAC numbers; default 2 (general APAC). */
    digitoTipoApac?: string;
    /**
     * Extra records with an invalid value (quantity 1.5, "+1", code "-204030030", empty cnes, 2026-02-30…), per
     * episode; default 0.
     */
    rejeitados?: number;
    /** BPA records of an OCI code and APACs of OCI codes absent from the catalogue, per episode; default 0. */
    ociForaDeLugar?: number;
    /**
     * Writes the patient's sex, age and principal CID (compatible with the OCI's público and CIDs,
     * except the injected publico/* findings); default false (and no publico/* injection).
     */
    publico?: boolean;
}

export interface VerdadeSintetica {
    /** For each finding, the APAC numbers (as written) of the episodes that have it. */
    achados: Record<Achado, Set<string>>;
    /** Injected double billing: APAC number → amount in centavos (quantity × component value). */
    cobrancaDupla: Map<string, number>;
    episodios: number;
    registros: number;
    /** Episodes per OCI code. */
    porOci: Map<string, number>;
    /** Records with an invalid value (rejeitados.csv). */
    rejeitados: number;
    /** Records dated out of the period (data/fora-do-periodo), in episodes or not. */
    registrosForaDoPeriodo: number;
    /** registro/oci-fora-de-apac: BPA records of OCI codes, per code. */
    ociEmBpa: Map<string, number>;
    /**
     * registro/oci-fora-do-rol: records of APACs whose principal is a group-09 code absent from the catalogue, per
     * code.
     */
    ociForaDoRol: Map<string, number>;
}

export const TAXA_PADRAO = 0.02;

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const DIA_MS = 86_400_000;

function diaDe(texto: string): number {
    return Math.round(Date.parse(`${texto}T00:00:00Z`) / DIA_MS);
}

interface Componente {
    tipo: 'obrigatorio' | 'eventual';
    membros: string[];
    qt: number;
    frequencia: number;
    centavos: number;
}

interface OciModelo {
    codigo: string;
    sexo: 'F' | 'M' | undefined;
    idadeMin: number;
    idadeMax: number | null;
    cids: string[];
    tr: number;
    tm: number;
    componentes: Componente[];
    conclusao: Set<string>;
}

interface Unidade {
    codigo: string;
    quantidade: number;
    dia: number;
    conclui?: boolean;
}

function modelo(o: OciJson): OciModelo {
    return {
        codigo: o.codigo,
        sexo: o.publico?.sexo === 'feminino' ? 'F' : o.publico?.sexo === 'masculino' ? 'M' : undefined,
        idadeMin: o.publico?.idadeMinimaMeses ?? 0,
        idadeMax: o.publico?.idadeMaximaMeses ?? null,
        cids: [...new Set(o.cids ?? [])],
        tr: o.tR ?? 30,
        tm: o.tM ?? 60,
        componentes: o.componentes.map(c => ({
            tipo: c.tipo,
            membros: [...new Set(c.procedimentos.map(p => p.codigo))],
            qt: Math.max(1, c.qt),
            frequencia: Number(c.frequencia),
            centavos: c.estimativa.centavos
        })),
        conclusao: new Set(o.conclusao?.procedimentos.map(p => p.codigo) ?? [])
    };
}

const mesDoDia = (dia: number) => {
    const d = new Date(dia * DIA_MS);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

/**
 * Findings that depend on every record of the APAC (the principal's and foreign ones too, without
 * the records dated out of the period): exact duplicates (same procedure and day) and the APAC's
 * two-competência validity (month of the first record and the next).
 */
function achadosDaApac(registros: Array<{ codigo: string; dia: number }>): Set<Achado> {
    const achados = new Set<Achado>();
    const vistos = new Set<string>();
    for (const r of registros) {
        const chave = `${r.codigo}|${r.dia}`;
        if (vistos.has(chave)) achados.add(ACHADOS.duplicado);
        vistos.add(chave);
    }
    if (
        registros.length &&
        mesDoDia(Math.max(...registros.map(r => r.dia))) - mesDoDia(Math.min(...registros.map(r => r.dia))) > 1
    )
        achados.add(ACHADOS.validade);
    return achados;
}

/** Findings of one episode from its component records, by the catalogue's rules (the truth). */
function achadosDoEpisodio(m: OciModelo, unidades: Unidade[]): Set<Achado> {
    const achados = new Set<Achado>();
    const porCodigo = new Map<string, number>();
    for (const u of unidades) porCodigo.set(u.codigo, (porCodigo.get(u.codigo) ?? 0) + u.quantidade);
    for (const c of m.componentes) {
        const total = c.membros.reduce((acc, p) => acc + (porCodigo.get(p) ?? 0), 0);
        if (c.tipo === 'obrigatorio' && total === 0) achados.add(ACHADOS.obrigatorio);
        if (total > c.qt) achados.add(ACHADOS.quantidade);
    }
    if (![...m.conclusao].some(p => porCodigo.has(p))) achados.add(ACHADOS.conclusao);
    if (unidades.length) {
        const dias = Math.max(...unidades.map(u => u.dia)) - Math.min(...unidades.map(u => u.dia));
        if (dias > m.tm) achados.add(ACHADOS.tempo);
        const conclusoes = unidades.filter(u => m.conclusao.has(u.codigo)).map(u => u.dia);
        const outros = unidades.filter(u => !m.conclusao.has(u.codigo)).map(u => u.dia);
        if (conclusoes.length && outros.length && Math.max(...conclusoes) < Math.max(...outros))
            achados.add(ACHADOS.conclusaoAntes);
    }
    return achados;
}

/** Procedure codes that are components of no OCI of the catalogue (legitimate outside production). */
function codigosAvulsos(componentes: Set<string>, rand: () => number, n: number): string[] {
    const out: string[] = [];
    while (out.length < n) {
        const nove = `03${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;
        const codigo = nove + checkDigit(nove);
        if (!componentes.has(codigo) && !codigo.startsWith('09')) out.push(codigo);
    }
    return out;
}

/**
 * Generates production for `catalogo` and hands each record to `emitir`. Returns the truth.
 */
export function generateProducao(
    catalogo: CatalogoJson,
    opcoes: OpcoesSinteticas,
    emitir: (r: RegistroProducao) => void
): VerdadeSintetica {
    const rand = prng(opcoes.semente ?? 20260101);
    const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
    const pick = <T>(xs: readonly T[]): T => {
        const index = Math.floor(rand() * xs.length);
        if (index >= xs.length) throw new RangeError('pick: no item to pick');
        return xs[index]!;
    };
    const chance = (p: number) => rand() < p;

    const ocis = catalogo.ocis.map(modelo).filter(m => m.componentes.length > 0);
    if (ocis.length === 0) throw new Error('catálogo sem OCI com componentes');
    const todosComponentes = new Set(ocis.flatMap(m => m.componentes.flatMap(c => c.membros)));
    const avulsos = codigosAvulsos(todosComponentes, rand, 40);
    const principaisNaoOci = codigosAvulsos(todosComponentes, rand, 10);
    const uf = opcoes.uf ?? '35';
    const tipoApac = opcoes.digitoTipoApac ?? '2';
    const inicio = diaDe(opcoes.inicio ?? '2025-01-01');
    const fim = inicio + Math.round((opcoes.meses ?? 6) * 30.44) - 1;
    const estabelecimentos = Array.from(
        { length: opcoes.estabelecimentos ?? 50 },
        (_, i) => `2${String(100000 + ((i * 7919) % 900000)).padStart(6, '0')}`
    );
    const taxa = (a: Achado) => opcoes.taxas?.[a] ?? TAXA_PADRAO;
    const ruido = opcoes.ruido ?? 1;
    const formatados = opcoes.formatados ?? 0.1;
    const fracaoCns = opcoes.cns ?? 0.2;

    const verdade: VerdadeSintetica = {
        achados: Object.fromEntries(Object.values(ACHADOS).map(a => [a, new Set<string>()])) as Record<
            Achado,
            Set<string>
        >,
        cobrancaDupla: new Map(),
        episodios: 0,
        registros: 0,
        porOci: new Map(),
        rejeitados: 0,
        registrosForaDoPeriodo: 0,
        ociEmBpa: new Map(),
        ociForaDoRol: new Map()
    };
    const codigosOci = new Set(catalogo.ocis.map(o => o.codigo));
    // Group-09 codes absent from the catalogue (valid check digit), for APACs of OCIs outside the rol.
    const ociAusentes: string[] = [];
    for (let k = 0; ociAusentes.length < 5; k++) {
        const nove = `09${String(9_000_000 + k * 1_237).padStart(7, '0')}`;
        const codigo = nove + checkDigit(nove);
        if (!codigosOci.has(codigo)) ociAusentes.push(codigo);
    }

    // Dates as text, cached.
    const textos = new Map<number, { data: string; competencia: string }>();
    const dataDe = (dia: number) => {
        let t = textos.get(dia);
        if (!t) {
            const iso = new Date(dia * DIA_MS).toISOString().slice(0, 10);
            t = { data: iso, competencia: iso.slice(0, 4) + iso.slice(5, 7) };
            textos.set(dia, t);
        }
        return t;
    };
    let paciente: { sexo: string; idade: number; cid: string } | undefined;
    const emitRegistro = (
        pessoa: string,
        dia: number,
        procedimento: string,
        quantidade: number | string,
        instrumento: string,
        principal: string,
        cnes: string,
        forcada?: { data: string; competencia: string }
    ) => {
        const { data, competencia } = forcada ?? dataDe(dia);
        const formatado = chance(formatados);
        // As SIA exports and spreadsheets write them: printed CPF ("529.982.247-25", sometimes with a
        // trailing blank), or padded to the fixed width of 15.
        const forma = formatado ? int(0, 2) : -1;
        emitir({
            pessoa:
                forma === 0 && pessoa.length === 11
                    ? `${pessoa.slice(0, 3)}.${pessoa.slice(3, 6)}.${pessoa.slice(6, 9)}-${pessoa.slice(9)}`
                    : forma === 1 && pessoa.length === 11
                      ? `${pessoa.slice(0, 3)}.${pessoa.slice(3, 6)}.${pessoa.slice(6, 9)}-${pessoa.slice(9)} `
                      : forma === 2
                        ? pessoa.padEnd(15, ' ')
                        : pessoa,
            data,
            procedimento: formatado ? formatCodigo(procedimento) : procedimento,
            quantidade,
            instrumento,
            procedimento_principal: principal,
            cnes,
            competencia,
            ...(opcoes.publico ? (paciente ?? { sexo: pick(['F', 'M']), idade: int(18, 80), cid: '' }) : {})
        });
        verdade.registros++;
    };
    const ACHADOS_PUBLICO: Achado[] = [ACHADOS.sexo, ACHADOS.idade, ACHADOS.cid];
    /** The APAC's patient: compatible with the OCI, or breaking the injected público finding. */
    const pacienteDe = (m: OciModelo, injetar: Set<Achado>) => {
        let sexo = m.sexo ?? pick(['F', 'M']);
        if (injetar.has(ACHADOS.sexo)) {
            if (m.sexo) sexo = m.sexo === 'F' ? 'M' : 'F';
            else injetar.delete(ACHADOS.sexo);
        }
        const anosMin = Math.floor(m.idadeMin / 12);
        const anosMax = m.idadeMax === null ? Math.max(anosMin, 95) : Math.floor(m.idadeMax / 12);
        let idade = int(anosMin, anosMax);
        if (injetar.has(ACHADOS.idade)) {
            // A year of age with no month in the range: above the maximum or below the minimum.
            if (m.idadeMax !== null && (chance(0.5) || m.idadeMin < 12))
                idade = Math.floor(m.idadeMax / 12) + int(1, 10);
            else if (m.idadeMin >= 12) idade = int(0, Math.floor(m.idadeMin / 12) - 1);
            else injetar.delete(ACHADOS.idade);
        }
        let cid = m.cids.length ? pick(m.cids) : '';
        if (cid.length === 3 && chance(0.5)) cid += String(int(0, 9)); // a subcategory of a listed category
        if (injetar.has(ACHADOS.cid)) {
            const fora = ['R69', 'Z000', 'J069', 'K359', 'S828'].find(
                c => !m.cids.includes(c) && !m.cids.includes(c.slice(0, 3))
            );
            if (m.cids.length && fora) cid = fora;
            else injetar.delete(ACHADOS.cid);
        }
        return { sexo, idade, cid };
    };

    let contadorPessoa = 0;
    let contadorApac = 0;
    const novaPessoa = (): string => {
        const n = contadorPessoa++;
        if (chance(fracaoCns)) {
            // Provisional CNS: 7, 8 or 9, twelve digits unique per person, one free digit, the check digit.
            const treze = `${7 + (n % 3)}${String((n * 7_368_787 + 15_485_863) % 1e12).padStart(12, '0')}`;
            for (let k = 0; k <= 9; k++) {
                const cns = cnsProvisorio(treze + k);
                if (cns) return cns;
            }
        }
        const nove = String((n * 7_368_787 + 104_729) % 1e9).padStart(9, '0');
        const cpf = nove + cpfDigitos(nove);
        return pessoaValida(cpf) ? cpf : novaPessoa();
    };
    const pessoaInvalida = (): string => {
        const valida = novaPessoa();
        const ultimo = (Number(valida[valida.length - 1]) + 1 + int(0, 7)) % 10;
        const invalida = valida.slice(0, -1) + ultimo;
        return pessoaValida(invalida) ? pessoaInvalida() : invalida;
    };
    const novaApac = (dia: number, tipo = tipoApac): string => {
        const ano = dataDe(dia).data.slice(2, 4);
        const doze = `${uf}${ano}${tipo}${String(++contadorApac).padStart(7, '0')}`;
        return doze + apacDigito(doze);
    };
    const apacInvalida = (valida: string): string => {
        switch (int(0, 2)) {
            case 0:
                return valida.slice(0, 12) + ((Number(valida[12]) + int(1, 9)) % 10);
            case 1:
                return valida.slice(0, 12);
            default:
                return `${valida.slice(0, 4)}X${valida.slice(5)}`; // the kind digit: the rest stays unique
        }
    };

    /** One person's episodes, in sequence; returns their windows. */
    const pessoaComEpisodios = (quantos: number) => {
        let pessoa = novaPessoa();
        const janelas: Array<{ inicio: number; fim: number }> = [];
        let livre = inicio + int(0, 60);
        for (let k = 0; k < quantos && verdade.episodios < opcoes.episodios; k++) {
            const m = pick(ocis);
            const d0 = livre + int(0, 20);
            if (d0 + m.tm + 30 > fim && k > 0) break;
            const injetar = new Set<Achado>(Object.values(ACHADOS).filter(a => chance(taxa(a))));
            if (!opcoes.publico) for (const a of ACHADOS_PUBLICO) injetar.delete(a);
            paciente = opcoes.publico ? pacienteDe(m, injetar) : undefined;
            if (injetar.has(ACHADOS.pessoa) && k === 0 && quantos === 1) pessoa = pessoaInvalida();
            else injetar.delete(ACHADOS.pessoa);
            const cnes = pick(estabelecimentos);
            const apacValida = novaApac(d0);
            const apac = injetar.has(ACHADOS.apac) ? apacInvalida(apacValida) : apacValida;

            // Component records.
            const unidades: Unidade[] = [];
            const forcados = new Set<number>();
            const conclusao = [...m.conclusao].filter(p => m.componentes.some(c => c.membros.includes(p)));
            const codigoConclusao = conclusao.length ? pick(conclusao) : undefined;
            const componenteConclusao = m.componentes.findIndex(
                c => codigoConclusao !== undefined && c.membros.includes(codigoConclusao)
            );
            if (componenteConclusao >= 0) forcados.add(componenteConclusao);
            m.componentes.forEach((c, i) => {
                if (c.tipo === 'eventual' && !forcados.has(i) && !chance(c.frequencia)) return;
                let q = int(1, c.qt);
                const membros =
                    i === componenteConclusao
                        ? [codigoConclusao!, ...c.membros.filter(p => p !== codigoConclusao)]
                        : c.membros;
                // The concluding member comes first; other members are drawn.
                let primeiro = true;
                while (q > 0) {
                    const porRegistro = q >= 2 && chance(0.4) ? q : 1;
                    unidades.push({
                        codigo: (primeiro ? membros[0] : undefined) ?? pick(c.membros),
                        quantidade: porRegistro,
                        dia: 0
                    });
                    primeiro = false;
                    q -= porRegistro;
                }
            });
            if (injetar.has(ACHADOS.obrigatorio)) {
                const obrigatorios = m.componentes.map((c, i) => ({ c, i })).filter(x => x.c.tipo === 'obrigatorio');
                // Prefer a component that does not hold the concluding procedure.
                const semConclusao = obrigatorios.filter(x => x.i !== componenteConclusao);
                const alvo = pick(semConclusao.length ? semConclusao : obrigatorios).c;
                for (let j = unidades.length - 1; j >= 0; j--)
                    if (alvo.membros.includes(unidades[j]!.codigo)) unidades.splice(j, 1);
            }
            if (injetar.has(ACHADOS.conclusao)) {
                for (let j = unidades.length - 1; j >= 0; j--)
                    if (m.conclusao.has(unidades[j]!.codigo)) unidades.splice(j, 1);
            }
            if (injetar.has(ACHADOS.quantidade)) {
                // After the drops, on a component still present, with a member that does not conclude
                // the OCI when the conclusion was dropped.
                const membrosPermitidos = (c: Componente) =>
                    c.membros.filter(p => !(injetar.has(ACHADOS.conclusao) && m.conclusao.has(p)));
                const candidatos = m.componentes.filter(
                    c => membrosPermitidos(c).length > 0 && unidades.some(u => c.membros.includes(u.codigo))
                );
                if (candidatos.length === 0) injetar.delete(ACHADOS.quantidade);
                else {
                    const c = pick(candidatos);
                    const atual = unidades
                        .filter(u => c.membros.includes(u.codigo))
                        .reduce((acc, u) => acc + u.quantidade, 0);
                    unidades.push({
                        codigo: pick(membrosPermitidos(c)),
                        quantidade: c.qt + 1 - atual + int(0, 1),
                        dia: 0
                    });
                }
            }

            // Dates: first record on d0, the concluding one last.
            let dias: number;
            if (injetar.has(ACHADOS.tempo) && unidades.length >= 2) dias = m.tm + int(1, 25);
            else {
                injetar.delete(ACHADOS.tempo);
                dias = unidades.length < 2 ? 0 : chance(0.8) ? int(0, m.tr) : int(m.tr, m.tm);
            }
            const ultimo = unidades.findIndex(u => m.conclusao.has(u.codigo));
            const fimIdx = ultimo >= 0 ? ultimo : unidades.length - 1;
            const inicioIdx = fimIdx === 0 ? 1 : 0;
            unidades.forEach((u, j) => {
                u.dia = j === fimIdx ? d0 + dias : j === inicioIdx ? d0 : d0 + int(0, dias);
            });
            if (injetar.has(ACHADOS.conclusaoAntes)) {
                // The conclusion dated before another component: every concluding record moves one or
                // more days before the last non-concluding one (the span is unchanged).
                const outros = unidades.filter(u => !m.conclusao.has(u.codigo));
                const conclusoes = unidades.filter(u => m.conclusao.has(u.codigo));
                if (dias < 2 || outros.length < 2 || conclusoes.length === 0) injetar.delete(ACHADOS.conclusaoAntes);
                else {
                    outros[0]!.dia = d0; // outros.length >= 2
                    outros.at(-1)!.dia = d0 + dias;
                    for (const u of conclusoes) u.dia = d0 + int(1, dias - 1);
                }
            }
            // The same procedure on the same day is one record with its quantity (as SIA records it):
            // merge, so that only injected duplicates are exact duplicates.
            for (let j = unidades.length - 1; j >= 0; j--) {
                const atual = unidades[j]!; // 0 <= j < unidades.length
                const k = unidades.findIndex(u => u.codigo === atual.codigo && u.dia === atual.dia);
                if (k < j) {
                    unidades[k]!.quantidade += atual.quantidade;
                    unidades.splice(j, 1);
                }
            }
            // A typo in the principal record's date: year 2099, 1998, or two months before its competência.
            const tipoDataFora = injetar.has(ACHADOS.dataFora) ? int(0, 2) : -1;
            // Exact duplicate: a component record repeated (when its component has room for one more
            // unit) or else the principal's record.
            let duplicar: Unidade | 'principal' | undefined;
            if (injetar.has(ACHADOS.duplicado)) {
                const comFolga = unidades.filter(u => {
                    const c = m.componentes.find(x => x.membros.includes(u.codigo))!;
                    return (
                        unidades.filter(v => c.membros.includes(v.codigo)).reduce((a, v) => a + v.quantidade, 0) +
                            u.quantidade <=
                        c.qt
                    );
                });
                duplicar =
                    comFolga.length && (chance(0.5) || tipoDataFora >= 0)
                        ? pick(comFolga)
                        : tipoDataFora >= 0
                          ? undefined
                          : 'principal';
                if (!duplicar) injetar.delete(ACHADOS.duplicado);
            }
            // A procedure that is not part of the OCI, in its APAC, possibly long after the components:
            // its own finding, never a time violation.
            const estranho = injetar.has(ACHADOS.foraDaOci)
                ? { codigo: pick(avulsos), dia: d0 + int(0, m.tm + 40) }
                : undefined;

            const esperado = achadosDoEpisodio(m, unidades);
            const daApac = [
                ...(tipoDataFora < 0 ? [{ codigo: m.codigo, dia: d0 }] : []),
                ...(duplicar === 'principal' ? [{ codigo: m.codigo, dia: d0 }] : []),
                ...unidades,
                ...(duplicar && duplicar !== 'principal' ? [duplicar] : []),
                ...(estranho ? [estranho] : [])
            ];
            for (const a of achadosDaApac(daApac)) esperado.add(a);
            if (estranho) esperado.add(ACHADOS.foraDaOci);
            if (tipoDataFora >= 0) esperado.add(ACHADOS.dataFora);
            for (const a of [ACHADOS.conclusaoAntes, ACHADOS.duplicado]) {
                if (injetar.has(a) !== esperado.has(a))
                    throw new Error(
                        `gerador: ${a} em ${apac} (${m.codigo}) ${injetar.has(a) ? 'injetado sem' : 'sem injeção, mas com'} o achado`
                    );
            }
            for (const a of [ACHADOS.tempo, ACHADOS.obrigatorio, ACHADOS.conclusao, ACHADOS.quantidade]) {
                if (
                    esperado.has(a) &&
                    !injetar.has(a) &&
                    !(a === ACHADOS.conclusao && injetar.has(ACHADOS.obrigatorio)) &&
                    !(a === ACHADOS.obrigatorio && injetar.has(ACHADOS.conclusao))
                ) {
                    throw new Error(`gerador: episódio ${apac} (${m.codigo}) saiu com ${a} sem injeção`);
                }
                if (injetar.has(a) && !esperado.has(a))
                    throw new Error(`gerador: injeção ${a} em ${apac} (${m.codigo}) não produziu o achado`);
            }
            for (const a of esperado) verdade.achados[a].add(apac);
            if (injetar.has(ACHADOS.pessoa)) verdade.achados[ACHADOS.pessoa].add(apac);
            if (injetar.has(ACHADOS.apac)) verdade.achados[ACHADOS.apac].add(apac);
            for (const a of ACHADOS_PUBLICO) if (injetar.has(a)) verdade.achados[a].add(apac);

            // The principal procedure's record, then the components.
            if (tipoDataFora >= 0) {
                const real = dataDe(d0);
                const data =
                    tipoDataFora === 0
                        ? `2099${real.data.slice(4)}`
                        : tipoDataFora === 1
                          ? `1998${real.data.slice(4)}`
                          : dataDe(d0 - 70).data;
                emitRegistro(pessoa, d0, m.codigo, 1, apac, m.codigo, cnes, { data, competencia: real.competencia });
                verdade.registrosForaDoPeriodo++;
            } else emitRegistro(pessoa, d0, m.codigo, 1, apac, m.codigo, cnes);
            if (duplicar === 'principal') emitRegistro(pessoa, d0, m.codigo, 1, apac, m.codigo, cnes);
            for (const u of unidades) emitRegistro(pessoa, u.dia, u.codigo, u.quantidade, apac, m.codigo, cnes);
            if (duplicar && duplicar !== 'principal')
                emitRegistro(pessoa, duplicar.dia, duplicar.codigo, duplicar.quantidade, apac, m.codigo, cnes);
            if (estranho) emitRegistro(pessoa, estranho.dia, estranho.codigo, 1, apac, m.codigo, cnes);
            const janela = { inicio: d0 - m.tm, fim: d0 + dias + m.tm };
            janelas.push(janela);

            // Without a record of its own in the period (no component left, the principal's date a
            // typo) the episode has no dates: nothing can show a record inside its window, so no
            // double billing is injected (the audit cannot, and must not guess, place it in time).
            if (injetar.has(ACHADOS.cobranca) && (unidades.length > 0 || tipoDataFora < 0)) {
                const c = pick(m.componentes);
                const quantidade = chance(0.8) ? 1 : 2;
                const bpa = chance(0.7);
                const dia = int(janela.inicio, janela.fim);
                emitRegistro(
                    pessoa,
                    dia,
                    pick(c.membros),
                    quantidade,
                    bpa ? 'BPA' : novaApac(dia, '2'),
                    bpa ? '' : pick(principaisNaoOci),
                    pick(estabelecimentos)
                );
                verdade.achados[ACHADOS.cobranca].add(apac);
                verdade.cobrancaDupla.set(apac, quantidade * c.centavos);
            }
            verdade.episodios++;
            verdade.porOci.set(m.codigo, (verdade.porOci.get(m.codigo) ?? 0) + 1);
            // The next episode's window must not touch this one (tM of both + a month).
            livre = janela.fim + 60 + 31;
        }
        // Legitimate outside production: components only outside every window of the person.
        const n = Math.floor(ruido) + (chance(ruido - Math.floor(ruido)) ? 1 : 0);
        const antes = janelas.length ? Math.min(...janelas.map(j => j.inicio)) : inicio;
        const depois = janelas.length ? Math.max(...janelas.map(j => j.fim)) : inicio;
        for (let k = 0; k < n * Math.max(1, janelas.length); k++) {
            const componente = chance(0.5);
            const codigo = componente ? pick([...pick(ocis).componentes.flatMap(c => c.membros)]) : pick(avulsos);
            const dia = componente ? (chance(0.5) ? antes - int(1, 90) : depois + int(1, 90)) : int(inicio, fim);
            const bpa = chance(0.75);
            emitRegistro(
                pessoa,
                dia,
                codigo,
                int(1, 2),
                bpa ? 'BPA' : novaApac(dia, '2'),
                bpa ? '' : pick(principaisNaoOci),
                pick(estabelecimentos)
            );
        }
        // Records with an invalid value: rejected (rejeitados.csv), never part of an episode.
        const rejeitados = opcoes.rejeitados ?? 0;
        for (let k = 0; k < janelas.length; k++) {
            if (!chance(rejeitados)) continue;
            const dia = int(inicio, fim);
            const codigo = pick(avulsos);
            const ruim = int(0, 6);
            const { data, competencia } = dataDe(dia);
            emitir({
                pessoa: ruim === 5 ? '' : pessoa,
                data: ruim === 4 ? `${data.slice(0, 5)}02-30` : data,
                procedimento: ruim === 2 ? `-${codigo.slice(1)}` : ruim === 3 ? ` ${codigo.slice(1)}` : codigo,
                quantidade: ruim === 0 ? pick(['1.5', '+1', ' 1', '0', '-1']) : 1,
                instrumento: 'BPA',
                procedimento_principal: '',
                cnes: ruim === 1 || ruim === 6 ? '' : pick(estabelecimentos),
                competencia,
                ...(opcoes.publico ? { sexo: 'F', idade: 40, cid: '' } : {})
            });
            verdade.registros++;
            verdade.rejeitados++;
        }
        // OCI codes out of place: in BPA (outside an APAC) or as the principal of an APAC of an OCI not in the rol.
        const foraDeLugar = opcoes.ociForaDeLugar ?? 0;
        for (let k = 0; k < janelas.length; k++) {
            if (!chance(foraDeLugar)) continue;
            const dia = int(inicio, fim);
            if (chance(0.5)) {
                const codigo = pick(ocis).codigo;
                emitRegistro(pessoa, dia, codigo, 1, 'BPA', '', pick(estabelecimentos));
                verdade.ociEmBpa.set(codigo, (verdade.ociEmBpa.get(codigo) ?? 0) + 1);
            } else {
                const codigo = pick(ociAusentes);
                const apac = novaApac(dia);
                const n = int(1, 3);
                emitRegistro(pessoa, dia, codigo, 1, apac, codigo, pick(estabelecimentos));
                for (let j = 1; j < n; j++)
                    emitRegistro(pessoa, dia + j, pick(avulsos), 1, apac, codigo, pick(estabelecimentos));
                verdade.ociForaDoRol.set(codigo, (verdade.ociForaDoRol.get(codigo) ?? 0) + n);
            }
        }
    };

    while (verdade.episodios < opcoes.episodios) {
        const antes = verdade.episodios;
        pessoaComEpisodios(pick([1, 1, 1, 2, 3]));
        if (verdade.episodios === antes && verdade.registros > 10 * opcoes.episodios + 1000)
            throw new Error('gerador: não consegue gerar episódios');
    }
    return verdade;
}

/** Total injected double billing in reais (exact). */
export function valorCobrancaDupla(verdade: VerdadeSintetica): Money {
    return fromCentavos([...verdade.cobrancaDupla.values()].reduce((a, b) => a + b, 0));
}

/** CSV text (header + lines, `,` separated) of records, as the audit reads them. */
export const CABECALHO_CSV = 'pessoa,data,procedimento,quantidade,instrumento,procedimento_principal,cnes,competencia';

export function linhaCsv(r: RegistroProducao): string {
    const base = `${r.pessoa},${r.data},${r.procedimento},${r.quantidade},${r.instrumento},${r.procedimento_principal},${r.cnes},${r.competencia}`;
    return r.sexo === undefined ? base : `${base},${r.sexo},${r.idade},${r.cid}`;
}

/** The header for records with the patient (`publico`): the SIA APAC names, read without --map. */
export const CABECALHO_CSV_PUBLICO = `${CABECALHO_CSV},AP_SEXO,AP_NUIDADE,AP_CIDPRI`;

export { toCentavos };

/**
 * A malformed copy of a production line, as broken exports and hand edits produce them: 0 a
 * missing column, 1 an extra column, 2 an unpaired quote in the first field. DuckDB skips 0 and 1
 * (reject_errors, with the line); 2 reaches the audit with the quote in the value and is rejected
 * ("aspas sem par"). None of them may change a number.
 */
export function linhaMalformada(linha: string, tipo: number): string {
    const campos = linha.split(',');
    if (tipo === 0) return campos.slice(0, -1).join(',');
    if (tipo === 1) return `${linha},X`;
    return `"${linha}`;
}
