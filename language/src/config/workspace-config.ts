/**
 * The workspace configuration, `oci-catalogo.yaml`: how a catalogue repository is checked, said
 * once and under version control, read the same way by the CLI, the language server and CI.
 *
 *   regras:        severity per rule code (erro | aviso | info | desligada)
 *   tolerancia:    accepted difference between declared and computed value ("0,01")
 *   saidas:        pasta (output folder), formatos (json, html, md, csv)
 *   catalogos:     catalogue roots, for repositories with several
 *   sigtap:        externos — SIGTAP zips outside the workspace that may be read
 *   idioma:        pt | en (messages)
 *   auditoria:     colunas (production column mapping), falhar-se (finding codes, or qualquer)
 *   plano:         estrito (the PAR gaps become errors)
 *
 * Pure: the text is parsed with the `yaml` package (positions kept), every key and value is
 * checked, and every problem — YAML syntax, unknown key, unknown rule code, wrong severity or
 * type — comes back with its line and column. Nothing wrong is ever silently defaulted: a key
 * with a problem is absent from the result, and the caller reports the problems (the CLI exits 2,
 * the server shows them on the file). Finding the file on disk is ./config-file.ts.
 */
import {
    isMap,
    isScalar,
    isSeq,
    LineCounter,
    parseDocument,
    type Node as YamlNode,
    type Pair,
    type YAMLMap
} from 'yaml';

export const CONFIG_FILE_NAME = 'oci-catalogo.yaml';

export type ConfiguredSeverity = 'error' | 'warning' | 'info' | 'off';

/** The file's words for severities, and what they mean. */
export const SEVERITY_WORDS: Readonly<Record<string, ConfiguredSeverity>> = {
    erro: 'error',
    aviso: 'warning',
    info: 'info',
    desligada: 'off'
};

export const OUTPUT_FORMATS = ['json', 'html', 'md', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface WorkspaceConfig {
    /** Severity per rule code, as the file sets it. */
    regras: ReadonlyMap<string, ConfiguredSeverity>;
    /** The value tolerance as written ("0,01"); parsed as money by the caller's money reader. */
    tolerancia?: string;
    saidas?: { pasta?: string; formatos?: OutputFormat[] };
    catalogos?: string[];
    sigtap?: { externos: string[] };
    idioma?: 'pt' | 'en';
    auditoria?: { colunas?: Record<string, string>; falharSe?: string[] | 'qualquer' };
    plano?: { estrito?: boolean };
}

export interface ConfigProblem {
    /** 1-based line and column in the configuration file. */
    line: number;
    column: number;
    message: string;
}

export interface ParsedConfig {
    config: WorkspaceConfig;
    problems: ConfigProblem[];
}

export interface ConfigVocabulary {
    /** Every rule code the registries define (catalogue, PAR/SE, audit findings). */
    ruleCodes: ReadonlySet<string>;
    /** The audit's canonical production columns. */
    auditColumns: readonly string[];
}

/** Reais with a comma: 0,01 / 1.234,56 / R$ 2 — a point only between thousands ("0.015" is not R$ 15,00). */
export const TOLERANCIA = /^(R\$\s*)?(0|[1-9]\d{0,2}(\.\d{3})+|[1-9]\d*)(,\d{1,2})?$/;

const TOP_KEYS = ['regras', 'tolerancia', 'saidas', 'catalogos', 'sigtap', 'idioma', 'auditoria', 'plano'] as const;

/** Parses and checks the text of an `oci-catalogo.yaml`. */
export function parseWorkspaceConfig(text: string, vocabulary: ConfigVocabulary): ParsedConfig {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const problems: ConfigProblem[] = [];
    const at = (offset: number | undefined, message: string) => {
        const pos = lineCounter.linePos(offset ?? 0);
        problems.push({ line: pos.line, column: pos.col, message });
    };
    const atNode = (node: unknown, message: string) => at((node as YamlNode | undefined)?.range?.[0], message);
    const regras = new Map<string, ConfiguredSeverity>();
    const config: WorkspaceConfig = { regras };

    for (const error of doc.errors) at(error.pos[0], `YAML inválido: ${firstLine(error.message)}`);
    if (doc.errors.length) return { config, problems };
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
    if (!isMap(root)) {
        atNode(root, 'A configuração deve ser um mapa de chaves (regras:, tolerancia:, saidas: …)');
        return { config, problems };
    }

    for (const pair of pairs(root)) {
        const key = keyOf(pair);
        const value = pair.value as YamlNode | null;
        switch (key) {
            case 'regras': {
                const map = expectMap(value, pair, 'regras', atNode);
                for (const p of map ? pairs(map) : []) {
                    const code = keyOf(p);
                    if (!vocabulary.ruleCodes.has(code)) {
                        atNode(p.key, `Regra desconhecida: "${code}"${suggest(code, vocabulary.ruleCodes)}`);
                        continue;
                    }
                    const word = scalarString(p.value);
                    const severity = word === undefined ? undefined : SEVERITY_WORDS[word];
                    if (!severity) {
                        atNode(
                            p.value ?? p.key,
                            `Severidade inválida para ${code}: ${JSON.stringify(word ?? null)} (use erro, aviso, info ou desligada)`
                        );
                        continue;
                    }
                    regras.set(code, severity);
                }
                break;
            }
            case 'tolerancia': {
                const raw = isScalar(value) ? value.value : undefined;
                const texto =
                    typeof raw === 'number'
                        ? String(raw).replace('.', ',')
                        : typeof raw === 'string'
                          ? raw.trim()
                          : undefined;
                if (texto === undefined || !TOLERANCIA.test(texto)) {
                    atNode(
                        value ?? pair.key,
                        `Tolerância inválida: ${JSON.stringify(raw ?? null)} (use reais com vírgula, por exemplo "0,01")`
                    );
                } else if (typeof raw === 'number' && !Number.isInteger(raw * 100)) {
                    atNode(value, `Tolerância com mais de duas casas decimais: ${raw}`);
                } else {
                    config.tolerancia = texto;
                }
                break;
            }
            case 'saidas': {
                const map = expectMap(value, pair, 'saidas', atNode);
                if (!map) break;
                const saidas: NonNullable<WorkspaceConfig['saidas']> = {};
                for (const p of pairs(map)) {
                    const k = keyOf(p);
                    if (k === 'pasta') {
                        const pasta = nonEmptyString(p.value);
                        if (pasta === undefined)
                            atNode(p.value ?? p.key, 'saidas.pasta deve ser o caminho de uma pasta');
                        else saidas.pasta = pasta;
                    } else if (k === 'formatos') {
                        const list = stringList(p.value, 'saidas.formatos', atNode);
                        if (!list) continue;
                        const wrong = list.filter(f => !(OUTPUT_FORMATS as readonly string[]).includes(f));
                        if (wrong.length)
                            atNode(
                                p.value,
                                `Formato de saída desconhecido: ${wrong.join(', ')} (use ${OUTPUT_FORMATS.join(', ')})`
                            );
                        else if (!list.length) atNode(p.value, 'saidas.formatos não pode ser vazio');
                        else saidas.formatos = list as OutputFormat[];
                    } else {
                        atNode(p.key, unknownKey(`saidas.${k}`, ['pasta', 'formatos']));
                    }
                }
                config.saidas = saidas;
                break;
            }
            case 'catalogos': {
                const list = stringList(value, 'catalogos', atNode);
                if (list) config.catalogos = list;
                break;
            }
            case 'sigtap': {
                const map = expectMap(value, pair, 'sigtap', atNode);
                if (!map) break;
                for (const p of pairs(map)) {
                    const k = keyOf(p);
                    if (k === 'externos') {
                        const list = stringList(p.value, 'sigtap.externos', atNode);
                        if (list) config.sigtap = { externos: list };
                    } else {
                        atNode(p.key, unknownKey(`sigtap.${k}`, ['externos']));
                    }
                }
                break;
            }
            case 'idioma': {
                const idioma = scalarString(value);
                if (idioma === 'pt' || idioma === 'en') config.idioma = idioma;
                else atNode(value ?? pair.key, `Idioma inválido: ${JSON.stringify(idioma ?? null)} (use pt ou en)`);
                break;
            }
            case 'auditoria': {
                const map = expectMap(value, pair, 'auditoria', atNode);
                if (!map) break;
                const auditoria: NonNullable<WorkspaceConfig['auditoria']> = {};
                for (const p of pairs(map)) {
                    const k = keyOf(p);
                    if (k === 'colunas') {
                        const cols = expectMap(p.value as YamlNode | null, p, 'auditoria.colunas', atNode);
                        if (!cols) continue;
                        const colunas: Record<string, string> = {};
                        for (const c of pairs(cols)) {
                            const canonical = keyOf(c);
                            const name = nonEmptyString(c.value);
                            if (!vocabulary.auditColumns.includes(canonical))
                                atNode(
                                    c.key,
                                    `Coluna da auditoria desconhecida: "${canonical}" (use ${vocabulary.auditColumns.join(', ')})`
                                );
                            else if (name === undefined)
                                atNode(
                                    c.value ?? c.key,
                                    `auditoria.colunas.${canonical} deve ser o nome de uma coluna da produção`
                                );
                            else colunas[canonical] = name;
                        }
                        auditoria.colunas = colunas;
                    } else if (k === 'falhar-se') {
                        if (scalarString(p.value) === 'qualquer') {
                            auditoria.falharSe = 'qualquer';
                            continue;
                        }
                        const list = stringList(p.value, 'auditoria.falhar-se', atNode);
                        if (!list) continue;
                        const unknown = list.filter(c => !vocabulary.ruleCodes.has(c));
                        if (unknown.length)
                            atNode(
                                p.value,
                                `Achado desconhecido em falhar-se: ${unknown.join(', ')} (ou use "qualquer")`
                            );
                        else auditoria.falharSe = list;
                    } else {
                        atNode(p.key, unknownKey(`auditoria.${k}`, ['colunas', 'falhar-se']));
                    }
                }
                config.auditoria = auditoria;
                break;
            }
            case 'plano': {
                const map = expectMap(value, pair, 'plano', atNode);
                if (!map) break;
                for (const p of pairs(map)) {
                    const k = keyOf(p);
                    if (k === 'estrito') {
                        const v = isScalar(p.value) ? p.value.value : undefined;
                        if (typeof v === 'boolean') config.plano = { estrito: v };
                        else
                            atNode(
                                p.value ?? p.key,
                                `plano.estrito deve ser true ou false, não ${JSON.stringify(v ?? null)}`
                            );
                    } else {
                        atNode(p.key, unknownKey(`plano.${k}`, ['estrito']));
                    }
                }
                break;
            }
            default:
                atNode(pair.key, unknownKey(key, TOP_KEYS));
        }
    }
    return { config, problems };
}

/** The severity a diagnostic of `code` gets under the configuration: `off` drops it. */
export function configuredSeverity(
    config: WorkspaceConfig | undefined,
    code: string,
    builtIn: 'error' | 'warning' | 'info'
): ConfiguredSeverity {
    return config?.regras.get(code) ?? builtIn;
}

function pairs(map: YAMLMap): Array<Pair<YamlNode, YamlNode>> {
    return map.items as Array<Pair<YamlNode, YamlNode>>;
}

function keyOf(pair: Pair): string {
    const k = pair.key as YamlNode | null;
    return isScalar(k) ? String(k.value) : String(k ?? '');
}

function scalarString(node: unknown): string | undefined {
    return isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
}

function nonEmptyString(node: unknown): string | undefined {
    const s = scalarString(node);
    return s ? s : undefined;
}

function expectMap(
    node: YamlNode | null,
    pair: Pair,
    name: string,
    atNode: (n: unknown, m: string) => void
): YAMLMap | undefined {
    if (isMap(node)) return node;
    atNode(node ?? pair.key, `${name} deve ser um mapa de chaves`);
    return undefined;
}

function stringList(node: unknown, name: string, atNode: (n: unknown, m: string) => void): string[] | undefined {
    if (!isSeq(node)) {
        atNode(node, `${name} deve ser uma lista`);
        return undefined;
    }
    const out: string[] = [];
    for (const item of node.items) {
        const s = nonEmptyString(item);
        if (s === undefined) {
            atNode(item, `${name}: cada item deve ser um texto`);
            return undefined;
        }
        out.push(s);
    }
    return out;
}

function unknownKey(key: string, known: readonly string[]): string {
    return `Chave desconhecida: "${key}" (conhecidas: ${known.join(', ')})`;
}

function firstLine(message: string): string {
    return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** " — você quis dizer …?" for the closest rule code, when one is close. */
function suggest(code: string, known: ReadonlySet<string>): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const k of known) {
        const d = editDistance(code, k);
        if (d < bestDistance) {
            bestDistance = d;
            best = k;
        }
    }
    return best !== undefined && bestDistance <= Math.max(2, Math.floor(code.length / 5))
        ? ` — você quis dizer "${best}"?`
        : '';
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0]!;
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j]!;
            row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
            previous = current;
        }
    }
    return row[b.length]!;
}
