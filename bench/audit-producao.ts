/**
 * Dirty synthetic production at scale, streamed to one CSV file: the generator of the audit
 * benchmark (bench/audit-gen.ts) and of the 10-million-record soak test
 * (test/audit/audit-10m.soak.test.ts), one copy for both.
 *
 * The records are language/src/audit/synthetic.ts's (known violations, invalid values, OCI codes
 * out of place); after every N-th line a malformed copy of it is added — a missing column, an extra
 * column or an unpaired quote, in turn (linhaMalformada) — counted so a test can expect exactly
 * the lines DuckDB cannot read and the records the audit rejects.
 */
import * as fs from 'node:fs';
import type { CatalogoJson } from '../language/src/generator/catalogo-json.js';
import {
    CABECALHO_CSV,
    generateProducao,
    linhaCsv,
    linhaMalformada,
    type OpcoesSinteticas,
    type VerdadeSintetica
} from '../language/src/audit/synthetic.js';

export interface ProducaoSuja {
    verdade: VerdadeSintetica;
    /**
     * Malformed lines added: `ilegiveis` (a column too few or too many: DuckDB cannot read them) and
     * `aspas` (an unpaired quote: read, then rejected by the audit).
     */
    malformadas: { ilegiveis: number; aspas: number };
}

/**
 * Writes the production to `arquivo` (CSV with CABECALHO_CSV), with a malformed copy after every
 * `malformadasACada`-th line (0: none).
 */
export function writeProducaoSuja(
    catalogo: CatalogoJson,
    opcoes: OpcoesSinteticas,
    arquivo: string,
    malformadasACada: number
): ProducaoSuja {
    const fd = fs.openSync(arquivo, 'w');
    try {
        let buffer: string[] = [CABECALHO_CSV];
        let linhas = 0;
        const malformadas = { ilegiveis: 0, aspas: 0 };
        const verdade = generateProducao(catalogo, opcoes, r => {
            const linha = linhaCsv(r);
            buffer.push(linha);
            if (malformadasACada > 0 && ++linhas % malformadasACada === 0) {
                const tipo = (linhas / malformadasACada) % 3;
                buffer.push(linhaMalformada(linha, tipo));
                if (tipo === 2) malformadas.aspas++;
                else malformadas.ilegiveis++;
            }
            if (buffer.length >= 100_000) {
                fs.writeSync(fd, buffer.join('\n') + '\n');
                buffer = [];
            }
        });
        fs.writeSync(fd, buffer.join('\n') + (buffer.length ? '\n' : ''));
        return { verdade, malformadas };
    } finally {
        fs.closeSync(fd);
    }
}
