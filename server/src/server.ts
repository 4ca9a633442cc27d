#!/usr/bin/env node
// The language server: `node dist/server.js --stdio` for any LSP editor; VS Code starts it over IPC.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, type MessageReader, ProposedFeatures, StreamMessageWriter, TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node';
import { Console } from 'node:console';
import { version } from '../../package.json';
import { CONFIG_FILE_NAME } from './core/config';
import { asciiJson } from './lsp/ascii-json';
import { TEMPLATE_GLOBS, isTemplatePath } from './core/template-path';
import { registerAnalysisRequest } from './lsp/analysis-request';
import { registerCodeActions } from './lsp/code-actions';
import { registerCodeLens } from './lsp/code-lens';
import { registerCompletion } from './lsp/completion';
import { Linter } from './lsp/diagnostics';
import { registerHover } from './lsp/hover';
import { registerOutline } from './lsp/outline';
import { registerRenderRequest } from './lsp/render-request';
import { Session } from './lsp/session';
import { registerCommands } from './lsp/commands';
import { registerNewDocument } from './lsp/new-document';
import { WorkspaceIndex, registerWorkspaceRequests } from './lsp/workspace-index';
import { registerInsightsRequest } from './lsp/insights-request';
import { FIX_ALL_KIND, type InitializationOptions, SERVER_COMMANDS } from '../../shared/protocol';

// The transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) comes from the command line; over
// stdio, messages are written as ASCII JSON (ascii-json.ts).
const stdio = process.argv.includes('--stdio');
// The input stays the stream itself, so the server still exits when it closes (the typings pair a
// stream only with a stream, the library reads each side on its own).
const connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new StreamMessageWriter(process.stdout, { contentTypeEncoder: asciiJson }))
  : createConnection(ProposedFeatures.all);
// Nothing else may write to stdout (createConnection sees to it only when it opens stdio itself).
if (stdio) Object.assign(console, new Console({ stdout: process.stderr, stderr: process.stderr }));
// A failure in one document's work is logged; the server goes on serving the others.
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled: ${(e as Error)?.stack ?? e}`));
const session = new Session(connection);
const { documents } = session;
const linter = new Linter(session);
const index = new WorkspaceIndex(session);
let dynamicRegistration = { configuration: false, watchedFiles: false };
/** The client shows the workspace views: index at start and watch every Markdown file. */
let indexAtStart = false;

connection.onInitialize(async (params) => {
  await session.initialize(params);
  const workspace = params.capabilities.workspace;
  dynamicRegistration = {
    configuration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
  index.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  indexAtStart = (params.initializationOptions as InitializationOptions | undefined)?.workspaceIndex === true;
  index.refreshSupport = workspace?.diagnostics?.refreshSupport === true;
  // The problems of the post-mortems that are not open, from the index, for a client that pulls them (LSP 3.17).
  const workspaceDiagnostics = indexAtStart && params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    serverInfo: { name: 'postmortem-language-server', version },
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: [' '] },
      hoverProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
      ...(workspaceDiagnostics ? { diagnosticProvider: { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: true } } : {}),
    },
  };
});

connection.onInitialized(() => {
  if (dynamicRegistration.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
  const markdown = indexAtStart ? [{ globPattern: '**/*.{md,markdown}' }] : [];
  if (dynamicRegistration.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, ...TEMPLATE_GLOBS.map((globPattern) => ({ globPattern })), ...markdown] });
  if (indexAtStart) void index.start();
});

connection.onDidChangeConfiguration(({ settings }) => {
  session.settings.reset((settings as { postmortem?: unknown } | null)?.postmortem);
  linter.relintAll();
  // postmortem.workspace.diagnostics may have changed: the Problems panel asks again.
  index.diagnosticsMayHaveChanged(true);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`) || isTemplatePath(c.uri))) {
    session.settings.reset();
    linter.relintAll();
    index.reindexAll();
  }
  // A rename arrives as a delete and a create.
  for (const { uri, type } of changes) {
    if (type === FileChangeType.Deleted) index.fileDeleted(uri);
    else index.fileChanged(uri);
  }
});

documents.onDidChangeContent(({ document }) => {
  linter.changed(document.uri);
  index.documentChanged(document.uri);
});
documents.onDidClose(({ document }) => {
  linter.closed(document.uri);
  session.settings.drop(document.uri);
  index.documentClosed(document.uri);
});

registerCodeActions(session);
registerCompletion(session);
registerHover(session);
registerOutline(session);
registerCodeLens(session);
registerAnalysisRequest(session);
registerRenderRequest(session);
registerCommands(session);
registerNewDocument(session);
registerWorkspaceRequests(session, index);
registerInsightsRequest(session, index);

documents.listen(connection);
connection.listen();
