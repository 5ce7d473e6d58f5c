/**
 * Builds "future" SIGTAP competências the way DATASUS would: the 2026-01 subset zip, edited
 * through its tables' layouts (fixed width, ISO-8859-1, CRLF), with an `export-sigtap` output
 * loaded into it — a full export replacing the group 09 rows of its tables, or a delta applied
 * as base − exclusões + inclusões — and every row's DT_COMPETENCIA set to the new competência.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { parseLayout, type SigtapLayout } from '../../language/src/sigtap/layout.js';
import { REPO_ROOT } from '../helpers.js';

export const SUBSET_ZIP = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
export const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const rowsOf = (bytes: Uint8Array) =>
    latin1(bytes)
        .split('\r\n')
        .filter(r => r.length > 0);

function withCompetencia(layout: SigtapLayout, row: string, competencia: string): string {
    if (!layout.has('DT_COMPETENCIA')) return row;
    const c = layout.column('DT_COMPETENCIA');
    const padded = row.padEnd(layout.width, ' ');
    return padded.slice(0, c.start - 1) + competencia + padded.slice(c.end);
}

/**
 * The subset with `exportDir` loaded: `modo` 'delta' applies X_exclusao.txt / X.txt; 'completa'
 * drops the group 09 rows of each exported table and adds the export's.
 */
export function competenciaCom(exportDir: string, modo: 'delta' | 'completa', competencia: string): Uint8Array {
    const files = unzipSync(new Uint8Array(fs.readFileSync(SUBSET_ZIP))) as Record<string, Uint8Array>;
    const exported = fs
        .readdirSync(exportDir)
        .filter(n => n.endsWith('.txt') && !n.endsWith('_layout.txt') && !n.includes('_exclusao'));
    for (const name of Object.keys(files).filter(
        n => n.endsWith('.txt') && !n.endsWith('_layout.txt') && files[n.replace(/\.txt$/, '_layout.txt')]
    )) {
        const table = name.replace(/\.txt$/, '');
        const layout = parseLayout(latin1(files[`${table}_layout.txt`]), table);
        let rows = rowsOf(files[name]);
        if (exported.includes(name)) {
            const inclusoes = rowsOf(fs.readFileSync(path.join(exportDir, name)));
            if (modo === 'delta') {
                const exclusoes = new Set(rowsOf(fs.readFileSync(path.join(exportDir, `${table}_exclusao.txt`))));
                const antes = rows.length;
                rows = rows.filter(r => !exclusoes.has(r.padEnd(layout.width, ' ')));
                if (antes - rows.length !== exclusoes.size)
                    throw new Error(
                        `${table}: ${exclusoes.size} exclusões, ${antes - rows.length} linhas da base correspondem`
                    );
            } else {
                rows = rows.filter(r => !r.startsWith('09'));
            }
            rows.push(...inclusoes);
        }
        files[name] = new Uint8Array(
            Buffer.from(rows.map(r => withCompetencia(layout, r, competencia) + '\r\n').join(''), 'latin1')
        );
    }
    const zippable: Zippable = {};
    const mtime = new Date(Date.UTC(2026, 1, 1));
    for (const name of Object.keys(files).sort()) zippable[name] = [files[name], { mtime }];
    return zipSync(zippable);
}
