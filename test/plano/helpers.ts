/** Ajudantes dos testes do PAR e da SE: serviços sobre um workspace em memória com o rol de exemplo. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPlanoCoreServices } from '../../language/src/plano/plano-module.js';
import { REPO_ROOT } from '../helpers.js';

export const WS = '/ws';

/**
 * A pasta do PAR de exemplo: um documento posto aqui (em memória) acha o `execucao "execucao.json"`
 * do exemplo em disco; em /ws, o arquivo não existe (incentivo/execucao-indisponivel).
 */
export const PASTA_PAR = path.join(REPO_ROOT, 'examples/par');

export function createServices() {
    return createPlanoCoreServices(EmptyFileSystem);
}

export type PlanoTestServices = ReturnType<typeof createServices>;

/** As OCI de examples/pmae (sem o cabeçalho, para não ler a tabela SIGTAP): o rol que os PAR dos testes usam. */
export function rolDeExemplo(): Record<string, string> {
    const dir = path.join(REPO_ROOT, 'examples/pmae');
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.oci') && n !== 'catalogo.oci')) {
        files[`rol/${name}`] = fs.readFileSync(path.join(dir, name), 'utf8');
    }
    return files;
}

export async function build(services: PlanoTestServices, files: Record<string, string>): Promise<LangiumDocument[]> {
    await clearDocuments(services.shared);
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents = services.shared.workspace.LangiumDocuments;
    const docs = Object.entries(files).map(([name, text]) => {
        // Um nome absoluto fica onde diz (p.ex. em PASTA_PAR); os outros, em /ws.
        const doc = factory.fromString(text, URI.file(path.isAbsolute(name) ? name : path.posix.join(WS, name)));
        documents.addDocument(doc);
        return doc;
    });
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

export function exemplo(rel: string): string {
    return fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
}

export function codigos(diagnostics: Diagnostic[] | undefined): string[] {
    return (diagnostics ?? []).map(d => String(d.code));
}
