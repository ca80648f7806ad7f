// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (README "Code map"): an import only ever points down.
 *
 *   edge     index.ts, app.ts, server.ts, adapter.ts, bot.ts, http/, teams/
 *   turn     turn/
 *   feature  dialogs/ > summaries/, statistics/ > cards/
 *   engine   troubleshooting/
 *   store    storage/
 *
 * config.ts, logging/ and clock/ are read by every layer and import none of them. Each zone below names
 * a folder and what it may not import: everything above it.
 */
const EDGE = ['./src/index.ts', './src/app.ts', './src/server.ts', './src/adapter.ts', './src/bot.ts', './src/http', './src/teams'];
const zone = (target, above) => ({ target, from: above, message: `${target.replace('./src/', '')} is below these in the layers (see eslint.config.js)` });
const LAYERS = [
  zone('./src/turn', EDGE),
  zone('./src/dialogs', [...EDGE, './src/turn']),
  zone('./src/summaries', [...EDGE, './src/turn', './src/dialogs', './src/statistics']),
  zone('./src/statistics', [...EDGE, './src/turn', './src/dialogs', './src/summaries']),
  zone('./src/cards', [...EDGE, './src/turn', './src/dialogs', './src/summaries', './src/statistics']),
  zone('./src/troubleshooting', [...EDGE, './src/turn', './src/dialogs', './src/summaries', './src/statistics', './src/cards', './src/storage']),
  zone('./src/storage', [...EDGE, './src/turn', './src/dialogs', './src/summaries', './src/statistics', './src/cards', './src/troubleshooting']),
  zone('./src/logging', ['./src/!(logging)/**', './src/*.ts']),
  zone('./src/clock', ['./src/!(clock)/**', './src/*.ts']),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-results/', 'appPackage/build/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }, 'import-x/extensions': ['.ts'] },
    rules: {
      // No import loop, between folders or inside one (type-only imports count too: they tie the code as much).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'eslint.config.js'],
    rules: { 'no-console': 'off' },
  },
);
