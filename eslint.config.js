// Lint rules, including the runtime-folder boundaries of ARCHITECTURE.md: only electron/main and
// electron/preload may import `electron`; the renderer reaches the engine only through window.gatewayDoctor;
// production folders (electron/, renderer/) import nothing from the test side (e2e/), except their *.test.ts files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const NO_ELECTRON = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const NO_TESTS = { group: ['**/e2e/**'], message: 'Production code imports nothing from the test side (e2e/).' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [NO_ELECTRON], patterns: [NO_TESTS] }],
    },
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_TESTS] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the engine only through window.gatewayDoctor.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
            { group: ['**/electron/engine/**', '**/electron/system/**', '**/electron/main/**', '**/electron/cli/**'], message: 'The renderer may import only electron/common.' },
            NO_TESTS,
          ],
        },
      ],
    },
  },
  {
    // The test side (e2e/, scripts/, and tests beside the code they test) uses the lab freely.
    files: ['e2e/**', 'scripts/**', 'electron/**/*.test.ts', '*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [NO_ELECTRON] }] },
  },
  {
    files: ['electron/main/**/*.test.ts', 'electron/preload/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
