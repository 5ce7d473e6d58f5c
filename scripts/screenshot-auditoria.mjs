#!/usr/bin/env node
/**
 * docs/auditoria.png: the audit report (auditoria.html) of `oci-catalogo audit` rendered in headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never `npx playwright install`).
 *
 *   npm run bundle && npx node scripts/screenshot-auditoria.mjs [--registros 20000] [--estabelecimentos 12]
 *                                        [--semente 1] [--out docs/auditoria.png] [--pagina-inteira] [--manter]
 *
 * 1. synthetic production for examples/pmae with known violations (bench/audit-gen.ts, i.e.
 *    language/src/audit/synthetic.ts; deterministic for a given --semente), in a temp folder;
 * 2. the real CLI, `node bin/oci-catalogo.cjs audit examples/pmae --producao producao.csv --out relatorio`;
 * 3. auditoria.html opened from disk in a 1280×900 window (pt-BR; it must not be wider than that);
 *    the picture is the top of the page (title, what was read, the cards) above the first two rows
 *    of charts, a grey dashed band where the table per OCI was left out; --pagina-inteira: the
 *    whole page (about 1280×9600).
 * --manter keeps the temp folder (its path is printed) to look at the CSVs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleBenchEntry, flagReader } from '../bench/common.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = flagReader(argv);
const registros = flag('--registros', '20000');
const estabelecimentos = flag('--estabelecimentos', '12');
const semente = flag('--semente', '1');
const destino = path.resolve(ROOT, flag('--out', 'docs/auditoria.png'));
const paginaInteira = argv.includes('--pagina-inteira');
const CLI = path.join(ROOT, 'bin/oci-catalogo.cjs');

const falha = msg => {
    throw new Error(msg);
};
if (!fs.existsSync(path.join(ROOT, 'out/cli/main.cjs')))
    sair('falta a CLI empacotada (out/cli/main.cjs): rode "npm run bundle"');
if (!fs.existsSync(CHROMIUM)) sair(`${CHROMIUM} não existe: apt-get install -y chromium`);
function sair(msg) {
    process.stderr.write(`screenshot-auditoria: ${msg}\n`);
    process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auditoria-png-'));
try {
    // 1. The generator, bundled as bench/audit-bench.mjs bundles it (DuckDB stays a package).
    const gerador = path.join(ROOT, 'node_modules/.cache/oci-audit-screenshot/audit-gen.mjs');
    await bundleBenchEntry(ROOT, 'audit-gen', gerador);
    const dados = path.join(tmp, 'dados');
    const g = spawnSync(
        process.execPath,
        [
            gerador,
            '--registros',
            registros,
            '--estabelecimentos',
            estabelecimentos,
            '--semente',
            semente,
            '--out',
            dados
        ],
        { cwd: ROOT, encoding: 'utf8' }
    );
    if (g.status !== 0) falha(`a geração falhou (${g.status}):\n${g.stderr}`);
    const verdade = JSON.parse(fs.readFileSync(path.join(dados, 'verdade.json'), 'utf8'));

    // 2. The audit, by the CLI a user runs.
    const relatorio = path.join(tmp, 'relatorio');
    const a = spawnSync(
        process.execPath,
        [CLI, 'audit', 'examples/pmae', '--producao', path.join(dados, 'producao.csv'), '--out', relatorio],
        { cwd: ROOT, encoding: 'utf8' }
    );
    if (a.status !== 0) falha(`oci-catalogo audit saiu com ${a.status}:\n${a.stdout}${a.stderr}`);
    process.stdout.write(a.stdout);
    const json = JSON.parse(fs.readFileSync(path.join(relatorio, 'auditoria.json'), 'utf8'));
    if (json.total.episodios !== verdade.episodios)
        falha(`a auditoria contou ${json.total.episodios} episódios; o gerador fez ${verdade.episodios}`);

    // 3. The picture.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS
    });
    try {
        const page = await browser.newPage({
            viewport: { width: 1280, height: 900 },
            deviceScaleFactor: 1,
            locale: 'pt-BR'
        });
        await page.goto(pathToFileURL(path.join(relatorio, 'auditoria.html')).href, { waitUntil: 'load' });
        const graficos = await page.locator('figure svg').count();
        if (graficos === 0) falha('o relatório não tem gráficos (figure svg)');
        const largura = await page.evaluate(() => document.documentElement.scrollWidth);
        if (largura > 1280) falha(`o relatório é mais largo que a janela (${largura} px em 1280): a tabela transborda`);
        fs.mkdirSync(path.dirname(destino), { recursive: true });
        if (paginaInteira) {
            await page.screenshot({ path: destino, fullPage: true });
        } else {
            // The top of the page (title, what was read, the cards) and the start of the charts, one
            // above the other with a grey band where the table per OCI was left out.
            const { fimCartoes, inicioGraficos, fimGraficos } = await page.evaluate(() => {
                const h2 = [...document.querySelectorAll('h2')].find(h =>
                    h.nextElementSibling?.classList.contains('legenda')
                );
                const figuras = [...document.querySelectorAll('div.graficos figure')];
                const top = el => el.getBoundingClientRect().top + window.scrollY;
                return {
                    fimCartoes: Math.ceil(
                        document.querySelector('dl.cartoes').getBoundingClientRect().bottom + window.scrollY + 12
                    ),
                    inicioGraficos: Math.floor(top(h2) - 18),
                    // Two rows of charts (four figures in two columns).
                    fimGraficos: Math.ceil(
                        figuras[Math.min(3, figuras.length - 1)].getBoundingClientRect().bottom + window.scrollY + 6
                    )
                };
            });
            const topo = await page.screenshot({
                clip: { x: 0, y: 0, width: 1280, height: fimCartoes },
                fullPage: true
            });
            const meio = await page.screenshot({
                clip: { x: 0, y: inicioGraficos, width: 1280, height: fimGraficos - inicioGraficos },
                fullPage: true
            });
            const img = buf => `<img style="display:block" src="data:image/png;base64,${buf.toString('base64')}">`;
            const altura = fimCartoes + 10 + (fimGraficos - inicioGraficos);
            const montagem = await browser.newPage({ viewport: { width: 1280, height: altura }, deviceScaleFactor: 1 });
            await montagem.setContent(
                `<body style="margin:0;background:#fff">${img(topo)}<div style="height:10px;background:repeating-linear-gradient(90deg,#bbb 0 12px,#fff 12px 18px)"></div>${img(meio)}</body>`
            );
            await montagem.screenshot({ path: destino, clip: { x: 0, y: 0, width: 1280, height: altura } });
        }
        process.stdout.write(
            `${path.relative(ROOT, destino)}: ${json.entrada.registros} registros, ${json.total.episodios} episódios, ${graficos} gráficos` +
                `${paginaInteira ? ' (página inteira, 1280 px)' : ' (topo e começo dos gráficos, 1280 px)'}\n`
        );
    } finally {
        await browser.close();
    }
} catch (error) {
    process.stderr.write(`screenshot-auditoria: ${error.message}\n`);
    process.exitCode = 2;
} finally {
    if (argv.includes('--manter')) process.stdout.write(`pasta mantida: ${tmp}\n`);
    else fs.rmSync(tmp, { recursive: true, force: true });
}
