import { Money } from '../money.js';
import { sigtapExternoPeloAmbiente } from './sigtap-path.js';

/** Language of the messages: Portuguese (the catalogue's language) or English (editor in English). */
export type Locale = 'pt' | 'en';

/** User settings that change how the catalogue is checked (editor settings, CLI options). */
export class CatalogoSettings {
    /** Largest accepted difference between a declared and the computed OCI value. */
    toleranciaValor: Money = new Money(0);
    /** Absolute path of a SIGTAP zip to use instead of the one each header names (`reconcile`). */
    sigtapOverride?: string;
    /**
     * Folders a header's `sigtap` zip must be in (symbolic links resolved): the CLI sets the
     * current folder and the catalogue folders of its command line, the language server the
     * workspace folders. Empty (library use, tests): no restriction. See sigtap-path.ts.
     */
    workspaceRoots: string[] = [];
    /**
     * Accept a `sigtap` zip outside `workspaceRoots` (CLI `--sigtap-externo`, editor
     * `oci.sigtap.permitirExterno`); `OCI_SIGTAP_EXTERNO=1` in the environment turns it on.
     */
    permitirSigtapExterno: boolean = sigtapExternoPeloAmbiente();
    /** SIGTAP zips outside `workspaceRoots` that may be read all the same (`sigtap.externos` of oci-catalogo.yaml). */
    sigtapExternos: string[] = [];
    /**
     * Language of the diagnostics' messages (the codes and the legal basis cited stay the same):
     * the language server sets 'en' when the editor's display language is English.
     */
    locale: Locale = 'pt';
}
