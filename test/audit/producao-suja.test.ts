/**
 * The audit on dirty production, case by case (issue 13 items 1-7, issue 21 item 2, issue 20 item
 * 4b): hand-written CSVs and Parquet files around one clean episode of a real OCI of the example
 * catalogue, each with one kind of dirt. Every test here fails on the audit before these fixes:
 * a foreign procedure stretched the episode (false tempo/acima-tm), one malformed line aborted the
 * run, "1.5"/"+1" quantities and signed codes were accepted, padded CPFs were invalid and unmasked,
 * typed Parquet lost leading zeros ("all invalid", exit 0), and there was no --falhar-se.
 */
import { runCli as run } from '../cli-harness.js';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditar } from '../../language/src/audit/auditoria.js';
import { definicao, DEFINICOES } from '../../language/src/audit/achados.js';
import { apacDigito } from '../../language/src/audit/identificadores.js';
import { AuditoriaErro, SessaoDuckdb } from '../../language/src/audit/motor.js';
import { ACHADOS, ACHADOS_DE_REGISTRO } from '../../language/src/audit/sql.js';
import { CABECALHO_CSV } from '../../language/src/audit/synthetic.js';
import type { CatalogoJson, OciJson } from '../../language/src/generator/catalogo-json.js';
import { serializeCatalogo } from '../../language/src/generator/catalogo-json.js';
import { formatCodigo } from '../../language/src/sigtap/codigo.js';
import { catalogoExemplo, csvToParquet } from './helpers.js';

let dir: string;
let cat: CatalogoJson;
let oci: OciJson;
let catalogoJson: string;
/** A valid SIGTAP-shaped code that is a component of no OCI of the example. */
let ESTRANHO: string;
const CPF = '52998224725';
const CPF_ZERO = '01234567890';
const CNES = '2100001';
const apac = (doze: string) => doze + apacDigito(doze);
const APAC = apac('352520000001');
const APAC2 = apac('352520000002');
const APAC3 = apac('352520000003');

interface Linha {
    pessoa?: string;
    data: string;
    procedimento: string;
    quantidade?: string;
    instrumento?: string;
    principal?: string;
    cnes?: string;
    competencia?: string;
}

function csv(nome: string, linhas: Linha[], cabecalho = CABECALHO_CSV): string {
    const arquivo = path.join(dir, nome);
    const texto = linhas.map(l =>
        [
            l.pessoa ?? CPF,
            l.data,
            l.procedimento,
            l.quantidade ?? '1',
            l.instrumento ?? APAC,
            l.principal ?? oci.codigo,
            l.cnes ?? CNES,
            l.competencia ?? l.data.slice(0, 7).replace('-', '')
        ].join(',')
    );
    fs.writeFileSync(arquivo, [cabecalho, ...texto].join('\n') + '\n');
    return arquivo;
}

/**
 * A clean episode of `oci`: its record, the first member of each mandatory component, the conclusion on the last day.
 */
function episodio(inicio: string, dias: number, extra: Partial<Linha> = {}): Linha[] {
    const d0 = Date.parse(`${inicio}T00:00:00Z`);
    const data = (k: number) => new Date(d0 + k * 86_400_000).toISOString().slice(0, 10);
    const conclusao = new Set(oci.conclusao?.procedimentos.map(p => p.codigo));
    const obrigatorios = oci.componentes.filter(c => c.tipo === 'obrigatorio').map(c => c.procedimentos[0].codigo);
    const fim = [...conclusao][0];
    const linhas: Linha[] = [{ data: data(0), procedimento: oci.codigo, ...extra }];
    obrigatorios.filter(p => p !== fim).forEach(p => linhas.push({ data: data(0), procedimento: p, ...extra }));
    linhas.push({ data: data(dias), procedimento: fim, ...extra });
    return linhas;
}

async function auditLinhas(arquivos: string[]) {
    const a = await auditar(cat, { arquivos });
    try {
        const episodios = await a.consultar(
            'SELECT apac, achados, dias, pessoa_mascarada, competencias_fora_da_validade, procedimentos_fora_da_oci FROM episodio_auditado ORDER BY apac'
        );
        const rejeitados: Array<Record<string, unknown>> = [];
        for await (const parte of a.rejeitados()) rejeitados.push(...parte);
        return { json: a.json, episodios, rejeitados };
    } finally {
        a.fechar();
    }
}

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-suja-'));
    cat = await catalogoExemplo();
    // An OCI whose conclusion is a component and that has at least two mandatory components.
    oci = cat.ocis.find(
        o =>
            (o.tM ?? 0) >= 30 &&
            o.componentes.filter(c => c.tipo === 'obrigatorio').length >= 2 &&
            o.conclusao?.procedimentos.some(p =>
                o.componentes.some(c => c.procedimentos.some(x => x.codigo === p.codigo))
            )
    )!;
    expect(oci).toBeDefined();
    const componentes = new Set(cat.ocis.flatMap(o => o.componentes.flatMap(c => c.procedimentos.map(p => p.codigo))));
    ESTRANHO = ['0202010473', '0202010120', '0301100039', '0211060011', '0205020046'].find(c => !componentes.has(c))!;
    expect(ESTRANHO).toBeDefined();
    catalogoJson = path.join(dir, 'catalogo.json');
    fs.writeFileSync(catalogoJson, serializeCatalogo(cat));
}, 60_000);

afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

describe("time is counted over the OCI's own components (issue 13 item 1)", () => {
    it('a foreign procedure in the APAC, months later, is escopo/procedimento-fora-da-oci and not tempo/acima-tm', async () => {
        const estranho = ESTRANHO;
        const arquivo = csv('estranho.csv', [
            ...episodio('2025-03-03', 10),
            { data: '2025-04-25', procedimento: estranho }
        ]);
        const { episodios } = await auditLinhas([arquivo]);
        expect(episodios).toHaveLength(1);
        expect(Number(episodios[0].dias)).toBe(10);
        expect(String(episodios[0].achados)).toContain(ACHADOS.foraDaOci);
        expect(String(episodios[0].achados)).not.toContain(ACHADOS.tempo);
        expect(episodios[0].procedimentos_fora_da_oci).toBe(estranho);
    });
});

describe('malformed rows never abort (issue 13 item 2)', () => {
    it('lines with a wrong column count go to rejeitados.csv with file, line and reason; the rest is audited', async () => {
        const arquivo = path.join(dir, 'quebrado.csv');
        const boas = episodio('2025-03-03', 10).map(l =>
            [CPF, l.data, l.procedimento, '1', APAC, oci.codigo, CNES, l.data.slice(0, 7).replace('-', '')].join(',')
        );
        const linhas = [
            CABECALHO_CSV,
            boas[0],
            `${CPF},2025-03-03,${boas[1].split(',')[2]}`,
            ...boas.slice(1),
            `${boas[0]},extra,coluna`
        ];
        fs.writeFileSync(arquivo, linhas.join('\n') + '\n');
        const { json, episodios, rejeitados } = await auditLinhas([arquivo]);
        expect(episodios).toHaveLength(1);
        expect(json.entrada.registros).toBe(boas.length);
        expect(json.entrada.linhasIlegiveis).toBe(2);
        expect(rejeitados.map(r => [r.arquivo, Number(r.linha)])).toEqual([
            ['quebrado.csv', 3],
            ['quebrado.csv', linhas.length]
        ]);
        expect(String(rejeitados[0].motivo)).toMatch(/MISSING COLUMNS/);
        expect(String(rejeitados[1].motivo)).toMatch(/TOO MANY COLUMNS/);
        // The person is masked in the raw line.
        expect(rejeitados.map(r => String(r.conteudo)).join('\n')).not.toContain(CPF);
    });

    it('the CLI writes rejeitados.csv and says how many', async () => {
        const arquivo = path.join(dir, 'quebrado.csv');
        const out = path.join(dir, 'out-quebrado');
        const r = await run('audit', catalogoJson, '--producao', arquivo, '--out', out);
        expect(r.code, r.err).toBe(0);
        expect(r.out).toMatch(/Rejeitados: 2 \(rejeitados\.csv/);
        const texto = fs.readFileSync(path.join(out, 'rejeitados.csv'), 'utf8');
        expect(texto.split('\r\n')[0]).toBe('\uFEFFarquivo;linha;motivo;conteudo');
        expect(texto).toContain('quebrado.csv;3;');
    });

    it('a header that is really a data row is said so, not read as column names', async () => {
        const arquivo = path.join(dir, 'sem-cabecalho.csv');
        const linhas = episodio('2025-03-03', 10).map(l =>
            [CPF, l.data, l.procedimento, '1', APAC, oci.codigo, CNES, '202503'].join(',')
        );
        fs.writeFileSync(arquivo, linhas.join('\n') + '\n');
        await expect(auditar(cat, { arquivos: [arquivo] })).rejects.toThrow(
            /a primeira linha parece ser um registro, não o cabeçalho/
        );
        const r = await run('audit', catalogoJson, '--producao', arquivo, '--out', path.join(dir, 'out-sem'));
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/"52998224725"/);
    });
    it('a record with an invalid value has its line too: counted past unreadable lines, per file, Parquet by record', async () => {
        const texto = (l: Linha) =>
            [CPF, l.data, l.procedimento, l.quantidade ?? '1', APAC, oci.codigo, l.cnes ?? CNES, '202503'].join(',');
        const boas = episodio('2025-03-03', 10).map(texto);
        const p = episodio('2025-03-03', 10)[1]!.procedimento;
        const ruim = (r: Partial<Linha>) => texto({ data: '2025-03-05', procedimento: p, ...r });
        const a = [
            CABECALHO_CSV, // 1
            boas[0]!, // 2
            ruim({ quantidade: '1.5' }), // 3
            `${CPF},2025-03-03,${p}`, // 4: unreadable (missing columns)
            ...boas.slice(1, 2), // 5
            `${boas[0]},extra`, // 6: unreadable (extra column)
            ruim({ cnes: '' }), // 7
            ...boas.slice(2),
            ruim({ data: '2025-02-30' }) // last
        ];
        fs.writeFileSync(path.join(dir, 'linhas-a.csv'), a.join('\n') + '\n');
        // A second file, read as Parquet: the line is the record's number in it.
        fs.writeFileSync(
            path.join(dir, 'linhas-b.csv'),
            [CABECALHO_CSV, ruim({ procedimento: '-204030030' }), ruim({ quantidade: '+1' })].join('\n') + '\n'
        );
        const parquet = path.join(dir, 'linhas-b.parquet');
        await csvToParquet(path.join(dir, 'linhas-b.csv'), parquet);
        const { rejeitados } = await auditLinhas([path.join(dir, 'linhas-a.csv'), parquet]);
        expect(rejeitados.map(r => [r.arquivo, Number(r.linha), String(r.motivo).split(':')[0]])).toEqual([
            ['linhas-a.csv', 4, 'MISSING COLUMNS'],
            ['linhas-a.csv', 6, 'TOO MANY COLUMNS'],
            ['linhas-a.csv', 3, 'quantidade não é um inteiro positivo'],
            ['linhas-a.csv', 7, 'cnes vazio'],
            ['linhas-a.csv', a.length, 'data ilegível'],
            ['linhas-b.parquet', 1, 'procedimento não tem 10 dígitos'],
            ['linhas-b.parquet', 2, 'quantidade não é um inteiro positivo']
        ]);
    });
});

describe('strict values (issue 13 item 3)', () => {
    it('quantidade must be a positive integer; codes exactly 10 digits (or the printed form); cnes required', async () => {
        const p = episodio('2025-03-03', 10)[1].procedimento;
        const ruins: Array<[Partial<Linha>, RegExp]> = [
            [{ quantidade: '1.5' }, /quantidade/],
            [{ quantidade: '"1,5"' }, /quantidade/],
            [{ quantidade: '+1' }, /quantidade/],
            [{ quantidade: ' 1' }, /quantidade/],
            [{ quantidade: '0' }, /quantidade/],
            [{ procedimento: `-${p.slice(1)}` }, /10 dígitos/],
            [{ procedimento: ` ${p.slice(1)}` }, /10 dígitos/],
            [{ procedimento: p.slice(1) }, /10 dígitos/],
            [{ cnes: '' }, /cnes vazio/],
            [{ cnes: '   ' }, /cnes vazio/],
            [{ data: '2025-02-30' }, /data ilegível/]
        ];
        const linhas: Linha[] = [
            ...episodio('2025-03-03', 10).map((l, i) =>
                i === 1 ? { ...l, procedimento: formatCodigo(l.procedimento) } : l
            ),
            ...ruins.map(([r]) => ({ data: '2025-03-05', procedimento: p, instrumento: 'BPA', principal: '', ...r }))
        ];
        const { json, rejeitados, episodios } = await auditLinhas([csv('valores.csv', linhas)]);
        expect(episodios).toHaveLength(1);
        expect(String(episodios[0].achados)).toBe('');
        expect(json.entrada.registrosInvalidos).toBe(ruins.length);
        expect(rejeitados).toHaveLength(ruins.length);
        rejeitados.forEach((r, i) => {
            expect(r.arquivo).toBe('valores.csv');
            expect(String(r.motivo), JSON.stringify(ruins[i][0])).toMatch(ruins[i][1]);
        });
    });

    it('CPFs padded to fixed width or printed with a trailing blank are trimmed before validating, matching and masking', async () => {
        const linhas = episodio('2025-03-03', 10).map((l, i) => ({
            ...l,
            pessoa: i === 0 ? `${CPF}    ` : i === 1 ? '529.982.247-25 ' : CPF
        }));
        const { episodios } = await auditLinhas([csv('padded.csv', linhas)]);
        expect(episodios).toHaveLength(1);
        expect(String(episodios[0].achados)).toBe('');
        expect(episodios[0].pessoa_mascarada).toBe('***.982.247-**');
    });
});

describe('dates out of the period (issue 13 item 4)', () => {
    it('a typo year and a date two competências before its competência are data/fora-do-periodo and kept out of the time', async () => {
        const base = episodio('2025-03-03', 10);
        // Typos on the OCI's own record (no quantity), as a date field is mistyped in an export.
        const linhas = [
            ...base,
            { ...base[0], data: '2099-03-04', competencia: '202503' },
            { ...base[0], data: '2025-01-02', competencia: '202503' }
        ];
        const { json, episodios } = await auditLinhas([csv('datas.csv', linhas)]);
        expect(episodios).toHaveLength(1);
        expect(Number(episodios[0].dias)).toBe(10);
        expect(String(episodios[0].achados).split(' ').sort()).toEqual([ACHADOS.dataFora]);
        expect(json.entrada.registrosForaDoPeriodo).toBe(2);
        expect(json.entrada.ultimaData).toBe('2025-03-13');
    });

    it('a competência whose month is not 01-12 is no competência: the date is not measured against it', async () => {
        const base = episodio('2025-03-03', 10);
        // 202513 was read as January 2026 and 202599 as March 2033: dates of March 2025 "before" them.
        const linhas = [
            ...base,
            { ...base[0]!, data: '2025-03-04', competencia: '202513' },
            { ...base[0]!, data: '2025-03-05', competencia: '202599' },
            { ...base[0]!, data: '2025-03-06', competencia: '202500' }
        ];
        const { json, episodios } = await auditLinhas([csv('competencia-mes.csv', linhas)]);
        expect(episodios).toHaveLength(1);
        expect(String(episodios[0]!.achados)).toBe('');
        expect(json.entrada.registrosForaDoPeriodo).toBe(0);
    });
});

describe('typed inputs (issue 13 item 5)', () => {
    it('Parquet with integer code and identifier columns is read with its leading zeros', async () => {
        const fonte = csv('tipado.csv', episodio('2025-03-03', 10, { pessoa: CPF_ZERO }));
        const parquet = path.join(dir, 'tipado.parquet');
        const s = await SessaoDuckdb.abrir();
        await s.executar(`COPY (SELECT CAST(pessoa AS BIGINT) AS pessoa, CAST(data AS DATE) AS data, CAST(procedimento AS BIGINT) AS procedimento,
            CAST(quantidade AS INTEGER) AS quantidade, CAST(instrumento AS BIGINT) AS instrumento, CAST(procedimento_principal AS BIGINT) AS procedimento_principal,
            CAST(cnes AS INTEGER) AS cnes, CAST(competencia AS INTEGER) AS competencia
            FROM read_csv('${fonte}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT PARQUET)`);
        s.fechar();
        const { json, episodios } = await auditLinhas([parquet]);
        expect(json.entrada.registrosInvalidos).toBe(0);
        expect(episodios).toHaveLength(1);
        expect(String(episodios[0].achados)).toBe('');
        expect(episodios[0].pessoa_mascarada).toBe('***.345.678-**');
    });

    it('floating-point code columns are refused with a clear message', async () => {
        const fonte = path.join(dir, 'tipado.csv');
        const parquet = path.join(dir, 'flutuante.parquet');
        const s = await SessaoDuckdb.abrir();
        await s.executar(`COPY (SELECT pessoa, data, CAST(procedimento AS DOUBLE) AS procedimento, quantidade, instrumento, procedimento_principal, cnes
            FROM read_csv('${fonte}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT PARQUET)`);
        s.fechar();
        await expect(auditar(cat, { arquivos: [parquet] })).rejects.toThrow(AuditoriaErro);
        await expect(auditar(cat, { arquivos: [parquet] })).rejects.toThrow(/procedimento.*ponto flutuante/);
    });

    it('a production where every record is rejected exits 2, never 0 with "all invalid"', async () => {
        const arquivo = csv('tudo-ruim.csv', episodio('2025-03-03', 10, { cnes: '' }));
        const r = await run('audit', catalogoJson, '--producao', arquivo, '--out', path.join(dir, 'out-ruim'));
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/Todos os \d+ registro\(s\) foram rejeitados/);
    });
});

describe('more of art. 14 §2 (issue 13 item 6) and codes out of place (issue 20 item 4b)', () => {
    it('a conclusion dated before the last component and an exact duplicate are findings', async () => {
        const base = episodio('2025-03-03', 10);
        const antes = base.map((l, i) =>
            i === base.length - 1 ? { ...l, data: '2025-03-05' } : i === 1 ? { ...l, data: '2025-03-09' } : l
        );
        const dup = [...episodio('2025-05-05', 5, { instrumento: APAC2 })];
        dup.push({ ...dup[0] });
        const { episodios } = await auditLinhas([csv('ordem.csv', [...antes, ...dup])]);
        const porApac = new Map(episodios.map(e => [String(e.apac), String(e.achados)]));
        expect(porApac.get(APAC)).toBe(ACHADOS.conclusaoAntes);
        expect(porApac.get(APAC2)).toBe(ACHADOS.duplicado);
    });

    it('OCI codes in BPA and APACs of OCIs not in the rol are listed per code with counts', async () => {
        const ausente = '0999999999';
        const outra = cat.ocis.find(o => o.codigo !== oci.codigo)!.codigo;
        const linhas: Linha[] = [
            ...episodio('2025-03-03', 10),
            { data: '2025-03-04', procedimento: oci.codigo, instrumento: 'BPA', principal: '' },
            { data: '2025-03-04', procedimento: outra, instrumento: 'BPA', principal: '' },
            { data: '2025-03-05', procedimento: outra, instrumento: 'BPA', principal: '' },
            { data: '2025-03-04', procedimento: ausente, instrumento: APAC3, principal: ausente },
            { data: '2025-03-06', procedimento: '0301010072', instrumento: APAC3, principal: ausente }
        ];
        const { json } = await auditLinhas([csv('lugar.csv', linhas)]);
        expect(json.entrada.ociEmBpa).toEqual(
            [
                { codigo: oci.codigo, registros: 1 },
                { codigo: outra, registros: 2 }
            ].sort((a, b) => a.codigo.localeCompare(b.codigo))
        );
        expect(json.entrada.ociForaDoCatalogo).toEqual([{ codigo: ausente, registros: 2, apacs: 1 }]);
    });
});

describe("sex, age and principal CID against the OCI's público and CIDs (issue 13 item 6)", () => {
    it('reads AP_SEXO, AP_NUIDADE, AP_CIDPRI (or mapped names) and flags what the OCI does not admit', async () => {
        const mulher = cat.ocis.find(
            o =>
                o.publico.sexo === 'feminino' &&
                o.cids.length > 0 &&
                (o.publico.idadeMaximaMeses !== null || o.publico.idadeMinimaMeses >= 24) &&
                o.conclusao?.procedimentos.some(p =>
                    o.componentes.some(c => c.procedimentos.some(x => x.codigo === p.codigo))
                )
        )!;
        expect(mulher, "a women's OCI with CIDs and an age limit").toBeDefined();
        const anterior = oci;
        oci = mulher;
        try {
            const idadeOk = Math.floor(mulher.publico.idadeMinimaMeses / 12) + 1;
            const max = mulher.publico.idadeMaximaMeses;
            const velha =
                max !== null ? Math.floor(max / 12) + 1 : Math.floor(mulher.publico.idadeMinimaMeses / 12) - 1;
            const cid = mulher.cids[0];
            const casos: Array<[string, string, number, string, string]> = [
                [apac('352520000011'), 'F', idadeOk, cid, ''],
                [apac('352520000012'), 'M', idadeOk, cid, ACHADOS.sexo],
                [apac('352520000013'), 'F', velha, cid, ACHADOS.idade],
                [apac('352520000014'), 'F', idadeOk, 'R69', ACHADOS.cid],
                [apac('352520000015'), 'F', idadeOk, `${cid.slice(0, 3)}.9`, cid.length === 3 ? '' : ACHADOS.cid]
            ];
            const linhas = casos.flatMap(([numero, sexo, idade, c]) =>
                episodio('2025-03-03', 10, { instrumento: numero }).map(l =>
                    [CPF, l.data, l.procedimento, '1', numero, mulher.codigo, CNES, '202503', sexo, idade, c].join(',')
                )
            );
            const sia = path.join(dir, 'sia.csv');
            fs.writeFileSync(sia, [`${CABECALHO_CSV},AP_SEXO,AP_NUIDADE,AP_CIDPRI`, ...linhas].join('\n') + '\n');
            const mapeado = path.join(dir, 'mapeado.csv');
            fs.writeFileSync(
                mapeado,
                [`${CABECALHO_CSV},SEXO_PAC,IDADE_ANOS,CID_PRINCIPAL`, ...linhas].join('\n') + '\n'
            );
            for (const [arquivo, mapa] of [
                [sia, {}],
                [mapeado, { sexo: 'SEXO_PAC', idade: 'IDADE_ANOS', cid: 'CID_PRINCIPAL' }]
            ] as const) {
                const a = await auditar(cat, { arquivos: [arquivo], mapa });
                try {
                    const porApac = new Map(
                        (await a.consultar('SELECT apac, achados FROM episodio_auditado')).map(e => [
                            String(e.apac),
                            String(e.achados)
                        ])
                    );
                    for (const [numero, , , , achado] of casos)
                        expect(porApac.get(numero), `${numero} ${arquivo}`).toBe(achado);
                    expect(a.json.total.sexoIncompativel).toBe(1);
                } finally {
                    a.fechar();
                }
            }
            // Without those columns, no público finding.
            const { episodios } = await auditLinhas([csv('sem-paciente.csv', episodio('2025-03-03', 10))]);
            expect(String(episodios[0].achados)).toBe('');
        } finally {
            oci = anterior;
        }
    });
});

describe('APAC validity: two competências (issue 21 item 2, SIGTAP attribute 054)', () => {
    const casos: Array<[string, string, number, string | null]> = [
        ['starts on the last day of a month, ends within the next', '2025-01-31', 28, null], // 2025-02-28
        ['starts on the last day of a month, ends in the third', '2025-01-31', 29, '202501-202503'], // 2025-03-01
        ['crosses a year within the validity', '2025-12-31', 31, null], // 2026-01-31
        ['crosses a year beyond the validity', '2025-12-31', 32, '202512-202602'] // 2026-02-01
    ];
    it.each(casos)('%s', async (_nome, inicio, dias, competencias) => {
        const { episodios } = await auditLinhas([csv(`validade-${inicio}-${dias}.csv`, episodio(inicio, dias))]);
        expect(episodios).toHaveLength(1);
        expect(episodios[0].competencias_fora_da_validade).toBe(competencias);
        expect(String(episodios[0].achados).includes(ACHADOS.validade)).toBe(competencias !== null);
    });
});

describe('exit code for CI (issue 13 item 7)', () => {
    let arquivo: string;
    beforeAll(() => {
        arquivo = csv('ci.csv', [...episodio('2025-03-03', 10), { data: '2025-03-04', procedimento: ESTRANHO }]);
    });

    it('exits 0 by default, 1 with --falhar-se naming a finding that occurred or "qualquer", 0 when it did not occur', async () => {
        const out = path.join(dir, 'out-ci');
        expect((await run('audit', catalogoJson, '--producao', arquivo, '--out', out)).code).toBe(0);
        const um = await run(
            'audit',
            catalogoJson,
            '--producao',
            arquivo,
            '--out',
            out,
            '--falhar-se',
            `${ACHADOS.tempo},${ACHADOS.foraDaOci}`
        );
        expect(um.code).toBe(1);
        expect(um.err).toContain(`${ACHADOS.foraDaOci} (1)`);
        expect(fs.existsSync(path.join(out, 'auditoria.json'))).toBe(true);
        expect(
            (await run('audit', catalogoJson, '--producao', arquivo, '--out', out, '--falhar-se', 'qualquer')).code
        ).toBe(1);
        expect(
            (await run('audit', catalogoJson, '--producao', arquivo, '--out', out, '--falhar-se', ACHADOS.tempo)).code
        ).toBe(0);
    });

    it('an unknown code is a usage error (exit 2)', async () => {
        const r = await run(
            'audit',
            catalogoJson,
            '--producao',
            arquivo,
            '--out',
            path.join(dir, 'out-ci2'),
            '--falhar-se',
            'tempo/acima-do-tm'
        );
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/achado desconhecido "tempo\/acima-do-tm"/);
    });
});

describe('every finding names its dispositivo and origin (issue 20 item 2)', () => {
    it('the registry covers every code, with an origin and a citation', () => {
        const codigos = [...Object.values(ACHADOS), ...Object.values(ACHADOS_DE_REGISTRO)];
        expect(DEFINICOES.map(d => d.codigo).sort()).toEqual([...codigos].sort());
        for (const d of DEFINICOES) {
            expect(['lei', 'tabela SIGTAP', 'convenção'], d.codigo).toContain(d.origem);
            expect(d.dispositivo.length, d.codigo).toBeGreaterThan(10);
            if (d.origem === 'lei')
                expect(d.dispositivo, d.codigo).toMatch(/Portaria GM\/MS nº 3\.492\/2024, art\. \d+/);
        }
    });

    it('identificacao/pessoa-invalida no longer cites art. 14 §1 (the queue)', () => {
        expect(definicao(ACHADOS.pessoa)!.dispositivo).not.toMatch(/14 §1/);
        expect(definicao(ACHADOS.pessoa)!.origem).toBe('tabela SIGTAP');
        expect(definicao(ACHADOS_DE_REGISTRO.ociEmBpa)!.dispositivo).toMatch(/art\. 14 §2 I e art\. 16 §1/);
    });
});
