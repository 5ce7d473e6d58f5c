/**
 * Honest state while the workspace is first loaded: `window/workDoneProgress` from the moment
 * the server starts reading the workspace until every file is validated (the SIGTAP table is read
 * during that build: ~10 s for the full table), and the notification `oci/validacao` that lets the
 * client's status bar say "validando N arquivos" instead of "no errors" before anything ran.
 */
import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { Locale } from '../../language/src/index.js';
import { VALIDACAO_NOTIFICATION, type ValidacaoParams } from './validacao-protocol.js';

export { VALIDACAO_NOTIFICATION, type ValidacaoParams };

const TEXTS = {
    pt: {
        title: 'OCI',
        lendo: 'lendo os arquivos do workspace',
        validando: (n: number, v: number) => `validando ${n} arquivo(s) — tabela SIGTAP e regras (${v}/${n})`
    },
    en: {
        title: 'OCI',
        lendo: 'reading the workspace files',
        validando: (n: number, v: number) => `validating ${n} file(s) — SIGTAP table and rules (${v}/${n})`
    }
};

interface Reporter {
    begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
    report(percentage: number, message?: string): void;
    done(): void;
}

export class InitialBuildProgress {
    private reporter: Reporter | undefined;
    private total = 0;
    private validated = new Set<string>();
    private finished = false;
    private lastReport = 0;

    constructor(
        private readonly shared: LangiumSharedCoreServices & { lsp?: { Connection?: Connection } },
        private readonly locale: () => Locale
    ) {}

    private get connection(): Connection | undefined {
        return this.shared.lsp?.Connection;
    }

    /** Before the workspace is read. */
    async starting(): Promise<void> {
        const connection = this.connection;
        if (!connection) return;
        try {
            this.reporter = await connection.window.createWorkDoneProgress();
            this.reporter.begin(TEXTS[this.locale()].title, 0, TEXTS[this.locale()].lendo, false);
        } catch {
            this.reporter = undefined;
        }
    }

    /** The workspace's `documents` are loaded; their build starts. */
    validating(documents: LangiumDocument[]): void {
        this.total = documents.length;
        const builder = this.shared.workspace.DocumentBuilder;
        const perDocument = builder.onDocumentPhase(DocumentState.Validated, document => {
            this.validated.add(document.uri.toString());
            const now = Date.now();
            if (now - this.lastReport > 200) {
                this.lastReport = now;
                this.report();
            }
        });
        const perBuild = builder.onBuildPhase(DocumentState.Validated, () => {
            if (this.shared.workspace.LangiumDocuments.all.every(d => d.state >= DocumentState.Validated)) {
                perDocument.dispose();
                perBuild.dispose();
                this.done();
            }
        });
        this.report();
    }

    private report(): void {
        if (this.finished) return;
        const v = Math.min(this.validated.size, this.total);
        this.reporter?.report(
            this.total ? Math.round((100 * v) / this.total) : 0,
            TEXTS[this.locale()].validando(this.total, v)
        );
        this.notify({ arquivos: this.total, validados: v, concluida: false });
    }

    /** Every file of the first build is validated (also when the build had nothing to do). */
    done(): void {
        if (this.finished) return;
        this.finished = true;
        this.reporter?.done();
        this.notify({ arquivos: this.total, validados: this.total, concluida: true });
    }

    private notify(params: ValidacaoParams): void {
        void this.connection?.sendNotification(VALIDACAO_NOTIFICATION, params);
    }
}
