/**
 * bench/editor-latency.mjs checks every answer it times — a wrong or empty completion or hover aborts it — against the
 * bundled server with the full SIGTAP table. It is not part of `npm run bench`, so when the hover of a procedure
 * started showing the ambulatory value (VL_SA) its check went on expecting the old text and the script broke unseen.
 * Here it runs at its smallest size, for its answers only: its timings are not asserted (benchmarks are not timed
 * tests).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers.js';

const NODE = process.env.OCI_LSP_NODE || process.execPath;

interface Row {
    kind: string;
    n: number;
}

describe('bench/editor-latency.mjs', () => {
    it('accepts every completion and hover of the bundled server on the example with the full table', () => {
        const run = spawnSync(NODE, [path.join(REPO_ROOT, 'bench/editor-latency.mjs'), '--n=50', '--json'], {
            cwd: REPO_ROOT,
            encoding: 'utf8',
            timeout: 120_000
        });
        expect(run.status, run.stderr).toBe(0);
        const summary = JSON.parse(run.stdout) as { results: Row[] };
        const kinds = summary.results.map(r => r.kind);
        expect(kinds).toEqual(
            expect.arrayContaining([
                'completion: keywords (empty item line)',
                'hover: procedure code (SIGTAP row)',
                'hover: OCI code (value breakdown)',
                'hover: CID'
            ])
        );
        for (const row of summary.results) expect(row.n, row.kind).toBeGreaterThan(0);
    });
});
