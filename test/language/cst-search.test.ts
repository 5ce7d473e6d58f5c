/**
 * The CST searches that do not make the lists of the lazy composites they pass by (language/src/parser/cst-search.ts)
 * against Langium's GrammarUtils on the fast parser's trees: for every AST node of the examples and test fixtures, and
 * for every property of its type and every keyword of the grammar, the same node (the same object) at every index.
 * And the reason they exist: finding the OCI's code for a diagnostic makes the list of the OCI's composite only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AstUtils, CstUtils, EmptyFileSystem, GrammarAST, GrammarUtils, type AstNode, type CstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import type { Documento } from '../../language/src/generated/ast.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { findNodeForKeyword, findNodeForProperty, forEachToken } from '../../language/src/parser/cst-search.js';
import { kidsOf, LazyComposite, TokenStore } from '../../language/src/parser/lazy-cst.js';
import type { OciLangiumParser } from '../../language/src/parser/oci-parser.js';
import { REPO_ROOT } from '../helpers.js';

const { Oci, shared } = createOciCoreServices(EmptyFileSystem);
const parser = Oci.parser.LangiumParser as OciLangiumParser;
const reflection = shared.AstReflection;
const KEYWORDS = [
    ...new Set(
        AstUtils.streamAllContents(Oci.Grammar)
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
    )
].sort();

function ociFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter(name => name.endsWith('.oci'))
        .map(name => path.join(dir, name));
}

const FILES = [...ociFiles(path.join(REPO_ROOT, 'examples')), ...ociFiles(path.join(REPO_ROOT, 'test'))];

function listMade(node: LazyComposite): boolean {
    return (node as unknown as { list?: unknown }).list !== undefined;
}

describe('CST searches over lazy composites', () => {
    it('find the same node as Langium for every property and keyword of every AST node of the examples', () => {
        let compared = 0;
        let lazyTrees = 0;
        for (const file of FILES) {
            const text = fs.readFileSync(file, 'utf8');
            const fast = parser.fast.parse(text);
            if (!fast) continue;
            lazyTrees++;
            for (const node of AstUtils.streamAst(fast.value as AstNode)) {
                const properties = Object.keys(reflection.getTypeMetaData(node.$type).properties);
                for (const property of [...properties, 'name', 'nada']) {
                    for (const index of [undefined, 0, 1, 2, 5]) {
                        // Ours first, on lists not made yet; then Langium's, which makes them: the same objects.
                        const ours = findNodeForProperty(node.$cstNode, property, index);
                        expect(ours, `${file}: ${node.$type}.${property}[${index}]`).toBe(
                            GrammarUtils.findNodeForProperty(node.$cstNode, property, index)
                        );
                        compared++;
                    }
                }
                for (const keyword of KEYWORDS)
                    for (const index of [undefined, 1]) {
                        const ours = findNodeForKeyword(node.$cstNode, keyword, index);
                        expect(ours, `${file}: ${node.$type} '${keyword}'[${index}]`).toBe(
                            GrammarUtils.findNodeForKeyword(node.$cstNode, keyword, index)
                        );
                        compared++;
                    }
            }
        }
        expect(lazyTrees).toBeGreaterThan(5);
        expect(compared).toBeGreaterThan(10_000);
    });

    it("finding an OCI's code makes the list of the OCI's composite and of the code's, and no other", () => {
        const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/pmae/cardiologia.oci'), 'utf8');
        const fresh = parser.fast.parse(text)!;
        const oci = (fresh.value as Documento).elementos.find(e => e.$type === 'Oci')!;
        expect(oci.$cstNode).toBeInstanceOf(LazyComposite);
        const freshComposites: LazyComposite[] = [];
        const collect = (node: CstNode) => {
            if (!(node instanceof LazyComposite)) return;
            freshComposites.push(node);
            for (const kid of kidsOf(node)) collect(kid);
        };
        collect(oci.$cstNode!);
        expect(freshComposites.length).toBeGreaterThan(20);
        expect(freshComposites.filter(listMade)).toHaveLength(0);
        expect(findNodeForProperty(oci.$cstNode, 'codigo')?.text).toMatch(/^09\./);
        const madeFresh = freshComposites.filter(listMade);
        // The OCI's composite (and the rule call's inside it, of the same AST node): nothing of its items.
        expect(madeFresh.length).toBeGreaterThan(0);
        expect(madeFresh.length).toBeLessThanOrEqual(2);
        for (const made of madeFresh) expect(made.astNode).toBe(oci);
        // Langium's own search makes the list of every child composite it asks about.
        GrammarUtils.findNodeForProperty(oci.$cstNode, 'codigo');
        expect(freshComposites.filter(listMade).length).toBeGreaterThan(madeFresh.length + 5);
    });

    it("forEachToken gives flattenCst's leaves (comments included) in order, on lazy trees and after their lists are made", () => {
        let trees = 0;
        for (const file of FILES) {
            const text = fs.readFileSync(file, 'utf8');
            const fast = parser.fast.parse(text);
            if (!fast) continue;
            trees++;
            const root = fast.value.$cstNode!;
            const seen: string[] = [];
            forEachToken(root, (type, range) => seen.push(`${type.name} ${JSON.stringify(range)}`));
            const leaves = CstUtils.flattenCst(root)
                .map(leaf => `${leaf.tokenType.name} ${JSON.stringify(leaf.range)}`)
                .toArray();
            expect(seen, file).toEqual(leaves);
            expect(leaves.length).toBeGreaterThan(0);
            // The lists are made now (flattenCst read them): the same walk gives the same.
            const again: string[] = [];
            forEachToken(root, (type, range) => again.push(`${type.name} ${JSON.stringify(range)}`));
            expect(again).toEqual(leaves);
        }
        expect(trees).toBeGreaterThan(5);
        // Langium's own trees (the parser's fallback) are walked through their lists.
        const langium = parser.parseWithLangium(fs.readFileSync(FILES[0]!, 'utf8'));
        const seen: string[] = [];
        forEachToken(langium.value.$cstNode!, type => seen.push(type.name));
        expect(seen).toEqual(
            CstUtils.flattenCst(langium.value.$cstNode!)
                .map(l => l.tokenType.name)
                .toArray()
        );
    });

    it('an empty composite (a node without tokens) is at 0 with an empty list, as in Langium', () => {
        const store = new TokenStore(0, [], []);
        const call = AstUtils.streamAllContents(Oci.Grammar).find(GrammarAST.isRuleCall)!;
        const empty = new LazyComposite(store, call);
        expect(empty.content).toEqual([]);
        expect([empty.offset, empty.end, empty.length]).toEqual([0, 0, 0]);
        expect(empty.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
        const seen: string[] = [];
        forEachToken(empty, type => seen.push(type.name));
        expect(seen).toEqual([]);
    });
});
