/**
 * The edit path of the language server (issue 5): an edited file is built up to its diagnostics
 * before the files that are only relinked because of it; those still end validated and right.
 * Scopes resolve with indexed lookups but with Langium's semantics: the first definition in the
 * file wins, a file's own grupo hides another file's grupo of the same name, other files' grupos
 * and tecnologias resolve through the workspace index.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    DefaultReferenceDescriptionProvider,
    DocumentState,
    EmptyFileSystem,
    TextDocument,
    URI,
    type LangiumDocument,
    type ReferenceDescription
} from 'langium';
import { clearDocuments } from 'langium/test';
import {
    isComponente,
    isGrupoRef,
    isOci,
    type Documento,
    type Grupo,
    type Oci
} from '../../language/src/generated/ast.js';
import { createOciLspServices } from '../../server/src/oci-lsp-module.js';
import { DeferredReferenceIndex } from '../../language/src/workspace/reference-index.js';
import { HEADER, MAMA, WORKSPACE } from '../helpers.js';

type Services = ReturnType<typeof createOciLspServices>;
let services: Services;

beforeAll(() => {
    services = createOciLspServices(EmptyFileSystem);
});
afterAll(async () => {
    await clearDocuments(services.shared);
});

const uriOf = (name: string) => URI.file(path.posix.join(WORKSPACE, name));

/** Opens the files as an editor would (text documents), builds them, returns the documents. */
async function open(files: Record<string, string>): Promise<Array<LangiumDocument<Documento>>> {
    await clearDocuments(services.shared);
    const textDocuments = services.shared.workspace.TextDocuments;
    const docs = Object.entries(files).map(([name, text]) => {
        textDocuments.set(TextDocument.create(uriOf(name).toString(), 'oci', 1, text));
        const doc = services.shared.workspace.LangiumDocumentFactory.fromTextDocument<Documento>(
            textDocuments.get(uriOf(name).toString())!
        );
        services.shared.workspace.LangiumDocuments.addDocument(doc);
        return doc;
    });
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
    return docs;
}

/** Replaces a file's text and runs the builder's update, noting the order documents reach `Validated`. */
async function edit(name: string, text: string, version: number): Promise<string[]> {
    services.shared.workspace.TextDocuments.set(TextDocument.create(uriOf(name).toString(), 'oci', version, text));
    const order: string[] = [];
    const listener = services.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, d => {
        order.push(path.posix.basename(d.uri.path));
    });
    try {
        await services.shared.workspace.DocumentBuilder.update([uriOf(name)], []);
    } finally {
        listener.dispose();
    }
    return order;
}

const GRUPOS = MAMA.slice(0, MAMA.indexOf('oci 09'));
const OCI = MAMA.slice(MAMA.indexOf('oci 09'));
/** The OCI under another code, and with `um_de` pointing at a grupo name. */
const ociWith = (code: string, grupo: string) =>
    OCI.replace('09.01.01.001-4', code)
        .replace(/um_de consulta/g, `um_de ${grupo}`)
        .replace('conclusao consulta', `conclusao ${grupo}`);

describe('incremental build', () => {
    it('validates the edited file first, then the files relinked because of it; leaves alone what it cannot resolve', async () => {
        await open({
            'catalogo.oci': HEADER + GRUPOS,
            // b.oci has an unresolved reference, so Langium relinks it after every change anywhere;
            // it comes before a.oci in the workspace, where Langium's own order would build it first.
            'b.oci': ociWith('09.01.01.003-0', 'consulta_nova'),
            'a.oci': ociWith('09.01.01.002-2', 'consulta')
        });
        const b = services.shared.workspace.LangiumDocuments.getDocument(uriOf('b.oci'))!;
        expect(b.diagnostics?.map(d => d.code)).toContain('referencia/nao-resolvida');

        // An edit whose text does not name consulta_nova cannot resolve b.oci's reference: b.oci is left alone.
        const order = await edit('a.oci', ociWith('09.01.01.002-2', 'consulta').replace('tR 10 dias', 'tR 11 dias'), 2);
        expect(order).toEqual(['a.oci']);
        expect(b.diagnostics?.map(d => d.code)).toContain('referencia/nao-resolvida');

        // Declaring the missing grupo in the edited file resolves b.oci's reference in the same update,
        // after the edited file's own diagnostics.
        const withGrupo =
            ociWith('09.01.01.002-2', 'consulta') +
            '\ngrupo consulta_nova "Consulta" {\n  03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"\n}\n';
        const order2 = await edit('a.oci', withGrupo, 3);
        expect(order2).toEqual(['a.oci', 'b.oci']);
        expect(b.state).toBe(DocumentState.Validated);
        expect(b.diagnostics?.map(d => d.code)).not.toContain('referencia/nao-resolvida');
    });

    it('a duplicated OCI code is revalidated when a change touches that code, not on every edit', async () => {
        await open({
            'catalogo.oci': HEADER + GRUPOS,
            'b.oci': ociWith('09.01.01.002-2', 'consulta'),
            'c.oci': ociWith('09.01.01.003-0', 'consulta'),
            'a.oci': ociWith('09.01.01.002-2', 'consulta')
        });
        const b = services.shared.workspace.LangiumDocuments.getDocument(uriOf('b.oci'))!;
        expect(b.diagnostics?.map(d => d.code)).toContain('oci/codigo-duplicado');

        // c.oci neither declared nor now writes 09.01.01.002-2.
        expect(
            await edit('c.oci', ociWith('09.01.01.003-0', 'consulta').replace('tR 10 dias', 'tR 12 dias'), 2)
        ).toEqual(['c.oci']);
        // a.oci declared it: taking it away settles b.oci's duplicate.
        expect(await edit('a.oci', ociWith('09.01.01.004-9', 'consulta'), 2)).toEqual(['a.oci', 'b.oci']);
        expect(b.diagnostics?.map(d => d.code)).not.toContain('oci/codigo-duplicado');
        // Writing it again (formatted differently) brings the duplicate back on both sides.
        expect(await edit('c.oci', ociWith('0901010022', 'consulta'), 3)).toEqual(['c.oci', 'b.oci']);
        expect(b.diagnostics?.map(d => d.code)).toContain('oci/codigo-duplicado');
    });

    it('a change of the header revalidates every file under it, after the header', async () => {
        await open({ 'catalogo.oci': HEADER + GRUPOS, 'a.oci': ociWith('09.01.01.002-2', 'consulta') });
        const order = await edit(
            'catalogo.oci',
            HEADER.replace('competencia 2026-01', 'competencia 2025-12') + GRUPOS,
            2
        );
        expect(order).toEqual(['catalogo.oci', 'a.oci']);
        const header = services.shared.workspace.LangiumDocuments.getDocument(uriOf('catalogo.oci'))!;
        expect(header.diagnostics?.map(d => d.code)).toContain('catalogo/competencia-divergente');
    });
});

describe('scopes', () => {
    function grupoOf(doc: LangiumDocument<Documento>): Grupo | undefined {
        const oci = doc.parseResult.value.elementos.find(isOci) as Oci;
        const componente = oci.itens.filter(isComponente).find(c => isGrupoRef(c.alvo));
        return isGrupoRef(componente?.alvo) ? componente.alvo.grupo.ref : undefined;
    }

    it('resolves grupos of other files through the index', async () => {
        const [header, a] = await open({
            'catalogo.oci': HEADER + GRUPOS,
            'a.oci': ociWith('09.01.01.002-2', 'consulta')
        });
        const grupo = grupoOf(a);
        expect(grupo?.name).toBe('consulta');
        expect(grupo?.$container).toBe(header.parseResult.value);
        expect(a.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
    });

    it("a file's own grupo hides another file's grupo of the same name; the first definition wins", async () => {
        const local = (descricao: string) =>
            `grupo consulta "${descricao}" {\n  03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"\n}\n`;
        const [, a] = await open({
            'catalogo.oci': HEADER + GRUPOS,
            'a.oci': ociWith('09.01.01.002-2', 'consulta') + '\n' + local('primeiro') + '\n' + local('segundo')
        });
        const grupo = grupoOf(a);
        expect(grupo?.$container).toBe(a.parseResult.value);
        expect(grupo?.descricao).toBe('primeiro');
    });
});

describe('deferred reference index', () => {
    const index = () => services.shared.workspace.IndexManager as DeferredReferenceIndex;
    /** What the index holds, by document, in its order. */
    const held = () => [...(index() as unknown as { referenceIndex: Map<string, unknown[]> }).referenceIndex];

    /** Langium's own provider over every document: what its IndexedReferences phase would have put in the index. */
    async function langiumDescriptions() {
        const provider = new DefaultReferenceDescriptionProvider(services.Oci);
        const result: Array<[string, unknown[]]> = [];
        for (const [uri] of held()) {
            const doc = services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!;
            result.push([uri, await provider.createDescriptions(doc)]);
        }
        return result;
    }

    const GRUPO_EXTRA = (name: string) =>
        `grupo ${name} "Consulta" {\n  03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"\n}\n`;

    it("makes no description in the build, and Langium's descriptions when asked", async () => {
        const docs = await open({
            'catalogo.oci': HEADER + GRUPOS,
            'a.oci': ociWith('09.01.01.002-2', 'consulta'),
            'b.oci': ociWith('09.01.01.003-0', 'consulta_nova')
        });
        expect(index().pending).toBe(3);
        expect(held().every(([, descriptions]) => descriptions.length === 0)).toBe(true);

        // Find references makes every document's descriptions, in the order of the build.
        const [header] = docs;
        const consulta = header!.parseResult.value.elementos.find(e => !isOci(e) && e.name === 'consulta')!;
        const found = index().findAllReferences(consulta, '/elementos@0').toArray();
        expect(index().pending).toBe(0);
        const toConsulta = (await langiumDescriptions())
            .flatMap(([, descriptions]) => descriptions as ReferenceDescription[])
            .filter(d => d.targetUri.toString() === header!.uri.toString() && d.targetPath === '/elementos@0');
        expect(toConsulta.length).toBeGreaterThan(1);
        expect(found).toEqual(toConsulta);
        expect(held().map(([uri]) => path.posix.basename(URI.parse(uri).path))).toEqual([
            'catalogo.oci',
            'a.oci',
            'b.oci'
        ]);
        expect(held()).toEqual(await langiumDescriptions());

        // After an edit that moves every reference of a.oci down two lines, the descriptions follow the new tree.
        await edit('a.oci', '// um\n// dois\n' + ociWith('09.01.01.002-2', 'consulta'), 2);
        expect(index().pending).toBe(1);
        const again = index().findAllReferences(consulta, '/elementos@0').toArray();
        const at = (descriptions: ReferenceDescription[], shiftA = 0) =>
            descriptions
                .map(d => {
                    const file = path.posix.basename(d.sourceUri.path);
                    return `${file}:${d.segment.range.start.line + (file === 'a.oci' ? shiftA : 0)}`;
                })
                .sort();
        expect(at(again)).toEqual(at(found, 2));
        expect(held()).toEqual(await langiumDescriptions());
    });

    it('relinks, on an edit, a file whose references into the edited file were never described', async () => {
        await open({
            'catalogo.oci': HEADER + GRUPOS,
            'grupos.oci': GRUPO_EXTRA('consulta_extra'),
            'a.oci': ociWith('09.01.01.002-2', 'consulta_extra')
        });
        const a = services.shared.workspace.LangiumDocuments.getDocument(uriOf('a.oci'))!;
        expect(a.diagnostics?.filter(d => d.severity === 1)).toEqual([]);
        expect(index().pending).toBe(3);
        // Only the index says that a.oci depends on grupos.oci (a.oci's text, codes and diagnostics do not).
        expect(await edit('grupos.oci', GRUPO_EXTRA('consulta_outra'), 2)).toEqual(['grupos.oci', 'a.oci']);
        expect(a.diagnostics?.map(d => d.code)).toContain('referencia/nao-resolvida');
    });
});
