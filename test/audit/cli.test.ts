/**
 * `oci-catalogo audit`: outputs, exit codes, --map, --emit-sql (the emitted script runs on a fresh
 * DuckDB and gives the same figures), --dialeto, LGPD masking (no full CPF/CNS outside restrito/),
 * determinism, catalogue refused when it has errors.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessaoDuckdb } from '../../language/src/audit/motor.js';
import { CABECALHO_CSV, type VerdadeSintetica } from '../../language/src/audit/synthetic.js';
import { HEADER, MAMA } from '../helpers.js';
import { EXEMPLO, writeAuditInputs } from './helpers.js';

let dir: string;
let producao: string;
let catalogoJson: string;
let verdade: VerdadeSintetica;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-cli-'));
    ({ catalogoJson, producao, verdade } = await writeAuditInputs(dir, { episodios: 1500, semente: 7, meses: 12 }));
}, 120_000);

afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function ler(p: string): string {
    return fs.readFileSync(p, 'utf8');
}

describe('oci-catalogo audit', () => {
    it('writes JSON, HTML, the flagged CSVs and, when asked, the restricted file; exit 0', async () => {
        const out = path.join(dir, 'out1');
        const r = await run(
            'audit',
            EXEMPLO,
            '--producao',
            producao,
            '--out',
            out,
            '--identificados',
            '--emit-sql',
            path.join(dir, 'a.sql')
        );
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain(`${verdade.registros} registro(s)`);
        for (const f of [
            'auditoria.json',
            'auditoria.html',
            'episodios-sinalizados.csv',
            'cobranca-dupla.csv',
            'restrito/episodios-identificados.csv'
        ]) {
            expect(fs.existsSync(path.join(out, f)), f).toBe(true);
        }
        const json = JSON.parse(ler(path.join(out, 'auditoria.json')));
        expect(json.formato).toBe('oci-catalogo-auditoria/1');
        expect(json.total.episodios).toBe(verdade.episodios);
        expect(json.total.cobrancaDupla.valor.reais).toMatch(/^\d+\.\d\d$/);
        expect(json.ocis).toHaveLength(34);
        const sinalizados = ler(path.join(out, 'episodios-sinalizados.csv')).split('\r\n').filter(Boolean);
        expect(sinalizados[0].startsWith('\uFEFFoci_codigo;cnes;apac;pessoa_mascarada')).toBe(true);
        expect(sinalizados.length - 1).toBe(json.total.sinalizados);
        const restrito = ler(path.join(out, 'restrito/episodios-identificados.csv')).split('\r\n').filter(Boolean);
        expect(restrito.length).toBe(sinalizados.length);
        expect(restrito[0].startsWith('\uFEFFpessoa;')).toBe(true);
    });

    it('never writes a full CPF/CNS outside restrito/ (LGPD)', async () => {
        const out = path.join(dir, 'out1');
        const pessoas = new Set(
            ler(producao)
                .split('\n')
                .slice(1)
                .filter(Boolean)
                .map(l => l.split(',')[0].replace(/[.-]/g, ''))
        );
        const humanos = ['auditoria.json', 'auditoria.html', 'episodios-sinalizados.csv', 'cobranca-dupla.csv'].map(f =>
            ler(path.join(out, f))
        );
        for (const texto of humanos) {
            for (const id of texto.match(/\d{11,15}/g) ?? []) expect(pessoas.has(id), id).toBe(false);
        }
        expect(ler(path.join(out, 'episodios-sinalizados.csv'))).toMatch(/\*\*\*\.\d{3}\.\d{3}-\*\*/);
        const restrito = ler(path.join(out, 'restrito/episodios-identificados.csv'));
        const primeira = restrito.split('\r\n')[1].split(';')[0];
        expect(pessoas.has(primeira)).toBe(true);
    });

    it('the HTML is self-contained, in Portuguese, with an SVG chart per OCI with episodes', () => {
        const html = ler(path.join(dir, 'out1', 'auditoria.html'));
        expect(html).toContain('<html lang="pt-BR">');
        expect((html.match(/<svg /g) ?? []).length).toBeGreaterThan(20);
        expect(html).not.toMatch(/<script|<link |src="http|href="http/);
    });

    it('the emitted SQL runs on a fresh DuckDB and gives the same figures', async () => {
        const sql = ler(path.join(dir, 'a.sql'));
        expect(sql).toContain('CREATE TABLE episodio_auditado AS');
        const sessao = await SessaoDuckdb.abrir();
        try {
            const statements = await sessao.conexao.extractStatements(sql);
            for (let i = 0; i < statements.count; i++) await (await statements.prepare(i)).run();
            const [t] = await sessao.consultar(
                'SELECT episodios, sinalizados, CAST(cobranca_dupla_valor AS VARCHAR) AS v FROM relatorio_total'
            );
            const json = JSON.parse(ler(path.join(dir, 'out1', 'auditoria.json')));
            expect(Number(t.episodios)).toBe(json.total.episodios);
            expect(Number(t.sinalizados)).toBe(json.total.sinalizados);
            expect(t.v).toBe(json.total.cobrancaDupla.valor.reais);
        } finally {
            sessao.fechar();
        }
    });

    it('is deterministic and gives the same report from a catalogue folder and from catalogo.json', async () => {
        const out = path.join(dir, 'out2');
        const r = await run('audit', catalogoJson, '--producao', producao, '--out', out);
        expect(r.code).toBe(0);
        expect(ler(path.join(out, 'auditoria.json'))).toBe(ler(path.join(dir, 'out1', 'auditoria.json')));
        expect(ler(path.join(out, 'episodios-sinalizados.csv'))).toBe(
            ler(path.join(dir, 'out1', 'episodios-sinalizados.csv'))
        );
        expect(fs.existsSync(path.join(out, 'restrito'))).toBe(false);
    });

    it('maps other column names with --map (a CSV separated by ";")', async () => {
        const renomeado = path.join(dir, 'sia.csv');
        const nomes = 'CNS_PAC;DT_ATEND;PROC_ID;QT_APRES;NUM_APAC;PROC_PRINC;CNES;CMP';
        fs.writeFileSync(
            renomeado,
            [
                nomes,
                ...ler(producao)
                    .split('\n')
                    .slice(1)
                    .filter(Boolean)
                    .map(l => l.replace(/,/g, ';'))
            ].join('\n') + '\n'
        );
        const mapa =
            'pessoa=CNS_PAC,data=DT_ATEND,procedimento=PROC_ID,quantidade=QT_APRES,instrumento=NUM_APAC,procedimento_principal=PROC_PRINC,cnes=CNES,competencia=CMP';
        const out = path.join(dir, 'out3');
        const r = await run('audit', catalogoJson, '--producao', renomeado, '--out', out, '--map', mapa);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(ler(path.join(out, 'auditoria.json'))).toBe(
            ler(path.join(dir, 'out1', 'auditoria.json')).replace('"producao.csv"', '"sia.csv"')
        );
    });

    it('exits 2 on a missing column, an unknown file format, a missing file or a bad --map', async () => {
        const semCnes = path.join(dir, 'sem-cnes.csv');
        fs.writeFileSync(semCnes, CABECALHO_CSV.replace(',cnes', '') + '\n');
        let r = await run('audit', catalogoJson, '--producao', semCnes, '--out', path.join(dir, 'x'));
        expect(r.code).toBe(2);
        expect(r.err).toContain('faltam as colunas cnes');
        r = await run('audit', catalogoJson, '--producao', path.join(dir, 'a.xlsx'), '--out', path.join(dir, 'x'));
        expect(r.code).toBe(2);
        fs.writeFileSync(path.join(dir, 'a.xlsx'), '');
        r = await run('audit', catalogoJson, '--producao', path.join(dir, 'a.xlsx'), '--out', path.join(dir, 'x'));
        expect(r.code).toBe(2);
        expect(r.err).toContain('formato desconhecido');
        r = await run('audit', catalogoJson, '--producao', producao, '--out', path.join(dir, 'x'), '--map', 'cpf=x');
        expect(r.code).toBe(2);
        expect(r.err).toContain('coluna desconhecida');
        r = await run('audit', catalogoJson, '--out', path.join(dir, 'x'));
        expect(r.code).toBe(2);
        expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
    });

    it('exits 1 and writes nothing when the catalogue has errors', async () => {
        const ruim = path.join(dir, 'ruim');
        fs.mkdirSync(ruim);
        fs.writeFileSync(path.join(ruim, 'catalogo.oci'), (HEADER + MAMA).replace('tR 21 dias', 'tR 45 dias'));
        const r = await run('audit', ruim, '--producao', producao, '--out', path.join(dir, 'y'));
        expect(r.code).toBe(1);
        expect(r.err).toContain('oci/tr-gt-tm');
        expect(fs.existsSync(path.join(dir, 'y'))).toBe(false);
    });

    it('--emit-sql --dialeto trino|spark writes the SQL for a table of that engine, without production files', async () => {
        for (const d of ['trino', 'spark']) {
            const alvo = path.join(dir, `${d}.sql`);
            const r = await run('audit', catalogoJson, '--emit-sql', alvo, '--dialeto', d, '--map', 'pessoa=cns_pac');
            expect(r.code, r.err).toBe(0);
            const sql = ler(alvo);
            expect(sql).toContain('FROM producao_sia');
            expect(sql).not.toMatch(/read_csv|read_parquet|STRING_AGG/);
            expect(sql).toContain(d === 'spark' ? 'DATEDIFF(' : "DATE_DIFF('day'");
            expect(sql).toContain(d === 'spark' ? '`cns_pac`' : '"cns_pac"');
        }
        const r = await run('audit', catalogoJson, '--emit-sql', path.join(dir, 'x.sql'), '--dialeto', 'oracle');
        expect(r.code).toBe(2);
    });
});
