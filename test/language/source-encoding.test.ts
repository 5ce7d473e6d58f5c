/**
 * Sources are never corrupted, whatever editor saved them (issue 12 item 4): a catalogue file in
 * Latin-1 or CP1252 (Windows machines) gets one error at its first bad byte naming the likely
 * encoding, is never published, and `format` refuses it (exit 2, bytes unchanged); a UTF-8 BOM
 * is accepted (columns count after it: CLI text/json/github/sarif and the editor's text agree)
 * and `format` keeps it; keywords typed decomposed (NFD, macOS) are the same keywords and names
 * are published composed; CRLF files check the same and `format` keeps CRLF. Fixtures are the
 * real example, re-saved the way those editors save it.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { decodeSource, firstInvalidUtf8 } from '../../language/src/workspace/source-encoding.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface JsonReport {
    diagnostics: Array<{ file: string; line: number; column: number; severity: string; code: string; message: string }>;
}

let tmp: string;
let n = 0;
beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-encoding-'));
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the example with `edit` applied to the bytes of its files (name → bytes → new bytes). */
function example(edit: (name: string, text: string) => Buffer | string): string {
    const dir = path.join(tmp, `c${n++}`);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    for (const name of fs.readdirSync(dir).filter(f => f.endsWith('.oci'))) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, edit(name, fs.readFileSync(file, 'utf8')));
    }
    return dir;
}

/**
 * The text as an editor on a Windows machine saves it in Latin-1 (characters Latin-1 lacks typed as their ASCII
 * look-alikes).
 */
function latin1(text: string): Buffer {
    return Buffer.from(
        text
            .replace(/[—–]/g, '-')
            .replace(/[“”]/g, '"')
            .replace(/×/g, 'x')
            .replace(/[^\x00-\xff]/g, '?'),
        'latin1'
    );
}

function positionOf(text: string, index: number): { line: number; column: number } {
    const before = text.slice(0, index);
    return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

describe('a file that is not UTF-8', () => {
    it('gets one error at its first bad byte naming Latin-1, and the catalogue is not built', async () => {
        let expected = { line: 0, column: 0 };
        const dir = example((name, text) => {
            if (name !== 'oncologia.oci') return text;
            const saved = latin1(text).toString('latin1');
            expected = positionOf(saved, saved.search(/[^\x00-\x7f]/));
            return latin1(text);
        });
        const check = await run('check', dir, '--format', 'json');
        const mine = (JSON.parse(check.out) as JsonReport).diagnostics.filter(d => d.file.endsWith('oncologia.oci'));
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ code: 'arquivo/codificacao', severity: 'error', ...expected });
        expect(mine[0].message).toContain(`linha ${expected.line}, coluna ${expected.column}`);
        expect(mine[0].message).toContain('ISO-8859-1 (Latin-1)');
        expect(check.code).toBe(1);

        const out = path.join(tmp, 'nao-publicado');
        const build = await run('build', dir, '--out', out);
        expect(build.code).toBe(1);
        expect(build.err).toContain('arquivo/codificacao');
        expect(fs.existsSync(out)).toBe(false);
    });

    it('names Windows-1252 when the file has its quotes and dashes, and format refuses it with exit 2, bytes unchanged', async () => {
        const dir = example((name, text) =>
            name === 'cardiologia.oci'
                ? Buffer.concat([
                      Buffer.from('// Revisado na reunião \x93técnica\x94 \x96 março\n', 'latin1'),
                      Buffer.from(text.replace(/[^\x00-\x7f]/g, '?'), 'latin1')
                  ])
                : text
        );
        const file = path.join(dir, 'cardiologia.oci');
        const before = fs.readFileSync(file);
        const check = await run('check', file, '--format', 'json');
        const mine = (JSON.parse(check.out) as JsonReport).diagnostics.filter(d => d.file.endsWith('cardiologia.oci'));
        expect(mine.map(d => [d.code, d.line, d.column])).toEqual([['arquivo/codificacao', 1, 21]]);
        expect(mine[0].message).toContain('Windows-1252 (CP1252)');
        expect(mine[0].message).toContain('0xE3');

        for (const args of [[file], [file, '--check'], [dir]]) {
            const format = await run('format', ...args);
            expect(format.code).toBe(2);
            expect(format.err).toContain('cardiologia.oci:1:21');
            expect(fs.readFileSync(file).equals(before)).toBe(true);
        }
    });

    it('locates the first bad byte exactly, after valid multi-byte characters, and rejects overlong and truncated forms', () => {
        const bytes = Buffer.concat([Buffer.from('ção\n“x” ', 'utf8'), Buffer.from([0xe9]), Buffer.from('z')]);
        expect(decodeSource(bytes).problem).toMatchObject({
            line: 2,
            column: 5,
            byte: 0xe9,
            encoding: 'ISO-8859-1 (Latin-1)',
            asEncoding: 'é'
        });
        expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
        expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x82]))).toBe(1);
        expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
        expect(firstInvalidUtf8(Buffer.from('ok ✓ 𝄞', 'utf8'))).toBe(Buffer.byteLength('ok ✓ 𝄞'));
    });
});

describe('a PAR or SE file that is not UTF-8', () => {
    it('gets the same one error through `plano`, which ends with errors', async () => {
        const dir = path.join(tmp, `par${n++}`);
        fs.mkdirSync(dir);
        const text = fs.readFileSync(path.join(REPO_ROOT, 'examples/par/regiao-sao-luis.par'), 'utf8');
        const saved = latin1(text);
        fs.writeFileSync(path.join(dir, 'regiao.par'), saved);
        const expected = positionOf(saved.toString('latin1'), saved.toString('latin1').search(/[^\x00-\x7f]/));
        const r = await run('plano', path.join(dir, 'regiao.par'), '--catalogo', EXAMPLE);
        expect(r.out).toContain(`regiao.par:${expected.line}:${expected.column}: erro [arquivo/codificacao]`);
        expect(r.out).toContain('ISO-8859-1 (Latin-1)');
        expect(r.code).toBe(1);
    });
});

describe('a UTF-8 byte order mark', () => {
    it('is accepted: the same diagnostics at the same columns in every CLI format and in the editor text', async () => {
        const broken = (text: string) => text.replace('tR 21 dias', 'tR 0 dias');
        const plain = example((name, text) => (name === 'oncologia.oci' ? broken(text) : text));
        const withBom = example((name, text) => {
            const t = name === 'oncologia.oci' ? broken(text) : text;
            return name === 'oncologia.oci' || name === 'catalogo.oci' ? Buffer.concat([BOM, Buffer.from(t)]) : t;
        });
        const summarize = (r: { out: string }) =>
            (JSON.parse(r.out) as JsonReport).diagnostics.map(d => [path.basename(d.file), d.line, d.column, d.code]);
        const a = await run('check', plain, '--format', 'json');
        const b = await run('check', withBom, '--format', 'json');
        expect(b.code).toBe(a.code);
        expect(summarize(b)).toEqual(summarize(a));
        expect(summarize(b).some(d => d[0] === 'oncologia.oci')).toBe(true);
        // The first line's columns too: the header's error lands where it would without the BOM.
        const headerFirst = (text: string) =>
            text.slice(text.search(/^catalogo /m)).replace(/competencia 2026-01/, 'competencia 2026-13');
        const firstLine = await run(
            'check',
            example((name, text) =>
                name === 'catalogo.oci' ? Buffer.concat([BOM, Buffer.from(headerFirst(text))]) : text
            ),
            '--format',
            'json'
        );
        const header = (JSON.parse(firstLine.out) as JsonReport).diagnostics.find(
            d => d.code === 'catalogo/competencia-invalida'
        )!;
        const headerText = headerFirst(fs.readFileSync(path.join(EXAMPLE, 'catalogo.oci'), 'utf8'));
        expect(header.line).toBe(1);
        expect(header).toMatchObject(positionOf(headerText, headerText.indexOf('2026-13')));

        const github = await run('check', withBom, '--format', 'github');
        const sarif = JSON.parse((await run('check', withBom, '--format', 'sarif')).out) as {
            runs: Array<{
                results: Array<{
                    ruleId: string;
                    locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }>;
                }>;
            }>;
        };
        for (const [file, line, column, code] of summarize(a).filter(d => d[0] === 'oncologia.oci')) {
            expect(github.out).toContain(`oncologia.oci,line=${line},col=${column},title=${code}`);
            expect(
                sarif.runs[0].results.some(
                    r =>
                        r.ruleId === code &&
                        r.locations[0].physicalLocation.region.startLine === line &&
                        r.locations[0].physicalLocation.region.startColumn === column
                ),
                `${file} ${code}`
            ).toBe(true);
        }

        // The editor gets the text without the BOM (VS Code removes it): same positions.
        const { shared } = createOciCoreServices(EmptyFileSystem);
        const docs = ['catalogo.oci', 'oncologia.oci'].map(name => {
            const text = decodeSource(fs.readFileSync(path.join(withBom, name))).text;
            const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(path.join(withBom, name)));
            shared.workspace.LangiumDocuments.addDocument(doc);
            return doc;
        });
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        const editor = (docs[1].diagnostics ?? []).map(d => [
            d.range.start.line + 1,
            d.range.start.character + 1,
            String(d.code)
        ]);
        for (const [, line, column, code] of summarize(b).filter(d => d[0] === 'oncologia.oci'))
            expect(editor).toContainEqual([line, column, code]);
    });

    it('is kept by format, which lays out the rest as it would without it', async () => {
        const messy = (text: string) => text.replace('tR 21 dias', 'tR    21   dias');
        const plain = example((name, text) => (name === 'oncologia.oci' ? messy(text) : text));
        const withBom = example((name, text) =>
            name === 'oncologia.oci' ? Buffer.concat([BOM, Buffer.from(messy(text))]) : text
        );
        expect((await run('format', path.join(plain, 'oncologia.oci'))).code).toBe(0);
        expect((await run('format', path.join(withBom, 'oncologia.oci'))).code).toBe(0);
        const formatted = fs.readFileSync(path.join(withBom, 'oncologia.oci'));
        expect(formatted.subarray(0, 3).equals(BOM)).toBe(true);
        expect(formatted.subarray(3).equals(fs.readFileSync(path.join(plain, 'oncologia.oci')))).toBe(true);
        expect((await run('format', path.join(withBom, 'oncologia.oci'), '--check')).code).toBe(0);
    });
});

describe('decomposed accents (NFD) and CRLF', () => {
    const accented = (text: string) =>
        text
            .replace(/^catalogo /m, 'catálogo ')
            .replace(/ versao /, ' versão ')
            .replace(/ competencia /, ' competência ')
            .replace(/^( {2})obrigatorio /gm, '$1obrigatório ')
            .replace(/^( {2})publico /gm, '$1público ')
            .replace(/ frequencia /g, ' frequência ')
            .replace(/^( {2})conclusao /gm, '$1conclusão ');

    it('reads keywords typed decomposed as the composed keywords and publishes names composed', async () => {
        const nfc = example((_, text) => accented(text));
        const nfd = example((_, text) => accented(text).normalize('NFD'));
        expect(fs.readFileSync(path.join(nfd, 'oncologia.oci'), 'utf8')).toContain('obrigato\u0301rio');
        const a = await run('check', nfc, '--format', 'json');
        const b = await run('check', nfd, '--format', 'json');
        expect(b.code).toBe(a.code);
        const lines = (r: { out: string }) =>
            (JSON.parse(r.out) as JsonReport).diagnostics.map(d => [path.basename(d.file), d.line, d.code]);
        expect(lines(b)).toEqual(lines(a));
        const outA = path.join(tmp, 'pub-nfc');
        const outB = path.join(tmp, 'pub-nfd');
        expect((await run('build', nfc, '--out', outA)).code).toBe(0);
        expect((await run('build', nfd, '--out', outB)).code).toBe(0);
        const strip = (dir: string) => {
            const json = JSON.parse(fs.readFileSync(path.join(dir, 'catalogo.json'), 'utf8')) as {
                ocis: Array<{ nome: string; componentes: Array<{ tipo: string }> }>;
            };
            return json.ocis.map(o => [o.nome, o.componentes.map(c => c.tipo)]);
        };
        expect(strip(outB)).toEqual(strip(outA));
        expect(strip(outB).some(([nome]) => (nome as string).includes('Ç'))).toBe(true);
    });

    it('formats a decomposed file the way it formats the composed one', async () => {
        const messy = (text: string) => accented(text).replace(/\n {2}obrigatório/g, '\n      obrigatório');
        const nfc = example((name, text) => (name === 'oncologia.oci' ? messy(text) : text));
        const nfd = example((name, text) => (name === 'oncologia.oci' ? messy(text).normalize('NFD') : text));
        expect((await run('format', path.join(nfc, 'oncologia.oci'))).code).toBe(0);
        expect((await run('format', path.join(nfd, 'oncologia.oci'))).code).toBe(0);
        expect(fs.readFileSync(path.join(nfd, 'oncologia.oci'), 'utf8')).toBe(
            fs.readFileSync(path.join(nfc, 'oncologia.oci'), 'utf8').normalize('NFD')
        );
    });

    it('checks a CRLF file as the LF one and format keeps CRLF', async () => {
        const messy = (text: string) => text.replace('tR 21 dias', 'tR   21 dias');
        const lf = example((name, text) => (name === 'oncologia.oci' ? messy(text) : text));
        const crlf = example((name, text) => (name === 'oncologia.oci' ? messy(text).replace(/\n/g, '\r\n') : text));
        const a = await run('check', lf, '--format', 'json');
        const b = await run('check', crlf, '--format', 'json');
        // The report names files relative to the current folder (wherever the clone is) or absolute.
        const renamed = a.out
            .split(lf)
            .join(crlf)
            .split(path.relative(process.cwd(), lf))
            .join(path.relative(process.cwd(), crlf));
        expect(b.out).toBe(renamed);
        expect((await run('format', path.join(lf, 'oncologia.oci'))).code).toBe(0);
        expect((await run('format', path.join(crlf, 'oncologia.oci'))).code).toBe(0);
        const formatted = fs.readFileSync(path.join(crlf, 'oncologia.oci'), 'utf8');
        expect(formatted).toBe(fs.readFileSync(path.join(lf, 'oncologia.oci'), 'utf8').replace(/\n/g, '\r\n'));
        expect(formatted).not.toMatch(/(^|[^\r])\n/);
    });
});
