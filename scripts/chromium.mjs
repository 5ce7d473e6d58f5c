/**
 * The headless Chromium that the screenshots, the browser tests and the e2e harness drive through playwright-core:
 * Debian's /usr/bin/chromium (or $OCI_CHROMIUM; never `npx playwright install`) and the flags each launch passes:
 * no sandbox (root in a container), no GPU, and no background traffic to Google's services.
 */
export const CHROMIUM = process.env.OCI_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage'
];
