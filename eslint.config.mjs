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

export default tseslint.config(
  { ignores: ['dist/', '.cache/', '.scratch/', 'test-results/', '**/node_modules/', '.vscode-test/'] },
  {
    files: ['server/**/*.ts', 'client/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
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
  { files: ['**/*.{ts,js,mjs}'], ...linearRegexps },
  // The core's layers: nothing imports back up into features/ or commands/, and rules/ is the
  // rules and their one list (rules/index.ts), each rule file exporting its rule alone.
  {
    files: ['server/src/core/*.ts', 'server/src/core/extract/**/*.ts', 'server/src/core/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/features/*', '**/commands/*'], message: 'features/ and commands/ sit above the rest of the core: move the shared piece down.' }] }],
    },
  },
  {
    files: ['server/src/core/*.ts', 'server/src/core/extract/**/*.ts', 'server/src/core/features/**/*.ts', 'server/src/core/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/rules/*'], message: 'rules/ holds rules only: import the list from rules/index.ts, shared helpers from their own module.' }] }],
    },
  },
  {
    files: ['server/src/core/rules/**/*.ts'],
    ignores: ['server/src/core/rules/index.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'ExportNamedDeclaration > :matches(FunctionDeclaration, ClassDeclaration, TSInterfaceDeclaration, TSTypeAliasDeclaration, TSEnumDeclaration)',
        message: 'A rule file exports its rule and nothing else: move the helper to the domain module it belongs to.',
      }],
    },
  },
);
