/**
 * `oci-catalogo init [PASTA]`: starts a catalogue repository's configuration — a commented
 * oci-catalogo.yaml and the pull-request workflow (.github/workflows/catalogo.yml). Refuses to
 * overwrite either file (exit 2, nothing written); writes atomically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../../language/src/index.js';
import { writeFileAtomic } from '../../language/src/index.js';
import { EXIT_USAGE, type Output } from './commands.js';
import { CONFIG_TEMPLATE, ciWorkflow } from './init-templates.js';

export const WORKFLOW_PATH = path.join('.github', 'workflows', 'catalogo.yml');

export function initCommand(dir: string, options: { catalogo?: string }, io: Output): number {
    const root = path.resolve(dir);
    const config = path.join(root, CONFIG_FILE_NAME);
    const workflow = path.join(root, WORKFLOW_PATH);
    const existing = [config, workflow].filter(f => fs.existsSync(f));
    if (existing.length) {
        io.err(
            `oci-catalogo: init não sobrescreve arquivos existentes: ${existing.map(f => path.relative(process.cwd(), f) || f).join(', ')}\n`
        );
        return EXIT_USAGE;
    }
    fs.mkdirSync(path.dirname(workflow), { recursive: true });
    writeFileAtomic(config, CONFIG_TEMPLATE);
    writeFileAtomic(workflow, ciWorkflow(options.catalogo ?? '.'));
    io.out(
        `${path.relative(process.cwd(), config) || config}\n${path.relative(process.cwd(), workflow) || workflow}\n`
    );
    return 0;
}
