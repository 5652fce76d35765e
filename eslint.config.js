import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Imports the pure recommender core must never use (it runs in workers, Node tests and the CLI). */
const CORE_FORBIDDEN = [
  { group: ['dexie', 'dexie/*'], message: 'src/core is pure: no IndexedDB. Put IO in src/services.' },
  { group: ['svelte', 'svelte/*', '*.svelte'], message: 'src/core is pure: no Svelte.' },
  { group: ['comlink'], message: 'src/core is pure: no worker plumbing.' },
  { group: ['@tensorflow/*', '@huggingface/*', '@energetic-ai/*'], message: 'src/core is pure: encoders live in src/ml.' },
  { group: ['jose'], message: 'src/core is pure: tokens live in src/services/auth.' },
  { group: ['node:*', 'fs', 'path'], message: 'src/core runs in browsers too: no Node built-ins.' },
  { group: ['**/services/**', '**/state/**', '**/ui/**', '**/ml/**', '**/workers/**', '**/scripts/**'], message: 'src/core imports only from src/core.' },
];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'dev-dist/', 'test-results/', 'playwright-report/', 'data/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: CORE_FORBIDDEN }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    files: ['src/ui/**/*.svelte', 'src/ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['dexie', 'dexie/*', '**/services/db/**'], message: 'UI goes through src/services or src/state, never the database.' },
            { group: ['comlink', '**/workers/**'], message: 'UI goes through the worker clients in src/services.' },
          ],
        },
      ],
    },
  },
);
