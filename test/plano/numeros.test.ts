/**
 * Issue 13, items 8, 9 and 11 — a broken number is no number; the 1st parcela is met only when
 * everything holds; the minimum content counts what is complete; --estrito. Each case is the example
 * PAR with a defect like those that really arrive (typing, a spreadsheet with three decimals, swapped
 * dates), checked through the command line (text and JSON), as a user would see it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanoOptions, RelatorioPlano } from '../../cli/src/plano-command.js';
import type { ResumoPar } from '../../language/src/plano/resumo.js';
import { exemplo, runPlano } from './helpers.js';

const PAR = exemplo('examples/par/regiao-sao-luis.par');
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-numeros-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** Writes the PAR (and the example's execucao.json beside it) in a new folder and runs `plano` in text and JSON. */
async function rodar(
    texto: string,
    opcoes: Partial<PlanoOptions> = {},
    arquivos: Record<string, string> = {}
): Promise<{
    codigo: number;
    saida: string;
    par: ResumoPar;
    diagnosticos: Array<{ code: string; severity: string; message: string }>;
}> {
    const dir = path.join(tmp, `p${n++}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'p.par'), texto);
    fs.writeFileSync(path.join(dir, 'execucao.json'), '{ "producaoFinanceiraExecutada": "1150000.00" }');
    for (const [nome, conteudo] of Object.entries(arquivos)) fs.writeFileSync(path.join(dir, nome), conteudo);
    const base = { catalogo: ['examples/pmae'], format: 'text', ...opcoes };
    const { codigo, out: saida } = await runPlano([path.join(dir, 'p.par')], base);
    const { out: json } = await runPlano([path.join(dir, 'p.par')], { ...base, format: 'json' });
    const relatorio = JSON.parse(json) as RelatorioPlano;
    const par = relatorio.planos[0] as ResumoPar & {
        diagnosticos: Array<{ code: string; severity: string; message: string }>;
    };
    return { codigo, saida, par, diagnosticos: par.diagnosticos };
}

function troca(texto: string, de: string | RegExp, para: string): string {
    if (typeof de === 'string' ? !texto.includes(de) : !de.test(texto)) throw new Error(`o exemplo não contém ${de}`);
    return texto.replace(de, para);
}

/** The PAR with a single municipality (São Luís), its population written as `populacao`. */
function umMunicipio(populacao: string): string {
    let t = troca(
        PAR,
        /territorio \{[\s\S]*?\n  \}/,
        `territorio {\n    municipio 2111300 "São Luís" populacao ${populacao}\n  }`
    );
    t = troca(t, /\n    alocacao municipio 2111201[\s\S]*?2100204 R\$ 20\.000,00/, '');
    return troca(t, 'alocacao estado R$ 400.000,00', 'alocacao estado R$ 100.000,00');
}

describe('item 8: a broken number is no number', () => {
    it.each([
        ['-500.001', 'wrong sign'],
        ['1 037 775', 'thousands with spaces'],
        ['1.037.775x', 'a letter attached']
    ])('populacao %s (%s): syntax error, no population or incentivo in the JSON or the summary', async populacao => {
        const { codigo, saida, par, diagnosticos } = await rodar(umMunicipio(populacao));
        expect(codigo).toBe(1);
        expect(diagnosticos.some(d => d.code.startsWith('sintaxe/'))).toBe(true);
        expect(par.territorio.municipios[0].populacao).toBeNull();
        expect(par.territorio.populacao).toBeNull();
        expect(par.incentivo).toMatchObject({ populacao: null, faixa: null, total: null, parcelas: [] });
        expect(saida).toContain('População de abrangência: indeterminada');
        expect(saida).not.toMatch(
            /R\$ 600\.000,00|R\$ 360\.000,00|R\$ 1\.200\.000,00 —|500\.001 habitantes|1 habitantes/
        );
        // Nor does the minimum content count the territory as complete.
        expect(par.conteudoMinimo.find(c => c.descricao === 'território de abrangência')).toMatchObject({
            presente: true,
            completo: false
        });
    });

    it('a date with a syntax error (2025-0220): missing from the JSON, and the 1st parcela stays pending', async () => {
        const { par } = await rodar(troca(PAR, 'de 2025-02-20', 'de 2025-0220'));
        expect(par.aprovacao.cib?.data).toBeNull();
        const [p1] = par.incentivo.parcelas;
        expect(p1?.situacao).toBe('pendente');
        expect(p1?.pendencias.join('; ')).toContain('data válida da resolução da CIB');
    });

    it('vigência with a syntax error: null in the JSON', async () => {
        const { par } = await rodar(
            troca(PAR, 'vigencia 2025-03-01 a 2026-12-31', 'vigencia 2025-03-01 a 2026-12-31x')
        );
        // The whole line: a syntax error on it removes both dates (valores-quebrados.ts).
        expect(par.vigencia).toEqual({ inicio: null, fim: null });
    });

    it('planned production with three decimal places: par/valor-invalido, no planned production, no condition', async () => {
        const { codigo, saida, par, diagnosticos } = await rodar(
            troca(PAR, 'producao prevista R$ 2.200.000,00', 'producao prevista R$ 2.200.000,001')
        );
        expect(codigo).toBe(1);
        expect(diagnosticos.filter(d => d.code === 'par/valor-invalido')).toHaveLength(1);
        // Neither the unreadable declared one, nor the computed one in its place, nor the divergence
        // "R$ 2.200.000,00 ≠ R$ 2.200.000,00".
        expect(diagnosticos.map(d => d.code)).not.toContain('incentivo/producao-prevista-divergente');
        expect(diagnosticos.map(d => d.code)).not.toContain('incentivo/segunda-parcela');
        const p2 = par.incentivo.parcelas[1]!;
        expect(p2).toMatchObject({
            situacao: 'sem-producao-prevista',
            producaoPrevista: null,
            limiar: null,
            falta: null,
            producaoPrevistaInvalida: true
        });
        expect(saida).toContain('produção prevista ilegível');
        expect(saida).not.toContain('R$ 0,00');
    });

    it('allocation with three decimal places: value null, no mismatch of "R$ 0,00", 1st parcela pending', async () => {
        const { saida, par, diagnosticos } = await rodar(
            troca(PAR, 'alocacao estado R$ 400.000,00', 'alocacao estado R$ 400.000,001')
        );
        expect(diagnosticos.filter(d => d.code === 'par/valor-invalido')).toHaveLength(1);
        expect(diagnosticos.map(d => d.code)).not.toContain('incentivo/alocacao-divergente');
        expect(par.incentivo.alocacao).toMatchObject({ total: null, confere: null });
        expect(par.incentivo.alocacao.itens[0].valor).toBeNull();
        expect(par.incentivo.parcelas[0]?.situacao).toBe('pendente');
        expect(saida).not.toContain('R$ 0,00');
    });

    it.each([
        ['"1099999.999"', 'text with three decimals'],
        ['"R$ 1.099.999,999"', 'reais with three decimals'],
        ['1099999.999', 'number with three decimals'],
        ['1099999.9999999999999', 'a number JSON would round to 1100000']
    ])('--execucao %s (%s): refused (exit 2), never rounded into "faltam R$ 0,00"', async valor => {
        const arquivo = path.join(tmp, `e${n++}.json`);
        fs.writeFileSync(arquivo, `{ "producaoFinanceiraExecutada": ${valor} }`);
        await expect(rodar(PAR, { execucao: arquivo })).rejects.toThrow(
            /producaoFinanceiraExecutada" inválida: .*no máximo duas casas decimais/
        );
    });

    it('the execucao.json of the PAR with three decimals: incentivo/execucao-indisponivel, no condition', async () => {
        const dir = path.join(tmp, `x${n++}`);
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'tres.json'), '{ "producaoFinanceiraExecutada": 1099999.999 }');
        const { par, diagnosticos } = await rodar(
            troca(
                PAR,
                'execucao "execucao.json"',
                `execucao ${JSON.stringify(path.relative(path.join(tmp, `p${n}`), path.join(dir, 'tres.json')))}`
            )
        );
        expect(diagnosticos.find(d => d.code === 'incentivo/execucao-indisponivel')?.message).toContain(
            'no máximo duas casas decimais'
        );
        expect(par.incentivo.parcelas[1]).toMatchObject({
            situacao: 'sem-dados-de-execucao',
            executada: null,
            falta: null
        });
    });

    it('a JSON number with two decimals counts exactly as written', async () => {
        const arquivo = path.join(tmp, `e${n++}.json`);
        fs.writeFileSync(arquivo, '{ "producaoFinanceiraExecutada": 1099999.99 }');
        const { par } = await rodar(PAR, { execucao: arquivo });
        expect(par.incentivo.parcelas[1]).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            executada: { reais: '1099999.99' },
            falta: { reais: '0.01' }
        });
    });

    it('the difference is never "R$ 0,00": a threshold of half a centavo, the shortfall rounded up', async () => {
        // Planned R$ 2.200.000,01 → threshold R$ 1.100.000,005; executed R$ 1.100.000,00 → short by R$ 0,01
        // (not "R$ 0,00").
        const arquivo = path.join(tmp, `e${n++}.json`);
        fs.writeFileSync(arquivo, '{ "producaoFinanceiraExecutada": "1100000.00" }');
        const { saida, par } = await rodar(
            troca(PAR, 'producao prevista R$ 2.200.000,00', 'producao prevista R$ 2.200.000,01'),
            { execucao: arquivo }
        );
        expect(par.incentivo.parcelas[1]).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            falta: { reais: '0.01', texto: 'R$ 0,01' }
        });
        expect(saida).toContain('faltam R$ 0,01');
        expect(saida).not.toContain('R$ 0,00');
    });

    it('condition met: no "falta" of R$ 0,00 in the JSON', async () => {
        const { par } = await rodar(PAR);
        expect(par.incentivo.parcelas[1]).toMatchObject({ situacao: 'condicao-cumprida', falta: null });
    });
});

describe('item 9: the 1st parcela is met only when every condition holds', () => {
    it('the example: conditions met, 14 of 14 items complete', async () => {
        const { saida, par } = await rodar(PAR);
        expect(par.incentivo.parcelas[0]).toMatchObject({ situacao: 'condicoes-cumpridas', pendencias: [] });
        expect(saida).toContain('Conteúdo mínimo (arts. 8 e 9): 14 de 14 itens completos');
    });

    it('a queue without the waiting-time meta: 13 of 14 items, 1st parcela pending', async () => {
        const { saida, par } = await rodar(troca(PAR, '    meta espera de 150 dias para 45 dias ate 2026-12-31\n', ''));
        expect(saida).toContain('13 de 14 itens completos');
        expect(saida).toContain('fila cardio sem meta de redução do tempo de espera');
        expect(par.conteudoMinimo.find(c => c.dispositivo === 'art. 9 V')).toMatchObject({
            presente: true,
            completo: false
        });
        expect(par.incentivo.parcelas[0]?.situacao).toBe('pendente');
        expect(par.incentivo.parcelas[0]?.pendencias[0]).toMatch(/^conteúdo mínimo do PAR incompleto/);
    });

    it('a queue without an information system, and responsibilities of the Estado only: two items incomplete', async () => {
        let t = troca(PAR, '    sistema "Sistema municipal de regulação de São Luís"\n', '');
        t = troca(t, /  responsabilidade municipios [\s\S]*?\n  \}\n/, '');
        const { saida } = await rodar(t);
        expect(saida).toContain('12 de 14 itens completos');
        expect(saida).toContain('fila olhos_ossos sem sistema de informação');
        expect(saida).toContain('sem as dos municípios');
    });

    it('CIB resolution after the SAES approval: par/cib-depois-da-saes, pending', async () => {
        const { par, diagnosticos } = await rodar(troca(PAR, '" de 2025-02-20 {', '" de 2025-06-20 {'));
        expect(diagnosticos.find(d => d.code === 'par/cib-depois-da-saes')).toMatchObject({ severity: 'error' });
        expect(par.incentivo.parcelas[0]?.situacao).toBe('pendente');
        expect(par.incentivo.parcelas[0]?.pendencias.join('; ')).toContain('posterior à aprovação pela SAES');
    });

    it('SAES approval dated in the future: par/data-futura, pending', async () => {
        const { par, diagnosticos } = await rodar(troca(PAR, 'de 2025-05-15', 'de 2999-05-15'));
        expect(diagnosticos.find(d => d.code === 'par/data-futura')).toMatchObject({ severity: 'warning' });
        expect(par.incentivo.parcelas[0]?.situacao).toBe('pendente');
    });

    it('termo de adesão before the publication of the portaria: par/data-antes-da-portaria, pending', async () => {
        const { par, diagnosticos } = await rodar(troca(PAR, 'de 2025-02-25', 'de 2024-04-10'));
        expect(diagnosticos.find(d => d.code === 'par/data-antes-da-portaria')?.message).toContain('10/04/2024');
        expect(par.incentivo.parcelas[0]?.situacao).toBe('pendente');
    });

    it('the JSON says which production counts for the 2nd parcela and why', async () => {
        const { par } = await rodar(PAR);
        const p2 = par.incentivo.parcelas[1]!;
        expect(p2.criterio.conta).toContain('valor informado');
        expect(p2.criterio.porque).toContain('art. 15 §2 II');
        expect(p2.criterio.dispositivos).toContain('art. 15 §2 II');
    });
});

describe('issue 20, 4e: a state-wide coverage lists every município of the UF (art. 8 II; art. 15 §1)', () => {
    it('state-wide PAR of MA with 5 of its 217 municípios: territorio/estado-incompleto, incentivo not computed', async () => {
        const { codigo, par, diagnosticos } = await rodar(
            troca(PAR, 'abrangencia regiao "São Luís"', 'abrangencia estado')
        );
        expect(codigo).toBe(1);
        expect(diagnosticos.find(d => d.code === 'territorio/estado-incompleto')?.message).toContain(
            'não lista 212 município(s) de MA'
        );
        expect(par.incentivo).toMatchObject({
            total: null,
            parcelas: [],
            lacuna: { codigo: 'territorio/estado-incompleto' }
        });
        expect(par.territorio.populacao).toBeNull();
    });

    it('state-wide PAR of DF with Brasília (its only município): no such error', async () => {
        let t = troca(PAR, 'uf MA', 'uf DF');
        t = troca(t, 'abrangencia regiao "São Luís"', 'abrangencia estado');
        t = troca(
            t,
            /territorio \{[\s\S]*?\n  \}/,
            'territorio {\n    municipio 5300108 "Brasília" populacao 2.817.068\n  }'
        );
        const { diagnosticos, par } = await rodar(t);
        expect(diagnosticos.map(d => d.code)).not.toContain('territorio/estado-incompleto');
        expect(par.territorio.populacao).toBe(2817068);
    });
});

describe('item 11: gaps of art. 15 §1 — warning by default, error with --estrito', () => {
    it.each([
        ['500.000', 'incentivo/lacuna-500-mil'],
        ['100.000', 'incentivo/ate-100-mil']
    ])('population %s: %s', async (populacao, code) => {
        const padrao = await rodar(umMunicipio(populacao));
        expect(padrao.diagnosticos.find(d => d.code === code)?.severity).toBe('warning');
        expect(padrao.codigo).toBe(0);
        const estrito = await rodar(umMunicipio(populacao), { estrito: true });
        expect(estrito.diagnosticos.find(d => d.code === code)?.severity).toBe('error');
        expect(estrito.codigo).toBe(1);
    });

    it('oci-catalogo.yaml with "plano: estrito: true" does the same as --estrito', async () => {
        const r = await rodar(umMunicipio('500.000'), {}, { 'oci-catalogo.yaml': 'plano:\n  estrito: true\n' });
        expect(r.diagnosticos.find(d => d.code === 'incentivo/lacuna-500-mil')?.severity).toBe('error');
        expect(r.codigo).toBe(1);
    });
});
