import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportInsights } from './export';
import { InsightsPanel } from './panel';

/** Show Insights and Export Insights to HTML. */
export function registerInsights(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panel = new InsightsPanel(context.extensionUri, client);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('postmortem.showInsights', () => {
      // The page is the workspace index's: with the index off, there is nothing to show.
      if (!vscode.workspace.getConfiguration('postmortem').get<boolean>('workspace.index', true)) {
        return void vscode.window.showInformationMessage('The workspace index is off (postmortem.workspace.index): turn it on to see the insights.');
      }
      panel.show();
    }),
    vscode.commands.registerCommand('postmortem.exportInsights', () => {
      if (!vscode.workspace.getConfiguration('postmortem').get<boolean>('workspace.index', true)) {
        return void vscode.window.showInformationMessage('The workspace index is off (postmortem.workspace.index): turn it on to export the insights.');
      }
      return exportInsights(client).catch((e: unknown) => void vscode.window.showErrorMessage(`Could not export the insights: ${(e as Error)?.message ?? e}`));
    }),
  );
}
