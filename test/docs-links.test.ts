/**
 * The documentation holds together: every relative link of the README, CONTRIBUTING, the CHANGELOG, docs/ and
 * bench/README.md names a file of the repository, and every `#anchor` a heading of that file (GitHub's slugs) or
 * an `<a id>` in it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

function markdownFiles(): string[] {
    const files = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'bench/README.md'];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
            const rel = `${dir}/${entry.name}`;
            if (entry.isDirectory()) walk(rel);
            else if (entry.name.endsWith('.md')) files.push(rel);
        }
    };
    walk('docs');
    return files.filter(f => fs.existsSync(path.join(REPO_ROOT, f)));
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens; repeats get -1, -2… */
function anchorsOf(markdown: string): Set<string> {
    const anchors = new Set<string>();
    const seen = new Map<string, number>();
    let fenced = false;
    for (const line of markdown.split('\n')) {
        if (/^\s*```/.test(line)) fenced = !fenced;
        for (const m of line.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
        const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
        if (!heading) continue;
        const text = heading[1]!.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
        const slug = text
            .toLowerCase()
            .replace(/[^\p{L}\p{N}\s_-]/gu, '')
            .replace(/ /g, '-');
        const n = seen.get(slug) ?? 0;
        seen.set(slug, n + 1);
        anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    return anchors;
}

/** The relative links of a Markdown text, outside code blocks and code spans. */
function linksOf(markdown: string): string[] {
    const links: string[] = [];
    let fenced = false;
    for (const line of markdown.split('\n')) {
        if (/^\s*```/.test(line)) {
            fenced = !fenced;
            continue;
        }
        if (fenced) continue;
        for (const m of line.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
            const target = m[1]!;
            if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push(target);
        }
    }
    return links;
}

describe('documentation links', () => {
    const files = markdownFiles();

    it('finds the documents (README, docs/, bench/README.md)', () => {
        expect(files).toContain('README.md');
        expect(files).toContain('docs/architecture.md');
        expect(files.length).toBeGreaterThan(10);
    });

    it.each(files)('%s: every relative link names an existing file and heading', file => {
        const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
        const broken: string[] = [];
        for (const link of linksOf(text)) {
            const [target = '', anchor] = link.split('#');
            const resolved =
                target === '' ? path.join(REPO_ROOT, file) : path.resolve(REPO_ROOT, path.dirname(file), target);
            if (!fs.existsSync(resolved)) {
                broken.push(`${link} (no such file)`);
                continue;
            }
            if (
                anchor &&
                resolved.endsWith('.md') &&
                !anchorsOf(fs.readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor))
            )
                broken.push(`${link} (no such heading)`);
        }
        expect(broken).toEqual([]);
    });
});
