/**
 * Langium's AbstractAstReflection.isSubtype without its allocation. Every generated type guard (`isOci(node)`, …) and
 * every `reflection.isInstance` of Langium's goes through it, and Langium's version allocates ~47 bytes at each call,
 * cached answer or not: its `superTypes.some(s => this.isSubtype(s, supertype))` callback captures `this` and
 * `supertype`, so V8 makes their context when the function is entered. In a `build` of 2,000 OCIs that was ~55 MB
 * of the ~430 MB the process allocates (V8's sampling heap profiler, with the objects collected by the GC) — young
 * garbage, but each 8 MB of it is one more scavenge. Same answers and the same cache (`subtypes`);
 * test/language/reflection.test.ts compares every pair of the grammar's types with Langium's method.
 */
import type { AbstractAstReflection } from 'langium';

interface ReflectionInternals {
    subtypes: Record<string, Record<string, boolean>>;
    types: Record<string, { superTypes: readonly string[] } | undefined>;
    isSubtype(subtype: string, supertype: string): boolean;
}

export function isSubtypeWithoutAllocation(this: AbstractAstReflection, subtype: string, supertype: string): boolean {
    if (subtype === supertype) return true;
    const reflection = this as unknown as ReflectionInternals;
    let nested = reflection.subtypes[subtype];
    if (!nested) nested = reflection.subtypes[subtype] = {};
    const existing = nested[supertype];
    if (existing !== undefined) return existing;
    const superTypes = reflection.types[subtype]?.superTypes ?? [];
    let result = false;
    for (let i = 0; i < superTypes.length && !result; i++) result = reflection.isSubtype(superTypes[i]!, supertype);
    nested[supertype] = result;
    return result;
}

/** Gives a generated reflection class (generated/ast.ts) the method above. */
export function useSubtypeWithoutAllocation(reflectionClass: { prototype: AbstractAstReflection }): void {
    reflectionClass.prototype.isSubtype = isSubtypeWithoutAllocation;
}
