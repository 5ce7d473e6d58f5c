/**
 * Volumes per OCI for the financial impact of a catalogue change: a CSV of `code,quantity`
 * lines. Codes with or without punctuation (`09.01.01.001-4` or `0901010014`, check digit
 * verified); quantity a non-negative integer; `,`, `;` or tab between the two; an optional
 * header line; blank lines ignored; UTF-8 with or without BOM, LF or CRLF. Every problem is
 * reported with its line number, all at once.
 */
import { hasValidCheckDigit, normalizeCodigo } from '../sigtap/codigo.js';

export class VolumesError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join('\n'));
    }
}

function fields(line: string): string[] {
    const separator = line.includes(';') ? ';' : line.includes('\t') ? '\t' : ',';
    return line.split(separator).map(f =>
        f
            .trim()
            .replace(/^"(.*)"$/, '$1')
            .trim()
    );
}

/** Parses the volumes CSV; `label` names the file in the messages. Throws VolumesError. */
export function parseVolumes(text: string, label = 'volumes'): Map<string, number> {
    const volumes = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const problems: string[] = [];
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    let first = true;
    lines.forEach((raw, index) => {
        const lineNo = index + 1;
        if (raw.trim() === '') return;
        const isFirst = first;
        first = false;
        const parts = fields(raw);
        const [code, quantity = ''] = parts; // quantity is read only once there are two fields
        // An optional header: a first line whose first field has letters and is no code.
        if (isFirst && /[A-Za-zÀ-ú]/.test(code ?? '') && !normalizeCodigo(code)) return;
        if (parts.length !== 2) {
            problems.push(
                `${label}:${lineNo}: esperados 2 campos (código,quantidade), há ${parts.length}: "${raw.trim()}"`
            );
            return;
        }
        const codigo = normalizeCodigo(code);
        if (!codigo) {
            problems.push(`${label}:${lineNo}: código de OCI inválido "${code}" (use 09.01.01.001-4 ou 0901010014)`);
            return;
        }
        if (!hasValidCheckDigit(codigo)) {
            problems.push(`${label}:${lineNo}: dígito verificador inválido no código "${code}"`);
            return;
        }
        if (!/^[0-9]+$/.test(quantity)) {
            problems.push(
                `${label}:${lineNo}: quantidade inválida "${quantity}" para ${code} (use um número inteiro não negativo, sem separador de milhar)`
            );
            return;
        }
        const previous = seenAt.get(codigo);
        if (previous !== undefined) {
            problems.push(`${label}:${lineNo}: o código ${code} já apareceu na linha ${previous}`);
            return;
        }
        const volume = Number(quantity);
        if (!Number.isSafeInteger(volume)) {
            problems.push(`${label}:${lineNo}: quantidade grande demais "${quantity}"`);
            return;
        }
        seenAt.set(codigo, lineNo);
        volumes.set(codigo, volume);
    });
    if (problems.length > 0) throw new VolumesError(problems);
    return volumes;
}
