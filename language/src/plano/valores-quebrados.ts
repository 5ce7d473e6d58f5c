/**
 * A broken number is no number (issue 13, item 8). The PAR's and the SE's parser recovers from
 * syntax errors and leaves in the tree the piece it recognized: in `populacao -500.001` the "-" is an
 * invalid character and the population becomes 500.001; in `populacao 1 037 775`, it becomes 1.
 * Publishing or computing with that piece would publish a number nobody wrote.
 *
 * The rule: a value (population, volume, target, amount in R$, date, competência) whose line has a
 * syntax error (lexer's or parser's) is treated as absent — neither the summary, nor the JSON, nor
 * the computations use it; the syntax error already points at the place. It is conservative on
 * purpose: an error in another item of the same line also removes the value, which never publishes a
 * wrong number.
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument } from 'langium';

/** The text and the syntax errors' positions, per parse result (one per version of the text). */
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
 * True when the property `property` of `node` (a single-token value) is on a line with a syntax
 * error. Without a document (a tree built by hand) or without the token, false.
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

/** The value's text, or undefined when absent or broken (valorQuebrado). */
export function valorIntegro<N extends AstNode, K extends keyof N & string>(
    node: N | undefined,
    property: K
): N[K] | undefined {
    if (!node) return undefined;
    const valor = node[property];
    if (valor === undefined) return undefined;
    return valorQuebrado(node, property) ? undefined : valor;
}
