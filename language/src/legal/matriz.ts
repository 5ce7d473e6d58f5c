/**
 * docs/legal/matriz.md: every dispositivo of ./dispositivos.ts with its status, the rules that
 * apply it (from the registries' fundamentos), the computations that implement it and their tests.
 * Pure: the caller gathers the registries and which test files name each rule code
 * (scripts/matriz.ts). test/legal/matriz.test.ts fails when the file is stale.
 */
import { COBERTURA, coberturaDe, type Cobertura, type Situacao } from './cobertura.js';
import { DISPOSITIVOS, NORMAS_LEGAIS, referenciaDispositivo, type Dispositivo, type NormaId } from './dispositivos.js';
import type { RegraRegistrada } from './fundamento.js';

export interface LinhaMatriz {
    dispositivo: Dispositivo;
    situacao: Situacao | undefined;
    /** Where the status comes from: the dispositivo's own entry, an enclosing one, or its rules. */
    fonte: 'própria' | 'herdada' | 'regras' | 'nenhuma';
    cobertura?: Cobertura;
    regras: RegraRegistrada[];
}

/** The status of each dispositivo: its own entry; else `implementado` when rules apply it; else the enclosing entry. */
export function linhasDaMatriz(regras: RegraRegistrada[]): LinhaMatriz[] {
    return DISPOSITIVOS.map(dispositivo => {
        const aplicam = regras.filter(r => r.fundamento?.dispositivos.includes(dispositivo.chave));
        const propria = COBERTURA[dispositivo.chave];
        // A dispositivo marked pending that rules now apply is at least partial: cobertura.ts needs a look.
        if (propria?.situacao === 'pendente' && aplicam.length) {
            const nota = `regras já aplicam este dispositivo (atualize language/src/legal/cobertura.ts); antes: ${propria.nota ?? ''}`;
            return {
                dispositivo,
                situacao: 'parcial',
                fonte: 'própria',
                cobertura: { ...propria, situacao: 'parcial', nota },
                regras: aplicam
            };
        }
        if (propria)
            return { dispositivo, situacao: propria.situacao, fonte: 'própria', cobertura: propria, regras: aplicam };
        if (aplicam.length) return { dispositivo, situacao: 'implementado', fonte: 'regras', regras: aplicam };
        const herdada = coberturaDe(dispositivo.chave);
        if (herdada)
            return {
                dispositivo,
                situacao: herdada.cobertura.situacao,
                fonte: 'herdada',
                cobertura: herdada.cobertura,
                regras: aplicam
            };
        return { dispositivo, situacao: undefined, fonte: 'nenhuma', regras: aplicam };
    });
}

const SITUACOES: Situacao[] = ['implementado', 'parcial', 'pendente', 'não verificável', 'não se aplica'];

function celula(texto: string): string {
    return texto.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function resumo(texto: string, max = 110): string {
    return texto.length <= max ? texto : `${texto.slice(0, max - 1).replace(/\s+\S*$/, '')} …`;
}

/** The Markdown of docs/legal/matriz.md. `testes`: rule code → test files that name it. */
export function matrizMarkdown(regras: RegraRegistrada[], testes: ReadonlyMap<string, string[]>): string {
    const linhas = linhasDaMatriz(regras);
    const out: string[] = [
        '# Matriz legal',
        '',
        '[← Verificações](../checks.md)',
        '',
        '<!-- Gerado por `npm run gen:matriz` (scripts/gen-matriz.mjs) a partir de language/src/legal/ e dos registros de regras; test/legal/matriz.test.ts falha se estiver desatualizado. Não edite à mão. -->',
        '',
        'Cada dispositivo (caput, inciso, parágrafo) da Portaria GM/MS nº 3.492/2024 e dos artigos da',
        'Portaria GM/MS nº 1.997/2023 sobre a Sala de Estabilização, com a situação no projeto, as regras',
        'que o aplicam (código e origem: `lei`, `tabela SIGTAP`, `convenção`, `ferramenta`), os cálculos',
        'que o implementam e os testes. O texto dos dispositivos é a cópia literal em',
        '`language/src/legal/` (conferida com `../shared/legal/`); a origem e os dispositivos de cada',
        'regra ficam ao lado da regra, no seu registro (`language/src/validation/rules.ts`,',
        '`language/src/plano/rules.ts`, `language/src/audit/fundamentos.ts`); a situação dos',
        'dispositivos sem regra, em `language/src/legal/cobertura.ts`.',
        '',
        'Situações: **implementado** (as regras ou cálculos o conferem); **parcial** (parte é conferida;',
        'a nota diz o que falta); **pendente** (verificável com os dados do projeto, ainda não feito);',
        '**não verificável** (faltam dados — a nota diz quais os tornariam verificáveis); **não se aplica**',
        '(nada num catálogo, plano ou arquivo de produção o satisfaz ou viola).',
        ''
    ];
    const normas: NormaId[] = ['3492', '1997'];
    out.push(
        '| norma | dispositivos | ' + SITUACOES.join(' | ') + ' |',
        '|---|---|' + SITUACOES.map(() => '---|').join('')
    );
    for (const norma of normas) {
        const daNorma = linhas.filter(l => l.dispositivo.norma === norma);
        out.push(
            `| ${NORMAS_LEGAIS[norma].citacao} | ${daNorma.length} | ${SITUACOES.map(s => daNorma.filter(l => l.situacao === s).length).join(' | ')} |`
        );
    }
    for (const norma of normas) {
        out.push(
            '',
            `## ${NORMAS_LEGAIS[norma].citacao}`,
            '',
            `${NORMAS_LEGAIS[norma].titulo} — ${NORMAS_LEGAIS[norma].publicacao}.`,
            ''
        );
        out.push(
            '| dispositivo | texto | situação | regras | cálculos | testes | observação |',
            '|---|---|---|---|---|---|---|'
        );
        for (const l of linhas.filter(x => x.dispositivo.norma === norma)) {
            const regrasTxt = l.regras.map(r => `\`${r.code}\` (${r.fundamento!.origem})`).join('<br>');
            const calculos = l.fonte === 'própria' ? (l.cobertura?.calculos ?? []) : [];
            const arquivosDeTeste = [
                ...new Set([...l.regras.flatMap(r => testes.get(r.code) ?? []), ...calculos.flatMap(c => c.testes)])
            ].sort();
            const nota =
                l.fonte === 'herdada'
                    ? `como ${referenciaDispositivo(coberturaDe(l.dispositivo.chave)!.chave)}`
                    : (l.cobertura?.nota ?? '');
            out.push(
                `| ${referenciaDispositivo(l.dispositivo.chave)} | ${celula(resumo(l.dispositivo.texto))} | ${l.situacao ?? '**sem situação**'} | ${regrasTxt} | ${calculos.map(c => `\`${c.modulo}\``).join('<br>')} | ${arquivosDeTeste.map(t => `\`${t}\``).join('<br>')} | ${celula(nota.trim())} |`
            );
        }
    }
    const semDispositivo = regras.filter(r => r.fundamento && r.fundamento.dispositivos.length === 0);
    out.push(
        '',
        '## Regras sem dispositivo',
        '',
        'Regras da tabela SIGTAP, convenções e regras da ferramenta que não aplicam um dispositivo das portarias:',
        ''
    );
    out.push('| registro | código | severidade | origem | motivo |', '|---|---|---|---|---|');
    for (const r of semDispositivo)
        out.push(
            `| ${r.registro} | \`${r.code}\` | ${r.severity} | ${r.fundamento!.origem} | ${celula(r.fundamento!.nota ?? '')} |`
        );
    out.push('');
    return out.join('\n');
}
