import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { localDate } from '../../../server/src/core/calendar';
import { RENDER_REQUEST, type RenderParams, type RenderResult } from '../../../server/src/protocol';

/** The document's preview from the server (the client never parses): its body for the webview, or the whole page to export. */
export function render(client: LanguageClient, uri: vscode.Uri, standalone: boolean): Promise<RenderResult> {
  const showProblems = vscode.workspace.getConfiguration('postmortem.preview', uri).get<boolean>('showProblems', true);
  const params: RenderParams = { uri: uri.toString(), today: localDate(new Date()), showProblems, standalone };
  return client.sendRequest<RenderResult>(RENDER_REQUEST, params);
}
