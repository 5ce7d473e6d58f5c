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

/** A copy of the example catalogue (and its SIGTAP subset) in `dir/name`, whose files `edit` may change. */
export function catalogueCopy(
    dir: string,
    name: string,
    edit: (files: Record<string, string>) => void = () => {}
): string {
    const target = path.join(dir, name);
    fs.mkdirSync(path.join(target, 'sigtap'), { recursive: true });
    fs.copyFileSync(SUBSET_ZIP, path.join(target, 'sigtap', path.basename(SUBSET_ZIP)));
    const files: Record<string, string> = {};
    for (const f of fs.readdirSync(EXAMPLE).filter(f => f.endsWith('.oci')))
        files[f] = fs.readFileSync(path.join(EXAMPLE, f), 'utf8');
    edit(files);
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(target, f), text);
    return target;
}

/** An OCI the SIGTAP table does not have yet (what the annex of a creating portaria lists). */
export const NOVA_OCI = `
oci 09.02.01.007-7 "OCI AVALIAÇÃO CARDIOLÓGICA PEDIÁTRICA" {
  fundamento "Portaria SAES/MS (minuta)"
  publico sexo feminino idade 2 anos a 17 anos e 11 meses
  cid I51.9, Q24.9
  tR 30 dias
  tM 60 dias
  obrigatorio 02.11.02.003-6 "ELETROCARDIOGRAMA" qt 1 estimativa R$ 10,00
  obrigatorio um_de consulta qt 2 estimativa R$ 20,00
  eventual 02.05.01.003-2 "ECOCARDIOGRAFIA TRANSTORACICA" qt 1 frequencia 50% estimativa R$ 140,00
  conclusao consulta
  contrarreferencia aps
  valor R$ 120,00
}
`;

/**
 * The example in `dir/name` with OCI 09.02.01.001-8's technologies and value changed to `tecnologias`
 * and `valor` (e.g. `R$ 14,95`, `R$ 135,50`), NOVA_OCI added and mama (09.01.01.001-4) removed.
 */
export function changedCatalogue(dir: string, name: string, tecnologias: string, valor: string): string {
    return catalogueCopy(dir, name, files => {
        for (const [f, text] of Object.entries(files)) {
            let changed = text.replace(
                'tecnologias gestao_clinica R$ 9,45, saude_digital\n  valor R$ 130,00',
                `tecnologias gestao_clinica ${tecnologias}, saude_digital\n  valor ${valor}`
            );
            if (f === 'cardiologia.oci') changed += NOVA_OCI;
            const start = changed.indexOf('oci 09.01.01.001-4');
            if (start >= 0) changed = changed.slice(0, start) + changed.slice(changed.indexOf('\n}\n', start) + 3);
            files[f] = changed;
        }
    });
}

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
