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
 * boundedMemo for texts cut from a document (a token's value): V8 makes a substring of 13 or more characters a view
 * into its parent, so keeping the key itself would keep that version of the whole file alive. The memo keeps, and
 * computes from, a copy of its own.
 */
export function boundedTextMemo<V>(compute: (text: string) => V, entries = 1 << 14): (text: string) => V {
    const memo = new Map<string, V>();
    return text => {
        let value = memo.get(text);
        if (value === undefined && !memo.has(text)) {
            const own = detachedCopy(text);
            value = compute(own);
            if (memo.size >= entries) memo.clear();
            memo.set(own, value);
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
