// npm run lint (part of npm test): the layers of ../shared/STYLE.md, kept by the tooling rather than by memory,
// and the mistakes the type checker lets through (a promise nobody awaits, code nobody uses).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Only the editor adapters, the panel host and the extension's entry may use the VS Code API. */
const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Only src/extension.ts, src/editor/ and src/panel/ may use the VS Code API: keep this layer plain TypeScript.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'bench/.data/', 'test-results/', '*.vsix', '.vscode-test/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      // Sanitisers of untrusted text match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  { files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/listener/**/*.ts', 'src/report/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'src/node/**/*.ts'], rules: noVscode },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^\\.\\./(?!src/shared/)',
          message: 'The webview imports only src/shared/ and its own modules: what it needs of the host arrives by message.',
        }, { group: ['vscode'], message: 'The webview has no VS Code API but acquireVsCodeApi.' }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
