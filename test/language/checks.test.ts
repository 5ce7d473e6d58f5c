/**
 * One case per check: a document that triggers it (at the expected line) and the clean sample
 * that does not. Every rule of rules.ts must have a case here, so a new check cannot land untested.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'langium';
import { diagnosticText } from '../../language/src/validation/report.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { SourceFileSystem } from '../../language/src/workspace/source-file-system.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import { Rules } from '../../language/src/validation/rules.js';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { SyntaxCodes } from '../../language/src/syntax-messages.js';
import type { CatalogoSettings } from '../../language/src/workspace/settings.js';
import {
    HEADER,
    MAMA,
    SIGTAP_ZIP,
    buildWorkspace,
    codes,
    createTestServices,
    validate,
    withCode,
    type TestServices
} from '../helpers.js';

function code10(prefix9: string): string {
    return `${prefix9.slice(0, 2)}.${prefix9.slice(2, 4)}.${prefix9.slice(4, 6)}.${prefix9.slice(6, 9)}-${checkDigit(prefix9)}`;
}

const NEW_OCI = code10('090101999'); // an OCI code absent from SIGTAP 2026-01
const MISSING_PROC = code10('020403999'); // a procedure code absent from SIGTAP 2026-01

function replace(from: string, to: string): (s: string) => string {
    return s => {
        if (!s.includes(from)) throw new Error(`sample does not contain: ${from}`);
        return s.replace(from, to);
    };
}
const remove = (line: string) => replace(line, '');
const pipe =
    (...steps: Array<(s: string) => string>) =>
    (s: string) =>
        steps.reduce((acc, step) => step(acc), s);
const insertInOci = (line: string) => replace('  valor R$ 125,00\n', `  valor R$ 125,00\n  ${line}\n`);

interface Case {
    code: string;
    /** A transformation of the clean sample (header + MAMA) or a whole workspace. */
    mutate?: (text: string) => string;
    files?: Record<string, string>;
    /** Text of the line the diagnostic must start on. */
    line: string;
    /** Settings for this case only (e.g. the workspace roots the CLI and the server set). */
    settings?: Partial<Pick<CatalogoSettings, 'workspaceRoots' | 'permitirSigtapExterno'>>;
    /** Files as bytes on disk, read through the CLI's and the server's file system (encodings). */
    disk?: Record<string, Uint8Array>;
}

const HEADER_NO_SIGTAP = 'catalogo "Teste" versao "t" competencia 2026-01\n';
/** MAMA with its tM inside the shortest APAC window (28 days): tM 30 is noted by oci/tm-alem-da-validade-apac. */
const CLEAN_MAMA = MAMA.replace('tM 30 dias', 'tM 28 dias');

const CASES: Case[] = [
    {
        code: 'codigo/digito-verificador',
        mutate: replace('02.04.03.003-0 "MAMOGRAFIA"', '02.04.03.003-1 "MAMOGRAFIA"'),
        line: '02.04.03.003-1'
    },
    { code: 'catalogo/sem-cabecalho', files: { 'sub/a.oci': MAMA }, line: 'tecnologia gestao_clinica' },
    {
        code: 'catalogo/cabecalho-duplicado',
        files: { 'a.oci': HEADER + MAMA, 'b.oci': HEADER },
        line: 'catalogo "Teste"'
    },
    { code: 'catalogo/nome-vazio', mutate: replace('catalogo "Teste"', 'catalogo " "'), line: 'catalogo " "' },
    { code: 'catalogo/competencia-ausente', mutate: replace(' competencia 2026-01', ''), line: 'catalogo "Teste"' },
    {
        code: 'catalogo/competencia-invalida',
        mutate: replace('competencia 2026-01', 'competencia 2026-13'),
        line: 'catalogo "Teste"'
    },
    { code: 'catalogo/sigtap-ausente', mutate: replace(` sigtap "${SIGTAP_ZIP}"`, ''), line: 'catalogo "Teste"' },
    {
        code: 'catalogo/sigtap-invalido',
        mutate: replace(SIGTAP_ZIP, '/nao/existe/TabelaUnificada_202601.zip'),
        line: 'catalogo "Teste"'
    },
    {
        code: 'catalogo/sigtap-fora-do-workspace',
        mutate: replace(SIGTAP_ZIP, '../../etc/passwd'),
        settings: { workspaceRoots: ['/ws'], permitirSigtapExterno: false },
        line: 'catalogo "Teste"'
    },
    {
        code: 'catalogo/competencia-divergente',
        mutate: replace('competencia 2026-01', 'competencia 2025-12'),
        line: 'catalogo "Teste"'
    },
    { code: 'oci/grupo-09', mutate: replace('oci 09.01.01.001-4', 'oci 03.01.01.007-2'), line: 'oci 03.01.01.007-2' },
    {
        code: 'oci/codigo-duplicado',
        files: { 'a.oci': HEADER + MAMA, 'b.oci': MAMA.replace(/^tecnologia.*$|^grupo[\s\S]*?^}$/gm, '') },
        line: 'oci 09.01.01.001-4'
    },
    {
        code: 'oci/nome-vazio',
        mutate: replace('"OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA" {', '"" {'),
        line: 'oci 09.01.01.001-4'
    },
    { code: 'oci/item-repetido', mutate: insertInOci('tR 10 dias'), line: 'tR 10 dias' },
    {
        code: 'oci/fundamento-ausente',
        mutate: remove('  fundamento "Portaria SAES/MS nº 1.824/2024"\n'),
        line: 'oci 09.01.01.001-4'
    },
    { code: 'oci/sem-obrigatorio', mutate: s => s.replace(/obrigatorio /g, 'eventual '), line: 'oci 09.01.01.001-4' },
    {
        code: 'oci/componente-duplicado',
        mutate: insertInOci('eventual 03.01.01.007-2 frequencia 10%'),
        line: 'eventual 03.01.01.007-2'
    },
    {
        code: 'componente/frequencia-em-obrigatorio',
        mutate: replace('"MAMOGRAFIA" qt 1', '"MAMOGRAFIA" qt 1 frequencia 50%'),
        line: '02.04.03.003-0'
    },
    {
        code: 'componente/frequencia-invalida',
        mutate: replace('frequencia 40%', 'frequencia 140%'),
        line: '02.05.02.009-7'
    },
    {
        code: 'componente/quantidade-invalida',
        mutate: replace('"MAMOGRAFIA" qt 1', '"MAMOGRAFIA" qt 0'),
        line: '02.04.03.003-0'
    },
    { code: 'grupo/vazio', mutate: s => s + '\ngrupo vazio "Sem membros" { }\n', line: 'grupo vazio' },
    {
        code: 'grupo/membro-duplicado',
        mutate: replace('  03.01.01.030-7 "TELECONSULTA', '  03.01.01.007-2\n  03.01.01.030-7 "TELECONSULTA'),
        line: '  03.01.01.007-2'
    },
    { code: 'oci/tr-ausente', mutate: remove('  tR 21 dias\n'), line: 'oci 09.01.01.001-4' },
    { code: 'oci/tm-ausente', mutate: remove('  tM 30 dias\n'), line: 'oci 09.01.01.001-4' },
    { code: 'oci/tempo-nao-positivo', mutate: replace('tR 21 dias', 'tR 0 dias'), line: 'tR 0 dias' },
    { code: 'oci/tr-gt-tm', mutate: replace('tR 21 dias', 'tR 45 dias'), line: 'tR 45 dias' },
    { code: 'oci/tm-alem-da-validade-apac', mutate: replace('tM 30 dias', 'tM 60 dias'), line: 'tM 60 dias' },
    { code: 'oci/a-preencher', mutate: replace('tR 21 dias', 'tR a_preencher'), line: 'tR a_preencher' },
    { code: 'oci/conclusao-ausente', mutate: remove('  conclusao consulta\n'), line: 'oci 09.01.01.001-4' },
    {
        code: 'oci/conclusao-fora-da-oci',
        mutate: replace('conclusao consulta', 'conclusao 02.01.01.056-9'),
        line: 'conclusao 02.01.01.056-9'
    },
    {
        code: 'oci/modalidade-invalida',
        mutate: replace('remoto teleconsulta', 'remoto teleconsulta, telepatia'),
        line: 'remoto teleconsulta'
    },
    {
        code: 'oci/modalidade-sem-procedimento',
        mutate: replace('remoto teleconsulta', 'remoto teleconsulta, teleinterconsulta'),
        line: 'remoto teleconsulta'
    },
    {
        code: 'oci/procedimento-remoto-sem-modalidade',
        mutate: remove('  remoto teleconsulta\n'),
        line: 'obrigatorio um_de consulta'
    },
    { code: 'oci/contrarreferencia-ausente', mutate: remove('  contrarreferencia aps\n'), line: 'oci 09.01.01.001-4' },
    {
        code: 'oci/contrarreferencia-destino',
        mutate: replace('contrarreferencia aps', 'contrarreferencia hospital'),
        line: 'contrarreferencia hospital'
    },
    {
        code: 'procedimento/inexistente',
        mutate: insertInOci(`eventual ${MISSING_PROC} frequencia 10% estimativa R$ 1,00`),
        line: `eventual ${MISSING_PROC}`
    },
    {
        code: 'procedimento/grupo-09',
        mutate: insertInOci('eventual 09.01.01.004-9 frequencia 10% estimativa R$ 1,00'),
        line: 'eventual 09.01.01.004-9'
    },
    {
        code: 'procedimento/nome-divergente',
        mutate: replace('"MAMOGRAFIA" qt 1', '"MAMOGRAFIA BILATERAL" qt 1'),
        line: '02.04.03.003-0'
    },
    // An OCI absent from SIGTAP (no QT_PERMITIDA of its own) with 2 teleconsultas, whose QT_MAXIMA_EXECUCAO is 1.
    {
        code: 'procedimento/qt-maxima',
        mutate: pipe(
            replace('oci 09.01.01.001-4', `oci ${NEW_OCI}`),
            replace('conclusao consulta', 'conclusao 02.04.03.003-0'),
            remove('  obrigatorio um_de consulta qt 2 estimativa R$ 25,00\n'),
            insertInOci('eventual 03.01.01.030-7 qt 2 frequencia 10%')
        ),
        line: 'eventual 03.01.01.030-7'
    },
    {
        code: 'procedimento/sexo-incompativel',
        mutate: pipe(
            insertInOci('eventual 02.07.03.005-7 frequencia 10%'),
            replace('publico sexo ambos', 'publico sexo feminino')
        ),
        line: 'eventual 02.07.03.005-7'
    },
    {
        code: 'procedimento/sexo-parcial',
        mutate: insertInOci('eventual 02.07.03.005-7 frequencia 10%'),
        line: 'eventual 02.07.03.005-7'
    },
    {
        code: 'procedimento/idade-incompativel',
        mutate: pipe(
            insertInOci('eventual 02.01.01.058-5 frequencia 10%'),
            replace('idade 10 anos ou mais', 'idade 0 meses a 5 anos')
        ),
        line: 'eventual 02.01.01.058-5'
    },
    {
        code: 'procedimento/idade-parcial',
        mutate: insertInOci('eventual 02.01.01.058-5 frequencia 10%'),
        line: 'eventual 02.01.01.058-5'
    },
    { code: 'cid/inexistente', mutate: replace('N63, N64', 'N63, N64, U99'), line: '  cid C50' },
    {
        code: 'publico/idade-invalida',
        mutate: replace('idade 10 anos ou mais', 'idade 30 anos a 10 anos'),
        line: 'publico sexo ambos'
    },
    {
        code: 'publico/idade-acima-do-teto',
        mutate: replace('idade 10 anos ou mais', 'idade 10 anos a 140 anos'),
        line: 'publico sexo ambos'
    },
    {
        code: 'publico/meses-invalidos',
        mutate: replace('idade 10 anos ou mais', 'idade 10 anos e 12 meses ou mais'),
        line: 'publico sexo ambos'
    },
    {
        code: 'publico/idade-maxima-sem-limite',
        mutate: replace('idade 10 anos ou mais', 'idade 10 anos a 130 anos'),
        line: 'publico sexo ambos'
    },
    {
        code: 'arquivo/codificacao',
        disk: { 'catalogo.oci': Buffer.from((HEADER + MAMA).replace(/[^\x00-\xff]/g, '?'), 'latin1') },
        line: 'tecnologia gestao_clinica'
    },
    { code: 'valor/formato', mutate: replace('estimativa R$ 40,00', 'estimativa R$ 4.0'), line: '02.05.02.009-7' },
    {
        code: 'valor/casas-decimais',
        mutate: replace('estimativa R$ 40,00', 'estimativa R$ 40,001'),
        line: '02.05.02.009-7'
    },
    {
        code: 'valor/limite',
        mutate: replace('estimativa R$ 40,00', 'estimativa R$ 60.047.995.030.840,50'),
        line: '02.05.02.009-7'
    },
    {
        code: 'valor/estimativa-indisponivel',
        mutate: pipe(
            replace(HEADER, HEADER_NO_SIGTAP),
            replace('"MAMOGRAFIA" qt 1 estimativa R$ 43,72', '"MAMOGRAFIA" qt 1')
        ),
        line: '02.04.03.003-0'
    },
    {
        code: 'valor/estimativa-zero',
        mutate: insertInOci('eventual 02.04.02.013-1 frequencia 10%'),
        line: 'eventual 02.04.02.013-1'
    },
    { code: 'valor/ausente', mutate: remove('  valor R$ 125,00\n'), line: 'oci 09.01.01.001-4' },
    { code: 'valor/divergente', mutate: replace('valor R$ 125,00', 'valor R$ 130,00'), line: 'valor R$ 130,00' },
    {
        code: 'tecnologia/uso-duplicado',
        mutate: replace(
            'tecnologias gestao_clinica, saude_digital',
            'tecnologias gestao_clinica, saude_digital, gestao_clinica'
        ),
        line: 'tecnologias gestao_clinica'
    },
    {
        code: 'tecnologia/percentual-invalido',
        mutate: replace('percentual 8%', 'percentual 0%'),
        line: 'tecnologia gestao_clinica'
    },
    {
        code: 'oci/sem-tecnologia',
        mutate: remove('  tecnologias gestao_clinica, saude_digital\n'),
        line: 'oci 09.01.01.001-4'
    },
    { code: 'sigtap/oci-ausente', mutate: replace('oci 09.01.01.001-4', `oci ${NEW_OCI}`), line: `oci ${NEW_OCI}` },
    {
        code: 'sigtap/nome',
        mutate: replace('"OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA" {', '"OCI MAMA" {'),
        line: 'oci 09.01.01.001-4'
    },
    {
        code: 'sigtap/componente-ausente',
        mutate: remove('  eventual 02.05.02.009-7 qt 1 frequencia 40% estimativa R$ 40,00\n'),
        line: 'oci 09.01.01.001-4'
    },
    {
        code: 'sigtap/componente-extra',
        mutate: insertInOci('eventual 02.05.02.004-6 frequencia 10%'),
        line: 'eventual 02.05.02.004-6'
    },
    {
        code: 'sigtap/obrigatoriedade',
        mutate: replace('eventual 02.05.02.009-7 qt 1 frequencia 40%', 'obrigatorio 02.05.02.009-7 qt 1'),
        line: 'obrigatorio 02.05.02.009-7'
    },
    { code: 'sigtap/quantidade', mutate: replace('"MAMOGRAFIA" qt 1', '"MAMOGRAFIA" qt 2'), line: '02.04.03.003-0' },
    { code: 'sigtap/valor', mutate: replace('valor R$ 125,00', 'valor R$ 130,00'), line: 'valor R$ 130,00' },
    {
        code: 'sigtap/sexo',
        mutate: replace('publico sexo ambos', 'publico sexo feminino'),
        line: 'publico sexo feminino'
    },
    {
        code: 'sigtap/idade',
        mutate: replace('idade 10 anos ou mais', 'idade 18 anos ou mais'),
        line: 'publico sexo ambos'
    },
    { code: 'sigtap/cid-ausente', mutate: replace(', N64', ''), line: '  cid C50' },
    { code: 'sigtap/cid-extra', mutate: replace('N63, N64', 'N63, N64, C51'), line: '  cid C50' }
];

let services: TestServices;

beforeAll(() => {
    services = createTestServices();
});

afterAll(async () => {
    await clearDocuments(services.shared);
});

async function diagnosticsOf(c: Case): Promise<Array<{ code: string; line: string; message: string }>> {
    if (c.disk) return diagnosticsOnDisk(c.disk);
    const files = c.files ?? { 'catalogo.oci': c.mutate!(HEADER + MAMA) };
    const settings = services.Oci.catalogo.Settings;
    const saved = { workspaceRoots: settings.workspaceRoots, permitirSigtapExterno: settings.permitirSigtapExterno };
    Object.assign(settings, c.settings);
    const docs = await buildWorkspace(services, files).finally(() => Object.assign(settings, saved));
    return docs.flatMap(doc =>
        (doc.diagnostics ?? []).map(d => ({
            code: String(d.code),
            line: doc.textDocument.getText().split('\n')[d.range.start.line],
            // The text the CLI prints: the short message and the basis the diagnostic carries apart.
            message: diagnosticText(d)
        }))
    );
}

/** Diagnostics of files written to a temporary folder and read as the CLI and the server read them. */
async function diagnosticsOnDisk(
    disk: Record<string, Uint8Array>
): Promise<Array<{ code: string; line: string; message: string }>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-checks-'));
    try {
        const { shared } = createOciCoreServices(SourceFileSystem);
        const docs = [];
        for (const [name, bytes] of Object.entries(disk)) {
            fs.writeFileSync(path.join(dir, name), bytes);
            docs.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.join(dir, name))));
        }
        await shared.workspace.DocumentBuilder.build(docs, { validation: true });
        return docs.flatMap(doc =>
            (doc.diagnostics ?? []).map(d => ({
                code: String(d.code),
                line: doc.textDocument.getText().split('\n')[d.range.start.line],
                message: diagnosticText(d)
            }))
        );
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe('the clean sample', () => {
    it('has no diagnostic at all', async () => {
        const diagnostics = await validate(services, CLEAN_MAMA);
        expect(diagnostics.map(d => `${d.code}: ${d.message}`)).toEqual([]);
    });
});

describe('every check', () => {
    it('has a case here', () => {
        const covered = new Set(CASES.map(c => c.code));
        const missing = Object.values(Rules)
            .map(r => r.code)
            .filter(code => !covered.has(code));
        expect(missing).toEqual([]);
    });

    it.each(CASES.map(c => [c.code, c] as const))('%s fires at the right line and cites its basis', async (code, c) => {
        const diagnostics = await diagnosticsOf(c);
        const hits = diagnostics.filter(d => d.code === code);
        expect(hits.length, `no ${code} among ${JSON.stringify(diagnostics, null, 1)}`).toBeGreaterThan(0);
        const atLine = hits.filter(h => h.line.includes(c.line));
        expect(
            atLine.length,
            `${code} reported on ${JSON.stringify(hits.map(h => h.line))}, expected "${c.line}"`
        ).toBeGreaterThan(0);
        const rule = Object.values(Rules).find(r => r.code === code)!;
        expect(atLine[0].message).toContain(rule.basis);
    });
});

describe('syntax and references', () => {
    it('reports a misspelled keyword in Portuguese with a stable code', async () => {
        const diagnostics = await validate(services, MAMA.replace('tM 30 dias', 'tMax 30 dias'));
        const syntax = withCode(diagnostics, SyntaxCodes.parsing);
        expect(syntax.length).toBeGreaterThan(0);
        expect(syntax[0].message).toMatch(/^Esperado|^Texto inesperado/);
    });

    it('reports an unknown group by name', async () => {
        const diagnostics = await validate(services, MAMA.replace('um_de consulta', 'um_de consultas'));
        const linking = withCode(diagnostics, SyntaxCodes.linking);
        expect(linking[0].message).toBe('Não há grupo chamado "consultas" no catálogo');
    });

    it('reports a stray character', async () => {
        const diagnostics = await validate(services, MAMA.replace('tR 21 dias', 'tR 21 dias §'));
        expect(codes(diagnostics)).toContain(SyntaxCodes.lexing);
    });

    it('accepts accented keywords and undotted codes', async () => {
        const text = CLEAN_MAMA.replace('obrigatorio 02.04.03.003-0', 'obrigatório 0204030030').replace(
            'conclusao consulta',
            'conclusão consulta'
        );
        expect(await validate(services, text)).toEqual([]);
    });
});

describe('cross-file workspace', () => {
    it('resolves groups and technologies defined in another file and applies the header of a parent folder', async () => {
        const definitions = CLEAN_MAMA.slice(0, CLEAN_MAMA.indexOf('oci 09'));
        const oci = CLEAN_MAMA.slice(CLEAN_MAMA.indexOf('oci 09'));
        const docs = await buildWorkspace(services, {
            'catalogo.oci': HEADER + definitions,
            'oncologia/mama.oci': oci
        });
        expect(docs.flatMap(d => d.diagnostics ?? [])).toEqual([]);
    });

    it('reports a duplicated OCI code in both files', async () => {
        const oci = MAMA.slice(MAMA.indexOf('oci 09'));
        const docs = await buildWorkspace(services, { 'catalogo.oci': HEADER + MAMA, 'outra.oci': oci });
        for (const doc of docs) {
            expect(codes(doc.diagnostics ?? [])).toContain(Rules.ociDuplicada.code);
        }
    });
});
