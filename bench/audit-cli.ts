/**
 * `oci-catalogo audit` as one process for bench/audit-bench.mjs: runs the command (the same code
 * the CLI registers) and appends its own figures — wall time, CPU time and peak RSS of the whole
 * process (Node and DuckDB's native memory: getrusage maxrss) — as one JSON line to $AUDIT_BENCH_STATS.
 */
import * as fs from 'node:fs';
import { Command } from 'commander';
import { registerAuditCommand } from '../cli/src/audit-command.js';

const inicio = performance.now();
let code = 0;
const program = new Command('oci-catalogo').exitOverride();
registerAuditCommand(
    program,
    c => {
        code = c;
    },
    { out: t => process.stdout.write(t), err: t => process.stderr.write(t) }
);
try {
    await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
    process.stderr.write(`audit: ${(error as Error).message}\n`);
    code = 2;
}
const uso = process.resourceUsage();
const stats = {
    code,
    segundos: (performance.now() - inicio) / 1000,
    cpuSegundos: (uso.userCPUTime + uso.systemCPUTime) / 1e6,
    rssMaxMB: uso.maxRSS / 1024
};
if (process.env.AUDIT_BENCH_STATS) fs.appendFileSync(process.env.AUDIT_BENCH_STATS, JSON.stringify(stats) + '\n');
process.exitCode = code;
