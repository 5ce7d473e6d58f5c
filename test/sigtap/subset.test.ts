import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadSigtapZip } from '../../language/src/sigtap/reader.js';
import { cutSigtapSubset, subsetCodesFor } from '../../language/src/sigtap/subset.js';
import { oracle, realTable, realZipBytes, ZIP_NAME } from './fixtures.js';
import { asOracle } from './oci-view.js';

describe('SIGTAP subset of the 34 OCIs', () => {
    const ocis = oracle().map(o => o.codigo);
    let cut: Uint8Array | undefined;
    const subset = () => (cut ??= cutSigtapSubset(realZipBytes(), ocis));

    it('keeps the OCIs and every component in the closure', () => {
        const codes = subsetCodesFor(realTable(), ocis);
        for (const o of oracle()) {
            expect(codes.has(o.codigo)).toBe(true);
            for (const s of o.procedimentos_secundarios) expect(codes.has(s.codigo)).toBe(true);
        }
        expect(subsetCodesFor(realTable(), ['09.01.01.001-4'])).toEqual(
            new Set(['0901010014', '0204030030', '0205020097', '0301010072', '0301010307'])
        );
    });

    it('re-reads to the same OCI views and procedure records', () => {
        const small = loadSigtapZip(subset(), ZIP_NAME);
        const full = realTable();
        expect(small.ociCodigos()).toEqual(full.ociCodigos());
        for (const codigo of ocis) {
            expect(small.oci(codigo)).toEqual(full.oci(codigo));
            expect(asOracle(small, codigo)).toEqual(asOracle(full, codigo));
        }
        const kept = subsetCodesFor(full, ocis);
        expect(new Set(small.procedimentos.keys())).toEqual(kept);
        for (const codigo of kept) {
            expect(small.procedimentos.get(codigo)).toEqual(full.procedimentos.get(codigo));
            expect(small.cidsPorProcedimento(codigo)).toEqual(full.cidsPorProcedimento(codigo));
            expect(small.registrosPorProcedimento(codigo)).toEqual(full.registrosPorProcedimento(codigo));
        }
        expect(small.competencia).toBe('202601');
        expect(small.cids.get('D486')).toBe(full.cids.get('D486'));
    });

    it('keeps names, layouts and raw bytes of the original', () => {
        const original = unzipSync(realZipBytes());
        const small = unzipSync(subset());
        const names = Object.keys(small);
        expect(names).toEqual([...names].sort());
        expect(new Set(names)).toEqual(new Set(Object.keys(original).filter(n => !n.endsWith('.xls'))));
        for (const name of names) {
            if (name.endsWith('_layout.txt') || !name.endsWith('.txt') || name === 'layout.txt') {
                expect(small[name], name).toEqual(original[name]);
            }
        }
        // Kept rows are byte-for-byte lines of the original table (CRLF, Latin-1).
        const originalLines = new Set(splitLines(original['tb_procedimento.txt']));
        const lines = splitLines(small['tb_procedimento.txt']);
        expect(lines.length).toBe(subsetCodesFor(realTable(), ocis).size);
        for (const line of lines) {
            expect(line.endsWith('\r\n')).toBe(true);
            expect(originalLines.has(line)).toBe(true);
        }
        expect(small['tb_grupo.txt']).toEqual(original['tb_grupo.txt']);
    });

    it('is far smaller than the full zip', () => {
        // 2026-01: about 195 KB against 2.1 MB (consultations bring thousands of CIDs along).
        expect(subset().byteLength).toBeLessThan(realZipBytes().byteLength / 8);
    });

    it('is deterministic', () => {
        const again = cutSigtapSubset(realZipBytes(), [...ocis].reverse());
        expect(Buffer.from(again).equals(Buffer.from(subset()))).toBe(true);
    });
});

/** Lines of a Latin-1 file with their terminators, as one string per line. */
function splitLines(bytes: Uint8Array): string[] {
    return Buffer.from(bytes)
        .toString('latin1')
        .split(/(?<=\n)/)
        .filter(l => l !== '');
}
