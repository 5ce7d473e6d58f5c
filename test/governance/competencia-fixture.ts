/**
 * A second SIGTAP competência for tests, made by editing the project's own 2026-01 subset through
 * the tables' layouts (fixed-width rows, ISO-8859-1, CRLF): "2026-02" where
 *  - the OCI 09.01.01.001-4 (mama) is revoked (its rows leave every table);
 *  - the procedure 02.11.04.002-9 (colposcopia) is revoked;
 *  - the OCI 09.02.01.001-8 (risco cirúrgico) changes value, R$ 130,00 → R$ 135,50;
 *  - a new subgroup 0907 (with its forma de organização 090701) brings a new OCI 09.07.01.001-?
 *    with two components (consulta obrigatória, eletrocardiograma compatível);
 *  - every row's DT_COMPETENCIA becomes 202602.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { parseLayout } from '../../language/src/sigtap/layout.js';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { REPO_ROOT } from '../helpers.js';

export const SUBSET_ZIP = path.join(REPO_ROOT, 'examples/pmae/sigtap/TabelaUnificada_202601_subset.zip');
export const REVOKED_OCI = '0901010014';
export const REVOKED_PROCEDURE = '0211040029';
export const CHANGED_OCI = '0902010018';
export const NEW_OCI = `090701001${checkDigit('090701001')}`;

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const toLatin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

type Row = Record<string, string>;

export class Table {
    private readonly layout;
    rows: string[];

    constructor(
        private readonly files: Record<string, Uint8Array>,
        readonly name: string
    ) {
        this.layout = parseLayout(strFromU8(files[`${name}_layout.txt`]), name);
        this.rows = latin1(files[`${name}.txt`])
            .split('\r\n')
            .filter(r => r.length > 0);
    }

    get(row: string, column: string): string {
        const c = this.layout.column(column);
        return row.slice(c.start - 1, c.end).trim();
    }

    set(row: string, column: string, value: string): string {
        const c = this.layout.column(column);
        const padded = c.type === 'NUMBER' ? value.padStart(c.size, '0') : value.padEnd(c.size, ' ');
        return (
            row.padEnd(this.layout.width, ' ').slice(0, c.start - 1) +
            padded.slice(0, c.size) +
            row.padEnd(this.layout.width, ' ').slice(c.end)
        );
    }

    make(values: Row): string {
        let row = ' '.repeat(this.layout.width);
        for (const [k, v] of Object.entries(values)) row = this.set(row, k, v);
        return row;
    }

    save(): void {
        this.files[`${this.name}.txt`] = toLatin1(this.rows.map(r => r + '\r\n').join(''));
    }
}

/** Builds the "2026-02" fixture zip in memory (deterministic bytes). */
export function buildCompetencia202602(): Uint8Array {
    const files = unzipSync(new Uint8Array(fs.readFileSync(SUBSET_ZIP))) as Record<string, Uint8Array>;
    const tables = Object.keys(files)
        .filter(n => n.endsWith('.txt') && !n.endsWith('_layout.txt') && files[n.replace('.txt', '_layout.txt')])
        .map(n => n.replace('.txt', ''));
    for (const name of tables) {
        const t = new Table(files, name);
        const keyColumns = ['CO_PROCEDIMENTO', 'CO_PROCEDIMENTO_PRINCIPAL', 'CO_PROCEDIMENTO_COMPATIVEL'].filter(c => {
            try {
                t.get('', c);
                return true;
            } catch {
                return false;
            }
        });
        const hasCompetencia = (() => {
            try {
                t.get('', 'DT_COMPETENCIA');
                return true;
            } catch {
                return false;
            }
        })();
        t.rows = t.rows
            .filter(r => !keyColumns.some(c => [REVOKED_OCI, REVOKED_PROCEDURE].includes(t.get(r, c))))
            .map(r => (hasCompetencia ? t.set(r, 'DT_COMPETENCIA', '202602') : r));
        if (name === 'tb_procedimento') {
            t.rows = t.rows.map(r => (t.get(r, 'CO_PROCEDIMENTO') === CHANGED_OCI ? t.set(r, 'VL_SA', '13550') : r));
            const model = t.rows.find(r => t.get(r, 'CO_PROCEDIMENTO') === CHANGED_OCI)!;
            const fresh = t.set(
                t.set(
                    t.set(model, 'CO_PROCEDIMENTO', NEW_OCI),
                    'NO_PROCEDIMENTO',
                    'OCI AVALIAÇÃO INICIAL EM NEUROLOGIA'
                ),
                'VL_SA',
                '9000'
            );
            t.rows.push(fresh);
        }
        if (name === 'tb_sub_grupo')
            t.rows.push(
                t.make({
                    CO_GRUPO: '09',
                    CO_SUB_GRUPO: '07',
                    NO_SUB_GRUPO: 'Atenção em Neurologia',
                    DT_COMPETENCIA: '202602'
                })
            );
        if (name === 'tb_forma_organizacao')
            t.rows.push(
                t.make({
                    CO_GRUPO: '09',
                    CO_SUB_GRUPO: '07',
                    CO_FORMA_ORGANIZACAO: '01',
                    NO_FORMA_ORGANIZACAO: 'Ofertas de Cuidados Integrados em Neurologia',
                    DT_COMPETENCIA: '202602'
                })
            );
        if (name === 'rl_procedimento_compativel') {
            t.rows.push(
                t.make({
                    CO_PROCEDIMENTO_PRINCIPAL: NEW_OCI,
                    CO_REGISTRO_PRINCIPAL: '06',
                    CO_PROCEDIMENTO_COMPATIVEL: '0301010072',
                    CO_REGISTRO_COMPATIVEL: '07',
                    TP_COMPATIBILIDADE: '5',
                    QT_PERMITIDA: '1',
                    DT_COMPETENCIA: '202602'
                })
            );
            t.rows.push(
                t.make({
                    CO_PROCEDIMENTO_PRINCIPAL: NEW_OCI,
                    CO_REGISTRO_PRINCIPAL: '06',
                    CO_PROCEDIMENTO_COMPATIVEL: '0211020036',
                    CO_REGISTRO_COMPATIVEL: '07',
                    TP_COMPATIBILIDADE: '1',
                    QT_PERMITIDA: '1',
                    DT_COMPETENCIA: '202602'
                })
            );
        }
        if (name === 'rl_procedimento_registro')
            t.rows.push(t.make({ CO_PROCEDIMENTO: NEW_OCI, CO_REGISTRO: '06', DT_COMPETENCIA: '202602' }));
        t.save();
    }
    return zipCompetencia(files, new Date(Date.UTC(2026, 1, 1)));
}

export function writeCompetencia202602(dir: string): string {
    return writeFixtureZip(dir, 'TabelaUnificada_202602_fixture.zip', buildCompetencia202602());
}

/** A competência's edited files as its zip: entries in name order, all dated `mtime` (the same bytes every run). */
export function zipCompetencia(files: Record<string, Uint8Array>, mtime: Date): Uint8Array {
    const zippable: Zippable = {};
    for (const name of Object.keys(files).sort()) zippable[name] = [files[name], { mtime }];
    return zipSync(zippable);
}

/** Writes a fixture zip as `dir/name` (creating `dir`); returns its path. */
export function writeFixtureZip(dir: string, name: string, bytes: Uint8Array): string {
    const file = path.join(dir, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
}
