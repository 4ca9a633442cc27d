// `npm run lint`: typescript-eslint's recommended rules for the TypeScript, and the regexp plugin's
// super-linear checks as errors everywhere: no pattern may backtrack out of linear time.
import js from '@eslint/js';
import tseslint from '@postmortem/eslint-typescript';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';

const linearRegexps = {
  plugins: { regexp },
  rules: {
    'regexp/no-super-linear-backtracking': 'error',
    'regexp/no-super-linear-move': 'error',
  },
};

// The boundary of issue 11: the client talks to the server over the LSP only, through the
// contract in shared/; shared/ is that contract and imports nothing at all.
const clientImports = {
  files: ['client/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        {
          group: ['**/server/**', '**/server', '**/core/**', '**/render/**', '**/lsp/**'],
          message: 'The client asks the server (LSP requests in shared/protocol.ts) instead of importing its code; put the wire type or constant in shared/.',
        },
        {
          regex: '^(?!(?:vscode|vscode-languageclient(?:/.*)?|node:.+|\\..*)$)',
          message: 'The client imports only vscode, vscode-languageclient, node: built-ins, its own files and shared/.',
        },
      ],
    }],
  },
};
const sharedImports = {
  files: ['shared/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['**/server/**', '**/client/**', '**/core/**', '**/render/**', '**/lsp/**'], message: 'shared/ is the contract both sides import: it imports nothing from the server or the client.' },
        { regex: '^(?!\\./)', message: 'shared/ imports nothing but its own files (no packages, no built-ins): write the wire type out here.' },
      ],
    }],
  },
};

export default tseslint.config(
  { ignores: ['dist/', '.cache/', '.scratch/', 'test-results/', '**/node_modules/', '.vscode-test/'] },
  {
    files: ['shared/**/*.ts', 'server/**/*.ts', 'client/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      // `_` names what a destructuring leaves out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Short statements such as `seen.add(x), report(x)` are the house style, not mistakes.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  // The tests strip terminal colour codes, which are control characters.
  { files: ['test/**/*.ts'], rules: { 'no-control-regex': 'off' } },
  {
    files: ['media/**/*.js', '*.mjs', 'tools/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.browser, ...globals.node, acquireVsCodeApi: 'readonly' } },
  },
  clientImports,
  sharedImports,
  { files: ['**/*.{ts,js,mjs}'], ...linearRegexps },
);
