/**
 * Nothing is lost: `build` (the bundled CLI, `node bin/oci-catalogo.cjs build … --out DIR`) is
 * killed with SIGKILL while it runs — at fractions of its measured duration and right after each
 * file-system event in DIR (the moment it creates, writes or renames a file) — and every time the
 * four files of DIR are all the previous catalogue or all the new one, byte for byte, never
 * partial and never a mix — except when the kill fell between the commit (the journal
 * `.catalogo.PID.STAMP.journal`) and the last rename: then the journal is there, and the recovery
 * that the next build runs first (`recoverCatalogoFiles`) makes them all the new one. The only
 * other files are hidden temporaries of the killed process, never named like an output, which the
 * next build removes. A build with errors writes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverCatalogoFiles } from '../../language/src/generator/catalogo-arquivos.js';
import { checkDigit } from '../../language/src/sigtap/codigo.js';
import { SOAK, bySize } from '../tier.js';
import { REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/oci-catalogo.cjs');
const BUNDLE = path.join(REPO_ROOT, 'out/cli/main.cjs');
const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const OUTPUTS = ['catalogo.csv', 'catalogo.html', 'catalogo.json', 'catalogo.md'];
const TEMP = /^\.catalogo\.(json|md|csv|html)\.\d+\.[0-9a-z]+\.tmp$/;
const JOURNAL = /^\.catalogo\.\d+\.[0-9a-z]+\.journal$/;
const JOURNAL_TEMP = /^\.catalogo\.\d+\.[0-9a-z]+\.journal\.tmp$/;
/** Copies of the example's OCIs under new codes: a large catalogue (several MB of output). */
const COPIES = bySize('ATOMIC_COPIES', 3, 15);

let tmp: string;
let v1: string;
let v2: string;

function code10(prefix9: string): string {
    return `${prefix9.slice(0, 2)}.${prefix9.slice(2, 4)}.${prefix9.slice(4, 6)}.${prefix9.slice(6, 9)}-${checkDigit(prefix9)}`;
}

/** The example catalogue plus COPIES copies of each OCI file under new (valid, absent from SIGTAP) codes. */
function makeCatalogue(dir: string, variant: (text: string) => string): void {
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    let sequence = 0;
    for (const name of fs.readdirSync(EXAMPLE).filter(n => n.endsWith('.oci') && n !== 'catalogo.oci')) {
        const text = fs.readFileSync(path.join(EXAMPLE, name), 'utf8');
        for (let k = 0; k < COPIES; k++) {
            const copy = text.replace(/oci (\d{2}\.\d{2}\.\d{2}\.\d{3}-\d)/g, (_m, codigo: string) => {
                const prefix = `${codigo.slice(0, 2)}${codigo.slice(3, 5)}${codigo.slice(6, 8)}`;
                return `oci ${code10(`${prefix}${String(500 + (sequence++ % 500)).padStart(3, '0')}`)}`;
            });
            fs.writeFileSync(path.join(dir, `copia-${k}-${name}`), copy);
        }
        fs.writeFileSync(path.join(dir, name), text);
    }
    for (const name of fs.readdirSync(dir).filter(n => n.endsWith('.oci'))) {
        fs.writeFileSync(path.join(dir, name), variant(fs.readFileSync(path.join(dir, name), 'utf8')));
    }
}

function cli(...args: string[]) {
    return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: tmp });
}

function snapshot(dir: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    if (!fs.existsSync(dir)) return files;
    for (const name of fs.readdirSync(dir)) files.set(name, fs.readFileSync(path.join(dir, name)));
    return files;
}

let previous: Map<string, Buffer>;
let next: Map<string, Buffer>;
let buildMs = 0;

beforeAll(() => {
    if (!fs.existsSync(BUNDLE))
        throw new Error('out/cli/main.cjs não existe: rode "npm run bundle" (ou "npm run build")');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-atomic-'));
    v1 = path.join(tmp, 'v1');
    v2 = path.join(tmp, 'v2');
    makeCatalogue(v1, t => t);
    // v2 differs everywhere: every OCI's name changes (the JSON, the HTML, the Markdown and the CSV all differ).
    makeCatalogue(v2, t =>
        t
            .replace(/^catalogo "([^"]*)" versao "2026\.01"/m, 'catalogo "$1" versao "2026.01-b"')
            .replace(/^(oci \S+ ")/gm, '$1[v2] ')
    );
    const first = cli('build', v1, '--out', path.join(tmp, 'referencia-v1'));
    expect(first.status, first.stderr).toBe(0);
    const started = performance.now();
    const second = cli('build', v2, '--out', path.join(tmp, 'referencia-v2'));
    buildMs = performance.now() - started;
    expect(second.status, second.stderr).toBe(0);
    previous = snapshot(path.join(tmp, 'referencia-v1'));
    next = snapshot(path.join(tmp, 'referencia-v2'));
    expect([...previous.keys()].sort()).toEqual(OUTPUTS);
    for (const name of OUTPUTS) expect(previous.get(name)!.equals(next.get(name)!), name).toBe(false);
}, 300_000);

afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

type Outcome = 'intact' | 'replaced' | 'completed';
/** Kills after the commit that left a mix of old and new files (until the recovery). */
let mixedBeforeRecovery = 0;

/** Which of the two catalogues each output of DIR is; fails on anything else. */
function states(dir: string, label: string): { state: Record<string, 'old' | 'new'>; others: string[] } {
    const found = snapshot(dir);
    const others = [...found.keys()].filter(n => !OUTPUTS.includes(n));
    for (const name of others) {
        expect(
            TEMP.test(name) || JOURNAL.test(name) || JOURNAL_TEMP.test(name),
            `${label}: unexpected file in the output folder: ${name}`
        ).toBe(true);
    }
    const state: Record<string, 'old' | 'new'> = {};
    for (const name of OUTPUTS) {
        const bytes = found.get(name);
        expect(bytes, `${label}: ${name} disappeared`).toBeDefined();
        if (bytes!.equals(previous.get(name)!)) state[name] = 'old';
        else if (bytes!.equals(next.get(name)!)) state[name] = 'new';
        else
            throw new Error(
                `${label}: ${name} is neither the previous catalogue nor the new one (${bytes!.length} bytes)`
            );
    }
    JSON.parse(found.get('catalogo.json')!.toString('utf8'));
    return { state, others };
}

/**
 * Checks DIR after a killed build: without a committed journal, all old or all new; with one
 * (killed during the renames), any mix with catalogo.json new only when all are, and after the
 * recovery all new with no journal left. Returns what it found.
 */
function inspect(dir: string, label: string): { outcome: Outcome; temps: string[] } {
    const { state, others } = states(dir, label);
    const values = OUTPUTS.map(name => state[name]);
    const committed = others.filter(n => JOURNAL.test(n));
    if (committed.length === 0) {
        expect(
            new Set(values).size,
            `${label}: a mix of the previous and the new catalogue without a journal: ${JSON.stringify(state)}`
        ).toBe(1);
        return { outcome: values[0] === 'old' ? 'intact' : 'replaced', temps: others };
    }
    if (state['catalogo.json'] === 'new')
        expect(values, `${label}: catalogo.json is new but not everything else`).toEqual(OUTPUTS.map(() => 'new'));
    if (new Set(values).size > 1) mixedBeforeRecovery++;
    expect(recoverCatalogoFiles(dir), `${label}: recovery`).toBe(committed.length);
    const after = states(dir, `${label}, after the recovery`);
    expect(after.state, `${label}: after the recovery`).toEqual(Object.fromEntries(OUTPUTS.map(n => [n, 'new'])));
    expect(
        after.others.filter(n => JOURNAL.test(n) || JOURNAL_TEMP.test(n)),
        `${label}: journal left after the recovery`
    ).toEqual([]);
    return { outcome: 'completed', temps: others.filter(n => TEMP.test(n)) };
}

function resetTo(dir: string, files: Map<string, Buffer>): void {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, bytes] of files) fs.writeFileSync(path.join(dir, name), bytes);
}

interface Plan {
    delayMs?: number;
    afterEvents?: number;
    /** Kill at the first file-system event in dir about a file whose name matches. */
    atFile?: RegExp;
}

/** Starts `build v2 --out dir` and kills it as the plan says. */
function killedBuild(dir: string, when: Plan): Promise<number | null> {
    return new Promise(resolve => {
        const child = spawn(process.execPath, [BIN, 'build', v2, '--out', dir], { cwd: tmp, stdio: 'ignore' });
        let events = 0;
        let killed = false;
        const watcher =
            when.afterEvents === undefined && when.atFile === undefined
                ? undefined
                : fs.watch(dir, (_event, filename) => {
                      events++;
                      const hit =
                          when.afterEvents !== undefined
                              ? events === when.afterEvents
                              : when.atFile!.test(String(filename ?? ''));
                      if (hit && !killed) {
                          killed = true;
                          child.kill('SIGKILL');
                      }
                  });
        const timer = when.delayMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), when.delayMs);
        child.on('exit', code => {
            watcher?.close();
            if (timer) clearTimeout(timer);
            resolve(code);
        });
    });
}

describe('build killed mid-way never leaves a partial catalogue', () => {
    const tally: Record<Outcome, number> = { intact: 0, replaced: 0, completed: 0 };
    let tempsLeft = 0;

    it('at fractions of its duration and right after each file-system event of the output folder', async () => {
        const dir = path.join(tmp, 'saida');
        const plans: Plan[] = [
            // The fast tier kills at fewer points in time and events; the soak tier at all of them.
            ...(SOAK ? [0.2, 0.5, 0.8, 0.9, 0.97, 1.05] : [0.97]).map(f => ({ delayMs: Math.round(buildMs * f) })),
            ...Array.from({ length: SOAK ? 10 : 2 }, (_, k) => ({ afterEvents: k + 1 })),
            // The commit and the renames: the journal appears, then each temporary becomes its file.
            ...[/\.journal\.tmp$/, /\.journal$/, /^catalogo\.md$/, /^catalogo\.csv$/, /^catalogo\.html$/].map(
                atFile => ({ atFile })
            )
        ];
        for (const plan of plans) {
            resetTo(dir, previous);
            const code = await killedBuild(dir, plan);
            const label =
                plan.delayMs !== undefined
                    ? `killed after ${plan.delayMs} ms (exit ${code})`
                    : plan.atFile
                      ? `killed at an event of ${plan.atFile} (exit ${code})`
                      : `killed at event ${plan.afterEvents} (exit ${code})`;
            const { outcome, temps } = inspect(dir, label);
            tally[outcome]++;
            tempsLeft += temps.length;
        }
        console.log(
            `build ${buildMs.toFixed(0)} ms; ${plans.length} kills: ${tally.intact} intact, ${tally.completed} committed and completed by the recovery (${mixedBeforeRecovery} of them a mix until then), ${tally.replaced} replaced; ${tempsLeft} temp file(s) left by killed processes`
        );
        // The event-driven kills land inside the writing phase.
        expect(tally.completed + tempsLeft).toBeGreaterThan(0);
    }, 600_000);

    it('the next build replaces everything and removes the temp files of killed builds', () => {
        const dir = path.join(tmp, 'saida');
        resetTo(dir, previous);
        fs.writeFileSync(path.join(dir, '.catalogo.json.999999999.abc.tmp'), 'partial');
        const r = cli('build', v2, '--out', dir);
        expect(r.status, r.stderr).toBe(0);
        expect(fs.readdirSync(dir).sort()).toEqual(OUTPUTS);
        for (const name of OUTPUTS)
            expect(fs.readFileSync(path.join(dir, name)).equals(next.get(name)!), name).toBe(true);
    }, 120_000);

    it('a write committed but killed before its renames is completed by the recovery; a journal names nothing else', () => {
        const dir = path.join(tmp, 'recuperacao');
        resetTo(dir, previous);
        // As a build of pid 999999999 killed right after its commit: the four temporaries and the journal.
        for (const name of OUTPUTS) fs.writeFileSync(path.join(dir, `.${name}.999999999.zz000.tmp`), next.get(name)!);
        fs.writeFileSync(
            path.join(dir, '.catalogo.999999999.zz000.journal'),
            JSON.stringify({ arquivos: ['catalogo.md', 'catalogo.csv', 'catalogo.html', 'catalogo.json'] })
        );
        // A journal naming files outside the catalogue: ignored, and removed.
        fs.writeFileSync(path.join(dir, '.outro.txt.999999998.zz001.tmp'), 'x');
        fs.writeFileSync(
            path.join(dir, '.catalogo.999999998.zz001.journal'),
            JSON.stringify({ arquivos: ['outro.txt', '../fora.txt', 'a/catalogo.json', '..'] })
        );
        // A journal cut short: never committed, removed.
        fs.writeFileSync(path.join(dir, '.catalogo.999999997.zz002.journal.tmp'), '{"arq');
        expect(recoverCatalogoFiles(dir)).toBe(2);
        expect(fs.readdirSync(dir).sort()).toEqual(['.outro.txt.999999998.zz001.tmp', ...OUTPUTS]);
        expect(fs.existsSync(path.join(tmp, 'fora.txt'))).toBe(false);
        fs.rmSync(path.join(dir, '.outro.txt.999999998.zz001.tmp'));
        expect(states(dir, 'recovered').state).toEqual(Object.fromEntries(OUTPUTS.map(n => [n, 'new'])));

        // The next build does the same before writing: here it writes the previous catalogue back.
        resetTo(dir, previous);
        for (const name of OUTPUTS) fs.writeFileSync(path.join(dir, `.${name}.999999999.zz000.tmp`), next.get(name)!);
        fs.writeFileSync(path.join(dir, '.catalogo.999999999.zz000.journal'), JSON.stringify({ arquivos: OUTPUTS }));
        const r = cli('build', v1, '--out', dir);
        expect(r.status, r.stderr).toBe(0);
        expect(fs.readdirSync(dir).sort()).toEqual(OUTPUTS);
        expect(states(dir, 'rebuilt').state).toEqual(Object.fromEntries(OUTPUTS.map(n => [n, 'old'])));
    }, 120_000);

    it('a build that cannot write exits 2 with a clear message and changes nothing', () => {
        // --out names a file; the folder holds a folder where catalogo.html goes.
        const file = path.join(tmp, 'um-arquivo');
        fs.writeFileSync(file, 'x');
        const intoFile = cli('build', v2, '--out', file);
        expect(intoFile.status, intoFile.stderr).toBe(2);
        expect(intoFile.stderr).toContain('Catálogo NÃO gerado');
        expect(intoFile.stderr).toContain('não é uma pasta');
        expect(intoFile.stderr).not.toContain('inesperado');
        expect(intoFile.stderr).not.toMatch(/^\s+at /m);
        expect(fs.readFileSync(file, 'utf8')).toBe('x');

        const dir = path.join(tmp, 'com-pasta');
        resetTo(dir, previous);
        fs.rmSync(path.join(dir, 'catalogo.html'));
        fs.mkdirSync(path.join(dir, 'catalogo.html'));
        const r = cli('build', v2, '--out', dir);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toContain('catalogo.html é uma pasta');
        expect(r.stderr).toContain('Nenhum arquivo foi alterado');
        expect(fs.readdirSync(dir).sort()).toEqual(OUTPUTS);
        for (const name of OUTPUTS.filter(n => n !== 'catalogo.html'))
            expect(fs.readFileSync(path.join(dir, name)).equals(previous.get(name)!), name).toBe(true);
    }, 120_000);

    it('two builds of the same input are byte-identical', () => {
        const again = path.join(tmp, 'de-novo');
        const r = cli('build', v2, '--out', again);
        expect(r.status, r.stderr).toBe(0);
        for (const name of OUTPUTS)
            expect(fs.readFileSync(path.join(again, name)).equals(next.get(name)!), name).toBe(true);
    }, 120_000);

    it('a build with errors writes nothing and leaves the previous catalogue as it was', () => {
        const dir = path.join(tmp, 'com-erro');
        resetTo(dir, previous);
        const broken = path.join(tmp, 'v3');
        fs.cpSync(v2, broken, { recursive: true });
        const file = path.join(broken, 'oncologia.oci');
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('tR 21 dias', 'tR 99 dias'));
        const mtimes = fs.readdirSync(dir).map(n => fs.statSync(path.join(dir, n)).mtimeMs);
        const r = cli('build', broken, '--out', dir);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('Catálogo NÃO gerado');
        expect(fs.readdirSync(dir).sort()).toEqual(OUTPUTS);
        for (const name of OUTPUTS)
            expect(fs.readFileSync(path.join(dir, name)).equals(previous.get(name)!), name).toBe(true);
        expect(fs.readdirSync(dir).map(n => fs.statSync(path.join(dir, n)).mtimeMs)).toEqual(mtimes);
    }, 120_000);
});
