/** Debian's Chromium (or $OCI_CHROMIUM). */
export const CHROMIUM: string;
/** The flags every headless launch passes. */
export const CHROMIUM_ARGS: string[];
