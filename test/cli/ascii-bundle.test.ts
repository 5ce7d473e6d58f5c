/**
 * The language server's and the CLI's bundles are ASCII-only (scripts/ascii-bundle.mjs, run by scripts/bundle.mjs),
 * so V8 holds their source at one byte per character; the escaping changes no behaviour and is refused where it
 * could.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/ascii-bundle.mjs';
import { REPO_ROOT } from '../helpers.js';

const escape = asciiOnly;

/** The values of a CommonJS module's exports (the module text evaluated in a function). */
function exportsOf(source: string): Record<string, unknown> {
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', source)(module, module.exports);
    return module.exports;
}

const SOURCE = [
    '// ── Seção: catálogo ──',
    '/* bloco: obrigatório, § 2º */',
    'exports.header = /^\\s*cat[aá]logo\\b/m;',
    'exports.range = /[A-Za-zÀ-ú]+/g;',
    'exports.unicode = /^munic[ií]pios?$/u;',
    'exports.astral = /a😀b/;',
    'exports.astralU = /a😀b/u;',
    "exports.text = 'catálogo';", // esbuild writes strings escaped; here only to check they stay as they are
    'exports.division = 4 / 2 / 1;'
].join('\n');

const SAMPLES = ['catálogo', 'catalogo', 'catálogo', 'município', 'municipios', 'Àgua ú', 'a😀b', 'a\ud83db', 'x'];

describe('asciiOnly', () => {
    it('escapes comments and regular expressions into ASCII, and every expression matches as before', () => {
        const source = SOURCE.replace("exports.text = 'catálogo';", "exports.text = 'cat\\u00e1logo';");
        const ascii = escape(source);
        expect(/[^\x00-\x7f]/.test(ascii)).toBe(false);
        expect(ascii).toContain('/^\\s*cat[a\\u00e1]logo\\b/m');
        expect(ascii).toContain('/a\\u{1f600}b/u');
        expect(ascii).toContain('/a\\ud83d\\ude00b/');
        const before = exportsOf(source);
        const after = exportsOf(ascii);
        expect(after.text).toBe('catálogo');
        expect(after.division).toBe(2);
        for (const name of ['header', 'range', 'unicode', 'astral', 'astralU']) {
            const x = before[name] as RegExp;
            const y = after[name] as RegExp;
            expect(y.flags, name).toBe(x.flags);
            for (const sample of SAMPLES) {
                x.lastIndex = 0;
                y.lastIndex = 0;
                expect(y.exec(sample)?.[0], `${name} on ${sample}`).toBe(x.exec(sample)?.[0]);
            }
        }
    });

    it('refuses a non-ASCII character outside comments and regular expressions, or escaped in one', () => {
        expect(() => escape("exports.text = 'catálogo';")).toThrow(/fora de comentário/);
        expect(() => escape('exports.t = `catálogo`;')).toThrow(/fora de comentário/);
        expect(() => escape('exports.r = /cat\\álogo/;')).toThrow(/escape de caractere/);
    });

    it('leaves an ASCII text as it is', () => {
        const text = 'exports.r = /a\\u00e1/; // ok\n';
        expect(escape(text)).toBe(text);
    });
});

describe('the bundles npm run bundle writes', () => {
    for (const bundle of ['out/server/main.cjs', 'out/cli/main.cjs']) {
        it(`${bundle} is ASCII-only`, () => {
            const file = path.join(REPO_ROOT, bundle);
            expect(fs.existsSync(file), `${bundle} is missing: run "npm run bundle" first (npm test does)`).toBe(true);
            const text = fs.readFileSync(file, 'latin1');
            const at = text.search(/[^\x00-\x7f]/);
            expect(at, at < 0 ? '' : text.slice(Math.max(0, at - 60), at + 20)).toBe(-1);
        });
    }
});
