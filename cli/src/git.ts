/**
 * A catalogue folder as it was in a git revision of the current repository, materialized in a
 * temporary folder so that it is built exactly like the working tree (`diff --git`): the `.oci`
 * files under the folder, the `.oci` files of the folders above it (where its `catalogo` header
 * may live) and the SIGTAP zip each header names, all read with `git ls-tree`/`git cat-file`
 * (never `git checkout`: the working tree is not touched). The temporary folder mirrors the
 * repository's absolute path, so a header's relative `sigtap` path resolves the same way; a zip
 * outside the repository (not versioned) is linked from the working copy, an absolute path is
 * used as written.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import type { Documento } from '../../language/src/index.js';
import { createOciCoreServices } from '../../language/src/index.js';
import { UsageError } from './workspace.js';

const HEADER_PATTERN = /^\s*cat[aá]logo\s+["']/m;

function git(cwd: string, args: string[]): { ok: boolean; stdout: Buffer; stderr: string } {
    const r = spawnSync('git', args, { cwd, encoding: 'buffer', maxBuffer: 2 ** 31 - 1 });
    if (r.error) throw new UsageError(`Não foi possível executar git: ${r.error.message}`);
    return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** The root of the git repository that holds `cwd`. */
export function gitRoot(cwd = process.cwd()): string {
    const r = git(cwd, ['rev-parse', '--show-toplevel']);
    if (!r.ok) throw new UsageError(`--git: ${path.resolve(cwd)} não está num repositório git (${r.stderr})`);
    return fs.realpathSync(r.stdout.toString('utf8').trim());
}

/** Resolves a revision (branch, tag, `origin/main`, commit…) to a commit id. */
export function resolveCommit(root: string, revision: string): string {
    if (!revision || revision.startsWith('-')) throw new UsageError(`Revisão git inválida: "${revision}"`);
    const r = git(root, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
    if (!r.ok)
        throw new UsageError(
            `Revisão git desconhecida: ${revision} (num checkout raso da CI, use "fetch-depth: 0" ou faça git fetch da base)`
        );
    return r.stdout.toString('utf8').trim();
}

interface TreeEntry {
    mode: string;
    type: string;
    object: string;
    file: string;
}

function lsTree(root: string, commit: string, args: string[]): TreeEntry[] {
    const r = git(root, ['ls-tree', '-z', '--full-tree', ...args, commit]);
    if (!r.ok) throw new UsageError(`git ls-tree falhou: ${r.stderr}`);
    return parseTree(r.stdout);
}

function lsTreePath(root: string, commit: string, recursive: boolean, pathspec: string): TreeEntry[] {
    const r = git(root, ['ls-tree', '-z', '--full-tree', ...(recursive ? ['-r'] : []), commit, '--', pathspec]);
    if (!r.ok) throw new UsageError(`git ls-tree falhou: ${r.stderr}`);
    return parseTree(r.stdout);
}

function parseTree(out: Buffer): TreeEntry[] {
    return out
        .toString('utf8')
        .split('\0')
        .filter(Boolean)
        .flatMap(line => {
            // `<mode> <type> <object>\t<file>`; a line of another shape is no entry.
            const tab = line.indexOf('\t');
            const [mode, type, object] = line.slice(0, tab).split(' ');
            return tab >= 0 && mode && type && object ? [{ mode, type, object, file: line.slice(tab + 1) }] : [];
        });
}

function blob(root: string, object: string, label: string): Buffer {
    const r = git(root, ['cat-file', 'blob', object]);
    if (!r.ok) throw new UsageError(`Não foi possível ler ${label} do git: ${r.stderr}`);
    return r.stdout;
}

export interface Snapshot {
    /** Path, in the temporary folder, of the requested file or folder. */
    target: string;
    /** The repository root's mirror in the temporary folder (diagnostic paths are shown relative to it). */
    mirrorRoot: string;
    /** `revision:path`, for messages. */
    label: string;
    cleanup(): void;
}

/** Where the SIGTAP zip a header names lies, as written. */
function headerSigtap(text: string): string | undefined {
    if (!HEADER_PATTERN.test(text)) return undefined;
    const services = createOciCoreServices(EmptyFileSystem).Oci;
    const result = services.parser.LangiumParser.parse<Documento>(text);
    return result.value.cabecalho?.sigtap;
}

/**
 * Materializes `given` (a file or folder of the current repository, as a path from `cwd`) as it
 * is in `revision`. Call `cleanup()` when done.
 */
export function materializeRevision(revision: string, given: string, cwd = process.cwd()): Snapshot {
    const root = gitRoot(cwd);
    const commit = resolveCommit(root, revision);
    const absolute = path.resolve(cwd, given);
    // The folder may be gone from the working tree (comparing two revisions): resolve what exists.
    const real = fs.existsSync(absolute)
        ? fs.realpathSync(absolute)
        : fs.existsSync(path.dirname(absolute))
          ? path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute))
          : absolute;
    const relative = path.relative(root, real).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative))
        throw new UsageError(`--git: ${given} está fora do repositório ${root}`);
    const label = `${revision}:${relative || '.'}`;
    if (relative && !git(root, ['cat-file', '-e', `${commit}:${relative}`]).ok) {
        throw new UsageError(`${relative} não existe na revisão ${revision}`);
    }

    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-catalogo-diff-'));
    const cleanup = () => fs.rmSync(base, { recursive: true, force: true });
    try {
        const mirrorRoot = path.join(
            base,
            'arvore',
            ...root
                .split(/[\\/]/)
                .filter(Boolean)
                .map(s => s.replace(/:$/, ''))
        );
        fs.mkdirSync(mirrorRoot, { recursive: true });
        const written = new Set<string>();
        const write = (file: string, bytes: Buffer) => {
            const target = path.join(mirrorRoot, ...file.split('/'));
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, bytes);
            written.add(file);
        };
        // Catalogue sources and the workspace configuration (oci-catalogo.yaml) that governs them.
        const isOciBlob = (e: TreeEntry) =>
            e.type === 'blob' &&
            e.mode !== '120000' &&
            (e.file.endsWith('.oci') || path.posix.basename(e.file) === 'oci-catalogo.yaml');

        // The .oci files under the folder (or the file itself).
        const entries = relative ? lsTreePath(root, commit, true, relative) : lsTree(root, commit, ['-r']);
        for (const e of entries.filter(isOciBlob)) write(e.file, blob(root, e.object, `${revision}:${e.file}`));
        // The .oci files of the folders above (a header there governs the folder).
        let dir = path.posix.dirname(relative || '.');
        for (;;) {
            const level =
                dir === '.' || dir === '' ? lsTree(root, commit, []) : lsTreePath(root, commit, false, `${dir}/`);
            for (const e of level.filter(isOciBlob))
                if (!written.has(e.file)) write(e.file, blob(root, e.object, `${revision}:${e.file}`));
            if (dir === '.' || dir === '' || dir === '/') break;
            dir = path.posix.dirname(dir);
        }
        // The SIGTAP zip each header names.
        for (const file of [...written].filter(f => f.endsWith('.oci'))) {
            const local = path.join(mirrorRoot, ...file.split('/'));
            const sigtap = headerSigtap(fs.readFileSync(local, 'utf8'));
            if (sigtap === undefined || path.isAbsolute(sigtap)) continue;
            const zipLocal = path.resolve(path.dirname(local), sigtap);
            if (fs.existsSync(zipLocal)) continue;
            const zipInRepo = path.relative(mirrorRoot, zipLocal).split(path.sep).join('/');
            if (!zipInRepo.startsWith('..')) {
                const found = git(root, ['cat-file', 'blob', `${commit}:${zipInRepo}`]);
                if (!found.ok) continue; // the build reports the missing table (catalogo/sigtap-invalido)
                if (found.stdout.subarray(0, 40).toString('latin1').startsWith('version https://git-lfs')) {
                    throw new UsageError(
                        `${revision}:${zipInRepo} é um ponteiro Git LFS: a tabela SIGTAP não está no repositório (rode git lfs fetch)`
                    );
                }
                write(zipInRepo, found.stdout);
            } else {
                const outside = path.resolve(root, path.relative(mirrorRoot, zipLocal));
                if (!path.resolve(zipLocal).startsWith(base + path.sep) || !fs.existsSync(outside)) continue;
                fs.mkdirSync(path.dirname(zipLocal), { recursive: true });
                fs.symlinkSync(outside, zipLocal);
            }
        }
        const target = relative ? path.join(mirrorRoot, ...relative.split('/')) : mirrorRoot;
        return { target, mirrorRoot, label, cleanup };
    } catch (error) {
        cleanup();
        throw error;
    }
}
