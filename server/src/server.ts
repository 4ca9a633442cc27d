#!/usr/bin/env node
// The language server: `node dist/server.js --stdio` for any LSP editor; VS Code starts it over IPC.
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node';
import { version } from '../../package.json';
import { CONFIG_FILE_NAME } from './core/config';
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
import { FIX_ALL_KIND, SERVER_COMMANDS } from '../../shared/protocol';

// The transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
// A failure in one document's work is logged; the server goes on serving the others.
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled: ${(e as Error)?.stack ?? e}`));
const session = new Session(connection);
const { documents } = session;
const linter = new Linter(session);
let dynamicRegistration = { configuration: false, watchedFiles: false };

connection.onInitialize(async (params) => {
  await session.initialize(params);
  const workspace = params.capabilities.workspace;
  dynamicRegistration = {
    configuration: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFiles: workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
  };
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
    },
  };
});

connection.onInitialized(() => {
  if (dynamicRegistration.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'postmortem' });
  if (dynamicRegistration.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, ...TEMPLATE_GLOBS.map((globPattern) => ({ globPattern }))] });
});

connection.onDidChangeConfiguration(({ settings }) => {
  session.settings.reset((settings as { postmortem?: unknown } | null)?.postmortem);
  linter.relintAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (!changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`) || isTemplatePath(c.uri))) return;
  session.settings.reset();
  linter.relintAll();
});

documents.onDidChangeContent(({ document }) => linter.changed(document.uri));
documents.onDidClose(({ document }) => {
  linter.closed(document.uri);
  session.settings.drop(document.uri);
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

documents.listen(connection);
connection.listen();
