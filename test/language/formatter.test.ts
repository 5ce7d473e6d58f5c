/** The formatter: canonical layout, idempotent, never changes meaning, keeps comments, refuses broken files. */
import { describe, expect, it } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { OciFormatter } from '../../language/src/format/formatter.js';
import { createOciCoreServices } from '../../language/src/oci-module.js';
import { HEADER, MAMA } from '../helpers.js';

const { Oci: services } = createOciCoreServices(EmptyFileSystem);
const formatter = new OciFormatter(services);

/** The meaning of a text: its non-comment tokens, with money and percent blanks normalized. */
function meaning(text: string): string[] {
    return services.parser.Lexer.tokenize(text).tokens.map(t =>
        t.image.replace(/^R\$[ \t]*/, 'R$ ').replace(/[ \t]+%$/, '%')
    );
}

function format(text: string): string {
    const result = formatter.format(text);
    if (result.text === undefined) throw new Error(result.reason);
    return result.text;
}

describe('formatter', () => {
    it('leaves a canonical file as it is', () => {
        const canonical = format(HEADER + MAMA);
        expect(format(canonical)).toBe(canonical);
        expect(canonical).toContain(
            '\noci 09.01.01.001-4 "OCI AVALIAÇÃO DIAGNÓSTICA INICIAL DE CÂNCER DE MAMA" {\n  fundamento'
        );
        expect(canonical).toContain('\n  tecnologias gestao_clinica, saude_digital\n  valor R$ 125,00\n}\n');
        expect(canonical).toContain(
            'grupo consulta "Consulta ou teleconsulta especializada" {\n  03.01.01.007-2 "CONSULTA MEDICA EM ATENÇÃO ESPECIALIZADA"\n  03.01.01.030-7'
        );
    });

    it('lays out a crumpled file and keeps its meaning and comments', () => {
        const messy = `// Rol de teste
catalogo "T"   competencia 2026-01 sigtap "x.zip"
tecnologia g "G" percentual 8 %
grupo c { 03.01.01.007-2   03.01.01.030-7 }
/* a OCI */ oci 09.01.01.001-4 "X" { tR 21 dias tM 30 dias
obrigatorio 02.04.03.003-0 qt 1 estimativa R$43,72 // mamografia
   obrigatorio um_de c qt 2
      conclusao c contrarreferencia aps tecnologias g , g valor R$ 125,00 }`;
        const out = format(messy);
        expect(out).toBe(`// Rol de teste
catalogo "T" competencia 2026-01
  sigtap "x.zip"

tecnologia g "G" percentual 8%

grupo c {
  03.01.01.007-2
  03.01.01.030-7
}

/* a OCI */ oci 09.01.01.001-4 "X" {
  tR 21 dias
  tM 30 dias
  obrigatorio 02.04.03.003-0 qt 1 estimativa R$ 43,72 // mamografia
  obrigatorio um_de c qt 2
  conclusao c
  contrarreferencia aps
  tecnologias g, g
  valor R$ 125,00
}
`);
        expect(meaning(out)).toEqual(meaning(messy));
        expect(format(out)).toBe(out);
    });

    it('keeps a comment block attached to the declaration below it', () => {
        const text = `catalogo "T"\n\n\n// sobre a tecnologia\n// segunda linha\ntecnologia g percentual 8%\n`;
        expect(format(text)).toBe(
            `catalogo "T"\n\n// sobre a tecnologia\n// segunda linha\ntecnologia g percentual 8%\n`
        );
    });

    it('keeps the blank line between a file comment and the first declaration', () => {
        const text = '// Rol\n\ncatalogo "T"\n';
        expect(format(text)).toBe(text);
    });

    it('keeps one blank line the author put between items', () => {
        const text = 'oci 09.01.01.001-4 "X" {\n  tR 1 dias\n\n\n  tM 2 dias\n}\n';
        expect(format(text)).toBe('oci 09.01.01.001-4 "X" {\n  tR 1 dias\n\n  tM 2 dias\n}\n');
    });

    it('refuses to format a file with syntax errors', () => {
        expect(formatter.format('oci 09.01.01.001-4 "X" { tR dias }').text).toBeUndefined();
        expect(formatter.format('oci § ').text).toBeUndefined();
    });
});
