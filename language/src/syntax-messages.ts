/**
 * Portuguese messages and stable codes for syntax and reference errors, so that an analyst
 * typing half-finished text reads what is expected, in the words of the language.
 */
import {
    Cancellation,
    DefaultDocumentValidator,
    DefaultLexerErrorMessageProvider,
    interruptAndCheck,
    type AstNode,
    type CstNode,
    type FileSystemProvider,
    type LangiumCoreServices,
    type LangiumDocument,
    type ParseResult,
    type DiagnosticInfo,
    type ValidationAcceptor,
    type ValidationOptions
} from 'langium';
import { ruleSeverityPolicy, type RuleSeverityPolicy } from './config/rule-severity.js';
import { LangiumParserErrorMessageProvider } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Rules } from './validation/rules.js';
import { hasEncodingRecords, hexByte } from './workspace/source-encoding.js';
import { preorderNodes } from './workspace/ast-walk.js';
import { DirectValidationRegistry } from './validation/check-registry.js';
import { findNodeForKeyword, findNodeForProperty } from './parser/cst-search.js';

interface TokenTypeLike {
    name: string;
    LABEL?: string;
}
interface TokenLike {
    image: string;
}

/**
 * The words of syntax messages for one language and locale: how each terminal is named, and the
 * phrases around them. One provider (below) builds every parser and lexer message from a table
 * like this — the catalogue in Portuguese and English, the PAR/SE files in Portuguese.
 */
export interface SyntaxWords {
    /** Terminal token type name → how it is named ("um valor (R$ 1.234,56)"); EOF included. */
    terminals: Readonly<Record<string, string>>;
    expected: string;
    expectedAtLeast: string;
    butFound: string;
    endOfFile: string;
    somethingElse: string;
    /** The message for text after the end of what the file may hold, given the token found. */
    unexpectedText: (found: string) => string;
    unexpectedCharacter: (text: string) => string;
}

export const OCI_SYNTAX_PT: SyntaxWords = {
    terminals: {
        CODIGO: 'um código de procedimento (GG.SS.FF.PPP-D)',
        MONEY: 'um valor (R$ 1.234,56)',
        PERCENT: 'um percentual (40%)',
        INT: 'um número',
        STRING: 'um texto entre aspas',
        ID: 'um nome',
        CID: 'um CID-10 (C50 ou D48.6)',
        COMPETENCIA: 'uma competência (AAAA-MM)',
        EOF: 'o fim do arquivo'
    },
    expected: 'Esperado',
    expectedAtLeast: 'Esperado ao menos',
    butFound: 'mas foi encontrado',
    endOfFile: 'o fim do arquivo',
    somethingElse: 'outra coisa',
    unexpectedText: found => `Texto inesperado: ${found} (esperado "tecnologia", "grupo" ou "oci")`,
    unexpectedCharacter: text => `Caractere inesperado: "${text}"`
};

export const OCI_SYNTAX_EN: SyntaxWords = {
    terminals: {
        CODIGO: 'a procedure code (GG.SS.FF.PPP-D)',
        MONEY: 'a value (R$ 1.234,56)',
        PERCENT: 'a percentage (40%)',
        INT: 'a number',
        STRING: 'a quoted text',
        ID: 'a name',
        CID: 'an ICD-10 code (C50 or D48.6)',
        COMPETENCIA: 'a competência (YYYY-MM)',
        EOF: 'the end of the file'
    },
    expected: 'Expected',
    expectedAtLeast: 'Expected at least',
    butFound: 'but found',
    endOfFile: 'the end of the file',
    somethingElse: 'something else',
    unexpectedText: found => `Unexpected text: ${found} (expected "tecnologia", "grupo" or "oci")`,
    unexpectedCharacter: text => `Unexpected character: "${text}"`
};

/** How a token type is named in messages: a keyword in quotes, a terminal by its label. */
export function describeTokenType(type: TokenTypeLike, words: SyntaxWords = OCI_SYNTAX_PT): string {
    if (type.name.endsWith(':KW')) return `"${type.name.slice(0, -3)}"`;
    return words.terminals[type.name] ?? type.LABEL ?? type.name;
}

function found(token: TokenLike | undefined, words: SyntaxWords): string {
    return token && token.image ? `"${token.image}"` : words.endOfFile;
}

function alternatives(paths: TokenTypeLike[][], words: SyntaxWords): string {
    const firsts = [...new Set(paths.filter(p => p.length > 0).map(p => describeTokenType(p[0]!, words)))];
    if (firsts.length === 0) return words.somethingElse;
    if (firsts.length <= 8) return firsts.join(', ');
    return firsts.slice(0, 8).join(', ') + ', …';
}

/** Parser messages in the words of a language and locale (`words` is asked at each error: the locale may change). */
export class SyntaxMessageProvider extends LangiumParserErrorMessageProvider {
    constructor(private readonly words: () => SyntaxWords = () => OCI_SYNTAX_PT) {
        super();
    }

    override buildMismatchTokenMessage(options: { expected: TokenTypeLike; actual: TokenLike }): string {
        const w = this.words();
        return `${w.expected} ${describeTokenType(options.expected, w)}, ${w.butFound} ${found(options.actual, w)}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: TokenLike }): string {
        const w = this.words();
        return w.unexpectedText(found(options.firstRedundant, w));
    }

    override buildNoViableAltMessage(options: {
        expectedPathsPerAlt: TokenTypeLike[][][];
        actual: TokenLike[];
    }): string {
        const w = this.words();
        return `${w.expected} ${alternatives(options.expectedPathsPerAlt.flat(), w)}, ${w.butFound} ${found(options.actual[0], w)}`;
    }

    override buildEarlyExitMessage(options: {
        expectedIterationPaths: TokenTypeLike[][];
        actual: TokenLike[];
    }): string {
        const w = this.words();
        return `${w.expectedAtLeast} ${alternatives(options.expectedIterationPaths, w)}, ${w.butFound} ${found(options.actual[0], w)}`;
    }
}

/** Lexer messages in the same words. */
export class SyntaxLexerMessageProvider extends DefaultLexerErrorMessageProvider {
    constructor(private readonly words: () => SyntaxWords = () => OCI_SYNTAX_PT) {
        super();
    }

    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        return this.words().unexpectedCharacter(fullText.substring(startOffset, startOffset + length));
    }
}

/** Stable codes for the diagnostics Langium itself produces. */
export const SyntaxCodes = {
    lexing: 'sintaxe/caractere-invalido',
    parsing: 'sintaxe/estrutura',
    linking: 'referencia/nao-resolvida'
} as const;

/** What an unresolved cross-reference names, from Langium's linking-error data: a tecnologia or a grupo. */
export function unresolvedReferenceKind(data: unknown): 'grupo' | 'tecnologia' {
    const container = (data as { containerType?: string } | undefined)?.containerType;
    return container === 'UsoTecnologia' || container === 'Tecnologia' ? 'tecnologia' : 'grupo';
}

/** Nodes validated between two cancellation checks (Langium checks, and awaits, before every node). */
const NODES_PER_CHECK = 256;

/** Gives lexing and parsing errors their stable codes (every language of the project: .oci, .par, .se). */
export class CodedSyntaxDocumentValidator extends DefaultDocumentValidator {
    private readonly fileSystem: FileSystemProvider;
    /** The workspace configuration's `regras:` (oci-catalogo.yaml), applied to every diagnostic made here. */
    private readonly severityPolicy: RuleSeverityPolicy;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.fileSystem = services.shared.workspace.FileSystemProvider;
        this.severityPolicy = ruleSeverityPolicy(services.shared);
    }

    /**
     * A file read from disk that is not UTF-8 gets one error, at its first bad byte, and nothing
     * else: every other check would be made on a misread text (source-encoding.ts).
     */
    override async validateDocument(
        document: LangiumDocument,
        options: ValidationOptions = {},
        cancelToken?: Cancellation.CancellationToken
    ): Promise<Diagnostic[]> {
        const problem = hasEncodingRecords(this.fileSystem)
            ? this.fileSystem.encodingProblem(document.uri.toString(), document.textDocument.getText())
            : undefined;
        if (!problem)
            return this.severityPolicy.apply(
                document.uri,
                await super.validateDocument(document, options, cancelToken)
            );
        const rule = Rules.arquivoCodificacao;
        const args = [
            hexByte(problem.byte),
            problem.line,
            problem.column,
            problem.encoding,
            problem.asEncoding ?? ''
        ] as const;
        const start = { line: problem.line - 1, character: problem.column - 1 };
        return [
            {
                severity: 1,
                code: rule.code,
                source: this.languageId,
                message: rule.message(...args),
                range: { start, end: { line: start.line, character: start.character + 1 } },
                data: { basis: rule.basis, args: [...args] }
            }
        ];
    }

    /**
     * Langium's loop, with the cancellation check (an `await` and a clock read) every
     * NODES_PER_CHECK nodes instead of before each of the thousands of nodes of a catalogue file.
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None
    ): Promise<void> {
        if (this.profiler?.isActive('validating'))
            return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        // streamAst's order, walked once into an array (ast-walk.ts); a synchronous check of the
        // DirectValidationRegistry returns nothing and is not awaited.
        const { nodes, ends } = preorderNodes(rootNode);
        const registry = this.validationRegistry;
        const checksOf =
            registry instanceof DirectValidationRegistry
                ? (type: string) => registry.checkList(type, options.categories)
                : (type: string) => registry.getChecks(type, options.categories);
        let visited = 0;
        for (let i = 0; i < nodes.length;) {
            if (visited++ % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            const node = nodes[i]!;
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of checksOf(node.$type)) {
                    const pending = check(node, acceptor, cancelToken);
                    if (pending) await pending;
                }
            }
            i = nodeOptions.validateChildren ? i + 1 : ends[i]!;
        }
    }

    /** Langium's linking errors, each as this language reports it (linkingDiagnostic). */
    protected override processLinkingErrors(
        document: LangiumDocument,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        const own: Diagnostic[] = [];
        super.processLinkingErrors(document, own, options);
        diagnostics.push(...own.map(d => this.linkingDiagnostic(d)));
    }

    /** A linking error with its language's code and text; Langium's as it is by default. */
    protected linkingDiagnostic(diagnostic: Diagnostic): Diagnostic {
        return diagnostic;
    }

    protected override processLexingErrors(
        parseResult: ParseResult,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        diagnostics.push(...own.map(d => ({ ...d, code: SyntaxCodes.lexing })));
    }

    protected override processParsingErrors(
        parseResult: ParseResult,
        diagnostics: Diagnostic[],
        options: ValidationOptions
    ): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        diagnostics.push(...own.map(d => ({ ...d, code: SyntaxCodes.parsing })));
    }
}

export class OciDocumentValidator extends CodedSyntaxDocumentValidator {
    /** Langium's diagnostic, its range found without making the CST lists it passes by (parser/cst-search.ts). */
    protected override toDiagnostic<N extends AstNode>(
        severity: 'error' | 'warning' | 'info' | 'hint',
        message: string,
        info: DiagnosticInfo<N, string>
    ): Diagnostic {
        return super.toDiagnostic(severity, message, info.range ? info : { ...info, range: diagnosticRange(info) });
    }

    protected override linkingDiagnostic(diagnostic: Diagnostic): Diagnostic {
        const data = diagnostic.data as { refText?: string } | undefined;
        const kind = unresolvedReferenceKind(diagnostic.data);
        return {
            ...diagnostic,
            code: SyntaxCodes.linking,
            message: `Não há ${kind} ${kind === 'tecnologia' ? 'chamada' : 'chamado'} "${data?.refText ?? ''}" no catálogo`
        };
    }
}

/** Langium's getDiagnosticRange (validation/document-validator.js), through parser/cst-search.ts. */
function diagnosticRange(info: DiagnosticInfo<AstNode, string>): Diagnostic['range'] {
    let cstNode: CstNode | undefined;
    if (typeof info.property === 'string') cstNode = findNodeForProperty(info.node.$cstNode, info.property, info.index);
    else if (typeof info.keyword === 'string')
        cstNode = findNodeForKeyword(info.node.$cstNode, info.keyword, info.index);
    cstNode ??= info.node.$cstNode;
    return cstNode ? cstNode.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
