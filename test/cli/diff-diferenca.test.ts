/**
 * `diff --format json`: every money change carries `diferenca` (depois − antes, exact) — the
 * declared value, the SIGTAP value and a technology's fixed cost included, not only the computed
 * value — and the output stays valid against catalogo-diff.schema.json. The catalogues are the
 * real example's JSON and a copy with those amounts changed as a new catalogue version would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../cli/src/catalogue.js';
import { diffCatalogos } from '../../language/src/diff/catalogo-diff.js';
import type { CatalogoJson, MoneyJson } from '../../language/src/generator/catalogo-json.js';
import { REPO_ROOT } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');

const money = (centavos: number): MoneyJson => ({ reais: (centavos / 100).toFixed(2), centavos });
const isMoney = (v: unknown): v is MoneyJson => typeof v === 'object' && v !== null && 'centavos' in v && 'reais' in v;
const amountOf = (v: unknown): MoneyJson | undefined =>
    isMoney(v)
        ? v
        : typeof v === 'object' && v !== null && (v as { tipo?: string }).tipo === 'valor'
          ? (v as { valor: MoneyJson }).valor
          : undefined;

/** Every `{antes, depois}` in the diff whose sides are amounts (or fixed costs), with its path. */
function moneyChanges(node: unknown, at = '$', found: Array<{ at: string; change: Record<string, unknown> }> = []) {
    if (Array.isArray(node)) node.forEach((x, i) => moneyChanges(x, `${at}[${i}]`, found));
    else if (typeof node === 'object' && node !== null) {
        const o = node as Record<string, unknown>;
        if ('antes' in o && 'depois' in o && (amountOf(o.antes) || amountOf(o.depois))) found.push({ at, change: o });
        for (const [k, v] of Object.entries(o)) moneyChanges(v, `${at}.${k}`, found);
    }
    return found;
}

let antigo: CatalogoJson;
beforeAll(async () => {
    const built = await buildCatalogue([EXAMPLE]);
    expect(built.json).toBeDefined();
    antigo = built.json!;
});

describe('diff JSON money changes', () => {
    it('gives diferenca for declared, SIGTAP and technology-cost changes, exact, and stays schema-valid', () => {
        const novo = structuredClone(antigo);
        const [a, b] = novo.ocis.filter(o => o.valor.declarado && o.valor.sigtap);
        a.valor.declarado = money(a.valor.declarado!.centavos + 1035);
        a.valor.sigtap = money(a.valor.sigtap!.centavos - 250);
        b.valor.declarado = null;
        const fixed = novo.tecnologias.find(t => t.custo.tipo === 'valor');
        const ociTec = novo.ocis.flatMap(o => o.valor.tecnologias).find(t => t.custo.tipo === 'valor');
        expect(ociTec).toBeDefined();
        if (fixed && fixed.custo.tipo === 'valor')
            fixed.custo = { tipo: 'valor', valor: money(fixed.custo.valor.centavos + 100) };
        if (ociTec && ociTec.custo.tipo === 'valor')
            ociTec.custo = { tipo: 'valor', valor: money(ociTec.custo.valor.centavos + 55) };

        const diff = JSON.parse(JSON.stringify(diffCatalogos(antigo, novo))) as unknown;
        const changes = moneyChanges(diff);
        expect(changes.length).toBeGreaterThanOrEqual(4);
        for (const { at, change } of changes) {
            expect(change, at).toHaveProperty('diferenca');
            const before = amountOf(change.antes);
            const after = amountOf(change.depois);
            if (before && after) expect(change.diferenca, at).toEqual(money(after.centavos - before.centavos));
            else expect(change.diferenca, at).toBeNull();
        }
        const alterada = (
            diff as { ocis: { alteradas: Array<{ codigo: string; valorDeclarado: unknown; valorSigtap: unknown }> } }
        ).ocis.alteradas;
        expect(alterada.find(o => o.codigo === a.codigo)?.valorDeclarado).toMatchObject({ diferenca: money(1035) });
        expect(alterada.find(o => o.codigo === a.codigo)?.valorSigtap).toMatchObject({ diferenca: money(-250) });
        expect(alterada.find(o => o.codigo === b.codigo)?.valorDeclarado).toMatchObject({
            depois: null,
            diferenca: null
        });

        const ajv = new Ajv2020({ allErrors: true, strict: true });
        ajv.addSchema(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schema/catalogo.schema.json'), 'utf8')));
        const validate = ajv.compile(
            JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'language/src/diff/catalogo-diff.schema.json'), 'utf8'))
        );
        expect(validate(diff), JSON.stringify(validate.errors)).toBe(true);
    });
});
