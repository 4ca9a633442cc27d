import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportInsights } from './export';
import { InsightsPanel } from './panel';

/** Show Insights and Export Insights to HTML. */
export function registerInsights(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panel = new InsightsPanel(context.extensionUri, client);
  context.subscriptions.push(
    panel,
    vscode.commands.registerCommand('postmortem.showInsights', () => panel.show()),
    vscode.commands.registerCommand('postmortem.exportInsights', () =>
      exportInsights(client).catch((e: unknown) => void vscode.window.showErrorMessage(`Could not export the insights: ${(e as Error)?.message ?? e}`)),
    ),
  );
}
