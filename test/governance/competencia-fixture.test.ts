/** The second-competência fixture reads as a real SIGTAP zip with exactly the intended changes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigtapFile } from '../../language/src/sigtap/reader.js';
import {
    CHANGED_OCI,
    NEW_OCI,
    REVOKED_OCI,
    REVOKED_PROCEDURE,
    SUBSET_ZIP,
    buildCompetencia202602,
    writeCompetencia202602
} from './competencia-fixture.js';

describe('SIGTAP 2026-02 fixture', () => {
    it('is deterministic and carries the intended changes', () => {
        expect(Buffer.from(buildCompetencia202602()).equals(Buffer.from(buildCompetencia202602()))).toBe(true);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-comp-'));
        const next = loadSigtapFile(writeCompetencia202602(dir));
        const prev = loadSigtapFile(SUBSET_ZIP);
        expect(next.competencia).toBe('202602');
        expect(next.ociCodigos()).not.toContain(REVOKED_OCI);
        expect(next.procedimentos.has(REVOKED_PROCEDURE)).toBe(false);
        expect(next.oci(CHANGED_OCI)!.vlSaCentavos).toBe(13550);
        expect(prev.oci(CHANGED_OCI)!.vlSaCentavos).toBe(13000);
        const fresh = next.oci(NEW_OCI)!;
        expect(fresh.nome).toBe('OCI AVALIAÇÃO INICIAL EM NEUROLOGIA');
        expect(fresh.subgrupo).toEqual({ codigo: '0907', nome: 'Atenção em Neurologia' });
        expect(fresh.componentes.map(c => [c.codigo, c.tipo])).toEqual(
            [
                ['0211020036', 'compativel'],
                ['0301010072', 'obrigatoria']
            ].sort()
        );
        expect(next.ociCodigos().length).toBe(prev.ociCodigos().length);
    });
});
