/**
 * The validator's and the linker's walk over a tree (language/src/workspace/ast-walk.ts) and the
 * registry that calls checks directly (language/src/validation/check-registry.ts) replace
 * Langium's streams and async wrappers for speed: the nodes must come in streamAst's order, and a
 * validation must give the diagnostics Langium's own loop and registry give — same codes, ranges,
 * messages and order — on the real example, intact and cut at many places (broken trees).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
    AstUtils,
    Cancellation,
    DefaultAstNodeLocator,
    DefaultDocumentValidator,
    EmptyFileSystem,
    ValidationRegistry,
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    inject,
    OperationCancelled,
    type AstNode,
    type LangiumCoreServices,
    type ReferenceInfo,
    type ValidationAcceptor
} from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { OciCatalogoAstType } from '../../language/src/generated/ast.js';
import { OciCatalogoGeneratedModule, OciCatalogoGeneratedSharedModule } from '../../language/src/generated/module.js';
import { OciModule, OciSharedModule, createOciCoreServices } from '../../language/src/oci-module.js';
import { OciDocumentValidator } from '../../language/src/syntax-messages.js';
import { DirectValidationRegistry } from '../../language/src/validation/check-registry.js';
import { registerValidationChecks } from '../../language/src/validation/index.js';
import { preorderNodes } from '../../language/src/workspace/ast-walk.js';
import {
    FlatAstNodeLocator,
    ReferenceProperties,
    typesWithoutReferences
} from '../../language/src/workspace/reference-traversal.js';
import { REPO_ROOT, buildWorkspace, type TestServices } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const FILES: Record<string, string> = Object.fromEntries(
    fs
        .readdirSync(EXAMPLE)
        .filter(f => f.endsWith('.oci'))
        .map(f => [
            f,
            fs.readFileSync(path.join(EXAMPLE, f), 'utf8').replace('sigtap "sigtap/', `sigtap "${EXAMPLE}/sigtap/`)
        ])
);

/** Langium's own validation loop (streamAst, an await per check) in the project's validator. */
class LangiumLoopValidator extends OciDocumentValidator {
    protected override validateAstNodes(...args: Parameters<OciDocumentValidator['validateAstNodes']>): Promise<void> {
        return DefaultDocumentValidator.prototype['validateAstNodes'].apply(this, args);
    }
}

/** The project's services with Langium's validation loop and registry, as before this change. */
function langiumValidationServices(): TestServices {
    const shared = inject(
        createDefaultSharedCoreModule(EmptyFileSystem),
        OciCatalogoGeneratedSharedModule,
        OciSharedModule
    );
    const Oci = inject(createDefaultCoreModule({ shared }), OciCatalogoGeneratedModule, OciModule, {
        validation: {
            ValidationRegistry: (services: LangiumCoreServices) => new ValidationRegistry(services),
            DocumentValidator: (services: LangiumCoreServices) => new LangiumLoopValidator(services)
        }
    });
    shared.ServiceRegistry.register(Oci);
    registerValidationChecks(Oci);
    return { shared, Oci };
}

const summary = (d: Diagnostic) =>
    `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`;

async function diagnosticsOf(services: TestServices, files: Record<string, string>): Promise<string[][]> {
    const docs = await buildWorkspace(services, files);
    return docs.map(d => (d.diagnostics ?? []).map(summary));
}

/** The example with one file cut at `at` (a broken tree: partial nodes, syntax errors). */
function cut(file: string, at: number): Record<string, string> {
    return { ...FILES, [file]: FILES[file]!.slice(0, at) };
}

describe('walking a tree', () => {
    const { Oci } = createOciCoreServices(EmptyFileSystem);
    const parse = (text: string) => Oci.parser.LangiumParser.parse(text).value;
    const texts = Object.values(FILES).flatMap(text => [
        text,
        ...[0.13, 0.41, 0.77].map(f => text.slice(0, Math.floor(text.length * f)))
    ]);

    it('yields the nodes in streamAst order, and each subtree ends where the next node outside it starts', () => {
        let walked = 0;
        for (const text of texts) {
            const root = parse(text);
            const { nodes, ends } = preorderNodes(root);
            const streamed = [...AstUtils.streamAst(root)];
            expect(nodes.length).toBe(streamed.length);
            expect(nodes.findIndex((n, i) => n !== streamed[i])).toBe(-1);
            walked += nodes.length;
            nodes.forEach((node, i) => {
                const inside = (n: AstNode) => {
                    for (let c: AstNode | undefined = n; c; c = c.$container) if (c === node) return true;
                    return false;
                };
                expect(nodes.slice(i, ends[i]).every(inside)).toBe(true);
                if (ends[i]! < nodes.length) expect(inside(nodes[ends[i]!]!)).toBe(false);
            });
        }
        expect(walked).toBeGreaterThan(1000);
    });

    it('finds every reference streamReferences finds, in the same order, without entering subtrees that hold none', () => {
        const properties = new ReferenceProperties(Oci.shared.AstReflection, Oci.Grammar);
        const skipped = typesWithoutReferences(Oci.Grammar);
        for (const type of ['Catalogo', 'Tecnologia', 'Grupo', 'Publico', 'Cids', 'TempoMaximo', 'ProcedimentoRef'])
            expect(skipped).toContain(type);
        for (const type of ['Documento', 'Oci', 'Componente', 'GrupoRef', 'Conclusao', 'UsoTecnologias'])
            expect(skipped).not.toContain(type);
        let references = 0;
        let visited = 0;
        let all = 0;
        for (const text of texts) {
            const root = parse(text);
            const expected = AstUtils.streamAst(root)
                .flatMap(node => AstUtils.streamReferences(node))
                .toArray();
            const found = properties.nodesWithReferences(root).flatMap(node => {
                const into: ReferenceInfo[] = [];
                properties.referencesOf(node, into);
                return into;
            });
            expect(found.map(r => [r.container.$type, r.property, r.index, r.reference.$refText])).toEqual(
                expected.map(r => [r.container.$type, r.property, r.index, r.reference.$refText])
            );
            expect(found.every((r, i) => r.container === expected[i]!.container)).toBe(true);
            references += found.length;
            visited += properties.nodesWithReferences(root).length;
            all += preorderNodes(root).nodes.length;
        }
        expect(references).toBeGreaterThan(200);
        expect(visited).toBeLessThan(all / 2);
    });

    it("gives every node the path Langium's locator gives, and the path leads back to the node", () => {
        const langium = new DefaultAstNodeLocator();
        const locator = Oci.workspace.AstNodeLocator;
        expect(locator).toBeInstanceOf(FlatAstNodeLocator);
        let indexed = 0;
        for (const text of texts) {
            const root = parse(text);
            for (const node of preorderNodes(root).nodes) {
                const path = locator.getAstNodePath(node);
                expect(path).toBe(langium.getAstNodePath(node));
                expect(locator.getAstNode(root, path)).toBe(node);
                if (path.includes('@')) indexed++;
            }
        }
        expect(indexed).toBeGreaterThan(1000);
    });
});

describe('validation without Langium streams and async wrappers', () => {
    const direct = createOciCoreServices(EmptyFileSystem);
    const langium = langiumValidationServices();

    it("gives the diagnostics of Langium's loop and registry on the example, intact and cut at many places", async () => {
        const cases = [
            FILES,
            ...Object.keys(FILES).flatMap(file => [0.3, 0.8].map(f => cut(file, Math.floor(FILES[file]!.length * f))))
        ];
        let compared = 0;
        for (const files of cases) {
            const expected = await diagnosticsOf(langium, files);
            expect(await diagnosticsOf(direct, files)).toEqual(expected);
            compared += expected.flat().length;
        }
        // Diagnostics of many kinds were compared, not an empty list.
        expect(compared).toBeGreaterThan(100);
    });

    it('reports a check that throws or rejects as Langium does, lets cancellation through, and runs checks registered later', async () => {
        const registry = new DirectValidationRegistry(direct.Oci);
        const found: string[] = [];
        const accept: ValidationAcceptor = (severity, message) => {
            found.push(`${severity}: ${message}`);
        };
        const node = parseWith(direct, 'catalogo "x"');
        const runAll = async () => {
            for (const check of registry.checkList('Documento'))
                await check(node, accept, Cancellation.CancellationToken.None);
        };
        const errors = console.error;
        console.error = () => {};
        try {
            registry.register<OciCatalogoAstType>({
                Documento: [
                    () => {
                        throw new Error('boom');
                    },
                    async () => {
                        throw new Error('later');
                    }
                ]
            });
            await runAll();
            expect(found).toEqual([
                'error: An error occurred during validation: boom',
                'error: An error occurred during validation: later'
            ]);
            registry.register<OciCatalogoAstType>({
                Documento: () => {
                    found.push('third');
                }
            });
            found.length = 0;
            await runAll();
            expect(found.at(-1)).toBe('third');
            registry.register<OciCatalogoAstType>({
                Documento: () => {
                    throw OperationCancelled;
                }
            });
            await expect(runAll()).rejects.toBe(OperationCancelled);
        } finally {
            console.error = errors;
        }
    });
});

function parseWith(services: TestServices, text: string): AstNode {
    return services.Oci.parser.LangiumParser.parse(text).value;
}
