/**
 * Sanity of ranges and messages (issue 12 item 7), on the real example with one edit each:
 * ages past SIGTAP's ceiling (1571 months), a minimum above the maximum and months ≥ 12 in
 * "N anos e M meses" are errors naming the range; a maximum dropped as SIGTAP's "no upper limit"
 * is said; and the messages that misled say what happened: no "Valor mal escrito: undefined", no
 * "sem valor na tabela SIGTAP" after a money-format error, one message (not one per line) when the
 * table is refused, "tecnologia chamada", no conclusion error cascading from an unresolved um_de.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, buildWorkspace, createTestServices } from '../helpers.js';

const EXAMPLE = path.join(REPO_ROOT, 'examples/pmae');
const services = createTestServices();

interface Found {
    file: string;
    line: number;
    code: string;
    severity: number;
    message: string;
}

/** Validates the example (its header naming its own SIGTAP subset) after `edit`; returns every diagnostic. */
async function check(edit: (files: Record<string, string>) => void): Promise<Found[]> {
    const files = Object.fromEntries(
        fs
            .readdirSync(EXAMPLE)
            .filter(f => f.endsWith('.oci'))
            .map(f => [
                f,
                fs.readFileSync(path.join(EXAMPLE, f), 'utf8').replace('sigtap "sigtap/', `sigtap "${EXAMPLE}/sigtap/`)
            ])
    );
    edit(files);
    const docs = await buildWorkspace(services, files);
    return docs.flatMap((d, i) =>
        (d.diagnostics ?? []).map(x => ({
            file: Object.keys(files)[i],
            line: x.range.start.line + 1,
            code: String(x.code),
            severity: x.severity ?? 0,
            message: typeof x.message === 'string' ? x.message : x.message.value
        }))
    );
}

function replace(files: Record<string, string>, file: string, from: string | RegExp, to: string): void {
    const before = files[file];
    files[file] = before.replace(from, to);
    if (files[file] === before) throw new Error(`${String(from)} not in ${file}`);
}

const MAMA_IDADE = 'idade 10 anos ou mais';

describe('age ranges', () => {
    it.each([
        [
            'a maximum past the ceiling',
            'idade 10 anos a 140 anos',
            'publico/idade-acima-do-teto',
            ['140 anos', '"10 anos a 140 anos"', '1571']
        ],
        [
            'a minimum past the ceiling',
            'idade 131 anos ou mais',
            'publico/idade-acima-do-teto',
            ['131 anos', '"131 anos ou mais"']
        ],
        [
            'months ≥ 12',
            'idade 18 anos e 14 meses ou mais',
            'publico/meses-invalidos',
            ['"18 anos e 14 meses"', '0 a 11']
        ],
        ['a minimum above the maximum', 'idade 30 anos a 20 anos', 'publico/idade-invalida', ['30 anos', '20 anos']]
    ])('%s is an error naming the range', async (_, written, code, named) => {
        const found = (await check(f => replace(f, 'oncologia.oci', MAMA_IDADE, written))).filter(d =>
            d.code.startsWith('publico/')
        );
        expect(found.map(d => [d.code, d.severity])).toEqual([[code, 1]]);
        for (const text of named) expect(found[0].message).toContain(text);
    });

    it('says when a maximum is dropped as SIGTAP\'s "no upper limit"', async () => {
        const found = (
            await check(f => replace(f, 'oncologia.oci', MAMA_IDADE, 'idade 10 anos a 130 anos e 5 meses'))
        ).filter(d => d.code.startsWith('publico/'));
        expect(found.map(d => [d.code, d.severity])).toEqual([['publico/idade-maxima-sem-limite', 2]]);
        expect(found[0].message).toContain('130 anos e 5 meses');
        expect(found[0].message).toContain('ou mais');
    });
});

describe('messages that misled', () => {
    it('a declared value with no amount is the syntax error alone, never "undefined"', async () => {
        const found = await check(f => replace(f, 'oncologia.oci', 'valor R$ 125,00', 'valor'));
        expect(found.some(d => d.message.includes('undefined'))).toBe(false);
        expect(found.filter(d => d.file === 'oncologia.oci' && d.severity === 1).map(d => d.code)).toEqual([
            'sintaxe/estrutura'
        ]);
    });

    it('a malformed estimate is a format error, not "sem valor na tabela SIGTAP" (the table has the value)', async () => {
        const found = await check(f =>
            replace(f, 'oncologia.oci', 'qt 1 estimativa R$ 47,25', 'qt 1 estimativa R$ 4.7.25')
        );
        expect(found.filter(d => d.file === 'oncologia.oci' && d.line === 11).map(d => d.code)).toEqual([
            'valor/formato'
        ]);
    });

    it('a refused table is said once, not once per line without an estimate', async () => {
        const found = await check(f => {
            for (const name of Object.keys(f)) f[name] = f[name].replace(/ estimativa R\$ [0-9.]+,[0-9]{2}/g, '');
            replace(f, 'catalogo.oci', /sigtap "[^"]*"/, `sigtap "${EXAMPLE}/cardiologia.oci"`);
        });
        expect(found.filter(d => d.code === 'catalogo/sigtap-invalido')).toHaveLength(1);
        expect(found.filter(d => d.code === 'valor/estimativa-indisponivel')).toEqual([]);
    });

    it('still asks for an estimate when there is no table at all and none is named', async () => {
        const found = await check(f => {
            replace(f, 'oncologia.oci', 'qt 1 estimativa R$ 47,25', 'qt 1');
            replace(f, 'catalogo.oci', /\s*sigtap "[^"]*"/, '');
        });
        expect(found.filter(d => d.code === 'valor/estimativa-indisponivel').map(d => [d.file, d.line])).toEqual([
            ['oncologia.oci', 11]
        ]);
    });

    it('names a missing technology in the feminine ("tecnologia chamada")', async () => {
        const found = await check(f => replace(f, 'oncologia.oci', 'gestao_clinica R$ 8,92', 'gestao_clinicx R$ 8,92'));
        expect(found.filter(d => d.code === 'referencia/nao-resolvida').map(d => d.message)).toEqual([
            'Não há tecnologia chamada "gestao_clinicx" no catálogo'
        ]);
    });

    it('an unresolved um_de is one error: the conclusion naming the real group is not blamed', async () => {
        const found = await check(f =>
            replace(
                f,
                'oncologia.oci',
                'obrigatorio um_de consulta qt 2 estimativa R$ 21,00',
                'obrigatorio um_de consultas qt 2 estimativa R$ 21,00'
            )
        );
        const errors = found.filter(d => d.file === 'oncologia.oci' && d.severity === 1);
        expect(errors.map(d => [d.code, d.line])).toEqual([['referencia/nao-resolvida', 12]]);
        expect(errors[0].message).toBe('Não há grupo chamado "consultas" no catálogo');
    });
});
