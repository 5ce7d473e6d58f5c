/**
 * The headless Chromium that the screenshots, the browser tests and the e2e harness drive through playwright-core:
 * Debian's /usr/bin/chromium (or $OCI_CHROMIUM; never `npx playwright install`) and the flags each launch passes:
 * no sandbox (root in a container), no GPU, no background traffic to Google's services, and no omnibox popup pages.
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
    '--disable-dev-shm-usage',
    // Each new browser context is a new window, whose omnibox popups (two WebUI pages of the browser's own interface)
    // Chromium 156 loads at once in their own renderer: ~1 s of CPU per context, on the machine's 2 cores at the same
    // time as the page under test (bench/README.md, "Playground no navegador"). A browser a user already has open
    // loaded them once, at its start.
    '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'
];
