import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RENDER_REQUEST, type RenderParams, type RenderResult, type WebviewShell } from '../../../shared/protocol';

/** The `postmortem.preview` settings for `uri`. Remote images stay off in an untrusted workspace (package.json restricts the setting). */
export function previewSettings(uri: vscode.Uri): { showProblems: boolean; remoteImages: boolean } {
  const settings = vscode.workspace.getConfiguration('postmortem.preview', uri);
  // No fallbacks here: VS Code answers with package.json's defaults, the one place they are written.
  return { showProblems: settings.get<boolean>('showProblems') !== false, remoteImages: settings.get<boolean>('remoteImages') === true };
}

/**
 * The document's preview from the server (the client never parses): its body for the webview, the
 * webview's whole page around it (given the `webview` shell), or the whole page to export. Past
 * due dates are the server's today.
 */
export function render(client: LanguageClient, uri: vscode.Uri, output: { standalone: true } | { webview?: WebviewShell; incremental?: { since?: string } }): Promise<RenderResult> {
  const params: RenderParams = { uri: uri.toString(), ...previewSettings(uri), ...output };
  return client.sendRequest<RenderResult>(RENDER_REQUEST, params);
}
