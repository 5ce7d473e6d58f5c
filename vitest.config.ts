import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { TEST_ENV } from './test/test-env.js';

// The fast tier (`npm test`). CI runs on a 2-core machine: tests that read the full SIGTAP table
// or spawn processes get room. The soak tier (vitest.soak.config.ts) adds *.soak.test.ts.
const EXCLUDE = ['**/node_modules/**', 'out/**', 'test/e2e/**', 'test/robustness/scratch-*', 'test/**/*.soak.test.ts'];
/**
 * Files that replace a module (`vi.mock('vscode')`, a stand-in of the VS Code API) run isolated: a module graph of
 * their own. Every other file shares its worker's module graph with the files run before it (`isolate: false`):
 * no process and no re-import of Langium, the services and the SIGTAP reader per file — about 1.5 s of each of the
 * ~100 files on CI's 2 cores. The price is a rule: a test leaves no module state behind (an option, a mock, the
 * current folder); what a command line sets is reset by the command line (cli/src/cli-options.ts).
 */
const ISOLATED = ['test/server/client-commands.test.ts', 'test/audit/comando-vscode.test.ts'];

export default defineConfig({
    test: {
        // Vitest's default is one worker per core but one (cores − 1): on CI's 2 cores, one file at a time.
        maxWorkers: Math.max(2, availableParallelism() - 1),
        env: TEST_ENV,
        testTimeout: 60_000,
        hookTimeout: 60_000,
        exclude: EXCLUDE,
        projects: [
            { extends: true, test: { name: 'shared', isolate: false, exclude: [...EXCLUDE, ...ISOLATED] } },
            { extends: true, test: { name: 'isolated', isolate: true, include: ISOLATED } }
        ],
        // `npm run coverage` (not part of `npm test`): V8's coverage of the product sources the tests run in
        // process; code that runs only in a spawned process (the bundled CLI and server) is not counted.
        coverage: {
            provider: 'v8',
            reportsDirectory: 'out/coverage',
            include: ['language/src/**/*.ts', 'server/src/**/*.ts', 'client/src/**/*.ts', 'cli/src/**/*.ts'],
            exclude: ['language/src/generated/**', 'language/src/plano/data/**'],
            reporter: ['text-summary', 'html', 'json-summary']
        }
    }
});
