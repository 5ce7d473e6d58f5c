// Writes docs/legal/matriz.md from the legal texts and the rule registries (scripts/matriz.ts);
// `--check` only compares and exits 1 when the file is stale. Bundles the TypeScript with esbuild
// in memory (no build step needed).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const raiz = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const saida = path.join(raiz, 'out', 'gen-matriz.mjs');
await esbuild.build({
    entryPoints: [path.join(raiz, 'scripts/matriz.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: saida,
    logLevel: 'error'
});
const { generateMatriz, MATRIZ } = await import(pathToFileURL(saida).href);
const texto = generateMatriz(raiz);
const destino = path.join(raiz, MATRIZ);
const atual = fs.existsSync(destino) ? fs.readFileSync(destino, 'utf8') : '';
if (process.argv.includes('--check')) {
    if (atual !== texto) {
        console.error(`${MATRIZ} está desatualizado: rode npm run gen:matriz`);
        process.exit(1);
    }
} else if (atual !== texto) {
    fs.mkdirSync(path.dirname(destino), { recursive: true });
    const tmp = `${destino}.tmp`;
    fs.writeFileSync(tmp, texto);
    fs.renameSync(tmp, destino);
    console.log(`${MATRIZ} reescrito`);
}
