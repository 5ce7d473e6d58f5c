/**
 * Um número quebrado não é número (issue 13, item 8). O analisador do PAR e da SE se recupera de
 * erros de sintaxe e deixa na árvore o pedaço que reconheceu: em `populacao -500.001` o "-" é um
 * caractere inválido e a população fica 500.001; em `populacao 1 037 775`, fica 1. Publicar ou
 * calcular com esse pedaço seria publicar um número que ninguém escreveu.
 *
 * A regra: um valor (população, volume, meta, valor em R$, data, competência) cuja linha tem um erro
 * de sintaxe (léxico ou do analisador) é tratado como ausente — nem o resumo, nem o JSON, nem as
 * contas o usam; o erro de sintaxe já aponta o lugar. É conservadora de propósito: um erro em outro
 * item da mesma linha também retira o valor, o que nunca publica um número errado.
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';

/** O texto e as posições dos erros de sintaxe, por resultado da análise (um por versão do texto). */
const cache = new WeakMap<object, { texto: string; erros: number[] }>();

function errosDaRaiz(raiz: AstNode): { texto: string; erros: number[] } | undefined {
    let doc: LangiumDocument | undefined;
    try {
        doc = AstUtils.getDocument(raiz);
    } catch {
        return undefined;
    }
    const r = doc.parseResult;
    const guardado = cache.get(r);
    if (guardado) return guardado;
    const texto = doc.textDocument.getText();
    const erros: number[] = [
        ...(r.lexerErrors ?? []).map(e => e.offset),
        ...(r.lexerReport?.diagnostics ?? []).map(e => e.offset),
        ...(r.parserErrors ?? []).map(e => e.token?.startOffset)
    ].filter((o): o is number => typeof o === 'number' && Number.isFinite(o) && o >= 0);
    const resultado = { texto, erros };
    cache.set(r, resultado);
    return resultado;
}

/**
 * true quando a propriedade `property` de `node` (um valor de um só token) está numa linha com erro
 * de sintaxe. Sem documento (árvore construída à mão) ou sem o token, false.
 */
export function valorQuebrado(node: AstNode | undefined, property: string): boolean {
    if (!node) return false;
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, property);
    if (!cst) return false;
    const info = errosDaRaiz(AstUtils.findRootNode(node));
    if (!info || info.erros.length === 0) return false;
    const inicio = info.texto.lastIndexOf('\n', cst.offset - 1) + 1;
    const quebra = info.texto.indexOf('\n', cst.end);
    const fim = quebra < 0 ? info.texto.length : quebra;
    return info.erros.some(o => o >= inicio && o <= fim);
}

/** O texto do valor, ou undefined quando ausente ou quebrado (valorQuebrado). */
export function valorIntegro<N extends AstNode, K extends keyof N & string>(
    node: N | undefined,
    property: K
): N[K] | undefined {
    if (!node) return undefined;
    const valor = node[property];
    if (valor === undefined) return undefined;
    return valorQuebrado(node, property) ? undefined : valor;
}
