/** The README stays true: its table of checks is the rules' own, and its commands exist. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesMarkdownTable } from '../language/src/validation/rules-doc.js';
import { REPO_ROOT } from './helpers.js';

const README = path.join(REPO_ROOT, 'README.md');
const CHECKS = path.join(REPO_ROOT, 'docs/checks.md');
const START = '<!-- checks:start -->';
const END = '<!-- checks:end -->';

describe('README', () => {
    it('docs/checks.md lists every check with its severity and legal basis (UPDATE_README=1 rewrites it)', () => {
        const text = fs.readFileSync(CHECKS, 'utf8');
        const table = rulesMarkdownTable();
        const current = text.slice(text.indexOf(START) + START.length, text.indexOf(END)).trim();
        if (process.env.UPDATE_README === '1' && current !== table) {
            const before = text.slice(0, text.indexOf(START) + START.length);
            const after = text.slice(text.indexOf(END));
            fs.writeFileSync(CHECKS, `${before}\n${table}\n${after}`);
            return;
        }
        expect(current).toBe(table);
    });

    it('shows an OCI that is a verbatim excerpt of the example it names', () => {
        const text = fs.readFileSync(README, 'utf8');
        const block = /Trecho de `(examples\/[^`]+\.oci)`[^]*?```oci\n([^]*?)```/.exec(text);
        expect(block, 'an ```oci block after "Trecho de `examples/….oci`"').not.toBeNull();
        const example = fs.readFileSync(path.join(REPO_ROOT, block![1]!), 'utf8').replace(/\r\n/g, '\n');
        expect(block![2]).toMatch(/^oci \d{2}\.\d{2}\.\d{2}\.\d{3}-\d /);
        expect(example).toContain(block![2]);
    });

    it('gives the two commands and .ci/run runs the same test command', () => {
        const text = fs.readFileSync(README, 'utf8');
        expect(text).toContain('npm ci && npm start');
        expect(text).toContain('npm ci && npm test');
        const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8');
        expect(ci).toContain('npm test');
        expect(ci).toContain('npm run test:soak');
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
        expect(pkg.scripts.start).toBeDefined();
        expect(pkg.scripts.test).toContain('scripts/test-tier.mjs fast');
        expect(pkg.scripts['test:soak']).toContain('scripts/test-tier.mjs soak');
    });
});
