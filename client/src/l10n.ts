/**
 * The extension's own strings: written in Portuguese (the source strings of `t(…)`, which are
 * also the keys of l10n/bundle.l10n.en.json), shown in English when VS Code's display language
 * is English — or when the setting `oci.idioma` says so.
 *
 * VS Code never loads an extension's `bundle.l10n.en.json` itself: for English (its default
 * language) `vscode.l10n.t` returns the source string untranslated. Since our source strings are
 * Portuguese, this module reads the English bundle itself; for any other display language it
 * defers to `vscode.l10n.t` (a `bundle.l10n.<language>.json` would be used; without one, the
 * Portuguese source is shown).
 */
import * as vscode from 'vscode';

let english: Record<string, string> = {};

/**
 * Loads l10n/bundle.l10n.en.json from the extension's folder (once, at activation) through
 * `vscode.workspace.fs`, so the desktop and the web extension host read it the same way.
 */
export async function loadEnglishBundle(extensionUri: vscode.Uri): Promise<void> {
    try {
        const bytes = await vscode.workspace.fs.readFile(
            vscode.Uri.joinPath(extensionUri, 'l10n', 'bundle.l10n.en.json')
        );
        english = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>;
    } catch {
        english = {};
    }
}

/** 'en' or 'pt' as the server picks it (see server/src/i18n.ts localeFor). */
export function currentLocale(): 'pt' | 'en' {
    const idioma = vscode.workspace.getConfiguration('oci').get<string>('idioma', 'auto');
    if (idioma === 'pt' || idioma === 'en') return idioma;
    return /^en\b/i.test(vscode.env.language) ? 'en' : 'pt';
}

function format(template: string, args: Array<string | number | boolean>): string {
    return template.replace(/\{(\d+)\}/g, (whole, i) =>
        args[Number(i)] !== undefined ? String(args[Number(i)]) : whole
    );
}

/** The text of a Portuguese source string in the extension's language, with {0}, {1}… replaced. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
    const idioma = vscode.workspace.getConfiguration('oci').get<string>('idioma', 'auto');
    if (currentLocale() === 'en') return format(english[message] ?? message, args);
    if (idioma === 'pt') return format(message, args);
    return vscode.l10n.t(message, ...args);
}
