/**
 * Writes the audit's outputs into a folder:
 *   auditoria.json                       for systems (aggregates, no person identifier)
 *   auditoria.html                       for people (aggregates and charts)
 *   episodios-sinalizados.csv            one flagged episode a line, CPF/CNS masked
 *   cobranca-dupla.csv                   one suspected double-billing record a line, masked
 *   rejeitados.csv                       one rejected line/record a line: file, line, reason (person masked)
 *   restrito/episodios-identificados.csv only when asked: the flagged episodes with the full CPF/CNS
 * CSVs as the project's catalogo.csv: `;`, decimal comma, UTF-8 with BOM, CRLF. Every file is
 * written to a temporary name and renamed (a reader never sees half a file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { formatCodigo } from '../sigtap/codigo.js';
import {
    COLUNAS_COBRANCA,
    COLUNAS_REJEITADOS,
    COLUNAS_SINALIZADOS,
    serializeAuditoria,
    type Auditoria
} from './auditoria.js';
import { auditoriaHtml } from './html.js';
import type { Linha } from './motor.js';

export const ARQUIVOS = {
    json: 'auditoria.json',
    html: 'auditoria.html',
    sinalizados: 'episodios-sinalizados.csv',
    cobranca: 'cobranca-dupla.csv',
    rejeitados: 'rejeitados.csv',
    identificados: path.join('restrito', 'episodios-identificados.csv')
} as const;

const CODIGOS = new Set(['oci_codigo', 'procedimento', 'principal_fora']);
const DINHEIRO = new Set(['cobranca_dupla_valor', 'estimativa', 'valor']);

function celula(coluna: string, valor: unknown): string {
    if (valor === null || valor === undefined) return '';
    let texto = String(valor);
    if (CODIGOS.has(coluna) && /^[0-9]{10}$/.test(texto)) texto = formatCodigo(texto);
    else if (DINHEIRO.has(coluna)) texto = texto.replace('.', ',');
    return /[;"\n\r]/.test(texto) ? `"${texto.replace(/"/g, '""')}"` : texto;
}

/** Streams rows into a CSV file atomically; returns the number of rows. */
export async function writeCsv(
    alvo: string,
    colunas: readonly string[],
    partes: AsyncIterable<Linha[]>
): Promise<number> {
    fs.mkdirSync(path.dirname(alvo), { recursive: true });
    const temporario = path.join(
        path.dirname(alvo),
        `.${path.basename(alvo)}.${process.pid}.${Date.now().toString(36)}.tmp`
    );
    const fd = fs.openSync(temporario, 'w');
    let linhas = 0;
    try {
        fs.writeSync(fd, '\uFEFF' + colunas.join(';') + '\r\n');
        for await (const parte of partes) {
            fs.writeSync(
                fd,
                parte.map(l => colunas.map(c => celula(c, l[c])).join(';')).join('\r\n') + (parte.length ? '\r\n' : '')
            );
            linhas += parte.length;
        }
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(temporario, alvo);
    } catch (error) {
        try {
            fs.closeSync(fd);
        } catch {
            /* already closed */
        }
        fs.rmSync(temporario, { force: true });
        throw error;
    }
    return linhas;
}

export interface SaidasEscritas {
    arquivos: string[];
    sinalizados: number;
    cobrancas: number;
    rejeitados: number;
}

export async function writeSaidas(
    auditoria: Auditoria,
    pasta: string,
    opcoes: { identificados?: boolean } = {}
): Promise<SaidasEscritas> {
    const arquivos: string[] = [];
    const alvo = (nome: string) => {
        const caminho = path.resolve(pasta, nome);
        arquivos.push(caminho);
        return caminho;
    };
    const sinalizados = await writeCsv(
        alvo(ARQUIVOS.sinalizados),
        COLUNAS_SINALIZADOS,
        auditoria.episodiosSinalizados(false)
    );
    const cobrancas = await writeCsv(alvo(ARQUIVOS.cobranca), COLUNAS_COBRANCA, auditoria.cobrancasDuplas());
    const rejeitados = await writeCsv(alvo(ARQUIVOS.rejeitados), COLUNAS_REJEITADOS, auditoria.rejeitados());
    if (opcoes.identificados) {
        await writeCsv(
            alvo(ARQUIVOS.identificados),
            ['pessoa', ...COLUNAS_SINALIZADOS.filter(c => c !== 'pessoa_mascarada')],
            auditoria.episodiosSinalizados(true)
        );
    }
    writeFileAtomic(alvo(ARQUIVOS.html), auditoriaHtml(auditoria.json));
    // The JSON goes last: systems watch it, and it only changes once the others are in place.
    writeFileAtomic(alvo(ARQUIVOS.json), serializeAuditoria(auditoria.json));
    return { arquivos, sinalizados, cobrancas, rejeitados };
}
