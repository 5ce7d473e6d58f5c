/**
 * The batch features' API, for the CLI only: the production audit (DuckDB, ClickHouse), the
 * exports (SIGTAP layout, the portaria's annex) and the semantic diff. The language server never
 * imports it (test/architecture.test.ts), so the editor never loads DuckDB or docx.
 */
export { ACHADOS, ACHADOS_DE_REGISTRO, DEFINICOES } from './audit/achados.js';
export { auditar, type Auditoria, type AuditoriaJson } from './audit/auditoria.js';
export { DIALETOS, dialeto } from './audit/dialeto.js';
export { AuditoriaErro, parseMapa } from './audit/motor.js';
export { producaoPorEstabelecimento } from './audit/producao-por-estabelecimento.js';
export { ARQUIVOS, writeSaidas } from './audit/saidas.js';
export { COLUNAS, NOMES_SIA, compileAuditoria, scriptSql, type Coluna } from './audit/sql.js';
export { diffCatalogos, serializeDiff } from './diff/catalogo-diff.js';
export { diffMarkdown } from './diff/diff-markdown.js';
export { VolumesError, parseVolumes } from './diff/volumes.js';
export { anexoDocx } from './export/anexo-docx.js';
export { buildAnexo, nomesSigtap, type AnexoSigtap } from './export/anexo.js';
export { SUFIXO_EXCLUSAO, TABELAS_EXPORTADAS, exportSigtap } from './export/sigtap-export.js';
export { ExportError } from './export/sigtap-linha.js';
export { auditWithClickhouse } from './audit/motor-clickhouse.js';
