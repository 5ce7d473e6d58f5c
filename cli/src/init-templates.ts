/**
 * The files `oci-catalogo init` writes into a new catalogue repository: a commented
 * oci-catalogo.yaml (every key, with the defaults commented out, so that `check` accepts it as it
 * is) and the pull-request workflow for GitHub Actions. examples/ci/catalogo.yml is this
 * workflow for examples/pmae (a test keeps them equal).
 */

/** The GitHub Actions workflow that checks, builds and diffs the catalogue in `catalogo` on every PR. */
export function ciWorkflow(catalogo: string): string {
    return WORKFLOW.replace('@CATALOGO@', catalogo);
}

/** A commented oci-catalogo.yaml: every key explained; nothing set but the language. */
export const CONFIG_TEMPLATE = `# oci-catalogo.yaml — como este repositório de catálogo é verificado.
# Lido pela linha de comando (oci-catalogo), pelo servidor de linguagem (VS Code) e pela CI;
# o arquivo mais próximo acima de um catálogo vale para ele. Esquema: schema/oci-catalogo-config.schema.json.

# Idioma das mensagens: pt ou en.
idioma: pt

# Severidade por código de regra: erro, aviso, info ou desligada (as demais mantêm a sua).
# Os códigos estão em docs/checks.md. Erros de sintaxe e de codificação não podem ser relaxados.
# regras:
#   oci/fundamento-ausente: desligada
#   valor/divergente: erro

# Diferença aceita entre o valor declarado e o calculado (reais, com vírgula).
# tolerancia: "0,01"

# O que "oci-catalogo build" grava e onde.
# saidas:
#   pasta: out/catalogo
#   formatos: [json, html, md, csv]

# Pastas-raiz dos catálogos, num repositório com vários (cada uma com o seu cabeçalho).
# catalogos: [estadual, municipal]

# Tabelas SIGTAP fora do repositório que podem ser lidas.
# sigtap:
#   externos: [/dados/sigtap/TabelaUnificada_202601_v2601221740.zip]

# Auditoria da produção: nome de cada coluna canônica na sua produção, e os achados que fazem
# "oci-catalogo audit" sair com 1 (ou qualquer).
# auditoria:
#   colunas:
#     pessoa: NU_CNS
#     data: DT_ATEND
#   falhar-se: [tempo/acima-tm]

# PAR: as lacunas de faixa populacional viram erros.
# plano:
#   estrito: true
`;

const WORKFLOW = `# Fluxo de pull request do rol de OCI (GitHub Actions).
# Copie para .github/workflows/catalogo.yml e ajuste CATALOGO (a pasta com o cabeçalho "catalogo").
# Em cada PR que mexe em arquivos .oci:
#   1. verifica o catálogo e envia o resultado em SARIF para o code scanning;
#   2. anota os erros e avisos nas linhas dos arquivos do PR (e falha se houver erro);
#   3. gera o catálogo (JSON, Markdown, CSV e HTML) e o guarda como artefato;
#   4. calcula as diferenças semânticas em relação à base do PR e as publica num comentário.
# Explicado no README, seção "Fluxo de pull request".
name: Catálogo de OCI

on:
  pull_request:
    paths:
      - '**/*.oci'

permissions:
  contents: read
  pull-requests: write    # comentário com as diferenças
  security-events: write  # envio do SARIF ao code scanning

concurrency:
  group: catalogo-oci-\${{ github.event.pull_request.number }}
  cancel-in-progress: true

env:
  CATALOGO: @CATALOGO@   # pasta do catálogo
  VOLUMES: ''               # opcional: CSV "código,quantidade" para o impacto financeiro

jobs:
  catalogo:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0    # "diff --git" lê a revisão base (origin/<base>)

      - uses: actions/setup-node@v4
        with:
          node-version: 22
          cache: npm

      - name: Instalar (o script prepare compila a CLI)
        run: npm ci

      - name: Verificar (SARIF)
        id: sarif
        run: |
          set +e
          npx oci-catalogo check "$CATALOGO" --format sarif > oci-catalogo.sarif
          code=$?
          # 0 = limpo, 1 = erros no catálogo (estão no SARIF); 2 = problema de uso ou de leitura
          test "$code" -le 1

      - name: Enviar SARIF ao code scanning
        if: always() && steps.sarif.outcome == 'success'
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: oci-catalogo.sarif
          category: oci-catalogo

      - name: Verificar (anotações no PR)
        run: npx oci-catalogo check "$CATALOGO" --format github

      - name: Gerar o catálogo
        run: npx oci-catalogo build "$CATALOGO" --out out/catalogo

      - name: Guardar o catálogo gerado
        uses: actions/upload-artifact@v4
        with:
          name: catalogo-oci-pr-\${{ github.event.pull_request.number }}
          path: out/catalogo/
          if-no-files-found: error

      - name: Diferenças em relação à base do PR
        env:
          BASE_REF: \${{ github.base_ref }}
        run: |
          args=()
          if [ -n "$VOLUMES" ]; then args+=(--volumes "$VOLUMES"); fi
          npx oci-catalogo diff --git "origin/$BASE_REF" "$CATALOGO" "\${args[@]}" > diferencas.md
          cat diferencas.md >> "$GITHUB_STEP_SUMMARY"

      - name: Comentar as diferenças no PR
        # PRs de forks recebem um token só de leitura: lá as diferenças ficam só no resumo do job.
        if: github.event.pull_request.head.repo.full_name == github.repository
        uses: marocchino/sticky-pull-request-comment@v2
        with:
          header: oci-catalogo-diff
          path: diferencas.md
`;
