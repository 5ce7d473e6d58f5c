/**
 * Language of the server's texts: Portuguese by default; English when the editor's display
 * language is English (the client sends `vscode.env.language` in initializationOptions) or when
 * the setting `oci.idioma` says so. Diagnostics use language/src/validation/rules-en.ts; the
 * short texts of code lenses, quick fixes and syntax messages are here. Hover texts (SIGTAP
 * data, value breakdown, the cited law) stay in Portuguese, the language of the catalogue.
 */
import type { Locale } from '../../language/src/index.js';

export type { Locale };

/** `oci.idioma`: 'auto' follows the editor's display language. */
export type Idioma = 'auto' | 'pt' | 'en';

/** The locale for an editor display language (e.g. "en", "en-us", "pt-br") and the `oci.idioma` setting. */
export function localeFor(displayLanguage: string | undefined, idioma: unknown = 'auto'): Locale {
    if (idioma === 'pt' || idioma === 'en') return idioma;
    return /^en\b/i.test(displayLanguage ?? '') ? 'en' : 'pt';
}

const MESSAGES = {
    pt: {
        'lens.valor': 'Valor calculado {0}',
        'lens.incompleto': ' (incompleto)',
        'lens.semDeclarado': ' · sem valor declarado',
        'lens.igual': ' · igual ao declarado',
        'lens.declaradoIncompleto': ' · declarado {0} (comparação só com o valor completo)',
        'lens.declarado': ' · declarado {0} (diferença {1})',
        'lens.tempos': 'tR {0} dias · tM {1} dias',
        'lens.apac': 'APAC: 2 competências — de {0} a {1} dias conforme o dia de início',
        'fix.digito': 'Corrigir o dígito verificador: {0}',
        'fix.nomeSigtap': 'Usar o nome da tabela SIGTAP: "{0}"',
        'fix.valorCalculado': 'Declarar o valor calculado {0}',
        'fix.valorAusente': 'Declarar "valor {0}" (valor calculado)',
        'fix.contrarreferencia': 'Incluir "contrarreferencia aps" (transição para a APS)',
        'fix.conclusaoStub': 'Incluir "conclusao " (complete com o procedimento ou grupo que conclui a OCI)',
        'fix.conclusao': 'Incluir "conclusao {0}"',
        'fix.removerDuplicado': 'Remover o componente duplicado {0} (linha {1}; fica o da linha {2})',
        'fix.trIgualTm': 'Usar tR igual ao tM: {0} dias',
        'format.recusado':
            'Formatação não aplicada: {0} (o primeiro na linha {1}). Corrija e formate de novo: o formatador nunca mexe num arquivo que não entende.',
        'fix.tmIgualTr': 'Usar tM igual ao tR: {0} dias',
        'fix.voceQuisDizer': 'Você quis dizer {0}?',
        'fix.estimativaSigtap': 'Usar a estimativa da tabela SIGTAP (VL_SA): {0}',
        'fix.todos': 'Corrigir o que é mecânico ({0} correção(ões): dígitos, nomes SIGTAP, valor declarado)',
        'ref.naoResolvida': 'Não há {0} chamado "{1}" no catálogo',
        'kind.grupo': 'grupo',
        'kind.tecnologia': 'tecnologia',
        'rename.invalido':
            '"{0}" não é um nome válido: use letras sem acento, dígitos e _ (sem espaços), começando por letra ou _',
        'rename.palavraChave': '"{0}" é uma palavra da linguagem e não pode ser nome',
        'rename.colisaoGrupo': 'Já existe um grupo chamado "{0}" no catálogo',
        'rename.colisaoTecnologia': 'Já existe uma tecnologia chamada "{0}" no catálogo',
        'rename.naoRenomeavel': 'Só grupos e tecnologias podem ser renomeados (códigos e palavras da linguagem não)',
        'pendente.bloqueia': '{0} a preencher: {1} — bloqueia a publicação',
        'pendente.lista': '{0} a preencher: {1}',
        'pendente.mais': '+{0}',
        'pendente.grupo': 'Grupo {0}',
        'pendente.catalogo': 'Catálogo',
        'pendente.dados': 'Dados',
        'pendente.tR': 'tR',
        'pendente.tM': 'tM',
        'pendente.procedimento': 'procedimento',
        'pendente.estimativa': 'estimativa',
        'pendente.frequencia': 'frequência',
        'pendente.conclusao': 'conclusão',
        'pendente.tecnologias': 'tecnologias',
        'pendente.membros': 'membros',
        'pendente.sigtap': 'tabela SIGTAP'
    },
    en: {
        'lens.valor': 'Computed value {0}',
        'lens.incompleto': ' (incomplete)',
        'lens.semDeclarado': ' · no declared value',
        'lens.igual': ' · same as declared',
        'lens.declaradoIncompleto': ' · declared {0} (compared only once the value is complete)',
        'lens.declarado': ' · declared {0} (difference {1})',
        'lens.tempos': 'tR {0} days · tM {1} days',
        'lens.apac': 'APAC: 2 competências — {0} to {1} days depending on the start day',
        'fix.digito': 'Fix the check digit: {0}',
        'fix.nomeSigtap': 'Use the SIGTAP table\'s name: "{0}"',
        'fix.valorCalculado': 'Declare the computed value {0}',
        'fix.valorAusente': 'Declare "valor {0}" (computed value)',
        'fix.contrarreferencia': 'Add "contrarreferencia aps" (transition to primary care)',
        'fix.conclusaoStub': 'Add "conclusao " (complete it with the procedure or group that concludes the OCI)',
        'fix.conclusao': 'Add "conclusao {0}"',
        'fix.removerDuplicado': 'Remove the duplicated component {0} (line {1}; the one on line {2} stays)',
        'fix.trIgualTm': 'Set tR equal to tM: {0} days',
        'format.recusado':
            'Not formatted: the file has errors the language cannot read (the first on line {1}). Fix them and format again: the formatter never touches a file it does not understand.',
        'fix.tmIgualTr': 'Set tM equal to tR: {0} days',
        'fix.voceQuisDizer': 'Did you mean {0}?',
        'fix.estimativaSigtap': "Use the SIGTAP table's estimate (VL_SA): {0}",
        'fix.todos': 'Fix the mechanical problems ({0} fix(es): check digits, SIGTAP names, declared value)',
        'ref.naoResolvida': 'There is no {0} named "{1}" in the catalogue',
        'kind.grupo': 'grupo (group)',
        'kind.tecnologia': 'tecnologia (technology)',
        'rename.invalido':
            '"{0}" is not a valid name: use unaccented letters, digits and _ (no spaces), starting with a letter or _',
        'rename.palavraChave': '"{0}" is a keyword of the language and cannot be a name',
        'rename.colisaoGrupo': 'There is already a grupo (group) named "{0}" in the catalogue',
        'rename.colisaoTecnologia': 'There is already a tecnologia (technology) named "{0}" in the catalogue',
        'rename.naoRenomeavel': 'Only grupos and tecnologias can be renamed (not codes or keywords)',
        'pendente.bloqueia': '{0} to be filled in: {1} — blocks publication',
        'pendente.lista': '{0} to be filled in: {1}',
        'pendente.mais': '+{0}',
        'pendente.grupo': 'Group {0}',
        'pendente.catalogo': 'Catalogue',
        'pendente.dados': 'Data',
        'pendente.tR': 'tR',
        'pendente.tM': 'tM',
        'pendente.procedimento': 'procedure',
        'pendente.estimativa': 'estimate',
        'pendente.frequencia': 'frequency',
        'pendente.conclusao': 'conclusion',
        'pendente.tecnologias': 'technologies',
        'pendente.membros': 'members',
        'pendente.sigtap': 'SIGTAP table'
    }
} as const;

export type MessageKey = keyof typeof MESSAGES.pt;

/** The text of `key` in `locale`, with {0}, {1}… replaced by `args`. */
export function t(locale: Locale, key: MessageKey, ...args: Array<string | number>): string {
    const template: string = MESSAGES[locale][key] ?? MESSAGES.pt[key];
    return template.replace(/\{(\d+)\}/g, (whole, i) =>
        args[Number(i)] !== undefined ? String(args[Number(i)]) : whole
    );
}

/** Every key has a text in every locale (checked by a test). */
export function missingMessages(): string[] {
    return (Object.keys(MESSAGES.pt) as MessageKey[]).filter(k => !(k in MESSAGES.en));
}
