/**
 * The annex (anexo.ts) as a Word document (DOCX, via the `docx` library): A4 portrait, Times New
 * Roman, one two-column table of attributes and one table of procedures per OCI, a page number
 * in the footer — a file the legal team opens and edits in Word or LibreOffice.
 *
 * The library is loaded on the first annex, not with the module: the CLI bundle keeps it in a file of its own
 * (out/cli/docx.cjs, scripts/bundle.mjs), so `check` and `build` never read or compile its ~0.6 MB.
 */
import type { Paragraph, Table, TableCell } from 'docx';
import type { Anexo, AnexoOci } from './anexo.js';

type Docx = typeof import('docx');

const FONTE = 'Times New Roman';
const CINZA = 'D9D9D9';

function texto(d: Docx, value: string, options: { bold?: boolean; size?: number } = {}): Paragraph {
    return new d.Paragraph({
        spacing: { before: 20, after: 20 },
        children: [new d.TextRun({ text: value, bold: options.bold, font: FONTE, size: options.size ?? 18 })]
    });
}

function celula(
    d: Docx,
    value: string,
    options: { bold?: boolean; header?: boolean; width?: number; span?: number } = {}
): TableCell {
    return new d.TableCell({
        children: [texto(d, value, { bold: options.bold || options.header })],
        width: options.width ? { size: options.width, type: d.WidthType.PERCENTAGE } : undefined,
        columnSpan: options.span,
        shading: options.header ? { type: d.ShadingType.CLEAR, color: 'auto', fill: CINZA } : undefined
    });
}

function tabela(d: Docx, header: string[], widths: number[], rows: string[][]): Table {
    return new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: [
            new d.TableRow({
                tableHeader: true,
                children: header.map((h, i) => celula(d, h, { header: true, width: widths[i] }))
            }),
            ...rows.map(r => new d.TableRow({ children: r.map((v, i) => celula(d, v, { width: widths[i] })) }))
        ]
    });
}

function ociBlocos(d: Docx, oci: AnexoOci): Array<Paragraph | Table> {
    const atributos = new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: oci.atributos.map(
            ([rotulo, valor]) =>
                new d.TableRow({
                    children: [celula(d, rotulo, { bold: true, width: 28 }), celula(d, valor, { width: 72 })]
                })
        )
    });
    return [
        new d.Paragraph({
            heading: d.HeadingLevel.HEADING_2,
            spacing: { before: 240, after: 120 },
            children: [new d.TextRun({ text: oci.titulo, bold: true, font: FONTE, size: 22 })]
        }),
        atributos,
        new d.Paragraph({
            spacing: { before: 120, after: 60 },
            children: [new d.TextRun({ text: 'Procedimentos que compõem a OCI', bold: true, font: FONTE, size: 18 })]
        }),
        tabela(
            d,
            ['Tipo', 'Código', 'Procedimento', 'Quantidade'],
            [22, 16, 50, 12],
            oci.componentes.map(c => [c.tipo, c.codigo, c.nome, c.quantidade])
        )
    ];
}

/** The DOCX bytes of the annex. */
export async function anexoDocx(anexo: Anexo): Promise<Uint8Array> {
    const d = await import('docx');
    const children: Array<Paragraph | Table> = [
        new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            heading: d.HeadingLevel.TITLE,
            children: [new d.TextRun({ text: anexo.titulo, bold: true, font: FONTE, size: 28 })]
        }),
        new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new d.TextRun({ text: anexo.subtitulo, font: FONTE, size: 20 })]
        })
    ];
    if (anexo.desde !== undefined) {
        children.push(
            new d.Paragraph({
                heading: d.HeadingLevel.HEADING_1,
                spacing: { before: 120, after: 120 },
                children: [
                    new d.TextRun({
                        text: `Resumo das alterações em relação a ${anexo.desde}`,
                        bold: true,
                        font: FONTE,
                        size: 22
                    })
                ]
            }),
            anexo.alteracoes.length
                ? tabela(d, ['Situação', 'OCI', 'Alterações'], [14, 43, 43], anexo.alteracoes)
                : texto(d, 'Nenhuma alteração nas OCI.')
        );
    }
    for (const oci of anexo.ocis) children.push(...ociBlocos(d, oci));
    const doc = new d.Document({
        creator: 'oci-catalogo',
        title: `${anexo.titulo} — ${anexo.subtitulo}`,
        styles: { default: { document: { run: { font: FONTE, size: 20 } } } },
        sections: [
            {
                properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
                footers: {
                    default: new d.Footer({
                        children: [
                            new d.Paragraph({
                                alignment: d.AlignmentType.CENTER,
                                children: [
                                    new d.TextRun({
                                        children: ['Página ', d.PageNumber.CURRENT, ' de ', d.PageNumber.TOTAL_PAGES],
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
    return new Uint8Array(await d.Packer.toBuffer(doc));
}
