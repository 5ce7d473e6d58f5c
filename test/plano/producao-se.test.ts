/**
 * Issue 13, item 10, and issue 20, item 4d — the SE's production in the SIA/SUS (art. 878-A §9 and §10)
 * in real files: a typo in a competência is a data finding, not 63 months without production; an
 * empty file or --ate before the transfers say §10 was not examined and why; each month without
 * records is a warning (§9) before the three-month suspension (§10). The files are the example
 * examples/se/producao-sia.csv edited as in a spreadsheet (a line more, lines fewer).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanoOptions, RelatorioPlano } from '../../cli/src/plano-command.js';
import type { ResumoSe } from '../../language/src/plano/resumo.js';
import { exemplo, runPlano } from './helpers.js';

const CSV = exemplo('examples/se/producao-sia.csv');
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oci-producao-se-')));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
function arquivo(conteudo: string): string {
    const f = path.join(tmp, `pa${n++}.csv`);
    fs.writeFileSync(f, conteudo);
    return f;
}

async function breves(producao: string, opcoes: Partial<PlanoOptions> = {}) {
    const { codigo, out } = await runPlano(['examples/se/breves-pa.se'], {
        producao: [producao],
        format: 'json',
        ...opcoes
    });
    const plano = (JSON.parse(out) as RelatorioPlano).planos[0] as ResumoSe & {
        diagnosticos: Array<{ code: string; severity: string; message: string }>;
    };
    const { out: texto } = await runPlano(['examples/se/breves-pa.se'], {
        producao: [producao],
        format: 'text',
        ...opcoes
    });
    return { codigo, plano, texto, codes: plano.diagnosticos.map(d => d.code) };
}

describe('item 10: §10 robust to typos', () => {
    it('2031 in a 2025 file: a data finding, the window ends at 2025-09, no suspension', async () => {
        const { codigo, plano, codes } = await breves(arquivo(`${CSV.trimEnd()}\n9000011;203101;0301060029\n`));
        expect(codigo).toBe(0);
        expect(codes).not.toContain('se/sem-producao-3-meses');
        expect(codes).toContain('se/competencia-fora-do-periodo');
        expect(plano.producao).toMatchObject({
            examinado: true,
            janela: { inicio: '2025-01', fim: '2025-09' },
            situacao: 'regular',
            competenciasForaDoPeriodo: ['2031-01']
        });
    });

    it('a lone year in the past (2015) is a data finding too, and does not change the window', async () => {
        const { plano, codes } = await breves(arquivo(`${CSV.trimEnd()}\n9000011;201501;0301060029\n`));
        expect(codes).toContain('se/competencia-fora-do-periodo');
        expect(plano.producao?.competenciasForaDoPeriodo).toEqual(['2015-01']);
        expect(plano.producao?.janela).toEqual({ inicio: '2025-01', fim: '2025-09' });
    });

    it('an empty production file (header only): §10 was not examined, and the JSON says why', async () => {
        const { codigo, plano, texto, codes } = await breves(arquivo('PA_CODUNI;PA_CMP;PA_PROC_ID\n'));
        expect(codigo).toBe(0);
        expect(plano.producao).toMatchObject({ examinado: false, janela: null, situacao: null });
        expect(plano.producao?.motivo).toContain('não tem registros');
        expect(codes).toContain('se/producao-nao-examinada');
        expect(texto).toContain('o §10 não foi examinado: o arquivo de produção não tem registros');
    });

    it('--ate before the transfers start: not examined, with the reason', async () => {
        const { plano, codes } = await breves(arquivo(CSV), { ate: '2024-12' });
        expect(plano.producao).toMatchObject({
            examinado: false,
            motivo: expect.stringContaining('--ate 2024-12 é anterior ao início dos repasses (2025-01)')
        });
        expect(codes).toContain('se/producao-nao-examinada');
    });

    it('--ate beyond the file: the months after the last competência are not "sem registro"', async () => {
        const { codigo, plano, codes } = await breves(arquivo(CSV), { ate: '2025-12' });
        expect(codigo).toBe(0);
        expect(codes).not.toContain('se/sem-producao-3-meses');
        expect(plano.producao).toMatchObject({
            examinado: true,
            competenciasNaoExaminadas: ['2025-10', '2025-11', '2025-12'],
            competenciasSemRegistro: []
        });
    });
});

describe('issue 20, 4d: each month without a record is a warning (§9) before the suspension (§10)', () => {
    it('Breves without May: one se/sem-producao-mes warning, no error', async () => {
        const { codigo, plano } = await breves(arquivo(CSV.replace('9000011;202505;0301060029\n', '')));
        expect(codigo).toBe(0);
        const avisos = plano.diagnosticos.filter(d => d.code === 'se/sem-producao-mes');
        expect(avisos.map(d => d.severity)).toEqual(['warning']);
        expect(avisos[0].message).toContain('2025-05');
    });

    it('three months in a row: the §10 error, without repeating the months as warnings; the lone month stays a warning', async () => {
        const sem = ['202502', '202505', '202506', '202507'].reduce(
            (t, c) => t.replace(`9000011;${c};0301060029\n`, ''),
            CSV
        );
        const { codigo, plano } = await breves(arquivo(sem));
        expect(codigo).toBe(1);
        expect(plano.diagnosticos.filter(d => d.code === 'se/sem-producao-3-meses')).toHaveLength(1);
        expect(
            plano.diagnosticos
                .filter(d => d.code === 'se/sem-producao-mes')
                .map(d => d.message.match(/em (\d{4}-\d{2})/)?.[1])
        ).toEqual(['2025-02']);
    });
});
