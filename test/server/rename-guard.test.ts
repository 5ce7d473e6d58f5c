/**
 * Issue 19 item 2: rename refuses, with a message and before any edit, a new name that is not an
 * identifier, is a keyword, or is already the name of another grupo/tecnologia.
 */
import { describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-languageserver';
import { CLEAN, buildLspWorkspace, lspServicesPerFile, positionIn } from './lsp-helpers.js';

const services = lspServicesPerFile();

async function renameTo(newName: string, at = 'um_de consulta', delta = 7) {
    const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': CLEAN });
    const position = positionIn(doc.textDocument.getText(), at, delta);
    return services.Oci.lsp.RenameProvider!.rename(doc, {
        textDocument: { uri: doc.textDocument.uri },
        position,
        newName
    });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(ResponseError);
        return (error as ResponseError<unknown>).message;
    }
    throw new Error('the rename was accepted');
}

describe('rename guard', () => {
    it('refuses a name with a space (issue 19: "consulta especial" broke 5 files)', async () => {
        expect(await refusal(renameTo('consulta especial'))).toMatch(/"consulta especial" não é um nome válido/);
    });

    it('refuses an accented name, a leading digit and a keyword', async () => {
        expect(await refusal(renameTo('consulta_médica'))).toMatch(/não é um nome válido/);
        expect(await refusal(renameTo('2consulta'))).toMatch(/não é um nome válido/);
        expect(await refusal(renameTo('valor'))).toMatch(/"valor" é uma palavra da linguagem/);
    });

    it('refuses the name of another grupo or tecnologia', async () => {
        expect(await refusal(renameTo('saude_digital'))).toBe(
            'Já existe uma tecnologia chamada "saude_digital" no catálogo'
        );
        expect(await refusal(renameTo('consulta', 'tecnologias gestao_clinica', 14))).toBe(
            'Já existe um grupo chamado "consulta" no catálogo'
        );
    });

    it('accepts a valid new name and renames every use', async () => {
        const edit = await renameTo('consulta_especializada');
        const edits = Object.values(edit?.changes ?? {}).flat();
        expect(edits.map(e => e.newText)).toEqual([
            'consulta_especializada',
            'consulta_especializada',
            'consulta_especializada'
        ]);
    });

    it('prepareRename on a procedure code says what can be renamed', async () => {
        const [doc] = await buildLspWorkspace(services, { 'catalogo.oci': CLEAN });
        const position = positionIn(doc.textDocument.getText(), '02.04.03.003-0', 3);
        const message = await refusal(
            Promise.resolve().then(() =>
                services.Oci.lsp.RenameProvider!.prepareRename(doc, {
                    textDocument: { uri: doc.textDocument.uri },
                    position
                })
            )
        );
        expect(message).toMatch(/Só grupos e tecnologias podem ser renomeados/);
    });
});
