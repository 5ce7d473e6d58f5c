/**
 * Bad SIGTAP input gets one clear error: a catalogue whose header names a missing file, a
 * non-zip, a truncated zip, a zip without a table or a layout, a layout that disagrees with the
 * data (also in a table read only for the OCI view), the tables re-encoded as UTF-8, a duplicated
 * procedure code, or a table of another competência gets exactly ONE diagnostic — on the `sigtap`
 * line of the header, `catalogo/sigtap-invalido` (the reader's code in `data.sigtapCode`) or
 * `catalogo/competencia-divergente` — through the workspace and through the CLI (exit 2, no
 * stack trace, nothing written by `build`). The broken zips are made here from the committed
 * subset with fflate.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../cli-harness.js';
import type { Documento } from '../../language/src/generated/ast.js';
import { sigtapCache } from '../../language/src/sigtap/cache.js';
import { MAMA, REPO_ROOT, createTestServices, type TestServices } from '../helpers.js';

const SUBSET = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
const original: Unzipped = unzipSync(new Uint8Array(fs.readFileSync(SUBSET)));

/** The subset with `edit` applied to its entries. */
function edited(edit: (files: Unzipped) => void): Uint8Array {
    const files: Unzipped = { ...original };
    edit(files);
    return zipSync(files, { level: 1 });
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Every table re-encoded from ISO-8859-1 to UTF-8, as a careless "fix the accents" step would. */
function reencodedUtf8(files: Unzipped): void {
    for (const [name, bytes] of Object.entries(files)) {
        if (name.endsWith('.txt')) files[name] = new Uint8Array(Buffer.from(latin1(bytes), 'utf8'));
    }
}

/**
 * The subset zipped at `level` with `flip` applied to the bytes of tb_procedimento.txt's data at `fraction` of its
 * length.
 */
function corrupted(level: 0 | 1, fraction: number, flip: (byte: number) => number): Uint8Array {
    const zip = zipSync(original, { level });
    const b = Buffer.from(zip);
    const name = Buffer.from('tb_procedimento.txt');
    const localHeader = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    for (let i = b.indexOf(localHeader); i >= 0; i = b.indexOf(localHeader, i + 4)) {
        const nameLength = b.readUInt16LE(i + 26);
        if (!b.subarray(i + 30, i + 30 + nameLength).equals(name)) continue;
        const start = i + 30 + nameLength + b.readUInt16LE(i + 28);
        const at = start + Math.floor(b.readUInt32LE(i + 18) * fraction);
        for (let k = 0; k < (level === 0 ? 1 : 4); k++) zip[at + k] = flip(zip[at + k]);
        return zip;
    }
    throw new Error('tb_procedimento.txt not in the zip');
}

interface BadInput {
    name: string;
    /** Bytes of the zip, or a path (relative to the catalogue folder) written in the header as is. */
    zip?: Uint8Array;
    written?: string;
    code: 'catalogo/sigtap-invalido' | 'catalogo/competencia-divergente';
    /** The reader's code, for catalogo/sigtap-invalido. */
    sigtapCode?: string;
    /** Words the message must contain to be actionable. */
    says: RegExp;
}

const BAD_INPUTS: BadInput[] = [
    {
        name: 'missing file',
        written: 'sigtap/nao-existe.zip',
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/arquivo-inexistente',
        says: /nao-existe\.zip não existe/
    },
    {
        name: 'a folder',
        written: 'sigtap',
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/arquivo-inexistente',
        says: /não é um arquivo zip/
    },
    {
        name: 'not a zip',
        zip: strToU8('catalogo "isto não é um zip"\n'.repeat(50)),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/zip-invalido',
        says: /não é um zip válido/
    },
    {
        name: 'an empty file',
        zip: new Uint8Array(0),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/zip-invalido',
        says: /não é um zip válido/
    },
    {
        name: 'a truncated zip (first 60%)',
        zip: new Uint8Array(fs.readFileSync(SUBSET)).subarray(0, Math.floor(fs.statSync(SUBSET).size * 0.6)),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/zip-invalido',
        says: /truncado, corrompido/
    },
    {
        name: 'corrupted compressed data in tb_procedimento (inflates to other rows)',
        zip: corrupted(1, 0.8, c => c ^ 0x55),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/zip-invalido',
        says: /CRC-32 de tb_procedimento\.txt não confere/
    },
    {
        name: 'one digit changed in a stored (uncompressed) tb_procedimento',
        zip: corrupted(0, 0.5, c => (c === 0x31 ? 0x32 : 0x31)),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/zip-invalido',
        says: /CRC-32 de tb_procedimento\.txt não confere/
    },
    {
        name: 'an empty zip',
        zip: zipSync({}),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/tabela-ausente',
        says: /tb_procedimento\.txt não está/
    },
    {
        name: 'without tb_procedimento',
        zip: edited(f => delete f['tb_procedimento.txt']),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/tabela-ausente',
        says: /tb_procedimento\.txt/
    },
    {
        name: 'without a lazy table (tb_descricao)',
        zip: edited(f => delete f['tb_descricao.txt']),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/tabela-ausente',
        says: /tb_descricao\.txt/
    },
    {
        name: 'without a layout',
        zip: edited(f => delete f['tb_cid_layout.txt']),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout-ausente',
        says: /tb_cid_layout\.txt/
    },
    {
        name: 'a layout lacking a needed column',
        zip: edited(f => {
            f['tb_procedimento_layout.txt'] = strToU8(
                latin1(f['tb_procedimento_layout.txt']).replace(/^VL_SA,.*\r?\n/m, '')
            );
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout',
        says: /VL_SA/
    },
    {
        name: 'a layout that disagrees with the data (widths)',
        zip: edited(f => {
            f['tb_grupo_layout.txt'] = strToU8(
                latin1(f['tb_grupo_layout.txt'])
                    .replace('NO_GRUPO,100,3,102', 'NO_GRUPO,90,3,92')
                    .replace('DT_COMPETENCIA,6,103,108', 'DT_COMPETENCIA,6,93,98')
            );
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout',
        says: /tb_grupo\.txt tem 108 caracteres/
    },
    {
        name: 'a malformed layout file',
        zip: edited(f => {
            f['tb_cid_layout.txt'] = strToU8('Coluna,Tamanho,Inicio,Fim,Tipo\r\nCO_CID,quatro,1,4,VARCHAR2\r\n');
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout',
        says: /tb_cid_layout\.txt inválida/
    },
    {
        name: 'a number column with letters',
        zip: edited(f => {
            const t = latin1(f['tb_procedimento.txt']);
            f['tb_procedimento.txt'] = new Uint8Array(Buffer.from(t.slice(0, 291) + 'X' + t.slice(292), 'latin1'));
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout',
        says: /deveria ser numérica/
    },
    {
        name: 'a lazy table (tb_descricao) that disagrees with its layout',
        zip: edited(f => {
            f['tb_descricao.txt'] = strToU8('0901010014 descrição curta demais\r\n');
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/layout',
        says: /tb_descricao\.txt/
    },
    {
        name: 'the tables re-encoded as UTF-8',
        zip: edited(reencodedUtf8),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/codificacao',
        says: /UTF-8.*ISO-8859-1/
    },
    {
        name: 'tb_procedimento alone re-encoded as UTF-8 with a byte order mark',
        zip: edited(f => {
            f['tb_procedimento.txt'] = new Uint8Array(
                Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(latin1(f['tb_procedimento.txt']), 'utf8')])
            );
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/codificacao',
        says: /tb_procedimento\.txt está em UTF-8/
    },
    {
        name: 'a duplicated procedure code',
        zip: edited(f => {
            const d = f['tb_procedimento.txt'];
            const first = d.subarray(0, d.indexOf(10) + 1);
            f['tb_procedimento.txt'] = new Uint8Array([...d, ...first]);
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/codigo-duplicado',
        says: /aparece duas vezes em tb_procedimento\.txt/
    },
    {
        name: 'no competência in the rows nor in the file name',
        written: 'sigtap/tabela.zip',
        zip: edited(f => {
            f['tb_procedimento.txt'] = new Uint8Array(
                Buffer.from(latin1(f['tb_procedimento.txt']).replace(/202601(\r?\n)/g, '      $1'), 'latin1')
            );
        }),
        code: 'catalogo/sigtap-invalido',
        sigtapCode: 'sigtap/competencia-indefinida',
        says: /competência/
    },
    {
        name: 'a table of another competência (2025-12)',
        zip: edited(f => {
            f['tb_procedimento.txt'] = new Uint8Array(
                Buffer.from(latin1(f['tb_procedimento.txt']).replace(/202601(\r?\n)/g, '202512$1'), 'latin1')
            );
        }),
        code: 'catalogo/competencia-divergente',
        says: /2026-01.*2025-12/
    }
];

/** MAMA split in two files, the header (sigtap on its own line) in catalogo.oci. */
function catalogue(written: string): Record<string, string> {
    const split = MAMA.indexOf('oci 09');
    return {
        'catalogo.oci': `catalogo "Teste" versao "t" competencia 2026-01\n  sigtap "${written}"\n${MAMA.slice(0, split)}`,
        // tM within the shortest APAC window (28 days): the table's only diagnostic is the one under test.
        'oncologia/mama.oci': MAMA.slice(split).replace(/tM \d+ dias/, 'tM 28 dias')
    };
}
const SIGTAP_LINE = 1; // 0-based line of `sigtap "…"` in catalogo.oci

let dir: string;
let services: TestServices;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-sigtap-ruim-'));
    services = createTestServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
    fs.rmSync(dir, { recursive: true, force: true });
});

const writtenPath = (bad: BadInput, index: number) => bad.written ?? `sigtap/TabelaUnificada_202601_${index}.zip`;

/** Writes the catalogue and its zip under `dir/caso-N`; returns the folder. */
function setUp(bad: BadInput, index: number): string {
    const folder = path.join(dir, `caso-${index}`);
    const written = writtenPath(bad, index);
    fs.mkdirSync(path.join(folder, 'sigtap'), { recursive: true });
    fs.mkdirSync(path.join(folder, 'oncologia'), { recursive: true });
    if (bad.zip) fs.writeFileSync(path.join(folder, written), bad.zip);
    for (const [name, text] of Object.entries(catalogue(written))) fs.writeFileSync(path.join(folder, name), text);
    return folder;
}

describe('a bad SIGTAP zip gives one actionable diagnostic on the sigtap line', () => {
    it.each(BAD_INPUTS.map((b, i) => [b.name, b, i] as const))('%s (workspace)', async (_name, bad, index) => {
        const folder = setUp(bad, index);
        await clearDocuments(services.shared);
        const docs = Object.entries(catalogue(writtenPath(bad, index))).map(([name, text]) => {
            const doc = services.shared.workspace.LangiumDocumentFactory.fromString<Documento>(
                text,
                URI.file(path.join(folder, name))
            );
            services.shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const all = docs.flatMap(d => (d.diagnostics ?? []).map(x => ({ file: path.basename(d.uri.fsPath), ...x })));
        expect(all.map(d => `${d.file}:${d.range.start.line} ${d.code} ${d.message}`)).toHaveLength(1);
        const [d] = all;
        expect(d.file).toBe('catalogo.oci');
        expect(d.range.start.line).toBe(SIGTAP_LINE);
        expect(d.severity).toBe(1);
        expect(d.code).toBe(bad.code);
        if (bad.sigtapCode) expect((d.data as { sigtapCode?: string }).sigtapCode).toBe(bad.sigtapCode);
        expect(d.message).toMatch(bad.says);
        expect(d.message).not.toMatch(/^\s+at /m);
        expect(d.message).not.toMatch(/An error occurred|undefined|\[object/);
    });

    it.each(BAD_INPUTS.map((b, i) => [b.name, b, i] as const))(
        '%s (CLI check and build: exit 2, nothing written)',
        async (_name, bad, index) => {
            const folder = setUp(bad, index);
            sigtapCache.clear();
            const check = await run('check', folder, '--format', 'json');
            expect(check.code, check.err).toBe(2);
            const report = JSON.parse(check.out) as {
                diagnostics: Array<{ file: string; line: number; code: string; severity: string }>;
            };
            expect(report.diagnostics).toHaveLength(1);
            expect(report.diagnostics[0]).toMatchObject({ line: SIGTAP_LINE + 1, code: bad.code, severity: 'error' });
            expect(report.diagnostics[0].file).toMatch(/catalogo\.oci$/);

            const out = path.join(folder, 'saida');
            const build = await run('build', folder, '--out', out);
            expect(build.code).toBe(2);
            expect(build.err).toContain(bad.code);
            expect(build.err).toContain('Catálogo NÃO gerado');
            for (const text of [check.out, check.err, build.out, build.err]) {
                expect(text).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
                expect(text).not.toContain('erro inesperado');
            }
            expect(fs.existsSync(out)).toBe(false);
        }
    );
});
