/**
 * Finding and reading `oci-catalogo.yaml` on disk (the Node seam of ./workspace-config.ts): the
 * nearest file at or above a folder wins, as with .editorconfig or eslint's flat config. The file
 * is decoded like every source of the project (../workspace/source-encoding.ts): a file that is
 * not UTF-8 is a problem at its first bad byte, never misread.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeSource } from '../workspace/source-encoding.js';
import { configVocabulary } from './vocabulary.js';
import { CONFIG_FILE_NAME, parseWorkspaceConfig, type ParsedConfig } from './workspace-config.js';

export interface LoadedConfig extends ParsedConfig {
    /** Absolute path of the file read. */
    file: string;
}

/** The nearest `oci-catalogo.yaml` at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
    let current = path.resolve(dir);
    for (;;) {
        const candidate = path.join(current, CONFIG_FILE_NAME);
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
        const parent = path.dirname(current);
        if (parent === current) return undefined;
        current = parent;
    }
}

/** Reads and checks a configuration file; problems (encoding, YAML, keys) come back with their place. */
export function readConfigFile(file: string): LoadedConfig {
    const absolute = path.resolve(file);
    const decoded = decodeSource(fs.readFileSync(absolute));
    if (decoded.problem) {
        const p = decoded.problem;
        return {
            file: absolute,
            config: { regras: new Map() },
            problems: [
                {
                    line: p.line,
                    column: p.column,
                    message: `O arquivo não está em UTF-8: byte 0x${p.byte.toString(16).toUpperCase()} (provavelmente ${p.encoding}); salve-o em UTF-8`
                }
            ]
        };
    }
    return { file: absolute, ...parseWorkspaceConfig(decoded.text, configVocabulary()) };
}
