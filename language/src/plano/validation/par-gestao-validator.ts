/**
 * Schedule (Portaria GM/MS nº 3.492/2024, art. 9 VI), each federated entity's responsibilities (art. 9
 * VIII) and approval (art. 8 III and §2; the CIB or the DF's Colegiado de Gestão).
 */
import { AstUtils, type ValidationAcceptor } from 'langium';
import {
    isPar,
    type Alocacao,
    type AprovacaoCib,
    type AprovacaoSaes,
    type Etapa,
    type Par,
    type Responsabilidade,
    type TermoAdesao
} from '../../generated/ast.js';
import { report } from '../../validation/report.js';
import { chaveData, isoData, parseDate } from '../datas.js';
import { municipiosDo, responsabilidadesDo, ufDo, vigenciaValida } from '../par-consultas.js';
import { RegrasPar } from '../rules.js';

const ASPECTOS: Array<[string[], string]> = [
    [['implementacao', 'implementação'], 'implementação'],
    [['monitoramento'], 'monitoramento'],
    [['avaliacao', 'avaliação'], 'avaliação']
];

function ehMunicipios(ente: string): boolean {
    return ente === 'municipios' || ente === 'municípios';
}

function ehMunicipio(ente: string): boolean {
    return ente === 'municipio' || ente === 'município';
}

export class ParGestaoValidator {
    checkEtapa(etapa: Etapa, accept: ValidationAcceptor): void {
        const inicio = parseDate(etapa.inicio);
        const fim = parseDate(etapa.fim);
        if (etapa.inicio && !inicio)
            report(accept, RegrasPar.dataInvalida, [etapa.inicio], { node: etapa, property: 'inicio' });
        if (etapa.fim && !fim) report(accept, RegrasPar.dataInvalida, [etapa.fim], { node: etapa, property: 'fim' });
        if (!inicio || !fim) return;
        if (chaveData(inicio) > chaveData(fim)) {
            report(accept, RegrasPar.etapaInvertida, [etapa.inicio, etapa.fim], { node: etapa });
            return;
        }
        const par = AstUtils.getContainerOfType(etapa, isPar);
        const v = par ? vigenciaValida(par) : undefined;
        if (v && (chaveData(inicio) < chaveData(v.inicio) || chaveData(fim) > chaveData(v.fim))) {
            report(
                accept,
                RegrasPar.etapaForaDaVigencia,
                [etapa.inicio, etapa.fim, isoData(v.inicio), isoData(v.fim)],
                { node: etapa }
            );
        }
    }

    /** Art. 9 VIII: the State and the municipalities (in the DF, the Distrito Federal) declare responsibilities. */
    checkPar(par: Par, accept: ValidationAcceptor): void {
        const resp = responsabilidadesDo(par);
        if (resp.length === 0) return; // par/responsabilidades-ausentes
        const ancora = { node: par, property: 'nome' };
        const df = ufDo(par)?.sigla === 'DF';
        const temEstado = resp.some(r => r.ente === 'estado');
        const temMunicipios = resp.some(r => ehMunicipios(r.ente) || ehMunicipio(r.ente));
        if (df) {
            if (!temEstado && !temMunicipios) report(accept, RegrasPar.enteAusente, ['do Estado'], ancora);
            return;
        }
        if (!temEstado) report(accept, RegrasPar.enteAusente, ['do Estado'], ancora);
        if (!temMunicipios) report(accept, RegrasPar.enteAusente, ['dos municípios'], ancora);
        // Art. 9 VIII, "cada um dos entes federados": without the municipalities' joint block, each municipality of the
        // territory has its own.
        else if (!resp.some(r => ehMunicipios(r.ente))) {
            const comResponsabilidade = new Set(
                resp.filter(r => ehMunicipio(r.ente) && r.municipio).map(r => r.municipio!)
            );
            const faltam = municipiosDo(par).filter(m => !comResponsabilidade.has(m.codigo));
            if (faltam.length > 0)
                report(
                    accept,
                    RegrasPar.municipioSemResponsabilidade,
                    [faltam.map(m => `${m.nome ?? m.codigo} ${m.codigo}`).join(', ')],
                    ancora
                );
        }
    }

    checkResponsabilidade(r: Responsabilidade, accept: ValidationAcceptor): void {
        const ente =
            r.ente === 'estado'
                ? 'do Estado'
                : ehMunicipios(r.ente)
                  ? 'dos municípios'
                  : ehMunicipio(r.ente)
                    ? `do município ${r.municipio ?? ''}`.trim()
                    : 'da União';
        const tem = new Set<string>((r.aspectos ?? []).filter(a => (a.texto ?? '').trim() !== '').map(a => a.tipo));
        const faltam = ASPECTOS.filter(([chaves]) => !chaves.some(c => tem.has(c))).map(([, nome]) => nome);
        if (faltam.length > 0)
            report(accept, RegrasPar.aspectoAusente, [ente, faltam.join(', ')], { node: r, property: 'ente' });
        this.municipioDoEnte(r, accept);
    }

    checkAprovacaoCib(cib: AprovacaoCib, accept: ValidationAcceptor): void {
        if (cib.data && !parseDate(cib.data))
            report(accept, RegrasPar.dataInvalida, [cib.data], { node: cib, property: 'data' });
        const par = AstUtils.getContainerOfType(cib, isPar);
        const uf = par ? ufDo(par)?.sigla : undefined;
        if (uf && (uf === 'DF') === (cib.orgao === 'cib'))
            report(accept, RegrasPar.orgaoIncompativel, [cib.orgao, uf], { node: cib, property: 'orgao' });
    }

    checkAlocacao(a: Alocacao, accept: ValidationAcceptor): void {
        this.municipioDoEnte(a, accept);
    }

    checkDataSimples(n: AprovacaoSaes | TermoAdesao, accept: ValidationAcceptor): void {
        if (n.data && !parseDate(n.data))
            report(accept, RegrasPar.dataInvalida, [n.data], { node: n, property: 'data' });
    }

    /** An entity "municipio" needs the IBGE code of a municipality of the territory. */
    private municipioDoEnte(n: Responsabilidade | Alocacao, accept: ValidationAcceptor): void {
        if (!ehMunicipio(n.ente)) return;
        if (!n.municipio) {
            report(accept, RegrasPar.enteSemCodigo, [], { node: n, property: 'ente' });
            return;
        }
        const par = AstUtils.getContainerOfType(n, isPar);
        if (par && !municipiosDo(par).some(m => m.codigo === n.municipio)) {
            report(accept, RegrasPar.enteForaDoTerritorio, [n.municipio], { node: n, property: 'municipio' });
        }
    }
}
