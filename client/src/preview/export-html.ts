import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { render } from './render';

/** Export to HTML: the preview as one self-contained page (the CLI's `postmortem render`), saved where the user says. */
export async function exportHtml(client: LanguageClient, document: vscode.Uri): Promise<void> {
  const { html } = await render(client, document, { standalone: true });
  const name = `${posix.basename(document.path).replace(/\.(?:md|markdown)$/i, '')}.html`;
  // Beside the document; an untitled one has no folder, so the workspace's.
  const folder = document.scheme === 'file' ? vscode.Uri.joinPath(document, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { HTML: ['html', 'htm'] },
    saveLabel: 'Export',
    title: 'Export Post-Mortem to HTML',
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${html}\n`));
  const open = await vscode.window.showInformationMessage(`Exported the post-mortem to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.env.openExternal(target);
}
