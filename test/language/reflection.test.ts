/**
 * The allocation-free isSubtype (language/src/reflection.ts) gives Langium's answers: every pair of the grammar's
 * types (the catalogue's, the PAR's and the SE's share one reflection) and of Langium's grammar language, asked
 * twice (computed, then cached), in a fresh reflection with Langium's method and one with ours; and the services'
 * reflection uses ours.
 */
import { AbstractAstReflection, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { OciCatalogoAstReflection, reflection } from '../../language/src/generated/ast.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { isSubtypeWithoutAllocation } from '../../language/src/reflection.js';
import { EmptyFileSystem } from 'langium';

describe('isSubtype without allocation', () => {
    it("answers as Langium's AbstractAstReflection.isSubtype for every pair of types, computed and cached", () => {
        const langium = new OciCatalogoAstReflection();
        langium.isSubtype = AbstractAstReflection.prototype.isSubtype;
        const ours = new OciCatalogoAstReflection();
        const types = [...langium.getAllTypes(), 'NaoExiste'];
        expect(types.length).toBeGreaterThan(40);
        let subtypes = 0;
        for (const round of [1, 2])
            for (const sub of types)
                for (const sup of types) {
                    const expected = langium.isSubtype(sub, sup);
                    expect(ours.isSubtype(sub, sup), `${sub} <: ${sup} (round ${round})`).toBe(expected);
                    if (expected && sub !== sup) subtypes++;
                }
        // The grammar has real hierarchies (Elemento, ItemOci, …), not only identities.
        expect(subtypes).toBeGreaterThan(10);
    });

    it('is the method of the generated reflection the services and the type guards use', () => {
        const { shared } = createOciCoreServices(EmptyFileSystem);
        expect(shared.AstReflection.isSubtype).toBe(isSubtypeWithoutAllocation);
        expect(reflection.isSubtype).toBe(isSubtypeWithoutAllocation);
        expect(GrammarAST.reflection.isSubtype).toBe(isSubtypeWithoutAllocation);
    });

    it("answers as Langium's for every pair of Langium's grammar types", () => {
        const langium = new GrammarAST.LangiumGrammarAstReflection();
        langium.isSubtype = AbstractAstReflection.prototype.isSubtype;
        const ours = new GrammarAST.LangiumGrammarAstReflection();
        const types = langium.getAllTypes();
        expect(types.length).toBeGreaterThan(40);
        for (const sub of types)
            for (const sup of types) expect(ours.isSubtype(sub, sup)).toBe(langium.isSubtype(sub, sup));
    });
});
