/**
 * Semantic diff of two JSON catalogues (`CatalogoJson`, format `oci-catalogo/1`) for catalogue
 * governance: which OCIs were added, removed or renamed, and for each OCI kept what changed in
 * its components, tR/tM, public (sex, age, CIDs), conclusion, remote modalities,
 * contrarreferência, technologies and value — with the difference in exact decimal money and,
 * when volumes are given, the financial impact (Δ valor × volume).
 *
 * A pure function: no I/O, deterministic (everything sorted by code or kept in catalogue order),
 * so two runs over the same inputs give the same bytes. The shape is the types below (also a
 * JSON Schema, `catalogo-diff.schema.json` beside this file, and README "Diferenças entre
 * catálogos"); `formato` is `oci-catalogo-diff/1`.
 *
 * "Valor" of an OCI is the computed value (`valor.calculado`), the one the published catalogue
 * shows and `resumo.valorTotal` adds up; changes to the declared and SIGTAP values are reported
 * beside it.
 */
import type { ConfigDiff } from '../config/config-diff.js';
import { fromCentavos, moneyString, toCentavos, type Money } from '../money.js';
import type {
    CatalogoJson,
    ComponenteJson,
    CustoJson,
    MoneyJson,
    OciJson,
    ProcedimentoJson
} from '../generator/catalogo-json.js';

export const CATALOGO_DIFF_FORMAT = 'oci-catalogo-diff/1';

/** A field that changed: its value before and after. Unchanged fields are `null` in their parent. */
export interface Mudanca<T> {
    antes: T;
    depois: T;
}

/** A money change with the exact difference (depois − antes). */
export interface MudancaValor {
    antes: MoneyJson;
    depois: MoneyJson;
    diferenca: MoneyJson;
}
/**
 * A change of an amount that may be absent on one side: `diferenca` (depois − antes) is null only when a side has none.
 */
export interface MudancaDinheiroOuNulo {
    antes: MoneyJson | null;
    depois: MoneyJson | null;
    diferenca: MoneyJson | null;
}
/**
 * A change of a technology's cost: `diferenca` (depois − antes) when both are fixed amounts, else null (a percentage
 * has no amount).
 */
export interface MudancaCusto {
    antes: CustoJson;
    depois: CustoJson;
    diferenca: MoneyJson | null;
}

/** Items added to and removed from a list (order of the new and old list respectively). */
export interface MudancaLista<T> {
    adicionados: T[];
    removidos: T[];
}

export interface CatalogoInfo {
    nome: string;
    versao: string | null;
    competencia: string | null;
    sigtap: { arquivo: string; competencia: string; sha256: string } | null;
    ocis: number;
    valorTotal: MoneyJson;
}

export interface OciResumo {
    codigo: string;
    codigoFormatado: string;
    nome: string;
    subgrupo: string;
    tR: number | null;
    tM: number | null;
    valor: MoneyJson;
}

export interface ComponenteAlteracao {
    /** Identity of the component inside the OCI: `grupo:<nome>` for "um de", else the procedure code. */
    chave: string;
    /** The component as it is in the new catalogue. */
    depois: ComponenteJson;
    tipo: Mudanca<ComponenteJson['tipo']> | null;
    qt: Mudanca<number> | null;
    frequencia: Mudanca<string> | null;
    estimativa:
        | (MudancaValor & {
              origemAntes: ComponenteJson['origemEstimativa'];
              origemDepois: ComponenteJson['origemEstimativa'];
          })
        | null;
    procedimentos: MudancaLista<ProcedimentoJson> | null;
    valor: MudancaValor | null;
}

export interface TecnologiaOciAlteracao {
    nome: string;
    custo: MudancaCusto | null;
    valor: MudancaValor | null;
}

export interface OciAlteracao {
    codigo: string;
    codigoFormatado: string;
    /** Name in the new catalogue. */
    nome: string;
    subgrupo: string;
    /** Same code, new name. */
    renomeada: Mudanca<string> | null;
    tR: Mudanca<number | null> | null;
    tM: Mudanca<number | null> | null;
    /** Sex and age range, both sides whole when any of them changed. */
    publico: Mudanca<OciJson['publico']> | null;
    cids: MudancaLista<string> | null;
    componentes: {
        adicionados: ComponenteJson[];
        removidos: ComponenteJson[];
        alterados: ComponenteAlteracao[];
    } | null;
    conclusao: Mudanca<OciJson['conclusao']> | null;
    modalidadesRemotas: MudancaLista<string> | null;
    contrarreferencia: Mudanca<OciJson['contrarreferencia']> | null;
    fundamento: MudancaLista<string> | null;
    tecnologias: { adicionadas: string[]; removidas: string[]; alteradas: TecnologiaOciAlteracao[] } | null;
    /** The OCI's value (computed), when it changed. */
    valor: MudancaValor | null;
    valorDeclarado: MudancaDinheiroOuNulo | null;
    valorSigtap: MudancaDinheiroOuNulo | null;
}

export interface TecnologiaAlteracao {
    nome: string;
    descricao: Mudanca<string | null> | null;
    custo: MudancaCusto | null;
}

export interface GrupoAlteracao {
    nome: string;
    descricao: Mudanca<string | null> | null;
    procedimentos: MudancaLista<ProcedimentoJson>;
}

export interface ImpactoOci {
    codigo: string;
    codigoFormatado: string;
    nome: string;
    situacao: 'adicionada' | 'removida' | 'alterada';
    valorAntes: MoneyJson | null;
    valorDepois: MoneyJson | null;
    /** depois − antes (an added OCI counts from zero, a removed one down to zero). */
    diferenca: MoneyJson;
    volume: number;
    /** diferenca × volume, exact. */
    impacto: MoneyJson;
}

export interface ImpactoFinanceiro {
    /** OCIs whose value changed (or that were added/removed) and that have a volume, by code. */
    ocis: ImpactoOci[];
    /** OCIs whose value changed but have no volume: left out of the total. */
    semVolume: Array<{ codigo: string; codigoFormatado: string; nome: string; diferenca: MoneyJson }>;
    /** Codes in the volumes that are in neither catalogue. */
    codigosSemOci: string[];
    total: MoneyJson;
}

export interface CatalogoDiff {
    formato: typeof CATALOGO_DIFF_FORMAT;
    antigo: CatalogoInfo;
    novo: CatalogoInfo;
    catalogo: {
        nome: Mudanca<string> | null;
        versao: Mudanca<string | null> | null;
        competencia: Mudanca<string | null> | null;
        sigtap: Mudanca<CatalogoInfo['sigtap']> | null;
    };
    tecnologias: {
        adicionadas: CatalogoJson['tecnologias'];
        removidas: CatalogoJson['tecnologias'];
        alteradas: TecnologiaAlteracao[];
    };
    grupos: { adicionados: CatalogoJson['grupos']; removidos: CatalogoJson['grupos']; alterados: GrupoAlteracao[] };
    ocis: { adicionadas: OciResumo[]; removidas: OciResumo[]; alteradas: OciAlteracao[] };
    /** Present when volumes were given. */
    impacto: ImpactoFinanceiro | null;
    /** What changed in the workspace configuration (oci-catalogo.yaml); absent when nothing did (set by the CLI). */
    configuracao?: ConfigDiff;
    resumo: {
        ocisAntes: number;
        ocisDepois: number;
        adicionadas: number;
        removidas: number;
        alteradas: number;
        renomeadas: number;
        /** OCIs kept whose value changed. */
        comValorAlterado: number;
        valorTotal: MudancaValor;
        /** True when nothing at all differs (catalogue metadata included). */
        semMudancas: boolean;
    };
}

/** Volumes per OCI code (10 digits, no punctuation). */
export type Volumes = ReadonlyMap<string, number>;

function moneyJson(value: Money): MoneyJson {
    return { reais: moneyString(value), centavos: toCentavos(value) };
}

function diferenca(antes: MoneyJson, depois: MoneyJson): MoneyJson {
    return moneyJson(fromCentavos(depois.centavos).minus(fromCentavos(antes.centavos)));
}

function mudancaValor(antes: MoneyJson, depois: MoneyJson): MudancaValor | null {
    return antes.centavos === depois.centavos ? null : { antes, depois, diferenca: diferenca(antes, depois) };
}

function same(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

function mudanca<T>(antes: T, depois: T): Mudanca<T> | null {
    return same(antes, depois) ? null : { antes, depois };
}

function moneyOrNull(a: MoneyJson | null, b: MoneyJson | null): MudancaDinheiroOuNulo | null {
    if ((a?.centavos ?? null) === (b?.centavos ?? null)) return null;
    return { antes: a, depois: b, diferenca: a && b ? diferenca(a, b) : null };
}

function mudancaCusto(a: CustoJson, b: CustoJson): MudancaCusto | null {
    if (same(a, b)) return null;
    return {
        antes: a,
        depois: b,
        diferenca: a.tipo === 'valor' && b.tipo === 'valor' ? diferenca(a.valor, b.valor) : null
    };
}

function listChange<T>(antes: T[], depois: T[], key: (x: T) => string = x => String(x)): MudancaLista<T> | null {
    const before = new Set(antes.map(key));
    const after = new Set(depois.map(key));
    const adicionados = depois.filter(x => !before.has(key(x)));
    const removidos = antes.filter(x => !after.has(key(x)));
    return adicionados.length || removidos.length ? { adicionados, removidos } : null;
}

function byCode<T extends { codigo: string }>(a: T, b: T): number {
    return a.codigo < b.codigo ? -1 : a.codigo > b.codigo ? 1 : 0;
}

function byName<T extends { nome: string }>(a: T, b: T): number {
    return a.nome < b.nome ? -1 : a.nome > b.nome ? 1 : 0;
}

function info(c: CatalogoJson): CatalogoInfo {
    return {
        nome: c.catalogo.nome,
        versao: c.catalogo.versao,
        competencia: c.catalogo.competencia,
        sigtap: c.catalogo.sigtap,
        ocis: c.ocis.length,
        valorTotal: c.resumo.valorTotal
    };
}

function resumoOci(o: OciJson): OciResumo {
    return {
        codigo: o.codigo,
        codigoFormatado: o.codigoFormatado,
        nome: o.nome,
        subgrupo: o.subgrupo.codigo,
        tR: o.tR,
        tM: o.tM,
        valor: o.valor.calculado
    };
}

/** Identity of a component within its OCI. */
export function componenteChave(c: ComponenteJson): string {
    return c.grupo ? `grupo:${c.grupo}` : c.procedimentos.map(p => p.codigo).join('+');
}

function componentes(antes: ComponenteJson[], depois: ComponenteJson[]): OciAlteracao['componentes'] {
    const old = new Map(antes.map(c => [componenteChave(c), c]));
    const now = new Map(depois.map(c => [componenteChave(c), c]));
    const adicionados = depois.filter(c => !old.has(componenteChave(c)));
    const removidos = antes.filter(c => !now.has(componenteChave(c)));
    const alterados: ComponenteAlteracao[] = [];
    for (const c of depois) {
        const chave = componenteChave(c);
        const a = old.get(chave);
        if (!a) continue;
        const estimativa = mudancaValor(a.estimativa, c.estimativa);
        const change: ComponenteAlteracao = {
            chave,
            depois: c,
            tipo: mudanca(a.tipo, c.tipo),
            qt: mudanca(a.qt, c.qt),
            frequencia: mudanca(a.frequencia, c.frequencia),
            estimativa: estimativa
                ? { ...estimativa, origemAntes: a.origemEstimativa, origemDepois: c.origemEstimativa }
                : null,
            procedimentos: listChange(a.procedimentos, c.procedimentos, p => p.codigo),
            valor: mudancaValor(a.valor, c.valor)
        };
        if (change.tipo || change.qt || change.frequencia || change.estimativa || change.procedimentos || change.valor)
            alterados.push(change);
    }
    return adicionados.length || removidos.length || alterados.length ? { adicionados, removidos, alterados } : null;
}

function tecnologiasOci(
    antes: OciJson['valor']['tecnologias'],
    depois: OciJson['valor']['tecnologias']
): OciAlteracao['tecnologias'] {
    const old = new Map(antes.map(t => [t.nome, t]));
    const now = new Set(depois.map(t => t.nome));
    const adicionadas = depois.filter(t => !old.has(t.nome)).map(t => t.nome);
    const removidas = antes.filter(t => !now.has(t.nome)).map(t => t.nome);
    const alteradas: TecnologiaOciAlteracao[] = [];
    for (const t of depois) {
        const a = old.get(t.nome);
        if (!a) continue;
        const change = { nome: t.nome, custo: mudancaCusto(a.custo, t.custo), valor: mudancaValor(a.valor, t.valor) };
        if (change.custo || change.valor) alteradas.push(change);
    }
    return adicionadas.length || removidas.length || alteradas.length ? { adicionadas, removidas, alteradas } : null;
}

function ociAlteracao(a: OciJson, b: OciJson): OciAlteracao | null {
    const change: OciAlteracao = {
        codigo: b.codigo,
        codigoFormatado: b.codigoFormatado,
        nome: b.nome,
        subgrupo: b.subgrupo.codigo,
        renomeada: mudanca(a.nome, b.nome),
        tR: mudanca(a.tR, b.tR),
        tM: mudanca(a.tM, b.tM),
        publico: mudanca(a.publico, b.publico),
        cids: listChange(a.cids, b.cids),
        componentes: componentes(a.componentes, b.componentes),
        conclusao: mudanca(conclusaoChave(a.conclusao), conclusaoChave(b.conclusao))
            ? { antes: a.conclusao, depois: b.conclusao }
            : null,
        modalidadesRemotas: listChange(a.modalidadesRemotas, b.modalidadesRemotas),
        contrarreferencia: mudanca(a.contrarreferencia, b.contrarreferencia),
        fundamento: listChange(a.fundamento, b.fundamento),
        tecnologias: tecnologiasOci(a.valor.tecnologias, b.valor.tecnologias),
        valor: mudancaValor(a.valor.calculado, b.valor.calculado),
        valorDeclarado: moneyOrNull(a.valor.declarado, b.valor.declarado),
        valorSigtap: moneyOrNull(a.valor.sigtap, b.valor.sigtap)
    };
    const { codigo: _c, codigoFormatado: _f, nome: _n, subgrupo: _s, ...fields } = change;
    return Object.values(fields).some(v => v !== null) ? change : null;
}

/**
 * A conclusion is the same when it names the same group or the same procedure codes (names may change with the table).
 */
function conclusaoChave(c: OciJson['conclusao']): string | null {
    if (!c) return null;
    return c.grupo ? `grupo:${c.grupo}` : c.procedimentos.map(p => p.codigo).join('+');
}

function tecnologiasCatalogo(
    antes: CatalogoJson['tecnologias'],
    depois: CatalogoJson['tecnologias']
): CatalogoDiff['tecnologias'] {
    const { novos, idos, alterados } = porNome(antes, depois, (a, t): TecnologiaAlteracao | undefined => {
        const change = {
            nome: t.nome,
            descricao: mudanca(a.descricao, t.descricao),
            custo: mudancaCusto(a.custo, t.custo)
        };
        return change.descricao || change.custo ? change : undefined;
    });
    return { adicionadas: novos, removidas: idos, alteradas: alterados };
}

function gruposCatalogo(antes: CatalogoJson['grupos'], depois: CatalogoJson['grupos']): CatalogoDiff['grupos'] {
    const { novos, idos, alterados } = porNome(antes, depois, (a, g): GrupoAlteracao | undefined => {
        const descricao = mudanca(a.descricao, g.descricao);
        const procedimentos = listChange(a.procedimentos, g.procedimentos, p => p.codigo);
        return descricao || procedimentos
            ? { nome: g.nome, descricao, procedimentos: procedimentos ?? { adicionados: [], removidos: [] } }
            : undefined;
    });
    return { adicionados: novos, removidos: idos, alterados };
}

/**
 * Two lists matched by name, each result by name: the items only in `depois`, those only in `antes`, and what
 * `alteracao` says of each pair that changed (undefined: unchanged).
 */
function porNome<T extends { nome: string }, A>(
    antes: readonly T[],
    depois: readonly T[],
    alteracao: (antes: T, depois: T) => A | undefined
): { novos: T[]; idos: T[]; alterados: A[] } {
    const old = new Map(antes.map(t => [t.nome, t]));
    const now = new Set(depois.map(t => t.nome));
    const alterados: A[] = [];
    for (const t of [...depois].sort(byName)) {
        const a = old.get(t.nome);
        const change = a && alteracao(a, t);
        if (change) alterados.push(change);
    }
    return {
        novos: depois.filter(t => !old.has(t.nome)).sort(byName),
        idos: antes.filter(t => !now.has(t.nome)).sort(byName),
        alterados
    };
}

function impacto(
    adicionadas: OciJson[],
    removidas: OciJson[],
    pares: Array<[OciJson, OciJson]>,
    volumes: Volumes
): ImpactoFinanceiro {
    const zero: MoneyJson = { reais: '0.00', centavos: 0 };
    const rows: Array<Omit<ImpactoOci, 'volume' | 'impacto'>> = [
        ...adicionadas.map(o => ({
            codigo: o.codigo,
            codigoFormatado: o.codigoFormatado,
            nome: o.nome,
            situacao: 'adicionada' as const,
            valorAntes: null,
            valorDepois: o.valor.calculado,
            diferenca: diferenca(zero, o.valor.calculado)
        })),
        ...removidas.map(o => ({
            codigo: o.codigo,
            codigoFormatado: o.codigoFormatado,
            nome: o.nome,
            situacao: 'removida' as const,
            valorAntes: o.valor.calculado,
            valorDepois: null,
            diferenca: diferenca(o.valor.calculado, zero)
        })),
        ...pares
            .filter(([a, b]) => a.valor.calculado.centavos !== b.valor.calculado.centavos)
            .map(([a, b]) => ({
                codigo: b.codigo,
                codigoFormatado: b.codigoFormatado,
                nome: b.nome,
                situacao: 'alterada' as const,
                valorAntes: a.valor.calculado,
                valorDepois: b.valor.calculado,
                diferenca: diferenca(a.valor.calculado, b.valor.calculado)
            }))
    ]
        .filter(r => r.diferenca.centavos !== 0)
        .sort(byCode);
    const ocis: ImpactoOci[] = [];
    const semVolume: ImpactoFinanceiro['semVolume'] = [];
    let total = fromCentavos(0);
    for (const r of rows) {
        const volume = volumes.get(r.codigo);
        if (volume === undefined) {
            semVolume.push({
                codigo: r.codigo,
                codigoFormatado: r.codigoFormatado,
                nome: r.nome,
                diferenca: r.diferenca
            });
            continue;
        }
        const value = fromCentavos(r.diferenca.centavos).times(volume);
        total = total.plus(value);
        ocis.push({ ...r, volume, impacto: moneyJson(value) });
    }
    const known = new Set([...adicionadas, ...removidas, ...pares.map(p => p[1])].map(o => o.codigo));
    const codigosSemOci = [...volumes.keys()].filter(c => !known.has(c)).sort();
    return { ocis, semVolume, codigosSemOci, total: moneyJson(total) };
}

/**
 * The semantic diff of two catalogues. `volumes` (OCI code → volume) adds the financial impact.
 * Codes in the volumes that name no OCI of either catalogue are listed, not rejected.
 */
export function diffCatalogos(antigo: CatalogoJson, novo: CatalogoJson, volumes?: Volumes): CatalogoDiff {
    const old = new Map(antigo.ocis.map(o => [o.codigo, o]));
    const now = new Map(novo.ocis.map(o => [o.codigo, o]));
    const adicionadas = novo.ocis.filter(o => !old.has(o.codigo)).sort(byCode);
    const removidas = antigo.ocis.filter(o => !now.has(o.codigo)).sort(byCode);
    const pares = novo.ocis
        .filter(o => old.has(o.codigo))
        .sort(byCode)
        .map(o => [old.get(o.codigo)!, o] as [OciJson, OciJson]);
    const alteradas = pares.map(([a, b]) => ociAlteracao(a, b)).filter((x): x is OciAlteracao => x !== null);
    const catalogo = {
        nome: mudanca(antigo.catalogo.nome, novo.catalogo.nome),
        versao: mudanca(antigo.catalogo.versao, novo.catalogo.versao),
        competencia: mudanca(antigo.catalogo.competencia, novo.catalogo.competencia),
        sigtap: mudanca(antigo.catalogo.sigtap, novo.catalogo.sigtap)
    };
    const tecnologias = tecnologiasCatalogo(antigo.tecnologias, novo.tecnologias);
    const grupos = gruposCatalogo(antigo.grupos, novo.grupos);
    const valorTotal = {
        antes: antigo.resumo.valorTotal,
        depois: novo.resumo.valorTotal,
        diferenca: diferenca(antigo.resumo.valorTotal, novo.resumo.valorTotal)
    };
    const semMudancas =
        !adicionadas.length &&
        !removidas.length &&
        !alteradas.length &&
        Object.values(catalogo).every(v => v === null) &&
        !tecnologias.adicionadas.length &&
        !tecnologias.removidas.length &&
        !tecnologias.alteradas.length &&
        !grupos.adicionados.length &&
        !grupos.removidos.length &&
        !grupos.alterados.length;
    return {
        formato: CATALOGO_DIFF_FORMAT,
        antigo: info(antigo),
        novo: info(novo),
        catalogo,
        tecnologias,
        grupos,
        ocis: { adicionadas: adicionadas.map(resumoOci), removidas: removidas.map(resumoOci), alteradas },
        impacto: volumes ? impacto(adicionadas, removidas, pares, volumes) : null,
        resumo: {
            ocisAntes: antigo.ocis.length,
            ocisDepois: novo.ocis.length,
            adicionadas: adicionadas.length,
            removidas: removidas.length,
            alteradas: alteradas.length,
            renomeadas: alteradas.filter(a => a.renomeada).length,
            comValorAlterado: alteradas.filter(a => a.valor).length,
            valorTotal,
            semMudancas
        }
    };
}

/** Serializes deterministically (fixed key order by construction, two-space indent, final newline). */
export function serializeDiff(diff: CatalogoDiff): string {
    return JSON.stringify(diff, null, 2) + '\n';
}
