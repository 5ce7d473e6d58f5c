/** Registers the PAR's and the SE's families of validators (one per file) with each language's registry. */
import type { LangiumCoreServices, ValidationAcceptor, ValidationChecks } from 'langium';
import type { ExecucaoDoPar } from '../execucao-par.js';
import type { OpcoesPlano } from '../opcoes.js';
import type { OciCatalogoAstType, Par } from '../../generated/ast.js';
import { report } from '../../validation/report.js';
import { elencoDo, itens } from '../par-consultas.js';
import { RegrasPar } from '../rules.js';
import { isElenco } from '../../generated/ast.js';
import { ParConteudoValidator } from './par-conteudo-validator.js';
import { ParCronologiaValidator } from './par-cronologia-validator.js';
import { ParExecucaoValidator } from './par-execucao-validator.js';
import { ParFilasValidator } from './par-filas-validator.js';
import { ParGestaoValidator } from './par-gestao-validator.js';
import { ParIncentivoValidator } from './par-incentivo-validator.js';
import { ParTerritorioValidator } from './par-territorio-validator.js';
import { SeValidator } from './se-validator.js';

/** True when the workspace's index holds some OCI of the rol (.oci files loaded). */
export function rolCarregado(services: LangiumCoreServices): boolean {
    return services.shared.workspace.IndexManager.allElements('Oci').head() !== undefined;
}

export function registerParValidation(
    services: LangiumCoreServices & { plano: { Execucao: ExecucaoDoPar; Opcoes: OpcoesPlano } }
): void {
    const conteudo = new ParConteudoValidator();
    const territorio = new ParTerritorioValidator();
    const filas = new ParFilasValidator();
    const gestao = new ParGestaoValidator();
    const incentivo = new ParIncentivoValidator(services.plano.Opcoes);
    const cronologia = new ParCronologiaValidator();
    const execucao = new ParExecucaoValidator(services.plano.Execucao);
    const rol = (par: Par, accept: ValidationAcceptor) => {
        const [elenco] = itens(par, isElenco);
        if (elenco && elencoDo(par).length > 0 && !rolCarregado(services))
            report(accept, RegrasPar.rolIndisponivel, [], { node: elenco });
    };
    const checks: ValidationChecks<OciCatalogoAstType> = {
        Par: [
            (n, a) => conteudo.checkPar(n, a),
            (n, a) => territorio.checkPar(n, a),
            (n, a) => filas.checkPar(n, a),
            (n, a) => gestao.checkPar(n, a),
            (n, a) => incentivo.checkPar(n, a),
            (n, a) => execucao.checkPar(n, a),
            (n, a) => cronologia.checkPar(n, a),
            rol
        ],
        UfPar: (n, a) => conteudo.checkUf(n, a),
        VigenciaPar: (n, a) => conteudo.checkVigencia(n, a),
        MunicipioPar: (n, a) => territorio.checkMunicipio(n, a),
        OciElenco: (n, a) => filas.checkOciElenco(n, a),
        Fila: (n, a) => filas.checkFila(n, a),
        Meta: (n, a) => filas.checkMeta(n, a),
        Etapa: (n, a) => gestao.checkEtapa(n, a),
        Responsabilidade: (n, a) => gestao.checkResponsabilidade(n, a),
        AprovacaoCib: (n, a) => gestao.checkAprovacaoCib(n, a),
        Alocacao: (n, a) => gestao.checkAlocacao(n, a),
        AprovacaoSaes: (n, a) => gestao.checkDataSimples(n, a),
        TermoAdesao: (n, a) => gestao.checkDataSimples(n, a)
    };
    services.validation.ValidationRegistry.register(checks);
}

export function registerSeValidation(services: LangiumCoreServices): void {
    const se = new SeValidator();
    const checks: ValidationChecks<OciCatalogoAstType> = {
        HabilitacaoSe: (n, a) => se.checkHabilitacao(n, a),
        MunicipioSe: (n, a) => se.checkMunicipio(n, a),
        EstabelecimentoSe: (n, a) => se.checkEstabelecimento(n, a),
        DocumentoPopulacao: (n, a) => se.checkPopulacao(n, a),
        DocumentoSamu: (n, a) => se.checkSamu(n, a)
    };
    services.validation.ValidationRegistry.register(checks);
}
