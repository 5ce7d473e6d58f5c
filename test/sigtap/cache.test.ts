import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SigtapCache, sigtapCache } from '../../language/src/sigtap/cache.js';
import { SigtapError } from '../../language/src/sigtap/errors.js';
import { loadSigtapFile } from '../../language/src/sigtap/reader.js';
import { ZIP_NAME, zipPath } from './fixtures.js';

describe('SigtapCache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigtap-cache-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('returns the same table while the file is unchanged', () => {
        const cache = new SigtapCache();
        const first = cache.get(zipPath);
        expect(first.arquivo).toBe(ZIP_NAME);
        expect(cache.get(zipPath)).toBe(first);
        cache.clear();
        expect(cache.get(zipPath)).not.toBe(first);
    });

    it('reloads a touched file', () => {
        const path = join(dir, ZIP_NAME);
        copyFileSync(zipPath, path);
        let loads = 0;
        const cache = new SigtapCache(p => (loads++, loadSigtapFile(p)));
        const first = cache.get(path);
        expect(cache.get(path)).toBe(first);
        const later = new Date(Date.now() + 60_000);
        utimesSync(path, later, later);
        const second = cache.get(path);
        expect(second).not.toBe(first);
        expect(second.sha256).toBe(first.sha256);
        expect(loads).toBe(2);
    });

    it('caches a loading error until the file changes', () => {
        const path = join(dir, 'quebrado.zip');
        writeFileSync(path, 'não é zip');
        let loads = 0;
        const cache = new SigtapCache(p => (loads++, loadSigtapFile(p)));
        let error: unknown;
        try {
            cache.get(path);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(SigtapError);
        expect((error as SigtapError).code).toBe('sigtap/zip-invalido');
        expect(() => cache.get(path)).toThrow(error as Error);
        expect(loads).toBe(1);
        copyFileSync(zipPath, path);
        expect(cache.get(path).competencia).toBe('202601');
        expect(loads).toBe(2);
    });

    it('reports a missing file without caching it', () => {
        const cache = new SigtapCache();
        expect(() => cache.get(join(dir, 'nada.zip'))).toThrow(SigtapError);
    });

    it('exports a process-wide instance', () => {
        expect(sigtapCache).toBeInstanceOf(SigtapCache);
    });
});
