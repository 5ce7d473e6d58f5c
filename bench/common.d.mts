/** The part of bench/common.mjs the tests use (the soak tier's 10-million-record audit runs the benchmark's bundle). */
export function bundleBenchEntry(root: string, name: string, outfile: string): Promise<void>;
