/**
 * Code lens do PAR e da SE: sobre o plano, o incentivo do art. 15 (faixa, total e as duas parcelas,
 * ou a lacuna do texto) e a produção prevista com o limiar da 2ª parcela; sobre a linha `execucao`,
 * a condição da 2ª parcela segundo o arquivo de execução — cumprida ou não, com o percentual, ou
 * por que o arquivo não foi usado; sobre cada OCI do elenco, volume × valor; sobre a habilitação, o
 * incentivo mensal (art. 878-A caput ou §1) e os documentos do §4. As lentes informam: clicar não
 * faz nada.
 */
import type { LangiumCoreServices, LangiumDocument, MaybePromise } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import { isHabilitacaoSe, isPar, type Par } from '../../../language/src/index.js';
import { formatMoney } from '../../../language/src/index.js';
import { formatInteger } from '../../../language/src/index.js';
import { producaoPrevista } from '../../../language/src/index.js';
import type { ExecucaoDoPar } from '../../../language/src/index.js';
import type { ParAddedServices } from '../../../language/src/index.js';
import {
    descreverExecutada,
    opcoesDaExecucao,
    resumoPar,
    resumoSe,
    type SegundaParcela
} from '../../../language/src/index.js';

const NADA = '';

function lente(range: Range, title: string): CodeLens {
    return { range, command: { title, command: NADA } };
}

function inicio(node: { $cstNode?: { range: Range } }): Range | undefined {
    const r = node.$cstNode?.range;
    return r ? { start: r.start, end: r.start } : undefined;
}

/** A condição da 2ª parcela segundo o arquivo de execução (undefined sem arquivo ou sem produção prevista). */
export function lenteSegundaParcela(p2: SegundaParcela): string | undefined {
    const fonte = p2.fonteDaExecucao;
    if (!fonte || p2.situacao === 'sem-producao-prevista') return undefined;
    const de = fonte.origem === 'par' ? fonte.arquivo : `${fonte.arquivo}, --execucao`;
    if (fonte.problema)
        return `2ª parcela (art. 15 §2 II): o arquivo de execução ${fonte.arquivo} não foi usado — ${fonte.problema}`;
    switch (p2.situacao) {
        case 'condicao-cumprida':
            return p2.executada
                ? `2ª parcela (art. 15 §2 II): condição cumprida — executada ${p2.executada.texto}, ${p2.percentualExecutado} da produção prevista (${de})`
                : `2ª parcela (art. 15 §2 II): condição cumprida — executada ${descreverExecutada(p2)} (${de})`;
        case 'condicao-nao-cumprida':
            return p2.executada
                ? `2ª parcela (art. 15 §2 II): condição não cumprida — executada ${p2.executada.texto}, ${p2.percentualExecutado} da produção prevista; faltam ${p2.falta!.texto} (${de})`
                : `2ª parcela (art. 15 §2 II): condição não cumprida — executada ${descreverExecutada(p2)}; faltam ${p2.falta!.texto} (${de})`;
        case 'condicao-indeterminada':
            return `2ª parcela (art. 15 §2 II): condição indeterminada — executada ${descreverExecutada(p2)}, e o limiar fica entre os limites (${de})`;
        default:
            return `2ª parcela (art. 15 §2 II): produção executada indeterminada — OCI concluída sem valor no rol (${de})`;
    }
}

export function lentesPar(par: Par, arquivo: string, execucao?: ExecucaoDoPar): CodeLens[] {
    const range = inicio(par);
    if (!range) return [];
    const fonte = execucao?.doPar(par);
    const r = resumoPar(par, { arquivo, ...opcoesDaExecucao(fonte) });
    const i = r.incentivo;
    const lentes: CodeLens[] = [];
    const pop = i.populacao !== null ? `${formatInteger(i.populacao)} hab.` : 'população indeterminada';
    if (i.total && i.parcelas.length === 2) {
        const [p1, p2] = i.parcelas;
        lentes.push(
            lente(
                range,
                `Incentivo ${i.total.texto} (${i.faixa!.dispositivo}; ${pop}) — 1ª parcela ${p1.valor.texto} · 2ª parcela ${p2.valor.texto}`
            )
        );
        lentes.push(
            lente(
                range,
                p2.producaoPrevista
                    ? `Produção prevista ${p2.producaoPrevista.valor.texto} — 2ª parcela após executar ${p2.limiar!.texto} (50%, art. 15 §2 II)`
                    : 'Sem produção prevista: a condição da 2ª parcela (art. 15 §2 II) não pode ser conferida'
            )
        );
        const condicao = lenteSegundaParcela(p2);
        if (condicao) lentes.push(lente((fonte?.item && inicio(fonte.item)) || range, condicao));
    } else {
        lentes.push(
            lente(
                range,
                `Incentivo não calculado (${i.lacuna?.dispositivo ?? 'art. 15 §1'}; ${pop}): ${i.lacuna?.descricao ?? ''}`
            )
        );
    }
    const faltam = r.conteudoMinimo.filter(c => !c.completo).length;
    lentes.push(
        lente(
            range,
            faltam
                ? `Conteúdo mínimo: ${faltam} de ${r.conteudoMinimo.length} itens ausentes ou incompletos (arts. 8 e 9)`
                : `Conteúdo mínimo completo (arts. 8 e 9)`
        )
    );
    for (const linha of producaoPrevista(par).linhas) {
        const at = inicio(linha.item);
        if (!at || linha.volume === undefined) continue;
        lentes.push(
            lente(
                at,
                linha.valor && linha.producao
                    ? `${formatInteger(linha.volume)} × ${formatMoney(linha.valor)} = ${formatMoney(linha.producao)}`
                    : `${formatInteger(linha.volume)} × valor indeterminado`
            )
        );
    }
    return lentes;
}

export class PlanoCodeLensProvider implements CodeLensProvider {
    /** Só nos serviços do PAR. */
    private readonly execucao?: ExecucaoDoPar;

    constructor(services?: LangiumCoreServices) {
        this.execucao = (services as Partial<ParAddedServices> | undefined)?.plano?.Execucao;
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): MaybePromise<CodeLens[]> {
        const raiz = document.parseResult.value;
        const arquivo = document.uri.path.split('/').pop() ?? '';
        if (isPar(raiz)) return lentesPar(raiz, arquivo, this.execucao);
        if (isHabilitacaoSe(raiz)) {
            const range = inicio(raiz);
            if (!range) return [];
            const r = resumoSe(raiz, { arquivo });
            const presentes = r.documentos.filter(d => d.situacao === 'presente').length;
            return [
                lente(
                    range,
                    r.incentivo.mensal
                        ? `Incentivo mensal ${r.incentivo.mensal.texto} (${r.incentivo.dispositivo}${r.amazoniaLegal.dentro ? ', Amazônia Legal' : ''}${r.amazoniaLegal.incerta ? ' — classificação incerta' : ''}) · ${r.incentivo.anual!.texto} em 12 meses`
                        : 'Incentivo mensal não calculado (município ausente ou sem classificação)'
                ),
                lente(range, `Documentos do §4: ${presentes} de ${r.documentos.length}`)
            ];
        }
        return [];
    }
}
