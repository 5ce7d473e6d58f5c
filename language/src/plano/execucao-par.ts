/**
 * O arquivo de execução que um PAR nomeia (`execucao "auditoria.json"`), com a produção financeira
 * executada que decide a segunda parcela do incentivo (Portaria GM/MS nº 3.492/2024, art. 15 §2 II):
 * o `{"producaoFinanceiraExecutada": …}` ou o auditoria.json de `oci-catalogo audit` (./producao.ts).
 *
 * * O caminho é relativo ao arquivo .par.
 * * Um PAR é texto que qualquer um propõe num pull request, como o catálogo: o arquivo precisa estar
 *   nas pastas do workspace, com a mesma regra (e a mesma configuração) do `sigtap` do cabeçalho do
 *   catálogo — ../workspace/sigtap-path.ts, com as raízes e a permissão de ../workspace/settings.ts
 *   (CLI `--sigtap-externo`, editor `oci.sigtap.permitirExterno`, `OCI_SIGTAP_EXTERNO=1`).
 * * A leitura é guardada por caminho, data de modificação e tamanho: o hover, o code lens e a
 *   validação não releem o arquivo a cada pedido, e um arquivo alterado é relido.
 * * Nada aqui lança exceção: o problema (fora do workspace, não encontrado, ilegível, JSON inválido)
 *   volta como valor, e o validador o aponta na linha `execucao` (incentivo/execucao-indisponivel).
 *
 * Na linha de comando, `--execucao` substitui o arquivo de todo PAR (`sobreposta`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, type LangiumCoreServices, type LangiumSharedCoreServices, type URI } from 'langium';
import { isExecucaoPar, type ExecucaoPar, type Par } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import { sigtapForaDoWorkspace } from '../workspace/sigtap-path.js';
import { primeiro } from './par-consultas.js';
import { EntradaInvalida, readExecucao, type Execucao } from './producao.js';

/** As pastas em que o arquivo precisa estar e se a regra foi suspensa (as mesmas do `sigtap`). */
export interface ContencaoExecucao {
    workspaceRoots: readonly string[];
    permitirSigtapExterno: boolean;
}

/** Sem raízes (uso como biblioteca, testes): nada é exigido — como no `sigtap`. */
export const SEM_CONTENCAO: ContencaoExecucao = { workspaceRoots: [], permitirSigtapExterno: false };

/** Maior arquivo de execução lido (um auditoria.json tem uma linha por OCI; isto é folga). */
export const TAMANHO_MAXIMO_EXECUCAO = 64 * 1024 * 1024;

export type LeituraExecucao =
    { ok: true; caminho: string; execucao: Execucao } | { ok: false; caminho: string; motivo: string };

interface Guardada {
    mtimeMs: number;
    size: number;
    leitura: LeituraExecucao;
}

/** As leituras de arquivos de execução, por caminho absoluto, válidas enquanto data e tamanho não mudam. */
export class CacheDeExecucao {
    private readonly guardadas = new Map<string, Guardada>();
    /** Quantas vezes um arquivo foi de fato lido do disco (os testes conferem que o cache funciona). */
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

/** O caminho absoluto do arquivo que o PAR escreve, relativo à pasta do .par (undefined se o PAR não está em disco). */
export function caminhoDaExecucao(parUri: URI, escrito: string): string | undefined {
    if (parUri.scheme !== 'file') return undefined;
    return path.resolve(path.dirname(parUri.fsPath), escrito);
}

/**
 * Resolve, confere e lê o arquivo que o PAR escreve. O arquivo fora das pastas do workspace não é
 * lido (nem para saber se existe).
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

/** De onde veio a produção executada de um PAR. */
export interface FonteExecucao {
    /** 'par': o arquivo do item `execucao` do PAR; 'linha-de-comando': o `--execucao`, que o substitui. */
    origem: 'par' | 'linha-de-comando';
    /** O arquivo como escrito (no PAR ou na linha de comando). */
    arquivo: string;
    /** O caminho absoluto, quando resolvido. */
    caminho?: string;
    /** O item `execucao` do PAR (também com a origem 'linha-de-comando', se o PAR o tem). */
    item?: ExecucaoPar;
    /** A produção lida; ausente quando há `problema`. */
    execucao?: Execucao;
    problema?: string;
}

export const execucaoDo = (par: Par): ExecucaoPar | undefined => primeiro(par, isExecucaoPar);

/**
 * O serviço do PAR (`Par.plano.Execucao`) que diz a produção executada de cada PAR: a `sobreposta`
 * da linha de comando ou o arquivo que o PAR nomeia, com as pastas do workspace e a permissão das
 * configurações do rol de OCI (as do `sigtap`).
 */
export class ExecucaoDoPar {
    /** `--execucao` da linha de comando: vale para todo PAR, no lugar do arquivo que ele nomeia. */
    sobreposta?: { arquivo: string; caminho?: string; execucao: Execucao };
    readonly cache = new CacheDeExecucao();
    private readonly shared: LangiumSharedCoreServices;

    constructor(services: LangiumCoreServices) {
        this.shared = services.shared;
    }

    /** As raízes e a permissão das configurações do rol (CatalogoSettings), que o servidor e a CLI preenchem. */
    contencao(): ContencaoExecucao {
        const oci = this.shared.ServiceRegistry.all.find(
            s => (s as Partial<OciServices>).catalogo?.Settings !== undefined
        ) as OciServices | undefined;
        return oci?.catalogo.Settings ?? SEM_CONTENCAO;
    }

    /** A produção executada do PAR, ou undefined quando nem a linha de comando nem o PAR dizem um arquivo. */
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
