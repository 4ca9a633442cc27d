import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PostMortems } from './post-mortems';
import { exportHtml } from './preview/export-html';
import { PreviewPanel } from './preview/panel';

/** Open Preview, Open Preview to the Side and Export to HTML. */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient, postMortems: PostMortems): void {
  const preview = new PreviewPanel(context.extensionUri, client, postMortems);
  /**
   * What a command acts on: the file a menu passes, else the active Markdown editor's (its analysis
   * may still be on its way right after it opened), else (the preview has the focus, so no editor
   * is active) the previewed one.
   */
  const target = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    const active = vscode.window.activeTextEditor?.document;
    return active?.languageId === 'markdown' ? active.uri : preview.document;
  };
  const withTarget = (run: (uri: vscode.Uri) => unknown) => async (arg: unknown) => {
    const uri = target(arg);
    if (!uri) return vscode.window.showInformationMessage('Open a post-mortem to use this command.');
    try {
      await run(uri);
    } catch (e) {
      await vscode.window.showErrorMessage(`Post-Mortem: ${(e as Error).message}`);
    }
  };
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('postmortem.openPreview', withTarget((uri) => preview.open(uri, vscode.ViewColumn.Active, false))),
    vscode.commands.registerCommand('postmortem.openPreviewToSide', withTarget((uri) => preview.open(uri, vscode.ViewColumn.Beside, true))),
    vscode.commands.registerCommand('postmortem.exportHtml', withTarget((uri) => exportHtml(client, uri))),
  );
}
