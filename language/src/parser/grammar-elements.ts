/**
 * The grammar elements (keywords, rule calls, cross-references) of each parser rule of the loaded grammar, looked up
 * once by what they are rather than by position, so that the hand-written parser (fast-parser.ts) links its CST
 * nodes to the very objects Langium's parser links them to (`grammarSource`, and through it the value converter and
 * every feature that reads the grammar from the tree). A lookup that is not unique throws: the grammar changed in a
 * way the hand-written parser does not know, and it must not guess.
 */
import { AstUtils, GrammarAST, type AstNode } from 'langium';

export class RuleElements {
    private readonly elements: AstNode[];

    constructor(readonly rule: GrammarAST.ParserRule) {
        this.elements = AstUtils.streamAllContents(rule).toArray();
    }

    /** The one keyword of this rule spelt `value`. */
    keyword(value: string): GrammarAST.Keyword {
        return this.one(
            this.elements.filter((e): e is GrammarAST.Keyword => GrammarAST.isKeyword(e) && e.value === value),
            `keyword '${value}'`
        );
    }

    /** What the one assignment of `feature` in this rule assigns: a keyword, a rule call or a cross-reference. */
    assigned(feature: string): GrammarAST.AbstractElement {
        return this.one(this.assignedAll(feature), `assignment of '${feature}'`);
    }

    /** What each assignment of `feature` assigns, in the grammar's order (`cids+=Cid (',' cids+=Cid)*`: two). */
    assignedAll(feature: string): GrammarAST.AbstractElement[] {
        return this.elements
            .filter((e): e is GrammarAST.Assignment => GrammarAST.isAssignment(e) && e.feature === feature)
            .map(a => a.terminal);
    }

    /** The one call of rule `name` in this rule that is not inside an assignment. */
    call(name: string): GrammarAST.RuleCall {
        return this.one(
            this.elements.filter(
                (e): e is GrammarAST.RuleCall =>
                    GrammarAST.isRuleCall(e) &&
                    e.rule.ref?.name === name &&
                    !AstUtils.getContainerOfType(e, GrammarAST.isAssignment)
            ),
            `call of ${name}`
        );
    }

    private one<T>(found: T[], what: string): T {
        const [first] = found;
        if (found.length !== 1 || first === undefined)
            throw new Error(`Rule ${this.rule.name}: expected one ${what}, found ${found.length}`);
        return first;
    }
}

/** The elements of the parser rule `name` of `grammar`. */
export function ruleElements(grammar: GrammarAST.Grammar, name: string): RuleElements {
    const rule = grammar.rules.find(r => r.name === name);
    if (!rule || !GrammarAST.isParserRule(rule)) throw new Error(`The grammar has no parser rule ${name}`);
    return new RuleElements(rule);
}
