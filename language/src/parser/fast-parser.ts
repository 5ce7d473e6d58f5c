/**
 * A hand-written recursive-descent parser for `.oci` files (grammar/oci.langium) that builds, for a text without
 * any syntax error, exactly the parse result Langium's parser builds (same AST, same CST, same references), in a
 * fraction of its time: no Chevrotain recording, lookahead or recovery. It reads the tokens of Langium's own lexer
 * (keyword spellings, NFD accents, comments and lexer errors stay Langium's) as typed arrays from fast-lexer.ts, which
 * runs that lexer's compiled patterns without making token objects (Chevrotain's tokens where it cannot), and builds
 * the tree through tree-builder.ts, which mirrors Langium's construction step for step.
 *
 * The grammar is LL(1) on token types: every optional or repeated part starts with a token that nothing after it can
 * start with (an item's keyword, `{`/`}`, a money or percent literal, `,`), so each decision reads one token. At the
 * first token that is not one the grammar allows there, at a lexer error, or when tokens are left after the last
 * element, `parse` returns undefined and the caller runs Langium's parser on the whole text: error messages and
 * recovery are always Langium's, and this parser never produces a tree for a text Langium would reject.
 */
import type { GrammarAST, LangiumCoreServices, ParseResult } from 'langium';
import type { TokenType, TokenTypeDictionary } from 'chevrotain';
import type { Documento } from '../generated/ast.js';
import { FastLexer, TokenVector } from './fast-lexer.js';
import { ruleElements, type RuleElements } from './grammar-elements.js';
import { NOT_FAST, TreeBuilder, type DatatypePart, type NodeUnderConstruction } from './tree-builder.js';

type Node = NodeUnderConstruction;
type Element = GrammarAST.AbstractElement;

/**
 * What a parse costs: texts parsed fast and texts handed to Langium, and texts lexed by Chevrotain because the
 * fast lexer could not (for tests and profiles).
 */
export interface FastParseCounts {
    fast: number;
    fallback: number;
    chevrotainLexed: number;
}

export class FastOciParser {
    readonly counts: FastParseCounts = { fast: 0, fallback: 0, chevrotainLexed: 0 };
    private readonly lexer: LangiumCoreServices['parser']['Lexer'];
    /** The lexer without token objects (fast-lexer.ts); undefined when it cannot mirror this lexer. */
    readonly fastLexer: FastLexer | undefined;
    private readonly tokenBuilder: LangiumCoreServices['parser']['TokenBuilder'];
    /** The token types by the numbers the token vectors hold, and those numbers by type (for Chevrotain's tokens). */
    private readonly types: readonly TokenType[];
    private readonly typeIndex: Map<TokenType, number>;
    /** Reused by every parse: the tree copies what it keeps. */
    private readonly tokens = new TokenVector();
    private readonly hidden = new TokenVector();
    private readonly b: TreeBuilder;
    private readonly t: Tokens;
    private readonly g: Elements;

    constructor(services: LangiumCoreServices) {
        this.lexer = services.parser.Lexer;
        this.tokenBuilder = services.parser.TokenBuilder;
        this.fastLexer = FastLexer.of(this.lexer);
        this.types = this.fastLexer?.types ?? Object.values(this.lexer.definition as TokenTypeDictionary);
        this.typeIndex = new Map(this.types.map((type, i) => [type, i]));
        this.b = new TreeBuilder(
            services.parser.ValueConverter,
            services.references.Linker,
            services.shared.AstReflection
        );
        this.t = tokensOf(this.lexer.definition as TokenTypeDictionary);
        this.g = elementsOf(services.Grammar, this.t);
    }

    /** Langium's parse result for `text`, or undefined when Langium's parser must parse it (see the header). */
    parse(text: string): ParseResult<Documento> | undefined {
        try {
            const lexed = this.lex(text);
            if (!lexed) {
                this.counts.fallback++;
                return undefined;
            }
            this.b.start(text, this.tokens, this.hidden, this.types);
            const documento = this.documento();
            if (!documento) {
                this.counts.fallback++;
                return undefined;
            }
            this.counts.fast++;
            return {
                value: documento as unknown as Documento,
                lexerErrors: [],
                lexerReport: lexed.report,
                parserErrors: []
            };
        } catch (error) {
            if (error !== NOT_FAST) throw error;
            this.counts.fallback++;
            return undefined;
        } finally {
            this.b.reset();
            this.tokens.release(RETAINED_TOKENS);
            this.hidden.release(RETAINED_TOKENS);
        }
    }

    /**
     * Lexes `text` into the token vectors: the fast lexer, or Chevrotain's tokens where it gives up (an unexpected
     * character) or cannot run; undefined on a lexer error or diagnostic (Langium's parser must parse the text).
     */
    private lex(text: string): { report: ParseResult['lexerReport'] } | undefined {
        if (this.fastLexer?.tokenize(text, this.tokens, this.hidden)) {
            const report = this.tokenBuilder.flushLexingReport?.(text);
            return (report?.diagnostics.length ?? 0) > 0 ? undefined : { report };
        }
        this.counts.chevrotainLexed++;
        const lexed = this.lexer.tokenize(text);
        if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return undefined;
        this.tokens.fromTokens(lexed.tokens, this.typeIndex);
        this.hidden.fromTokens(lexed.hidden, this.typeIndex);
        return { report: lexed.report };
    }

    private documento(): Node | undefined {
        const { b, t, g } = this;
        const node = newNode('Documento');
        const first = b.peek();
        if (first === t.catalogo || first === t['catálogo']) {
            b.open(g.documento.cabecalho);
            b.assignNode(node, 'cabecalho', this.catalogo(), false);
        }
        for (let type = b.peek(); type === t.tecnologia || type === t.grupo || type === t.oci; type = b.peek()) {
            b.open(g.documento.elementos);
            b.assignNode(node, 'elementos', this.elemento(type), true);
        }
        if (!b.atEnd()) return undefined;
        b.finish(node);
        return node;
    }

    private catalogo(): Node {
        const { b, t, g } = this;
        const e = g.catalogo;
        const node = newNode('Catalogo');
        this.keywordOf(e.keywords);
        b.takeValue(node, 'nome', t.STRING, e.nome);
        let type = b.peek();
        if (type === t.versao || type === t['versão']) {
            this.keywordOf(e.keywords);
            b.takeValue(node, 'versao', t.STRING, e.versao);
            type = b.peek();
        }
        if (type === t.competencia || type === t['competência']) {
            this.keywordOf(e.keywords);
            b.takeValue(node, 'competencia', t.COMPETENCIA, e.competencia);
            type = b.peek();
        }
        if (type === t.sigtap) {
            b.expect(t.sigtap, e.sigtap);
            if (b.peek() === t.STRING) b.takeValue(node, 'sigtap', t.STRING, e.sigtapValue);
            else b.takeFlag(node, 'sigtapPendente', t.a_preencher, e.sigtapPendente);
        }
        b.close(node);
        return node;
    }

    /** `Elemento: Tecnologia | Grupo | Oci` (an unassigned call: the element takes the Elemento call's CST node). */
    private elemento(type: TokenType | undefined): Node {
        const { b, t, g } = this;
        const e = g.elemento;
        let node: Node;
        if (type === t.tecnologia) {
            b.openInner(e.tecnologia);
            node = this.tecnologia();
        } else if (type === t.grupo) {
            b.openInner(e.grupo);
            node = this.grupo();
        } else {
            b.openInner(e.oci);
            node = this.oci();
        }
        b.unwrap(node);
        b.close(node);
        return node;
    }

    private tecnologia(): Node {
        const { b, t, g } = this;
        const e = g.tecnologia;
        const node = newNode('Tecnologia');
        b.expect(t.tecnologia, e.keyword);
        b.takeValue(node, 'name', t.ID, e.name);
        if (b.peek() === t.STRING) b.takeValue(node, 'descricao', t.STRING, e.descricao);
        b.open(e.custo);
        // Custo: CustoFixo | CustoPercentual
        let custo: Node;
        if (b.peek() === t.valor) {
            b.openInner(g.custo.fixo);
            custo = newNode('CustoFixo');
            b.expect(t.valor, g.custoFixo.keyword);
            b.takeValue(custo, 'valor', t.MONEY, g.custoFixo.valor);
        } else {
            b.openInner(g.custo.percentual);
            custo = newNode('CustoPercentual');
            b.expect(t.percentual, g.custoPercentual.keyword);
            b.takeValue(custo, 'percentual', t.PERCENT, g.custoPercentual.percentual);
        }
        b.close(custo);
        b.unwrap(custo);
        b.close(custo);
        b.assignNode(node, 'custo', custo, false);
        b.close(node);
        return node;
    }

    private grupo(): Node {
        const { b, t, g } = this;
        const e = g.grupo;
        const node = newNode('Grupo');
        b.expect(t.grupo, e.keyword);
        b.takeValue(node, 'name', t.ID, e.name);
        if (b.peek() === t.STRING) b.takeValue(node, 'descricao', t.STRING, e.descricao);
        b.expect(t['{'], e.open);
        const type = b.peek();
        if (type === t.CODIGO) {
            do {
                b.open(e.membros);
                const membro = newNode('MembroGrupo');
                membro.codigo = this.codigo(g.membroGrupo.codigo);
                if (b.peek() === t.STRING) b.takeValue(membro, 'nome', t.STRING, g.membroGrupo.nome);
                b.close(membro);
                b.assignNode(node, 'membros', membro, true);
            } while (b.peek() === t.CODIGO);
        } else if (type === t.a_preencher) {
            b.takeFlag(node, 'pendente', t.a_preencher, e.pendente);
        }
        b.expect(t['}'], e.close);
        b.close(node);
        return node;
    }

    private oci(): Node {
        const { b, t, g } = this;
        const e = g.oci;
        const node = newNode('Oci');
        b.expect(t.oci, e.keyword);
        node.codigo = this.codigo(e.codigo);
        b.takeValue(node, 'nome', t.STRING, e.nome);
        b.expect(t['{'], e.open);
        for (let type = b.peek(); type !== t['}']; type = b.peek()) {
            const item = type && g.item.get(type);
            if (!item) throw NOT_FAST;
            b.open(e.itens);
            // ItemOci: Fundamento | Publico | … (an unassigned call, like Elemento)
            b.openInner(item.call);
            const itemNode = item.parse.call(this);
            b.unwrap(itemNode);
            b.close(itemNode);
            b.assignNode(node, 'itens', itemNode, true);
        }
        b.expect(t['}'], e.close);
        b.close(node);
        return node;
    }

    /** `CodigoProcedimento returns string: CODIGO` called by `call`. */
    private codigo(call: Element): unknown {
        return this.b.datatype(call, [[this.t.CODIGO, this.g.codigoProcedimento]]);
    }

    /** A datatype rule of keyword alternatives (`Sexo`, `UnidadeDias`, …) called by `call` on the next token. */
    private keywordDatatype(call: Element, keywords: Map<TokenType, Element>): unknown {
        const type = this.b.peek();
        const keyword = type && keywords.get(type);
        if (!type || !keyword) throw NOT_FAST;
        return this.b.datatype(call, [[type, { element: keyword, keyword: true }]]);
    }

    /** Consumes one of several spellings of a keyword (`'catalogo' | 'catálogo'`). */
    private keywordOf(keywords: Map<TokenType, Element>): void {
        const type = this.b.peek();
        const keyword = type && keywords.get(type);
        if (!type || !keyword) throw NOT_FAST;
        this.b.expect(type, keyword);
    }

    fundamento(): Node {
        const e = this.g.fundamento;
        const node = newNode('Fundamento');
        this.b.expect(this.t.fundamento, e.keyword);
        this.b.takeValue(node, 'texto', this.t.STRING, e.texto);
        this.b.close(node);
        return node;
    }

    publico(): Node {
        const { b, t, g } = this;
        const e = g.publico;
        const node = newNode('Publico');
        this.keywordOf(e.keywords);
        if (b.peek() === t.sexo) {
            b.expect(t.sexo, e.sexoKeyword);
            node.sexo = this.keywordDatatype(e.sexo, g.sexo);
        }
        if (b.peek() === t.idade) {
            b.expect(t.idade, e.idadeKeyword);
            b.open(e.idade);
            const faixa = newNode('FaixaEtaria');
            b.open(g.faixaEtaria.minimo);
            b.assignNode(faixa, 'minimo', this.idade(), false);
            const type = b.peek();
            if (type === t.a) {
                b.expect(t.a, g.faixaEtaria.a);
                b.open(g.faixaEtaria.maximo);
                b.assignNode(faixa, 'maximo', this.idade(), false);
            } else if (type === t.ou) {
                b.takeFlag(faixa, 'semLimite', t.ou, g.faixaEtaria.semLimite);
                b.expect(t.mais, g.faixaEtaria.mais);
            }
            b.close(faixa);
            b.assignNode(node, 'idade', faixa, false);
        }
        b.close(node);
        return node;
    }

    private idade(): Node {
        const { b, t, g } = this;
        const e = g.idade;
        const node = newNode('Idade');
        b.takeValue(node, 'valor', t.INT, e.valor);
        const type = b.peek();
        if (type === t.anos || type === t.meses) node.unidade = this.keywordDatatype(e.unidade, g.unidadeIdade);
        if (b.peek() === t.e) {
            b.expect(t.e, e.e);
            b.takeValue(node, 'meses', t.INT, e.meses);
            b.expect(t.meses, e.mesesKeyword);
        }
        b.close(node);
        return node;
    }

    cids(): Node {
        const { b, t, g } = this;
        const e = g.cids;
        const node = newNode('Cids');
        b.expect(t.cid, e.keyword);
        this.cid(node, e.first);
        while (b.peek() === t[',']) {
            b.expect(t[','], e.comma);
            this.cid(node, e.next);
        }
        b.close(node);
        return node;
    }

    private cid(container: Node, call: Element): void {
        const b = this.b;
        b.open(call);
        const node = newNode('Cid');
        b.takeValue(node, 'codigo', this.t.CID, this.g.cid.codigo);
        b.close(node);
        b.assignNode(container, 'cids', node, true);
    }

    tempoRecomendado(): Node {
        return this.tempo('TempoRecomendado', this.t.tR, this.g.tempoRecomendado);
    }

    tempoMaximo(): Node {
        return this.tempo('TempoMaximo', this.t.tM, this.g.tempoMaximo);
    }

    private tempo(type: string, keyword: TokenType, e: Elements['tempoRecomendado']): Node {
        const { b, t, g } = this;
        const node = newNode(type);
        b.expect(keyword, e.keyword);
        const next = b.peek();
        if (next === t.INT) {
            b.takeValue(node, 'dias', t.INT, e.dias);
            const unit = b.peek();
            // An unassigned datatype call: its CST node stays, its value is dropped.
            if (unit === t.dias || unit === t.dia) this.keywordDatatype(e.unidade, g.unidadeDias);
        } else {
            b.takeFlag(node, 'pendente', t.a_preencher, e.pendente);
        }
        b.close(node);
        return node;
    }

    componente(): Node {
        const { b, t, g } = this;
        const e = g.componente;
        const node = newNode('Componente');
        node.tipo = this.keywordDatatype(e.tipo, g.tipoComponente);
        const type = b.peek();
        if (type === t.CODIGO || type === t.um_de) {
            b.open(e.alvo);
            // AlvoComponente: ProcedimentoRef | GrupoRef
            let alvo: Node;
            if (type === t.CODIGO) {
                b.openInner(g.alvoComponente.procedimento);
                alvo = this.procedimentoRef();
            } else {
                b.openInner(g.alvoComponente.grupo);
                alvo = newNode('GrupoRef');
                b.expect(t.um_de, g.grupoRef.keyword);
                b.takeReference(alvo, 'grupo', t.ID, g.grupoRef.grupo);
                b.close(alvo);
            }
            b.unwrap(alvo);
            b.close(alvo);
            b.assignNode(node, 'alvo', alvo, false);
        } else {
            b.takeFlag(node, 'alvoPendente', t.a_preencher, e.alvoPendente);
        }
        if (b.peek() === t.qt) {
            b.expect(t.qt, e.qtKeyword);
            b.takeValue(node, 'qt', t.INT, e.qt);
        }
        const frequencia = b.peek();
        if (frequencia === t.frequencia || frequencia === t['frequência']) {
            this.keywordOf(e.frequenciaKeywords);
            if (b.peek() === t.PERCENT) b.takeValue(node, 'frequencia', t.PERCENT, e.frequencia);
            else b.takeFlag(node, 'frequenciaPendente', t.a_preencher, e.frequenciaPendente);
        }
        if (b.peek() === t.estimativa) {
            b.expect(t.estimativa, e.estimativaKeyword);
            if (b.peek() === t.MONEY) b.takeValue(node, 'estimativa', t.MONEY, e.estimativa);
            else b.takeFlag(node, 'estimativaPendente', t.a_preencher, e.estimativaPendente);
        }
        b.close(node);
        return node;
    }

    private procedimentoRef(): Node {
        const { b, t, g } = this;
        const node = newNode('ProcedimentoRef');
        node.codigo = this.codigo(g.procedimentoRef.codigo);
        if (b.peek() === t.STRING) b.takeValue(node, 'nome', t.STRING, g.procedimentoRef.nome);
        b.close(node);
        return node;
    }

    conclusao(): Node {
        const { b, t, g } = this;
        const e = g.conclusao;
        const node = newNode('Conclusao');
        this.keywordOf(e.keywords);
        const type = b.peek();
        if (type === t.CODIGO || type === t.ID) {
            b.open(e.alvo);
            // AlvoConclusao: ProcedimentoRef | GrupoConclusao
            let alvo: Node;
            if (type === t.CODIGO) {
                b.openInner(g.alvoConclusao.procedimento);
                alvo = this.procedimentoRef();
            } else {
                b.openInner(g.alvoConclusao.grupo);
                alvo = newNode('GrupoConclusao');
                b.takeReference(alvo, 'grupo', t.ID, g.grupoConclusao.grupo);
                b.close(alvo);
            }
            b.unwrap(alvo);
            b.close(alvo);
            b.assignNode(node, 'alvo', alvo, false);
        } else {
            b.takeFlag(node, 'pendente', t.a_preencher, e.pendente);
        }
        b.close(node);
        return node;
    }

    remoto(): Node {
        const { b, t, g } = this;
        const e = g.remoto;
        const node = newNode('Remoto');
        b.expect(t.remoto, e.keyword);
        this.modalidade(node, e.first);
        while (b.peek() === t[',']) {
            b.expect(t[','], e.comma);
            this.modalidade(node, e.next);
        }
        b.close(node);
        return node;
    }

    private modalidade(container: Node, call: Element): void {
        const b = this.b;
        b.open(call);
        const node = newNode('Modalidade');
        b.takeValue(node, 'nome', this.t.ID, this.g.modalidade.nome);
        b.close(node);
        b.assignNode(container, 'modalidades', node, true);
    }

    contrarreferencia(): Node {
        const { b, t, g } = this;
        const e = g.contrarreferencia;
        const node = newNode('Contrarreferencia');
        this.keywordOf(e.keywords);
        b.takeValue(node, 'destino', t.ID, e.destino);
        if (b.peek() === t.STRING) b.takeValue(node, 'descricao', t.STRING, e.descricao);
        b.close(node);
        return node;
    }

    usoTecnologias(): Node {
        const { b, t, g } = this;
        const e = g.usoTecnologias;
        const node = newNode('UsoTecnologias');
        b.expect(t.tecnologias, e.keyword);
        if (b.peek() === t.ID) {
            this.usoTecnologia(node, e.first);
            while (b.peek() === t[',']) {
                b.expect(t[','], e.comma);
                this.usoTecnologia(node, e.next);
            }
        } else {
            b.takeFlag(node, 'pendente', t.a_preencher, e.pendente);
        }
        b.close(node);
        return node;
    }

    private usoTecnologia(container: Node, call: Element): void {
        const { b, t, g } = this;
        b.open(call);
        const node = newNode('UsoTecnologia');
        b.takeReference(node, 'tecnologia', t.ID, g.usoTecnologia.tecnologia);
        const type = b.peek();
        if (type === t.MONEY) b.takeValue(node, 'valor', t.MONEY, g.usoTecnologia.valor);
        else if (type === t.PERCENT) b.takeValue(node, 'percentual', t.PERCENT, g.usoTecnologia.percentual);
        b.close(node);
        b.assignNode(container, 'usos', node, true);
    }

    valorDeclarado(): Node {
        const e = this.g.valorDeclarado;
        const node = newNode('ValorDeclarado');
        this.b.expect(this.t.valor, e.keyword);
        this.b.takeValue(node, 'valor', this.t.MONEY, e.valor);
        this.b.close(node);
        return node;
    }
}

/** Tokens the reused vectors keep room for between parses (~230 KB of arrays); a larger file's are given back. */
const RETAINED_TOKENS = 8192;

function newNode(type: string): Node {
    return { $type: type } as Node;
}

/** The token types the parser compares with, by name (a keyword's token type is named after the keyword). */
const TOKEN_NAMES = [
    ...['MONEY', 'CODIGO', 'COMPETENCIA', 'PERCENT', 'CID', 'INT', 'ID', 'STRING'],
    ...['catalogo', 'catálogo', 'versao', 'versão', 'competencia', 'competência', 'sigtap', 'a_preencher'],
    ...['tecnologia', 'valor', 'percentual', 'grupo', '{', '}', 'oci', 'fundamento', 'publico', 'público'],
    ...['sexo', 'idade', 'ambos', 'feminino', 'masculino', 'a', 'ou', 'mais', 'e', 'anos', 'meses', 'cid', ','],
    ...['tR', 'tM', 'dias', 'dia', 'qt', 'frequencia', 'frequência', 'estimativa', 'obrigatorio', 'obrigatório'],
    ...['eventual', 'um_de', 'conclusao', 'conclusão', 'remoto', 'contrarreferencia', 'contrarreferência'],
    ...['tecnologias']
] as const;
type Tokens = Record<(typeof TOKEN_NAMES)[number], TokenType>;

function tokensOf(definition: TokenTypeDictionary): Tokens {
    const tokens: Partial<Record<string, TokenType>> = {};
    for (const name of TOKEN_NAMES) {
        const type = definition[name];
        if (!type) throw new Error(`The lexer has no token type ${name}`);
        tokens[name] = type;
    }
    return tokens as Tokens;
}

type Elements = ReturnType<typeof elementsOf>;

/** Every grammar element the parser links a CST node to, looked up once (grammar-elements.ts). */
function elementsOf(grammar: GrammarAST.Grammar, t: Tokens) {
    const rule = (name: string) => ruleElements(grammar, name);
    /** The keywords of `names` in `r`, by their token type. */
    const keywords = (r: RuleElements, ...names: Array<keyof Tokens>) =>
        new Map<TokenType, Element>(names.map(name => [t[name], r.keyword(name)]));
    const two = (r: RuleElements, feature: string) => {
        const [first, next, ...more] = r.assignedAll(feature);
        if (!first || !next || more.length > 0) throw new Error(`Rule ${r.rule.name}: expected two ${feature}`);
        return { first, next };
    };
    const documento = rule('Documento');
    const elemento = rule('Elemento');
    const catalogo = rule('Catalogo');
    const tecnologia = rule('Tecnologia');
    const custo = rule('Custo');
    const custoFixo = rule('CustoFixo');
    const custoPercentual = rule('CustoPercentual');
    const grupo = rule('Grupo');
    const membroGrupo = rule('MembroGrupo');
    const oci = rule('Oci');
    const itemOci = rule('ItemOci');
    const fundamento = rule('Fundamento');
    const publico = rule('Publico');
    const faixaEtaria = rule('FaixaEtaria');
    const idade = rule('Idade');
    const cids = rule('Cids');
    const tempoRecomendado = rule('TempoRecomendado');
    const tempoMaximo = rule('TempoMaximo');
    const componente = rule('Componente');
    const alvoComponente = rule('AlvoComponente');
    const procedimentoRef = rule('ProcedimentoRef');
    const grupoRef = rule('GrupoRef');
    const conclusao = rule('Conclusao');
    const alvoConclusao = rule('AlvoConclusao');
    const remoto = rule('Remoto');
    const contrarreferencia = rule('Contrarreferencia');
    const usoTecnologias = rule('UsoTecnologias');
    const usoTecnologia = rule('UsoTecnologia');
    const valorDeclarado = rule('ValorDeclarado');
    const tempo = (r: RuleElements, keyword: 'tR' | 'tM') => ({
        keyword: r.keyword(keyword),
        dias: r.assigned('dias'),
        unidade: r.call('UnidadeDias'),
        pendente: r.assigned('pendente')
    });
    const item = (name: string, parse: (this: FastOciParser) => Node, ...starts: Array<keyof Tokens>) =>
        starts.map(start => [t[start], { call: itemOci.call(name), parse }] as const);
    const P = FastOciParser.prototype;
    return {
        documento: { cabecalho: documento.assigned('cabecalho'), elementos: documento.assigned('elementos') },
        elemento: { tecnologia: elemento.call('Tecnologia'), grupo: elemento.call('Grupo'), oci: elemento.call('Oci') },
        catalogo: {
            keywords: keywords(catalogo, 'catalogo', 'catálogo', 'versao', 'versão', 'competencia', 'competência'),
            nome: catalogo.assigned('nome'),
            versao: catalogo.assigned('versao'),
            competencia: catalogo.assigned('competencia'),
            sigtap: catalogo.keyword('sigtap'),
            sigtapValue: catalogo.assigned('sigtap'),
            sigtapPendente: catalogo.assigned('sigtapPendente')
        },
        tecnologia: {
            keyword: tecnologia.keyword('tecnologia'),
            name: tecnologia.assigned('name'),
            descricao: tecnologia.assigned('descricao'),
            custo: tecnologia.assigned('custo')
        },
        custo: { fixo: custo.call('CustoFixo'), percentual: custo.call('CustoPercentual') },
        custoFixo: { keyword: custoFixo.keyword('valor'), valor: custoFixo.assigned('valor') },
        custoPercentual: {
            keyword: custoPercentual.keyword('percentual'),
            percentual: custoPercentual.assigned('percentual')
        },
        grupo: {
            keyword: grupo.keyword('grupo'),
            name: grupo.assigned('name'),
            descricao: grupo.assigned('descricao'),
            open: grupo.keyword('{'),
            membros: grupo.assigned('membros'),
            pendente: grupo.assigned('pendente'),
            close: grupo.keyword('}')
        },
        membroGrupo: { codigo: membroGrupo.assigned('codigo'), nome: membroGrupo.assigned('nome') },
        codigoProcedimento: { element: rule('CodigoProcedimento').call('CODIGO'), keyword: false } as DatatypePart,
        oci: {
            keyword: oci.keyword('oci'),
            codigo: oci.assigned('codigo'),
            nome: oci.assigned('nome'),
            open: oci.keyword('{'),
            itens: oci.assigned('itens'),
            close: oci.keyword('}')
        },
        item: new Map<TokenType, { call: Element; parse: (this: FastOciParser) => Node }>([
            ...item('Fundamento', P.fundamento, 'fundamento'),
            ...item('Publico', P.publico, 'publico', 'público'),
            ...item('Cids', P.cids, 'cid'),
            ...item('TempoRecomendado', P.tempoRecomendado, 'tR'),
            ...item('TempoMaximo', P.tempoMaximo, 'tM'),
            ...item('Componente', P.componente, 'obrigatorio', 'obrigatório', 'eventual'),
            ...item('Conclusao', P.conclusao, 'conclusao', 'conclusão'),
            ...item('Remoto', P.remoto, 'remoto'),
            ...item('Contrarreferencia', P.contrarreferencia, 'contrarreferencia', 'contrarreferência'),
            ...item('UsoTecnologias', P.usoTecnologias, 'tecnologias'),
            ...item('ValorDeclarado', P.valorDeclarado, 'valor')
        ]),
        fundamento: { keyword: fundamento.keyword('fundamento'), texto: fundamento.assigned('texto') },
        publico: {
            keywords: keywords(publico, 'publico', 'público'),
            sexoKeyword: publico.keyword('sexo'),
            sexo: publico.assigned('sexo'),
            idadeKeyword: publico.keyword('idade'),
            idade: publico.assigned('idade')
        },
        sexo: keywords(rule('Sexo'), 'ambos', 'feminino', 'masculino'),
        faixaEtaria: {
            minimo: faixaEtaria.assigned('minimo'),
            a: faixaEtaria.keyword('a'),
            maximo: faixaEtaria.assigned('maximo'),
            semLimite: faixaEtaria.assigned('semLimite'),
            mais: faixaEtaria.keyword('mais')
        },
        idade: {
            valor: idade.assigned('valor'),
            unidade: idade.assigned('unidade'),
            e: idade.keyword('e'),
            meses: idade.assigned('meses'),
            mesesKeyword: idade.keyword('meses')
        },
        unidadeIdade: keywords(rule('UnidadeIdade'), 'anos', 'meses'),
        cids: { keyword: cids.keyword('cid'), comma: cids.keyword(','), ...two(cids, 'cids') },
        cid: { codigo: rule('Cid').assigned('codigo') },
        tempoRecomendado: tempo(tempoRecomendado, 'tR'),
        tempoMaximo: tempo(tempoMaximo, 'tM'),
        unidadeDias: keywords(rule('UnidadeDias'), 'dias', 'dia'),
        componente: {
            tipo: componente.assigned('tipo'),
            alvo: componente.assigned('alvo'),
            alvoPendente: componente.assigned('alvoPendente'),
            qtKeyword: componente.keyword('qt'),
            qt: componente.assigned('qt'),
            frequenciaKeywords: keywords(componente, 'frequencia', 'frequência'),
            frequencia: componente.assigned('frequencia'),
            frequenciaPendente: componente.assigned('frequenciaPendente'),
            estimativaKeyword: componente.keyword('estimativa'),
            estimativa: componente.assigned('estimativa'),
            estimativaPendente: componente.assigned('estimativaPendente')
        },
        tipoComponente: keywords(rule('TipoComponente'), 'obrigatorio', 'obrigatório', 'eventual'),
        alvoComponente: {
            procedimento: alvoComponente.call('ProcedimentoRef'),
            grupo: alvoComponente.call('GrupoRef')
        },
        procedimentoRef: { codigo: procedimentoRef.assigned('codigo'), nome: procedimentoRef.assigned('nome') },
        grupoRef: { keyword: grupoRef.keyword('um_de'), grupo: grupoRef.assigned('grupo') },
        conclusao: {
            keywords: keywords(conclusao, 'conclusao', 'conclusão'),
            alvo: conclusao.assigned('alvo'),
            pendente: conclusao.assigned('pendente')
        },
        alvoConclusao: {
            procedimento: alvoConclusao.call('ProcedimentoRef'),
            grupo: alvoConclusao.call('GrupoConclusao')
        },
        grupoConclusao: { grupo: rule('GrupoConclusao').assigned('grupo') },
        remoto: { keyword: remoto.keyword('remoto'), comma: remoto.keyword(','), ...two(remoto, 'modalidades') },
        modalidade: { nome: rule('Modalidade').assigned('nome') },
        contrarreferencia: {
            keywords: keywords(contrarreferencia, 'contrarreferencia', 'contrarreferência'),
            destino: contrarreferencia.assigned('destino'),
            descricao: contrarreferencia.assigned('descricao')
        },
        usoTecnologias: {
            keyword: usoTecnologias.keyword('tecnologias'),
            comma: usoTecnologias.keyword(','),
            pendente: usoTecnologias.assigned('pendente'),
            ...two(usoTecnologias, 'usos')
        },
        usoTecnologia: {
            tecnologia: usoTecnologia.assigned('tecnologia'),
            valor: usoTecnologia.assigned('valor'),
            percentual: usoTecnologia.assigned('percentual')
        },
        valorDeclarado: { keyword: valorDeclarado.keyword('valor'), valor: valorDeclarado.assigned('valor') }
    };
}
