import * as vscode from 'vscode';
import { linkTarget } from './links';

/** Follows a link clicked in the preview of `document`, if it is one to follow (see links.ts); a refused one is logged. */
export async function openLink(href: string, document: vscode.Uri, column: vscode.ViewColumn | undefined, log: vscode.LogOutputChannel): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.path);
  const target = linkTarget(href, document, folders);
  if (target.kind === 'external') await vscode.env.openExternal(vscode.Uri.parse(target.href));
  else if (target.kind === 'file') await vscode.commands.executeCommand('vscode.open', vscode.Uri.from({ scheme: 'file', path: target.path }), column);
  else if (target.kind === 'refused') log.warn(`Preview: did not open the link ${JSON.stringify(href)}: ${target.reason}.`);
}
