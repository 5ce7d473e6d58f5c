/**
 * The annex (anexo.ts) as a Word document (DOCX, via the `docx` library): A4 portrait, Times New
 * Roman, one two-column table of attributes and one table of procedures per OCI, a page number
 * in the footer — a file the legal team opens and edits in Word or LibreOffice.
 */
import {
    AlignmentType,
    Document,
    Footer,
    HeadingLevel,
    Packer,
    PageNumber,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableRow,
    TextRun,
    WidthType
} from 'docx';
import type { Anexo, AnexoOci } from './anexo.js';

const FONTE = 'Times New Roman';
const CINZA = 'D9D9D9';

function texto(value: string, options: { bold?: boolean; size?: number } = {}): Paragraph {
    return new Paragraph({
        spacing: { before: 20, after: 20 },
        children: [new TextRun({ text: value, bold: options.bold, font: FONTE, size: options.size ?? 18 })]
    });
}

function celula(
    value: string,
    options: { bold?: boolean; header?: boolean; width?: number; span?: number } = {}
): TableCell {
    return new TableCell({
        children: [texto(value, { bold: options.bold || options.header })],
        width: options.width ? { size: options.width, type: WidthType.PERCENTAGE } : undefined,
        columnSpan: options.span,
        shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: CINZA } : undefined
    });
}

function tabela(header: string[], widths: number[], rows: string[][]): Table {
    return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
            new TableRow({
                tableHeader: true,
                children: header.map((h, i) => celula(h, { header: true, width: widths[i] }))
            }),
            ...rows.map(r => new TableRow({ children: r.map((v, i) => celula(v, { width: widths[i] })) }))
        ]
    });
}

function ociBlocos(oci: AnexoOci): Array<Paragraph | Table> {
    const atributos = new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: oci.atributos.map(
            ([rotulo, valor]) =>
                new TableRow({ children: [celula(rotulo, { bold: true, width: 28 }), celula(valor, { width: 72 })] })
        )
    });
    return [
        new Paragraph({
            heading: HeadingLevel.HEADING_2,
            spacing: { before: 240, after: 120 },
            children: [new TextRun({ text: oci.titulo, bold: true, font: FONTE, size: 22 })]
        }),
        atributos,
        new Paragraph({
            spacing: { before: 120, after: 60 },
            children: [new TextRun({ text: 'Procedimentos que compõem a OCI', bold: true, font: FONTE, size: 18 })]
        }),
        tabela(
            ['Tipo', 'Código', 'Procedimento', 'Quantidade'],
            [22, 16, 50, 12],
            oci.componentes.map(c => [c.tipo, c.codigo, c.nome, c.quantidade])
        )
    ];
}

/** The DOCX bytes of the annex. */
export async function anexoDocx(anexo: Anexo): Promise<Uint8Array> {
    const children: Array<Paragraph | Table> = [
        new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [new TextRun({ text: anexo.titulo, bold: true, font: FONTE, size: 28 })]
        }),
        new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: anexo.subtitulo, font: FONTE, size: 20 })]
        })
    ];
    if (anexo.desde !== undefined) {
        children.push(
            new Paragraph({
                heading: HeadingLevel.HEADING_1,
                spacing: { before: 120, after: 120 },
                children: [
                    new TextRun({
                        text: `Resumo das alterações em relação a ${anexo.desde}`,
                        bold: true,
                        font: FONTE,
                        size: 22
                    })
                ]
            }),
            anexo.alteracoes.length
                ? tabela(['Situação', 'OCI', 'Alterações'], [14, 43, 43], anexo.alteracoes)
                : texto('Nenhuma alteração nas OCI.')
        );
    }
    for (const oci of anexo.ocis) children.push(...ociBlocos(oci));
    const doc = new Document({
        creator: 'oci-catalogo',
        title: `${anexo.titulo} — ${anexo.subtitulo}`,
        styles: { default: { document: { run: { font: FONTE, size: 20 } } } },
        sections: [
            {
                properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
                footers: {
                    default: new Footer({
                        children: [
                            new Paragraph({
                                alignment: AlignmentType.CENTER,
                                children: [
                                    new TextRun({
                                        children: ['Página ', PageNumber.CURRENT, ' de ', PageNumber.TOTAL_PAGES],
                                        font: FONTE,
                                        size: 16
                                    })
                                ]
                            })
                        ]
                    })
                },
                children
            }
        ]
    });
    return new Uint8Array(await Packer.toBuffer(doc));
}
