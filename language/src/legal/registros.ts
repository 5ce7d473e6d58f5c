/**
 * Every rule of every registry, with its fundamento, for the legal map (./matriz.ts) and its tests:
 * the catalogue rules (../validation/rules.ts), the PAR/SE rules (../plano/rules.ts) and the
 * audit findings (../audit/achados.ts, fundamentos in ../audit/fundamentos.ts). A rule or
 * finding added to a registry shows up here by itself — without a fundamento, as a problem.
 */
import { FUNDAMENTO_ACHADOS } from '../audit/fundamentos.js';
import { DEFINICOES } from '../audit/achados.js';
import { RegrasPlanoPorCodigo } from '../plano/rules.js';
import { RulesByCode } from '../validation/rules.js';
import type { RegraRegistrada } from './fundamento.js';

/** The audit's findings are reported, never block: they count as warnings here. */
export function regrasRegistradas(
    codigosDeAchados: Iterable<string> = DEFINICOES.map(d => d.codigo)
): RegraRegistrada[] {
    const out: RegraRegistrada[] = [];
    for (const r of RulesByCode.values())
        out.push({ registro: 'catálogo', code: r.code, severity: r.severity, fundamento: r.fundamento });
    for (const r of RegrasPlanoPorCodigo.values())
        out.push({
            registro: r.code.startsWith('se/') ? 'SE' : 'PAR',
            code: r.code,
            severity: r.severity,
            fundamento: r.fundamento
        });
    const achados = new Set([...codigosDeAchados, ...Object.keys(FUNDAMENTO_ACHADOS)]);
    for (const code of achados)
        out.push({ registro: 'auditoria', code, severity: 'warning', fundamento: FUNDAMENTO_ACHADOS[code] });
    return out;
}
