/** Textos (Markdown) do hover e do code lens do PAR e da SE, feitos dos resumos de language/src/plano/resumo.ts. */
import { FONTES_LEGAIS, TEXTO_LEGAL, referencia } from '../../../language/src/index.js';
import { formatInteger } from '../../../language/src/index.js';
import { RegrasPlanoPorCodigo } from '../../../language/src/index.js';
import type { Par } from '../../../language/src/index.js';
import type { ExecucaoDoPar } from '../../../language/src/index.js';
import {
    descreverExecutada,
    opcoesDaExecucao,
    resumoPar,
    type ResumoIncentivoPar,
    type ResumoPar,
    type ResumoSe
} from '../../../language/src/index.js';

/**
 * O resumo do PAR com a produção executada do arquivo que ele nomeia (ou do --execucao), quando há;
 * o arquivo é lido uma vez e guardado (ExecucaoDoPar), não a cada hover ou code lens.
 */
export function resumoComExecucao(par: Par, arquivo: string, execucao: ExecucaoDoPar | undefined): ResumoPar {
    return resumoPar(par, { arquivo, ...opcoesDaExecucao(execucao?.doPar(par)) });
}

/** Caracteres especiais do Markdown (o texto vem do usuário ou da lei; nenhum HTML é produzido). */
export function md(texto: string | undefined): string {
    return (texto ?? '').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function incentivoMarkdown(i: ResumoIncentivoPar): string {
    const linhas = [`**Incentivo do PAR** (Portaria GM/MS nº 3.492/2024, art. 15)`, ''];
    linhas.push(
        `População de abrangência: ${i.populacao !== null ? `${formatInteger(i.populacao)} habitantes` : 'indeterminada'}`
    );
    if (!i.total || i.parcelas.length === 0) {
        linhas.push(
            '',
            `Não calculado: ${md(i.lacuna?.descricao ?? '')} (${md(i.lacuna?.dispositivo ?? '')}, \`${i.lacuna?.codigo ?? ''}\`).`
        );
        return linhas.join('\n');
    }
    const [p1, p2] = i.parcelas;
    linhas.push('', `| | valor | condição | situação |`, '|---|---|---|---|');
    linhas.push(`| **Total** (${i.faixa!.dispositivo}: ${md(i.faixa!.descricao)}) | ${i.total.texto} | | |`);
    linhas.push(
        `| 1ª parcela (${p1.dispositivo}) | ${p1.valor.texto} | ${p1.condicao} | ${p1.situacao === 'condicoes-cumpridas' ? 'condições cumpridas' : `pendente: ${md(p1.pendencias.join('; '))}`} |`
    );
    const fonte = p2.fonteDaExecucao;
    const semDados = fonte?.problema
        ? `sem dados de execução: o arquivo ${md(fonte.arquivo)} não foi usado (${md(fonte.problema)})`
        : p2.execucao
          ? 'produção executada indeterminada (OCI concluída sem valor no rol)'
          : `executar ${p2.limiar?.texto ?? '—'} (50% de ${p2.producaoPrevista?.valor.texto ?? '—'}); nomeie a execução no PAR (\`execucao "auditoria.json"\`) ou confira com \`oci-catalogo plano --execucao\``;
    const executada = descreverExecutada(p2);
    const situacao2: Record<typeof p2.situacao, string> = {
        'sem-producao-prevista': 'sem produção prevista no PAR',
        'sem-dados-de-execucao': semDados,
        'condicao-cumprida': `**condição cumprida**: executada ${executada}`,
        'condicao-nao-cumprida': `**condição não cumprida**: executada ${executada}; faltam ${p2.falta?.texto}`,
        'condicao-indeterminada': `**condição indeterminada**: executada ${executada} — a auditoria não diz quantas OCI foram concluídas adequadamente`
    };
    linhas.push(`| 2ª parcela (${p2.dispositivo}) | ${p2.valor.texto} | ${p2.condicao} | ${situacao2[p2.situacao]} |`);
    if (fonte && !fonte.problema)
        linhas.push('', `Produção executada: ${descreverFonte(fonte.arquivo, fonte.origem, p2.execucao?.origem)}`);
    if (i.alocacao.itens.length > 0) {
        linhas.push(
            '',
            `Alocação por ente na resolução da CIB (art. 15 §3): ${i.alocacao.total?.texto ?? '—'}${i.alocacao.confere === false ? ' — **difere do incentivo**' : ''}`
        );
    }
    linhas.push('', `_${md(i.observacao)}_`);
    return linhas.join('\n');
}

/** "execucao.json (nomeado no PAR; auditoria: OCI concluídas × valor no rol)". */
export function descreverFonte(
    arquivo: string,
    origem: 'par' | 'linha-de-comando',
    tipo: 'informada' | 'auditoria' | undefined
): string {
    const de = origem === 'par' ? 'nomeado no PAR' : '--execucao';
    const como =
        tipo === 'auditoria'
            ? '; auditoria: OCI do elenco concluídas × valor no rol'
            : tipo === 'informada'
              ? '; valor informado'
              : '';
    return `${md(arquivo)} (${de}${como})`;
}

export function parMarkdown(r: ResumoPar): string {
    const faltam = r.conteudoMinimo.filter(c => !c.completo);
    const linhas = [`**${md(r.nome)}** — Plano de Ação Regional`, ''];
    linhas.push(
        `Conteúdo mínimo (arts. 8 e 9): ${r.conteudoMinimo.length - faltam.length} de ${r.conteudoMinimo.length} itens completos`
    );
    for (const f of faltam)
        linhas.push(
            `- ${f.presente ? 'incompleto' : 'falta'}: ${md(f.descricao)} (${f.dispositivo}${f.presente && f.pendencia ? `: ${md(f.pendencia)}` : ''})`
        );
    linhas.push('', incentivoMarkdown(r.incentivo));
    return linhas.join('\n');
}

const AMAZONIA: Record<string, string> = {
    uf: 'na Amazônia Legal (toda a UF; LC nº 124/2007, art. 2º)',
    'ma-oeste': 'na Amazônia Legal (Maranhão, a oeste de 44° W)',
    'ma-parcial':
        'na Amazônia Legal (Maranhão, em parte a oeste de 44° W; a lista do IBGE inclui os municípios parcialmente integrados)',
    'ma-leste': 'fora da Amazônia Legal (Maranhão, a leste de 44° W)',
    fora: 'fora da Amazônia Legal',
    desconhecida: 'sem classificação (código fora da base do projeto)'
};

export function amazoniaMarkdown(situacao: string, incerta: boolean): string {
    return (
        `Município ${AMAZONIA[situacao] ?? situacao}` +
        (incerta
            ? '. **Classificação incerta**: o município fica junto ao meridiano de 44° W e a base do projeto usa polígonos simplificados — confira na lista do IBGE.'
            : '.')
    );
}

export function seMarkdown(r: ResumoSe): string {
    const linhas = [
        `**${md(r.nome)}** — Sala de Estabilização (art. 878-A da PRC GM/MS nº 6/2017; Portaria GM/MS nº 1.997/2023)`,
        ''
    ];
    if (r.municipio)
        linhas.push(
            `${md(r.municipio.nomeIbge ?? r.municipio.nome ?? r.municipio.codigo)} (${r.municipio.uf ?? '?'}): ${amazoniaMarkdown(r.amazoniaLegal.situacao, r.amazoniaLegal.incerta)}`
        );
    linhas.push(
        '',
        r.incentivo.mensal
            ? `Incentivo mensal (${r.incentivo.dispositivo}): **${r.incentivo.mensal.texto}** — ${r.incentivo.anual!.texto} em 12 meses`
            : 'Incentivo mensal: não calculado (município ausente ou sem classificação)'
    );
    linhas.push('', '| inciso do §4 | documento | situação |', '|---|---|---|');
    for (const d of r.documentos)
        linhas.push(
            `| ${d.inciso} | ${md(d.documento)} | ${d.situacao === 'presente' ? 'presente' : d.situacao === 'ausente' ? '**ausente**' : '**não declarado**'} |`
        );
    linhas.push(
        '',
        '_A suspensão por três meses sem registro no SIA/SUS (§10) é conferida com `oci-catalogo plano --producao`._'
    );
    return linhas.join('\n');
}

/** O texto dos dispositivos que uma regra aplica, citado, com a publicação. */
export function legalMarkdown(codigo: string): string | undefined {
    const regra = RegrasPlanoPorCodigo.get(codigo);
    if (!regra) return undefined;
    const linhas = [`**Base legal:** ${md(regra.basis)} (\`${regra.code}\`)`];
    const normas = new Set<string>();
    for (const chave of regra.dispositivos) {
        const [norma = ''] = chave.split('/');
        normas.add(norma);
        linhas.push(
            '',
            `*${norma === '3492' ? 'Portaria GM/MS nº 3.492/2024' : 'PRC GM/MS nº 6/2017 (Portaria GM/MS nº 1.997/2023)'} — ${referencia(chave)}*`,
            '',
            `> ${md(TEXTO_LEGAL[chave])}`
        );
    }
    for (const n of normas) {
        const fonte = FONTES_LEGAIS[n as keyof typeof FONTES_LEGAIS];
        linhas.push('', `_Fonte: ${md(fonte.titulo)} — ${md(fonte.publicacao)}._`);
    }
    return linhas.join('\n');
}

/** O texto de um dispositivo, citado (hover de um documento do §4, p.ex.). */
export function dispositivoMarkdown(chave: string): string | undefined {
    const texto = TEXTO_LEGAL[chave];
    return texto ? `*${referencia(chave)}*\n\n> ${md(texto)}` : undefined;
}
