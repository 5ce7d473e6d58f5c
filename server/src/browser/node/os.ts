/** Browser implementation of `node:os`: no home folder, so no SIGTAP snapshot folder (cache.ts). */
export function homedir(): string {
    return '';
}
