/** The server's memory policy collects after a build once the heap has grown past its bound, and not before. */
import { describe, expect, it } from 'vitest';
import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import { installMemoryPolicy } from '../../server/src/memory-policy.js';

function fakeShared() {
    const listeners: Array<() => void> = [];
    const shared = {
        workspace: { DocumentBuilder: { onBuildPhase: (state: DocumentState, listener: () => void) => { if (state === DocumentState.Validated) listeners.push(listener); } } }
    } as unknown as LangiumSharedCoreServices;
    return { shared, built: () => listeners.forEach(l => l()) };
}

const turn = () => new Promise(resolve => setImmediate(resolve));

describe('memory policy', () => {
    it('collects on the turn after a build that left the heap above its bound', async () => {
        const { shared, built } = fakeShared();
        const policy = installMemoryPolicy(shared, { growth: 1, slackBytes: 1 });
        let garbage: number[][] | undefined = Array.from({ length: 2000 }, (_, i) => new Array(1000).fill(i));
        expect(garbage.length).toBe(2000);
        garbage = undefined;
        built();
        expect(policy.collections()).toBe(0); // never inside the build: after the diagnostics went out
        await turn();
        expect(policy.collections()).toBe(1);
    });

    it('does not collect while the heap stays within its bound', async () => {
        const { shared, built } = fakeShared();
        const policy = installMemoryPolicy(shared, { growth: 1000, slackBytes: 1024 ** 4 });
        built();
        await turn();
        expect(policy.collections()).toBe(0);
    });
});
