import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { registerInsights } from './insights/register';
import { PostMortems } from './post-mortems';
import { registerPreview } from './preview';
import { registerStatusBar } from './status-bar';
import { registerWorkspaceViews } from './views/workspace-views';
import type { InitializationOptions } from '../../shared/protocol';

let client: LanguageClient | undefined;

/** Starts the language server over IPC (it decides per document whether it is a post-mortem) and wires the faces. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
    ],
    // The views' index: read at start (and the Markdown files watched) unless postmortem.workspace.index is off.
    initializationOptions: { workspaceIndex: vscode.workspace.getConfiguration('postmortem').get<boolean>('workspace.index', true) } satisfies InitializationOptions,
    middleware: {
      // Server commands run from the palette name no document: they act on the active editor's.
      executeCommand: (command, args, next) => next(command, args.length ? args : activeUri()),
    },
  };
  client = new LanguageClient('postmortem', 'Post-Mortem', serverOptions, clientOptions);
  await client.start();
  const postMortems = new PostMortems(client);
  context.subscriptions.push(postMortems);
  registerCommands(context, client, postMortems);
  registerPreview(context, client, postMortems);
  registerStatusBar(context, postMortems);
  registerWorkspaceViews(context, client);
  registerInsights(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function activeUri(): string[] {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  return uri ? [uri] : [];
}
