/**
 * The execution file the PAR names (`execucao "…"`, art. 15 §2 II): read relative to the .par, kept
 * by path, modification time and size; contained in the workspace's folders like `sigtap`; the
 * incentivo/execucao-indisponivel warning; the hover and the code lens with the 2nd parcela's
 * condition; and, on the command line, `--execucao` instead of the PAR's file. The files live in a
 * real temporary folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { clearDocuments } from 'langium/test';
import type { Hover } from 'vscode-languageserver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanoOptions, RelatorioPlano } from '../../cli/src/plano-command.js';
import { CacheDeExecucao, SEM_CONTENCAO, readExecucaoFromPar } from '../../language/src/plano/execucao-par.js';
import type { ParServices } from '../../language/src/plano/plano-module.js';
import { RegrasPar } from '../../language/src/plano/rules.js';
import type { ResumoPar, SegundaParcela } from '../../language/src/plano/resumo.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { exemplo, rolDeExemplo, runPlano, type CommandLineOptions } from './helpers.js';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-execucao-')));
const WS = path.join(tmp, 'ws');
const PLANO = path.join(WS, 'plano');
const FORA = path.join(tmp, 'fora');
const PAR = exemplo('examples/par/regiao-sao-luis.par');

function escrever(arquivo: string, conteudo: unknown): string {
    fs.mkdirSync(path.dirname(arquivo), { recursive: true });
    fs.writeFileSync(arquivo, typeof conteudo === 'string' ? conteudo : JSON.stringify(conteudo));
    return arquivo;
}
const executada = (valor: string) => ({ producaoFinanceiraExecutada: valor });

/** The example PAR with another path in `execucao`. */
function parCom(caminho: string): string {
    if (!PAR.includes('execucao "execucao.json"')) throw new Error('o exemplo não nomeia execucao.json');
    return PAR.replace('execucao "execucao.json"', `execucao ${JSON.stringify(caminho)}`);
}

function linhaDe(texto: string, trecho: string): number {
    return texto.split('\n').findIndex(l => l.includes(trecho));
}

beforeAll(() => {
    escrever(path.join(PLANO, 'execucao.json'), executada('1150000.00'));
    escrever(path.join(FORA, 'execucao.json'), executada('1150000.00'));
    fs.symlinkSync(path.join(FORA, 'execucao.json'), path.join(PLANO, 'link.json'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('reading the file (language/src/plano/execucao-par.ts)', () => {
    const par = URI.file(path.join(PLANO, 'p.par'));

    it('relative to the .par; cached by path, date and size: re-read only when the file changes', () => {
        const arquivo = escrever(path.join(PLANO, 'cache.json'), executada('1150000.00'));
        const cache = new CacheDeExecucao();
        const r = readExecucaoFromPar(par, 'cache.json', SEM_CONTENCAO, cache);
        expect(r).toMatchObject({ ok: true, caminho: arquivo, execucao: { origem: 'informada' } });
        expect(r.ok && r.execucao.origem === 'informada' && r.execucao.valor.toFixed(2)).toBe('1150000.00');
        readExecucaoFromPar(par, './cache.json', SEM_CONTENCAO, cache);
        readExecucaoFromPar(par, '../plano/cache.json', SEM_CONTENCAO, cache);
        expect(cache.leituras).toBe(1);
        // Outro tamanho: relido.
        escrever(arquivo, executada('880000.00'));
        const r2 = readExecucaoFromPar(par, 'cache.json', SEM_CONTENCAO, cache);
        expect(r2.ok && r2.execucao.origem === 'informada' && r2.execucao.valor.toFixed(2)).toBe('880000.00');
        expect(cache.leituras).toBe(2);
        // Mesmo tamanho, outra data: relido.
        escrever(arquivo, executada('990000.00'));
        const futuro = new Date(Date.now() + 60_000);
        fs.utimesSync(arquivo, futuro, futuro);
        const r3 = readExecucaoFromPar(par, 'cache.json', SEM_CONTENCAO, cache);
        expect(r3.ok && r3.execucao.origem === 'informada' && r3.execucao.valor.toFixed(2)).toBe('990000.00');
        expect(cache.leituras).toBe(3);
    });

    it('problems come back as a value, with the reason', () => {
        const cache = new CacheDeExecucao();
        escrever(path.join(PLANO, 'quebrado.json'), '{ "producaoFinanceiraExecutada": ');
        escrever(path.join(PLANO, 'sem-chave.json'), { total: 1 });
        escrever(path.join(PLANO, 'bom.json'), '\uFEFF{ "producaoFinanceiraExecutada": "R$ 1.150.000,00" }');
        const ler = (escrito: string, uri = par) => readExecucaoFromPar(uri, escrito, SEM_CONTENCAO, cache);
        expect(ler('nao-existe.json')).toMatchObject({ ok: false, motivo: 'arquivo não encontrado' });
        expect(ler('.')).toMatchObject({ ok: false, motivo: 'não é um arquivo' });
        expect(ler('quebrado.json')).toMatchObject({ ok: false, motivo: expect.stringMatching(/^JSON inválido/) });
        expect(ler('sem-chave.json')).toMatchObject({
            ok: false,
            motivo: expect.stringContaining('falta "producaoFinanceiraExecutada"')
        });
        expect(ler('  ')).toMatchObject({ ok: false, motivo: 'caminho vazio' });
        expect(ler('bom.json', URI.parse('untitled:Sem-titulo-1'))).toMatchObject({
            ok: false,
            motivo: expect.stringContaining('não está salvo em disco')
        });
        // A BOM at the start is no error.
        expect(ler('bom.json')).toMatchObject({ ok: true });
    });

    it('outside the workspace folders: refused without reading, through a symbolic link too; the sigtap permission accepts it', () => {
        const cache = new CacheDeExecucao();
        const contido = { workspaceRoots: [WS], permitirSigtapExterno: false };
        const fora = readExecucaoFromPar(par, '../../fora/execucao.json', contido, cache);
        expect(fora).toMatchObject({
            ok: false,
            caminho: path.join(FORA, 'execucao.json'),
            motivo: expect.stringContaining('fica fora das pastas do workspace')
        });
        const absoluto = readExecucaoFromPar(par, path.join(FORA, 'execucao.json'), contido, cache);
        expect(absoluto.ok).toBe(false);
        const link = readExecucaoFromPar(par, 'link.json', contido, cache);
        expect(link).toMatchObject({
            ok: false,
            motivo: expect.stringContaining(`(na verdade ${path.join(FORA, 'execucao.json')})`)
        });
        expect(cache.leituras).toBe(0);
        expect(readExecucaoFromPar(par, 'execucao.json', contido, cache).ok).toBe(true);
        expect(
            readExecucaoFromPar(par, '../../fora/execucao.json', { ...contido, permitirSigtapExterno: true }, cache).ok
        ).toBe(true);
    });
});

describe('in the editor: validation, hover and code lens', () => {
    const { shared, Oci } = createOciLspServices(EmptyFileSystem);
    const Par = shared.ServiceRegistry.getServices(URI.file('/x.par')) as LangiumServices & ParServices;
    const P = path.join(PLANO, 'p.par');

    // test/helpers.ts sets OCI_SIGTAP_EXTERNO=1 for the suite: here the rule holds, except where a test lifts it.
    beforeEach(() => {
        Oci.catalogo.Settings.workspaceRoots = [];
        Oci.catalogo.Settings.permitirSigtapExterno = false;
    });
    afterAll(async () => {
        await clearDocuments(shared);
    });

    async function montar(texto: string): Promise<LangiumDocument> {
        await clearDocuments(shared);
        const arquivos = {
            ...Object.fromEntries(Object.entries(rolDeExemplo()).map(([n, t]) => [path.join(WS, n), t])),
            [P]: texto
        };
        const docs = Object.entries(arquivos).map(([nome, t]) => {
            const doc = shared.workspace.LangiumDocumentFactory.fromString(t, URI.file(nome));
            shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        return docs[docs.length - 1];
    }

    async function hover(doc: LangiumDocument, texto: string, trecho: string, delta: number): Promise<string> {
        const linha = linhaDe(texto, trecho);
        const character = texto.split('\n')[linha].indexOf(trecho) + delta;
        const h: Hover | undefined = await Par.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: { line: linha, character }
        });
        return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    }

    async function lentes(doc: LangiumDocument) {
        return (
            (await Par.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } })) ?? []
        );
    }

    it('with the file: "condição cumprida" in the hover, in the code lens (on the execucao line) and in the info', async () => {
        Oci.catalogo.Settings.workspaceRoots = [WS];
        const doc = await montar(PAR);
        const linha = linhaDe(PAR, 'execucao "execucao.json"');
        const diagnosticos = doc.diagnostics ?? [];
        expect(diagnosticos.map(d => [d.code, d.severity, d.range.start.line])).toEqual([
            [RegrasPar.segundaParcela.code, 3, linha]
        ]);
        expect(diagnosticos[0].message).toContain(
            'Segunda parcela: condição cumprida — executados R$ 1.150.000,00 de R$ 2.200.000,00 previstos (52,27%; 50% = R$ 1.100.000,00), segundo execucao.json'
        );
        const texto = await hover(doc, PAR, 'plano "PAR', 2);
        expect(texto).toContain('**condição cumprida**: executada R$ 1.150.000,00 (52,27% da prevista)');
        expect(texto).toContain('Produção executada: execucao.json (nomeado no PAR; valor informado)');
        // On the line itself: the incentive and the text of §2 II (the information is there).
        const naLinha = await hover(doc, PAR, 'execucao "execucao.json"', 2);
        expect(naLinha).toContain('**condição cumprida**');
        expect(naLinha).toContain(
            'II - 50% do valor de trata o § 1º após a execução de 50% da produção financeira prevista no PAR.'
        );
        const lente = (await lentes(doc)).find(l => l.command?.title.startsWith('2ª parcela'));
        expect(lente?.command?.title).toBe(
            '2ª parcela (art. 15 §2 II): condição cumprida — executada R$ 1.150.000,00, 52,27% da produção prevista (execucao.json)'
        );
        expect(lente?.range.start.line).toBe(linha);
    });

    it('hover and code lens do not re-read the file on every request; a changed file is re-read', async () => {
        const arquivo = escrever(path.join(PLANO, 'muda.json'), executada('1150000.00'));
        const texto = parCom('muda.json');
        const doc = await montar(texto);
        const cache = Par.plano.Execucao.cache;
        const antes = cache.leituras;
        for (let i = 0; i < 5; i++) {
            await hover(doc, texto, 'plano "PAR', 2);
            await lentes(doc);
        }
        expect(cache.leituras).toBe(antes);
        escrever(arquivo, executada('880000.00'));
        expect(await hover(doc, texto, 'plano "PAR', 2)).toContain(
            '**condição não cumprida**: executada R$ 880.000,00 (40,00% da prevista); faltam R$ 220.000,00'
        );
        expect((await lentes(doc)).map(l => l.command?.title)).toContain(
            '2ª parcela (art. 15 §2 II): condição não cumprida — executada R$ 880.000,00, 40,00% da produção prevista; faltam R$ 220.000,00 (muda.json)'
        );
        expect(cache.leituras).toBe(antes + 1);
    });

    it('the file changes on disk: the PAR that names it is revalidated (the info turns to "não cumprida")', async () => {
        // Without a client, the workspace is "ready" with no folder (the server does this on initialized).
        await shared.workspace.WorkspaceManager.initializeWorkspace([]);
        const arquivo = escrever(path.join(PLANO, 'revalida.json'), executada('1150000.00'));
        const doc = await montar(parCom('revalida.json'));
        const info = () => (doc.diagnostics ?? []).find(d => d.code === RegrasPar.segundaParcela.code)?.message ?? '';
        expect(info()).toContain('condição cumprida');
        escrever(arquivo, executada('880000.00'));
        // Any other file revalidates nothing; the PAR's does.
        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({
            changes: [{ uri: URI.file(path.join(PLANO, 'outro.json')).toString(), type: 2 }]
        });
        shared.lsp.DocumentUpdateHandler.didChangeWatchedFiles!({
            changes: [{ uri: URI.file(arquivo).toString(), type: 2 }]
        });
        await vi.waitFor(() => expect(info()).toContain('condição não cumprida — executados R$ 880.000,00'), {
            timeout: 5000
        });
    });

    it('nonexistent file: a warning on the execucao line with the reason; the hover and the code lens say why', async () => {
        const texto = parCom('nao-existe.json');
        const doc = await montar(texto);
        const avisos = (doc.diagnostics ?? []).filter(d => d.code === RegrasPar.execucaoIndisponivel.code);
        expect(avisos.map(d => [d.severity, d.range.start.line])).toEqual([
            [2, linhaDe(texto, 'execucao "nao-existe.json"')]
        ]);
        expect(avisos[0].message).toContain(
            'O arquivo de execução "nao-existe.json" não foi usado: arquivo não encontrado'
        );
        expect((avisos[0].data as { basis?: string }).basis).toContain('Portaria GM/MS nº 3.492/2024, art. 15 §2 II');
        expect((doc.diagnostics ?? []).map(d => d.code)).not.toContain(RegrasPar.segundaParcela.code);
        expect(await hover(doc, texto, 'plano "PAR', 2)).toContain(
            'sem dados de execução: o arquivo nao-existe.json não foi usado (arquivo não encontrado)'
        );
        expect((await lentes(doc)).map(l => l.command?.title)).toContain(
            '2ª parcela (art. 15 §2 II): o arquivo de execução nao-existe.json não foi usado — arquivo não encontrado'
        );
    });

    it('invalid JSON: a warning with the reason', async () => {
        escrever(path.join(PLANO, 'invalido.json'), { producaoFinanceiraExecutada: 'muito' });
        const doc = await montar(parCom('invalido.json'));
        const [aviso] = (doc.diagnostics ?? []).filter(d => d.code === RegrasPar.execucaoIndisponivel.code);
        expect(aviso?.message).toContain('"producaoFinanceiraExecutada" inválida: "muito"');
    });

    it('outside the workspace folders: refused (without reading), through a symbolic link too; oci.sigtap.permitirExterno accepts it', async () => {
        Oci.catalogo.Settings.workspaceRoots = [WS];
        const cache = Par.plano.Execucao.cache;
        const antes = cache.leituras;
        for (const caminho of ['../../fora/execucao.json', 'link.json']) {
            const texto = parCom(caminho);
            const doc = await montar(texto);
            const avisos = (doc.diagnostics ?? []).filter(d => d.code === RegrasPar.execucaoIndisponivel.code);
            expect(
                avisos.map(d => d.range.start.line),
                caminho
            ).toEqual([linhaDe(texto, 'execucao "')]);
            expect(avisos[0].message).toContain('fica fora das pastas do workspace');
            expect(await hover(doc, texto, 'plano "PAR', 2)).toContain(
                `sem dados de execução: o arquivo ${caminho.replace(/_/g, '\\_')} não foi usado (fica fora das pastas do workspace`
            );
        }
        expect(cache.leituras).toBe(antes);
        Oci.catalogo.Settings.permitirSigtapExterno = true;
        const doc = await montar(parCom('../../fora/execucao.json'));
        expect((doc.diagnostics ?? []).map(d => d.code)).toEqual([RegrasPar.segundaParcela.code]);
    });
});

describe('command line: --execucao in place of the file the PAR names', () => {
    const CLI = path.join(tmp, 'cli');
    const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join('/');

    async function rodar(
        caminhos: string[],
        opcoes: Partial<PlanoOptions>,
        global: CommandLineOptions = {}
    ): Promise<{ codigo: number; saida: string }> {
        const { codigo, all } = await runPlano(caminhos, { catalogo: ['examples/pmae'], ...opcoes }, global);
        return { codigo, saida: all };
    }

    async function json(caminhos: string[], opcoes: Partial<PlanoOptions>, global: CommandLineOptions = {}) {
        const { codigo, saida } = await rodar(caminhos, { ...opcoes, format: 'json' }, global);
        const plano = (JSON.parse(saida) as RelatorioPlano).planos[0] as ResumoPar & {
            diagnosticos: Array<{ code: string; severity: string; message: string }>;
        };
        return { codigo, plano, p2: plano.incentivo.parcelas[1] as SegundaParcela };
    }

    beforeAll(() => {
        escrever(path.join(CLI, 'p.par'), parCom('exec.json'));
        escrever(path.join(CLI, 'exec.json'), executada('1150000.00'));
        escrever(path.join(CLI, 'outra.json'), executada('880000.00'));
        escrever(path.join(CLI, 'ausente', 'p.par'), parCom('nao-existe.json'));
        escrever(path.join(CLI, 'fora', 'p.par'), parCom('../../fora-cli/exec.json'));
        escrever(path.join(tmp, 'fora-cli', 'exec.json'), executada('1150000.00'));
    });
    const ambiente = process.env.OCI_SIGTAP_EXTERNO;
    beforeEach(() => {
        // test/helpers.ts sets OCI_SIGTAP_EXTERNO=1 for the suite; the command line here runs without it.
        delete process.env.OCI_SIGTAP_EXTERNO;
    });
    afterEach(() => {
        if (ambiente === undefined) delete process.env.OCI_SIGTAP_EXTERNO;
        else process.env.OCI_SIGTAP_EXTERNO = ambiente;
    });

    it('without --execucao, the file the PAR names counts', async () => {
        const { codigo, plano, p2 } = await json([path.join(CLI, 'p.par')], {});
        expect(codigo).toBe(0);
        expect(p2).toMatchObject({
            situacao: 'condicao-cumprida',
            percentualExecutado: '52,27%',
            executada: { reais: '1150000.00' }
        });
        expect(p2.fonteDaExecucao).toEqual({
            arquivo: rel(path.join(CLI, 'exec.json')),
            origem: 'par',
            substitui: null,
            problema: null
        });
        expect(plano.diagnosticos.map(d => d.code)).toEqual([RegrasPar.segundaParcela.code]);
        const { saida } = await rodar([path.join(CLI, 'p.par')], {});
        expect(saida).toContain('executada R$ 1.150.000,00 (52,27% da prevista): condição cumprida');
        expect(saida).toContain(`produção executada de ${rel(path.join(CLI, 'exec.json'))} (nomeado no PAR)`);
    });

    it('with --execucao, the option counts in the summary, the text and the validation', async () => {
        const outra = rel(path.join(CLI, 'outra.json'));
        const { plano, p2 } = await json([path.join(CLI, 'p.par')], { execucao: outra });
        expect(p2).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            percentualExecutado: '40,00%',
            falta: { reais: '220000.00' }
        });
        expect(p2.fonteDaExecucao).toEqual({
            arquivo: outra,
            origem: 'linha-de-comando',
            substitui: 'exec.json',
            problema: null
        });
        const [info] = plano.diagnosticos.filter(d => d.code === RegrasPar.segundaParcela.code);
        expect(info.message).toContain(
            `condição não cumprida — executados R$ 880.000,00 de R$ 2.200.000,00 previstos (40,00%; 50% = R$ 1.100.000,00); faltam R$ 220.000,00, segundo ${outra} (--execucao)`
        );
        const { saida } = await rodar([path.join(CLI, 'p.par')], { execucao: outra });
        expect(saida).toContain('condição NÃO cumprida, faltam R$ 220.000,00');
        expect(saida).toContain(`produção executada de ${outra} (--execucao, no lugar de execucao "exec.json" do PAR)`);
    });

    it('the file the PAR names is missing: warning, exit 0; with --execucao, it is not even read', async () => {
        const ausente = path.join(CLI, 'ausente', 'p.par');
        const sem = await rodar([ausente], {});
        expect(sem.codigo).toBe(0);
        expect(sem.saida).toMatch(
            /p\.par:\d+:\d+: aviso \[incentivo\/execucao-indisponivel\] O arquivo de execução "nao-existe\.json" não foi usado: arquivo não encontrado/
        );
        expect(sem.saida).toContain(
            `sem dados de execução: o arquivo ${rel(path.join(CLI, 'ausente', 'nao-existe.json'))} não foi usado (arquivo não encontrado)`
        );
        const com = await json([ausente], { execucao: path.join(CLI, 'exec.json') });
        expect(com.plano.diagnosticos.map(d => d.code)).toEqual([RegrasPar.segundaParcela.code]);
        expect(com.p2.situacao).toBe('condicao-cumprida');
    });

    it('outside the command-line folders and the current folder: refused; --sigtap-externo accepts it', async () => {
        const par = path.join(CLI, 'fora', 'p.par');
        const recusado = await json([par], {});
        expect(
            recusado.plano.diagnosticos.filter(d => d.code === RegrasPar.execucaoIndisponivel.code).map(d => d.message)
        ).toEqual([expect.stringContaining('fica fora das pastas do workspace')]);
        expect(recusado.p2.situacao).toBe('sem-dados-de-execucao');
        const aceito = await json([par], {}, { sigtapExterno: true });
        expect(aceito.p2.situacao).toBe('condicao-cumprida');
    });
});
