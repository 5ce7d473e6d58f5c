/**
 * What an `oci-catalogo.yaml` may name: every rule code of every registry (catalogue, PAR/SE,
 * audit findings — ../legal/registros.ts, the same list the legal matrix is built from) and the
 * audit's canonical production columns.
 */
import { COLUNAS } from '../audit/sql.js';
import { regrasRegistradas } from '../legal/registros.js';
import type { ConfigVocabulary } from './workspace-config.js';

let cached: ConfigVocabulary | undefined;

export function configVocabulary(): ConfigVocabulary {
    cached ??= { ruleCodes: new Set(regrasRegistradas().map(r => r.code)), auditColumns: COLUNAS };
    return cached;
}
