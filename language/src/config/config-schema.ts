/**
 * The JSON Schema of `oci-catalogo.yaml`, generated from the same vocabulary the parser checks
 * against (every rule code of every registry, the audit's columns), so that the YAML extension
 * users already have completes and validates the file as the CLI and the server do. The copy in
 * schema/oci-catalogo-config.schema.json is kept equal by a test (UPDATE_SCHEMA=1 rewrites it).
 */
import type { ConfigVocabulary } from './workspace-config.js';
import { OUTPUT_FORMATS, SEVERITY_WORDS, TOLERANCIA } from './workspace-config.js';

export function configJsonSchema(vocabulary: ConfigVocabulary): object {
    const severity = { enum: Object.keys(SEVERITY_WORDS), description: 'erro, aviso, info ou desligada' };
    const codes = [...vocabulary.ruleCodes].sort();
    return {
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'https://example.invalid/oci-catalogo/oci-catalogo-config.schema.json',
        title: 'oci-catalogo.yaml',
        description:
            'Configuração do repositório de um catálogo de OCI: lida pela linha de comando, pelo servidor de linguagem e pela CI.',
        type: 'object',
        additionalProperties: false,
        properties: {
            regras: {
                description: 'Severidade por código de regra (as demais mantêm a sua).',
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(codes.map(c => [c, severity]))
            },
            tolerancia: {
                description: 'Diferença aceita entre o valor declarado e o calculado, em reais (ex.: "0,01").',
                type: 'string',
                pattern: TOLERANCIA.source
            },
            saidas: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    pasta: {
                        type: 'string',
                        minLength: 1,
                        description: 'Pasta onde `build` grava o catálogo publicado.'
                    },
                    formatos: {
                        type: 'array',
                        minItems: 1,
                        items: { enum: [...OUTPUT_FORMATS] },
                        description: 'Arquivos que `build` grava.'
                    }
                }
            },
            catalogos: {
                type: 'array',
                items: { type: 'string', minLength: 1 },
                description: 'Pastas-raiz dos catálogos, num repositório com vários.'
            },
            sigtap: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    externos: {
                        type: 'array',
                        items: { type: 'string', minLength: 1 },
                        description: 'Arquivos SIGTAP fora do repositório que podem ser lidos.'
                    }
                }
            },
            idioma: { enum: ['pt', 'en'], description: 'Idioma das mensagens.' },
            auditoria: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    colunas: {
                        type: 'object',
                        additionalProperties: false,
                        properties: Object.fromEntries(
                            vocabulary.auditColumns.map(c => [c, { type: 'string', minLength: 1 }])
                        ),
                        description: 'Nome, na produção, de cada coluna canônica.'
                    },
                    'falhar-se': {
                        description: 'Achados que fazem `audit` sair com 1 (ou "qualquer").',
                        oneOf: [{ const: 'qualquer' }, { type: 'array', items: { enum: codes } }]
                    }
                }
            },
            plano: {
                type: 'object',
                additionalProperties: false,
                properties: { estrito: { type: 'boolean', description: 'As lacunas de faixa do PAR viram erros.' } }
            }
        }
    };
}
