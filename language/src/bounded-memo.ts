/**
 * Memos for pure functions of a catalogue's repeated texts (amounts, percentages, SIGTAP codes) whose results are
 * immutable, so callers share them: the second call costs a map lookup and allocates nothing.
 */

/** `compute` with its results kept, up to `entries` keys (then the memo starts over). */
export function boundedMemo<K, V>(compute: (key: K) => V, entries = 1 << 14): (key: K) => V {
    const memo = new Map<K, V>();
    return key => {
        let value = memo.get(key);
        if (value === undefined && !memo.has(key)) {
            value = compute(key);
            if (memo.size >= entries) memo.clear();
            memo.set(key, value);
        }
        return value as V;
    };
}

/**
 * boundedMemo for texts, such as a token's value. Kept in a dictionary object, not a Map: V8 internalizes a property
 * key (a flat copy of its own, in its string table, which then holds it weakly) and turns the text asked with into
 * a pointer to that copy, so asking again with the same string compares pointers (~13 against ~50 ns a lookup for
 * 14-character codes cut from a document). And the memo keeps no view into a document: V8 makes a substring of 13 or
 * more characters a view into its parent, which a Map key would keep alive with that whole version of the file.
 */
export function boundedTextMemo<V>(compute: (text: string) => V, entries = 1 << 14): (text: string) => V {
    let memo: Record<string, V> = Object.create(null) as Record<string, V>;
    let size = 0;
    return text => {
        let value = memo[text];
        if (value === undefined && !(text in memo)) {
            value = compute(detachedCopy(text));
            if (size >= entries) {
                memo = Object.create(null) as Record<string, V>;
                size = 0;
            }
            memo[text] = value;
            size++;
        }
        return value as V;
    };
}

/**
 * `text` as a string of its own, not a view into a longer one: prefixing makes a rope that `slice` flattens into a
 * fresh string of the text's length (plus one).
 */
export function detachedCopy(text: string): string {
    return (' ' + text).slice(1);
}
