/**
 * The ClickHouse dialect without the engine (fast tier): `audit --emit-sql --dialeto clickhouse`
 * writes the script with its session settings and none of the constructs ClickHouse spells
 * otherwise; the rewrite (dialeto.ts translateToClickhouse) keeps literals and nesting; `--motor` is
 * checked. That the script gives DuckDB's numbers on the real engine is clickhouse-igualdade.soak.test.ts.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALETOS, translateToClickhouse } from '../../language/src/audit/dialeto.js';
import { compileAuditoria, COLUNAS } from '../../language/src/audit/sql.js';
import { catalogoExemplo, EXEMPLO } from './helpers.js';

let dir: string;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-ch-'));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

/** The SQL outside string literals and comments. */
function codigo(sql: string): string {
    return sql.replace(/--[^\n]*/g, '').replace(/'(?:[^']|'')*'/g, "''");
}

describe('ClickHouse dialect', () => {
    it('--emit-sql --dialeto clickhouse: session settings first, nothing ClickHouse spells otherwise', async () => {
        const alvo = path.join(dir, 'auditoria-clickhouse.sql');
        const r = await run('audit', EXEMPLO, '--emit-sql', alvo, '--dialeto', 'clickhouse');
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        const sql = fs.readFileSync(alvo, 'utf8');
        expect(sql).toContain('-- Dialeto: clickhouse.');
        expect(sql).toContain('ClickHouse: clickhouse client --multiquery');
        const primeiro = sql.indexOf('SET join_use_nulls = 1;');
        expect(primeiro).toBeGreaterThan(0);
        expect(primeiro).toBeLessThan(sql.indexOf('CREATE VIEW producao_bruta'));
        for (const s of [
            'prefer_column_name_to_alias = 1',
            'cast_keep_nullable = 1',
            "default_table_engine = 'Memory'"
        ])
            expect(sql).toContain(`SET ${s};`);
        const c = codigo(sql);
        expect(c).not.toMatch(/\bTRY_CAST\s*\(/i);
        expect(c).not.toMatch(/\bTRANSLATE\s*\(/);
        expect(c).not.toMatch(/\bSTRING_AGG\b/i);
        expect(c).toContain('FROM producao_sia');
        // Every bare qualified column of a projection has its own name (joins of three or more tables).
        expect(c).toMatch(/f\.pessoa AS pessoa,/);
    });

    it('the rewrite: TRY_CAST, DECIMAL rounding, TRANSLATE, CONCAT_WS; literals and comments untouched', () => {
        expect(translateToClickhouse('SELECT TRY_CAST(TRIM(idade) AS INTEGER) AS idade FROM t')).toBe(
            'SELECT (CASE WHEN toDecimal128OrNull(trimBoth(CAST(TRIM(idade) AS Nullable(String))), 6) BETWEEN -2147483648 AND 2147483647 THEN CAST(round(toDecimal128OrNull(trimBoth(CAST(TRIM(idade) AS Nullable(String))), 6)) AS Int32) END) AS idade FROM t'
        );
        expect(translateToClickhouse('SELECT CAST(100.0 * SUM(x) / COUNT(*) AS DECIMAL(5,1)) AS p FROM t')).toBe(
            'SELECT CAST(round(CAST(100.0 * SUM(x) / COUNT(*) AS Decimal(38, 12)), 1) AS DECIMAL(5,1)) AS p FROM t'
        );
        expect(translateToClickhouse("SELECT LENGTH(TRANSLATE(p, '0123456789', '')) = 0 FROM t")).toBe(
            "SELECT LENGTH(translate(p, '0123456789', '')) = 0 FROM t"
        );
        expect(translateToClickhouse("SELECT CONCAT_WS(' | ', 'a=' || a, 'b, c=' || b) AS x FROM t")).toBe(
            "SELECT arrayStringConcat(arrayFilter(v -> v IS NOT NULL, ['a=' || a, 'b, c=' || b]), ' | ') AS x FROM t"
        );
        // Words inside literals, comments and longer identifiers are not calls.
        const intacto = "SELECT 'TRY_CAST(x AS DATE)' AS t, my_cast(x) AS y -- CAST(a AS DECIMAL(5,1))\nFROM t";
        expect(translateToClickhouse(intacto)).toBe(intacto);
        expect(
            translateToClickhouse(
                'SELECT DISTINCT pessoa FROM (SELECT e.pessoa, (SELECT COUNT(*) FROM x) AS n FROM e JOIN f ON f.a = e.a) d'
            )
        ).toBe(
            'SELECT DISTINCT pessoa FROM (SELECT e.pessoa AS pessoa, (SELECT COUNT(*) FROM x) AS n FROM e JOIN f ON f.a = e.a) d'
        );
        expect(() => translateToClickhouse('SELECT TRY_CAST(x AS DOUBLE) FROM t')).toThrow(/sem tradução/);
    });

    it('the other dialects are not rewritten', async () => {
        const cat = await catalogoExemplo();
        const colunas = Object.fromEntries(COLUNAS.map(c => [c, c]));
        for (const d of [DIALETOS.duckdb, DIALETOS.trino, DIALETOS.spark]) {
            const instrucoes = compileAuditoria(cat, { tabela: 'producao_sia', colunas }, { dialeto: d });
            expect(instrucoes[0].tabela, d.nome).toBe('producao_bruta');
            expect(
                instrucoes.some(i => i.sql.some(s => /TRY_CAST\(/.test(s))),
                d.nome
            ).toBe(true);
        }
    });

    it('--motor other than duckdb or clickhouse is a usage error', async () => {
        const r = await run(
            'audit',
            EXEMPLO,
            '--producao',
            path.join(dir, 'x.csv'),
            '--out',
            path.join(dir, 'o'),
            '--motor',
            'spark'
        );
        expect(r.code).toBe(2);
        expect(r.err).toContain('Motor desconhecido: spark (use duckdb ou clickhouse)');
    });
});
