import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ANALYSIS_REQUEST, type AnalysisParams, type AnalysisResult } from '../../shared/protocol';

/**
 * The analysis of the active editor's document, from the server (the client never parses): kept
 * fresh as the active editor changes and as the server republishes its diagnostics, and mirrored
 * in the `postmortem.isPostMortem` context key that menus and keybindings use.
 */
export class PostMortems implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AnalysisResult | undefined>();
  /** Fires with the active document's analysis, or undefined when it is not a post-mortem. */
  readonly onDidChangeActive = this.changed.event;
  private current: AnalysisResult | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private request = 0;
  private typing: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      // Diagnostics may not change when a time does; the metrics still do.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document) return;
        clearTimeout(this.typing);
        this.typing = setTimeout(() => void this.refresh(), 300);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) void this.refresh();
      }),
    );
    void this.refresh();
  }

  get active(): AnalysisResult | undefined {
    return this.current;
  }

  /** The analysis of any open document, asked for now. */
  analysis(uri: vscode.Uri): Promise<AnalysisResult> {
    return this.client.sendRequest<AnalysisResult>(ANALYSIS_REQUEST, { uri: uri.toString() } satisfies AnalysisParams);
  }

  async refresh(): Promise<void> {
    const request = ++this.request;
    const doc = vscode.window.activeTextEditor?.document;
    let result: AnalysisResult | undefined;
    if (doc?.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled')) {
      result = await this.analysis(doc.uri).catch(() => undefined);
    }
    // A newer refresh has started meanwhile: it speaks for the active editor.
    if (request !== this.request) return;
    this.current = result?.isPostMortem ? result : undefined;
    await vscode.commands.executeCommand('setContext', 'postmortem.isPostMortem', this.current !== undefined);
    this.changed.fire(this.current);
  }

  dispose(): void {
    clearTimeout(this.typing);
    for (const d of this.disposables) d.dispose();
  }
}
