/**
 * Issue 19, item 5: every snippet of client/snippets/oci.code-snippets, expanded as VS Code inserts
 * it (each placeholder at its default, a choice at its first option) in a valid place of a copy of
 * examples/pmae, gives no error and no warning; what it leaves `a_preencher` is ONE information
 * per element in the editor (the bundled server over stdio, out/server/main.cjs: `npm run bundle`),
 * while `oci-catalogo check` on the same files exits 1 with each pending field an error — pending
 * data blocks publication (server/src/diagnostic-presentation.ts, rules.ts editorPresentation).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    PublishDiagnosticsNotification,
    type Diagnostic,
    type ProtocolConnection
} from 'vscode-languageserver-protocol/node';
import type { CodeAction } from 'vscode-languageserver';
import { expandPresented, presentDiagnostics } from '../../server/src/diagnostic-presentation.js';
import { computeValue, isOci } from '../../language/src/index.js';
import { runCli } from '../cli-harness.js';
import { REPO_ROOT } from '../helpers.js';
import { CLEAN, buildLspWorkspace, createLspServices, positionIn, replaceOnce } from './lsp-helpers.js';
import { startStdioServer, type StdioServer } from './lsp-stdio-harness.js';

const NODE = process.env.OCI_LSP_NODE || process.execPath;
const SNIPPETS = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'client/snippets/oci.code-snippets'), 'utf8')
) as Record<string, { prefix: string; body: string[] }>;

/** A snippet's text as inserted: `${1:x}` → x, `${1|a,b|}` → a, `$0` → nothing. */
function expand(body: string[]): string {
    return body
        .join('\n')
        .replace(/\$\{\d+\|((?:\\,|[^,|])+)[^|]*\|\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\\,/g, ',');
}

function snippet(prefix: string): string {
    const found = Object.values(SNIPPETS).find(s => s.prefix === prefix);
    if (!found) throw new Error(`no snippet with prefix ${prefix}`);
    return expand(found.body);
}

/** Inserts `text` as a new line after the first line of `file` that starts with `after`. */
function insertAfterLine(file: string, after: string, text: string): number {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex(l => l.startsWith(after)) + 1;
    if (at === 0) throw new Error(`no line starting with "${after}" in ${file}`);
    lines.splice(at, 0, ...text.split('\n'));
    fs.writeFileSync(file, lines.join('\n'));
    return at;
}

interface Inserted {
    snippet: string;
    file: string;
    /** The lines (0-based, inclusive) of the element the snippet created or went into. */
    lines: [number, number];
    /** Whether it leaves something `a_preencher`. */
    pending: boolean;
}

let dir: string;
let server: StdioServer;
let connection: ProtocolConnection;
const published = new Map<string, Diagnostic[]>();
const inserted: Inserted[] = [];

function elementLines(file: string, firstLine: number): [number, number] {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    let last = firstLine;
    if (lines[firstLine]!.trimEnd().endsWith('{')) while (!lines[last]!.startsWith('}')) last++;
    return [firstLine, last];
}

describe('snippets: no error, at most one a_preencher info per element in the editor; the CLI refuses them', () => {
    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-snippets-'));
        fs.cpSync(path.join(REPO_ROOT, 'examples/pmae'), dir, { recursive: true });
        // A new OCI in a file of its own.
        fs.writeFileSync(path.join(dir, 'nova.oci'), snippet('oci') + '\n');
        inserted.push({ snippet: 'oci', file: 'nova.oci', lines: elementLines('nova.oci', 0), pending: true });
        // A component into the first OCI of two files (after its tM, where the canonical order puts it).
        for (const [prefix, file] of [
            ['obrigatorio', 'cardiologia.oci'],
            ['eventual', 'oftalmologia.oci']
        ] as const) {
            insertAfterLine(path.join(dir, file), '  tM ', '  ' + snippet(prefix));
            const ociLine = fs
                .readFileSync(path.join(dir, file), 'utf8')
                .split('\n')
                .findIndex(l => l.startsWith('oci '));
            inserted.push({ snippet: prefix, file, lines: elementLines(file, ociLine), pending: true });
        }
        // A grupo and a tecnologia at the end of the header's file.
        for (const prefix of ['grupo', 'tecnologia']) {
            const file = path.join(dir, 'catalogo.oci');
            const before = fs.readFileSync(file, 'utf8').replace(/\n*$/, '\n\n');
            fs.writeFileSync(file, before + snippet(prefix) + '\n');
            const line = before.split('\n').length - 1;
            inserted.push({
                snippet: prefix,
                file: 'catalogo.oci',
                lines: elementLines('catalogo.oci', line),
                pending: prefix === 'grupo'
            });
        }
        // A header starts a new catalogue: a new folder.
        fs.mkdirSync(path.join(dir, 'novo'));
        fs.writeFileSync(path.join(dir, 'novo', 'catalogo.oci'), snippet('catalogo'));
        inserted.push({ snippet: 'catalogo', file: 'novo/catalogo.oci', lines: [0, 1], pending: true });

        server = startStdioServer(dir, { ...process.env, OCI_SIGTAP_EXTERNO: '' }, NODE);
        connection = server.connection;
        let done = false;
        connection.onNotification('oci/validacao', (params: { concluida: boolean }) => {
            if (params.concluida) done = true;
        });
        connection.onNotification(PublishDiagnosticsNotification.type, params => {
            published.set(params.uri, params.diagnostics);
        });
        connection.listen();
        await server.initialize(
            dir,
            { textDocument: { publishDiagnostics: {} }, workspace: { workspaceFolders: true } },
            { initializationOptions: { locale: 'pt-br' } }
        );
        await server.waitFor('the end of the first build', () => (done ? true : undefined), 60_000);
    }, 90_000);

    afterAll(async () => {
        await server?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('every snippet was placed', () => {
        expect(inserted.map(i => i.snippet).sort()).toEqual(
            Object.values(SNIPPETS)
                .map(s => s.prefix)
                .sort()
        );
    });

    it('the editor shows no error and no warning in the catalogue', () => {
        const shown = [...published].flatMap(([uri, ds]) =>
            ds.filter(d => d.severity! <= 2).map(d => `${uri} ${d.code} ${d.message}`)
        );
        expect(published.size).toBeGreaterThanOrEqual(8);
        expect(shown).toEqual([]);
    });

    it('each inserted element gets at most one oci/a-preencher, an information on its name that says it blocks publication', () => {
        for (const el of inserted) {
            const diagnostics = published.get(pathToFileURL(path.join(dir, el.file)).toString()) ?? [];
            const pending = diagnostics.filter(
                d =>
                    d.code === 'oci/a-preencher' &&
                    d.range.start.line >= el.lines[0] &&
                    d.range.start.line <= el.lines[1]
            );
            expect(pending.length, el.snippet).toBe(el.pending ? 1 : 0);
            for (const d of pending) {
                expect(d.severity, el.snippet).toBe(3);
                expect(d.range.start.line, el.snippet).toBe(el.lines[0]);
                expect(d.message, el.snippet).toMatch(/ a preencher: .+ — bloqueia a publicação$/);
                expect(String(d.message).length, el.snippet).toBeLessThanOrEqual(110);
                // What it stands for: the fields the CLI lists one by one.
                expect(
                    (d.data as { agrupados: Diagnostic[] }).agrupados.every(a => a.severity === 1),
                    el.snippet
                ).toBe(true);
            }
        }
        const nova = published
            .get(pathToFileURL(path.join(dir, 'nova.oci')).toString())!
            .find(d => d.code === 'oci/a-preencher')!;
        expect(nova.message).toBe(
            'OCI a preencher: tR, tM, procedimento (2), frequência, conclusão, tecnologias — bloqueia a publicação'
        );
    });

    it('oci-catalogo check on the same files exits 1, each pending field an error and nothing else', async () => {
        const { code, out } = await runCli('check', dir, '--format', 'json');
        expect(code).toBe(1);
        const report = JSON.parse(out) as {
            diagnostics: Array<{ file: string; line: number; severity: string; code: string; message: string }>;
        };
        const blocking = report.diagnostics.filter(d => d.severity !== 'info');
        expect(
            blocking.every(d => d.severity === 'error' && d.code === 'oci/a-preencher'),
            JSON.stringify(blocking.filter(d => d.code !== 'oci/a-preencher'))
        ).toBe(true);
        const fields = (file: string) =>
            blocking
                .filter(d => path.relative(dir, path.resolve(d.file)) === file)
                .map(d => d.message.split(' a preencher')[0]);
        expect(fields('nova.oci')).toEqual([
            'tR (tempo recomendado)',
            'tM (tempo máximo)',
            'Procedimento do componente',
            'Procedimento do componente',
            'Frequência do componente eventual',
            'Conclusão (procedimento que conclui a OCI)',
            'Tecnologias de cuidado (art. 6 §3)'
        ]);
        expect(fields('cardiologia.oci')).toEqual(['Procedimento do componente', 'Estimativa de valor']);
        expect(fields('oftalmologia.oci')).toEqual([
            'Procedimento do componente',
            'Frequência do componente eventual',
            'Estimativa de valor'
        ]);
        expect(fields('catalogo.oci')).toEqual(['Membros do grupo nome (descrição)']);
        expect(fields(path.join('novo', 'catalogo.oci'))).toEqual(['Tabela SIGTAP do catálogo']);
        expect(blocking).toHaveLength(14);
    });
});

describe('the grouped diagnostic (in process): English text, quick fixes through it, the document keeps the errors', () => {
    const text = replaceOnce(
        replaceOnce(
            replaceOnce(CLEAN, 'tR 21 dias', 'tR a_preencher'),
            'qt 1 estimativa R$ 43,72',
            'qt 1 estimativa a_preencher'
        ),
        'frequencia 40% estimativa R$ 40,00',
        'frequencia 40% estimativa a_preencher'
    );

    it('one English information on the OCI; the document still holds one error per pending field', async () => {
        const services = createLspServices();
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        const errors = doc!.diagnostics!.filter(d => d.code === 'oci/a-preencher');
        expect(errors.map(d => d.severity)).toEqual([1, 1, 1]);
        const shown = presentDiagnostics(doc, doc!.diagnostics!, 'en').filter(d => d.code === 'oci/a-preencher');
        expect(shown).toHaveLength(1);
        expect(shown[0]!.message).toBe('OCI to be filled in: tR, estimate (2) — blocks publication');
        expect(shown[0]!.range.start).toEqual(positionIn(text, '09.01.01.001-4'));
        expect(shown[0]!.range.end).toEqual(positionIn(text, 'MAMA" {', 5));
        expect(expandPresented(shown[0]!)).toEqual([...errors].sort((a, b) => a.range.start.line - b.range.start.line));
        // Everything else is shown as found.
        expect(presentDiagnostics(doc, doc!.diagnostics!, 'pt').filter(d => d.code !== 'oci/a-preencher')).toEqual(
            doc!.diagnostics!.filter(d => d.code !== 'oci/a-preencher')
        );
    });

    it('a pending target or pending technologies leave the value incomplete: no number is built without them', async () => {
        const services = createLspServices();
        const pending = replaceOnce(
            replaceOnce(CLEAN, 'tecnologias gestao_clinica, saude_digital', 'tecnologias a_preencher'),
            '  conclusao consulta',
            '  obrigatorio a_preencher qt 1\n  conclusao consulta'
        );
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': pending });
        const oci = doc!.parseResult.value.elementos.find(isOci)!;
        const value = computeValue(oci, services.Oci.catalogo.Context.forDocument(doc!).table);
        expect(value.faltantes.map(f => [f.alvo, f.pendente])).toEqual([
            ['a_preencher', true],
            ['tecnologias', true]
        ]);
        const codes = doc!.diagnostics!.map(d => d.code);
        // Declared R$ 125,00 against an incomplete value: not compared; technologies declared (pending), not missing.
        expect(codes).not.toContain('valor/divergente');
        expect(codes).not.toContain('oci/sem-tecnologia');
        expect(codes.filter(c => c === 'oci/a-preencher')).toHaveLength(2);
    });

    it("the hover on the OCI's name quotes the law the grouped diagnostic cites", async () => {
        const services = createLspServices();
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        const hover = await services.Oci.lsp.HoverProvider!.getHoverContent(doc!, {
            textDocument: { uri: doc!.textDocument.uri },
            position: positionIn(text, 'AVALIAÇÃO DIAGNÓSTICA')
        });
        const value = JSON.stringify(hover?.contents ?? '');
        // Art. 6 §2 III-V and §3: the dispositivos of oci/a-preencher.
        expect(value).toContain('(`oci/a-preencher`)');
        expect(value).toContain('III - o tempo estipulado');
        expect(value).toContain('§ 3º O valor das OCI');
    });

    it('the quick fixes of the grouped diagnostic fill each pending estimate with the SIGTAP value', async () => {
        const services = createLspServices();
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': text });
        const shown = presentDiagnostics(doc, doc!.diagnostics!, 'pt').find(d => d.code === 'oci/a-preencher')!;
        const actions = (await services.Oci.lsp.CodeActionProvider!.getCodeActions(doc!, {
            textDocument: { uri: doc!.textDocument.uri },
            range: shown.range,
            context: { diagnostics: [shown], triggerKind: 1 }
        })) as CodeAction[];
        expect(actions.map(a => a.title)).toEqual([
            'Usar a estimativa da tabela SIGTAP (VL_SA): R$ 22,50',
            'Usar a estimativa da tabela SIGTAP (VL_SA): R$ 24,20'
        ]);
        expect(actions.every(a => a.diagnostics?.[0] === shown)).toBe(true);
    });
});
