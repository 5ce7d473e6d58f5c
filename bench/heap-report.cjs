'use strict';
// Preloaded (`node --require`) into the server by `bench/profile.mjs --heap`: counts V8's collections while the
// process lives (PerformanceObserver `gc`) and, at exit, writes them to $BENCH_HEAP_FILE and a heap snapshot of what
// is still alive to $BENCH_HEAP_SNAPSHOT — what the young-generation collections of an open copied on its way to the
// old generation.
const fs = require('node:fs');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak'
};
const totals = {};
const add = entries => {
    for (const e of entries) {
        const t = (totals[kinds[e.detail.kind] ?? 'other'] ??= { count: 0, ms: 0 });
        t.count++;
        t.ms += e.duration;
    }
};
const observer = new PerformanceObserver(list => add(list.getEntries()));
observer.observe({ entryTypes: ['gc'] });
process.on('exit', () => {
    add(observer.takeRecords());
    // The snapshot first: profile.mjs waits for the report file, then reads the snapshot, which must be whole by then.
    if (process.env.BENCH_HEAP_SNAPSHOT) require('node:v8').writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
    if (process.env.BENCH_HEAP_FILE) fs.writeFileSync(process.env.BENCH_HEAP_FILE, JSON.stringify(totals));
});
