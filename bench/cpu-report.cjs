'use strict';
// Preloaded (`node --require`) into the CLI runs of bench/run.mjs: at exit, writes the process's
// CPU time (user + system) and peak RSS to $BENCH_CPU_FILE — figures that hold on a shared
// machine, where wall-clock time also counts the other processes' turns.
const fs = require('node:fs');
process.on('exit', () => {
    const file = process.env.BENCH_CPU_FILE;
    if (!file) return;
    const r = process.resourceUsage();
    fs.writeFileSync(
        file,
        JSON.stringify({ cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, maxRssMb: (r.maxRSS * 1024) / 1e6 })
    );
});
