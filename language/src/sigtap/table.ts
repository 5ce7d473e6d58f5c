/**
 * The loaded SIGTAP competência (implementation of SigtapTable). The big tables needed only for
 * the OCI view are read on the first `oci()` call, through `loadExtras`, then kept.
 */
import type { SigtapCompatibilidade, SigtapOci, SigtapProcedimento, SigtapTable } from './types.js';
import { normalizeCodigo } from './codigo.js';
import { keysWithPrefix } from './snapshot.js';

/** Group of the OCIs in SIGTAP. */
export const OCI_GRUPO = '09';

/**
 * Eagerly read content of a competência: Maps when read from the zip, maps decoded row by row on first use when
 * loaded from a snapshot (snapshot.ts).
 */
export interface SigtapCore {
    competencia: string;
    arquivo: string;
    sha256: string;
    procedimentos: ReadonlyMap<string, SigtapProcedimento>;
    cids: ReadonlyMap<string, string>;
    grupos: ReadonlyMap<string, string>;
    subgrupos: ReadonlyMap<string, string>;
    formasOrganizacao: ReadonlyMap<string, string>;
    detalhes: ReadonlyMap<string, string>;
    cidsPorProcedimento: ReadonlyMap<string, string[]>;
    registrosPorProcedimento: ReadonlyMap<string, string[]>;
    compativeisPorProcedimento: ReadonlyMap<string, SigtapCompatibilidade[]>;
}

/** Lazily read content, limited to the OCIs (group 09 rows). */
export interface OciExtras {
    descricoes: ReadonlyMap<string, string>;
    cbos: ReadonlyMap<string, string[]>;
    habilitacoes: ReadonlyMap<string, string[]>;
    atributos: ReadonlyMap<string, string[]>;
    regras: ReadonlyMap<string, string[]>;
}

const NONE: readonly never[] = Object.freeze([]);

export class LoadedSigtapTable implements SigtapTable {
    readonly competencia: string;
    readonly arquivo: string;
    readonly sha256: string;
    readonly procedimentos: ReadonlyMap<string, SigtapProcedimento>;
    readonly cids: ReadonlyMap<string, string>;
    readonly grupos: ReadonlyMap<string, string>;
    readonly subgrupos: ReadonlyMap<string, string>;
    readonly formasOrganizacao: ReadonlyMap<string, string>;
    readonly detalhes: ReadonlyMap<string, string>;

    private readonly core: SigtapCore;
    private readonly ocis = new Map<string, SigtapOci>();
    private ociList: readonly string[] | undefined;
    private loadExtras: (() => OciExtras) | undefined;
    private extras: OciExtras | undefined;
    private extrasError: unknown;

    constructor(core: SigtapCore, loadExtras: () => OciExtras) {
        this.core = core;
        this.competencia = core.competencia;
        this.arquivo = core.arquivo;
        this.sha256 = core.sha256;
        this.procedimentos = core.procedimentos;
        this.cids = core.cids;
        this.grupos = core.grupos;
        this.subgrupos = core.subgrupos;
        this.formasOrganizacao = core.formasOrganizacao;
        this.detalhes = core.detalhes;
        this.loadExtras = loadExtras;
    }

    cidsPorProcedimento(codigo: string): readonly string[] {
        return this.core.cidsPorProcedimento.get(key(codigo)) ?? NONE;
    }

    registrosPorProcedimento(codigo: string): readonly string[] {
        return this.core.registrosPorProcedimento.get(key(codigo)) ?? NONE;
    }

    compativeisPorProcedimento(codigo: string): readonly SigtapCompatibilidade[] {
        return this.core.compativeisPorProcedimento.get(key(codigo)) ?? NONE;
    }

    /** Listed on first use: the procedures' keys only (a snapshot's rows stay undecoded). */
    ociCodigos(): readonly string[] {
        this.ociList ??= Object.freeze(keysWithPrefix(this.procedimentos, OCI_GRUPO));
        return this.ociList;
    }

    /** The OCI view; built once per code. Throws SigtapError if the lazy tables cannot be read. */
    oci(codigo: string): SigtapOci | undefined {
        const code = key(codigo);
        const cached = this.ocis.get(code);
        if (cached) return cached;
        const procedimento = this.procedimentos.get(code);
        if (!procedimento || !code.startsWith(OCI_GRUPO)) return undefined;
        const extras = this.ociExtras();
        const subgrupo = code.slice(0, 4);
        const forma = code.slice(0, 6);
        const view: SigtapOci = {
            ...procedimento,
            subgrupo: { codigo: subgrupo, nome: this.subgrupos.get(subgrupo) ?? '' },
            formaOrganizacao: { codigo: forma, nome: this.formasOrganizacao.get(forma) ?? '' },
            descricao: extras.descricoes.get(code) ?? '',
            instrumentosRegistro: [...this.registrosPorProcedimento(code)],
            atributosComplementares: [...(extras.atributos.get(code) ?? NONE)],
            regrasCondicionadas: [...(extras.regras.get(code) ?? NONE)],
            habilitacoes: [...(extras.habilitacoes.get(code) ?? NONE)],
            cids: [...this.cidsPorProcedimento(code)],
            cbos: [...(extras.cbos.get(code) ?? NONE)],
            componentes: this.compativeisPorProcedimento(code).map(c => ({ ...c }))
        };
        this.ocis.set(code, view);
        return view;
    }

    private ociExtras(): OciExtras {
        if (this.extras) return this.extras;
        if (this.extrasError !== undefined) throw this.extrasError;
        try {
            this.extras = this.loadExtras!();
            return this.extras;
        } catch (error) {
            this.extrasError = error;
            throw error;
        } finally {
            // The loader holds the zip bytes; once used (or failed) it is no longer needed.
            this.loadExtras = undefined;
        }
    }
}

function key(codigo: string): string {
    return normalizeCodigo(codigo) ?? codigo;
}
