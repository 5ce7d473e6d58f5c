#!/usr/bin/env node
/**
 * Runs one test tier and ends with its closing line, `N passed, N failed` (vitest and, in the fast
 * tier, the real VS Code e2e added together). The exit code is 1 when anything failed.
 *
 *   node scripts/test-tier.mjs fast    # npm test: unit, integration, LSP (vitest) + real VS Code e2e
 *   node scripts/test-tier.mjs soak    # npm run test:soak: vitest.soak.config.ts (long fuzz, 20 MB, 10M rows)
 *
 * Extra arguments go to vitest (a file filter, say).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [tier = 'fast', ...extra] = process.argv.slice(2);
if (tier !== 'fast' && tier !== 'soak') {
    process.stderr.write(`test-tier: tier desconhecido "${tier}" (use fast ou soak)\n`);
    process.exit(2);
}
const started = Date.now();
const results = path.join(ROOT, 'out', 'test-results');
fs.mkdirSync(results, { recursive: true });
const json = path.join(results, `vitest-${tier}.json`);
fs.rmSync(json, { force: true });

const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const config = tier === 'soak' ? ['--config', 'vitest.soak.config.ts'] : [];
const run = spawnSync(
    process.execPath,
    [vitest, 'run', ...config, '--reporter=default', '--reporter=json', `--outputFile=${json}`, ...extra],
    { cwd: ROOT, stdio: 'inherit' }
);

let passed = 0;
let failed = 0;
try {
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that fails to load has no test results but is a failure all the same.
    failed += report.testResults.filter(f => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
    failed += 1;
    process.stderr.write(`test-tier: vitest wrote no report (${json})\n`);
}
if (run.status !== 0 && failed === 0) failed += 1;

if (tier === 'fast') {
    // `npm test` bundled a moment ago (npm run build): the e2e packages the vsix without bundling again.
    const e2e = spawnSync('npm', ['run', 'test:e2e', '--', '--bundled'], {
        cwd: ROOT,
        stdio: ['inherit', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024
    });
    process.stdout.write(e2e.stdout ?? '');
    const m = /e2e: (\d+) passed, (\d+) failed/.exec(e2e.stdout ?? '');
    if (m) {
        passed += Number(m[1]);
        failed += Number(m[2]);
    }
    if (!m || (e2e.status !== 0 && Number(m[2]) === 0)) failed += 1;
}

const seconds = Math.round((Date.now() - started) / 1000);
process.stdout.write(`\ntier ${tier} (${seconds} s): ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
