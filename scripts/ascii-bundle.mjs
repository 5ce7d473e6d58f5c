/**
 * Makes a bundle ASCII-only. esbuild escapes non-ASCII characters in strings and identifiers (charset ascii) but
 * keeps them in comments and regular-expression literals (`/cat[aá]logo/`, the accented headings of the rule
 * tables). One such character makes V8 hold the whole source at two bytes per character: ~2.5 MB more of the
 * language server's memory for its 2.6 MB bundle, and ~20 ms more to read it at every start (bench/README.md).
 *
 * Here each of them becomes a `\uXXXX` escape, which means the same character in a regular expression (inside or
 * outside a class, with or without the `u`/`v` flags; a character outside the BMP becomes its surrogate pair, or
 * `\u{…}` under `u`/`v`) and is inert in a comment. The text is read by acorn's tokenizer, so a character is escaped
 * only where it is known to be in a comment or a regular-expression literal; anywhere else (or right after a
 * backslash, where an escape would change the meaning) the bundle is refused. The result is tokenized again and
 * must give the same tokens (types and values), the regular expressions compared by what they match.
 */
import * as acorn from 'acorn';

/** Any UTF-16 code unit outside ASCII (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;

/** `text` with the non-ASCII characters of its comments and regex literals escaped; throws where it cannot. */
export function asciiOnly(text, name = 'bundle') {
    if (!NON_ASCII.test(text)) return text;
    const spans = []; // [start, end, kind], in source order
    const tokens = tokensOf(text, spans);
    let out = '';
    let done = 0;
    let span = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 0x80) continue;
        while (span < spans.length && spans[span][1] <= i) span++;
        const [start, end, kind, flags] = spans[span] ?? [];
        if (start === undefined || i < start || i >= end)
            throw new Error(`${name}: caractere não ASCII fora de comentário e de expressão regular (posição ${i})`);
        const point = text.codePointAt(i);
        const width = point > 0xffff ? 2 : 1;
        let escape;
        if (kind === 'comment') escape = unicodeEscape(text.slice(i, i + width));
        else {
            let slashes = 0;
            for (let j = i - 1; j >= start && text[j] === '\\'; j--) slashes++;
            if (slashes % 2 === 1)
                throw new Error(`${name}: escape de caractere não ASCII numa expressão regular (posição ${i})`);
            escape =
                width === 2 && /[uv]/.test(flags)
                    ? `\\u{${point.toString(16)}}`
                    : unicodeEscape(text.slice(i, i + width));
        }
        out += text.slice(done, i) + escape;
        done = i + width;
        i += width - 1;
    }
    out += text.slice(done);
    if (NON_ASCII.test(out)) throw new Error(`${name}: ainda há caracteres não ASCII`);
    const again = tokensOf(out, []);
    if (again.length !== tokens.length) throw new Error(`${name}: o texto escapado dá outros tokens`);
    for (let k = 0; k < tokens.length; k++) {
        const a = tokens[k];
        const b = again[k];
        const same = a.type === b.type && (a.type === 'regexp' ? sameRegExp(a.value, b.value) : a.value === b.value);
        if (!same) throw new Error(`${name}: o token ${k} mudou ao escapar (${a.value} → ${b.value})`);
    }
    return out;
}

function tokensOf(text, spans) {
    const tokens = [];
    const tokenizer = acorn.tokenizer(text, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        allowHashBang: true,
        allowReturnOutsideFunction: true,
        onComment: (_block, _text, start, end) => spans.push([start, end, 'comment', ''])
    });
    for (const token of tokenizer) {
        const type = token.type.label;
        /** @type {any} acorn's Token type does not declare the value it carries */
        const value = /** @type {any} */ (token).value;
        if (type === 'regexp') {
            spans.push([token.start, token.end, 'regexp', value.flags]);
            tokens.push({ type, value: { pattern: value.pattern, flags: value.flags } });
        } else tokens.push({ type, value });
    }
    spans.sort((x, y) => x[0] - y[0]);
    return tokens;
}

function unicodeEscape(chars) {
    let s = '';
    for (let i = 0; i < chars.length; i++) s += `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return s;
}

/**
 * The same regular expression: the same flags, and the escaped pattern is the original one with each non-ASCII
 * character written as its escape (a `\uXXXX` or `\u{…}` names exactly that character in a pattern).
 */
function sameRegExp(a, b) {
    if (a.flags !== b.flags) return false;
    let expected = '';
    for (const char of a.pattern) {
        const point = char.codePointAt(0);
        expected +=
            point < 0x80
                ? char
                : point > 0xffff && /[uv]/.test(a.flags)
                  ? `\\u{${point.toString(16)}}`
                  : unicodeEscape(char);
    }
    return b.pattern === expected;
}
