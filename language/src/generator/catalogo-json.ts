/**
 * The JSON catalogue for downstream systems (design brief §3): one deterministic document with
 * every OCI, its components, tR/tM, conclusion, modalities, restrictions, value breakdown and
 * legal basis, plus the catalogue metadata and the SIGTAP file's SHA-256. Money is written as
 * a string with two decimals and as integer centavos. Schema: schema/catalogo.schema.json.
 */
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { Componente, Custo, Documento, Grupo, Oci, Tecnologia } from '../generated/ast.js';
import {
    isCustoFixo,
    isFundamento,
    isGrupo,
    isGrupoConclusao,
    isGrupoRef,
    isOci,
    isProcedimentoRef,
    isTecnologia
} from '../generated/ast.js';
import { moneyString, parseMoney, parsePercent, fromCentavos, type Money } from '../money.js';
import {
    codesOf,
    conclusaoOf,
    conclusionCodes,
    contrarreferenciaOf,
    cidsOf,
    remotoOf,
    tmOf,
    trOf,
    valorOf
} from '../oci-queries.js';
import { ociAgeRange, sexoLabel, sexoOf } from '../publico.js';
import { formatCodigo, normalizeCodigo } from '../sigtap/codigo.js';
import type { SigtapTable } from '../sigtap/types.js';
import { formatCompetencia } from '../validation/catalogo-validator.js';
import { computeValue, valorAmbulatorial } from '../value/engine.js';
import type { CatalogoContext } from '../workspace/catalogo-context.js';

export const CATALOGO_JSON_FORMAT = 'oci-catalogo/1';

export interface MoneyJson {
    reais: string;
    centavos: number;
}
export interface ProcedimentoJson {
    codigo: string;
    codigoFormatado: string;
    nome: string | null;
}

export interface CatalogoJson {
    formato: string;
    catalogo: {
        nome: string;
        versao: string | null;
        competencia: string | null;
        sigtap: { arquivo: string; competencia: string; sha256: string } | null;
    };
    tecnologias: Array<{ nome: string; descricao: string | null; custo: CustoJson }>;
    grupos: Array<{ nome: string; descricao: string | null; procedimentos: ProcedimentoJson[] }>;
    ocis: OciJson[];
    resumo: { ocis: number; componentes: number; valorTotal: MoneyJson };
}

export type CustoJson = { tipo: 'valor'; valor: MoneyJson } | { tipo: 'percentual'; percentual: string };

export interface OciJson {
    codigo: string;
    codigoFormatado: string;
    nome: string;
    arquivo: string;
    subgrupo: { codigo: string; nome: string | null };
    fundamento: string[];
    publico: { sexo: string; idadeMinimaMeses: number; idadeMaximaMeses: number | null };
    cids: string[];
    tR: number | null;
    tM: number | null;
    componentes: ComponenteJson[];
    conclusao: { grupo: string | null; procedimentos: ProcedimentoJson[] } | null;
    modalidadesRemotas: string[];
    contrarreferencia: { destino: string; descricao: string | null } | null;
    valor: {
        calculado: MoneyJson;
        declarado: MoneyJson | null;
        sigtap: MoneyJson | null;
        subtotalProcedimentos: MoneyJson;
        subtotalTecnologias: MoneyJson;
        tecnologias: Array<{ nome: string; custo: CustoJson; base: MoneyJson | null; valor: MoneyJson }>;
    };
    baseLegal: string[];
}

export interface ComponenteJson {
    tipo: 'obrigatorio' | 'eventual';
    grupo: string | null;
    procedimentos: ProcedimentoJson[];
    qt: number;
    frequencia: string;
    estimativa: MoneyJson;
    origemEstimativa: 'catalogo' | 'sigtap';
    valor: MoneyJson;
}

/** Legal basis every OCI of the rol carries (Portaria GM/MS 3.492/2024). */
const BASE_LEGAL = [
    'Portaria GM/MS nº 3.492/2024, art. 5 §1-§2 (OCI; referência, contrarreferência e transição para a APS)',
    'Portaria GM/MS nº 3.492/2024, art. 6 §2 I-V (código, procedimentos, tR, tM, valor)',
    'Portaria GM/MS nº 3.492/2024, art. 6 §3 (composição do valor)',
    'Portaria GM/MS nº 3.492/2024, art. 6 §4 (modalidades de atenção remota)'
];

export function money(value: Money): MoneyJson {
    // The centavos are the digits of the rounded string ("1234.50" → 123450): one rounding, not two
    // (exact: every amount is far below 2^53 centavos, VALOR_MAXIMO).
    const reais = moneyString(value);
    return { reais, centavos: Number(reais.replace('.', '')) };
}

/**
 * Builds the JSON catalogue from the documents of one catalogue (the header document and the
 * documents it governs). `rootDir` makes the `arquivo` fields relative and machine-independent.
 */
export function buildCatalogoJson(
    documents: Array<LangiumDocument<Documento>>,
    context: CatalogoContext,
    rootDir: string
): CatalogoJson {
    const header = context.header;
    const table = context.table;
    // Each document's path once, not once per OCI of it (path.relative resolves both paths).
    const elements = documents.flatMap(doc => {
        const arquivo = relativeFile(rootDir, doc);
        return doc.parseResult.value.elementos.map(e => ({ arquivo, e }));
    });
    const tecnologias = elements
        .filter(x => isTecnologia(x.e))
        .map(x => x.e as Tecnologia)
        .sort(byName);
    const grupos = elements
        .filter(x => isGrupo(x.e))
        .map(x => x.e as Grupo)
        .sort(byName);
    const ocis = elements
        .filter(x => isOci(x.e))
        .map(x => ociJson(x.e as Oci, x.arquivo, table))
        .sort((a, b) => a.codigo.localeCompare(b.codigo));
    const total = ocis.reduce((acc, o) => acc + o.valor.calculado.centavos, 0);
    return {
        formato: CATALOGO_JSON_FORMAT,
        catalogo: {
            nome: header?.nome ?? '',
            versao: header?.versao ?? null,
            competencia: header?.competencia ?? null,
            sigtap: table
                ? { arquivo: table.arquivo, competencia: formatCompetencia(table.competencia), sha256: table.sha256 }
                : null
        },
        tecnologias: tecnologias.map(t => ({
            nome: t.name,
            descricao: t.descricao ?? null,
            custo: custoJson(t.custo)
        })),
        grupos: grupos.map(g => ({
            nome: g.name,
            descricao: g.descricao ?? null,
            procedimentos: g.membros.map(m => procedimentoJson(m.codigo, table, m.nome))
        })),
        ocis,
        resumo: {
            ocis: ocis.length,
            componentes: ocis.reduce((acc, o) => acc + o.componentes.length, 0),
            valorTotal: money(fromCentavos(total))
        }
    };
}

function ociJson(oci: Oci, arquivo: string, table: SigtapTable | undefined): OciJson {
    const codigo = normalizeCodigo(oci.codigo) ?? oci.codigo ?? '';
    const breakdown = computeValue(oci, table);
    const idade = ociAgeRange(oci) ?? { min: 0 };
    const conclusao = conclusaoOf(oci);
    const contrarreferencia = contrarreferenciaOf(oci);
    const declarado = valorOf(oci);
    const declaradoValor = declarado ? parseMoney(declarado.valor)?.value : undefined;
    const sigtapRow = table?.oci(codigo);
    const componentes: ComponenteJson[] = breakdown.procedimentos.map(line => ({
        tipo: line.tipo,
        grupo: isGrupoRef(line.node.alvo) ? (line.node.alvo.grupo?.$refText ?? null) : null,
        procedimentos: componentProcedures(line.node, table),
        qt: line.qt,
        frequencia: line.frequencia.toString(),
        estimativa: money(line.estimativa),
        origemEstimativa: line.origemEstimativa,
        valor: money(line.valor)
    }));
    return {
        codigo,
        codigoFormatado: formatCodigo(codigo),
        nome: oci.nome ?? '',
        arquivo,
        subgrupo: { codigo: codigo.slice(0, 4), nome: table?.subgrupos.get(codigo.slice(0, 4)) ?? null },
        fundamento: oci.itens.filter(isFundamento).map(f => f.texto),
        publico: { sexo: sexoLabel(sexoOf(oci)), idadeMinimaMeses: idade.min, idadeMaximaMeses: idade.max ?? null },
        cids: cidsOf(oci),
        tR: trOf(oci)?.dias ?? null,
        tM: tmOf(oci)?.dias ?? null,
        componentes,
        conclusao: conclusao
            ? {
                  grupo: isGrupoConclusao(conclusao.alvo) ? (conclusao.alvo.grupo?.$refText ?? null) : null,
                  procedimentos: conclusionCodes(conclusao).map(c => procedimentoJson(c, table))
              }
            : null,
        // A modality written twice is published once (the schema says uniqueItems).
        modalidadesRemotas: [...new Set((remotoOf(oci)?.modalidades ?? []).map(m => m.nome))],
        contrarreferencia: contrarreferencia
            ? { destino: contrarreferencia.destino, descricao: contrarreferencia.descricao ?? null }
            : null,
        valor: {
            calculado: money(breakdown.total),
            declarado: declaradoValor ? money(declaradoValor) : null,
            sigtap: sigtapRow ? money(valorAmbulatorial(sigtapRow)) : null,
            subtotalProcedimentos: money(breakdown.subtotalProcedimentos),
            subtotalTecnologias: money(breakdown.subtotalTecnologias),
            tecnologias: breakdown.tecnologias.map(t => ({
                nome: t.nome,
                custo: t.percentual
                    ? { tipo: 'percentual' as const, percentual: t.percentual.times(100).toString() }
                    : { tipo: 'valor' as const, valor: money(t.valorFixo!) },
                base: t.base ? money(t.base) : null,
                valor: money(t.valor)
            }))
        },
        baseLegal: BASE_LEGAL
    };
}

function componentProcedures(componente: Componente, table: SigtapTable | undefined): ProcedimentoJson[] {
    const alvo = componente.alvo;
    if (isProcedimentoRef(alvo)) return [procedimentoJson(alvo.codigo, table, alvo.nome)];
    return codesOf(componente).map(c => procedimentoJson(c, table));
}

function procedimentoJson(written: string, table: SigtapTable | undefined, nome?: string): ProcedimentoJson {
    const codigo = normalizeCodigo(written) ?? written;
    return {
        codigo,
        codigoFormatado: formatCodigo(codigo),
        nome: table?.procedimentos.get(codigo)?.nome ?? nome ?? null
    };
}

function custoJson(custo: Custo | undefined): CustoJson {
    if (!custo) return { tipo: 'valor', valor: money(fromCentavos(0)) };
    if (isCustoFixo(custo)) return { tipo: 'valor', valor: money(parseMoney(custo.valor)?.value ?? fromCentavos(0)) };
    return {
        tipo: 'percentual',
        percentual: (parsePercent(custo.percentual ?? '') ?? fromCentavos(0)).times(100).toString()
    };
}

function byName(a: { name: string }, b: { name: string }): number {
    return (a.name ?? '').localeCompare(b.name ?? '');
}

function relativeFile(rootDir: string, doc: LangiumDocument): string {
    return path.relative(rootDir, doc.uri.fsPath).split(path.sep).join('/');
}

/** Serializes deterministically: fixed key order by construction, two-space indent, final newline. */
export function serializeCatalogo(json: CatalogoJson): string {
    return JSON.stringify(json, null, 2) + '\n';
}

/** OCIs serialized by one JSON.stringify call in serializeCatalogoPieces (bounded pieces, few calls). */
const OCIS_PER_PIECE = 4;

/**
 * The same text as serializeCatalogo, in pieces — the top-level fields, then the OCIs a few at a
 * time — so that a catalogue of thousands of OCIs is written without ever holding its whole text
 * (catalogo-arquivos.ts). Each piece is JSON.stringify's own output at the right depth: a run of
 * OCIs is stringified as `[[...run]]`, whose inner items JSON.stringify indents by 4 spaces, as
 * they are in the document, and the piece is the text between the brackets (no re-indenting pass).
 */
export function* serializeCatalogoPieces(json: CatalogoJson): Generator<string> {
    const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);
    let first = true;
    yield '{';
    for (const [key, value] of Object.entries(json) as Array<[string, unknown]>) {
        const streamed = key === 'ocis' && Array.isArray(value) && value.length > 0;
        const text = streamed ? '' : (JSON.stringify(value, null, 2) as string | undefined);
        if (text === undefined) continue; // JSON.stringify leaves such a field out
        yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
        first = false;
        if (streamed) {
            for (let i = 0; i < value.length; i += OCIS_PER_PIECE) {
                // `[\n  [\n    A,\n    B\n  ]\n]`: from the inner bracket's line break to the one before its end.
                const nested = JSON.stringify([value.slice(i, i + OCIS_PER_PIECE)], null, 2);
                yield `${i === 0 ? '[' : ','}${nested.slice('[\n  ['.length, -'\n  ]\n]'.length)}`;
            }
            yield '\n  ]';
        } else {
            yield indent(text, '  ');
        }
    }
    yield first ? '}\n' : '\n}\n';
}
