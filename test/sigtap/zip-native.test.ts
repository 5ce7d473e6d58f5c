/** The native zlib path of readZip gives exactly what the portable (fflate) reader gives, on the real SIGTAP zip. */
import * as fs from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { baseName, readZip } from '../../language/src/sigtap/zip.js';
import { SIGTAP_ZIP } from '../helpers.js';

describe('readZip', () => {
    it('inflates the wanted entries of the 2026-01 competência byte for byte as fflate does', () => {
        const bytes = new Uint8Array(fs.readFileSync(SIGTAP_ZIP));
        const wanted = (base: string) => base.startsWith('tb_procedimento') || base.startsWith('rl_procedimento_cid');
        const { entries, files } = readZip(bytes, SIGTAP_ZIP, wanted);
        const reference = unzipSync(bytes, { filter: f => wanted(baseName(f.name)) });
        expect([...files.keys()].sort()).toEqual(Object.keys(reference).map(baseName).sort());
        for (const [name, data] of Object.entries(reference))
            expect(Buffer.compare(files.get(baseName(name))!, data)).toBe(0);
        expect(entries.size).toBeGreaterThan(files.size);
    });

    it('reports a corrupted entry instead of returning wrong rows', () => {
        const bytes = new Uint8Array(fs.readFileSync(SIGTAP_ZIP));
        const { files } = readZip(bytes, SIGTAP_ZIP, b => b === 'tb_procedimento.txt');
        expect(files.get('tb_procedimento.txt')!.length).toBeGreaterThan(1000);
        // Flip bytes in the middle of the archive (inside some deflated entry).
        const broken = bytes.slice();
        for (let i = 0; i < 64; i++) broken[Math.floor(bytes.length / 3) + i] ^= 0x5a;
        expect(() => {
            const all = readZip(broken, 'x.zip', () => true);
            return all;
        }).toThrow(/não é um zip válido|CRC-32/);
    });
});
