import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_INSIGHTS_REQUEST, type ExtensionToInsights, type WebviewShell, type WorkspaceInsightsParams, type WorkspaceInsightsResult } from '../../../shared/protocol';
import { workspaceChanged } from '../workspace-changed';
import { insightsMessage, insightsTarget } from './messages';

/**
 * The Insights panel: a webview that hosts the page the server renders (render/insights.ts) under
 * the preview's rules: its nonce'd script (media/insights.js) and stylesheet only, no inline
 * handlers, resources from media/ only. When the index changes, the server's new body is posted
 * to the page, which keeps its scroll position; a link to a post-mortem comes back as a message
 * and opens the file at its line.
 */
export class InsightsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[];
  /** Renders in order: a newer one makes an older one's answer moot. */
  private request = 0;

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient) {
    this.disposables = [workspaceChanged(client)(() => this.panel?.visible && void this.refresh(false))];
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel('postmortem.insights', 'Post-Mortem Insights', vscode.ViewColumn.Active, {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    let visible = panel.visible;
    const listeners = [
      panel.webview.onDidReceiveMessage((data) => this.received(data).catch((e) => this.log(e))),
      panel.onDidChangeViewState(() => {
        // Hidden, the webview was discarded: it starts again from a page.
        if (panel.visible && !visible) void this.refresh(true);
        visible = panel.visible;
      }),
    ];
    panel.onDidDispose(() => {
      for (const l of listeners) l.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
    void this.refresh(true);
  }

  /** A whole page, or a new body posted to the page shown. */
  private async refresh(page: boolean): Promise<void> {
    const panel = this.panel;
    if (!panel) return;
    const request = ++this.request;
    const params: WorkspaceInsightsParams = page ? { webview: this.shell(panel.webview) } : {};
    const result = await this.client.sendRequest<WorkspaceInsightsResult>(WORKSPACE_INSIGHTS_REQUEST, params).catch((e: unknown) => this.log(e));
    if (!result || request !== this.request || panel !== this.panel) return;
    if (page) panel.webview.html = result.html;
    else void panel.webview.postMessage({ type: 'update', body: result.html } satisfies ExtensionToInsights);
  }

  /** The host's origin, the page's script and a nonce of its own, fresh for each page. */
  private shell(webview: vscode.Webview): WebviewShell {
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return { cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), styleUri: media('preview.css'), scriptUri: media('insights.js') };
  }

  private async received(data: unknown): Promise<void> {
    const message = insightsMessage(data);
    if (!message) return;
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.path);
    const path = insightsTarget(message.uri, folders);
    if (path === undefined) return void this.client.outputChannel.warn(`Insights: did not open ${JSON.stringify(message.uri)}: not a file of the workspace.`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'file', path }));
    const at = document.validatePosition(new vscode.Position(message.line, 0));
    const row = document.lineAt(at.line).range;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Selection(row.start, row.end) });
    editor.revealRange(row, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private log(error: unknown): undefined {
    this.client.outputChannel.warn(`Insights: ${(error as Error)?.message ?? error}`);
    return undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
