import { Money } from '../money.js';

/** User settings that change how the catalogue is checked (editor settings, CLI options). */
export class CatalogoSettings {
    /** Largest accepted difference between a declared and the computed OCI value. */
    toleranciaValor: Money = new Money(0);
    /** Absolute path of a SIGTAP zip to use instead of the one each header names (`reconcile`). */
    sigtapOverride?: string;
}
