/** Shared test helpers: services over an in-memory workspace, and the real SIGTAP data from ../shared. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Documento } from '../language/src/generated/ast.js';
import { createOciCoreServices } from '../language/src/oci-module.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The tests' catalogues name the real SIGTAP zip in ../shared, outside the repository and their
 * temporary folders: the CLI and the language server would refuse it (catalogo/sigtap-fora-do-workspace).
 * The suite allows it, as a CI operator would; test/robustness/sigtap-path.test.ts turns it off.
 */
process.env.OCI_SIGTAP_EXTERNO ??= '1';
export const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/design/data');
export const SIGTAP_ZIP = path.join(SHARED_DATA, 'sigtap/TabelaUnificada_202601_v2601221740.zip');
export const ORACLE_JSON = path.join(SHARED_DATA, 'oci-sigtap-202601.json');

/** A header naming the real SIGTAP 2026-01 (absolute path: the test documents live in memory). */
export const HEADER = `catalogo "Teste" versao "t" competencia 2026-01 sigtap "${SIGTAP_ZIP}"\n`;

export const WORKSPACE = '/ws';

/**
 * The project's semantic token types (server/src/semantic-token-provider.ts), restated on purpose: a type renamed,
 * dropped or moved in the product fails the editor tests (package.json declares the types by name).
 */
export const OCI_TOKEN_TYPES = [
    'ociCodigo',
    'procedimento',
    'dinheiro',
    'percentual',
    'grupo',
    'tecnologia',
    'pendente'
];

/** Writes `text` to `dir/name` (creating its folders); returns the file's path. */
export function writeIn(dir: string, name: string, text: string): string {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
}

/** The 1-based line of `file` holding `needle` (0 when none does). */
export function lineOf(file: string, needle: string): number {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    return lines.findIndex(l => l.includes(needle)) + 1;
}

export function createTestServices() {
    return createOciCoreServices(EmptyFileSystem);
}

export type TestServices = ReturnType<typeof createTestServices>;

/**
 * Parses and validates several files as one workspace (core or LSP services) under `root` (an in-memory folder
 * unless a test names a real one); returns the documents in order.
 */
export async function buildWorkspace(
    services: { shared: LangiumSharedCoreServices },
    files: Record<string, string>,
    root = WORKSPACE
): Promise<Array<LangiumDocument<Documento>>> {
    await clearDocuments(services.shared);
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const documents = services.shared.workspace.LangiumDocuments;
    const docs = Object.entries(files).map(([name, text]) => {
        const doc = factory.fromString<Documento>(text, URI.file(path.posix.join(root, name)));
        documents.addDocument(doc);
        return doc;
    });
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

/** Validates one file with the standard header in front of it. */
export async function validate(services: TestServices, body: string, header = HEADER): Promise<Diagnostic[]> {
    const [doc] = await buildWorkspace(services, { 'catalogo.oci': header + body });
    return doc.diagnostics ?? [];
}

export function codes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(d => String(d.code));
}

export function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
    return diagnostics.filter(d => d.code === code);
}

/** A complete, valid OCI (09.01.01.001-4 as in SIGTAP 2026-01) to derive broken variants from. */
export const MAMA = `
tecnologia gestao_clinica "Gestão clínica" percentual 8%
tecnologia saude_digital "Saúde digital" valor R$ 6,50

grupo consulta "Consulta ou teleconsulta especializada" {
  03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"
  03.01.01.030-7 "TELECONSULTA MÉDICA NA ATENÇÃO ESPECIALIZADA"
}

oci 09.01.01.001-4 "OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA" {
  fundamento "Portaria SAES/MS nº 1.824/2024"
  publico sexo ambos idade 10 anos ou mais
  cid C50, D05, D24, D48.6, N60, N61, N62, N63, N64
  tR 21 dias
  tM 30 dias
  obrigatorio 02.04.03.003-0 "MAMOGRAFIA" qt 1 estimativa R$ 43,72
  eventual 02.05.02.009-7 qt 1 frequencia 40% estimativa R$ 40,00
  obrigatorio um_de consulta qt 2 estimativa R$ 25,00
  conclusao consulta
  remoto teleconsulta
  contrarreferencia aps
  tecnologias gestao_clinica, saude_digital
  valor R$ 125,00
}
`;

/** The error `action` throws, checked to be a `type`; throws when it throws nothing or something else. */
export function thrownBy<E>(action: () => unknown, type: abstract new (...args: never[]) => E): E {
    try {
        action();
    } catch (error) {
        if (error instanceof type) return error;
        throw new Error(`expected a ${type.name}, got ${String(error)}`, { cause: error });
    }
    throw new Error(`expected a ${type.name}, nothing was thrown`);
}
