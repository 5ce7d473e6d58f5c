/**
 * The four published files are written piece by piece as they are made (writeCatalogoFiles; the
 * JSON one OCI at a time) and are byte for byte the whole-text generators' output — on the
 * example and on a catalogue of 400 OCIs in interleaved subgroups (several write batches); a
 * producer that fails leaves the previous catalogue untouched.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../cli/src/catalogue.js';
import { CATALOGO_ARQUIVOS, writeCatalogoFiles } from '../../language/src/generator/catalogo-arquivos.js';
import { catalogoHtml } from '../../language/src/generator/catalogo-html.js';
import {
    serializeCatalogo,
    serializeCatalogoPieces,
    type CatalogoJson,
    type OciJson
} from '../../language/src/generator/catalogo-json.js';
import { catalogoCsv, catalogoMarkdown } from '../../language/src/generator/catalogo-published.js';
import { AtomicWriteError, writeFilesAtomic } from '../../language/src/io/atomic-write.js';
import { JoinedLines, collectText } from '../../language/src/generator/text-pieces.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-arquivos-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let example: CatalogoJson;
beforeAll(async () => {
    const built = await buildCatalogue([EXAMPLE]);
    expect(built.json, JSON.stringify(built.report.diagnostics.filter(d => d.severity === 'error'))).toBeDefined();
    example = built.json!;
});

/** The example's OCIs repeated under new codes until `n`, subgroups interleaved (0901, 0902, 0901…). */
function scaled(json: CatalogoJson, n: number): CatalogoJson {
    const ocis: OciJson[] = [];
    for (let i = 0; i < n; i++) {
        const base = json.ocis[i % json.ocis.length];
        const subgrupo =
            i % 2 === 0 ? base.subgrupo : { codigo: '0999', nome: 'Subgrupo intercalado — “aspas” & <marcas>' };
        const codigo = `${subgrupo.codigo}${String(i).padStart(6, '0')}`;
        ocis.push({ ...base, codigo, codigoFormatado: codigo, subgrupo, nome: `${base.nome} ${i} ção` });
    }
    return { ...json, ocis, resumo: { ...json.resumo, ocis: n } };
}

function expectSameBytes(json: CatalogoJson, dir: string): void {
    const written = writeCatalogoFiles(json, dir);
    expect(written.map(f => path.basename(f))).toEqual([...CATALOGO_ARQUIVOS]);
    const expected: Record<string, string> = {
        'catalogo.md': catalogoMarkdown(json),
        'catalogo.csv': catalogoCsv(json),
        'catalogo.html': catalogoHtml(json),
        'catalogo.json': serializeCatalogo(json)
    };
    for (const [name, text] of Object.entries(expected)) {
        expect(fs.readFileSync(path.join(dir, name)).equals(Buffer.from(text, 'utf8')), name).toBe(true);
    }
}

describe('writeCatalogoFiles', () => {
    it('writes the example byte for byte as the whole-text generators', () => {
        expectSameBytes(example, path.join(work, 'exemplo'));
    });

    it('writes 400 OCIs in interleaved subgroups byte for byte (several write batches)', () => {
        const big = scaled(example, 400);
        expect(serializeCatalogo(big).length).toBeGreaterThan(2 << 20);
        expectSameBytes(big, path.join(work, 'grande'));
    });

    it('streams the JSON: a few OCIs per piece, none near the whole text', () => {
        const big = scaled(example, 400);
        const pieces = [...serializeCatalogoPieces(big)];
        expect(pieces.join('')).toBe(serializeCatalogo(big));
        expect(pieces.length).toBeGreaterThan(100);
        // Counts that leave a partial run of OCIs at the end.
        for (const n of [1, 2, 3, 5, 7, 33]) {
            const few = scaled(example, n);
            expect([...serializeCatalogoPieces(few)].join(''), `${n} OCIs`).toBe(serializeCatalogo(few));
        }
        expect(Math.max(...pieces.map(p => p.length))).toBeLessThan(serializeCatalogo(big).length / 25);
    });

    it('escapes the Markdown table cells: a pipe as \\|, a line break as a space, other text as written', () => {
        const [first, second] = example.ocis;
        const ocis = [
            { ...first!, nome: 'Nome | com barra\ne quebra' },
            { ...second!, nome: 'Nome simples ção' }
        ];
        const md = catalogoMarkdown({ ...example, ocis });
        expect(md).toContain(`| ${first!.codigoFormatado} | Nome \\| com barra e quebra |`);
        expect(md).toContain(`| ${second!.codigoFormatado} | Nome simples ção |`);
    });

    it('shows a frequency exactly, in the Markdown as in the HTML: the computation used every decimal', () => {
        const oci = example.ocis.find(o => o.componentes.some(c => c.tipo === 'eventual'))!;
        const componentes = oci.componentes.map(c => (c.tipo === 'eventual' ? { ...c, frequencia: '0.3333333' } : c));
        const json = { ...example, ocis: [{ ...oci, componentes }] };
        // 33,33333% — not 33,3333%, which the Markdown printed while the HTML printed every decimal.
        expect(catalogoHtml(json)).toContain('33,33333%');
        expect(catalogoMarkdown(json)).toContain('(33,33333%)');
        expect(catalogoMarkdown(json)).toContain('| 33,33333% |');
        expect(catalogoMarkdown(json)).not.toContain('33,3333%)');
    });

    it('serializes a catalogue without OCIs, tecnologias or grupos as JSON.stringify does', () => {
        const empty: CatalogoJson = { ...example, ocis: [], tecnologias: [], grupos: [] };
        expect([...serializeCatalogoPieces(empty)].join('')).toBe(serializeCatalogo(empty));
    });

    it('writes produced pieces of any size, accents and emoji included, as the UTF-8 of their joined text', () => {
        const dir = path.join(work, 'pedacos');
        const pieces = [
            'a',
            'ção “aspas” 🩺 ',
            'ç'.repeat(400_000), // 800 KB: fills most of a write buffer
            'x'.repeat(200_000), // no longer fits beside it: the buffer is written first
            '🩺'.repeat(600_000), // 1.2 M code units: larger than the buffer, written on its own
            'fim\n'
        ];
        writeFilesAtomic(dir, 'catalogo', [['catalogo.md', emit => pieces.forEach(emit)]], CATALOGO_ARQUIVOS);
        expect(fs.readFileSync(path.join(dir, 'catalogo.md')).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
    });

    it('a producer that fails mid-way leaves the previous catalogue as it was, no temporaries', () => {
        const dir = path.join(work, 'falha');
        writeCatalogoFiles(example, dir);
        const before = Object.fromEntries(CATALOGO_ARQUIVOS.map(n => [n, fs.readFileSync(path.join(dir, n))]));
        const failing = (emit: (piece: string) => void) => {
            emit('x'.repeat(3 << 20));
            throw new Error('gerador quebrou');
        };
        expect(() =>
            writeFilesAtomic(
                dir,
                'catalogo',
                [
                    ['catalogo.md', emit => emit('novo')],
                    ['catalogo.json', failing]
                ],
                CATALOGO_ARQUIVOS
            )
        ).toThrow(AtomicWriteError);
        for (const n of CATALOGO_ARQUIVOS) expect(fs.readFileSync(path.join(dir, n)).equals(before[n]), n).toBe(true);
        expect(fs.readdirSync(dir).filter(n => n.startsWith('.'))).toEqual([]);
    });
});

describe('JoinedLines', () => {
    it("emits exactly Array.join's text, however the lines are pushed", () => {
        const cases: string[][] = [
            [],
            [''],
            ['a'],
            ['', ''],
            ['a', '', 'b\nc', '—ção', ''],
            Array.from({ length: 50 }, (_, i) => 'x'.repeat(i % 7))
        ];
        for (const separator of ['\n', '\r\n']) {
            for (const lines of cases) {
                const text = collectText(emit => {
                    const out = new JoinedLines(separator, emit);
                    // Pushed one, then two, then three at a time.
                    for (let i = 0, n = 1; i < lines.length; i += n, n = (n % 3) + 1)
                        out.push(...lines.slice(i, i + n));
                });
                expect(text).toBe(lines.join(separator));
            }
        }
    });
});
