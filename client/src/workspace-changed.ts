import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_CHANGED_NOTIFICATION } from '../../shared/protocol';

const events = new WeakMap<LanguageClient, vscode.Event<void>>();

/**
 * Fires when the server says the workspace index changed. The client keeps one handler per
 * notification (a second `onNotification` replaces the first), so the views and the Insights page
 * all listen here.
 */
export function workspaceChanged(client: LanguageClient): vscode.Event<void> {
  let event = events.get(client);
  if (!event) {
    const emitter = new vscode.EventEmitter<void>();
    client.onNotification(WORKSPACE_CHANGED_NOTIFICATION, () => emitter.fire());
    event = emitter.event;
    events.set(client, event);
  }
  return event;
}
