/**
 * `oci-catalogo diff`: a semantic diff of the real example against a modified copy (a value, a tR,
 * an OCI removed, one added, a component added, a rename, public/modalities/conclusion changes),
 * as JSON (schema-valid, deterministic) and Markdown, with the financial impact of volumes
 * computed by hand; volumes CSV errors with line numbers; `--git` over a temporary repository.
 */
import { runCli as run } from '../cli-harness.js';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffCatalogos, type CatalogoDiff, type OciAlteracao } from '../../language/src/diff/catalogo-diff.js';
import { diffMarkdown } from '../../language/src/diff/diff-markdown.js';
import { VolumesError, parseVolumes } from '../../language/src/diff/volumes.js';
import type { CatalogoJson } from '../../language/src/generator/catalogo-json.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

/** Replaces inside the block of one OCI only (from `oci CODE` to its closing brace). */
function editOci(text: string, code: string, edit: (block: string) => string): string {
    const start = text.indexOf(`oci ${code}`);
    if (start < 0) throw new Error(`OCI ${code} not found`);
    const end = text.indexOf('\n}\n', start) + 3;
    const block = text.slice(start, end);
    const changed = edit(block);
    if (changed === block) throw new Error(`edit of ${code} changed nothing`);
    return text.slice(0, start) + changed + text.slice(end);
}

function replaceOnce(text: string, from: string, to: string): string {
    if (!text.includes(from)) throw new Error(`"${from}" not found`);
    return text.replace(from, to);
}

const MAMA = '09.01.01.001-4';
const PROSTATA = '09.01.01.004-9';
const COLO = '09.01.01.005-7';
const GASTRICO = '09.01.01.007-3';
const NOVA = '09.01.01.099-5';

/**
 * The modifications of the example, all still free of errors:
 *  - mama: gestão clínica R$ 8,92 → R$ 19,27 and declared value R$ 125,00 → R$ 135,35 (+R$ 10,35);
 *  - próstata: tR 21 → 14 dias, teleconsultoria dropped;
 *  - colo do útero: removed (R$ 100,00);
 *  - gástrico: a component added (eventual mamografia, qt 1, 50% × R$ 20,00 = R$ 10,00 → value +R$ 10,00),
 *    renamed, age 18 → 16 anos;
 *  - a new OCI 09.01.01.099-5 (a copy of mama under a new code and name: R$ 125,00).
 */
function modify(files: Map<string, string>): void {
    let onco = files.get('oncologia.oci')!;
    const mamaBlock = onco.slice(onco.indexOf(`oci ${MAMA}`), onco.indexOf('\n}\n', onco.indexOf(`oci ${MAMA}`)) + 3);
    onco = editOci(onco, MAMA, b =>
        replaceOnce(
            replaceOnce(b, 'gestao_clinica R$ 8,92', 'gestao_clinica R$ 19,27'),
            'valor R$ 125,00',
            'valor R$ 135,35'
        )
    );
    onco = editOci(onco, PROSTATA, b =>
        replaceOnce(
            replaceOnce(b, 'tR 21 dias', 'tR 14 dias'),
            'remoto teleconsulta, teleconsultoria',
            'remoto teleconsulta'
        )
    );
    onco = editOci(onco, COLO, () => '');
    onco = editOci(onco, GASTRICO, b =>
        replaceOnce(
            replaceOnce(
                replaceOnce(
                    b,
                    '  conclusao consulta',
                    '  eventual 02.04.03.003-0 "MAMOGRAFIA" qt 1 frequencia 50% estimativa R$ 20,00\n  conclusao consulta'
                ),
                '"OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER GÁSTRICO"',
                '"OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE ESTÔMAGO"'
            ),
            'idade 18 anos ou mais',
            'idade 16 anos ou mais'
        )
    );
    onco +=
        '\n' +
        replaceOnce(
            replaceOnce(mamaBlock, `oci ${MAMA}`, `oci ${NOVA}`),
            'OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA',
            'OCI NOVA DE TESTE'
        );
    files.set('oncologia.oci', onco);
}

function copyExample(to: string, change?: (files: Map<string, string>) => void): void {
    fs.cpSync(EXAMPLE, to, { recursive: true });
    const files = new Map(
        fs
            .readdirSync(to)
            .filter(f => f.endsWith('.oci'))
            .map(f => [f, fs.readFileSync(path.join(to, f), 'utf8')])
    );
    change?.(files);
    for (const [f, text] of files) fs.writeFileSync(path.join(to, f), text);
}

let dir: string;
let novo: string;
let antigoJson: CatalogoJson;
let novoJson: CatalogoJson;
let diff: CatalogoDiff;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-diff-'));
    novo = path.join(dir, 'novo');
    copyExample(novo, modify);
    for (const [src, out] of [
        [EXAMPLE, 'antigo-out'],
        [novo, 'novo-out']
    ]) {
        const r = await run('build', src, '--out', path.join(dir, out));
        expect(r.code, r.err).toBe(0);
    }
    antigoJson = JSON.parse(fs.readFileSync(path.join(dir, 'antigo-out/catalogo.json'), 'utf8'));
    novoJson = JSON.parse(fs.readFileSync(path.join(dir, 'novo-out/catalogo.json'), 'utf8'));
    diff = diffCatalogos(antigoJson, novoJson);
}, 60_000);
afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

function changed(code: string): OciAlteracao {
    const found = diff.ocis.alteradas.find(a => a.codigoFormatado === code);
    if (!found)
        throw new Error(
            `${code} not among the changed OCIs: ${diff.ocis.alteradas.map(a => a.codigoFormatado).join(', ')}`
        );
    return found;
}

describe('diffCatalogos (semantic diff over CatalogoJson)', { timeout: 60_000 }, () => {
    it('finds the added and removed OCIs', () => {
        expect(diff.ocis.adicionadas.map(o => [o.codigoFormatado, o.nome, o.valor.reais])).toEqual([
            [NOVA, 'OCI NOVA DE TESTE', '125.00']
        ]);
        expect(diff.ocis.removidas.map(o => [o.codigoFormatado, o.valor.reais])).toEqual([[COLO, '100.00']]);
    });

    it('changes only the OCIs that were touched, in code order', () => {
        expect(diff.ocis.alteradas.map(a => a.codigoFormatado)).toEqual([MAMA, PROSTATA, GASTRICO]);
        expect(diff.resumo).toMatchObject({
            ocisAntes: 34,
            ocisDepois: 34,
            adicionadas: 1,
            removidas: 1,
            alteradas: 3,
            renomeadas: 1,
            comValorAlterado: 2,
            semMudancas: false
        });
    });

    it('reports a value change with old → new and the exact difference, and the technology line that moved it', () => {
        const mama = changed(MAMA);
        expect(mama.valor).toEqual({
            antes: { reais: '125.00', centavos: 12500 },
            depois: { reais: '135.35', centavos: 13535 },
            diferenca: { reais: '10.35', centavos: 1035 }
        });
        expect(mama.valorDeclarado).toEqual({
            antes: { reais: '125.00', centavos: 12500 },
            depois: { reais: '135.35', centavos: 13535 },
            diferenca: { reais: '10.35', centavos: 1035 }
        });
        expect(mama.valorSigtap).toBeNull();
        expect(mama.tecnologias?.alteradas.map(t => [t.nome, t.valor?.diferenca.reais])).toEqual([
            ['gestao_clinica', '10.35']
        ]);
        expect(mama.tR).toBeNull();
        expect(mama.componentes).toBeNull();
        expect(mama.renomeada).toBeNull();
    });

    it('reports tR and modality changes', () => {
        const prostata = changed(PROSTATA);
        expect(prostata.tR).toEqual({ antes: 21, depois: 14 });
        expect(prostata.tM).toBeNull();
        expect(prostata.modalidadesRemotas).toEqual({ adicionados: [], removidos: ['teleconsultoria'] });
        expect(prostata.valor).toBeNull();
    });

    it('reports an added component, a rename and an age change', () => {
        const g = changed(GASTRICO);
        expect(g.renomeada).toEqual({
            antes: 'OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER GÁSTRICO',
            depois: 'OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE ESTÔMAGO'
        });
        expect(g.nome).toBe('OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE ESTÔMAGO');
        expect(
            g.componentes?.adicionados.map(c => [
                c.tipo,
                c.procedimentos[0].codigoFormatado,
                c.qt,
                c.frequencia,
                c.estimativa.reais,
                c.valor.reais
            ])
        ).toEqual([['eventual', '02.04.03.003-0', 1, '0.5', '20.00', '10.00']]);
        expect(g.componentes?.removidos).toEqual([]);
        expect(g.componentes?.alterados).toEqual([]);
        expect(g.publico?.antes.idadeMinimaMeses).toBe(216);
        expect(g.publico?.depois.idadeMinimaMeses).toBe(192);
        expect(g.valor?.diferenca).toEqual({ reais: '10.00', centavos: 1000 });
        expect(g.valorDeclarado).toBeNull();
    });

    it('totals exactly', () => {
        // 8.304,39 − 100,00 (removed) + 125,00 (added) + 10,35 (mama) + 10,00 (gástrico) = 8.349,74
        expect(diff.resumo.valorTotal).toEqual({
            antes: { reais: '8304.39', centavos: 830439 },
            depois: { reais: '8349.74', centavos: 834974 },
            diferenca: { reais: '45.35', centavos: 4535 }
        });
    });

    it('finds component field changes (tipo, qt, frequency, estimate) and conclusion/contrarreferência/CID changes', () => {
        const a = structuredClone(antigoJson);
        const b = structuredClone(antigoJson);
        const oci = b.ocis.find(o => o.codigoFormatado === MAMA)!;
        const eventual = oci.componentes.find(c => c.tipo === 'eventual')!;
        eventual.qt = 2;
        eventual.frequencia = '0.5';
        eventual.estimativa = { reais: '55.00', centavos: 5500 };
        const consulta = oci.componentes.find(c => c.grupo === 'consulta')!;
        consulta.tipo = 'eventual';
        oci.conclusao = { grupo: null, procedimentos: [oci.componentes[0].procedimentos[0]] };
        oci.contrarreferencia = { destino: 'aps', descricao: null };
        oci.cids = [...oci.cids.filter(c => c !== 'D05'), 'Z00'];
        oci.publico.sexo = 'feminino';
        const d = diffCatalogos(a, b).ocis.alteradas[0];
        expect(d.codigoFormatado).toBe(MAMA);
        const ev = d.componentes!.alterados.find(c => c.chave === '0205020097')!;
        expect(ev.qt).toEqual({ antes: 1, depois: 2 });
        expect(ev.frequencia).toEqual({ antes: '0.4', depois: '0.5' });
        expect(ev.estimativa).toMatchObject({
            antes: { reais: '50.82' },
            depois: { reais: '55.00' },
            diferenca: { reais: '4.18', centavos: 418 }
        });
        expect(d.componentes!.alterados.find(c => c.chave === 'grupo:consulta')!.tipo).toEqual({
            antes: 'obrigatorio',
            depois: 'eventual'
        });
        expect(d.conclusao?.antes?.grupo).toBe('consulta');
        expect(d.conclusao?.depois?.procedimentos[0].codigoFormatado).toBe('02.04.03.003-0');
        expect(d.contrarreferencia?.depois).toEqual({ destino: 'aps', descricao: null });
        expect(d.cids).toEqual({ adicionados: ['Z00'], removidos: ['D05'] });
        expect(d.publico?.depois.sexo).toBe('feminino');
        const md = diffMarkdown(diffCatalogos(a, b));
        expect(md).toContain('| componente 02.05.02.009-7 ULTRASSONOGRAFIA MAMARIA BILATERAL: qt | 1 | 2 |');
        expect(md).toContain(
            '| componente 02.05.02.009-7 ULTRASSONOGRAFIA MAMARIA BILATERAL: frequência | 40% | 50% |'
        );
        expect(md).toContain('| componente um de "consulta": tipo | obrigatório | eventual |');
        expect(md).toContain('| CIDs | − D05 | + Z00 |');
        expect(md).toContain('| público: sexo | ambos | feminino |');
    });

    it('cuts the per-OCI details, last first, to fit a GitHub comment', () => {
        const full = diffMarkdown(diff);
        expect(full).not.toContain('omitidos');
        const cut = diffMarkdown(diff, { limite: full.length - 1 });
        expect(cut.length).toBeLessThanOrEqual(full.length - 1);
        expect(cut).toContain(`_Detalhes de 1 OCI omitidos para caber num comentário (${GASTRICO})`);
        expect(cut).toContain(`#### ${PROSTATA}`);
        expect(cut).not.toContain(`#### ${GASTRICO}`);
        expect(cut.split('\n')[0]).toBe(full.split('\n')[0]);
        expect(diffMarkdown(diff, { limite: 0 })).toBe(full);
    });

    it('says so when nothing changed', () => {
        const same = diffCatalogos(antigoJson, structuredClone(antigoJson));
        expect(same.resumo.semMudancas).toBe(true);
        expect(same.ocis).toEqual({ adicionadas: [], removidas: [], alteradas: [] });
        expect(diffMarkdown(same).split('\n')[0]).toBe(
            '**Diferenças no catálogo "Rol de OCI — Programa Mais Acesso a Especialistas (PMAE)"**: nenhuma mudança (34 OCIs; soma dos valores R$ 8.304,39).'
        );
    });
});

describe('financial impact (--volumes)', { timeout: 60_000 }, () => {
    // Hand-computed: mama +10,35 × 1.234 = +12.771,90; gástrico +10,00 × 300 = +3.000,00;
    // colo (removed) −100,00 × 200 = −20.000,00; nova (added) +125,00 × 7 = +875,00;
    // total = 12.771,90 + 3.000,00 − 20.000,00 + 875,00 = −3.353,10.
    const VOLUMES =
        'codigo,quantidade\r\n09.01.01.001-4,1234\r\n0901010073,300\r\n\r\n09.01.01.005-7;200\r\n"0901010995",7\r\n09.02.01.001-8,50\r\n09.01.01.004-9,999\r\n';

    it('multiplies each OCI difference by its volume, exactly, and totals', () => {
        const d = diffCatalogos(antigoJson, novoJson, parseVolumes(VOLUMES));
        expect(
            d.impacto!.ocis.map(o => [
                o.codigoFormatado,
                o.situacao,
                o.diferenca.reais,
                o.volume,
                o.impacto.reais,
                o.impacto.centavos
            ])
        ).toEqual([
            [MAMA, 'alterada', '10.35', 1234, '12771.90', 1277190],
            [COLO, 'removida', '-100.00', 200, '-20000.00', -2000000],
            [GASTRICO, 'alterada', '10.00', 300, '3000.00', 300000],
            [NOVA, 'adicionada', '125.00', 7, '875.00', 87500]
        ]);
        expect(d.impacto!.total).toEqual({ reais: '-3353.10', centavos: -335310 });
        // próstata has a volume but no value change: not an impact row; 09.02.01.001-8 is unchanged.
        expect(d.impacto!.semVolume).toEqual([]);
        expect(d.impacto!.codigosSemOci).toEqual([]);
    });

    it('lists OCIs without volume and volume codes that are no OCI', () => {
        const d = diffCatalogos(antigoJson, novoJson, parseVolumes('09.01.01.001-4,10\n09.01.01.098-7,5\n'));
        expect(d.impacto!.ocis.map(o => o.codigoFormatado)).toEqual([MAMA]);
        expect(d.impacto!.total.reais).toBe('103.50');
        expect(d.impacto!.semVolume.map(o => o.codigoFormatado)).toEqual([COLO, GASTRICO, NOVA]);
        expect(d.impacto!.codigosSemOci).toEqual(['0901010987']);
    });

    it('prints the impact table and the total in the Markdown, and the total on the summary line', async () => {
        const csv = path.join(dir, 'volumes.csv');
        fs.writeFileSync(csv, VOLUMES);
        const r = await run('diff', EXAMPLE, novo, '--volumes', csv);
        expect(r.code, r.err).toBe(0);
        const first = r.out.split('\n')[0];
        expect(first).toBe(
            '**Diferenças no catálogo "Rol de OCI — Programa Mais Acesso a Especialistas (PMAE)"**: 1 OCI adicionada, 1 OCI removida, 3 OCIs alteradas (1 renomeada, 2 com valor novo); soma dos valores R$ 8.304,39 → R$ 8.349,74 (+R$ 45,35); impacto financeiro estimado -R$ 3.353,10.'
        );
        expect(r.out).toContain('### Impacto financeiro (volumes de `volumes.csv`)');
        expect(r.out).toContain(
            '| 09.01.01.001-4 | OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA | alterada | R$ 125,00 | R$ 135,35 | +R$ 10,35 | 1.234 | +R$ 12.771,90 |'
        );
        expect(r.out).toContain(
            '| 09.01.01.005-7 | OCI INVESTIGAÇÃO DIAGNÓSTICA DE CÂNCER DE COLO DO ÚTERO | removida | R$ 100,00 | — | -R$ 100,00 | 200 | -R$ 20.000,00 |'
        );
        expect(r.out).toContain('| **Total** |  |  |  |  |  |  | **-R$ 3.353,10** |');
        const json = JSON.parse(
            (await run('diff', EXAMPLE, novo, '--volumes', csv, '--format', 'json')).out
        ) as CatalogoDiff;
        expect(json.impacto!.total.reais).toBe('-3353.10');
    });

    it('rejects a bad volumes file with every problem and its line number (exit 2)', async () => {
        const bad =
            'code,quantity\n09.01.01.001-4,12\n09.01.01.001-5,3\nabc,4\n09.01.01.004-9,1.200\n0901010014,8\n09.01.01.007-3\n09.01.01.007-3,-1\n';
        let problems: string[] = [];
        try {
            parseVolumes(bad, 'volumes.csv');
        } catch (error) {
            expect(error).toBeInstanceOf(VolumesError);
            problems = (error as VolumesError).problems;
        }
        expect(problems).toEqual([
            'volumes.csv:3: dígito verificador inválido no código "09.01.01.001-5"',
            'volumes.csv:4: código de OCI inválido "abc" (use 09.01.01.001-4 ou 0901010014)',
            'volumes.csv:5: quantidade inválida "1.200" para 09.01.01.004-9 (use um número inteiro não negativo, sem separador de milhar)',
            'volumes.csv:6: o código 0901010014 já apareceu na linha 2',
            'volumes.csv:7: esperados 2 campos (código,quantidade), há 1: "09.01.01.007-3"',
            'volumes.csv:8: quantidade inválida "-1" para 09.01.01.007-3 (use um número inteiro não negativo, sem separador de milhar)'
        ]);
        const csv = path.join(dir, 'ruim.csv');
        fs.writeFileSync(csv, bad);
        const r = await run('diff', EXAMPLE, novo, '--volumes', csv);
        expect(r.code).toBe(2);
        expect(r.err).toContain('ruim.csv:3: dígito verificador inválido');
        expect(r.err).toContain('Arquivo de volumes inválido');
        expect(r.out).toBe('');
        expect((await run('diff', EXAMPLE, novo, '--volumes', path.join(dir, 'nao-existe.csv'))).code).toBe(2);
    });

    it('accepts a file without header, with BOM and ; or tab separators', () => {
        const v = parseVolumes('\uFEFF0901010014;10\n09.01.01.004-9\t20\n');
        expect([...v]).toEqual([
            ['0901010014', 10],
            ['0901010049', 20]
        ]);
    });
});

describe('oci-catalogo diff (command)', { timeout: 60_000 }, () => {
    it('JSON: the same diff from folders and from built catalogo.json files, valid against its schema, deterministic', async () => {
        const fromFolders = await run('diff', EXAMPLE, novo, '--format', 'json');
        expect(fromFolders.code, fromFolders.err).toBe(0);
        const again = await run('diff', EXAMPLE, novo, '--format', 'json');
        expect(again.out).toBe(fromFolders.out);
        const fromJson = await run(
            'diff',
            path.join(dir, 'antigo-out/catalogo.json'),
            path.join(dir, 'novo-out/catalogo.json'),
            '--format',
            'json'
        );
        expect(fromJson.code, fromJson.err).toBe(0);
        expect(fromJson.out).toBe(fromFolders.out);
        const parsed = JSON.parse(fromFolders.out);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(diff)));
        expect(parsed.formato).toBe('oci-catalogo-diff/1');

        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/catalogo.schema.json'), 'utf8')));
        const validate = ajv.compile(
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'language/src/diff/catalogo-diff.schema.json'), 'utf8'))
        );
        expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
        const csv = path.join(dir, 'v.csv');
        fs.writeFileSync(csv, '09.01.01.001-4,3\n09.01.01.099-5,2\n');
        const withImpact = JSON.parse((await run('diff', EXAMPLE, novo, '--format', 'json', '--volumes', csv)).out);
        expect(validate(withImpact), JSON.stringify(validate.errors, null, 2)).toBe(true);
        const a = structuredClone(antigoJson);
        const b = structuredClone(antigoJson);
        b.ocis[0].componentes[0].qt = 3;
        b.catalogo.versao = '2026.02';
        b.tecnologias[0].custo = { tipo: 'percentual', percentual: '10' };
        b.grupos[0].procedimentos.pop();
        expect(
            validate(JSON.parse(JSON.stringify(diffCatalogos(a, b)))),
            JSON.stringify(validate.errors, null, 2)
        ).toBe(true);
    });

    it('Markdown: summary line first, headings and tables, deterministic', async () => {
        const r = await run('diff', EXAMPLE, novo);
        expect(r.code, r.err).toBe(0);
        expect((await run('diff', EXAMPLE, novo)).out).toBe(r.out);
        const lines = r.out.split('\n');
        expect(lines[0]).toMatch(
            /^\*\*Diferenças no catálogo "Rol de OCI — Programa Mais Acesso a Especialistas \(PMAE\)"\*\*: 1 OCI adicionada, 1 OCI removida, 3 OCIs alteradas \(1 renomeada, 2 com valor novo\); soma dos valores R\$ 8\.304,39 → R\$ 8\.349,74 \(\+R\$ 45,35\)\.$/
        );
        for (const heading of [
            '### OCIs adicionadas (1)',
            '### OCIs removidas (1)',
            '### OCIs renomeadas (1)',
            '### Valores alterados (2)',
            '### Alterações por OCI (3)'
        ]) {
            expect(r.out).toContain(`\n${heading}\n`);
        }
        expect(r.out).toContain('| 09.01.01.099-5 | OCI NOVA DE TESTE | 21 dias | 30 dias | R$ 125,00 |');
        expect(r.out).toContain(
            '| 09.01.01.007-3 | OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER GÁSTRICO | OCI AVALIAÇÃO DIAGNÓSTICA DE CÂNCER DE ESTÔMAGO |'
        );
        expect(r.out).toContain(
            '| 09.01.01.001-4 | OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA | R$ 125,00 | R$ 135,35 | +R$ 10,35 |'
        );
        expect(r.out).toContain('| tR | 21 dias | 14 dias |');
        expect(r.out).toContain('| modalidades remotas | − teleconsultoria | — |');
        expect(r.out).toContain(
            '| componente 02.04.03.003-0 MAMOGRAFIA (adicionado) | — | eventual, qt 1, frequência 50%, estimativa R$ 20,00, valor R$ 10,00 |'
        );
        expect(r.out).toContain('| público: idade | 18 anos ou mais | 16 anos ou mais |');
        expect(r.out).toContain('| **valor da OCI** | **R$ 250,00** | **R$ 260,00** (+R$ 10,00) |');
        // Every table row has the same number of cells as its header.
        let columns = 0;
        for (const line of lines) {
            if (!line.startsWith('|')) {
                columns = 0;
                continue;
            }
            const cells = line.replace(/\\\|/g, '').split('|').length - 2;
            if (columns === 0) columns = cells;
            else expect(cells, line).toBe(columns);
        }
    });

    it('refuses (exit 1) when a catalogue has errors, naming them', async () => {
        const broken = path.join(dir, 'quebrado');
        copyExample(broken, files =>
            files.set(
                'oncologia.oci',
                editOci(files.get('oncologia.oci')!, MAMA, b => replaceOnce(b, 'tR 21 dias', 'tR 45 dias'))
            )
        );
        const r = await run('diff', EXAMPLE, broken);
        expect(r.code).toBe(1);
        expect(r.out).toBe('');
        expect(r.err).toContain('Catálogo novo');
        expect(r.err).toContain('[oci/tr-gt-tm]');
    });

    it('exits 2 on usage problems', async () => {
        expect((await run('diff', EXAMPLE, path.join(dir, 'nao-existe'))).code).toBe(2);
        expect((await run('diff', EXAMPLE, novo, '--format', 'html')).code).toBe(2);
        expect((await run('diff', EXAMPLE, novo, 'demais')).code).toBe(2);
        const notCatalogue = path.join(dir, 'outro.json');
        fs.writeFileSync(notCatalogue, '{"a":1}');
        const r = await run('diff', notCatalogue, novo);
        expect(r.code).toBe(2);
        expect(r.err).toContain('não é um catálogo gerado por "oci-catalogo build"');
    });
});

describe('oci-catalogo diff --git', { timeout: 60_000 }, () => {
    let repo: string;
    const cwd = process.cwd();

    function git(...args: string[]): string {
        const r = spawnSync(
            'git',
            ['-c', 'user.name=Teste', '-c', 'user.email=teste@example.invalid', '-c', 'commit.gpgsign=false', ...args],
            { cwd: repo, encoding: 'utf8' }
        );
        if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
        return r.stdout;
    }

    async function inRepo<T>(fn: () => Promise<T>, sub = '.'): Promise<T> {
        process.chdir(path.join(repo, sub));
        try {
            return await fn();
        } finally {
            process.chdir(cwd);
        }
    }

    beforeAll(() => {
        repo = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-diff-git-'));
        git('init', '-q', '-b', 'main');
        copyExample(path.join(repo, 'catalogos/pmae'));
        git('add', '.');
        git('commit', '-q', '-m', 'catálogo');
        copyExample(path.join(repo, 'catalogos/pmae'), modify);
    });
    afterAll(() => {
        fs.rmSync(repo, { recursive: true, force: true });
    });

    it('compares a revision (with the SIGTAP zip its header names) to the working tree, without touching it', async () => {
        const before = fs.readFileSync(path.join(repo, 'catalogos/pmae/oncologia.oci'));
        const tmpBefore = fs.readdirSync(os.tmpdir()).filter(n => n.startsWith('oci-catalogo-diff-')).length;
        const r = await inRepo(() => run('diff', '--git', 'main', 'catalogos/pmae', '--format', 'json'));
        expect(r.code, r.err).toBe(0);
        const d = JSON.parse(r.out) as CatalogoDiff;
        expect(JSON.stringify(d)).toBe(JSON.stringify(diff));
        expect(fs.readFileSync(path.join(repo, 'catalogos/pmae/oncologia.oci')).equals(before)).toBe(true);
        expect(git('status', '--porcelain')).toBe(' M catalogos/pmae/oncologia.oci\n');
        // The temporary copy is removed.
        expect(fs.readdirSync(os.tmpdir()).filter(n => n.startsWith('oci-catalogo-diff-')).length).toBe(tmpBefore);
        const md = await inRepo(() => run('diff', '--git', 'main', 'catalogos/pmae'));
        expect(md.out).toContain(
            '## Diferenças no rol de OCI — antes: `main:catalogos/pmae`, depois: `catalogos/pmae`'
        );
    });

    it('compares two revisions, also from a subfolder and for a single file of the catalogue', async () => {
        git('add', '.');
        git('commit', '-q', '-m', 'mudanças');
        const r = await inRepo(() => run('diff', '--git', 'HEAD~1', 'HEAD', 'catalogos/pmae', '--format', 'json'));
        expect(r.code, r.err).toBe(0);
        expect(JSON.stringify(JSON.parse(r.out))).toBe(JSON.stringify(diff));
        const fromSub = await inRepo(
            () => run('diff', '--git', 'HEAD~1', 'HEAD', 'pmae', '--format', 'json'),
            'catalogos'
        );
        expect(fromSub.out).toBe(r.out);
        const same = await inRepo(() => run('diff', '--git', 'HEAD', 'catalogos/pmae', '--format', 'json'));
        expect((JSON.parse(same.out) as CatalogoDiff).resumo.semMudancas).toBe(true);
        // A single file: its header lives in the folder (found in the revision too).
        const one = await inRepo(() =>
            run('diff', '--git', 'HEAD~1', 'HEAD', 'catalogos/pmae/oncologia.oci', '--format', 'json')
        );
        expect(one.code, one.err).toBe(0);
        const d = JSON.parse(one.out) as CatalogoDiff;
        expect(d.ocis.removidas.map(o => o.codigoFormatado)).toEqual([COLO]);
        expect(d.antigo.ocis).toBe(9);
    });

    it('names the revision in the errors of a broken old catalogue, and exits 2 on an unknown revision', async () => {
        const onco = path.join(repo, 'catalogos/pmae/oncologia.oci');
        const good = fs.readFileSync(onco, 'utf8');
        fs.writeFileSync(
            onco,
            editOci(good, PROSTATA, b => replaceOnce(b, 'tR 14 dias', 'tR 45 dias'))
        );
        git('commit', '-q', '-am', 'quebra');
        fs.writeFileSync(onco, good);
        const r = await inRepo(() => run('diff', '--git', 'HEAD', 'catalogos/pmae'));
        expect(r.code).toBe(1);
        expect(r.err).toContain('Catálogo antigo (HEAD:catalogos/pmae) tem erros');
        expect(r.err).toMatch(/HEAD:catalogos\/pmae\/oncologia\.oci:\d+:\d+: erro \[oci\/tr-gt-tm\]/);
        const u = await inRepo(() => run('diff', '--git', 'nao-existe', 'catalogos/pmae'));
        expect(u.code).toBe(2);
        expect(u.err).toContain('Revisão git desconhecida: nao-existe');
        const missing = await inRepo(() => run('diff', '--git', 'HEAD', 'catalogos/outro'));
        expect(missing.code).toBe(2);
    });
});
