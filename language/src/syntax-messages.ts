/**
 * Portuguese messages and stable codes for syntax and reference errors, so that an analyst
 * typing half-finished text reads what is expected, in the words of the language.
 */
import {
    AstUtils, Cancellation, DefaultDocumentValidator, DefaultLexerErrorMessageProvider, interruptAndCheck,
    type AstNode, type FileSystemProvider, type LangiumCoreServices, type LangiumDocument, type ParseResult, type ValidationAcceptor, type ValidationOptions
} from 'langium';
import { ruleSeverityPolicy, type RuleSeverityPolicy } from './config/rule-severity.js';
import { LangiumParserErrorMessageProvider } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Rules } from './validation/rules.js';
import { hasEncodingRecords, hexByte } from './workspace/source-encoding.js';

interface TokenTypeLike { name: string; LABEL?: string }
interface TokenLike { image: string }

const TERMINAL_LABELS: Record<string, string> = {
    CODIGO: 'um código de procedimento (GG.SS.FF.PPP-D)',
    MONEY: 'um valor (R$ 1.234,56)',
    PERCENT: 'um percentual (40%)',
    INT: 'um número',
    STRING: 'um texto entre aspas',
    ID: 'um nome',
    CID: 'um CID-10 (C50 ou D48.6)',
    COMPETENCIA: 'uma competência (AAAA-MM)',
    EOF: 'o fim do arquivo'
};

export function describeTokenType(type: TokenTypeLike): string {
    if (type.name.endsWith(':KW')) return `"${type.name.slice(0, -3)}"`;
    return TERMINAL_LABELS[type.name] ?? type.LABEL ?? type.name;
}

function found(token: TokenLike | undefined): string {
    return token && token.image ? `"${token.image}"` : 'o fim do arquivo';
}

function alternatives(paths: TokenTypeLike[][]): string {
    const firsts = [...new Set(paths.filter(p => p.length > 0).map(p => describeTokenType(p[0])))];
    if (firsts.length === 0) return 'outra coisa';
    if (firsts.length <= 8) return firsts.join(', ');
    return firsts.slice(0, 8).join(', ') + ', …';
}

export class PtParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    override buildMismatchTokenMessage(options: { expected: TokenTypeLike; actual: TokenLike }): string {
        return `Esperado ${describeTokenType(options.expected)}, mas foi encontrado ${found(options.actual)}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: TokenLike }): string {
        return `Texto inesperado: ${found(options.firstRedundant)} (esperado "tecnologia", "grupo" ou "oci")`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenTypeLike[][][]; actual: TokenLike[] }): string {
        return `Esperado ${alternatives(options.expectedPathsPerAlt.flat())}, mas foi encontrado ${found(options.actual[0])}`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenTypeLike[][]; actual: TokenLike[] }): string {
        return `Esperado ao menos ${alternatives(options.expectedIterationPaths)}, mas foi encontrado ${found(options.actual[0])}`;
    }
}

export class PtLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        return `Caractere inesperado: "${fullText.substring(startOffset, startOffset + length)}"`;
    }
}

/** Stable codes for the diagnostics Langium itself produces. */
export const SyntaxCodes = {
    lexing: 'sintaxe/caractere-invalido',
    parsing: 'sintaxe/estrutura',
    linking: 'referencia/nao-resolvida'
} as const;

const REFERENCE_KIND: Record<string, string> = { Grupo: 'grupo', Tecnologia: 'tecnologia' };

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
    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        const problem = hasEncodingRecords(this.fileSystem) ? this.fileSystem.encodingProblem(document.uri.toString(), document.textDocument.getText()) : undefined;
        if (!problem) return this.severityPolicy.apply(document.uri, await super.validateDocument(document, options, cancelToken));
        const rule = Rules.arquivoCodificacao;
        const args = [hexByte(problem.byte), problem.line, problem.column, problem.encoding, problem.asEncoding ?? ''] as const;
        const start = { line: problem.line - 1, character: problem.column - 1 };
        return [{
            severity: 1, code: rule.code, source: this.languageId,
            message: rule.message(...args),
            range: { start, end: { line: start.line, character: start.character + 1 } },
            data: { basis: rule.basis, args: [...args] }
        }];
    }

    /**
     * Langium's loop, with the cancellation check (an `await` and a clock read) every
     * NODES_PER_CHECK nodes instead of before each of the thousands of nodes of a catalogue file.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor,
        cancelToken: Cancellation.CancellationToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('validating')) return super.validateAstNodes(rootNode, options, acceptor, cancelToken);
        const nodes = AstUtils.streamAst(rootNode).iterator();
        let visited = 0;
        for (const node of nodes) {
            if (visited++ % NODES_PER_CHECK === 0) await interruptAndCheck(cancelToken);
            const nodeOptions = this.validateSingleNodeOptions(node, options);
            if (nodeOptions.validateNode) {
                for (const check of this.validationRegistry.getChecks(node.$type, options.categories)) {
                    await check(node, acceptor, cancelToken);
                }
            }
            if (!nodeOptions.validateChildren) nodes.prune();
        }
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLexingErrors(parseResult, own, options);
        diagnostics.push(...own.map(d => ({ ...d, code: SyntaxCodes.lexing })));
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processParsingErrors(parseResult, own, options);
        diagnostics.push(...own.map(d => ({ ...d, code: SyntaxCodes.parsing })));
    }
}

export class OciDocumentValidator extends CodedSyntaxDocumentValidator {

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const own: Diagnostic[] = [];
        super.processLinkingErrors(document, own, options);
        diagnostics.push(...own.map(d => {
            const data = d.data as { refText?: string; containerType?: string } | undefined;
            const kind = data?.containerType === 'UsoTecnologia' ? 'tecnologia' : REFERENCE_KIND[data?.containerType ?? ''] ?? 'grupo';
            return { ...d, code: SyntaxCodes.linking, message: `Não há ${kind} ${kind === 'tecnologia' ? 'chamada' : 'chamado'} "${data?.refText ?? ''}" no catálogo` };
        }));
    }
}
