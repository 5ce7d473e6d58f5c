import { defineConfig } from 'vitest/config';

// CI runs on a 2-core machine: tests that read the full SIGTAP table or spawn processes get room.
export default defineConfig({
    test: {
        testTimeout: 60_000,
        hookTimeout: 60_000,
        exclude: ['**/node_modules/**', 'out/**', 'test/e2e/**', 'test/robustness/scratch-*']
    }
});
