import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const CORE_DIR = fileURLToPath(new URL('src/core', import.meta.url));

/**
 * src/core is pure TypeScript that runs in workers, Node tests and the CLI: it may import only
 * other files inside src/core, by relative path. Any package (dexie, svelte, `os`, …) or a relative
 * path that leaves src/core ('../../services') is an error. Tests beside the code may use vitest
 * and node:* to read fixtures.
 */
const coreBoundary = {
  meta: { type: 'problem', messages: { pkg: "src/core is pure: it imports no packages ('{{source}}'). Put IO in src/services, encoders in src/ml.", outside: "src/core imports only from src/core ('{{source}}' leaves it)." } },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const isTest = /\.test\.ts$/.test(file);
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      if (!spec.startsWith('.')) {
        if (isTest && (spec === 'vitest' || spec.startsWith('node:'))) return;
        context.report({ node: source, messageId: 'pkg', data: { source: spec } });
        return;
      }
      const target = path.resolve(path.dirname(file), spec);
      if (target !== CORE_DIR && !target.startsWith(CORE_DIR + path.sep)) context.report({ node: source, messageId: 'outside', data: { source: spec } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

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
    plugins: { recostream: { rules: { 'core-boundary': coreBoundary } } },
    rules: { 'recostream/core-boundary': 'error' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'location', 'fetch', 'process'],
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
