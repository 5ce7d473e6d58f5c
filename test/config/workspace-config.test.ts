/** `oci-catalogo.yaml`: every key read, every problem reported at its line and column, the schema in step. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { findConfigFile, readConfigFile } from '../../language/src/config/config-file.js';
import { configJsonSchema } from '../../language/src/config/config-schema.js';
import { configVocabulary } from '../../language/src/config/vocabulary.js';
import { CONFIG_FILE_NAME, parseWorkspaceConfig } from '../../language/src/config/workspace-config.js';
import { REPO_ROOT } from '../helpers.js';

const SCHEMA_FILE = path.join(REPO_ROOT, 'schema/oci-catalogo-config.schema.json');
const vocabulary = configVocabulary();
const parse = (text: string) => parseWorkspaceConfig(text, vocabulary);

export const FULL_CONFIG = `# configuração do catálogo
regras:
  oci/fundamento-ausente: desligada
  valor/divergente: erro
  procedimento/nome-divergente: info
tolerancia: "0,01"
saidas:
  pasta: publicado
  formatos: [json, csv]
catalogos: [estadual, municipal]
sigtap:
  externos: [/dados/TabelaUnificada_202601.zip]
idioma: en
auditoria:
  colunas:
    pessoa: NU_CNS
    data: DT_ATEND
  falhar-se: [tempo/acima-tm]
plano:
  estrito: true
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('oci-catalogo.yaml', () => {
    it('reads every key of a complete file', () => {
        const { config, problems } = parse(FULL_CONFIG);
        expect(problems).toEqual([]);
        expect([...config.regras]).toEqual([
            ['oci/fundamento-ausente', 'off'],
            ['valor/divergente', 'error'],
            ['procedimento/nome-divergente', 'info']
        ]);
        expect(config.tolerancia).toBe('0,01');
        expect(config.saidas).toEqual({ pasta: 'publicado', formatos: ['json', 'csv'] });
        expect(config.catalogos).toEqual(['estadual', 'municipal']);
        expect(config.sigtap).toEqual({ externos: ['/dados/TabelaUnificada_202601.zip'] });
        expect(config.idioma).toBe('en');
        expect(config.auditoria).toEqual({
            colunas: { pessoa: 'NU_CNS', data: 'DT_ATEND' },
            falharSe: ['tempo/acima-tm']
        });
        expect(config.plano).toEqual({ estrito: true });
    });

    it('an empty file or only comments is an empty configuration', () => {
        for (const text of ['', '# nada ainda\n']) {
            const { config, problems } = parse(text);
            expect(problems).toEqual([]);
            expect(config.regras.size).toBe(0);
        }
    });

    it.each([
        ['YAML syntax error', 'regras:\n  oci/nome-vazio: erro: sim\n', 2, /YAML inválido: Nested mappings/],
        [
            'mapping items out of column',
            'regras:\n  oci/nome-vazio: erro\n oci/nome-vazio: aviso\n',
            3,
            /YAML inválido: All mapping items/
        ],
        ['unknown top-level key', 'regras: {}\ntolerância: "0,01"\n', 2, /Chave desconhecida: "tolerância"/],
        [
            'unknown rule code, with the closest one',
            'regras:\n  valor/divergent: aviso\n',
            2,
            /Regra desconhecida: "valor\/divergent" — você quis dizer "valor\/divergente"/
        ],
        [
            'wrong severity',
            'regras:\n  valor/divergente: warning\n',
            2,
            /Severidade inválida para valor\/divergente: "warning"/
        ],
        [
            'tolerance written with a point (read as thousands it would be R$ 15,00)',
            'tolerancia: "0.015"\n',
            1,
            /Tolerância inválida/
        ],
        ['tolerance with three decimals as a number', 'tolerancia: 0.015\n', 1, /Tolerância/],
        ['unknown output format', 'saidas:\n  formatos: [json, pdf]\n', 2, /Formato de saída desconhecido: pdf/],
        ['unknown language', 'idioma: es\n', 1, /Idioma inválido: "es"/],
        [
            'unknown finding in falhar-se',
            'auditoria:\n  falhar-se: [tempo/acima-tn]\n',
            2,
            /Achado desconhecido em falhar-se: tempo\/acima-tn/
        ],
        [
            'unknown audit column',
            'auditoria:\n  colunas:\n    cpf: NU_CPF\n',
            3,
            /Coluna da auditoria desconhecida: "cpf"/
        ],
        ['estrito not a boolean', 'plano:\n  estrito: sim\n', 2, /plano.estrito deve ser true ou false/],
        ['a list where a map is expected', 'regras:\n  - oci/nome-vazio\n', 2, /regras deve ser um mapa/],
        ['a duplicated key', 'idioma: pt\nidioma: en\n', 2, /YAML inválido/]
    ])('%s is reported at its line, never defaulted', (_name, text, line, message) => {
        const { problems } = parse(text);
        expect(problems).toHaveLength(1);
        expect(problems[0]!.line).toBe(line);
        expect(problems[0]!.column).toBeGreaterThan(0);
        expect(problems[0]!.message).toMatch(message);
    });

    it('a key with a problem is absent from the result; the others stay', () => {
        const { config, problems } = parse(
            'regras:\n  valor/divergente: erro\n  oci/nome-vazio: talvez\nidioma: xx\ntolerancia: "0,05"\n'
        );
        expect(problems.map(p => p.line)).toEqual([3, 4]);
        expect([...config.regras]).toEqual([['valor/divergente', 'error']]);
        expect(config.idioma).toBeUndefined();
        expect(config.tolerancia).toBe('0,05');
    });

    it('the nearest file at or above a folder wins', () => {
        const outer = path.join(tmp, 'repo');
        const inner = path.join(outer, 'catalogos', 'sp');
        fs.mkdirSync(inner, { recursive: true });
        fs.writeFileSync(path.join(outer, CONFIG_FILE_NAME), 'idioma: pt\n');
        expect(findConfigFile(inner)).toBe(path.join(outer, CONFIG_FILE_NAME));
        fs.writeFileSync(path.join(outer, 'catalogos', CONFIG_FILE_NAME), 'idioma: en\n');
        expect(findConfigFile(inner)).toBe(path.join(outer, 'catalogos', CONFIG_FILE_NAME));
        expect(readConfigFile(findConfigFile(inner)!).config.idioma).toBe('en');
    });

    it('a file saved as Latin-1 is an encoding problem at its first bad byte, not misread', () => {
        const file = path.join(tmp, 'latin1.yaml');
        fs.writeFileSync(file, Buffer.from('# configuração\nidioma: pt\n', 'latin1'));
        const loaded = readConfigFile(file);
        expect(loaded.problems).toHaveLength(1);
        expect(loaded.problems[0]).toMatchObject({ line: 1 });
        expect(loaded.problems[0]!.message).toMatch(/não está em UTF-8: byte 0xE7/);
        expect(loaded.config.idioma).toBeUndefined();
    });

    it('a UTF-8 BOM and CRLF are accepted', () => {
        const file = path.join(tmp, 'bom.yaml');
        fs.writeFileSync(
            file,
            Buffer.concat([
                Buffer.from([0xef, 0xbb, 0xbf]),
                Buffer.from('idioma: en\r\nplano:\r\n  estrito: false\r\n')
            ])
        );
        const loaded = readConfigFile(file);
        expect(loaded.problems).toEqual([]);
        expect(loaded.config).toMatchObject({ idioma: 'en', plano: { estrito: false } });
    });
});

describe('schema/oci-catalogo-config.schema.json', () => {
    const generated = JSON.stringify(configJsonSchema(vocabulary), null, 2) + '\n';

    it('is generated from the rules and columns the parser knows (UPDATE_SCHEMA=1 rewrites it)', () => {
        if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, generated);
        expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(generated);
    });

    it('accepts the complete file and rejects what the parser rejects', () => {
        const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema(vocabulary));
        expect(validate(parseYaml(FULL_CONFIG)), JSON.stringify(validate.errors)).toBe(true);
        for (const wrong of [
            'regras:\n  valor/divergent: aviso\n',
            'regras:\n  valor/divergente: warning\n',
            'idioma: es\n',
            'saidas:\n  formatos: [pdf]\n',
            'tolerância: "0,01"\n',
            'plano:\n  estrito: sim\n'
        ]) {
            expect(validate(parseYaml(wrong)), wrong).toBe(false);
            expect(parse(wrong).problems.length, wrong).toBeGreaterThan(0);
        }
    });

    it('is contributed to the YAML extension for oci-catalogo.yaml', () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
        expect(pkg.contributes.yamlValidation).toContainEqual({
            fileMatch: CONFIG_FILE_NAME,
            url: './schema/oci-catalogo-config.schema.json'
        });
    });
});
