/**
 * Colours for .oci in Monaco: a Monarch tokenizer whose keyword lists are read from the
 * extension's TextMate grammar (client/syntaxes/oci.tmLanguage.json), so the two stay in step.
 */
import type * as Monaco from 'monaco-editor/editor.js';
import grammar from '../client/syntaxes/oci.tmLanguage.json';

interface Pattern {
    name?: string;
    match?: string;
}

/** The words of the keyword patterns of the TextMate grammar, by scope: `(?<![\w])(a|b)(?!…)` → [a, b]. */
export function keywordsByScope(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const patterns = (grammar as { repository: { keywords: { patterns: Pattern[] } } }).repository.keywords.patterns;
    for (const p of patterns) {
        const words = /\(([^()?]+)\)/.exec(p.match ?? '')?.[1];
        if (p.name && words) out.set(p.name, words.split('|'));
    }
    return out;
}

export function registerOciSyntax(monaco: typeof Monaco): void {
    monaco.languages.register({ id: 'oci', extensions: ['.oci'], aliases: ['OCI', 'Rol de OCI'] });
    const scopes = keywordsByScope();
    const words = (prefix: string) => [...scopes].filter(([name]) => name.startsWith(prefix)).flatMap(([, w]) => w);
    monaco.languages.setLanguageConfiguration('oci', {
        comments: { lineComment: '//', blockComment: ['/*', '*/'] },
        brackets: [
            ['{', '}'],
            ['(', ')']
        ],
        autoClosingPairs: [
            { open: '{', close: '}' },
            { open: '(', close: ')' },
            { open: '"', close: '"' }
        ],
        wordPattern: /[\p{L}\p{N}_]+/u
    });
    monaco.languages.setMonarchTokensProvider('oci', {
        unicode: true,
        declarations: words('storage.type'),
        modifiers: words('storage.modifier'),
        items: words('keyword.other'),
        operators: words('keyword.operator'),
        constants: words('constant.language'),
        tokenizer: {
            root: [
                [/\/\/.*$/, 'comment'],
                [/\/\*/, 'comment', '@comment'],
                [/"([^"\\]|\\.)*"/, 'string'],
                [/R\$[ \t]*[0-9][0-9.]*(,[0-9]+)?/, 'number'],
                [/\b[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{3}-?[0-9]\b|\b[0-9]{10}\b/, 'number.hex'],
                [/[0-9]+(,[0-9]+)?[ \t]*%/, 'number'],
                [/[0-9]{4}-[0-9]{2}\b/, 'number'],
                [/[0-9]+/, 'number'],
                [/a_preencher/, 'invalid'],
                [
                    /[\p{L}_][\p{L}\p{N}_]*/u,
                    {
                        cases: {
                            '@declarations': 'keyword',
                            '@modifiers': 'keyword',
                            '@items': 'type',
                            '@operators': 'keyword',
                            '@constants': 'constant',
                            '@default': 'identifier'
                        }
                    }
                ],
                [/[{}()]/, '@brackets']
            ],
            comment: [
                [/\*\//, 'comment', '@pop'],
                [/./, 'comment']
            ]
        }
    } as Monaco.languages.IMonarchLanguage);
}
