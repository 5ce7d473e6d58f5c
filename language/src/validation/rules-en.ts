/**
 * English messages of the rules of ./rules.ts, for an editor whose display language is English.
 * Same codes, same severities, same arguments; the legal basis is cited as written in
 * Portuguese (the names of Brazilian laws are not translated) — ruleTextIn() appends it.
 * Every rule needs its English message here: test/server/localization.test.ts checks it.
 */
import type { Locale } from '../workspace/settings.js';
import { Rules, RulesByCode, ruleText, type Rule } from './rules.js';

type ArgsOf<R> = R extends Rule<infer A> ? A : never;
type EnglishMessages = { [K in keyof typeof Rules]?: (...args: ArgsOf<(typeof Rules)[K]>) => string };

export const RulesEn: EnglishMessages = {
    codigoDigito: (codigo, esperado) => `Invalid check digit in ${codigo}: the correct digit is ${esperado}`,
    arquivoCodificacao: (byte, linha, coluna, codificacao, _comoCaractere) =>
        `File not in UTF-8: byte ${byte} at line ${linha}, column ${coluna} (looks like ${codificacao}); save it as UTF-8`,

    catalogoAusente: () => 'No "catalogo" header in this folder or above: nothing is checked against the SIGTAP table',
    catalogoDuplicado: outro =>
        `There is another "catalogo" header in the same folder (${outro}): each folder has a single catalogue`,
    catalogoNomeVazio: () => 'The catalogue needs a name: the rol is published under it',
    competenciaAusente: () => 'Catalogue without "competencia": state the SIGTAP competência (YYYY-MM) the rol follows',
    competenciaInvalida: valor => `Invalid competência: ${valor} (use YYYY-MM, month 01 to 12)`,
    sigtapAusente: () =>
        'Catalogue without a "sigtap" file: procedures, values and restrictions will not be checked against the table',
    sigtapErro: detalhe => `The SIGTAP table could not be read: ${detalhe}`,
    sigtapForaDoWorkspace: (escrito, _real, raizes) =>
        `sigtap "${escrito}" outside the workspace (${raizes}): copy the zip inside, or --sigtap-externo / oci.sigtap.permitirExterno`,
    sigtapCompetencia: (doCatalogo, daTabela) =>
        `The catalogue's competência (${doCatalogo}) differs from the SIGTAP table's competência (${daTabela})`,

    ociForaGrupo09: codigo =>
        `The OCI code ${codigo} is not in group 09 (Ofertas de Cuidados Integrados) of the SIGTAP table`,
    ociDuplicada: (codigo, onde) => `The OCI ${codigo} is already defined in ${onde}: the code identifies a single OCI`,
    ociNomeVazio: () => 'The OCI needs a name',
    ociItemRepetido: item => `"${item}" appears more than once in this OCI`,
    fundamentoAusente: () => 'OCI without "fundamento": cite the act that established it (portaria, technical note)',

    semObrigatorio: () => 'The OCI has no mandatory component',
    componenteDuplicado: codigo => `The procedure ${codigo} appears more than once in the OCI's composition`,
    frequenciaEmObrigatorio: () =>
        'A frequency only applies to an eventual component: a mandatory one is always performed',
    frequenciaInvalida: valor => `Frequency ${valor} out of range: it must be greater than 0% and at most 100%`,
    quantidadeInvalida: () => 'The quantity must be at least 1',
    grupoVazio: nome => `The group ${nome} has no procedures`,
    grupoMembroDuplicado: codigo => `The procedure ${codigo} appears more than once in the group`,

    trAusente: () =>
        'The recommended time (tR) between the start of the OCI and the procedure that concludes it is missing',
    tmAusente: () => 'The maximum time limit (tM) for performing the OCI is missing',
    tempoNaoPositivo: qual => `${qual} must be a positive number of days`,
    trMaiorQueTm: (tr, tm) =>
        `tR (${tr} days) greater than tM (${tm} days): the recommended time cannot exceed the maximum time`,
    tmAlemDaValidadeApac: (tm, minimo, aritmetica, maximo, competencia) =>
        `tM of ${tm} days passes the shortest APAC validity (${minimo} days: ${aritmetica.replace('dias', 'days')}; attr. 054, SIGTAP ${competencia})`,

    aPreencher: item => `${item} to be filled in: the rol must define it before it is published`,

    conclusaoAusente: () =>
        '"conclusao" is missing: the procedure that concludes the OCI marks the end of the recommended time (tR)',
    conclusaoForaDaOci: alvo => `The concluding procedure ${alvo} is not a component of this OCI`,

    modalidadeInvalida: (nome, permitidas) => `Remote modality not provided for: ${nome} (provided for: ${permitidas})`,
    modalidadeSemProcedimento: nome =>
        `The remote modality ${nome} is declared, but no component of the OCI is a ${nome} procedure`,
    procedimentoRemotoSemModalidade: (codigo, modalidade) =>
        `The component ${codigo} is ${modalidade}, but the OCI does not declare "remoto ${modalidade}"`,

    contrarreferenciaAusente: () =>
        'The OCI must always include safe counter-referral and the transition to primary care ("contrarreferencia aps")',
    contrarreferenciaDestino: destino =>
        `Counter-referral to ${destino}: the OCI must always provide the transition to primary care (destination aps)`,

    procedimentoInexistente: (codigo, competencia) =>
        `The procedure ${codigo} does not exist in the SIGTAP table of competência ${competencia}`,
    procedimentoGrupo09: codigo => `${codigo} is an OCI (group 09): an OCI is made of procedures, not of other OCIs`,
    procedimentoNome: (escrito, tabela) =>
        `The name "${escrito}" differs from the name in the SIGTAP table: "${tabela}"`,
    procedimentoQtMaxima: (codigo, qt, maxima, fonte) =>
        `Quantity ${qt} of ${codigo} exceeds the SIGTAP table's maximum quantity (${maxima}, ${fonte})`,
    procedimentoSexo: (codigo, publico, permitido) =>
        `${codigo} is restricted to sex ${permitido} in the SIGTAP table, but the OCI's public is ${publico}`,
    procedimentoIdade: (codigo, publico, permitido) =>
        `No age of the OCI's public (${publico}) is within the range of ${codigo} in the SIGTAP table (${permitido})`,
    procedimentoIdadeParcial: (codigo, publico, permitido) =>
        `${codigo} can only be recorded for part of the OCI's public (${publico}): range in the SIGTAP table ${permitido}`,
    procedimentoSexoParcial: (codigo, permitido) =>
        `${codigo} is restricted to sex ${permitido} in the SIGTAP table: only part of the OCI's public can receive it`,
    cidInexistente: cid => `CID ${cid} does not exist in the competência's SIGTAP table`,
    idadeInvalida: detalhe => `Invalid age range: ${detalhe}`,
    idadeAcimaDoTeto: (idade, faixa) =>
        `Age ${idade} in the range "${faixa}" is above the SIGTAP table's ceiling (130 years 11 months, 1571 months)`,
    idadeMesesDemais: (idade, faixa) =>
        `"${idade}" in the range "${faixa}": months go from 0 to 11 (12 months are 1 year)`,
    idadeMaximaSemLimite: (idade, faixa) =>
        `Maximum age ${idade} in "${faixa}" is the SIGTAP table's "no upper limit" (130 years or more): write "ou mais"`,

    valorFormato: texto => `Badly written value: ${texto} (use R$ 1.234,56)`,
    valorCasasDecimais: texto => `Value with more than two decimal places: ${texto}`,
    valorLimite: (valor, limite) => `Value ${valor} above the limit of ${limite}: check the number`,
    valorEstimativaIndisponivel: alvo =>
        `No estimate for ${alvo} nor a value in the SIGTAP table: write "estimativa R$ …"`,
    valorEstimativaZero: alvo =>
        `Omitted estimate of ${alvo}: VL_SA R$ 0,00, the line counts zero; write "estimativa R$ …" if it costs`,
    valorAusente: calculado => `The OCI does not declare "valor"; the computed value is ${calculado}`,
    valorDivergente: (declarado, calculado, diferenca) =>
        `Declared value ${declarado} differs from the computed value ${calculado} (difference ${diferenca})`,
    tecnologiaDuplicada: nome => `The technology ${nome} appears more than once in the OCI`,
    percentualInvalido: valor => `Invalid percentage ${valor}: it must be greater than 0% and at most 100%`,
    semTecnologia: () => 'The OCI declares no technology cost ("tecnologias …"), which art. 6 §3 adds to the estimates',

    sigtapOciAusente: (codigo, competencia) =>
        `The OCI ${codigo} does not exist in the SIGTAP table ${competencia} (new proposal or revoked)`,
    sigtapNome: tabela => `The OCI's name differs from the SIGTAP table: "${tabela}"`,
    sigtapComponenteAusente: (codigo, tipo) =>
        `The SIGTAP table has ${codigo} as a ${tipo} component of this OCI, but the catalogue does not include it`,
    sigtapComponenteExtra: codigo => `${codigo} is not compatible with this OCI in the SIGTAP table`,
    sigtapObrigatoriedade: (codigo, catalogo, tabela) =>
        `${codigo} is ${catalogo} in the catalogue and ${tabela} in the SIGTAP table`,
    sigtapQuantidade: (codigo, catalogo, tabela) =>
        `Quantity of ${codigo}: ${catalogo} in the catalogue, ${tabela} in the SIGTAP table`,
    sigtapValor: (catalogo, tabela) =>
        `Declared value ${catalogo} differs from the OCI's value in the SIGTAP table (${tabela})`,
    sigtapSexo: (catalogo, tabela) => `Sex of the public: ${catalogo} in the catalogue, ${tabela} in the SIGTAP table`,
    sigtapIdade: (catalogo, tabela) => `Age range: ${catalogo} in the catalogue, ${tabela} in the SIGTAP table`,
    sigtapCidAusente: cids => `SIGTAP table CIDs missing from the catalogue: ${cids}`,
    sigtapCidExtra: cid => `CID ${cid} is not associated with this OCI in the SIGTAP table`
};

/** English message functions by rule code. */
export const RulesEnByCode: ReadonlyMap<string, (...args: unknown[]) => string> = new Map(
    (Object.entries(RulesEn) as Array<[keyof typeof Rules, (...args: unknown[]) => string]>)
        .filter(([name]) => name in Rules)
        .map(([name, message]) => [Rules[name].code, message])
);

/** Portuguese words validators pass as arguments (kinds, sexes, items to fill in), in English. */
const TERMS: Readonly<Record<string, string>> = {
    obrigatório: 'mandatory',
    eventual: 'eventual',
    compatível: 'compatible',
    'compatível (eventual)': 'compatible (eventual)',
    feminino: 'female',
    masculino: 'male',
    ambos: 'both',
    'não se aplica': 'not applicable',
    'Estimativa de valor': 'Value estimate',
    'Frequência do componente eventual': 'Frequency of the eventual component',
    'Conclusão (procedimento que conclui a OCI)': 'Conclusion (procedure that concludes the OCI)',
    'tR (tempo recomendado)': 'tR (recommended time)',
    'tM (tempo máximo)': 'tM (maximum time)',
    'informe a unidade (anos ou meses)': 'state the unit (anos or meses)',
    'informe a unidade (anos ou meses) da idade mínima': 'state the unit (anos or meses) of the minimum age',
    'informe a unidade (anos ou meses) da idade máxima': 'state the unit (anos or meses) of the maximum age'
};

/**
 * An argument in English: a known term, an age range ("10 anos ou mais", "8 anos e 11 meses a 9 anos"), or as it is.
 */
export function argumentEn(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    const term = TERMS[value];
    if (term !== undefined) return term;
    const idade =
        /^(\d+ (?:anos?|meses|m[eê]s)(?: e \d+ (?:meses|m[eê]s))?)( ou mais| a (\d+ (?:anos?|meses|m[eê]s)(?: e \d+ (?:meses|m[eê]s))?))?$/.exec(
            value
        );
    if (idade) {
        const units = (t: string) =>
            t
                .replace(/\banos?\b/g, n => (n === 'ano' ? 'year' : 'years'))
                .replace(/\bmeses\b/g, 'months')
                .replace(/\bm[eê]s\b/g, 'month')
                .replace(/ e /g, ' and ');
        return (
            units(idade[1]!) + // the first group always matches
            (idade[2] === undefined ? '' : idade[3] === undefined ? ' or more' : ` to ${units(idade[3])}`)
        );
    }
    const inversa = /^a idade mínima \((.+)\) é maior que a máxima \((.+)\)$/.exec(value);
    if (inversa)
        return `the minimum age (${argumentEn(inversa[1])}) is greater than the maximum (${argumentEn(inversa[2])})`;
    return value;
}

/**
 * The full text of a diagnostic of rule `code` in `locale` (message — legal basis), from the
 * arguments the validator passed; undefined for an unknown code or when English is missing.
 */
/** The rule's short message (no basis: it travels in the diagnostic's data) in `locale`. */
export function ruleMessageIn(locale: Locale, code: string, args: readonly unknown[]): string | undefined {
    const rule = RulesByCode.get(code);
    if (!rule) return undefined;
    if (locale === 'pt') return rule.message(...(args as unknown[]));
    return RulesEnByCode.get(code)?.(...args.map(argumentEn));
}

export function ruleTextIn(locale: Locale, code: string, args: readonly unknown[]): string | undefined {
    const rule = RulesByCode.get(code);
    if (!rule) return undefined;
    if (locale === 'pt') return ruleText(rule, ...(args as unknown[]));
    const en = RulesEnByCode.get(code);
    return en ? `${en(...args.map(argumentEn))} — ${rule.basis}` : undefined;
}
