/**
 * The double-billing window of an episode with no dated component (the 10-million-record run
 * published one cobranca/dupla more than the truth). An APAC of an OCI whose components are all
 * missing has only its own record (the OCI's code) to date it; a foreign procedure in the APAC
 * stretched the window to its own date + tM, and legitimate BPA production after the real window
 * became a false cobranca/dupla. And when even the OCI's record is dated out of the period, the
 * episode has no dates: the generator's truth no longer claims a double billing there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditar } from '../../language/src/audit/auditoria.js';
import { apacDigito } from '../../language/src/audit/identificadores.js';
import { ACHADOS, type Achado } from '../../language/src/audit/sql.js';
import { CABECALHO_CSV, generateProducao, linhaCsv } from '../../language/src/audit/synthetic.js';
import type { CatalogoJson, OciJson } from '../../language/src/generator/catalogo-json.js';
import { catalogoExemplo } from './helpers.js';

let dir: string;
let cat: CatalogoJson;
let oci: OciJson;
const CPF = '52998224725';
const CPF2 = '11144477735';
const apac = (doze: string) => doze + apacDigito(doze);
const dia = (inicio: string, k: number) =>
    new Date(Date.parse(`${inicio}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
const linha = (pessoa: string, data: string, procedimento: string, instrumento: string, principal: string) =>
    [pessoa, data, procedimento, '1', instrumento, principal, '2100001', data.slice(0, 7).replace('-', '')].join(',');

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-janela-'));
    cat = await catalogoExemplo();
    oci = cat.ocis.find(o => (o.tM ?? 0) >= 30 && o.componentes.length > 0)!;
    expect(oci).toBeDefined();
});

afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('the double-billing window of an episode without dated components', () => {
    it("rests on the OCI's own record, never on a foreign procedure of the APAC", async () => {
        const tm = oci.tM!;
        const componentes = new Set(
            cat.ocis.flatMap(o => o.componentes.flatMap(c => c.procedimentos.map(p => p.codigo)))
        );
        const estranho = ['0202010473', '0202010120', '0301100039', '0211060011', '0205020046'].find(
            c => !componentes.has(c)
        )!;
        const membro = oci.componentes[0].procedimentos[0].codigo;
        const d0 = '2025-03-03';
        const [a1, a2] = [apac('352520000001'), apac('352520000002')];
        const arquivo = path.join(dir, 'sem-componentes.csv');
        fs.writeFileSync(
            arquivo,
            [
                CABECALHO_CSV,
                // Person 1: the OCI's record only, a foreign procedure 20 days after d0 + tM, and a component
                // billed in BPA 10 days after d0 + tM: outside the episode's window (legitimate).
                linha(CPF, d0, oci.codigo, a1, oci.codigo),
                linha(CPF, dia(d0, tm + 20), estranho, a1, oci.codigo),
                linha(CPF, dia(d0, tm + 10), membro, 'BPA', ''),
                // Person 2, the same shape with the BPA record 5 days before d0 + tM: inside the window.
                linha(CPF2, d0, oci.codigo, a2, oci.codigo),
                linha(CPF2, dia(d0, tm + 20), estranho, a2, oci.codigo),
                linha(CPF2, dia(d0, tm - 5), membro, 'BPA', '')
            ].join('\n') + '\n'
        );
        const a = await auditar(cat, { arquivos: [arquivo] });
        try {
            const episodios = await a.consultar('SELECT apac, achados FROM episodio_auditado ORDER BY apac');
            expect(episodios.map(e => e.apac)).toEqual([a1, a2]);
            expect(String(episodios[0].achados)).toContain(ACHADOS.foraDaOci);
            expect(String(episodios[0].achados)).not.toContain(ACHADOS.cobranca);
            expect(String(episodios[1].achados)).toContain(ACHADOS.cobranca);
            expect(a.json.total.cobrancaDupla.episodios).toBe(1);
        } finally {
            a.fechar();
        }
    }, 60_000);

    it('generated production where every finding is frequent (10%): cobranca/dupla has precision and recall 1', async () => {
        // High rates make the rare combinations (components dropped, principal's date a typo, foreign
        // procedure, legitimate production after the window) appear in a small file.
        const linhas = [CABECALHO_CSV];
        const verdade = generateProducao(
            cat,
            {
                episodios: 20_000,
                semente: 2,
                meses: 12,
                estabelecimentos: 200,
                ruido: 1,
                taxas: Object.fromEntries(Object.values(ACHADOS).map(x => [x, 0.1])) as Partial<Record<Achado, number>>
            },
            r => {
                linhas.push(linhaCsv(r));
            }
        );
        const arquivo = path.join(dir, 'gerada.csv');
        fs.writeFileSync(arquivo, linhas.join('\n') + '\n');
        const a = await auditar(cat, { arquivos: [arquivo] });
        try {
            const encontrados = new Set(
                (await a.consultar('SELECT apac FROM episodio_auditado WHERE cobranca_dupla = 1')).map(l =>
                    String(l.apac)
                )
            );
            const injetados = verdade.achados[ACHADOS.cobranca];
            expect(injetados.size).toBeGreaterThan(1000);
            expect({
                falsosPositivos: [...encontrados].filter(x => !injetados.has(x)),
                falsosNegativos: [...injetados].filter(x => !encontrados.has(x))
            }).toEqual({ falsosPositivos: [], falsosNegativos: [] });
            const centavos = [...verdade.cobrancaDupla.values()].reduce((x, y) => x + y, 0);
            expect(a.json.total.cobrancaDupla.valor.centavos).toBe(centavos);
        } finally {
            a.fechar();
        }
    }, 60_000);
});
