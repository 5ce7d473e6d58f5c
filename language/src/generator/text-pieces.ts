/**
 * Text made in pieces: a generator emits its text as it goes (to a file being written, see
 * io/atomic-write.ts `FileContent`) instead of building it whole, or the pieces are collected
 * into the whole text — the same characters either way.
 */

/** Receives the pieces of a text, in order. */
export type Emit = (piece: string) => void;

/**
 * Lines joined by a separator, emitted as they are pushed: `push(a, b); push(c)` emits `a`, `SEP b`, `SEP c`
 * (Array.join's text).
 */
export class JoinedLines {
    private first = true;

    constructor(
        private readonly separator: string,
        private readonly emit: Emit
    ) {}

    push(...lines: string[]): void {
        for (const line of lines) {
            this.emit(this.first ? line : this.separator + line);
            this.first = false;
        }
    }
}

/** The whole text a piece-emitting generator makes. */
export function collectText(generate: (emit: Emit) => void): string {
    const pieces: string[] = [];
    generate(piece => pieces.push(piece));
    return pieces.join('');
}
