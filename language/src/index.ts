/**
 * The core's public API: what the language server (server/), the VS Code client (client/) and the
 * CLI (cli/) may use of language/. Nothing here loads the batch features (audit, exports, diff:
 * ./batch.ts) and nothing here needs Node but the I/O seam listed in docs/architecture.md, so the
 * language server also runs in a browser (docs/browser.md). test/architecture.test.ts enforces
 * that the layers above import language/ only through this file and ./batch.ts.
 */
export { findNodeForKeyword, findNodeForProperty, forEachToken } from './parser/cst-search.js';
export {
    JANELA_APAC,
    aritmeticaDaMenorJanela,
    formatData,
    janelaApac,
    temValidadeDeDuasCompetencias
} from './apac-validade.js';
export { diffConfigs } from './config/config-diff.js';
export { findConfigFile, readConfigFile, type LoadedConfig } from './config/config-file.js';
export { ruleSeverityPolicy } from './config/rule-severity.js';
export {
    CONFIG_FILE_NAME,
    type ConfigProblem,
    type ConfiguredSeverity,
    type WorkspaceConfig
} from './config/workspace-config.js';
export { OciFormatter } from './format/formatter.js';
export {
    isAprovacaoCib,
    isCatalogo,
    isCid,
    isComponente,
    isConclusao,
    isCustoFixo,
    isCustoPercentual,
    isDocumentoSe,
    isExecucaoPar,
    isGrupo,
    isGrupoConclusao,
    isGrupoRef,
    isHabilitacaoSe,
    isMembroGrupo,
    isMeta,
    isMunicipioPar,
    isMunicipioSe,
    isOci,
    isOciElenco,
    isOcisFila,
    isPar,
    isProcedimentoRef,
    isProducaoPrevista,
    isTecnologia,
    isTempoMaximo,
    isTempoRecomendado,
    isTerritorio,
    isUsoTecnologia,
    isUsoTecnologias,
    isValorDeclarado,
    type Catalogo,
    type Componente,
    type Documento,
    type Grupo,
    type HabilitacaoSe,
    type Oci,
    type Par,
    type Tecnologia
} from './generated/ast.js';
export {
    OciCatalogoGeneratedModule,
    OciCatalogoGeneratedSharedModule,
    PlanoAcaoRegionalGeneratedModule,
    SalaEstabilizacaoGeneratedModule
} from './generated/module.js';
export { writeCatalogoFiles } from './generator/catalogo-arquivos.js';
export { CATALOGO_JSON_FORMAT, buildCatalogoJson, type CatalogoJson } from './generator/catalogo-json.js';
export { reais } from './generator/formato-pt.js';
export { importSigtap } from './generator/import-sigtap.js';
export { collectProcedureCodes } from './generator/procedure-codes.js';
export { AtomicWriteError, writeFileAtomic, writeFilesAtomic } from './io/atomic-write.js';
export { baseLegalMarkdown } from './legal/citacoes.js';
export { regrasRegistradas } from './legal/registros.js';
export { MODALIDADES_REMOTAS } from './modalidades.js';
export { Money, formatMoney, formatPercent, fromCentavos, parseMoney, parsePercent, toCentavos } from './money.js';
export {
    OciModule,
    OciSharedModule,
    createOciCoreServices,
    type OciAddedServices,
    type OciServices
} from './oci-module.js';
export { cidsOf, codesOf, componentesOf, formatCid, normalizeCid, tmOf, trOf, valorOf } from './oci-queries.js';
export { hojeCivil } from './plano/cronologia.js';
export { formatCompetenciaIndex, parseCompetenciaIndex, type Competencia } from './plano/datas.js';
export { examinarProducaoSe } from './plano/exame-producao-se.js';
export { caminhoDaExecucao, execucaoDo, type ExecucaoDoPar } from './plano/execucao-par.js';
export { formatInteger, parseInteger } from './plano/incentivo-par.js';
export { FONTES_LEGAIS, TEXTO_LEGAL, referencia } from './plano/legal.js';
export { amazoniaLegal, municipioIbge } from './plano/municipios.js';
export { type OpcoesPlano } from './plano/opcoes.js';
export { producaoPrevista, valorDaOci } from './plano/par-consultas.js';
export {
    ParModule,
    SeModule,
    createPlanoCoreServices,
    type ParAddedServices,
    type ParServices
} from './plano/plano-module.js';
export { EntradaInvalida, readExecucao, type Execucao, type ProducaoPorCnes } from './plano/producao.js';
export { RegrasPlanoPorCodigo, RegrasSe } from './plano/rules.js';
export {
    descreverExecutada,
    opcoesDaExecucao,
    percentual,
    resumoPar,
    resumoSe,
    type ResumoIncentivoPar,
    type ResumoPar,
    type ResumoSe,
    type SegundaParcela
} from './plano/resumo.js';
export { DOCUMENTOS_SE, chaveDoDocumento, estabelecimentoDa } from './plano/se-consultas.js';
export { registerParValidation, registerSeValidation } from './plano/validation/index.js';
export {
    SIGTAP_NAO_SE_APLICA,
    ageOverlap,
    formatAgeRange,
    ociAgeRange,
    sexoLabel,
    sexoOf,
    sigtapAgeRange
} from './publico.js';
export { checkDigit, formatCodigo, hasValidCheckDigit, normalizeCodigo } from './sigtap/codigo.js';
export { loadSigtapFile } from './sigtap/reader.js';
export { cutSigtapSubset, subsetCodesFor } from './sigtap/subset.js';
export { dataFile, layoutFile } from './sigtap/tables.js';
export { type SigtapProcedimento, type SigtapTable } from './sigtap/types.js';
export {
    OCI_SYNTAX_EN,
    OCI_SYNTAX_PT,
    OciDocumentValidator,
    SyntaxCodes,
    SyntaxLexerMessageProvider,
    SyntaxMessageProvider,
    unresolvedReferenceKind,
    type SyntaxWords
} from './syntax-messages.js';
export { formatCompetencia } from './validation/catalogo-validator.js';
export { registerValidationChecks } from './validation/index.js';
export { diagnosticText } from './validation/report.js';
export { ruleAnchor } from './validation/rules-doc.js';
export { ruleMessageIn } from './validation/rules-en.js';
export { Rules, RulesByCode, ruleText, type Rule } from './validation/rules.js';
export { computeValue, sigtapEstimate, valorAmbulatorial, type ValueBreakdown } from './value/engine.js';
export { type CatalogoContext, type CatalogoContextProvider } from './workspace/catalogo-context.js';
export { DeferredReferenceIndex } from './workspace/reference-index.js';
export { type CatalogoSettings, type Locale } from './workspace/settings.js';
export { isInside, realPath, sigtapExternoPeloAmbiente } from './workspace/sigtap-path.js';
export {
    decodeSource,
    encodeSource,
    hexByte,
    type DecodedSource,
    type EncodingProblem,
    type SourceEncodingRecords
} from './workspace/source-encoding.js';
export { EncodingRecords } from './workspace/source-encoding.js';
