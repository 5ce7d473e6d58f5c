/**
 * `oci-catalogo audit CATÁLOGO --producao ARQUIVOS… --out PASTA [--map col=nome,…] [--emit-sql ARQ]
 *  [--dialeto duckdb|trino|spark] [--identificados] [--digito-tipo-apac D] [--memoria 1GB] [--tempos]`
 *
 * The production audit (Portaria GM/MS nº 3.492/2024, art. 14 §2 III-IV; art. 12 VI) on DuckDB:
 * language/src/audit/. CATÁLOGO is a catalogue folder (or .oci files), built in memory exactly
 * like `build` (refused, exit 1, when it has errors), or a built catalogo.json.
 * Exit codes: 0 audit written (findings are in the reports, not in the exit code), 1 the
 * catalogue has errors or a finding named by --falhar-se occurred (reports written), 2 usage or
 * I/O problem (missing file or column, unreadable production, every record rejected).
 *
 * Registered on the program by `registerAuditCommand(program, run, io)` (cli/src/main.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { CATALOGO_JSON_FORMAT, type CatalogoJson } from '../../language/src/index.js';
import { auditWithClickhouse, auditar, type Auditoria, type AuditoriaJson } from '../../language/src/batch.js';
import { ACHADOS, ACHADOS_DE_REGISTRO, DEFINICOES } from '../../language/src/batch.js';
import { dialeto as dialetoPorNome, DIALETOS } from '../../language/src/batch.js';
import { AuditoriaErro, parseMapa } from '../../language/src/batch.js';
import { ARQUIVOS, writeSaidas } from '../../language/src/batch.js';
import { COLUNAS, NOMES_SIA, compileAuditoria, scriptSql, type Coluna } from '../../language/src/batch.js';
import { writeFileAtomic } from '../../language/src/index.js';
import { reais } from '../../language/src/index.js';
import { buildCatalogue } from './catalogue.js';
import { flagOrConfig, loadCliConfig } from './config.js';
import { formatText } from './diagnostics.js';
import { VERSION } from './version.js';
import { UsageError } from './workspace.js';

interface Output {
    out: (text: string) => void;
    err: (text: string) => void;
}

export interface AuditOptions {
    producao: string[];
    out?: string;
    map?: string;
    emitSql?: string;
    dialeto: string;
    /** Engine that runs the audit: duckdb (default) or clickhouse (chdb, installed apart). */
    motor?: string;
    identificados?: boolean;
    digitoTipoApac?: string;
    memoria?: string;
    tempos?: boolean;
    falharSe?: string;
}

/**
 * `--falhar-se CODE[,CODE…]|qualquer`: the finding codes that make the run exit 1 (a pipeline gate);
 * undefined: never (exit 0 with the reports). Unknown codes are a usage error.
 */
export function parseFalharSe(texto: string | undefined): Set<string> | 'qualquer' | undefined {
    if (texto === undefined) return undefined;
    const partes = texto
        .split(',')
        .map(p => p.trim())
        .filter(Boolean);
    if (partes.length === 1 && partes[0] === 'qualquer') return 'qualquer';
    const conhecidos = new Set(DEFINICOES.map(d => d.codigo));
    const desconhecidos = partes.filter(p => !conhecidos.has(p));
    if (partes.length === 0 || desconhecidos.length) {
        throw new UsageError(
            `--falhar-se: achado desconhecido ${desconhecidos.map(d => `"${d}"`).join(', ') || '(vazio)'}; use "qualquer" ou códigos de: ${[...conhecidos].join(', ')}`
        );
    }
    return new Set(partes);
}

/** Occurrences of each finding code in an audit (episodes; records for the record-level codes). */
export function ocorrencias(a: AuditoriaJson): Map<string, number> {
    const t = a.total;
    const e = a.entrada;
    return new Map<string, number>([
        [ACHADOS.tempo, t.tempoExcedido],
        [ACHADOS.obrigatorio, t.obrigatorioAusente],
        [ACHADOS.conclusao, t.conclusaoAusente],
        [ACHADOS.quantidade, t.quantidadeExcedida],
        [ACHADOS.cobranca, t.cobrancaDupla.episodios],
        [ACHADOS.pessoa, t.pessoaInvalida],
        [ACHADOS.apac, t.apacInvalida],
        [ACHADOS.foraDaOci, t.procedimentoForaDaOci],
        [ACHADOS.conclusaoAntes, t.conclusaoAntesDoFim],
        [ACHADOS.duplicado, t.registroDuplicado],
        [ACHADOS.dataFora, e.registrosForaDoPeriodo],
        [ACHADOS.validade, t.apacForaDaValidade],
        [ACHADOS.sexo, t.sexoIncompativel],
        [ACHADOS.idade, t.idadeForaDaFaixa],
        [ACHADOS.cid, t.cidIncompativel],
        [ACHADOS_DE_REGISTRO.rejeitado, e.registrosInvalidos + e.linhasIlegiveis],
        [ACHADOS_DE_REGISTRO.ociEmBpa, e.ociEmBpa.reduce((s, x) => s + x.registros, 0)],
        [ACHADOS_DE_REGISTRO.ociForaDoRol, e.ociForaDoCatalogo.reduce((s, x) => s + x.registros, 0)]
    ]);
}

const EXIT_OK = 0;
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

function readCatalogoJson(file: string): CatalogoJson {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
        throw new UsageError(`${file}: não é um catálogo JSON legível (${(error as Error).message})`);
    }
    const c = parsed as Partial<CatalogoJson> | null;
    if (!c || typeof c !== 'object' || c.formato !== CATALOGO_JSON_FORMAT || !Array.isArray(c.ocis) || !c.catalogo) {
        throw new UsageError(
            `${file}: não é um catálogo gerado por "oci-catalogo build" (formato ${CATALOGO_JSON_FORMAT})`
        );
    }
    return c as CatalogoJson;
}

/** The catalogue JSON, or the exit code that refused it (errors printed). */
export async function loadCatalogue(given: string, io: Output): Promise<CatalogoJson | number> {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(given);
    } catch {
        throw new UsageError(`Caminho não encontrado: ${given}`);
    }
    if (stat.isFile() && !given.endsWith('.oci')) return readCatalogoJson(given);
    const built = await buildCatalogue([given]);
    if (!built.json) {
        io.err(
            formatText({ ...built.report, diagnostics: built.report.diagnostics.filter(d => d.severity === 'error') })
        );
        io.err(`Catálogo ${given} tem erros: auditoria NÃO feita (corrija com "oci-catalogo check").\n`);
        return built.ioProblem ? EXIT_USAGE : EXIT_ERRORS;
    }
    return built.json;
}

export async function auditCommand(catalogue: string, options: AuditOptions, io: Output): Promise<number> {
    const d = dialetoPorNome(options.dialeto);
    if (!d) throw new UsageError(`Dialeto desconhecido: ${options.dialeto} (use ${Object.keys(DIALETOS).join(', ')})`);
    if (options.digitoTipoApac !== undefined && !/^[0-9]$/.test(options.digitoTipoApac)) {
        throw new UsageError(`--digito-tipo-apac espera um dígito (0-9), não "${options.digitoTipoApac}"`);
    }
    const motor = options.motor ?? 'duckdb';
    if (motor !== 'duckdb' && motor !== 'clickhouse')
        throw new UsageError(`Motor desconhecido: ${motor} (use duckdb ou clickhouse)`);
    // oci-catalogo.yaml (`auditoria:`), the file governing the catalogue's path (or --config): its
    // column mapping and falhar-se apply like the flags; a flag wins (per column for --map).
    const auditoriaConfig = loadCliConfig([catalogue]).config.auditoria;
    const falharSeConfig =
        auditoriaConfig?.falharSe === undefined
            ? undefined
            : auditoriaConfig.falharSe === 'qualquer'
              ? 'qualquer'
              : auditoriaConfig.falharSe.join(',');
    const falharSe = parseFalharSe(flagOrConfig('--falhar-se', options.falharSe, falharSeConfig));
    let mapa;
    try {
        mapa = parseMapa(options.map);
    } catch (error) {
        throw new UsageError((error as Error).message);
    }
    const colunasConfig = (auditoriaConfig?.colunas ?? {}) as Partial<Record<Coluna, string>>;
    for (const c of COLUNAS) {
        const nome = flagOrConfig(`--map ${c}`, mapa[c], colunasConfig[c]);
        if (nome !== undefined) mapa[c] = nome;
    }
    const soSql = options.emitSql !== undefined && d.nome !== 'duckdb' && options.producao.length === 0;
    if (!soSql) {
        if (options.producao.length === 0) throw new UsageError('audit espera --producao ARQUIVOS (CSV ou Parquet)');
        if (!options.out) throw new UsageError('audit espera --out PASTA');
    }

    const loaded = await loadCatalogue(catalogue, io);
    if (typeof loaded === 'number') return loaded;
    const catalogo = loaded;
    const gerado = `oci-catalogo ${VERSION}`;

    // SQL for another engine: the production is a table of that engine (columns mapped with --map).
    if (options.emitSql !== undefined && d.nome !== 'duckdb') {
        // The patient's columns (sexo, idade, cid) only when mapped: most tables do not have them.
        const colunas = { ...Object.fromEntries(COLUNAS.filter(c => !NOMES_SIA[c]).map(c => [c, c])), ...mapa };
        const instrucoes = compileAuditoria(
            catalogo,
            { tabela: 'producao_sia', colunas },
            { dialeto: d, digitoTipoApac: options.digitoTipoApac }
        );
        writeFileAtomic(path.resolve(options.emitSql), scriptSql(instrucoes, { catalogo, dialeto: d, gerado }));
        io.out(`SQL da auditoria (${d.nome}) gravado em ${options.emitSql}\n`);
        if (soSql) return EXIT_OK;
    }

    let auditoria: Auditoria;
    const inicio = performance.now();
    try {
        auditoria = await (motor === 'clickhouse' ? auditWithClickhouse : auditar)(catalogo, {
            arquivos: options.producao,
            mapa,
            digitoTipoApac: options.digitoTipoApac,
            memoria: options.memoria,
            aoPasso: options.tempos
                ? (tabela, ms) => io.err(`  ${tabela.padEnd(28)} ${(ms / 1000).toFixed(2)} s\n`)
                : undefined
        });
    } catch (error) {
        if (error instanceof AuditoriaErro) throw new UsageError(error.message);
        throw error;
    }
    try {
        if (options.emitSql !== undefined && d.nome === 'duckdb') {
            writeFileAtomic(
                path.resolve(options.emitSql),
                scriptSql(auditoria.instrucoes, {
                    catalogo,
                    dialeto: motor === 'clickhouse' ? DIALETOS.clickhouse : d,
                    gerado
                })
            );
        }
        const escritas = await writeSaidas(auditoria, options.out!, { identificados: options.identificados });
        const t = auditoria.json.total;
        const e = auditoria.json.entrada;
        io.out(
            `Auditoria: ${e.registros} registro(s)${e.registrosInvalidos ? ` (${e.registrosInvalidos} inválido(s))` : ''}, ${t.episodios} episódio(s) de OCI, ` +
                `${t.sinalizados} sinalizado(s); concluídas no tR ${t.pctNoTr ?? '—'}%, no tM ${t.pctNoTm ?? '—'}%; ` +
                `suspeita de cobrança dupla: ${t.cobrancaDupla.registros} registro(s), ${reais(t.cobrancaDupla.valor)}.\n`
        );
        io.out(
            `Relatórios em ${options.out}: ${ARQUIVOS.json}, ${ARQUIVOS.html}, ${ARQUIVOS.sinalizados} (${escritas.sinalizados}), ${ARQUIVOS.cobranca} (${escritas.cobrancas})` +
                `${options.identificados ? `, ${ARQUIVOS.identificados} (dados pessoais: acesso restrito)` : ''}` +
                `${options.emitSql !== undefined && d.nome === 'duckdb' ? `; SQL em ${options.emitSql}` : ''}` +
                ` (${((performance.now() - inicio) / 1000).toFixed(1)} s)\n`
        );
        if (escritas.rejeitados)
            io.out(`Rejeitados: ${escritas.rejeitados} (${ARQUIVOS.rejeitados}: arquivo, linha, motivo).\n`);
        if (e.registros > 0 && e.registrosInvalidos === e.registros) {
            io.err(
                `Todos os ${e.registros} registro(s) foram rejeitados (${ARQUIVOS.rejeitados}): nenhum número foi calculado. Confira as colunas e o --map.\n`
            );
            return EXIT_USAGE;
        }
        if (falharSe !== undefined) {
            const achados = [...ocorrencias(auditoria.json)].filter(
                ([codigo, n]) => n > 0 && (falharSe === 'qualquer' || falharSe.has(codigo))
            );
            if (achados.length) {
                io.err(`--falhar-se: ${achados.map(([codigo, n]) => `${codigo} (${n})`).join(', ')}\n`);
                return EXIT_ERRORS;
            }
        }
    } finally {
        auditoria.fechar();
    }
    return EXIT_OK;
}

/** Registers `audit` on the `oci-catalogo` program (`run` receives the exit code). */
export function registerAuditCommand(program: Command, run: (code: number) => void, io: Output): void {
    program
        .command('audit')
        .description(
            'audita a produção (CSV/Parquet) contra o catálogo: tR/tM, escopo, quantidades, cobrança dupla, CPF/CNS e APAC (DuckDB)'
        )
        .argument('<catalogo>', 'pasta do catálogo (.oci) ou catalogo.json')
        .option('--producao <arquivos...>', 'arquivos de produção .csv ou .parquet', [])
        .option('--out <pasta>', 'pasta dos relatórios')
        .option(
            '--map <colunas>',
            'nomes das colunas nos arquivos: coluna=nome,… (colunas: pessoa, data, procedimento, quantidade, instrumento, procedimento_principal, cnes, competencia; opcionais do paciente: sexo, idade em anos, cid — também lidas como AP_SEXO, AP_NUIDADE, AP_CIDPRI)'
        )
        .option('--emit-sql <arquivo>', 'grava o SQL da auditoria (para rodar em outro motor)')
        .option('--dialeto <nome>', 'dialeto do SQL de --emit-sql: duckdb, trino, spark ou clickhouse', 'duckdb')
        .option(
            '--motor <nome>',
            'motor que roda a auditoria: duckdb (padrão) ou clickhouse (chdb embutido, instalado à parte: npm install --no-save chdb)',
            'duckdb'
        )
        .option(
            '--identificados',
            `grava também ${ARQUIVOS.identificados} com o CPF/CNS completo (acesso restrito, LGPD)`
        )
        .option(
            '--digito-tipo-apac <d>',
            '5º dígito das APAC de OCI, quando publicado (art. 16 §1); sem ele o tipo não é conferido'
        )
        .option('--memoria <limite>', 'limite de memória do DuckDB (ex.: 1GB)', '1GB')
        .option('--tempos', 'mostra o tempo de cada passo no stderr')
        .option(
            '--falhar-se <achados>',
            'sai com 1 quando ocorre um destes achados (códigos separados por vírgula, ou "qualquer"); sem a opção, 0'
        )
        .action(async (catalogo: string, options: AuditOptions) => run(await auditCommand(catalogo, options, io)));
}
