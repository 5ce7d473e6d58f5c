/**
 * The PAR and the SE in the language server: hover (incentive, OCI of the rol, municipality, a
 * diagnostic's legal text), code lens and go-to-definition of an OCI in the list to the .oci file.
 * The services are the rol server's (createOciLspServices) with the two languages registered as the
 * server registers them (createOciLspServices calls registerPlanoLsp).
 */
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { clearDocuments } from 'langium/test';
import type { Hover } from 'vscode-languageserver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { PASTA_PAR, exemplo, rolDeExemplo } from './helpers.js';

const PAR = exemplo('examples/par/regiao-sao-luis.par');
/** The PAR in examples/par (in memory), where the example's `execucao "execucao.json"` exists. */
const P = path.join(PASTA_PAR, 'p.par');
const SE = exemplo('examples/se/breves-pa.se');

function criar() {
    // The server registers the two languages itself (createOciLspServices → registerPlanoLsp).
    const { shared, Oci } = createOciLspServices(EmptyFileSystem);
    const Par = shared.ServiceRegistry.getServices(URI.file('/ws/x.par')) as LangiumServices;
    const Se = shared.ServiceRegistry.getServices(URI.file('/ws/x.se')) as LangiumServices;
    expect(Par.LanguageMetaData.languageId).toBe('par');
    expect(Se.LanguageMetaData.languageId).toBe('se');
    return { shared, Oci, Par, Se };
}

let s: ReturnType<typeof criar>;
beforeAll(() => {
    s = criar();
});
afterAll(async () => {
    await clearDocuments(s.shared);
});

async function montar(files: Record<string, string>): Promise<LangiumDocument[]> {
    await clearDocuments(s.shared);
    const docs = Object.entries(files).map(([nome, texto]) => {
        const doc = s.shared.workspace.LangiumDocumentFactory.fromString(
            texto,
            URI.file(path.isAbsolute(nome) ? nome : path.posix.join('/ws', nome))
        );
        s.shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await s.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

function posicao(texto: string, trecho: string, delta = 0) {
    const offset = texto.indexOf(trecho);
    if (offset < 0) throw new Error(`sem "${trecho}"`);
    const antes = texto.slice(0, offset + delta).split('\n');
    return { line: antes.length - 1, character: antes[antes.length - 1].length };
}

function valor(h: Hover | undefined): string {
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

async function hover(doc: LangiumDocument, texto: string, trecho: string, delta = 1): Promise<string> {
    const services = doc.uri.path.endsWith('.se') ? s.Se : s.Par;
    return valor(
        await services.lsp.HoverProvider!.getHoverContent(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: posicao(texto, trecho, delta)
        })
    );
}

describe('hover', () => {
    it('on the name of the plano: minimum content and incentivo with both parcelas, the 2nd checked against execucao.json', async () => {
        const docs = await montar({ ...rolDeExemplo(), [P]: PAR });
        const texto = await hover(docs[docs.length - 1], PAR, 'plano "PAR', 8);
        expect(texto).toContain('Conteúdo mínimo (arts. 8 e 9): 14 de 14 itens');
        expect(texto).toContain('População de abrangência: 1.477.303 habitantes');
        expect(texto).toContain('| **Total** (art. 15 §1 I: mais de 1.000.000 de habitantes) | R$ 1.200.000,00 | | |');
        expect(texto).toContain('| 1ª parcela (art. 15 §2 I) | R$ 600.000,00 |');
        expect(texto).toContain(
            '| 2ª parcela (art. 15 §2 II) | R$ 600.000,00 | execução de 50% da produção financeira prevista no PAR | **condição cumprida**: executada R$ 1.150.000,00 (52,27% da prevista) |'
        );
        expect(texto).toContain('Produção executada: execucao.json (nomeado no PAR; valor informado)');
    });

    it('without the execucao item: the threshold to execute and how to check it', async () => {
        const semExecucao = PAR.replace(/  execucao .*\n/, '');
        const docs = await montar({ ...rolDeExemplo(), [P]: semExecucao });
        const texto = await hover(docs[docs.length - 1], semExecucao, 'plano "PAR', 8);
        expect(texto).toContain(
            'executar R$ 1.100.000,00 (50% de R$ 2.200.000,00); nomeie a execução no PAR (`execucao "auditoria.json"`)'
        );
        expect(texto).not.toContain('Produção executada:');
    });

    it('on an OCI of the elenco: the OCI of the rol and volume × value', async () => {
        const docs = await montar({ ...rolDeExemplo(), 'p.par': PAR });
        const texto = await hover(docs[docs.length - 1], PAR, 'oci 09.01.01.001-4', 6);
        expect(texto).toContain('OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA');
        expect(texto).toContain('Valor no rol: R$ 125,00');
        expect(texto).toContain('4.800 × R$ 125,00 = **R$ 600.000,00**');
    });

    it('on a meta: the reduction', async () => {
        const docs = await montar({ ...rolDeExemplo(), 'p.par': PAR });
        expect(await hover(docs[docs.length - 1], PAR, 'meta espera de 180')).toContain(
            'de 180 dias para 60 dias — redução de 120 dias (66,67%)'
        );
    });

    it('on a diagnostic: the text of the cited inciso', async () => {
        const semCompromisso = PAR.replace(/  compromisso .*\n/, '');
        const docs = await montar({ ...rolDeExemplo(), 'p.par': semCompromisso });
        const texto = await hover(docs[docs.length - 1], semCompromisso, 'plano "PAR', 8);
        expect(texto).toContain('`par/compromisso-ausente`');
        expect(texto).toContain(
            '> VII - declaração de compromisso com a implementação progressiva de mudanças estruturantes conforme a PNAES; e'
        );
        expect(texto).toContain('Diário Oficial da União nº 70, de 11/04/2024');
    });

    it('on the SE: município in the Amazônia Legal and monthly incentivo', async () => {
        const [doc] = await montar({ 's.se': SE });
        expect(await hover(doc, SE, 'municipio 1501808', 11)).toContain('na Amazônia Legal (toda a UF');
        const resumo = await hover(doc, SE, 'habilitacao "Sala', 13);
        expect(resumo).toContain('Incentivo mensal (art. 878-A §1): **R$ 65.000,00** — R$ 780.000,00 em 12 meses');
        expect(await hover(doc, SE, 'alvara_sanitario', 2)).toContain(
            'V - alvará sanitário expedido pela Vigilância Sanitária local;'
        );
    });
});

describe('code lens', () => {
    it('PAR: incentivo and parcelas, planned production, condition of the 2nd parcela, volume × value per OCI', async () => {
        const docs = await montar({ ...rolDeExemplo(), [P]: PAR });
        const doc = docs[docs.length - 1];
        const lentes =
            (await s.Par.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } })) ??
            [];
        const titulos = lentes.map(l => l.command?.title);
        expect(titulos).toContain(
            'Incentivo R$ 1.200.000,00 (art. 15 §1 I; 1.477.303 hab.) — 1ª parcela R$ 600.000,00 · 2ª parcela R$ 600.000,00'
        );
        expect(titulos).toContain(
            'Produção prevista R$ 2.200.000,00 — 2ª parcela após executar R$ 1.100.000,00 (50%, art. 15 §2 II)'
        );
        expect(titulos).toContain('Conteúdo mínimo completo (arts. 8 e 9)');
        expect(titulos).toContain('4.800 × R$ 125,00 = R$ 600.000,00');
        const condicao = lentes.find(l => l.command?.title.startsWith('2ª parcela'));
        expect(condicao?.command?.title).toBe(
            '2ª parcela (art. 15 §2 II): condição cumprida — executada R$ 1.150.000,00, 52,27% da produção prevista (execucao.json)'
        );
        // On the `execucao` line.
        expect(condicao?.range.start.line).toBe(PAR.split('\n').findIndex(l => l.includes('execucao "execucao.json"')));
    });

    it('PAR of exactly 500.000 inhabitants: the gap, no faixa', async () => {
        const texto = PAR.replace(
            /territorio \{[\s\S]*?\n  \}/,
            'territorio {\n    municipio 2111300 "São Luís" populacao 500.000\n  }'
        );
        const docs = await montar({ ...rolDeExemplo(), 'p.par': texto });
        const doc = docs[docs.length - 1];
        const titulos = (
            (await s.Par.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } })) ??
            []
        ).map(l => l.command?.title);
        expect(titulos[0]).toBe(
            'Incentivo não calculado (art. 15 §1 II e III; 500.000 hab.): exatamente 500.000 habitantes: nem "mais de 500.000" (II) nem "a 499.999" (III)'
        );
    });

    it('SE: monthly incentivo and documents', async () => {
        const [doc] = await montar({ 's.se': SE });
        const titulos = (
            (await s.Se.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } })) ?? []
        ).map(l => l.command?.title);
        expect(titulos).toEqual([
            'Incentivo mensal R$ 65.000,00 (art. 878-A §1, Amazônia Legal) · R$ 780.000,00 em 12 meses',
            'Documentos do §4: 9 de 9'
        ]);
    });
});

describe('references between the PAR and the rol', () => {
    it('go to definition on an OCI of the elenco opens the .oci file', async () => {
        const docs = await montar({ ...rolDeExemplo(), 'p.par': PAR });
        const doc = docs[docs.length - 1];
        const links = await s.Par.lsp.DefinitionProvider!.getDefinition(doc, {
            textDocument: { uri: doc.uri.toString() },
            position: posicao(PAR, 'oci 09.02.01.002-6', 6)
        });
        expect(links?.[0].targetUri).toMatch(/rol\/cardiologia\.oci$/);
    });

    it('the PAR is revalidated when the rol changes: an OCI removed from the rol becomes par/oci-desconhecida', async () => {
        const docs = await montar({ ...rolDeExemplo(), [P]: PAR });
        const par = docs[docs.length - 1];
        expect((par.diagnostics ?? []).map(d => d.code)).toEqual(['incentivo/segunda-parcela']);
        const cardio = docs.find(d => d.uri.path.endsWith('cardiologia.oci'))!;
        await s.shared.workspace.DocumentBuilder.update([], [cardio.uri]);
        expect((par.diagnostics ?? []).map(d => d.code)).toContain('par/oci-desconhecida');
    });
});
