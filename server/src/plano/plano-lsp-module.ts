/**
 * Serviços LSP do Plano de Ação Regional (.par) e da habilitação de Sala de Estabilização (.se):
 * os do Langium, os de language/src/plano/plano-module.ts (sintaxe, escopo das OCI, validação)
 * e o hover e o code lens desta pasta. As duas linguagens entram nos serviços compartilhados do
 * servidor do rol de OCI: uma OCI de um PAR resolve para a OCI do arquivo .oci (ir para a
 * definição, referências), e um PAR é revalidado quando o rol muda.
 *
 * Registro (server/src/oci-lsp-module.ts, em createOciLspServices, depois de registrar o Oci):
 *     registerPlanoLsp(shared);
 *
 * O arquivo de execução de um PAR (`execucao "…"`) não é documento do workspace: quando ele muda no
 * disco, os PAR que o nomeiam são revalidados (o hover e o code lens já o releem pela data e pelo
 * tamanho; language/src/plano/execucao-par.ts).
 */
import * as path from 'node:path';
import { DocumentState, URI, inject, type LangiumDocument, type Module } from 'langium';
import {
    createDefaultModule,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices
} from 'langium/lsp';
import { isPar } from '../../../language/src/index.js';
import { PlanoAcaoRegionalGeneratedModule, SalaEstabilizacaoGeneratedModule } from '../../../language/src/index.js';
import { caminhoDaExecucao, execucaoDo } from '../../../language/src/index.js';
import type { OpcoesPlano } from '../../../language/src/index.js';
import { ParModule, SeModule, type ParServices } from '../../../language/src/index.js';
import { registerParValidation, registerSeValidation } from '../../../language/src/index.js';
import { PlanoCodeLensProvider } from './plano-code-lens-provider.js';
import { PlanoHoverProvider } from './plano-hover-provider.js';
import { lazyCompletionParser, lazyLangiumParser, lazyLexer } from '../lazy-parsers.js';

export const PlanoLspModule: Module<LangiumServices, PartialLangiumServices> = {
    parser: {
        // Built when a plan is first parsed or completed, not when the server initializes (lazy-parsers.ts).
        Lexer: services => lazyLexer(services),
        LangiumParser: services => lazyLangiumParser(services),
        CompletionParser: services => lazyCompletionParser(services)
    },
    lsp: {
        HoverProvider: services => new PlanoHoverProvider(services),
        CodeLensProvider: services => new PlanoCodeLensProvider(services)
    }
};

export function registerPlanoLsp(shared: LangiumSharedServices): { Par: LangiumServices; Se: LangiumServices } {
    const Par = inject(createDefaultModule({ shared }), PlanoAcaoRegionalGeneratedModule, ParModule, PlanoLspModule);
    const Se = inject(createDefaultModule({ shared }), SalaEstabilizacaoGeneratedModule, SeModule, PlanoLspModule);
    shared.ServiceRegistry.register(Par);
    shared.ServiceRegistry.register(Se);
    registerParValidation(Par);
    registerSeValidation(Se);
    revalidarQuandoAExecucaoMuda(shared);
    applyModoEstrito(shared, (Par as unknown as ParServices).plano.Opcoes);
    return { Par, Se };
}

/**
 * A configuração `oci.plano.estrito` do editor (issue 13, item 11): as lacunas do art. 15 §1 viram
 * erros (language/src/plano/opcoes.ts). Mudou, os PAR abertos são revalidados.
 */
function applyModoEstrito(shared: LangiumSharedServices, opcoes: OpcoesPlano): void {
    const aplicar = (secao: { plano?: { estrito?: unknown } } | undefined) => {
        const estrito = secao?.plano?.estrito === true;
        if (estrito === opcoes.estrito) return;
        opcoes.estrito = estrito;
        // Os PAR já carregados são revalidados; os que o workspace ainda vai carregar já nascem com a opção.
        void shared.workspace.WorkspaceLock.write(async token => {
            const pars = shared.workspace.LangiumDocuments.all.filter(d => isPar(d.parseResult.value)).toArray();
            if (pars.length === 0) return;
            for (const doc of pars) shared.workspace.DocumentBuilder.resetToState(doc, DocumentState.ComputedScopes);
            await shared.workspace.DocumentBuilder.update([], [], token);
        });
    };
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section === 'oci') aplicar(update.configuration as { plano?: { estrito?: unknown } } | undefined);
    });
    void shared.workspace.ConfigurationProvider.ready
        .then(async () => {
            aplicar({ plano: await shared.workspace.ConfigurationProvider.getConfiguration('oci', 'plano') });
        })
        .catch(() => undefined);
}

/** Os PAR abertos cujo arquivo `execucao` está entre os caminhos dados (absolutos). */
export function parsQueNomeiam(shared: LangiumSharedServices, caminhos: ReadonlySet<string>): LangiumDocument[] {
    return shared.workspace.LangiumDocuments.all
        .filter(doc => {
            const raiz = doc.parseResult.value;
            const item = isPar(raiz) ? execucaoDo(raiz) : undefined;
            const caminho =
                item && typeof item.caminho === 'string' ? caminhoDaExecucao(doc.uri, item.caminho) : undefined;
            return caminho !== undefined && caminhos.has(caminho);
        })
        .toArray();
}

/**
 * Arquivos alterados, criados ou apagados no disco (o Langium observa o workspace todo) que são o
 * arquivo de execução de algum PAR: esses PAR voltam a ser validados, sem reler os documentos.
 */
function revalidarQuandoAExecucaoMuda(shared: LangiumSharedServices): void {
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        const caminhos = new Set(
            params.changes
                .map(c => URI.parse(c.uri))
                .filter(u => u.scheme === 'file')
                .map(u => path.resolve(u.fsPath))
        );
        if (caminhos.size === 0 || parsQueNomeiam(shared, caminhos).length === 0) return;
        void shared.workspace.WorkspaceManager.ready.then(() =>
            shared.workspace.WorkspaceLock.write(async token => {
                // Calculados de novo dentro do lock: a lista pode ter mudado enquanto se esperava.
                for (const doc of parsQueNomeiam(shared, caminhos)) {
                    shared.workspace.DocumentBuilder.resetToState(doc, DocumentState.ComputedScopes);
                }
                await shared.workspace.DocumentBuilder.update([], [], token);
            })
        );
    });
}
