/**
 * auditoria.json gives, per OCI, `concluidasAdequadas`: the episodes concluded within tM, with the
 * complete scope and no double billing (arts. 12 VI, 14 §2 III-IV, 16 I), so that the PAR's 2nd
 * instalment (language/src/plano/producao.ts) is exact instead of bounded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditar, serializeAuditoria } from '../../language/src/audit/auditoria.js';
import { apacDigito } from '../../language/src/audit/identificadores.js';
import { CABECALHO_CSV } from '../../language/src/audit/synthetic.js';
import type { CatalogoJson, OciJson } from '../../language/src/generator/catalogo-json.js';
import { readExecucao } from '../../language/src/plano/producao.js';
import { catalogoExemplo } from './helpers.js';

let dir: string;
let cat: CatalogoJson;
let oci: OciJson;
const CPFS = ['52998224725', '11144477735', '12345678909', '98765432100', '39053344705'];
const apac = (n: number) => {
    const doze = `35252000000${n}`;
    return doze + apacDigito(doze);
};
const dia = (inicio: string, k: number) =>
    new Date(Date.parse(`${inicio}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-audit-adequadas-'));
    cat = await catalogoExemplo();
    // An OCI concluded by a component, with a mandatory component that does not conclude it.
    oci = cat.ocis.find(
        o =>
            (o.tM ?? 0) >= 30 &&
            o.conclusao?.procedimentos.some(p =>
                o.componentes.some(c => c.procedimentos.some(x => x.codigo === p.codigo))
            ) &&
            o.componentes.some(
                c =>
                    c.tipo === 'obrigatorio' &&
                    !c.procedimentos.some(x => o.conclusao!.procedimentos.some(p => p.codigo === x.codigo))
            )
    )!;
    expect(oci).toBeDefined();
});

afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
});

describe('concluidasAdequadas in auditoria.json', () => {
    it('counts only the episodes concluded within tM, with complete scope and no double billing; the PAR reads it as exact', async () => {
        const conclusao = oci.conclusao!.procedimentos[0].codigo;
        const obrigatorios = oci.componentes
            .filter(c => c.tipo === 'obrigatorio')
            .map(c => c.procedimentos[0].codigo)
            .filter(p => p !== conclusao);
        const tm = oci.tM!;
        const d0 = '2025-03-03';
        const linhas: string[] = [CABECALHO_CSV];
        const registro = (
            k: number,
            data: string,
            procedimento: string,
            instrumento = apac(k),
            principal = oci.codigo
        ) =>
            linhas.push(
                [
                    CPFS[k],
                    data,
                    procedimento,
                    '1',
                    instrumento,
                    principal,
                    '2100001',
                    data.slice(0, 7).replace('-', '')
                ].join(',')
            );
        /** Episode k: the OCI's record, the mandatory components (all but `sem`) on d0, the conclusion on d0 + dias. */
        const episodio = (k: number, dias: number, sem?: string, concluida = true) => {
            registro(k, d0, oci.codigo);
            for (const p of obrigatorios) if (p !== sem) registro(k, d0, p);
            if (concluida) registro(k, dia(d0, dias), conclusao);
        };
        episodio(0, 10); // adequate
        episodio(1, tm + 5); // concluded after tM
        episodio(2, 10, obrigatorios[0]); // a mandatory component missing: incomplete scope
        episodio(3, 10); // double billing: a component billed in BPA within the window
        registro(3, dia(d0, 5), obrigatorios[0], 'BPA', '');
        episodio(4, 10, undefined, false); // not concluded
        const arquivo = path.join(dir, 'producao.csv');
        fs.writeFileSync(arquivo, linhas.join('\n') + '\n');
        const a = await auditar(cat, { arquivos: [arquivo] });
        let json;
        try {
            json = a.json;
        } finally {
            a.fechar();
        }
        const o = json.ocis.find(x => x.codigo === oci.codigo)!;
        expect({
            episodios: o.episodios,
            concluidas: o.concluidas,
            concluidasNoTm: o.concluidasNoTm,
            escopoIncompleto: o.escopoIncompleto,
            duplas: o.cobrancaDupla.episodios
        }).toEqual({ episodios: 5, concluidas: 4, concluidasNoTm: 3, escopoIncompleto: 2, duplas: 1 });
        expect(o.concluidasAdequadas).toBe(1);
        expect(json.total.concluidasAdequadas).toBe(1);
        expect(json.estabelecimentos.map(e => e.concluidasAdequadas)).toEqual([1]);
        for (const outra of json.ocis.filter(x => x.codigo !== oci.codigo)) expect(outra.concluidasAdequadas).toBe(0);
        // The plan's reading: exact (minimum = maximum), not the bounds it falls back to without it.
        const execucao = readExecucao(serializeAuditoria(json));
        expect(execucao.origem).toBe('auditoria');
        if (execucao.origem === 'auditoria')
            expect(execucao.adequadasPorOci.get(oci.codigo)).toEqual({ minimo: 1, maximo: 1 });
    }, 60_000);
});
