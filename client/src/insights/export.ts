import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_INSIGHTS_REQUEST, type WorkspaceInsightsParams, type WorkspaceInsightsResult } from '../../../shared/protocol';

/**
 * Export Insights to HTML: the Insights as one self-contained page (inline stylesheet, no script,
 * light and dark by the reader's colour scheme), its links to the post-mortems relative to where
 * it is saved.
 */
export async function exportInsights(client: LanguageClient): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'post-mortem-insights.html') : undefined,
    filters: { HTML: ['html', 'htm'] },
    saveLabel: 'Export',
    title: 'Export Insights to HTML',
  });
  if (!target) return;
  const base = target.scheme === 'file' ? vscode.Uri.joinPath(target, '..').toString() : undefined;
  const { html } = await client.sendRequest<WorkspaceInsightsResult>(WORKSPACE_INSIGHTS_REQUEST, { standalone: base === undefined ? {} : { base } } satisfies WorkspaceInsightsParams);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${html}\n`));
  const open = await vscode.window.showInformationMessage(`Exported the insights to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.env.openExternal(target);
}
