/** The server's memory policy collects after a build once the heap has grown past its bound, and not before. */
import { describe, expect, it, vi } from 'vitest';
import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_EXEC_ARGV } from '../../server/src/launch.js';
import { installMemoryPolicy } from '../../server/src/memory-policy.js';
import { REPO_ROOT } from '../helpers.js';

function fakeShared() {
    const listeners: Array<() => void> = [];
    const shared = {
        workspace: {
            DocumentBuilder: {
                onBuildPhase: (state: DocumentState, listener: () => void) => {
                    if (state === DocumentState.Validated) listeners.push(listener);
                }
            }
        }
    } as unknown as LangiumSharedCoreServices;
    return { shared, built: () => listeners.forEach(l => l()) };
}

const turn = () => new Promise(resolve => setImmediate(resolve));

describe('memory policy', () => {
    it('collects on the turn after a build that left the heap above its bound', async () => {
        const { shared, built } = fakeShared();
        let collected = 0;
        const policy = installMemoryPolicy(shared, {
            growth: 0,
            hardGrowth: 0,
            slackBytes: -Infinity,
            collect: () => {
                collected++;
            }
        });
        let garbage: number[][] | undefined = Array.from({ length: 2000 }, (_, i) => new Array(1000).fill(i));
        expect(garbage.length).toBe(2000);
        garbage = undefined;
        built();
        expect(policy.collections()).toBe(0); // never inside the build: after the diagnostics went out
        await turn();
        expect(policy.collections()).toBe(1);
        expect(collected).toBe(1);
    });

    it('does not collect while the heap stays within its bound', async () => {
        const { shared, built } = fakeShared();
        const policy = installMemoryPolicy(shared, {
            growth: 1000,
            hardGrowth: 1000,
            slackBytes: 1024 ** 4,
            collect: () => {
                throw new Error('collected');
            }
        });
        built();
        await turn();
        expect(policy.collections()).toBe(0);
    });
});

describe('memory policy while typing', () => {
    it('below the hard bound, collects only after a pause without builds', async () => {
        const { shared, built } = fakeShared();
        const policy = installMemoryPolicy(shared, {
            growth: 0,
            hardGrowth: 1e9,
            slackBytes: -Infinity,
            idleMs: 40,
            collect: () => undefined
        });
        let garbage: number[][] | undefined = Array.from({ length: 500 }, (_, i) => new Array(1000).fill(i));
        expect(garbage.length).toBe(500);
        garbage = undefined;
        // The pause is measured on fake timers: on a loaded machine a real 20 ms wait can last longer than the pause.
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        try {
            built();
            vi.advanceTimersByTime(20);
            built(); // a keystroke within the pause: the collection waits again
            vi.advanceTimersByTime(25);
            expect(policy.collections()).toBe(0);
            vi.advanceTimersByTime(15);
            expect(policy.collections()).toBe(1);
        } finally {
            vi.useRealTimers();
        }
    });
});

describe('the server is started with the flag the policy needs', () => {
    it('by the VS Code client and by the benchmarks (as the client starts it)', () => {
        expect(SERVER_EXEC_ARGV).toContain('--expose-gc');
        expect(SERVER_EXEC_ARGV).toEqual(
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'server/src/launch-argv.json'), 'utf8')) as string[]
        );
        const client = fs.readFileSync(path.join(REPO_ROOT, 'client/src/extension.ts'), 'utf8');
        expect(client).toMatch(
            /run: \{ module: serverModule, transport: TransportKind\.ipc, options: \{ execArgv: \[\.\.\.SERVER_EXEC_ARGV\], env \} \}/
        );
        // The benchmarks read the same file (bench/common.mjs) and start no server with options of their own.
        expect(fs.readFileSync(path.join(REPO_ROOT, 'bench/common.mjs'), 'utf8')).toContain(
            '../server/src/launch-argv.json'
        );
        // Every script of bench/ that starts our server (lsp.mjs is the harness they share: it takes the command).
        const starters = fs
            .readdirSync(path.join(REPO_ROOT, 'bench'))
            .filter(f => f.endsWith('.mjs') && f !== 'lsp.mjs')
            .map(f => `bench/${f}`)
            .filter(f =>
                /out\/server|runSession|spawnLspServer/.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8'))
            );
        expect(starters).toEqual(
            expect.arrayContaining(['bench/run.mjs', 'bench/editor-latency.mjs', 'bench/typing.mjs', 'bench/ab.mjs'])
        );
        for (const bench of starters) {
            const text = fs.readFileSync(path.join(REPO_ROOT, bench), 'utf8');
            expect(text, bench).toContain('...SERVER_NODE_ARGV');
            expect(text, bench).not.toContain("'--expose-gc'");
        }
    });
});
