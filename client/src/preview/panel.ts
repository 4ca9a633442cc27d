import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ExtensionToPreview, WebviewShell } from '../../../shared/protocol';
import type { PostMortems } from '../post-mortems';
import { previewMessage } from './messages';
import { openLink } from './open-link';
import { render } from './render';
import { ScrollEcho } from './scroll-echo';
import { Throttle } from './throttle';

/** How long edits gather before the preview renders them again. */
const UPDATE_MS = 150;

/**
 * The one preview panel. It shows a post-mortem and follows the active one, like Markdown's
 * preview. The webview gets a whole page when it starts (first shown, shown
 * again after being hidden, which discards it) or switches documents; after that only new bodies
 * as `update` messages, so that it keeps its scroll position: the server sends only the blocks that
 * changed since the render the page shows (`patch`), or a whole body when it no longer has that one
 * or the page asks to `resync`. Every render goes through one
 * throttle, so they never overlap and none is lost.
 */
export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The document to show. */
  private uri: vscode.Uri | undefined;
  /** The document of the page in the webview: until a switch's new page is there, the old page speaks for its own. */
  private page: vscode.Uri | undefined;
  /** The next render must give the webview a new page, not an update. */
  private needsPage = true;
  /** The id of the render last posted to the page: the next update is the differences from it. */
  private shown: string | undefined;
  /** The shown document's line at the top, last either side said: where a new page starts when no editor shows it. */
  private line = 0;
  private readonly throttle = new Throttle(() => this.refresh(), UPDATE_MS, (e) => this.log(e));
  private readonly echo = new ScrollEcho<vscode.TextEditor>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly client: LanguageClient, postMortems: PostMortems) {
    this.disposables = [
      postMortems.onDidChangeActive((analysis) => analysis && this.panel && this.show(vscode.Uri.parse(analysis.uri))),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.panel && same(e.document.uri, this.uri) && this.throttle.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!this.uri || !e.affectsConfiguration('postmortem.preview', this.uri)) return;
        // Remote images change the page's policy, which only a new page can.
        if (e.affectsConfiguration('postmortem.preview.remoteImages', this.uri)) this.renderPage();
        else this.throttle.schedule();
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.editorScrolled(e)),
    ];
  }

  /** The document the preview shows, while it is open. */
  get document(): vscode.Uri | undefined {
    return this.uri;
  }

  /** Shows `uri` in the preview, opening it in `column` or moving it there. */
  open(uri: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean): void {
    if (this.panel) this.panel.reveal(column, preserveFocus);
    else this.panel = this.create(column, preserveFocus);
    this.show(uri);
  }

  dispose(): void {
    this.panel?.dispose();
    this.throttle.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private create(column: vscode.ViewColumn, preserveFocus: boolean): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('postmortem.preview', 'Preview', { viewColumn: column, preserveFocus }, {
      enableScripts: true,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      retainContextWhenHidden: false,
    });
    let visible = panel.visible;
    const listeners = [
      panel.webview.onDidReceiveMessage((data) => this.received(data).catch((e) => this.log(e))),
      panel.onDidChangeViewState(() => {
        // Hidden, the webview was discarded: it starts again from a page.
        if (panel.visible && !visible) this.renderPage();
        visible = panel.visible;
      }),
    ];
    panel.onDidDispose(() => {
      for (const l of listeners) l.dispose();
      this.panel = this.uri = this.page = undefined;
    });
    return panel;
  }

  private show(uri: vscode.Uri): void {
    if (same(uri, this.uri)) return;
    this.uri = uri;
    this.line = 0;
    this.panel!.title = `Preview ${posix.basename(uri.path)}`;
    this.renderPage();
  }

  private renderPage(): void {
    this.needsPage = true;
    this.throttle.now();
  }

  /** Renders the shown document as a page or an update; hidden, nothing (the page is made when it shows again). */
  private async refresh(): Promise<void> {
    const { panel, uri } = this;
    if (!panel?.visible || !uri) return;
    // Failing (the text changed under a large document's render), the page stays to do: the next run makes it.
    const page = this.needsPage;
    const webview = panel.webview;
    const since = page ? undefined : this.shown;
    const result = await render(this.client, uri, page ? { webview: this.shell(webview), incremental: {} } : { incremental: { since } });
    // Another document or a closed panel meanwhile: the switch made its own render.
    if (panel !== this.panel || uri !== this.uri) return;
    this.shown = result.id;
    if (!page) {
      if (result.patch) return this.post({ type: 'patch', version: result.version, id: result.id!, from: result.patch.from, runs: result.patch.runs });
      return this.post({ type: 'update', body: result.html, version: result.version, id: result.id });
    }
    this.needsPage = false;
    webview.html = result.html;
    this.page = uri;
    // VS Code scrolls a new page to where the one before it was: put it where the editor is.
    this.post({ type: 'scroll-to-line', line: this.editors(uri)[0]?.visibleRanges[0]?.start.line ?? this.line });
  }

  /**
   * What the page needs from this host. The page itself is the server's (render/webview.ts, with
   * the export page's image policy and markup); the host gives its origins and a nonce of its own
   * from crypto.randomBytes, fresh for each page, so nothing but this page's stylesheet and script runs.
   */
  private shell(webview: vscode.Webview): WebviewShell {
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return { cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), styleUri: media('preview.css'), scriptUri: media('preview.js') };
  }

  private async received(data: unknown): Promise<void> {
    const message = previewMessage(data);
    const uri = this.page;
    if (!message || !uri) return;
    if (message.type === 'scrolled') {
      this.line = message.line;
      for (const editor of this.editors(uri)) {
        this.echo.scrolling(editor);
        const at = new vscode.Position(message.line, 0);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.AtTop);
      }
    } else if (message.type === 'resync') {
      this.shown = undefined;
      this.throttle.now();
    } else if (message.type === 'reveal') {
      const editor = this.editors(uri)[0];
      const document = editor?.document ?? (await vscode.workspace.openTextDocument(uri));
      const at = document.validatePosition(new vscode.Position(message.line, 0));
      await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? this.panel?.viewColumn, selection: new vscode.Range(at, at) });
    } else {
      await openLink(message.href, uri, this.editors(uri)[0]?.viewColumn, this.client.outputChannel);
    }
  }

  private editorScrolled({ textEditor, visibleRanges }: vscode.TextEditorVisibleRangesChangeEvent): void {
    if (!same(textEditor.document.uri, this.page) || !visibleRanges.length || !this.echo.isOwn(textEditor)) return;
    // Hidden (the editor's tab in front of it), the preview still learns where to start again.
    this.line = visibleRanges[0].start.line;
    if (this.panel?.visible) this.post({ type: 'scroll-to-line', line: this.line });
  }

  private log(error: unknown): void {
    this.client.outputChannel.warn(`Preview: ${(error as Error)?.message ?? error}`);
  }

  private post(message: ExtensionToPreview): void {
    void this.panel?.webview.postMessage(message);
  }

  private editors(uri: vscode.Uri): readonly vscode.TextEditor[] {
    return vscode.window.visibleTextEditors.filter((e) => same(e.document.uri, uri));
  }
}

function same(a: vscode.Uri, b: vscode.Uri | undefined): boolean {
  return a.toString() === b?.toString();
}
