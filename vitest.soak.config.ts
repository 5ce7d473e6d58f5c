import { defineConfig } from 'vitest/config';
import { TEST_ENV } from './test/test-env.js';

// The soak tier (`npm run test:soak`): the tier-sized tests at full size (test/tier.ts) and every
// *.soak.test.ts. Long runs: no per-test timeout short of an hour.
export default defineConfig({
    test: {
        include: [
            'test/**/*.soak.test.ts',
            'test/robustness/fuzz.test.ts',
            'test/robustness/large.test.ts',
            'test/robustness/cli-fuzz.test.ts',
            'test/robustness/memory.test.ts',
            'test/robustness/atomic-build.test.ts',
            'test/robustness/published.test.ts',
            'test/language/incremental-parse.test.ts'
        ],
        exclude: ['**/node_modules/**', 'out/**', 'test/e2e/**'],
        env: { ...TEST_ENV, OCI_TEST_TIER: 'soak' },
        // One file at a time: the fuzz runs its own worker threads and the 10-million-row audit needs the machine.
        maxWorkers: 1,
        testTimeout: 3_600_000,
        hookTimeout: 600_000
    }
});
