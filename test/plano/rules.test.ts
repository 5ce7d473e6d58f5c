/**
 * One case per rule of the PAR and the SE (language/src/plano/rules.ts): a document — the clean example
 * of examples/ with one change — that fires it on the expected line, citing the legal basis. Every rule
 * of the registry needs a case here (§10's, which depends on the production, is fired by the command
 * line), so that no new rule comes in without a test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import { RegrasPar, RegrasPlanoPorCodigo, RegrasSe } from '../../language/src/plano/rules.js';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { SyntaxCodes } from '../../language/src/syntax-messages.js';
import * as path from 'node:path';
import {
    PASTA_PAR,
    build,
    codigos,
    createServices,
    exemplo,
    rolDeExemplo,
    runPlano,
    type PlanoTestServices
} from './helpers.js';

const PAR = exemplo('examples/par/regiao-sao-luis.par');
const SE = exemplo('examples/se/breves-pa.se');

function troca(de: string | RegExp, para: string): (s: string) => string {
    return s => {
        if (typeof de === 'string' ? !s.includes(de) : !de.test(s)) throw new Error(`o exemplo não contém: ${de}`);
        return typeof de === 'string'
            ? s.replace(de, para)
            : s.replace(new RegExp(de.source, de.flags.includes('g') ? de.flags : de.flags + 'g'), para);
    };
}
const tira = (trecho: string | RegExp) => troca(trecho, '');
const duplica = (linha: string) => troca(linha, `${linha}\n${linha}`);
const e =
    (...passos: Array<(s: string) => string>) =>
    (s: string) =>
        passos.reduce((acc, p) => p(acc), s);

function codigo10(nove: string): string {
    return `${nove.slice(0, 2)}.${nove.slice(2, 4)}.${nove.slice(4, 6)}.${nove.slice(6, 9)}-${checkDigit(nove)}`;
}
const OCI_SEM_VALOR = codigo10('090901001');

interface Caso {
    code: string;
    /** The document: 'par' (the PAR example with the rol) or 'se' (the SE example). */
    base: 'par' | 'se';
    muda?: (texto: string) => string;
    /** Without the rol de OCI in the workspace. */
    semRol?: boolean;
    /** Extra files in the workspace. */
    extras?: Record<string, string>;
    /** Text of the line the diagnostic starts on. */
    linha: string;
}

const CASOS: Caso[] = [
    // ── PAR: adhesion and minimum content ──
    { code: 'par/uf-ausente', base: 'par', muda: tira('  uf MA\n'), linha: 'plano "PAR' },
    { code: 'par/uf-invalida', base: 'par', muda: troca('uf MA', 'uf XX'), linha: 'uf XX' },
    {
        code: 'par/abrangencia-ausente',
        base: 'par',
        muda: tira('  abrangencia regiao "São Luís"\n'),
        linha: 'plano "PAR'
    },
    {
        code: 'par/vigencia-ausente',
        base: 'par',
        muda: tira('  vigencia 2025-03-01 a 2026-12-31\n'),
        linha: 'plano "PAR'
    },
    {
        code: 'par/territorio-ausente',
        base: 'par',
        muda: troca(/territorio \{[\s\S]*?\n  \}/, 'territorio { }'),
        linha: 'territorio { }'
    },
    { code: 'par/diagnostico-ausente', base: 'par', muda: tira(/  diagnostico .*\n/), linha: 'plano "PAR' },
    { code: 'par/rede-ausente', base: 'par', muda: tira(/  rede .*\n/), linha: 'plano "PAR' },
    { code: 'par/problemas-ausentes', base: 'par', muda: tira(/  prioridade .*\n/g), linha: 'plano "PAR' },
    {
        code: 'par/elenco-ausente',
        base: 'par',
        muda: troca(/elenco \{[\s\S]*?\n  \}/, 'elenco { }'),
        linha: 'elenco { }'
    },
    { code: 'par/filas-ausentes', base: 'par', muda: tira(/  fila [\s\S]*?\n  \}\n/g), linha: 'plano "PAR' },
    { code: 'par/metas-ausentes', base: 'par', muda: tira(/    meta .*\n/g), linha: 'plano "PAR' },
    {
        code: 'par/cronograma-ausente',
        base: 'par',
        muda: troca(/cronograma \{[\s\S]*?\n  \}/, 'cronograma { }'),
        linha: 'cronograma { }'
    },
    { code: 'par/compromisso-ausente', base: 'par', muda: tira(/  compromisso .*\n/), linha: 'plano "PAR' },
    {
        code: 'par/responsabilidades-ausentes',
        base: 'par',
        muda: tira(/  responsabilidade [\s\S]*?\n  \}\n/g),
        linha: 'plano "PAR'
    },
    { code: 'par/cib-ausente', base: 'par', muda: tira(/  cib [\s\S]*?\n  \}\n/), linha: 'plano "PAR' },
    { code: 'par/termo-adesao-ausente', base: 'par', muda: tira(/  termo_adesao .*\n/), linha: 'plano "PAR' },
    { code: 'par/item-repetido', base: 'par', muda: duplica('  uf MA'), linha: 'uf MA' },
    {
        code: 'par/texto-vazio',
        base: 'par',
        muda: troca(/diagnostico ".*"/, 'diagnostico ""'),
        linha: 'diagnostico ""'
    },
    {
        code: 'par/vigencia-invertida',
        base: 'par',
        muda: troca('vigencia 2025-03-01', 'vigencia 2027-03-01'),
        linha: 'vigencia 2027-03-01'
    },
    {
        code: 'par/data-antes-da-portaria',
        base: 'par',
        muda: troca('" de 2025-02-25', '" de 2024-04-10'),
        linha: 'termo_adesao'
    },
    {
        code: 'par/cib-depois-da-saes',
        base: 'par',
        muda: troca('" de 2025-02-20 {', '" de 2025-06-20 {'),
        linha: 'cib "Resolução'
    },
    {
        code: 'par/data-futura',
        base: 'par',
        muda: troca('" de 2025-05-15', '" de 2999-05-15'),
        linha: 'aprovacao saes'
    },
    {
        code: 'par/valor-invalido',
        base: 'par',
        muda: troca('producao prevista R$ 2.200.000,00', 'producao prevista R$ 2.200.000,001'),
        linha: 'producao prevista'
    },
    {
        code: 'data/invalida',
        base: 'par',
        muda: troca('vigencia 2025-03-01', 'vigencia 2025-02-30'),
        linha: 'vigencia 2025-02-30'
    },
    // ── PAR: territory ──
    {
        code: 'territorio/municipio-inexistente',
        base: 'par',
        muda: troca('municipio 2100204', 'municipio 2199999'),
        linha: 'municipio 2199999'
    },
    {
        code: 'territorio/municipio-repetido',
        base: 'par',
        muda: duplica('    municipio 2100204 "Alcântara" populacao 18.467'),
        linha: 'municipio 2100204'
    },
    {
        code: 'territorio/municipio-outra-uf',
        base: 'par',
        muda: troca(
            '    municipio 2100204 "Alcântara" populacao 18.467',
            '    municipio 2100204 "Alcântara" populacao 18.467\n    municipio 2208007 "Picos" populacao 83.090'
        ),
        linha: 'municipio 2208007'
    },
    {
        code: 'territorio/estado-incompleto',
        base: 'par',
        muda: troca('abrangencia regiao "São Luís"', 'abrangencia estado'),
        linha: 'abrangencia estado'
    },
    {
        code: 'territorio/populacao-ausente',
        base: 'par',
        muda: troca('"Alcântara" populacao 18.467', '"Alcântara"'),
        linha: 'municipio 2100204'
    },
    {
        code: 'territorio/populacao-invalida',
        base: 'par',
        muda: troca('populacao 18.467', 'populacao 0'),
        linha: 'municipio 2100204'
    },
    {
        code: 'territorio/nome-divergente',
        base: 'par',
        muda: troca('"Alcântara" populacao', '"Alcantra" populacao'),
        linha: 'municipio 2100204'
    },
    // ── PAR: list of OCIs ──
    {
        code: 'par/oci-desconhecida',
        base: 'par',
        muda: troca('    oci 09.02.01.002-6', '    oci 09.01.01.002-2 volume 1\n    oci 09.02.01.002-6'),
        linha: 'oci 09.01.01.002-2'
    },
    { code: 'par/rol-indisponivel', base: 'par', semRol: true, linha: 'elenco {' },
    {
        code: 'par/oci-repetida',
        base: 'par',
        muda: duplica('    oci 09.02.01.002-6 "AVALIAÇÃO CARDIOLÓGICA" volume 3.000'),
        linha: 'oci 09.02.01.002-6'
    },
    {
        code: 'par/oci-sem-fila',
        base: 'par',
        muda: troca('    oci 09.02.01.002-6', '    oci 09.02.01.001-8 volume 10\n    oci 09.02.01.002-6'),
        linha: 'oci 09.02.01.001-8'
    },
    { code: 'par/volume-invalido', base: 'par', muda: troca('volume 600', 'volume 0'), linha: 'oci 09.01.01.009-0' },
    // ── PAR: queues and targets ──
    { code: 'fila/sem-procedimentos', base: 'par', muda: tira('    ocis 09.02.01.002-6\n'), linha: 'fila cardio' },
    {
        code: 'fila/sem-abrangencia',
        base: 'par',
        muda: tira('    abrangencia "Os cinco municípios da região"\n'),
        linha: 'fila cardio'
    },
    {
        code: 'fila/sem-sistema',
        base: 'par',
        muda: tira('    sistema "Sistema municipal de regulação de São Luís"\n'),
        linha: 'fila olhos_ossos'
    },
    {
        code: 'fila/sem-compartilhamento',
        base: 'par',
        muda: tira('    compartilhamento "Exportação mensal da fila para a SES-MA e o Ministério da Saúde"\n'),
        linha: 'fila olhos_ossos'
    },
    {
        code: 'fila/oci-fora-do-elenco',
        base: 'par',
        muda: troca('ocis 09.02.01.002-6', 'ocis 09.02.01.002-6, 09.02.01.001-8'),
        linha: 'ocis 09.02.01.002-6, 09.02.01.001-8'
    },
    {
        code: 'fila/codigo-invalido',
        base: 'par',
        muda: troca('02.05.02.009-7', '02.05.02.009-8'),
        linha: 'procedimentos 02.04.03.003-0, 02.05.02.009-8'
    },
    {
        code: 'fila/repetida',
        base: 'par',
        muda: troca('fila cardio', 'fila mama'),
        linha: 'fila mama "Avaliação cardiológica"'
    },
    {
        code: 'meta/ausente',
        base: 'par',
        muda: tira('    meta espera de 150 dias para 45 dias ate 2026-12-31\n'),
        linha: 'fila cardio'
    },
    {
        code: 'meta/sem-reducao',
        base: 'par',
        muda: troca('de 2.400 para 600', 'de 2.400 para 2.400'),
        linha: 'meta tamanho de 2.400 para 2.400'
    },
    {
        code: 'meta/repetida',
        base: 'par',
        muda: duplica('    meta espera de 150 dias para 45 dias ate 2026-12-31'),
        linha: 'meta espera de 150 dias'
    },
    {
        code: 'meta/unidade',
        base: 'par',
        muda: troca('de 150 dias para 45 dias', 'de 150 pessoas para 45 dias'),
        linha: 'meta espera de 150 pessoas'
    },
    {
        code: 'meta/prazo-fora-da-vigencia',
        base: 'par',
        muda: troca('ate 2026-06-30', 'ate 2027-06-30'),
        linha: 'ate 2027-06-30'
    },
    // ── PAR: schedule, responsibilities, approval ──
    {
        code: 'cronograma/etapa-invertida',
        base: 'par',
        muda: troca('de 2025-03-01 a 2025-05-31', 'de 2025-06-01 a 2025-05-31'),
        linha: 'etapa "Instituição'
    },
    {
        code: 'cronograma/etapa-fora-da-vigencia',
        base: 'par',
        muda: troca('de 2025-06-01 a 2026-12-31', 'de 2025-06-01 a 2027-12-31'),
        linha: 'etapa "Início da produção'
    },
    {
        code: 'responsabilidade/ente-ausente',
        base: 'par',
        muda: tira(/  responsabilidade municipios [\s\S]*?\n  \}\n/),
        linha: 'plano "PAR'
    },
    {
        code: 'responsabilidade/municipio-sem-responsabilidade',
        base: 'par',
        muda: troca(
            'responsabilidade municipios "Secretarias Municipais de Saúde da região"',
            'responsabilidade municipio 2111300 "SEMUS São Luís"'
        ),
        linha: 'plano "PAR'
    },
    {
        code: 'responsabilidade/aspecto-ausente',
        base: 'par',
        muda: tira('    avaliacao "Discutir os resultados na CIR"\n'),
        linha: 'responsabilidade municipios'
    },
    {
        code: 'ente/codigo-ausente',
        base: 'par',
        muda: troca('alocacao municipio 2100204 R$', 'alocacao municipio R$'),
        linha: 'alocacao municipio R$'
    },
    {
        code: 'ente/fora-do-territorio',
        base: 'par',
        muda: troca('alocacao municipio 2100204', 'alocacao municipio 2208007'),
        linha: 'alocacao municipio 2208007'
    },
    {
        code: 'cib/orgao-incompativel',
        base: 'par',
        muda: troca('  cib "Resolução', '  colegiado_df "Resolução'),
        linha: 'colegiado_df "Resolução'
    },
    // ── PAR: incentive (art. 15) ──
    {
        code: 'incentivo/lacuna-500-mil',
        base: 'par',
        muda: troca(
            /territorio \{[\s\S]*?\n  \}/,
            'territorio {\n    municipio 2111300 "São Luís" populacao 500.000\n  }'
        ),
        linha: 'territorio {'
    },
    {
        code: 'incentivo/ate-100-mil',
        base: 'par',
        muda: troca(
            /territorio \{[\s\S]*?\n  \}/,
            'territorio {\n    municipio 2111300 "São Luís" populacao 100.000\n  }'
        ),
        linha: 'territorio {'
    },
    {
        code: 'incentivo/alocacao-ausente',
        base: 'par',
        muda: troca(/(  cib "[^"]*" de 2025-02-20) \{[\s\S]*?\n  \}/, '$1'),
        linha: 'cib "Resolução'
    },
    {
        code: 'incentivo/alocacao-divergente',
        base: 'par',
        muda: troca('alocacao estado R$ 400.000,00', 'alocacao estado R$ 400.000,01'),
        linha: 'cib "Resolução'
    },
    {
        code: 'incentivo/producao-prevista-ausente',
        base: 'par',
        muda: e(tira(/  producao prevista .*\n/), troca(' volume 600', '')),
        linha: 'plano "PAR'
    },
    {
        code: 'incentivo/producao-prevista-divergente',
        base: 'par',
        muda: troca('producao prevista R$ 2.200.000,00', 'producao prevista R$ 2.000.000,00'),
        linha: 'producao prevista'
    },
    {
        code: 'incentivo/valor-oci-indisponivel',
        base: 'par',
        extras: {
            'rol/sem-valor.oci': `oci ${OCI_SEM_VALOR} "OCI SEM VALOR" {\n  obrigatorio 02.04.03.003-0 qt 1\n}\n`
        },
        muda: troca('    oci 09.02.01.002-6', `    oci ${OCI_SEM_VALOR} volume 10\n    oci 09.02.01.002-6`),
        linha: `oci ${OCI_SEM_VALOR}`
    },
    // The cases' PAR lies in examples/par (in memory), where the example's execucao.json exists.
    {
        code: 'incentivo/execucao-indisponivel',
        base: 'par',
        muda: troca('execucao "execucao.json"', 'execucao "nao-existe.json"'),
        linha: 'execucao "nao-existe.json"'
    },
    { code: 'incentivo/segunda-parcela', base: 'par', linha: 'execucao "execucao.json"' },
    // ── SE (art. 878-A) ──
    {
        code: 'se/municipio-ausente',
        base: 'se',
        muda: tira('  municipio 1501808 "Breves"\n'),
        linha: 'habilitacao "Sala'
    },
    {
        code: 'se/municipio-inexistente',
        base: 'se',
        muda: troca('municipio 1501808', 'municipio 1599999'),
        linha: 'municipio 1599999'
    },
    {
        code: 'se/nome-divergente',
        base: 'se',
        muda: troca('1501808 "Breves"', '1501808 "Brevis"'),
        linha: 'municipio 1501808'
    },
    { code: 'se/cnes-ausente', base: 'se', muda: tira(/  cnes .*\n/), linha: 'habilitacao "Sala' },
    { code: 'se/cnes-invalido', base: 'se', muda: troca('cnes 9000011', 'cnes 900001'), linha: 'cnes 900001' },
    { code: 'se/documento-ausente', base: 'se', muda: tira(/    equipe .*\n/), linha: 'documentos {' },
    {
        code: 'se/documento-repetido',
        base: 'se',
        muda: duplica('    equipe "Escala da equipe médica e de enfermagem 24 horas"'),
        linha: 'equipe "Escala'
    },
    {
        code: 'se/samu-sem-termo',
        base: 'se',
        muda: troca('samu habilitado "SAMU 192 Regional do Marajó"', 'samu ausente'),
        linha: 'samu ausente'
    },
    {
        code: 'se/transporte-ausente',
        base: 'se',
        muda: troca(
            'samu habilitado "SAMU 192 Regional do Marajó"',
            'samu ausente termo "Termo de compromisso de implantação do SAMU 192"'
        ),
        linha: 'samu ausente'
    },
    {
        code: 'se/populacao-invalida',
        base: 'se',
        muda: troca('populacao 106.968', 'populacao 0'),
        linha: 'populacao 0'
    },
    {
        code: 'se/item-repetido',
        base: 'se',
        muda: duplica('  cnes 9000011 "Hospital Municipal de Breves (CNES fictício)"'),
        linha: 'cnes 9000011'
    },
    {
        code: 'se/cir-cib-depois-da-ses',
        base: 'se',
        muda: troca(
            'declaracao_cir_cib "Resolução CIB/PA nº 000/2024 (ilustrativa)"',
            'declaracao_cir_cib "Resolução CIB/PA nº 000/2024 (ilustrativa)" de 2024-11-20'
        ),
        linha: 'declaracao_cir_cib'
    },
    {
        code: 'se/homologacao-sem-habilitacao',
        base: 'se',
        muda: tira(/  habilitacao_ses .*\n/),
        linha: 'homologacao "Portaria'
    },
    {
        code: 'se/homologacao-antes-da-habilitacao',
        base: 'se',
        muda: troca('de 2024-12-10', 'de 2024-10-01'),
        linha: 'homologacao "Portaria'
    },
    { code: 'se/repasse-sem-homologacao', base: 'se', muda: tira(/  homologacao .*\n/), linha: 'repasse desde' },
    {
        code: 'se/repasse-antes-da-homologacao',
        base: 'se',
        muda: troca('repasse desde 2025-01', 'repasse desde 2024-11'),
        linha: 'repasse desde 2024-11'
    },
    // Portaria 1.997/2023, art. 4: signed on 24/11/2023, in force 120 days after publication — no transfer before
    // 2024-03.
    {
        code: 'se/repasse-antes-da-vigencia',
        base: 'se',
        muda: e(
            troca('repasse desde 2025-01', 'repasse desde 2024-02'),
            troca('de 2024-11-05', 'de 2024-01-05'),
            troca('de 2024-12-10', 'de 2024-02-01')
        ),
        linha: 'repasse desde 2024-02'
    },
    {
        code: 'se/competencia-invalida',
        base: 'se',
        muda: troca('repasse desde 2025-01', 'repasse desde 2025-13'),
        linha: 'repasse desde 2025-13'
    },
    { code: 'se/data-invalida', base: 'se', muda: troca('de 2024-11-05', 'de 2024-11-31'), linha: 'habilitacao_ses' },
    {
        code: 'se/amazonia-legal-incerta',
        base: 'se',
        muda: troca('municipio 1501808 "Breves"', 'municipio 2107209 "Nina Rodrigues"'),
        linha: 'municipio 2107209'
    },
    {
        code: 'se/amazonia-legal-parcial',
        base: 'se',
        muda: troca('municipio 1501808 "Breves"', 'municipio 2111201 "São José de Ribamar"'),
        linha: 'municipio 2111201'
    }
];

/**
 * Rules fired outside the validator: §9 and §10, by the production on the command line (test/plano/cli.test.ts,
 * test/plano/producao-se.test.ts).
 */
const FORA_DO_VALIDADOR = new Set([
    RegrasSe.semProducao3Meses.code,
    RegrasSe.semProducaoMes.code,
    RegrasSe.competenciaForaDoPeriodo.code,
    RegrasSe.producaoNaoExaminada.code
]);

let services: PlanoTestServices;
beforeAll(() => {
    services = createServices();
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

async function diagnosticosDo(caso: Caso) {
    const texto = (caso.muda ?? (s => s))(caso.base === 'par' ? PAR : SE);
    const nome = caso.base === 'par' ? path.join(PASTA_PAR, 'caso.par') : 'salas/caso.se';
    const files = { ...(caso.semRol ? {} : rolDeExemplo()), ...(caso.extras ?? {}), [nome]: texto };
    const docs = await build(services, files);
    const doc = docs[docs.length - 1];
    const linhas = texto.split('\n');
    return (doc.diagnostics ?? []).map(d => ({ ...d, linha: linhas[d.range.start.line] ?? '' }));
}

describe('the examples', () => {
    it('the example PAR has no error and no warning; only the info of the 2nd parcela, met according to execucao.json', async () => {
        const docs = await build(services, { ...rolDeExemplo(), [path.join(PASTA_PAR, 'par.par')]: PAR });
        const diagnosticos = docs[docs.length - 1].diagnostics ?? [];
        expect(codigos(diagnosticos)).toEqual(['incentivo/segunda-parcela']);
        expect(diagnosticos[0].message).toContain(
            'condição cumprida — executados R$ 1.150.000,00 de R$ 2.200.000,00 previstos (52,27%; 50% = R$ 1.100.000,00), segundo execucao.json'
        );
    });

    it.each(['examples/se/breves-pa.se', 'examples/se/picos-pi.se'])('%s has no diagnostic', async arquivo => {
        const [doc] = await build(services, { 'se.se': exemplo(arquivo) });
        expect(codigos(doc.diagnostics)).toEqual([]);
    });
});

describe('every rule of the PAR and the SE', () => {
    it('has a case here', () => {
        const cobertos = new Set([...CASOS.map(c => c.code), ...FORA_DO_VALIDADOR]);
        const faltam = [...RegrasPlanoPorCodigo.keys()].filter(code => !cobertos.has(code));
        expect(faltam).toEqual([]);
        expect(CASOS.map(c => c.code).filter(c => !RegrasPlanoPorCodigo.has(c))).toEqual([]);
    });

    it('has a unique code, a severity and a legal basis: the law with dispositivos; the tool and the convention say they are not law', () => {
        const todas = [...Object.values(RegrasPar), ...Object.values(RegrasSe)];
        expect(new Set(todas.map(r => r.code)).size).toBe(todas.length);
        for (const r of todas) {
            expect(['error', 'warning', 'info']).toContain(r.severity);
            if (r.fundamento.origem === 'lei') {
                expect(r.basis).toMatch(/Portaria GM\/MS nº (3\.492\/2024|1\.997\/2023)/);
                expect(r.dispositivos.length).toBeGreaterThan(0);
            } else {
                expect(r.basis).toMatch(/^(regra da ferramenta|convenção do projeto), não (da lei|exigida pela lei)/);
            }
        }
    });

    // Issue 20, item 2: each rule cites the dispositivo it applies — and, when none applies, says so.
    it.each([
        ['par/uf-ausente', 'lei', ['3492/8/II']], // §1 of art. 8 is about who drafts the PAR, not the UF
        ['responsabilidade/ente-ausente', 'lei', ['3492/9/VIII']],
        ['se/samu-sem-termo', 'lei', ['1997/878-A/§4/VII']], // §8 is the transport guarantee, not the termo
        ['data/invalida', 'ferramenta', []], // art. 9 VI (cronograma) governs neither the CIB date nor the SAES date
        ['par/item-repetido', 'ferramenta', []],
        ['se/item-repetido', 'ferramenta', []],
        ['se/data-invalida', 'ferramenta', ['1997/878-A/§5']],
        ['se/competencia-invalida', 'ferramenta', ['1997/878-A/§10']]
    ] as const)('%s: origin %s, dispositivos %j', (code, origem, dispositivos) => {
        const regra = RegrasPlanoPorCodigo.get(code)!;
        expect(regra.fundamento.origem).toBe(origem);
        expect(regra.fundamento.dispositivos).toEqual(dispositivos);
        if (origem !== 'lei') expect(regra.basis).toMatch(/^regra da ferramenta, não da lei: .*nenhum dispositivo/);
    });

    it.each(CASOS.map(c => [c.code, c] as const))(
        '%s fires on the right line and cites the legal basis',
        async (code, caso) => {
            const diagnosticos = await diagnosticosDo(caso);
            const achados = diagnosticos.filter(d => d.code === code);
            expect(
                achados.length,
                `nenhum ${code} entre ${JSON.stringify(
                    diagnosticos.map(d => `${d.code} @ ${d.linha.trim()}`),
                    null,
                    1
                )}`
            ).toBeGreaterThan(0);
            const naLinha = achados.filter(a => a.linha.includes(caso.linha));
            expect(
                naLinha.length,
                `${code} em ${JSON.stringify(achados.map(a => a.linha))}, esperado "${caso.linha}"`
            ).toBeGreaterThan(0);
            const regra = RegrasPlanoPorCodigo.get(code)!;
            expect((naLinha[0].data as { basis?: string }).basis).toBe(regra.basis);
            expect(naLinha[0].severity).toBe({ error: 1, warning: 2, info: 3 }[regra.severity]);
            expect(diagnosticos.filter(d => d.code === SyntaxCodes.parsing || d.code === SyntaxCodes.lexing)).toEqual(
                []
            );
        }
    );
});

describe('responsibilities of each município (art. 9 VIII)', () => {
    it('one block per município of the territory, without the joint block: no error', async () => {
        const blocos = [
            ['2111300', 'São Luís'],
            ['2111201', 'São José de Ribamar'],
            ['2107506', 'Paço do Lumiar'],
            ['2109452', 'Raposa'],
            ['2100204', 'Alcântara']
        ]
            .map(
                ([c, n]) =>
                    `responsabilidade municipio ${c} "${n}" {\n    implementacao "a"\n    monitoramento "b"\n    avaliacao "c"\n  }`
            )
            .join('\n  ');
        const muda = troca(/responsabilidade municipios [\s\S]*?\n  \}/, blocos);
        const diagnosticos = await diagnosticosDo({ code: '', base: 'par', muda, linha: '' });
        expect(diagnosticos.map(d => d.code)).toEqual(['incentivo/segunda-parcela']);
    });
});

describe('CIR and CIB before the SES (art. 878-A §3)', () => {
    it('CIR and CIB declaration dated before the SES habilitação: no diagnostic', async () => {
        const muda = troca(
            'declaracao_cir_cib "Resolução CIB/PA nº 000/2024 (ilustrativa)"',
            'declaracao_cir_cib "Resolução CIB/PA nº 000/2024 (ilustrativa)" de 2024-10-20'
        );
        expect((await diagnosticosDo({ code: '', base: 'se', muda, linha: '' })).map(d => d.code)).toEqual([]);
    });
});

describe('entry into force of Portaria 1.997/2023 (art. 4)', () => {
    it('transfers from 2024-03 (the first possible competência) do not fire se/repasse-antes-da-vigencia', async () => {
        const muda = e(
            troca('repasse desde 2025-01', 'repasse desde 2024-03'),
            troca('de 2024-11-05', 'de 2024-01-05'),
            troca('de 2024-12-10', 'de 2024-02-01')
        );
        const diagnosticos = await diagnosticosDo({ code: '', base: 'se', muda, linha: '' });
        expect(diagnosticos.map(d => d.code)).toEqual([]);
    });
});

describe('§10 through the command line', () => {
    it('se/sem-producao-3-meses fires on the CNES line with the example production that has a gap', async () => {
        const { codigo, out, err } = await runPlano(['examples/se/breves-pa.se'], {
            producao: ['examples/se/producao-sia-lacuna.csv'],
            format: 'json'
        });
        expect(codigo).toBe(1);
        expect(err).toBe('');
        const relatorio = JSON.parse(out);
        const [d] = relatorio.planos[0].diagnosticos.filter(
            (x: { code: string }) => x.code === 'se/sem-producao-3-meses'
        );
        expect(d.line).toBe(SE.split('\n').findIndex(l => l.includes('cnes 9000011')) + 1);
        expect(d.message).toContain(RegrasSe.semProducao3Meses.basis);
        expect(d.message).toContain('2025-04, 2025-05, 2025-06');
        expect(d.message).toContain('condição atingida em 2025-06');
    });
});

describe('syntax', () => {
    it('syntax error in Portuguese, with a stable code', async () => {
        const [doc] = await build(services, {
            'x.par': 'plano "X" {\n  uf MA\n  vigencia 2025-01-01 ate 2025-12-31\n}\n'
        });
        const sintaxe = (doc.diagnostics ?? []).filter(d => d.code === SyntaxCodes.parsing);
        expect(sintaxe.length).toBeGreaterThan(0);
        expect(sintaxe[0].message).toMatch(/^Esperado/);
    });

    it('accepts accents in keywords and an OCI code without dots', async () => {
        const texto = PAR.replace('abrangencia regiao', 'abrangência região')
            .replace('vigencia', 'vigência')
            .replace('oci 09.02.01.002-6', 'oci 0902010026')
            .replace('execucao "execucao.json"', 'execução "execucao.json"');
        const docs = await build(services, { ...rolDeExemplo(), [path.join(PASTA_PAR, 'p.par')]: texto });
        expect(codigos(docs[docs.length - 1].diagnostics)).toEqual(['incentivo/segunda-parcela']);
    });
});
