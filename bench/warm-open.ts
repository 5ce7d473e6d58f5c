/**
 * Entry of bench/warm-open.mjs (bundled by it): builds the benchmark's catalogue RUNS times in this one process, each
 * time with new services and new documents (what the language server does on opening every file, without the LSP),
 * and prints one JSON line per build with the time of each of Langium's build phases. The first build is the one a
 * fresh process pays (compiling the code it runs and V8's tiering up to optimized code); the later ones run the same
 * work, the SIGTAP table's snapshot read again included, with the code already optimized.
 *
 *   node <bundle> <catalogue folder> <runs>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import { createOciCoreServices } from '../language/src/index.js';
import { SourceFileSystem } from '../language/src/node.js';
import { sigtapCache } from '../language/src/sigtap/cache.js';

const PHASES: Array<[DocumentState, string]> = [
    [DocumentState.IndexedContent, 'index'],
    [DocumentState.ComputedScopes, 'scopes'],
    [DocumentState.Linked, 'link'],
    [DocumentState.IndexedReferences, 'refs'],
    [DocumentState.Validated, 'validate']
];

async function main(): Promise<void> {
    const [dir, runsText = '5'] = process.argv.slice(2);
    const files = fs
        .readdirSync(dir!)
        .filter(f => f.endsWith('.oci'))
        .map(f => path.join(dir!, f));
    const texts = files.map(f => fs.readFileSync(f, 'utf8'));
    for (let run = 1; run <= Number(runsText); run++) {
        // Each build reads the SIGTAP table as a new process does (from its snapshot, language/src/sigtap/cache.ts).
        sigtapCache.clear();
        const { shared } = createOciCoreServices(SourceFileSystem);
        const builder = shared.workspace.DocumentBuilder;
        const at = new Map<string, number>();
        for (const [state, name] of PHASES) builder.onBuildPhase(state, () => void at.set(name, performance.now()));
        const start = performance.now();
        // fromString parses: the parse phase is this loop.
        const documents = files.map((file, i) => {
            const document = shared.workspace.LangiumDocumentFactory.fromString(texts[i]!, URI.file(file));
            shared.workspace.LangiumDocuments.addDocument(document);
            return document;
        });
        const parsed = performance.now();
        await builder.build(documents, { validation: true });
        const phases: Record<string, number> = { parse: parsed - start };
        let previous = parsed;
        for (const [, name] of PHASES) {
            phases[name] = at.get(name)! - previous;
            previous = at.get(name)!;
        }
        const diagnostics = documents.reduce((n, d) => n + (d.diagnostics?.length ?? 0), 0);
        process.stdout.write(JSON.stringify({ run, totalMs: previous - start, phases, diagnostics }) + '\n');
    }
}

void main();
