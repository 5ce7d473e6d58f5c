import { defineConfig } from 'vitest/config';

// The fast tier (`npm test`). CI runs on a 2-core machine: tests that read the full SIGTAP table
// or spawn processes get room. The soak tier (vitest.soak.config.ts) adds *.soak.test.ts.
export default defineConfig({
    test: {
        testTimeout: 60_000,
        hookTimeout: 60_000,
        exclude: ['**/node_modules/**', 'out/**', 'test/e2e/**', 'test/robustness/scratch-*', 'test/**/*.soak.test.ts']
    }
});
