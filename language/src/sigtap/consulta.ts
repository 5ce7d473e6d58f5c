/**
 * The specialist consultation of the OCIs: 03.01.01.007-2 (in person) and 03.01.01.030-7
 * (teleconsulta). SIGTAP lists both only as compatível (TP_COMPATIBILIDADE 1). The programme's
 * operational sheet — NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS, "PLANILHA DETALHADA OCIs" (a municipal
 * transcription dated 2026-01-28 is public) — puts the consultation in the MANDATORY column of
 * all 34 OCIs: "consulta e/ou teleconsulta" where both codes are allowed, the in-person
 * consultation alone where only it is. This is a convention of the programme, not a rule of the
 * table: the importer and the example follow it and say so; the conciliation with SIGTAP accepts it.
 */
export const CONSULTA = '0301010072';
export const TELECONSULTA = '0301010307';

/** The source cited wherever the consultation is made mandatory. */
export const NT_CONSULTA_OBRIGATORIA = 'NOTA TÉCNICA Nº 1/2025-DAET/SAES/MS (planilha detalhada das OCIs)';

/** The comment the importer and the example write beside a mandatory consultation. */
export const NOTA_CONSULTA_OBRIGATORIA = `consulta obrigatória: convenção do programa (${NT_CONSULTA_OBRIGATORIA}); na tabela SIGTAP é compatível (TP 1)`;
