// `npm run lint`: typescript-eslint's recommended rules for the TypeScript, and the regexp plugin's
// super-linear checks as errors everywhere: no pattern may backtrack out of linear time.
import js from '@eslint/js';
import tseslint from '@postmortem/eslint-typescript';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import { builtinModules } from 'node:module';

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

// Import boundaries of the server (README, Architecture): imports go inward, faces → render → core.
// The patterns match the import as written (`../lsp/…` from the core, `../../render/…` from a core
// subfolder). test/unit/imports.test.ts keeps the whole graph free of circles. (The client's and
// shared/'s rules are a block of their own.)
const NODE_BUILTINS = { group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))], message: 'Node built-ins are I/O: they belong to server/src/node, the server or the CLI.' };
const EDITOR_APIS = { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-jsonrpc', 'vscode-jsonrpc/*'], message: 'The editor and LSP APIs belong to the faces (server/src/lsp, client/src).' };
const faces = (...dirs) => ({ regex: `^(?:\\.\\./)+(?:${dirs.join('|')})(?:/|\\.ts$|$)`, message: `Imports go inward: ${dirs.join(', ')} may import this folder, not the reverse.` });
/** A relative import out of server/src/core from a file `depth` folders below it: only data (JSON: the schemas, package.json's setting defaults) may come from outside. */
const outOfCore = (depth) => ({ regex: `^(?:\\.\\./){${depth + 1}}(?!.*\\.json$)`, message: 'The core imports only the core (and JSON data): nothing from its faces (lsp, render, node, the CLI, the server).' });
const UP_INTO_FEATURES = { group: ['**/features/*', '**/commands/*'], message: 'features/ and commands/ sit above the rest of the core: move the shared piece down.' };
const INTO_RULES = { group: ['**/rules/*'], message: 'rules/ holds rules only: import the list from rules/index.ts, shared helpers from their own module.' };
const RULE_EXPORTS = {
  selector: 'ExportNamedDeclaration > :matches(FunctionDeclaration, ClassDeclaration, TSInterfaceDeclaration, TSTypeAliasDeclaration, TSEnumDeclaration)',
  message: 'A rule file exports its rule and nothing else: move the helper to the domain module it belongs to.',
};
/** The core's folders, each with its depth below server/src/core and the layer patterns it keeps. */
const CORE_FOLDERS = [
  { files: ['server/src/core/*.ts'], depth: 0, layers: [UP_INTO_FEATURES, INTO_RULES] },
  { files: ['server/src/core/extract/**/*.ts'], depth: 1, layers: [UP_INTO_FEATURES, INTO_RULES] },
  { files: ['server/src/core/rules/*.ts'], ignores: ['server/src/core/rules/index.ts'], depth: 1, layers: [UP_INTO_FEATURES], ruleFiles: true },
  { files: ['server/src/core/rules/index.ts'], depth: 1, layers: [UP_INTO_FEATURES] },
  { files: ['server/src/core/features/*.ts', 'server/src/core/commands/*.ts'], depth: 1, layers: [INTO_RULES] },
];
const serverBoundaries = [
  // The core: pure analysis, no editor, no LSP, no I/O, nothing from outside it; no module loaded at
  // run time. Within it, layers: nothing imports back up into features/ or commands/, and rules/ is
  // the rules and their one list (rules/index.ts), each rule file exporting its rule alone.
  ...CORE_FOLDERS.map(({ files, ignores = [], depth, layers, ruleFiles }) => ({
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: [NODE_BUILTINS, EDITOR_APIS, outOfCore(depth), ...layers] }],
      // No module loaded at run time, which the rule above could not see (`require` is refused everywhere by typescript-eslint).
      'no-restricted-syntax': ['error', { selector: 'ImportExpression', message: 'The core imports statically, so that these rules see every import.' }, ...(ruleFiles ? [RULE_EXPORTS] : [])],
    },
  })),
  // The renderer: pure HTML from an analysis; page.ts alone hashes its inline stylesheet for the CSP (node:crypto).
  { files: ['server/src/render/**/*.ts'], ignores: ['server/src/render/page.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [NODE_BUILTINS, EDITOR_APIS, faces('lsp', 'node', 'cli', 'server')] }] } },
  { files: ['server/src/render/page.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ ...NODE_BUILTINS, group: NODE_BUILTINS.group.filter((m) => m !== 'node:*'), message: `${NODE_BUILTINS.message} (page.ts: node:crypto only)` }, { regex: '^node:(?!crypto$)', message: NODE_BUILTINS.message }, EDITOR_APIS, faces('lsp', 'node', 'cli', 'server')] }] } },
  // File and configuration access: no editor or LSP API, nothing from the faces that use it.
  { files: ['server/src/node/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [EDITOR_APIS, faces('lsp', 'render', 'cli', 'server')] }] } },
  // The language server's handlers may import the core, the renderer and node/; not the CLI.
  { files: ['server/src/lsp/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [faces('cli', 'server')] }] } },
];

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
  ...serverBoundaries,
);
