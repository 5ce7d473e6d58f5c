/**
 * The environment both test tiers give their processes (vitest.config.ts, vitest.soak.config.ts), inherited by every
 * CLI and server a test spawns. OCI_CACHE_DIR: the SIGTAP snapshots and Node's compile cache go to a folder of the
 * tests in the system's temporary folder, not the user's ~/.cache/oci-catalogo (snapshots are keyed by the zip's hash
 * and the format's version, so one left by an older checkout is never used). Tests of the cache folder's own policy
 * pass their environment explicitly.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_ENV = { OCI_CACHE_DIR: join(tmpdir(), 'oci-catalogo-testes', 'cache') };
