/**
 * "OCI: Auditar produção" (client/src/auditoria.ts) against a stand-in of the `vscode` API (no VS
 * Code can be downloaded here; the e2e suite in test/e2e/ does not cover this command yet): the
 * files asked, the catalogue built through the server's `oci/gerarCatalogo`, the bundled CLI run
 * as in the vsix (a copy of out/cli/main.cjs without node_modules, DuckDB through NODE_PATH), the
 * report opened, and the messages — DuckDB missing, catalogue with errors.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerateCatalogoParams, GenerateCatalogoResult } from '../../server/src/protocol.js';
import { ARQUIVOS } from '../../language/src/audit/saidas.js';
import type { VerdadeSintetica } from '../../language/src/audit/synthetic.js';
import { serializeCatalogo } from '../../language/src/generator/catalogo-json.js';
import { REPO_ROOT } from '../helpers.js';
import { EXEMPLO, catalogoExemplo, generateCsv } from './helpers.js';

const fake = vi.hoisted(() => ({
    dialog: [] as string[] | undefined,
    workspaceFolders: [] as string[],
    /** The button the next error/information message "clicks". */
    clique: undefined as string | undefined,
    mensagens: [] as Array<{ tipo: 'info' | 'erro' | 'aviso'; texto: string; botoes: string[] }>,
    abertos: [] as string[],
    clipboard: '',
    progresso: [] as string[]
}));

vi.mock('vscode', async () => {
    const { Uri, l10n, workspaceStandIn } = await import('../server/vscode-stand-in.js');
    const message =
        (tipo: 'info' | 'erro' | 'aviso') =>
        (texto: string, ...botoes: unknown[]) => {
            const nomes = botoes.filter((b): b is string => typeof b === 'string');
            fake.mensagens.push({ tipo, texto, botoes: nomes });
            return Promise.resolve(fake.clique !== undefined && nomes.includes(fake.clique) ? fake.clique : undefined);
        };
    return {
        Uri,
        ProgressLocation: { Notification: 15 },
        l10n,
        env: {
            language: 'pt-br',
            openExternal: (u: { fsPath: string }) => {
                fake.abertos.push(u.fsPath);
                return Promise.resolve(true);
            },
            clipboard: {
                writeText: (t: string) => {
                    fake.clipboard = t;
                    return Promise.resolve();
                }
            }
        },
        window: {
            activeTextEditor: undefined,
            showOpenDialog: () => Promise.resolve(fake.dialog?.map(f => Uri.file(f))),
            showQuickPick: () => Promise.resolve(undefined),
            showInformationMessage: message('info'),
            showErrorMessage: message('erro'),
            showWarningMessage: message('aviso'),
            withProgress: (
                options: { title: string },
                task: (progress: unknown, token: unknown) => Promise<unknown>
            ) => {
                fake.progresso.push(options.title);
                return task(
                    { report() {} },
                    { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }
                );
            }
        },
        workspace: workspaceStandIn(() => fake.workspaceFolders),
        commands: { executeCommand: () => Promise.resolve(undefined) }
    };
});

const { auditProducao } = await import('../../client/src/auditoria.js');

let dir: string;
let extensao: string;
let producao: string;
let verdade: VerdadeSintetica;
let catalogoJson: string;

const output = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), show: vi.fn() };

/** A language client whose server answers `oci/gerarCatalogo` with `result`, remembering the params. */
function cliente(result: GenerateCatalogoResult) {
    const pedidos: GenerateCatalogoParams[] = [];
    return {
        pedidos,
        client: {
            sendRequest: (_method: string, params: GenerateCatalogoParams) => {
                pedidos.push(params);
                return Promise.resolve(result);
            }
        }
    };
}

function gerado(cabecalho: string, saida: string): GenerateCatalogoResult {
    return {
        status: 'gerado',
        cabecalho: pathToFileURL(cabecalho).href,
        saida,
        arquivos: [path.join(saida, 'catalogo.json')],
        ocis: 34,
        total: { texto: 'R$ 1,00', centavos: 100 },
        competencia: '2026-01',
        avisos: 0
    };
}

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-vscode-'));
    // The extension as installed from the vsix: the bundles, no node_modules.
    extensao = path.join(dir, 'extensao');
    fs.mkdirSync(path.join(extensao, 'out', 'cli'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'out/cli/main.cjs'), path.join(extensao, 'out', 'cli', 'main.cjs'));
    const cat = await catalogoExemplo();
    catalogoJson = serializeCatalogo(cat);
    producao = path.join(dir, 'producao.csv');
    verdade = generateCsv(cat, { episodios: 300, semente: 5, meses: 6 }, [producao]);
}, 120_000);

afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
    Object.assign(fake, {
        dialog: [producao],
        workspaceFolders: [],
        clique: undefined,
        mensagens: [],
        abertos: [],
        clipboard: '',
        progresso: []
    });
    vi.clearAllMocks();
    delete process.env.NODE_PATH;
});

describe('OCI: Auditar produção', () => {
    it("asks for the files, builds the catalogue, audits it into <saída>/auditoria with the repository's DuckDB, opens the report", async () => {
        // The catalogue repository is this one (its node_modules holds DuckDB): examples/pmae's header.
        fake.workspaceFolders = [REPO_ROOT];
        const saida = path.join(dir, 'repo-saida');
        fs.mkdirSync(saida, { recursive: true });
        fs.writeFileSync(path.join(saida, 'catalogo.json'), catalogoJson);
        const { client, pedidos } = cliente(gerado(path.join(EXEMPLO, 'catalogo.oci'), saida));
        const r = await auditProducao(client as never, extensao, output as never, {});
        expect(pedidos).toEqual([expect.objectContaining({ saida: 'out/catalogo' })]);
        expect(r).toMatchObject({
            status: 'auditado',
            exitCode: 0,
            producao: [producao],
            out: path.join(saida, 'auditoria')
        });
        expect(fake.progresso).toEqual(['Gerando o catálogo…', 'Auditando a produção…']);
        const json = JSON.parse(fs.readFileSync(path.join(saida, 'auditoria', ARQUIVOS.json), 'utf8'));
        expect(json.total.episodios).toBe(verdade.episodios);
        expect(fake.abertos).toEqual([path.join(saida, 'auditoria', ARQUIVOS.html)]);
        const [info] = fake.mensagens;
        expect(info.tipo).toBe('info');
        expect(info.texto).toContain(
            `${verdade.episodios} episódio(s) de OCI, ${json.total.sinalizados} sinalizado(s)`
        );
        expect(info.texto).toMatch(/cobrança dupla: \d+ registro\(s\), R\$ [\d.]+,\d\d\.$/);
        expect(info.botoes).toEqual(['Abrir relatório', 'Abrir pasta']);
        expect(output.info).toHaveBeenCalledWith(
            expect.stringMatching(
                /^oci-catalogo audit .*catalogo\.json --producao .*producao\.csv --out .*auditoria \(.*NODE_PATH: .*node_modules/
            )
        );
        expect(output.info).toHaveBeenCalledWith(
            expect.stringContaining(`Auditoria: ${verdade.registros} registro(s)`)
        );
    }, 120_000);

    it('with the files and the audit folder given as arguments, without opening the report', async () => {
        fake.workspaceFolders = [REPO_ROOT];
        fake.dialog = undefined;
        const saida = path.join(dir, 'repo-saida-2');
        fs.mkdirSync(saida, { recursive: true });
        fs.writeFileSync(path.join(saida, 'catalogo.json'), catalogoJson);
        const out = path.join(dir, 'outra-pasta');
        const { client } = cliente(gerado(path.join(EXEMPLO, 'catalogo.oci'), saida));
        const r = await auditProducao(client as never, extensao, output as never, {
            producao: [producao],
            out,
            abrir: false
        });
        expect(r).toMatchObject({ status: 'auditado', out });
        expect(fs.existsSync(path.join(out, ARQUIVOS.html))).toBe(true);
        expect(fake.abertos).toEqual([]);
    }, 120_000);

    it('cancelled file dialog: the catalogue was checked first (a precondition), nothing is audited', async () => {
        fake.workspaceFolders = [REPO_ROOT];
        fake.dialog = undefined;
        const { client, pedidos } = cliente(gerado(path.join(EXEMPLO, 'catalogo.oci'), dir));
        expect(await auditProducao(client as never, extensao, output as never, {})).toBeUndefined();
        expect(pedidos).toHaveLength(1);
        expect(fake.mensagens).toEqual([]);
        expect(fake.progresso).toEqual(['Gerando o catálogo…']);
    });

    it('catalogue with errors: shown as "Gerar catálogo" shows them, nothing audited', async () => {
        const { client } = cliente({
            status: 'erros',
            cabecalho: pathToFileURL(path.join(dir, 'catalogo.oci')).href,
            erros: [],
            total: 3
        });
        const r = await auditProducao(client as never, extensao, output as never, {});
        expect(r).toMatchObject({ status: 'catalogo', catalogo: { status: 'erros', total: 3 } });
        expect(fake.mensagens).toEqual([
            expect.objectContaining({
                tipo: 'erro',
                texto: 'Catálogo NÃO gerado: 3 erro(s) nos arquivos do catálogo. Nada foi gravado.'
            })
        ]);
        expect(fake.progresso).toEqual(['Gerando o catálogo…']);
    });

    it('a catalogue repository without the CLI installed: a clear message and the terminal command to copy', async () => {
        // A workspace in the temporary folder: no node_modules anywhere above it.
        const ws = path.join(dir, 'ws-sem-npm');
        const saida = path.join(ws, 'out', 'catalogo');
        fs.mkdirSync(saida, { recursive: true });
        fs.writeFileSync(path.join(saida, 'catalogo.json'), catalogoJson);
        fake.workspaceFolders = [ws];
        fake.clique = 'Copiar o comando';
        const { client } = cliente(gerado(path.join(ws, 'catalogo.oci'), saida));
        // Issue 19: the precondition is checked before the file dialog opens (nothing asked, nothing run).
        fake.dialog = [path.join(dir, 'nunca-perguntado.csv')];
        const r = await auditProducao(client as never, extensao, output as never, {});
        expect(r).toMatchObject({ status: 'sem-duckdb', exitCode: 2, producao: [] });
        expect(fake.progresso).toEqual(['Gerando o catálogo…']);
        const [erro] = fake.mensagens;
        expect(erro.tipo).toBe('erro');
        expect(erro.texto).toMatch(
            /^A auditoria precisa do DuckDB \(@duckdb\/node-api\), um módulo nativo que não vem na extensão\. Instale a CLI no repositório do catálogo/
        );
        expect(erro.texto).toContain(
            `npx oci-catalogo audit out/catalogo/catalogo.json --producao '<arquivos de produção>' --out out/catalogo/auditoria`
        );
        expect(erro.botoes).toEqual(['Copiar o comando', 'Mostrar saída']);
        await vi.waitFor(() =>
            expect(fake.clipboard).toBe(
                `npx oci-catalogo audit out/catalogo/catalogo.json --producao '<arquivos de produção>' --out out/catalogo/auditoria`
            )
        );
        expect(fake.abertos).toEqual([]);
        expect(fs.existsSync(path.join(saida, 'auditoria', ARQUIVOS.json))).toBe(false);
    }, 60_000);

    it("a production file that cannot be read: the CLI's message", async () => {
        fake.workspaceFolders = [REPO_ROOT];
        const saida = path.join(dir, 'repo-saida-3');
        fs.mkdirSync(saida, { recursive: true });
        fs.writeFileSync(path.join(saida, 'catalogo.json'), catalogoJson);
        fake.dialog = [path.join(dir, 'nao-existe.parquet')];
        const { client } = cliente(gerado(path.join(EXEMPLO, 'catalogo.oci'), saida));
        const r = await auditProducao(client as never, extensao, output as never, {});
        expect(r).toMatchObject({ status: 'falha', exitCode: 2 });
        expect(fake.mensagens).toEqual([
            expect.objectContaining({
                tipo: 'erro',
                texto: expect.stringMatching(/^A auditoria falhou: oci-catalogo: .*nao-existe\.parquet/),
                botoes: ['Mostrar saída']
            })
        ]);
    }, 60_000);
});
