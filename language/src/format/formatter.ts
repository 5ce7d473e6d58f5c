/**
 * The canonical layout of `.oci` files. Token-based and conservative, so that it never changes
 * meaning: it only rewrites the white space between tokens (and the optional blanks inside
 * `R$ 45,00` and `40 %`), keeps every comment, and refuses to touch a file that does not lex
 * or parse cleanly. Idempotent by construction: every decision depends on the tokens and on
 * facts the output preserves (a comment on its own line, a blank line between items).
 *
 * Layout: top-level declarations separated by one blank line; `sigtap` on its own indented
 * line under `catalogo`; one item per line inside `{ }`, indented two spaces; one space between
 * tokens on a line, none before a comma.
 */
import type { IToken } from 'chevrotain';
import type { LangiumCoreServices } from 'langium';

const INDENT = '  ';
const TOP_LEVEL = new Set(['catalogo', 'catálogo', 'tecnologia', 'grupo', 'oci']);
const OCI_ITEMS = new Set([
    'fundamento',
    'publico',
    'público',
    'cid',
    'tR',
    'tM',
    'obrigatorio',
    'obrigatório',
    'eventual',
    'conclusao',
    'conclusão',
    'remoto',
    'contrarreferencia',
    'contrarreferência',
    'tecnologias',
    'valor'
]);

interface Tok {
    image: string;
    /** The image composed (NFC): a keyword typed decomposed is the same keyword. */
    word: string;
    type: string;
    offset: number;
    end: number;
    comment: 'line' | 'block' | undefined;
}

export interface FormatResult {
    /** The formatted text, or undefined when the input has lexing or parsing errors. */
    text?: string;
    reason?: string;
}

function normalizeImage(tok: Tok): string {
    if (tok.type === 'MONEY') return tok.image.replace(/^R\$[ \t]*/, 'R$ ');
    if (tok.type === 'PERCENT') return tok.image.replace(/[ \t]+%$/, '%');
    return tok.image;
}

function toTok(t: IToken, comment: Tok['comment']): Tok {
    return {
        image: t.image,
        word: t.image.normalize('NFC'),
        type: t.tokenType.name,
        offset: t.startOffset,
        end: t.startOffset + t.image.length,
        comment
    };
}

export class OciFormatter {
    constructor(private readonly services: LangiumCoreServices) {}

    /**
     * A file written with CRLF throughout keeps CRLF (laid out with LF, then converted back: the
     * same text inside strings and comments); any other file is laid out with LF.
     */
    format(text: string): FormatResult {
        const crlf = text.includes('\r\n') && !/(^|[^\r])\n/.test(text);
        if (!crlf) return this.formatLf(text);
        const result = this.formatLf(text.replace(/\r\n/g, '\n'));
        return result.text === undefined ? result : { text: result.text.replace(/\n/g, '\r\n') };
    }

    private formatLf(text: string): FormatResult {
        const lexed = this.services.parser.Lexer.tokenize(text);
        if (lexed.errors.length > 0) return { reason: 'o arquivo tem caracteres que a linguagem não reconhece' };
        const parsed = this.services.parser.LangiumParser.parse(text);
        if (parsed.parserErrors.length > 0 || parsed.lexerErrors.length > 0)
            return { reason: 'o arquivo tem erros de sintaxe' };
        const tokens = [
            ...lexed.tokens.map(t => toTok(t, undefined)),
            ...lexed.hidden
                .filter(t => t.tokenType.name !== 'WS')
                .map(t => toTok(t, t.tokenType.name === 'SL_COMMENT' ? 'line' : 'block'))
        ].sort((a, b) => a.offset - b.offset);
        return { text: layout(text, tokens) };
    }
}

function layout(source: string, tokens: Tok[]): string {
    const out: string[] = [];
    let line = '';
    let depth = 0;
    /** Kind of each open block: 'oci' or 'grupo'. */
    const blocks: string[] = [];
    let lastKeyword: string | undefined;
    let topLevelSeen = false;
    let forceBreak = false;

    const flush = () => {
        if (line.length > 0) out.push(line.replace(/[ \t]+$/, ''));
        line = '';
    };
    const newLine = (indentDepth: number, blankBefore: boolean) => {
        flush();
        if (blankBefore && out.length > 0 && out[out.length - 1] !== '') out.push('');
        line = INDENT.repeat(indentDepth);
    };
    const gap = (a: Tok, b: Tok) => source.slice(a.end, b.offset);

    for (const [i, tok] of tokens.entries()) {
        const prev = i > 0 ? tokens[i - 1] : undefined;
        const between = prev ? gap(prev, tok) : '';
        const newlinesBefore = (between.match(/\n/g) ?? []).length;
        const image = normalizeImage(tok);
        const block = blocks[blocks.length - 1];

        let breakHere = forceBreak;
        let blank = false;
        let indent = depth;
        forceBreak = false;

        if (tok.comment) {
            // A comment keeps its place: on its own line if it was, else after the code.
            if (!prev || newlinesBefore > 0) {
                const continuesCommentBlock = prev?.comment !== undefined && newlinesBefore === 1;
                breakHere = true;
                blank =
                    newlinesBefore > 1 ||
                    (!continuesCommentBlock && depth === 0 && isTopLevelStartAhead(tokens, i) && topLevelSeen);
            }
        } else if (depth === 0 && TOP_LEVEL.has(tok.word) && isKeyword(tok)) {
            const attachedComment = prev?.comment !== undefined && newlinesBefore <= 1 && startsLine(source, prev);
            // `/* nota */ oci …` stays on one line.
            breakHere = !(prev?.comment === 'block' && newlinesBefore === 0);
            // A blank line separates declarations, and a file's opening comment from the first one.
            blank = (topLevelSeen || prev?.comment !== undefined) && !attachedComment;
            topLevelSeen = true;
        } else if (depth === 0 && tok.image === 'sigtap' && isKeyword(tok)) {
            breakHere = true;
            indent = 1;
        } else if (tok.image === '}' && isKeyword(tok)) {
            breakHere = true;
            indent = depth - 1;
        } else if (depth > 0 && prev && prev.image === '{' && !prev.comment) {
            breakHere = true;
        } else if (depth > 0 && block === 'oci' && OCI_ITEMS.has(tok.word) && isKeyword(tok)) {
            breakHere = true;
            blank = newlinesBefore > 1;
        } else if (depth > 0 && block === 'grupo' && tok.type === 'CODIGO') {
            breakHere = true;
            blank = newlinesBefore > 1;
        }

        if (!prev) {
            line = '';
            if (tok.comment === undefined && TOP_LEVEL.has(tok.word)) topLevelSeen = true;
        } else if (breakHere) {
            newLine(Math.max(indent, 0), blank);
        } else if (tok.image === ',' && !tok.comment) {
            // no space before a comma
        } else {
            line += ' ';
        }
        line += image;

        if (tok.comment === 'line') forceBreak = true;
        if (!tok.comment && tok.image === '{') {
            blocks.push(lastKeyword === 'grupo' ? 'grupo' : 'oci');
            depth++;
            forceBreak = true;
        } else if (!tok.comment && tok.image === '}') {
            blocks.pop();
            depth = Math.max(0, depth - 1);
        }
        if (!tok.comment && depth === 0 && TOP_LEVEL.has(tok.word)) lastKeyword = tok.word;
    }
    flush();
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out.length ? out.join('\n') + '\n' : '';
}

function isKeyword(tok: Tok): boolean {
    return (
        tok.comment === undefined &&
        !['ID', 'STRING', 'CODIGO', 'MONEY', 'PERCENT', 'INT', 'CID', 'COMPETENCIA'].includes(tok.type)
    );
}

function startsLine(source: string, tok: Tok): boolean {
    const lineStart = source.lastIndexOf('\n', tok.offset - 1) + 1;
    return source.slice(lineStart, tok.offset).trim() === '';
}

/** True when the comments from `i` on lead straight to a top-level declaration. */
function isTopLevelStartAhead(tokens: Tok[], i: number): boolean {
    let next = tokens[i];
    for (let j = i + 1; next?.comment; j++) next = tokens[j];
    return next !== undefined && TOP_LEVEL.has(next.word) && isKeyword(next);
}
