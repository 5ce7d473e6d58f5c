import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { SigtapError } from '../../language/src/sigtap/errors.js';
import { loadSigtapFile, loadSigtapZip } from '../../language/src/sigtap/reader.js';
import { thrownBy } from '../helpers.js';
import { realZipBytes } from './fixtures.js';

/** The SigtapError `action` throws (failing the test if it throws anything else). */
function sigtapErrorOf(action: () => unknown): SigtapError {
    const e = thrownBy(action, SigtapError);
    // Portuguese, readable, not a raw stack.
    expect(e.message).not.toMatch(/^\s*at /m);
    expect(e.message).toMatch(/\b(não|tabela|arquivo|procedimento|linha|coluna|competência)\b/i);
    return e;
}

let entries: Unzipped | undefined;
/** The real zip, rebuilt after `edit` changes its entries. */
function editedZip(edit: (files: Unzipped) => void): Uint8Array {
    entries ??= unzipSync(realZipBytes(), { filter: f => !f.name.endsWith('.xls') });
    const files: Unzipped = { ...entries };
    edit(files);
    return zipSync(files, { level: 1 });
}

describe('SIGTAP reader errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigtap-errors-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('missing file → sigtap/arquivo-inexistente', () => {
        const e = sigtapErrorOf(() => loadSigtapFile(join(dir, 'nao-existe.zip')));
        expect(e.code).toBe('sigtap/arquivo-inexistente');
        expect(e.message).toContain('não existe');
        expect(sigtapErrorOf(() => loadSigtapFile(dir)).code).toBe('sigtap/arquivo-inexistente');
    });

    it('bytes that are not a zip → sigtap/zip-invalido', () => {
        const path = join(dir, 'texto.zip');
        writeFileSync(path, 'isto não é um zip\n'.repeat(100));
        const e = sigtapErrorOf(() => loadSigtapFile(path));
        expect(e.code).toBe('sigtap/zip-invalido');
        expect(e.message).toContain('não é um zip válido');
        expect(sigtapErrorOf(() => loadSigtapZip(new Uint8Array(0), 'vazio.zip')).code).toBe('sigtap/zip-invalido');
    });

    it('truncated zip (first half of the real one) → sigtap/zip-invalido', () => {
        const bytes = realZipBytes();
        const e = sigtapErrorOf(() => loadSigtapZip(bytes.subarray(0, Math.floor(bytes.length / 2)), 'metade.zip'));
        expect(e.code).toBe('sigtap/zip-invalido');
        expect(e.arquivo).toBe('metade.zip');
    });

    it('zip without tb_procedimento → sigtap/tabela-ausente naming it', () => {
        const zip = editedZip(files => delete files['tb_procedimento.txt']);
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'sem-procedimento.zip'));
        expect(e.code).toBe('sigtap/tabela-ausente');
        expect(e.message).toContain('tb_procedimento.txt');
        expect(e.message).toContain('sem-procedimento.zip');
    });

    it('zip without a lazy table is refused at load time too', () => {
        const zip = editedZip(files => delete files['tb_descricao.txt']);
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'sem-descricao.zip'));
        expect(e.code).toBe('sigtap/tabela-ausente');
        expect(e.message).toContain('tb_descricao.txt');
    });

    it('table without its layout → sigtap/layout-ausente', () => {
        const zip = editedZip(files => delete files['tb_cid_layout.txt']);
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'x.zip'));
        expect(e.code).toBe('sigtap/layout-ausente');
        expect(e.message).toContain('tb_cid_layout.txt');
    });

    it('layout missing a needed column → sigtap/layout', () => {
        const zip = editedZip(files => {
            const text = Buffer.from(files['tb_procedimento_layout.txt']).toString('latin1');
            files['tb_procedimento_layout.txt'] = strToU8(text.replace(/^VL_SA,.*\r?\n/m, ''));
        });
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'x.zip'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.message).toContain('VL_SA');
        expect(e.message).toContain('tb_procedimento_layout.txt');
    });

    it('rows that do not fit the layout → sigtap/layout', () => {
        const zip = editedZip(files => {
            const text = Buffer.from(files['tb_grupo_layout.txt']).toString('latin1');
            files['tb_grupo_layout.txt'] = strToU8(
                text
                    .replace('NO_GRUPO,100,3,102', 'NO_GRUPO,90,3,92')
                    .replace('DT_COMPETENCIA,6,103,108', 'DT_COMPETENCIA,6,93,98')
            );
        });
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'x.zip'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.message).toMatch(/Linha 1 de tb_grupo\.txt tem 108 caracteres/);
    });

    it('procedure code twice → sigtap/codigo-duplicado', () => {
        const zip = editedZip(files => {
            const data = files['tb_procedimento.txt'];
            const firstLine = data.subarray(0, data.indexOf(10) + 1);
            const doubled = new Uint8Array(data.length + firstLine.length);
            doubled.set(data);
            doubled.set(firstLine, data.length);
            files['tb_procedimento.txt'] = doubled;
        });
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'x.zip'));
        expect(e.code).toBe('sigtap/codigo-duplicado');
        expect(e.message).toContain('0101010010');
    });

    it('no DT_COMPETENCIA and no AAAAMM in the name → sigtap/competencia-indefinida', () => {
        const zip = editedZip(files => {
            const text = Buffer.from(files['tb_procedimento.txt']).toString('latin1');
            files['tb_procedimento.txt'] = Buffer.from(text.replace(/202601\r\n/g, '      \r\n'), 'latin1');
        });
        const e = sigtapErrorOf(() => loadSigtapZip(zip, 'sem-data.zip'));
        expect(e.code).toBe('sigtap/competencia-indefinida');
        // The file name is the fallback.
        expect(loadSigtapZip(zip, 'TabelaUnificada_202512_v1.zip').competencia).toBe('202512');
    });
});

describe('SIGTAP lazy tables', () => {
    it('a lazy table whose rows do not fit its layout is reported by oci() as SigtapError', () => {
        const zip = editedZip(files => {
            files['tb_descricao.txt'] = strToU8('0901010014 descrição curta demais\r\n');
        });
        const table = loadSigtapZip(zip, 'x.zip');
        expect(table.procedimentos.get('0901010014')).toBeDefined();
        const e = sigtapErrorOf(() => table.oci('0901010014'));
        expect(e.code).toBe('sigtap/layout');
        expect(e.message).toContain('tb_descricao.txt');
        expect(e.arquivo).toBe('x.zip');
        // The failure is remembered, not retried.
        expect(sigtapErrorOf(() => table.oci('0902010018'))).toBe(e);
    });
});
