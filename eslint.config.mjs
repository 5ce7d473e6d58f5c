// ESLint (flat config) with typescript-eslint over the sources, tests, benchmarks and scripts.
// `npm run lint` runs in CI. Generated code (Langium's output, bundles) is not linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
    {
        ignores: [
            'out/**',
            'node_modules/**',
            '**/generated/**',
            '.artifacts/**',
            'test/e2e/fixture/**',
            'examples/**',
            'language/src/plano/data/municipios.ts'
        ]
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { globals: { ...globals.node } },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        rules: {
            // Unused names are mistakes, except an intentional `_name`.
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
            ],
            // Non-null assertions follow checks the compiler cannot see (Map.get after has); kept visible, not banned.
            '@typescript-eslint/no-non-null-assertion': 'off',
            // Test and layout regexes match aligned text: literal runs of spaces read better than {n}.
            'no-regex-spaces': 'off',
            'no-constant-condition': ['error', { checkLoops: false }],
            eqeqeq: ['error', 'always', { null: 'ignore' }],
            'prefer-const': 'error',
            'no-var': 'error',
            // Prettier (`npm run format`, width 120) wraps code; this catches what it cannot wrap (comments).
            'max-len': [
                'error',
                {
                    code: 120,
                    ignoreUrls: true,
                    ignoreStrings: true,
                    ignoreTemplateLiterals: true,
                    ignoreRegExpLiterals: true,
                    ignoreComments: false
                }
            ]
        }
    },
    {
        files: ['**/*.cjs'],
        languageOptions: { sourceType: 'commonjs' },
        rules: { '@typescript-eslint/no-require-imports': 'off', 'no-redeclare': ['error', { builtinGlobals: false }] }
    },
    {
        // Tests may read loosely typed JSON outputs, and match the control bytes of badly encoded files.
        files: ['test/**'],
        rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' }
    },
    {
        // Code that runs in the page (Playwright's page.evaluate callbacks) or in VS Code's web UI.
        files: [
            'test/e2e/**',
            'client/**',
            'scripts/screenshot-auditoria.mjs',
            'bench/playground.mjs',
            'playground/**',
            'test/browser/**'
        ],
        languageOptions: { globals: { ...globals.node, ...globals.browser } }
    }
);
