/** `oci-catalogo plano`: text and JSON output, the files of --out, exit codes and usage errors. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerPlanoCommand, type PlanoOptions, type RelatorioPlano } from '../../cli/src/plano-command.js';
import { UsageError } from '../../cli/src/workspace.js';
import { runPlano } from './helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-plano-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function rodar(caminhos: string[], opcoes: Partial<PlanoOptions>): Promise<{ codigo: number; saida: string }> {
    const { codigo, all } = await runPlano(caminhos, opcoes);
    return { codigo, saida: all };
}

const TUDO = ['examples/par', 'examples/se'];
const COMPLETO: Partial<PlanoOptions> = {
    catalogo: ['examples/pmae'],
    execucao: 'examples/par/execucao.json',
    producao: ['examples/se/producao-sia.csv']
};

describe('the examples', () => {
    it('no errors: exit 0, with the incentivo of the PAR and of the SEs in the text', async () => {
        const { codigo, saida } = await rodar(TUDO, COMPLETO);
        expect(codigo).toBe(0);
        expect(saida).toContain('População de abrangência: 1.477.303 habitantes (5 municípios)');
        expect(saida).toContain('Incentivo (art. 15 §1 I, mais de 1.000.000 de habitantes): R$ 1.200.000,00');
        expect(saida).toContain(
            '1ª parcela (art. 15 §2 I): R$ 600.000,00 — após a aprovação do PAR pela SAES: condições cumpridas'
        );
        expect(saida).toContain(
            '2ª parcela (art. 15 §2 II): R$ 600.000,00 — produção prevista R$ 2.200.000,00 (declarada), 50% = R$ 1.100.000,00: executada R$ 1.150.000,00 (52,27% da prevista): condição cumprida'
        );
        expect(saida).toContain('Incentivo mensal (art. 878-A §1): R$ 65.000,00 (R$ 780.000,00 em 12 meses)');
        expect(saida).toContain('Incentivo mensal (art. 878-A caput): R$ 50.000,00 (R$ 600.000,00 em 12 meses)');
        // --execucao with the same file the PAR names: the option holds, and says so.
        expect(saida).toContain(
            'produção executada de examples/par/execucao.json (--execucao, no lugar de execucao "execucao.json" do PAR)'
        );
        // The information: incentivo/segunda-parcela, on the `execucao` line.
        expect(saida).toMatch(
            /regiao-sao-luis\.par:\d+:\d+: info \[incentivo\/segunda-parcela\] Segunda parcela: condição cumprida/
        );
        expect(saida).toContain('3 arquivo(s) (1 PAR, 2 SE): 0 erro(s), 0 aviso(s), 1 informação(ões).');
    });

    it('the example PAR without --execucao: the execucao.json it names decides the 2nd parcela; 0 errors, 0 warnings', async () => {
        const { codigo, saida } = await rodar(['examples/par'], { catalogo: ['examples/pmae'] });
        expect(codigo).toBe(0);
        expect(saida).toContain(
            '50% = R$ 1.100.000,00: executada R$ 1.150.000,00 (52,27% da prevista): condição cumprida'
        );
        expect(saida).toContain('produção executada de examples/par/execucao.json (nomeado no PAR)');
        expect(saida).toContain('1 arquivo(s) (1 PAR, 0 SE): 0 erro(s), 0 aviso(s), 1 informação(ões).');
    });

    it('--out writes one JSON per file and planos.json, the same as --format json prints', async () => {
        const out = path.join(tmp, 'out');
        const { codigo } = await rodar(TUDO, { ...COMPLETO, out });
        expect(codigo).toBe(0);
        expect(fs.readdirSync(out).sort()).toEqual([
            'breves-pa.se.json',
            'picos-pi.se.json',
            'planos.json',
            'regiao-sao-luis.par.json'
        ]);
        const gravado = JSON.parse(fs.readFileSync(path.join(out, 'planos.json'), 'utf8')) as RelatorioPlano;
        const { saida } = await rodar(TUDO, { ...COMPLETO, format: 'json' });
        expect(JSON.parse(saida)).toEqual(gravado);
        const par = JSON.parse(fs.readFileSync(path.join(out, 'regiao-sao-luis.par.json'), 'utf8'));
        expect(par.incentivo.total).toEqual({ reais: '1200000.00', centavos: 120000000, texto: 'R$ 1.200.000,00' });
        expect(par.incentivo.parcelas[1]).toMatchObject({
            situacao: 'condicao-cumprida',
            limiar: { reais: '1100000.00' },
            executada: { reais: '1150000.00' },
            percentualExecutado: '52,27%'
        });
        const breves = JSON.parse(fs.readFileSync(path.join(out, 'breves-pa.se.json'), 'utf8'));
        expect(breves).toMatchObject({
            amazoniaLegal: { situacao: 'uf', dentro: true },
            incentivo: { mensal: { reais: '65000.00' }, anual: { reais: '780000.00' }, dispositivo: 'art. 878-A §1' }
        });
        expect(breves.producao).toMatchObject({
            janela: { inicio: '2025-01', fim: '2025-09' },
            situacao: 'regular',
            sequencias: []
        });
        const picos = JSON.parse(fs.readFileSync(path.join(out, 'picos-pi.se.json'), 'utf8'));
        expect(picos).toMatchObject({
            amazoniaLegal: { situacao: 'fora', dentro: false },
            incentivo: { mensal: { reais: '50000.00' } }
        });
        expect(picos.producao.janela).toEqual({ inicio: '2025-04', fim: '2025-09' });
    });
});

describe('art. 878-A §10 with the production', () => {
    it('three months without a record in Breves: error, exit 1, the sequence in the JSON', async () => {
        const { codigo, saida } = await rodar(['examples/se'], {
            producao: ['examples/se/producao-sia-lacuna.csv'],
            format: 'json'
        });
        expect(codigo).toBe(1);
        const breves = (JSON.parse(saida) as RelatorioPlano).planos.find(p =>
            p.arquivo.endsWith('breves-pa.se')
        ) as any;
        expect(breves.producao).toMatchObject({
            situacao: 'houve-suspensao',
            competenciasSemRegistro: ['2025-04', '2025-05', '2025-06'],
            sequencias: [{ inicio: '2025-04', fim: '2025-06', meses: 3, condicaoAtingidaEm: '2025-06' }]
        });
    });

    it('--ate 2025-05: only two months without a record in the window — no error', async () => {
        const { codigo, saida } = await rodar(['examples/se/breves-pa.se'], {
            producao: ['examples/se/producao-sia-lacuna.csv'],
            ate: '2025-05'
        });
        expect(codigo).toBe(0);
        expect(saida).toContain('2025-01 a 2025-05: sem registro em 2025-04, 2025-05 (nunca três meses seguidos)');
    });

    it('accepts a CSV with cnes, data (DD/MM/AAAA) and commas', async () => {
        const csv = path.join(tmp, 'p.csv');
        fs.writeFileSync(csv, 'cnes,data,procedimento\n9000011,15/01/2025,x\n9000011,02/05/2025,x\n');
        const { codigo, saida } = await rodar(['examples/se/breves-pa.se'], { producao: [csv] });
        expect(codigo).toBe(1);
        expect(saida).toContain('[se/sem-producao-3-meses] Sem registro no SIA/SUS em 2025-02, 2025-03, 2025-04');
    });

    it('reads Parquet and several files through the audit engine (DuckDB): the gap in one file is covered by the other', async () => {
        const { DuckDBInstance } = await import('@duckdb/node-api');
        const db = await DuckDBInstance.create(':memory:');
        const con = await db.connect();
        const parquet = path.join(tmp, 'pa-2025.parquet');
        // Competências 2025-02 to 2025-04 (those missing from the CSV above), the CNES as a number (no leading zeros).
        await con.run(
            `COPY (SELECT 9000011 AS PA_CODUNI, c AS PA_CMP FROM (VALUES ('202502'), ('202503'), ('202504')) t(c)) TO '${parquet}' (FORMAT parquet)`
        );
        con.closeSync();
        db.closeSync();
        const csv = path.join(tmp, 'p2.csv');
        fs.writeFileSync(csv, 'cnes,data,procedimento\n9000011,15/01/2025,x\n9000011,02/05/2025,x\n');
        const so = await rodar(['examples/se/breves-pa.se'], { producao: [parquet], format: 'json' });
        expect(JSON.parse(so.saida).planos[0].producao.janela).toEqual({ inicio: '2025-01', fim: '2025-04' });
        const ambos = await rodar(['examples/se/breves-pa.se'], { producao: [csv, parquet] });
        expect(ambos.saida).not.toContain('se/sem-producao-3-meses');
        expect(ambos.codigo).toBe(0);
    });

    it('production without the CNES column: a usage error that lists the columns of the file', async () => {
        const csv = path.join(tmp, 'sem-cnes.csv');
        fs.writeFileSync(csv, 'estabelecimento;competencia\n9000011;202501\n');
        await expect(rodar(['examples/se'], { producao: [csv] })).rejects.toThrow(
            /falta a coluna do CNES \(cnes ou PA_CODUNI\); colunas: estabelecimento, competencia/
        );
    });

    it('invalid CNES or competência: a usage error with the value', async () => {
        const csv = path.join(tmp, 'ruim.csv');
        fs.writeFileSync(csv, 'cnes;competencia\n9000011;2025-13\n');
        await expect(rodar(['examples/se'], { producao: [csv] })).rejects.toThrow(/competência inválida: "2025-13"/);
        fs.writeFileSync(csv, 'cnes;competencia\nABC;202501\n');
        await expect(rodar(['examples/se'], { producao: [csv] })).rejects.toThrow(/CNES inválido: "ABC"/);
    });
});

describe('2nd parcela with the executed amount', () => {
    it('R$ 1.099.999,99 executed: condition not met, R$ 0,01 short', async () => {
        const json = path.join(tmp, 'exec.json');
        fs.writeFileSync(json, JSON.stringify({ producaoFinanceiraExecutada: 'R$ 1.099.999,99' }));
        const { saida } = await rodar(['examples/par'], { catalogo: ['examples/pmae'], execucao: json });
        expect(saida).toContain(
            'executada R$ 1.099.999,99 (50,00% da prevista): condição NÃO cumprida, faltam R$ 0,01'
        );
    });

    it('from auditoria.json: 2.000 × R$ 125,00 + 1.500 × R$ 200,00 = R$ 550.000,00 (25,00%), not met; an OCI outside the elenco does not count', async () => {
        const json = path.join(tmp, 'auditoria.json');
        fs.writeFileSync(
            json,
            JSON.stringify({
                formato: 'oci-catalogo-auditoria/1',
                ocis: [
                    // concluidasAdequadas: those that count (art. 16 I); here every concluded one was adequate.
                    {
                        codigo: '0901010014',
                        codigoFormatado: '09.01.01.001-4',
                        concluidas: 2000,
                        concluidasAdequadas: 2000
                    },
                    {
                        codigo: '0902010026',
                        codigoFormatado: '09.02.01.002-6',
                        concluidas: 1500,
                        concluidasAdequadas: 1500
                    },
                    { codigo: '0904010015', codigoFormatado: '09.04.01.001-5', concluidas: 7, concluidasAdequadas: 7 }
                ]
            })
        );
        const { saida } = await rodar(['examples/par'], {
            catalogo: ['examples/pmae'],
            execucao: json,
            format: 'json'
        });
        const p2 = (JSON.parse(saida) as RelatorioPlano).planos[0] as any;
        expect(p2.incentivo.parcelas[1]).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            executada: { reais: '550000.00' },
            percentualExecutado: '25,00%',
            falta: { reais: '550000.00' },
            execucao: { origem: 'auditoria', foraDoElenco: ['09.04.01.001-5'] }
        });
        expect(
            p2.incentivo.parcelas[1].execucao.ocis.map((o: any) => [o.codigo, o.concluidas, o.producao?.reais])
        ).toEqual([
            ['09.01.01.001-4', 2000, '250000.00'],
            ['09.01.01.009-0', 0, '0.00'],
            ['09.02.01.002-6', 1500, '300000.00'],
            ['09.05.01.004-3', 0, '0.00'],
            ['09.03.01.002-0', 0, '0.00']
        ]);
    });

    it('without --catalogo: the OCIs are not checked (warning); the declared production and the given executed production still count', async () => {
        const { codigo, saida } = await rodar(['examples/par'], {});
        expect(codigo).toBe(0);
        expect(saida).toContain('[par/rol-indisponivel]');
        expect(saida).toContain('Sem --catalogo');
        // Without --execucao, the file the PAR names holds.
        expect(saida).toContain('executada R$ 1.150.000,00 (52,27% da prevista): condição cumprida');
        expect(saida).toContain('produção executada de examples/par/execucao.json (nomeado no PAR)');
    });
});

describe('usage errors (exit 2 through main)', () => {
    it.each<[string, string[], Partial<PlanoOptions>, RegExp]>([
        ['nonexistent path', ['nao/existe'], {}, /Caminho não encontrado/],
        ['folder with no .par or .se', ['examples/pmae/sigtap'], {}, /Nenhum arquivo \.par ou \.se/],
        ['unknown format', ['examples/se'], { format: 'xml' }, /Formato desconhecido/],
        ['--execucao, no PAR', ['examples/se'], { execucao: 'examples/par/execucao.json' }, /vale para um PAR, e há 0/],
        ['invalid --ate', ['examples/se'], { ate: '2025-13' }, /--ate inválido/],
        [
            'production in an unknown format',
            ['examples/se'],
            { producao: ['examples/par/execucao.json'] },
            /formato desconhecido \(use \.csv ou \.parquet\)/
        ],
        [
            'nonexistent production file',
            ['examples/se'],
            { producao: ['nao/existe.csv'] },
            /nao\/existe\.csv: não foi possível ler/
        ],
        ['JSON without the key', ['examples/par'], { execucao: 'examples/se/producao-sia.csv' }, /JSON inválido/]
    ])('%s', async (_nome, caminhos, opcoes, mensagem) => {
        await expect(rodar(caminhos, opcoes)).rejects.toThrow(UsageError);
        await expect(rodar(caminhos, opcoes)).rejects.toThrow(mensagem);
    });
});

describe('registration in the command-line program', () => {
    it('registerPlanoCommand reads the options as main would pass them', async () => {
        let saida = '';
        let codigo = -1;
        const io = {
            out: (t: string) => {
                saida += t;
            },
            err: (t: string) => {
                saida += t;
            }
        };
        const program = new Command('oci-catalogo').exitOverride();
        registerPlanoCommand(
            program,
            c => {
                codigo = c;
            },
            io
        );
        await program.parseAsync(
            [
                'plano',
                'examples/par',
                '--catalogo',
                'examples/pmae',
                '--execucao',
                'examples/par/execucao.json',
                '--format',
                'json'
            ],
            { from: 'user' }
        );
        expect(codigo).toBe(0);
        expect((JSON.parse(saida) as RelatorioPlano).resumo).toEqual({
            arquivos: 1,
            pars: 1,
            ses: 0,
            erros: 0,
            avisos: 0,
            infos: 1
        });
    });
});
