/**
 * The test tiers. `npm test` runs the fast tier (unit, integration, LSP, the real VS Code e2e);
 * `npm run test:soak` runs the soak tier: the long fuzz, the 20 MB file, the 10-million-row audit
 * (files named `*.soak.test.ts`, plus the tier-sized tests below at full size). CI runs both.
 *
 * A test that exists in both tiers reads its size from `bySize(fast, soak)`: one file, one
 * mechanism, the soak figure being the one the reliability docs quote.
 */
export const SOAK = process.env.OCI_TEST_TIER === 'soak';

/** The size of a tier-sized test: an explicit environment override, else the tier's own figure. */
export function bySize(envName: string, fast: number, soak: number): number {
    const explicit = process.env[envName];
    return explicit !== undefined && explicit !== '' ? Number(explicit) : SOAK ? soak : fast;
}
