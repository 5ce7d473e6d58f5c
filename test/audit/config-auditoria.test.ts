/**
 * `auditoria:` of oci-catalogo.yaml (issue 15) applies to `oci-catalogo audit` like its flags:
 * `colunas` is the column mapping (--map), `falhar-se` the findings that exit 1 (--falhar-se); the
 * file governing the catalogue's path (or --config) counts, a flag wins (per column for --map) and
 * --verbose says which.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-harness.js';
import { apacDigito } from '../../language/src/audit/identificadores.js';
import { serializeCatalogo, type CatalogoJson, type OciJson } from '../../language/src/generator/catalogo-json.js';
import { catalogoExemplo } from './helpers.js';

let tmp: string;
let repo: string;
let catalogo: string;
let producao: string;
let cwd: string;

const run = (args: string[]) => runCli(...args);

function writeConfig(text: string | undefined) {
    const file = path.join(repo, 'oci-catalogo.yaml');
    if (text === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, text);
}

beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-config-'));
    repo = path.join(tmp, 'repo');
    fs.mkdirSync(path.join(repo, 'rol'), { recursive: true });
    const cat: CatalogoJson = await catalogoExemplo();
    catalogo = path.join(repo, 'rol', 'catalogo.json');
    fs.writeFileSync(catalogo, serializeCatalogo(cat));
    const oci: OciJson = cat.ocis.find(o => o.conclusao?.procedimentos.length && o.componentes.length)!;
    const componentes = new Set(cat.ocis.flatMap(o => o.componentes.flatMap(c => c.procedimentos.map(p => p.codigo))));
    const estranho = ['0202010473', '0202010120', '0301100039', '0211060011', '0205020046'].find(
        c => !componentes.has(c)
    )!;
    const apac = '352520000001' + apacDigito('352520000001');
    const linha = (data: string, procedimento: string) =>
        ['52998224725', data, procedimento, '1', apac, oci.codigo, '2100001', data.slice(0, 7).replace('-', '')].join(
            ';'
        );
    // A SIA-like export: its own column names, ';' separated; one episode with a foreign procedure in its APAC.
    producao = path.join(tmp, 'producao.csv');
    fs.writeFileSync(
        producao,
        [
            'NU_CNS;DT_ATEND;CO_PROC;QT_APRES;NU_APAC;CO_PRINC;CO_CNES;DT_CMP',
            linha('2025-03-03', oci.codigo),
            ...oci.componentes
                .filter(c => c.tipo === 'obrigatorio')
                .map(c => linha('2025-03-03', c.procedimentos[0].codigo)),
            linha('2025-03-10', oci.conclusao!.procedimentos[0].codigo),
            linha('2025-03-12', estranho)
        ].join('\n') + '\n'
    );
    cwd = process.cwd();
    process.chdir(tmp); // the file governs through the catalogue's path, not the current folder
});

afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
});

const COLUNAS = `auditoria:
  colunas:
    pessoa: NU_CNS
    data: DT_ATEND
    procedimento: CO_PROC
    quantidade: QT_APRES
    instrumento: NU_APAC
    procedimento_principal: CO_PRINC
    cnes: CO_CNES
    competencia: DT_CMP
`;

describe('oci-catalogo.yaml auditoria: in `oci-catalogo audit`', () => {
    it("colunas is the column mapping: without it the export's names are missing columns (exit 2)", async () => {
        writeConfig(undefined);
        const sem = await run(['audit', catalogo, '--producao', producao, '--out', path.join(tmp, 'r0')]);
        expect(sem.code).toBe(2);
        expect(sem.err).toMatch(/faltam as colunas pessoa/);
        writeConfig(COLUNAS);
        const com = await run(['audit', catalogo, '--producao', producao, '--out', path.join(tmp, 'r1')]);
        expect(com.code, com.err).toBe(0);
        const json = JSON.parse(fs.readFileSync(path.join(tmp, 'r1', 'auditoria.json'), 'utf8'));
        expect(json.total.episodios).toBe(1);
        expect(json.total.procedimentoForaDaOci).toBe(1);
    }, 60_000);

    it("a --map column wins over the file's, the others still come from the file; --verbose says so", async () => {
        writeConfig(COLUNAS.replace('data: DT_ATEND', 'data: DT_ERRADA'));
        const errada = await run(['audit', catalogo, '--producao', producao, '--out', path.join(tmp, 'r2')]);
        expect(errada.code).toBe(2);
        expect(errada.err).toMatch(/data \(mapeada para "DT_ERRADA"\)/);
        const r = await run([
            '--verbose',
            'audit',
            catalogo,
            '--producao',
            producao,
            '--out',
            path.join(tmp, 'r3'),
            '--map',
            'data=DT_ATEND'
        ]);
        expect(r.code, r.err).toBe(0);
        expect(r.err).toMatch(/--map data: DT_ATEND \(linha de comando; o arquivo de configuração diz DT_ERRADA\)/);
        expect(r.err).toMatch(/--map pessoa: NU_CNS \(arquivo de configuração\)/);
    }, 60_000);

    it('falhar-se exits 1 when its findings occur; the --falhar-se flag wins', async () => {
        writeConfig(`${COLUNAS}  falhar-se: [escopo/procedimento-fora-da-oci]\n`);
        const falha = await run(['audit', catalogo, '--producao', producao, '--out', path.join(tmp, 'r4')]);
        expect(falha.code).toBe(1);
        expect(falha.err).toMatch(/--falhar-se: escopo\/procedimento-fora-da-oci \(1\)/);
        const flag = await run([
            'audit',
            catalogo,
            '--producao',
            producao,
            '--out',
            path.join(tmp, 'r5'),
            '--falhar-se',
            'tempo/acima-tm'
        ]);
        expect(flag.code, flag.err).toBe(0);
        writeConfig(`${COLUNAS}  falhar-se: qualquer\n`);
        expect((await run(['audit', catalogo, '--producao', producao, '--out', path.join(tmp, 'r6')])).code).toBe(1);
    }, 60_000);

    it('--config names the file instead of the one above the catalogue', async () => {
        writeConfig(undefined);
        const outro = path.join(tmp, 'outro.yaml');
        fs.writeFileSync(outro, `${COLUNAS}  falhar-se: qualquer\n`);
        const r = await run([
            '--config',
            outro,
            'audit',
            catalogo,
            '--producao',
            producao,
            '--out',
            path.join(tmp, 'r7')
        ]);
        expect(r.code, r.err).toBe(1);
    }, 60_000);
});
