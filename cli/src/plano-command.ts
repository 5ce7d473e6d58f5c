/**
 * `oci-catalogo plano` — verifica Planos de Ação Regional (.par) e habilitações de Sala de
 * Estabilização (.se), calcula os incentivos (Portaria GM/MS nº 3.492/2024, art. 15; art. 878-A da
 * PRC GM/MS nº 6/2017, incluído pela Portaria GM/MS nº 1.997/2023) e, com --out, grava um JSON por
 * arquivo e planos.json com todos.
 *
 *   oci-catalogo plano examples/par examples/se --catalogo examples/pmae \
 *       [--execucao execucao.json] [--producao pa.csv|pa.parquet …] [--ate AAAA-MM] [--out PASTA] [--format text|json]
 *
 * A produção executada da 2ª parcela (art. 15 §2 II) vem do arquivo que o PAR nomeia
 * (`execucao "auditoria.json"`, relativo ao .par e dentro das pastas do workspace — a pasta atual e
 * as da linha de comando, como o `sigtap` do catálogo; `--sigtap-externo` suspende a regra) ou, no
 * lugar dele, do `--execucao` (language/src/plano/execucao-par.ts).
 *
 * O rol de OCI (--catalogo) entra no mesmo workspace, sem ser validado: as OCI do elenco e das
 * filas do PAR resolvem-se contra ele pelo código. Saída 0 sem erros, 1 com erros (inclusive o
 * §10 da SE, conferido com --producao), 2 problema de uso ou de leitura.
 */
import { diagnosticText } from '../../language/src/index.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { URI, type LangiumDocument } from 'langium';
import { SourceFileSystem } from '../../language/src/node.js';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { HabilitacaoSe, Par } from '../../language/src/index.js';
import { isHabilitacaoSe, isPar } from '../../language/src/index.js';
import { writeFileAtomic } from '../../language/src/index.js';
import { formatCompetenciaIndex, parseCompetenciaIndex, type Competencia } from '../../language/src/index.js';
import { formatInteger } from '../../language/src/index.js';
import { createPlanoCoreServices } from '../../language/src/index.js';
import { producaoPorEstabelecimento } from '../../language/src/batch.js';
import { EntradaInvalida, readExecucao, type Execucao, type ProducaoPorCnes } from '../../language/src/index.js';
import { RegrasSe } from '../../language/src/index.js';
import {
    descreverExecutada,
    opcoesDaExecucao,
    resumoPar,
    resumoSe,
    type ResumoPar,
    type ResumoSe
} from '../../language/src/index.js';
import { hojeCivil } from '../../language/src/index.js';
import { examinarProducaoSe } from '../../language/src/index.js';
import { estabelecimentoDa } from '../../language/src/index.js';
import { ruleText, type Rule } from '../../language/src/index.js';
import type { Output } from './commands.js';
import type { CliDiagnostic, SeverityName } from './diagnostics.js';
import { flagOrConfig, loadCliConfig } from './config.js';
import { UsageError, cliOptions, collectOciFiles, workspaceRoots } from './workspace.js';

export interface PlanoOptions {
    catalogo: string[];
    execucao?: string;
    producao?: string[];
    ate?: string;
    out?: string;
    /** Lacunas do art. 15 §1 (500.000; até 100.000) como erros: language/src/plano/opcoes.ts. */
    estrito?: boolean;
    format: string;
}

export interface RelatorioPlano {
    formato: 'oci-catalogo-planos/1';
    planos: Array<(ResumoPar | ResumoSe) & { diagnosticos: CliDiagnostic[] }>;
    resumo: { arquivos: number; pars: number; ses: number; erros: number; avisos: number; infos: number };
}

const EXTENSOES = ['.par', '.se'];
const PULAR = new Set(['node_modules', '.git', 'out']);

function coletar(caminhos: string[]): string[] {
    const arquivos = new Set<string>();
    const andar = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const completo = path.join(dir, e.name);
            if (e.isDirectory()) {
                if (!PULAR.has(e.name) && !e.name.startsWith('.')) andar(completo);
            } else if (e.isFile() && EXTENSOES.includes(path.extname(e.name))) arquivos.add(completo);
        }
    };
    for (const dado of caminhos) {
        const absoluto = path.resolve(dado);
        const stat = fs.statSync(absoluto, { throwIfNoEntry: false });
        if (!stat) throw new UsageError(`Caminho não encontrado: ${dado}`);
        if (stat.isDirectory()) andar(absoluto);
        else if (EXTENSOES.includes(path.extname(absoluto))) arquivos.add(absoluto);
        else throw new UsageError(`Não é um arquivo .par ou .se nem uma pasta: ${dado}`);
    }
    if (arquivos.size === 0) throw new UsageError(`Nenhum arquivo .par ou .se em: ${caminhos.join(', ')}`);
    return [...arquivos].sort();
}

function readArquivo(arquivo: string, oque: string): string {
    try {
        return fs.readFileSync(arquivo, 'utf8');
    } catch (error) {
        throw new UsageError(`Não foi possível ler ${oque} ${arquivo}: ${(error as Error).message}`);
    }
}

function severidade(d: Diagnostic): SeverityName {
    return d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info';
}

function relativo(uri: URI): string {
    return relativoDoCaminho(uri.fsPath);
}

function relativoDoCaminho(caminho: string): string {
    return path.relative(process.cwd(), caminho).split(path.sep).join('/');
}

function diagnosticosDe(doc: LangiumDocument): CliDiagnostic[] {
    const file = relativo(doc.uri);
    return (doc.diagnostics ?? []).map(d => ({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        severity: severidade(d),
        code: String(d.code ?? 'sintaxe'),
        message: diagnosticText(d)
    }));
}

/**
 * A produção no SIA/SUS (language/src/plano/exame-producao-se.ts), como diagnósticos na linha do
 * CNES: §10, três meses consecutivos sem registro (erro); §9, cada outro mês sem registro (aviso);
 * competências fora do período plausível (aviso, dado); e, quando o §10 não pôde ser examinado, por quê.
 */
function diagnosticosDaProducao(
    doc: LangiumDocument,
    se: HabilitacaoSe,
    producao: ProducaoPorCnes,
    ate?: Competencia
): CliDiagnostic[] {
    const exame = examinarProducaoSe(se, producao, ate, hojeCivil());
    const linha = estabelecimentoDa(se)?.$cstNode?.range.start ?? se.$cstNode?.range.start ?? { line: 0, character: 0 };
    const diagnostico = <A extends unknown[]>(regra: Rule<A>, ...args: A): CliDiagnostic => ({
        file: relativo(doc.uri),
        line: linha.line + 1,
        column: linha.character + 1,
        severity: regra.severity,
        code: regra.code,
        message: ruleText(regra, ...args)
    });
    const out: CliDiagnostic[] = [];
    if (exame.foraDoPeriodo.length)
        out.push(
            diagnostico(RegrasSe.competenciaForaDoPeriodo, exame.foraDoPeriodo.map(formatCompetenciaIndex).join(', '))
        );
    if (!exame.examinado) return [...out, diagnostico(RegrasSe.producaoNaoExaminada, exame.motivo)];
    const p = exame.producao;
    const emSequencia = new Set(p.sequencias.flatMap(s => Array.from({ length: s.meses }, (_, i) => s.inicio + i)));
    for (const c of p.semRegistro)
        if (!emSequencia.has(c)) out.push(diagnostico(RegrasSe.semProducaoMes, formatCompetenciaIndex(c)));
    for (const s of p.sequencias) {
        const meses = Array.from({ length: s.meses }, (_, i) => formatCompetenciaIndex(s.inicio + i)).join(', ');
        out.push(diagnostico(RegrasSe.semProducao3Meses, meses, formatCompetenciaIndex(s.condicaoAtingidaEm)));
    }
    return out;
}

const SEV_PT: Record<SeverityName, string> = { error: 'erro', warning: 'aviso', info: 'info' };

function textoPar(r: ResumoPar): string[] {
    const i = r.incentivo;
    const linhas = [`${r.arquivo} — ${r.nome}`];
    const faltam = r.conteudoMinimo.filter(c => !c.completo);
    linhas.push(
        `  Conteúdo mínimo (arts. 8 e 9): ${r.conteudoMinimo.length - faltam.length} de ${r.conteudoMinimo.length} itens completos` +
            (faltam.length
                ? `; ausentes ou incompletos: ${faltam.map(f => `${f.descricao} (${f.dispositivo}${f.presente && f.pendencia ? `: ${f.pendencia}` : ''})`).join('; ')}`
                : '')
    );
    linhas.push(
        `  População de abrangência: ${i.populacao !== null ? `${formatInteger(i.populacao)} habitantes` : 'indeterminada'} (${r.territorio.municipios.length} municípios)`
    );
    if (!i.total || i.parcelas.length === 0) {
        linhas.push(
            `  Incentivo (art. 15 §1): não calculado — ${i.lacuna?.descricao ?? ''} [${i.lacuna?.codigo ?? ''}]`
        );
        return linhas;
    }
    const [p1, p2] = i.parcelas;
    linhas.push(`  Incentivo (${i.faixa!.dispositivo}, ${i.faixa!.descricao}): ${i.total.texto}`);
    linhas.push(
        `    1ª parcela (${p1.dispositivo}): ${p1.valor.texto} — após a aprovação do PAR pela SAES: ` +
            (p1.situacao === 'condicoes-cumpridas' ? 'condições cumpridas' : `pendente: ${p1.pendencias.join('; ')}`)
    );
    const previsto = p2.producaoPrevista
        ? `produção prevista ${p2.producaoPrevista.valor.texto} (${p2.producaoPrevista.origem}), 50% = ${p2.limiar!.texto}`
        : p2.producaoPrevistaInvalida
          ? 'produção prevista ilegível'
          : 'produção prevista não informada';
    const situacao: Record<typeof p2.situacao, string> = {
        'sem-producao-prevista': p2.producaoPrevistaInvalida
            ? 'a produção prevista escrita no PAR não se lê (par/valor-invalido ou erro de sintaxe), a condição não pode ser conferida'
            : 'sem produção prevista, a condição não pode ser conferida',
        'sem-dados-de-execucao': p2.fonteDaExecucao?.problema
            ? `sem dados de execução: o arquivo ${p2.fonteDaExecucao.arquivo} não foi usado (${p2.fonteDaExecucao.problema})`
            : p2.execucao
              ? 'produção executada indeterminada (OCI concluída sem valor no rol)'
              : 'sem dados de execução (nomeie o arquivo no PAR, execucao "auditoria.json", ou use --execucao)',
        'condicao-cumprida': `executada ${descreverExecutada(p2)}: condição cumprida`,
        'condicao-nao-cumprida': `executada ${descreverExecutada(p2)}: condição NÃO cumprida, faltam ${p2.falta?.texto}`,
        'condicao-indeterminada': `executada ${descreverExecutada(p2)}: condição indeterminada — o limiar fica entre os limites, e a auditoria não diz quantas OCI foram concluídas adequadamente (concluidasAdequadas)`
    };
    linhas.push(`    2ª parcela (${p2.dispositivo}): ${p2.valor.texto} — ${previsto}: ${situacao[p2.situacao]}`);
    const fonte = p2.fonteDaExecucao;
    if (fonte && !fonte.problema) {
        const de =
            fonte.origem === 'par'
                ? 'nomeado no PAR'
                : `--execucao${fonte.substitui !== null ? `, no lugar de execucao "${fonte.substitui}" do PAR` : ''}`;
        linhas.push(`      produção executada de ${fonte.arquivo} (${de})`);
    }
    if (p2.execucao?.origem === 'auditoria') {
        const faixa = (a: { minimo: number; maximo: number }) =>
            a.minimo === a.maximo ? `${a.minimo}` : `${a.minimo} a ${a.maximo}`;
        const ocis = p2.execucao.ocis
            .filter(o => o.concluidas > 0)
            .map(
                o =>
                    `${o.codigo}: ${faixa(o.adequadas)} adequadas de ${o.concluidas} concluídas × ${o.valor?.texto ?? '?'}`
            );
        linhas.push(
            `      executada segundo a auditoria (OCI concluídas adequadamente × valor no rol; art. 16 I): ${ocis.join('; ') || 'nenhuma OCI do elenco concluída'}` +
                (p2.execucao.foraDoElenco.length
                    ? `; fora do elenco, não contam: ${p2.execucao.foraDoElenco.join(', ')}`
                    : '')
        );
        if (p2.executadaTodasConcluidas)
            linhas.push(
                `      todas as OCI concluídas, para comparação (não é o que conta): ${p2.executadaTodasConcluidas.texto}`
            );
    }
    return linhas;
}

const SITUACAO_AMAZONIA: Record<string, string> = {
    uf: 'Amazônia Legal (toda a UF)',
    'ma-oeste': 'Amazônia Legal (MA, a oeste de 44° W)',
    'ma-parcial': 'Amazônia Legal (MA, em parte a oeste de 44° W)',
    'ma-leste': 'fora da Amazônia Legal (MA, a leste de 44° W)',
    fora: 'fora da Amazônia Legal',
    desconhecida: 'Amazônia Legal indeterminada'
};

function textoSe(r: ResumoSe): string[] {
    const linhas = [`${r.arquivo} — ${r.nome}`];
    const m = r.municipio;
    linhas.push(
        `  Município: ${m ? `${m.nomeIbge ?? m.nome ?? '?'} (${m.uf ?? '?'}) ${m.codigo}` : 'não informado'} — ${SITUACAO_AMAZONIA[r.amazoniaLegal.situacao]}` +
            (r.amazoniaLegal.incerta ? ' [classificação incerta: confira na lista do IBGE]' : '')
    );
    linhas.push(
        r.incentivo.mensal
            ? `  Incentivo mensal (${r.incentivo.dispositivo}): ${r.incentivo.mensal.texto} (${r.incentivo.anual!.texto} em 12 meses)`
            : '  Incentivo mensal: não calculado (município ausente ou não classificado)'
    );
    const presentes = r.documentos.filter(d => d.situacao === 'presente').length;
    const faltam = r.documentos.filter(d => d.situacao !== 'presente').map(d => d.inciso);
    linhas.push(
        `  Documentos do §4: ${presentes} de ${r.documentos.length} presentes${faltam.length ? `; faltam os incisos ${faltam.join(', ')}` : ''}`
    );
    const p = r.producao;
    if (p && !p.janela) linhas.push(`  Produção no SIA/SUS (art. 878-A §10): ${p.motivo}`);
    if (p?.competenciasForaDoPeriodo.length)
        linhas.push(
            `  Competências fora do período plausível, fora da janela (dado a corrigir): ${p.competenciasForaDoPeriodo.join(', ')}`
        );
    if (p?.janela) {
        const base = `  Produção no SIA/SUS (art. 878-A §10), ${p.janela.inicio} a ${p.janela.fim}: `;
        if (p.competenciasNaoExaminadas.length)
            linhas.push(
                `${base}meses que o arquivo não cobre, não examinados: ${p.competenciasNaoExaminadas.join(', ')}`
            );
        if (p.sequencias.length === 0) {
            linhas.push(
                base +
                    (p.competenciasSemRegistro.length === 0
                        ? 'registro em todos os meses'
                        : `sem registro em ${p.competenciasSemRegistro.join(', ')} (nunca três meses seguidos)`)
            );
        }
        for (const s of p.sequencias) {
            linhas.push(
                `${base}sem registro de ${s.inicio} a ${s.fim} (${s.meses} meses; condição de suspensão atingida em ${s.condicaoAtingidaEm})` +
                    (p.situacao === 'suspensa' && s === p.sequencias[p.sequencias.length - 1]
                        ? ' — continua sem registro'
                        : ' — a produção voltou depois')
            );
        }
    }
    return linhas;
}

export async function planoCommand(caminhos: string[], opcoes: PlanoOptions, io: Output): Promise<number> {
    if (opcoes.format !== 'text' && opcoes.format !== 'json')
        throw new UsageError(`Formato desconhecido: ${opcoes.format} (use text ou json)`);
    const arquivos = coletar(caminhos.length ? caminhos : ['.']);
    const rol = opcoes.catalogo.length ? collectOciFiles(opcoes.catalogo) : [];
    const ate = opcoes.ate !== undefined ? parseCompetenciaIndex(opcoes.ate) : undefined;
    if (opcoes.ate !== undefined && ate === undefined)
        throw new UsageError(`--ate inválido: ${opcoes.ate} (use AAAA-MM)`);

    let execucao: Execucao | undefined;
    let producao: ProducaoPorCnes | undefined;
    try {
        if (opcoes.execucao) execucao = readExecucao(readArquivo(opcoes.execucao, 'a execução'), opcoes.execucao);
        if (opcoes.producao?.length) producao = await producaoPorEstabelecimento(opcoes.producao);
    } catch (error) {
        if (error instanceof EntradaInvalida) throw new UsageError(error.message);
        throw error;
    }

    const { shared, Oci, Par: servicosPar } = createPlanoCoreServices(SourceFileSystem);
    // O arquivo `execucao` de um PAR fica nas pastas do workspace, como o `sigtap` de um catálogo.
    Oci.catalogo.Settings.workspaceRoots = workspaceRoots(
        [...(caminhos.length ? caminhos : ['.']), ...opcoes.catalogo],
        [...arquivos, ...rol]
    );
    if (cliOptions.sigtapExterno) Oci.catalogo.Settings.permitirSigtapExterno = true;
    // --estrito ou `plano: { estrito: true }` do oci-catalogo.yaml (a opção vence; --verbose diz de onde veio).
    const config = loadCliConfig(caminhos.length ? caminhos : ['.']);
    servicosPar.plano.Opcoes.estrito =
        flagOrConfig('--estrito', opcoes.estrito ? true : undefined, config.config.plano?.estrito) === true;
    // --execucao vale no lugar do arquivo que o PAR nomeia (também na validação).
    if (execucao !== undefined && opcoes.execucao) {
        servicosPar.plano.Execucao.sobreposta = {
            arquivo: opcoes.execucao,
            caminho: path.resolve(opcoes.execucao),
            execucao
        };
    }
    const documentos = shared.workspace.LangiumDocuments;
    const carregar = async (arquivo: string) => {
        try {
            return await documentos.getOrCreateDocument(URI.file(arquivo));
        } catch (error) {
            throw new UsageError(
                `Não foi possível ler ${path.relative(process.cwd(), arquivo)}: ${(error as Error).message}`
            );
        }
    };
    const docsRol = await Promise.all(rol.map(carregar));
    const docs = await Promise.all(arquivos.map(carregar));
    // O rol só entra no índice (sem validar: isso é do "check"); os PAR e as SE são validados contra ele.
    await shared.workspace.DocumentBuilder.build(docsRol, { validation: false });
    await shared.workspace.DocumentBuilder.build(docs, { validation: true });

    const pars = docs.filter(d => isPar(d.parseResult.value));
    if (execucao !== undefined && pars.length !== 1) {
        throw new UsageError(`--execucao vale para um PAR, e há ${pars.length} (verifique um PAR de cada vez)`);
    }

    const relatorio: RelatorioPlano = {
        formato: 'oci-catalogo-planos/1',
        planos: [],
        resumo: { arquivos: docs.length, pars: 0, ses: 0, erros: 0, avisos: 0, infos: 0 }
    };
    const texto: string[] = [];
    for (const doc of docs) {
        const raiz = doc.parseResult.value;
        const arquivo = relativo(doc.uri);
        const diagnosticos = diagnosticosDe(doc);
        let resumo: ResumoPar | ResumoSe | undefined;
        if (isPar(raiz)) {
            relatorio.resumo.pars++;
            const fonte = servicosPar.plano.Execucao.doPar(raiz as Par);
            resumo = resumoPar(raiz as Par, {
                arquivo,
                ...opcoesDaExecucao(fonte, fonte?.caminho ? relativoDoCaminho(fonte.caminho) : undefined)
            });
        } else if (isHabilitacaoSe(raiz)) {
            relatorio.resumo.ses++;
            if (producao) diagnosticos.push(...diagnosticosDaProducao(doc, raiz, producao, ate));
            resumo = resumoSe(raiz, { arquivo, producao, ate });
        }
        diagnosticos.sort((a, b) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
        for (const d of diagnosticos) {
            if (d.severity === 'error') relatorio.resumo.erros++;
            else if (d.severity === 'warning') relatorio.resumo.avisos++;
            else relatorio.resumo.infos++;
            texto.push(`${d.file}:${d.line}:${d.column}: ${SEV_PT[d.severity]} [${d.code}] ${d.message}`);
        }
        if (resumo) relatorio.planos.push({ ...resumo, diagnosticos });
    }
    for (const p of relatorio.planos)
        texto.push(...(p.formato === 'oci-catalogo-par/1' ? textoPar(p) : textoSe(p as ResumoSe)));
    const r = relatorio.resumo;
    texto.push(
        `${r.arquivos} arquivo(s) (${r.pars} PAR, ${r.ses} SE): ${r.erros} erro(s), ${r.avisos} aviso(s), ${r.infos} informação(ões).`
    );
    if (rol.length === 0 && r.pars > 0) texto.push('Sem --catalogo: as OCI dos PAR não foram conferidas com o rol.');

    if (opcoes.out) {
        const pasta = path.resolve(opcoes.out);
        const nomes = relatorio.planos.map(p => path.basename(p.arquivo));
        for (const p of relatorio.planos) {
            const base = path.basename(p.arquivo);
            const nome = nomes.indexOf(base) === nomes.lastIndexOf(base) ? base : p.arquivo.replace(/[\\/:]/g, '_');
            writeFileAtomic(path.join(pasta, `${nome}.json`), JSON.stringify(p, null, 2) + '\n');
        }
        writeFileAtomic(path.join(pasta, 'planos.json'), JSON.stringify(relatorio, null, 2) + '\n');
        texto.push(
            `Resumo gravado em ${path.relative(process.cwd(), path.join(pasta, 'planos.json')) || 'planos.json'} (e um JSON por arquivo).`
        );
    }
    io.out(opcoes.format === 'json' ? JSON.stringify(relatorio, null, 2) + '\n' : texto.join('\n') + '\n');
    return r.erros > 0 ? 1 : 0;
}

function acumular(valor: string, anteriores: string[]): string[] {
    return [...anteriores, valor];
}

/** Registra o comando `plano` no programa da linha de comando (cli/src/main.ts). */
export function registerPlanoCommand(program: Command, run: (code: number) => void, io: Output): void {
    program
        .command('plano')
        .description(
            'verifica Planos de Ação Regional (.par) e habilitações de Sala de Estabilização (.se) e calcula os incentivos'
        )
        .argument('[caminhos...]', 'arquivos .par e .se ou pastas', [])
        .option(
            '--catalogo <caminho>',
            'arquivos .oci ou pastas do rol de OCI contra o qual conferir os PAR (repetível)',
            acumular,
            []
        )
        .option(
            '--execucao <json>',
            'produção financeira executada para a 2ª parcela (art. 15 §2 II): {"producaoFinanceiraExecutada": "1234.56"} ou o auditoria.json de "oci-catalogo audit"; substitui o arquivo que o PAR nomeia (execucao "…")'
        )
        .option(
            '--producao <arquivos...>',
            'produção no SIA/SUS, CSV ou Parquet lidos pelo motor da auditoria (colunas cnes/PA_CODUNI e competencia/PA_CMP ou data) para o art. 878-A §10'
        )
        .option('--ate <AAAA-MM>', 'última competência examinada no §10 (padrão: a última do arquivo de produção)')
        .option('--out <pasta>', 'grava um JSON por arquivo e planos.json')
        .option(
            '--estrito',
            'lacunas do art. 15 §1 (exatamente 500.000 habitantes; 100.000 ou menos) como erros (saída 1), não avisos'
        )
        .option('--format <formato>', 'text ou json', 'text')
        .action(async (caminhos: string[], opcoes: PlanoOptions) => run(await planoCommand(caminhos, opcoes, io)));
}
