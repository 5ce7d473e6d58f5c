import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The fast tier (`npm test`). CI runs on a 2-core machine: tests that read the full SIGTAP table
// or spawn processes get room. The soak tier (vitest.soak.config.ts) adds *.soak.test.ts.
export default defineConfig({
    test: {
        // Vitest's default is one worker per core but one (cores − 1): on CI's 2 cores, one file at a time.
        maxWorkers: Math.max(2, availableParallelism() - 1),
        testTimeout: 60_000,
        hookTimeout: 60_000,
        exclude: ['**/node_modules/**', 'out/**', 'test/e2e/**', 'test/robustness/scratch-*', 'test/**/*.soak.test.ts']
    }
});
