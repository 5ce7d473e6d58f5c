/**
 * Issue 20, item 4a — the 2nd parcela (art. 15 §2 II) counts only the OCIs adequately concluded: within
 * the tM, with the whole scope and no double billing (arts. 12 VI, 14 §2 III-IV, 16 I), and the JSON
 * shows both figures (every concluded one and the adequate ones). The auditoria.json has the shape of
 * what `oci-catalogo audit` writes (AuditoriaJson.ocis[]: concluidas, concluidasNoTm, escopoIncompleto,
 * cobrancaDupla.episodios; concluidasAdequadas when the audit gives it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RelatorioPlano } from '../../cli/src/plano-command.js';
import { runPlano } from './helpers.js';
import type { ResumoPar } from '../../language/src/plano/resumo.js';

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-segunda-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Oci {
    codigo: string;
    concluidas: number;
    concluidasNoTm: number;
    escopoIncompleto: number;
    duplas: number;
    concluidasAdequadas?: number;
}

/** An auditoria.json with the indicators per OCI (the other fields as the audit writes them). */
function auditoria(ocis: Oci[]): string {
    const f = path.join(tmp, `auditoria-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(
        f,
        JSON.stringify({
            formato: 'oci-catalogo-auditoria/1',
            ocis: ocis.map(o => ({
                codigo: o.codigo,
                codigoFormatado: o.codigo,
                nome: 'x',
                tR: 30,
                tM: 60,
                episodios: o.concluidas + 10,
                pessoas: o.concluidas,
                concluidas: o.concluidas,
                concluidasNoTr: o.concluidasNoTm,
                concluidasNoTm: o.concluidasNoTm,
                escopoIncompleto: o.escopoIncompleto,
                cobrancaDupla: {
                    episodios: o.duplas,
                    registros: o.duplas,
                    valor: { reais: '0.00', centavos: 0, texto: 'R$ 0,00' }
                },
                ...(o.concluidasAdequadas !== undefined ? { concluidasAdequadas: o.concluidasAdequadas } : {})
            }))
        })
    );
    return f;
}

async function segunda(execucao: string) {
    const { out: saida } = await runPlano(['examples/par'], { catalogo: ['examples/pmae'], execucao, format: 'json' });
    const { out: texto } = await runPlano(['examples/par'], { catalogo: ['examples/pmae'], execucao, format: 'text' });
    const par = (JSON.parse(saida) as RelatorioPlano).planos[0] as ResumoPar;
    return { p2: par.incentivo.parcelas[1]!, texto };
}

// Mama (09.01.01.001-4) is worth R$ 125,00 and cardiologia (09.02.01.002-6) R$ 200,00 in the example rol; the
// planned production is R$ 2.200.000,00 (50% = R$ 1.100.000,00).
const MAMA = '0901010014';
const CARDIO = '0902010026';

describe('the 2nd parcela counts the OCIs concluded adequately', () => {
    it('all concluded ones would pass the threshold (R$ 1.350.000,00), but only those within tM count: at most R$ 900.000,00 — not met', async () => {
        const { p2, texto } = await segunda(
            auditoria([
                { codigo: MAMA, concluidas: 6000, concluidasNoTm: 4000, escopoIncompleto: 0, duplas: 0 },
                { codigo: CARDIO, concluidas: 3000, concluidasNoTm: 2000, escopoIncompleto: 0, duplas: 0 }
            ])
        );
        expect(p2).toMatchObject({
            situacao: 'condicao-nao-cumprida',
            executadaTodasConcluidas: { reais: '1350000.00' },
            // without incomplete scope or double billing, the adequate ones are exactly those within the tM:
            // 4.000 × 125 + 2.000 × 200
            executada: { reais: '900000.00' },
            executadaLimites: null,
            falta: { reais: '200000.00' }
        });
        expect(texto).toContain('todas as OCI concluídas, para comparação (não é o que conta): R$ 1.350.000,00');
    });

    it('incomplete scope and double billing leave the adequate ones: exact when the audit gives concluidasAdequadas', async () => {
        const { p2 } = await segunda(
            auditoria([
                {
                    codigo: MAMA,
                    concluidas: 6000,
                    concluidasNoTm: 6000,
                    escopoIncompleto: 500,
                    duplas: 300,
                    concluidasAdequadas: 5400
                },
                {
                    codigo: CARDIO,
                    concluidas: 3000,
                    concluidasNoTm: 3000,
                    escopoIncompleto: 0,
                    duplas: 0,
                    concluidasAdequadas: 3000
                }
            ])
        );
        // 5.400 × 125 + 3.000 × 200 = 675.000 + 600.000 = 1.275.000 ≥ 1.100.000
        expect(p2).toMatchObject({
            situacao: 'condicao-cumprida',
            executada: { reais: '1275000.00' },
            executadaLimites: null,
            executadaTodasConcluidas: { reais: '1350000.00' }
        });
        expect(p2.execucao?.ocis.find(o => o.codigo === '09.01.01.001-4')).toMatchObject({
            concluidas: 6000,
            adequadas: { minimo: 5400, maximo: 5400 }
        });
    });

    it('without concluidasAdequadas and with the threshold between the bounds: undetermined, never "cumprida"', async () => {
        const { p2, texto } = await segunda(
            auditoria([
                { codigo: MAMA, concluidas: 6000, concluidasNoTm: 6000, escopoIncompleto: 3000, duplas: 1000 },
                { codigo: CARDIO, concluidas: 3000, concluidasNoTm: 3000, escopoIncompleto: 0, duplas: 0 }
            ])
        );
        // minimum: 2.000 × 125 + 3.000 × 200 = 850.000; maximum: 6.000 × 125 + 3.000 × 200 = 1.350.000
        expect(p2).toMatchObject({
            situacao: 'condicao-indeterminada',
            executada: null,
            falta: null,
            executadaLimites: { minimo: { reais: '850000.00' }, maximo: { reais: '1350000.00' } }
        });
        expect(texto).toContain('condição indeterminada');
    });

    it('the criterion says what counts and cites the dispositivos', async () => {
        const { p2 } = await segunda(
            auditoria([{ codigo: MAMA, concluidas: 1, concluidasNoTm: 1, escopoIncompleto: 0, duplas: 0 }])
        );
        expect(p2.criterio.conta).toContain('concluídas adequadamente');
        expect(p2.criterio.dispositivos).toEqual(
            expect.arrayContaining(['art. 16 I', 'art. 12 VI', 'art. 14 §2 III', 'art. 14 §2 IV'])
        );
    });
});
