/**
 * `anexo`: the portaria's annex as DOCX, looked at the way the legal team will — opened by
 * LibreOffice (headless, converted to PDF), a page rendered by pdftoppm, and the PDF's text
 * (pdftotext) checked for every OCI of the example and its values; plus the summary of changes
 * since a previous catalogue and the Portuguese typography of the model.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competenciaPorExtenso, dataPorExtenso } from '../../language/src/export/anexo.js';
import { EXAMPLE, catalogueCopy, changedCatalogue } from './competencia-exportada.js';

let dir: string;
beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-anexo-'));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function tool(name: string, pacote: string): string {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (!found)
        throw new Error(
            `${name} não está instalado: este teste precisa do pacote Debian ${pacote} (apt-get install -y ${pacote}; .ci/run o instala)`
        );
    return found;
}

describe('oci-catalogo anexo', () => {
    let docx: string;
    let pdfText: string;
    let png: string;
    beforeAll(async () => {
        const soffice = tool('soffice', 'libreoffice-writer');
        const pdftotext = tool('pdftotext', 'poppler-utils');
        const pdftoppm = tool('pdftoppm', 'poppler-utils');
        docx = path.join(dir, 'anexo.docx');
        const r = await run(
            'anexo',
            changedCatalogue(dir, 'alterado', 'R$ 1.114,95', 'R$ 1.235,50'),
            '--out',
            docx,
            '--desde',
            EXAMPLE,
            '--data',
            '2026-02-01'
        );
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain('34 OCI, 3 alteração(ões)');
        // A private profile: no first-start dialogs, no clash with a running LibreOffice.
        const profile = `file://${path.join(dir, 'lo-profile')}`;
        const conv = spawnSync(
            soffice,
            [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
            { encoding: 'utf8', timeout: 120_000 }
        );
        const pdf = path.join(dir, 'anexo.pdf');
        expect(fs.existsSync(pdf), `LibreOffice não converteu o anexo: ${conv.stderr} ${conv.stdout}`).toBe(true);
        pdfText = spawnSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        spawnSync(pdftoppm, ['-png', '-r', '70', '-f', '2', '-l', '2', pdf, path.join(dir, 'pagina')]);
        png = fs
            .readdirSync(dir)
            .filter(f => f.startsWith('pagina') && f.endsWith('.png'))
            .map(f => path.join(dir, f))[0];
    }, 180_000);

    it('opens in LibreOffice, and the text carries every OCI with its values', () => {
        const example = fs
            .readdirSync(EXAMPLE)
            .filter(f => f.endsWith('.oci'))
            .map(f => fs.readFileSync(path.join(EXAMPLE, f), 'utf8'))
            .join('\n');
        const codes = [...example.matchAll(/^oci (09\.\d\d\.\d\d\.\d{3}-\d)/gm)]
            .map(m => m[1])
            .filter(c => c !== '09.01.01.001-4');
        expect(codes).toHaveLength(33);
        const flat = pdfText.replace(/\s+/g, ' ');
        for (const code of codes) expect(flat, code).toContain(code);
        // values with the thousands separator, the instrument and financing from SIGTAP, the date written out
        expect(flat).toContain('R$ 1.235,50');
        expect(flat).toContain('R$ 200,00');
        expect(flat).toMatch(/APAC \(Proc\. Principal\)/i);
        expect(flat).toContain('Média Complexidade');
        expect(flat).toContain('1º de fevereiro de 2026');
        expect(flat).toContain('competência janeiro de 2026');
        expect(flat).toContain('Z13.6, Z84.8');
        expect(flat).toContain('02.11.02.003-6');
        expect(flat).toContain('30 dias');
        expect(flat).toContain('teleconsulta, teleconsultoria');
        // the new OCI: what SIGTAP does not have yet is said, not invented
        const nova = flat.slice(flat.lastIndexOf('09.02.01.007-7 - OCI AVALIAÇÃO CARDIOLÓGICA PEDIÁTRICA'));
        expect(nova).toMatch(/Complexidade não consta da competência SIGTAP do catálogo/);
        expect(nova).toMatch(/Sexo Feminino Idade mínima 2 anos Idade máxima 17 anos e 11 meses/);
        expect(nova).toContain('I51.9, Q24.9');
    });

    it('summarises the changes since the previous catalogue', () => {
        const flat = pdfText.replace(/\s+/g, ' ');
        expect(flat).toContain('Resumo das alterações em relação a pmae');
        // table cells wrap; each row's cells are checked in reading order
        const resumo = flat.slice(flat.indexOf('Resumo das alterações'));
        expect(resumo).toMatch(
            /Alteração 09\.02\.01\.001-8 - OCI AVALIAÇÃO DE RISCO .*valor: R\$ 130,00 → R\$ 1\.235,50/
        );
        expect(resumo).toMatch(/Exclusão 09\.01\.01\.001-4 - OCI AVALIAÇÃO .*valor anterior R\$ 125,00/);
        expect(resumo).toMatch(/Inclusão 09\.02\.01\.007-7 - OCI AVALIAÇÃO .*valor R\$ 120,00/);
        expect(resumo.indexOf('Exclusão')).toBeLessThan(resumo.indexOf('Procedimentos que compõem a OCI'));
    });

    it('renders a page (pdftoppm)', () => {
        expect(png, 'pdftoppm não gerou a página 2').toBeDefined();
        const bytes = fs.readFileSync(png);
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(bytes.length).toBeGreaterThan(10_000);
    });

    it('is a DOCX whose document part holds the tables', () => {
        const parts = unzipSync(new Uint8Array(fs.readFileSync(docx)));
        const xml = strFromU8(parts['word/document.xml']);
        expect(xml).toContain('<w:tbl>');
        expect(xml).toContain('Procedimentos que compõem a OCI');
    });
});

describe('anexo refusals and typography', () => {
    it('refuses a catalogue with errors (exit 2, nothing written)', async () => {
        const target = catalogueCopy(dir, 'com-erro', files => {
            for (const [f, text] of Object.entries(files)) files[f] = text.replace('tR 30 dias', 'tR a_preencher');
        });
        const out = path.join(dir, 'recusado.docx');
        const r = await run('anexo', target, '--out', out);
        expect(r.code).toBe(2);
        expect(r.err).toContain('Geração do anexo recusada: o catálogo tem');
        expect(fs.existsSync(out)).toBe(false);
    });

    it('writes dates and competências out as the DOU does', () => {
        expect(dataPorExtenso('2026-02-01')).toBe('1º de fevereiro de 2026');
        expect(dataPorExtenso('2024-04-08')).toBe('8 de abril de 2024');
        expect(competenciaPorExtenso('2026-03')).toBe('março de 2026');
    });
});
