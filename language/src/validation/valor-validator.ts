/** Money literals and the OCI value (Portaria GM/MS 3.492/2024 art. 6 §2 V and §3). */
import { AstUtils, type ValidationAcceptor } from 'langium';
import {
    isUsoTecnologias,
    type Componente,
    type CustoFixo,
    type CustoPercentual,
    type Oci,
    type UsoTecnologia,
    type UsoTecnologias,
    type ValorDeclarado
} from '../generated/ast.js';
import { formatMoney, parseMoney, parsePercent } from '../money.js';
import type { OciServices } from '../oci-module.js';
import { valorOf } from '../oci-queries.js';
import { computeValue, totalCentavos, VALOR_MAXIMO } from '../value/engine.js';
import type { CatalogoContextProvider } from '../workspace/catalogo-context.js';
import type { CatalogoSettings } from '../workspace/settings.js';
import { report } from './report.js';
import { Rules } from './rules.js';

export class ValorValidator {
    private readonly context: CatalogoContextProvider;
    private readonly settings: CatalogoSettings;

    constructor(services: OciServices) {
        this.context = services.catalogo.Context;
        this.settings = services.catalogo.Settings;
    }

    checkComponente(node: Componente, accept: ValidationAcceptor): void {
        if (node.estimativa !== undefined) this.checkLiteral(node, 'estimativa', node.estimativa, accept);
    }

    checkValorDeclarado(node: ValorDeclarado, accept: ValidationAcceptor): void {
        this.checkLiteral(node, 'valor', node.valor, accept);
    }

    checkCustoFixo(node: CustoFixo, accept: ValidationAcceptor): void {
        this.checkLiteral(node, 'valor', node.valor, accept);
    }

    checkCustoPercentual(node: CustoPercentual, accept: ValidationAcceptor): void {
        this.checkPercent(node, node.percentual, accept);
    }

    private checkPercent(node: CustoPercentual | UsoTecnologia, text: string, accept: ValidationAcceptor): void {
        const p = parsePercent(text);
        if (!p || p.lte(0) || p.gt(1))
            report(accept, Rules.percentualInvalido, [text], { node, property: 'percentual' });
    }

    checkUsoTecnologias(node: UsoTecnologias, accept: ValidationAcceptor): void {
        if (node.pendente) {
            report(accept, Rules.aPreencher, ['Tecnologias de cuidado (art. 6 §3)'], {
                node,
                property: 'pendente',
                data: { campo: 'tecnologias' }
            });
        }
        const seen = new Set<string>();
        node.usos.forEach(uso => {
            if (uso.valor !== undefined) this.checkLiteral(uso, 'valor', uso.valor, accept);
            if (uso.percentual !== undefined) this.checkPercent(uso, uso.percentual, accept);
            const nome = uso.tecnologia?.$refText;
            if (!nome) return;
            if (seen.has(nome))
                report(accept, Rules.tecnologiaDuplicada, [nome], { node: uso, property: 'tecnologia' });
            seen.add(nome);
        });
    }

    checkOci(node: Oci, accept: ValidationAcceptor): void {
        const context = this.context.forDocument(AstUtils.getDocument(node));
        const table = context.table;
        if (this.matchesDeclared(node, totalCentavos(node, table))) {
            // The computed value equals the declared one and nothing about it is reported (totalCentavos).
            this.checkSemTecnologia(node, accept);
            return;
        }
        const breakdown = computeValue(node, table);
        // Said once elsewhere, not once per line: a table the header names but that was refused
        // (its one error is on the header), and an estimate written but malformed (valor/formato).
        const tableRefused =
            !table &&
            (context.sigtapPath !== undefined ||
                context.sigtapProblem !== undefined ||
                context.sigtapFora !== undefined);
        for (const missing of breakdown.faltantes.filter(
            m => !m.pendente && !tableRefused && (m.node as Componente).estimativa === undefined
        )) {
            report(accept, Rules.valorEstimativaIndisponivel, [missing.alvo], {
                node: missing.node as Componente,
                property: 'alvo'
            });
        }
        this.checkSemTecnologia(node, accept);
        for (const line of breakdown.procedimentos.filter(
            l => l.origemEstimativa === 'sigtap' && l.estimativa.isZero()
        )) {
            report(accept, Rules.valorEstimativaZero, [line.alvo], { node: line.node, property: 'alvo' });
        }
        if (breakdown.total.gt(VALOR_MAXIMO)) {
            report(accept, Rules.valorLimite, [formatMoney(breakdown.total), formatMoney(VALOR_MAXIMO)], {
                node,
                property: 'codigo'
            });
            return;
        }
        if (breakdown.faltantes.length > 0) return;
        const declarado = valorOf(node);
        if (!declarado) {
            const calculado = formatMoney(breakdown.total);
            report(accept, Rules.valorAusente, [calculado], { node, property: 'codigo', data: { calculado } });
            return;
        }
        const parsed = parseMoney(declarado.valor);
        if (!parsed) return;
        const tolerancia = this.settings.toleranciaValor;
        // A declared value equal to the computed one (most OCIs) differs by zero: within any tolerance of zero or more.
        if (parsed.value.eq(breakdown.total) && !tolerancia.isNegative()) return;
        const diferenca = parsed.value.minus(breakdown.total);
        if (diferenca.abs().gt(tolerancia)) {
            const calculado = formatMoney(breakdown.total);
            report(accept, Rules.valorDivergente, [formatMoney(parsed.value), calculado, formatMoney(diferenca)], {
                node: declarado,
                property: 'valor',
                data: { calculado }
            });
        }
    }

    /** Art. 6 §3 adds the technologies' costs to the estimates: an OCI that declares none is warned. */
    private checkSemTecnologia(node: Oci, accept: ValidationAcceptor): void {
        if (!node.itens.some(isUsoTecnologias)) report(accept, Rules.semTecnologia, [], { node, property: 'codigo' });
    }

    /** Whether the declared value is `total` centavos, where a difference of zero is within the tolerance. */
    private matchesDeclared(node: Oci, total: number | undefined): boolean {
        if (total === undefined || this.settings.toleranciaValor.isNegative()) return false;
        const declarado = valorOf(node);
        return declarado !== undefined && parseMoney(declarado.valor)?.centavos === total;
    }

    private checkLiteral<N extends Componente | ValorDeclarado | CustoFixo | UsoTecnologia>(
        node: N,
        property: 'estimativa' | 'valor',
        text: string | undefined,
        accept: ValidationAcceptor
    ): void {
        // No amount at all (`valor` then `}`): the syntax error says what is missing.
        if (text === undefined) return;
        const parsed = parseMoney(text);
        if (!parsed) {
            report(accept, Rules.valorFormato, [text], { node, property });
        } else if (parsed.decimals > 2) {
            report(accept, Rules.valorCasasDecimais, [text], { node, property });
        } else if (parsed.value.gt(VALOR_MAXIMO)) {
            report(accept, Rules.valorLimite, [formatMoney(parsed.value), formatMoney(VALOR_MAXIMO)], {
                node,
                property
            });
        }
    }
}
