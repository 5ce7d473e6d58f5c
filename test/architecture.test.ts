/**
 * The code map of docs/architecture.md, enforced: every import of language/, server/, client/ and
 * cli/ goes in the documented direction, the core stays free of editor and Node-only code outside
 * its I/O seam, and no runtime import cycle exists. The rules are data (LAYERS, NODE_SEAM) read by
 * `violations`, which the last tests feed planted wrong-way imports to prove it can fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

type Layer = 'language' | 'server' | 'client' | 'cli';

interface Import {
    from: string;
    specifier: string;
    resolved?: string;
    typeOnly: boolean;
    line: number;
}

/** Which layers each layer may import (relative imports), and which packages. */
const LAYERS: Record<Layer, { root: string; layers: Layer[]; packages: RegExp }> = {
    // The core: Langium and the pure libraries it computes with; never vscode or the LSP server packages.
    language: {
        root: 'language/src',
        layers: ['language'],
        packages:
            /^(langium|langium\/node|chevrotain|decimal\.js|fflate|yaml|docx|vscode-languageserver-types|@duckdb\/node-api|node:.*)$/
    },
    // The language server: the core plus Langium's LSP layer; never the editor client or the CLI.
    // (fflate: the browser implementation of the core's zlib seam, server/src/browser/node/zlib.ts.)
    server: {
        root: 'server/src',
        layers: ['server', 'language'],
        packages:
            /^(langium|langium\/lsp|langium\/node|chevrotain|vscode-languageserver|vscode-languageserver\/(node|browser)|vscode-languageserver-protocol|vscode-languageserver-types|fflate|node:.*)$/
    },
    // The VS Code client: vscode, the language client, and only the server's protocol and launch settings.
    client: {
        root: 'client/src',
        layers: ['client'],
        packages: /^(vscode|vscode-languageclient(\/node|\/browser)?|node:.*)$/
    },
    // The command line: the core, commander, Node.
    cli: {
        root: 'cli/src',
        layers: ['cli', 'language'],
        packages: /^(langium|langium\/node|commander|vscode-languageserver-types|node:.*)$/
    }
};

/** The client may reach into the server only for its protocol files (plain types and names) and launch flags. */
const CLIENT_SERVER_FILES = /^server\/src\/([a-z-]+-)?protocol\.ts$|^server\/src\/launch\.ts$/;

/**
 * The core's Node seam: the only files of language/src that may import Node built-ins. Each is I/O
 * at the edge (files, zip inflation, hashes) or a batch-only feature (audit, plans' execution
 * files) that the language server never loads (checked below).
 */
const NODE_SEAM: Array<{ pattern: RegExp; why: string }> = [
    { pattern: /^language\/src\/io\//, why: 'atomic writes' },
    {
        pattern: /^language\/src\/sigtap\/(zip|reader|cache|latin1|encoding)\.ts$/,
        why: 'reading the SIGTAP zip (zlib, fs, hash, Latin-1)'
    },
    {
        pattern: /^language\/src\/workspace\/(sigtap-path|catalogo-context|source-file-system)\.ts$/,
        why: 'resolving and containing file paths; reading sources through the one decoding'
    },
    { pattern: /^language\/src\/generator\/catalogo-json\.ts$/, why: 'relative source paths in the published JSON' },
    { pattern: /^language\/src\/config\/config-file\.ts$/, why: 'finding and reading oci-catalogo.yaml' },
    { pattern: /^language\/src\/audit\//, why: 'batch-only: the audit runs DuckDB over production files (CLI)' },
    {
        pattern: /^language\/src\/plano\/(execucao-par|producao)\.ts$/,
        why: 'batch-only: execution and production files of a plan (CLI)'
    },
    { pattern: /^language\/src\/plano\/data\/.*\.mjs$/, why: 'data derivation script (npm run gen:municipios)' },
    { pattern: /^language\/src\/(export|anexo)\//, why: 'batch-only: exports written by the CLI' }
];

/** The browser hosts of the language server and the extension (issue 16): no Node import at all. */
const BROWSER_ENTRIES = /^server\/src\/browser(-[a-z-]+\.ts|\/)|^client\/src\/browser-/;

/**
 * The core's public entry points (docs/architecture.md): the layers above import language/ only
 * through them — index.ts (the core), node.ts (the Node host's file system: desktop server and
 * CLI) and batch.ts (audit, exports, diff: the CLI only).
 */
const PUBLIC_API: Record<Exclude<Layer, 'language'>, RegExp> = {
    // server/src/start.ts, the process's entry, loads the server bundle through the code cache (io/code-cache.ts,
    // dependency-free) before any of the core: node.ts would bring the core's module graph into the entry.
    server: /^language\/src\/(index|node|io\/code-cache)\.ts$/,
    client: /^language\/src\/index\.ts$/,
    cli: /^language\/src\/(index|node|batch)\.ts$/
};

/** Batch-only parts of the core that the language server must never load (they need Node, DuckDB or both). */
const BATCH_ONLY = /^language\/src\/(audit|export|anexo)\//;

function layerOf(file: string): Layer | undefined {
    return (Object.keys(LAYERS) as Layer[]).find(l => file.startsWith(LAYERS[l].root + '/'));
}

function sourceFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) walk(rel);
            else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
        }
    };
    for (const layer of Object.values(LAYERS)) walk(layer.root);
    return out;
}

const IMPORT_RE =
    /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The imports of one source text (static, re-exports, dynamic and require); `import type` is type-only. */
export function importsOf(file: string, text: string): Import[] {
    const out: Import[] = [];
    for (const m of text.matchAll(IMPORT_RE)) {
        const specifier = m[3] ?? m[4] ?? m[5];
        if (!specifier) continue;
        // `import { type A, type B } from` is type-only too.
        const clause = m[0];
        const braces = /\{([^}]*)\}/.exec(clause)?.[1];
        const allTyped =
            !!braces &&
            !/\bfrom\b[^{]*\w+\s*,\s*\{/.test(clause) &&
            braces
                .split(',')
                .map(s => s.trim())
                .filter(Boolean)
                .every(s => s.startsWith('type ')) &&
            /^\s*(import|export)\s*\{/.test(clause);
        const line = text.slice(0, m.index).split('\n').length;
        let resolved: string | undefined;
        if (specifier.startsWith('.')) {
            const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
            resolved =
                [
                    base.replace(/\.js$/, '.ts'),
                    base.replace(/\.mjs$/, '.mts'),
                    base,
                    `${base}.ts`,
                    `${base}/index.ts`
                ].find(c => fs.existsSync(path.join(REPO_ROOT, c)) && fs.statSync(path.join(REPO_ROOT, c)).isFile()) ??
                base.replace(/\.js$/, '.ts');
        }
        out.push({ from: file, specifier, resolved, typeOnly: !!m[2] || allTyped, line });
    }
    return out;
}

/** Every import against the documented direction, as readable lines. */
export function violations(imports: Import[]): string[] {
    const found: string[] = [];
    for (const imp of imports) {
        const layer = layerOf(imp.from);
        if (!layer) continue;
        const rule = LAYERS[layer];
        const where = `${imp.from}:${imp.line} imports '${imp.specifier}'`;
        if (imp.resolved) {
            const target = layerOf(imp.resolved);
            if (!target) {
                // Generated code and grammar live inside language/src; anything else outside the four layers is a leak.
                found.push(`${where}: outside the four layers`);
            } else if (layer === 'client' && target === 'server') {
                if (!CLIENT_SERVER_FILES.test(imp.resolved))
                    found.push(`${where}: the client reaches the server only through its protocol files and launch.ts`);
            } else if (!rule.layers.includes(target)) {
                found.push(`${where}: ${layer} may not import ${target}`);
            } else if (
                layer !== 'language' &&
                target === 'language' &&
                !PUBLIC_API[layer].test(imp.resolved) &&
                !(layer === 'server' && imp.resolved === 'language/src/batch.ts')
            ) {
                found.push(
                    `${where}: ${layer} uses the core only through its public API (${PUBLIC_API[layer].source.replace(/\\/g, '')})`
                );
            }
            if (BROWSER_ENTRIES.test(imp.from) && /^language\/src\/(node|batch)\.ts$/.test(imp.resolved)) {
                found.push(`${where}: the browser hosts never load the Node host's file system or the batch features`);
            }
            if (
                layer === 'server' &&
                (BATCH_ONLY.test(imp.resolved) || imp.resolved === 'language/src/batch.ts') &&
                !imp.typeOnly
            ) {
                found.push(`${where}: the language server never loads batch-only code`);
            }
        } else {
            if (!rule.packages.test(imp.specifier)) found.push(`${where}: package not allowed in ${layer}`);
            if (
                layer === 'language' &&
                (imp.specifier.startsWith('node:') || imp.specifier === 'langium/node') &&
                !NODE_SEAM.some(s => s.pattern.test(imp.from))
            ) {
                found.push(
                    `${where}: Node built-ins in the core only inside its I/O seam (test/architecture.test.ts NODE_SEAM)`
                );
            }
            if (BROWSER_ENTRIES.test(imp.from) && (/^node:/.test(imp.specifier) || /\/node$/.test(imp.specifier))) {
                found.push(
                    `${where}: the browser hosts (server/src/browser*, client/src/browser-*) never import Node (test/browser/bundle.test.ts checks their bundles)`
                );
            }
            if (layer === 'language' && imp.specifier === 'docx' && !/^language\/src\/export\//.test(imp.from)) {
                found.push(`${where}: the annex writer only in the batch exports`);
            }
            if (
                layer === 'language' &&
                imp.specifier === '@duckdb/node-api' &&
                !/^language\/src\/(audit|plano)\//.test(imp.from)
            ) {
                found.push(`${where}: DuckDB only in the batch audit`);
            }
        }
    }
    return found;
}

/** Runtime import cycles (type-only imports erased), each as the list of files around it. */
export function runtimeCycles(imports: Import[]): string[][] {
    const graph = new Map<string, string[]>();
    for (const imp of imports) {
        if (imp.typeOnly || !imp.resolved) continue;
        graph.set(imp.from, [...(graph.get(imp.from) ?? []), imp.resolved]);
    }
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>(),
        low = new Map<string, number>(),
        stack: string[] = [],
        on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
        idx.set(v, index);
        low.set(v, index);
        index++;
        stack.push(v);
        on.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!idx.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        }
        if (low.get(v) === idx.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                on.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
        }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    return cycles;
}

const ALL = sourceFiles().flatMap(f => importsOf(f, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));

describe('architecture (docs/architecture.md)', () => {
    it('reads the imports of every layer', () => {
        for (const layer of Object.keys(LAYERS) as Layer[])
            expect(
                ALL.some(i => layerOf(i.from) === layer),
                layer
            ).toBe(true);
        expect(ALL.length).toBeGreaterThan(300);
    });

    it('every import goes in the documented direction', () => {
        expect(violations(ALL)).toEqual([]);
    });

    it('has no runtime import cycle', () => {
        expect(runtimeCycles(ALL)).toEqual([]);
    });

    it('fails on planted wrong-way imports', () => {
        const planted = [
            importsOf('language/src/value/engine.ts', "import { x } from '../../../server/src/hover-provider.js';"),
            importsOf('language/src/value/engine.ts', "import * as vscode from 'vscode';"),
            importsOf('language/src/value/engine.ts', "import * as fs from 'node:fs';"),
            importsOf('cli/src/main.ts', "import { y } from '../../server/src/main.js';"),
            importsOf('server/src/main.ts', "import { z } from '../../client/src/extension.js';"),
            importsOf('server/src/main.ts', "import { auditar } from '../../language/src/batch.js';"),
            importsOf('cli/src/main.ts', "import { computeValue } from '../../language/src/value/engine.js';"),
            importsOf(
                'server/src/hover-provider.ts',
                "import type { Oci } from '../../language/src/generated/ast.js';"
            ),
            importsOf('server/src/browser-main.ts', "import { SourceFileSystem } from '../../language/src/node.js';"),
            importsOf('client/src/extension.ts', "import { w } from '../../server/src/hover-provider.js';"),
            importsOf('client/src/extension.ts', "import { v } from '../../language/src/value/engine.js';"),
            importsOf('server/src/browser-main.ts', "import * as fs from 'node:fs';")
        ];
        for (const imports of planted) expect(violations(imports), imports[0]?.specifier).toHaveLength(1);
    });

    it('finds a planted runtime cycle and ignores a type-only one', () => {
        const a = importsOf('language/src/a.ts', "import { b } from './b.js';");
        const b = importsOf('language/src/b.ts', "import { a } from './a.js';");
        expect(runtimeCycles([...a, ...b])).toEqual([['language/src/a.ts', 'language/src/b.ts']]);
        const typed = importsOf('language/src/b.ts', "import type { A } from './a.js';");
        expect(runtimeCycles([...a, ...typed])).toEqual([]);
    });
});
