/**
 * Trino and Spark SQL are emitted, not executed: neither engine can be installed on the build
 * machine. What this soak-tier test proves instead (CI runs it; ~20 CPU-s of ANTLR parsing, too
 * long for `npm test`): every statement of `audit --emit-sql F
 * --dialeto trino|spark` for examples/pmae (with and without the patient's columns, which add the
 * public-target checks) is parsed by a real parser of that dialect — dt-sql-parser's TrinoSQL
 * (an ANTLR grammar adapted from Trino 450's SqlBase.g4) and SparkSQL (from Spark 3.5.0's
 * SqlBaseParser.g4). Each statement is cut at the `;` tokens of the dialect's own lexer, and their
 * number must equal the audit's statements (compileAuditoria), so none is skipped.
 *
 * Besides the grammar, two traps the engines' own parsers resolve after the grammar are checked on
 * the tokens: Trino rejects backquoted identifiers (its grammar has the token only to reject it),
 * and Spark reads "x" as a string literal, so a double-quoted column name would silently become a
 * constant. Not checked by any parser: function names and signatures (DATE_DIFF, ARRAY_JOIN,
 * MONOTONICALLY_INCREASING_ID…), types and name resolution — that needs the engine itself.
 *
 * node-sql-parser (trino and hive modes) was measured first and rejects valid statements of both
 * dialects (`DROP VIEW IF EXISTS`, `DROP TABLE IF EXISTS x`): it cannot tell a broken script from a
 * good one. The parsers are imported from their dialect folders: the package's index loads all its
 * eight dialects (~20 MB of generated code) and costs ~30 s of transform per test run.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SparkSQL } from 'dt-sql-parser/dist/parser/spark/index.js';
import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALETOS } from '../../language/src/audit/dialeto.js';
import { compileAuditoria, COLUNAS, NOMES_SIA } from '../../language/src/audit/sql.js';
import { catalogoExemplo, EXEMPLO } from './helpers.js';

type Parser = TrinoSQL | SparkSQL;

const PARSERS = { trino: new TrinoSQL(), spark: new SparkSQL() } as const;
type Nome = keyof typeof PARSERS;

/** Quoting the dialect's engine does not accept although its grammar lexes it (see the header). */
const PROIBIDO: Record<Nome, { inicio: string; motivo: string }> = {
    trino: { inicio: '`', motivo: 'identificador entre crases (o Trino o recusa: use aspas duplas)' },
    spark: { inicio: '"', motivo: 'texto entre aspas duplas (o Spark o lê como literal, não como coluna: use crases)' }
};

let dir: string;

beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-parse-'));
});
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

/** The script's statements, cut at the `;` tokens of the dialect's lexer (comments and literals stay whole). */
function statements(parser: Parser, sql: string): string[] {
    const partes: string[] = [];
    let inicio: number | undefined;
    for (const t of parser.getAllTokens(sql)) {
        if (t.channel !== 0) continue;
        if (t.text === ';') {
            if (inicio !== undefined) partes.push(sql.slice(inicio, t.start));
            inicio = undefined;
        } else {
            inicio ??= t.start;
        }
    }
    if (inicio !== undefined) partes.push(sql.slice(inicio));
    return partes;
}

/** What is wrong with one statement for the dialect: its syntax errors, then the forbidden quoting. */
function problems(nome: Nome, statement: string): string[] {
    const parser = PARSERS[nome];
    const erros = parser.validate(statement).map(e => `linha ${e.startLine}, coluna ${e.startColumn}: ${e.message}`);
    const proibido = parser
        .getAllTokens(statement)
        .filter(t => t.channel === 0 && t.text?.startsWith(PROIBIDO[nome].inicio));
    return [...erros, ...proibido.map(t => `${PROIBIDO[nome].motivo}: ${t.text}`)];
}

async function emit(nome: Nome, mapa: string[]): Promise<string> {
    const alvo = path.join(dir, `auditoria-${nome}-${mapa.length}.sql`);
    const r = await run('audit', EXEMPLO, '--emit-sql', alvo, '--dialeto', nome, ...mapa);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return fs.readFileSync(alvo, 'utf8');
}

/** The number of statements the audit compiles for the dialect with these columns mapped. */
async function expectedCount(nome: Nome, paciente: boolean): Promise<number> {
    const colunas = Object.fromEntries(COLUNAS.filter(c => paciente || !NOMES_SIA[c]).map(c => [c, c]));
    return compileAuditoria(
        await catalogoExemplo(),
        { tabela: 'producao_sia', colunas },
        { dialeto: DIALETOS[nome] }
    ).flatMap(i => i.sql).length;
}

describe('Trino and Spark SQL of the audit, parsed by a parser of each dialect', () => {
    for (const nome of ['trino', 'spark'] as const) {
        it(`every statement of --emit-sql --dialeto ${nome} parses (with and without the patient's columns)`, async () => {
            for (const paciente of [false, true]) {
                const sql = await emit(nome, paciente ? ['--map', 'sexo=sexo,idade=idade,cid=cid'] : []);
                const todas = statements(PARSERS[nome], sql);
                expect(todas.length).toBe(await expectedCount(nome, paciente));
                expect(todas.some(s => /^CREATE TABLE episodio_auditado AS/.test(s))).toBe(true);
                const falhas = todas
                    .map(s => ({ inicio: s.slice(0, 60).replace(/\s+/g, ' '), problemas: problems(nome, s) }))
                    .filter(f => f.problemas.length > 0);
                expect(falhas).toEqual([]);
            }
        });

        it(`the ${nome} check fails on a broken statement and on the other dialect's quoting`, async () => {
            const sql = await emit(nome, []);
            const alvo = statements(PARSERS[nome], sql).find(s => s.startsWith('CREATE VIEW producao_bruta'))!;
            // A missing closing parenthesis.
            expect(problems(nome, alvo.replace(/\)(?=[^)]*$)/, ''))).not.toEqual([]);
            // The other dialect's identifier quoting.
            const trocado =
                nome === 'trino' ? alvo.replace('"pessoa"', '`pessoa`') : alvo.replace('`pessoa`', '"pessoa"');
            expect(trocado).not.toBe(alvo);
            expect(problems(nome, trocado)).toEqual([expect.stringContaining(PROIBIDO[nome].motivo)]);
            expect(problems(nome, alvo)).toEqual([]);
        });
    }
});
