/**
 * The execution file a PAR names (`execucao "auditoria.json"`), with the executed financial production
 * that decides the incentive's second parcela (Portaria GM/MS nº 3.492/2024, art. 15 §2 II): the
 * `{"producaoFinanceiraExecutada": …}` or the auditoria.json of `oci-catalogo audit` (./producao.ts).
 *
 * * The path is relative to the .par file.
 * * A PAR is text anyone proposes in a pull request, like the catalogue: the file must be inside the
 *   workspace's folders, under the same rule (and the same settings) as the catalogue header's
 *   `sigtap` — ../workspace/sigtap-path.ts, with the roots and the permission of ../workspace/settings.ts
 *   (CLI `--sigtap-externo`, editor `oci.sigtap.permitirExterno`, `OCI_SIGTAP_EXTERNO=1`).
 * * A read is kept by path, modification time and size: the hover, the code lens and the validation
 *   do not re-read the file on every request, and a changed file is read again.
 * * Nothing here throws: the problem (outside the workspace, not found, unreadable, invalid JSON)
 *   comes back as a value, and the validator reports it on the `execucao` line (incentivo/execucao-indisponivel).
 *
 * On the command line, `--execucao` replaces every PAR's file (`sobreposta`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, type LangiumCoreServices, type LangiumSharedCoreServices, type URI } from 'langium';
import { isExecucaoPar, type ExecucaoPar, type Par } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import { sigtapForaDoWorkspace } from '../workspace/sigtap-path.js';
import { primeiro } from './par-consultas.js';
import { EntradaInvalida, readExecucao, type Execucao } from './producao.js';

/** The folders the file must be in, and whether the rule is lifted (the same as `sigtap`'s). */
export interface ContencaoExecucao {
    workspaceRoots: readonly string[];
    permitirSigtapExterno: boolean;
}

/** Without roots (use as a library, tests): nothing is required — as with `sigtap`. */
export const SEM_CONTENCAO: ContencaoExecucao = { workspaceRoots: [], permitirSigtapExterno: false };

/** The largest execution file read (an auditoria.json has one line per OCI; this is slack). */
export const TAMANHO_MAXIMO_EXECUCAO = 64 * 1024 * 1024;

export type LeituraExecucao =
    { ok: true; caminho: string; execucao: Execucao } | { ok: false; caminho: string; motivo: string };

interface Guardada {
    mtimeMs: number;
    size: number;
    leitura: LeituraExecucao;
}

/** The reads of execution files, by absolute path, valid while modification time and size do not change. */
export class CacheDeExecucao {
    private readonly guardadas = new Map<string, Guardada>();
    /** How many times a file was actually read from disk (the tests check that the cache works). */
    leituras = 0;

    constructor(private readonly limite = 32) {}

    ler(caminho: string): LeituraExecucao {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(caminho);
        } catch (error) {
            return { ok: false, caminho, motivo: motivoDoSistema(error) };
        }
        if (!stat.isFile()) return { ok: false, caminho, motivo: 'não é um arquivo' };
        if (stat.size > TAMANHO_MAXIMO_EXECUCAO) {
            return {
                ok: false,
                caminho,
                motivo: `arquivo grande demais (${Math.ceil(stat.size / 1024 / 1024)} MiB; o limite é ${TAMANHO_MAXIMO_EXECUCAO / 1024 / 1024} MiB)`
            };
        }
        const anterior = this.guardadas.get(caminho);
        if (anterior && anterior.mtimeMs === stat.mtimeMs && anterior.size === stat.size) return anterior.leitura;
        const leitura = this.readFromDisk(caminho);
        this.guardadas.delete(caminho);
        this.guardadas.set(caminho, { mtimeMs: stat.mtimeMs, size: stat.size, leitura });
        if (this.guardadas.size > this.limite) this.guardadas.delete(this.guardadas.keys().next().value!);
        return leitura;
    }

    private readFromDisk(caminho: string): LeituraExecucao {
        this.leituras++;
        let texto: string;
        try {
            texto = fs.readFileSync(caminho, 'utf8');
        } catch (error) {
            return { ok: false, caminho, motivo: motivoDoSistema(error) };
        }
        try {
            return { ok: true, caminho, execucao: readExecucao(texto, '') };
        } catch (error) {
            const motivo =
                error instanceof EntradaInvalida
                    ? error.message
                    : `erro ao ler o JSON: ${(error as Error)?.message ?? String(error)}`;
            return { ok: false, caminho, motivo };
        }
    }
}

function motivoDoSistema(error: unknown): string {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'arquivo não encontrado';
    if (code === 'EACCES' || code === 'EPERM') return 'sem permissão de leitura';
    if (code === 'EISDIR') return 'não é um arquivo';
    return `não foi possível ler (${(error as Error)?.message ?? String(error)})`;
}

/** The absolute path of the file the PAR writes, relative to the .par's folder (undefined when not on disk). */
export function caminhoDaExecucao(parUri: URI, escrito: string): string | undefined {
    if (parUri.scheme !== 'file') return undefined;
    return path.resolve(path.dirname(parUri.fsPath), escrito);
}

/**
 * Resolves, checks and reads the file the PAR writes. A file outside the workspace's folders is not
 * read (not even to know whether it exists).
 */
export function readExecucaoFromPar(
    parUri: URI,
    escrito: string,
    contencao: ContencaoExecucao,
    cache: CacheDeExecucao
): LeituraExecucao {
    if (escrito.trim() === '') return { ok: false, caminho: '', motivo: 'caminho vazio' };
    const caminho = caminhoDaExecucao(parUri, escrito);
    if (caminho === undefined)
        return {
            ok: false,
            caminho: escrito,
            motivo: `o PAR não está salvo em disco (${parUri.scheme}:), e o caminho é relativo ao arquivo .par`
        };
    const fora = sigtapForaDoWorkspace(caminho, contencao);
    if (fora) {
        const real = fora.real !== fora.caminho ? ` (na verdade ${fora.real})` : '';
        return {
            ok: false,
            caminho,
            motivo:
                `fica fora das pastas do workspace${real}, e um PAR não faz o verificador ler arquivos de outro lugar — ` +
                'mova o arquivo para o workspace ou, se confia no PAR, use --sigtap-externo (linha de comando) ou oci.sigtap.permitirExterno (editor)'
        };
    }
    return cache.ler(caminho);
}

/** Where a PAR's executed production came from. */
export interface FonteExecucao {
    /** 'par': the file of the PAR's `execucao` item; 'linha-de-comando': `--execucao`, which replaces it. */
    origem: 'par' | 'linha-de-comando';
    /** The file as written (in the PAR or on the command line). */
    arquivo: string;
    /** The absolute path, when resolved. */
    caminho?: string;
    /** The PAR's `execucao` item (also with the 'linha-de-comando' origin, when the PAR has one). */
    item?: ExecucaoPar;
    /** The production read; absent when there is a `problema`. */
    execucao?: Execucao;
    problema?: string;
}

export const execucaoDo = (par: Par): ExecucaoPar | undefined => primeiro(par, isExecucaoPar);

/**
 * The PAR's service (`Par.plano.Execucao`) that gives each PAR's executed production: the command
 * line's `sobreposta` or the file the PAR names, with the workspace's folders and the permission of
 * the rol de OCI's settings (those of `sigtap`).
 */
export class ExecucaoDoPar {
    /** The command line's `--execucao`: it holds for every PAR, instead of the file the PAR names. */
    sobreposta?: { arquivo: string; caminho?: string; execucao: Execucao };
    readonly cache = new CacheDeExecucao();
    private readonly shared: LangiumSharedCoreServices;

    constructor(services: LangiumCoreServices) {
        this.shared = services.shared;
    }

    /** The roots and the permission of the rol's settings (CatalogoSettings), which the server and the CLI fill. */
    contencao(): ContencaoExecucao {
        const oci = this.shared.ServiceRegistry.all.find(
            s => (s as Partial<OciServices>).catalogo?.Settings !== undefined
        ) as OciServices | undefined;
        return oci?.catalogo.Settings ?? SEM_CONTENCAO;
    }

    /** The PAR's executed production, or undefined when neither the command line nor the PAR names a file. */
    doPar(par: Par): FonteExecucao | undefined {
        const item = execucaoDo(par);
        if (this.sobreposta) {
            const s = this.sobreposta;
            return { origem: 'linha-de-comando', arquivo: s.arquivo, caminho: s.caminho, item, execucao: s.execucao };
        }
        if (!item || typeof item.caminho !== 'string') return undefined;
        const uri = documentoDe(par)?.uri;
        if (!uri) return { origem: 'par', arquivo: item.caminho, item, problema: 'o PAR não está num documento' };
        const leitura = readExecucaoFromPar(uri, item.caminho, this.contencao(), this.cache);
        return leitura.ok
            ? { origem: 'par', arquivo: item.caminho, caminho: leitura.caminho, item, execucao: leitura.execucao }
            : {
                  origem: 'par',
                  arquivo: item.caminho,
                  caminho: leitura.caminho || undefined,
                  item,
                  problema: leitura.motivo
              };
    }
}

function documentoDe(par: Par) {
    try {
        return AstUtils.getDocument(par);
    } catch {
        return undefined;
    }
}
