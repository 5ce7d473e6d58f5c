/** Registers every validator family with Langium's validation registry. */
import type { ValidationChecks } from 'langium';
import type { OciCatalogoAstType } from '../generated/ast.js';
import type { OciServices } from '../oci-module.js';
import { ApacValidadeValidator } from './apac-validade-validator.js';
import { CatalogoValidator } from './catalogo-validator.js';
import { CodigoValidator } from './codigo-validator.js';
import { ComposicaoValidator } from './composicao-validator.js';
import { ContrarreferenciaValidator } from './contrarreferencia-validator.js';
import { OciIdentidadeValidator } from './oci-identidade-validator.js';
import { ProcedimentoValidator } from './procedimento-validator.js';
import { PublicoValidator } from './publico-validator.js';
import { RemotoValidator } from './remoto-validator.js';
import { SigtapConciliacaoValidator } from './sigtap-conciliacao-validator.js';
import { TempoValidator } from './tempo-validator.js';
import { ValorValidator } from './valor-validator.js';

export function registerValidationChecks(services: OciServices): void {
    const registry = services.validation.ValidationRegistry;
    const codigo = new CodigoValidator();
    const catalogo = new CatalogoValidator(services);
    const identidade = new OciIdentidadeValidator(services);
    const composicao = new ComposicaoValidator();
    const tempo = new TempoValidator();
    const apacValidade = new ApacValidadeValidator(services);
    const remoto = new RemotoValidator(services);
    const contrarreferencia = new ContrarreferenciaValidator();
    const procedimento = new ProcedimentoValidator(services);
    const valor = new ValorValidator(services);
    const publico = new PublicoValidator();
    const conciliacao = new SigtapConciliacaoValidator(services);

    const checks: ValidationChecks<OciCatalogoAstType> = {
        Documento: (n, a) => catalogo.checkDocumento(n, a),
        Catalogo: (n, a) => catalogo.checkCatalogo(n, a),
        Oci: [
            (n, a) => codigo.checkOci(n, a),
            (n, a) => identidade.checkOci(n, a),
            (n, a) => composicao.checkOci(n, a),
            (n, a) => tempo.checkOci(n, a),
            (n, a) => apacValidade.checkOci(n, a),
            (n, a) => remoto.checkOci(n, a),
            (n, a) => contrarreferencia.checkOci(n, a),
            (n, a) => procedimento.checkOci(n, a),
            (n, a) => valor.checkOci(n, a),
            (n, a) => conciliacao.checkOci(n, a)
        ],
        ProcedimentoRef: [
            (n, a) => codigo.checkProcedimentoRef(n, a),
            (n, a) => procedimento.checkProcedimentoRef(n, a)
        ],
        MembroGrupo: [(n, a) => codigo.checkMembroGrupo(n, a), (n, a) => procedimento.checkMembroGrupo(n, a)],
        Grupo: (n, a) => composicao.checkGrupo(n, a),
        Publico: (n, a) => publico.checkPublico(n, a),
        Componente: [(n, a) => composicao.checkComponente(n, a), (n, a) => valor.checkComponente(n, a)],
        ValorDeclarado: (n, a) => valor.checkValorDeclarado(n, a),
        CustoFixo: (n, a) => valor.checkCustoFixo(n, a),
        CustoPercentual: (n, a) => valor.checkCustoPercentual(n, a),
        UsoTecnologias: (n, a) => valor.checkUsoTecnologias(n, a)
    };
    registry.register(checks);
}
