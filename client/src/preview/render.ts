import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { localDate } from '../../../server/src/core/iso-date';
import { RENDER_REQUEST, type RenderParams, type RenderResult } from '../../../server/src/protocol';

/** The `postmortem.preview` settings for `uri`. Remote images stay off in an untrusted workspace (package.json restricts the setting). */
export function previewSettings(uri: vscode.Uri): { showProblems: boolean; remoteImages: boolean } {
  const settings = vscode.workspace.getConfiguration('postmortem.preview', uri);
  return { showProblems: settings.get<boolean>('showProblems', true), remoteImages: settings.get<boolean>('remoteImages', false) === true };
}

/** The document's preview from the server (the client never parses): its body for the webview, or the whole page to export. */
export function render(client: LanguageClient, uri: vscode.Uri, standalone: boolean): Promise<RenderResult> {
  const params: RenderParams = { uri: uri.toString(), today: localDate(new Date()), ...previewSettings(uri), standalone };
  return client.sendRequest<RenderResult>(RENDER_REQUEST, params);
}
