import * as vscode from 'vscode';
import type { AnalysisResult } from '../../shared/protocol';
import type { PostMortems } from './post-mortems';
import { statusBarText } from './status-bar-text';

/** Completeness and MTTR of the active post-mortem, on the right with the other facts about the file; a click opens the preview. */
export function registerStatusBar(context: vscode.ExtensionContext, postMortems: PostMortems): void {
  const item = vscode.window.createStatusBarItem('postmortem.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Post-Mortem';
  item.command = 'postmortem.openPreviewToSide';
  const show = (analysis: AnalysisResult | undefined) => {
    if (!analysis) return item.hide();
    const { text, tooltip, label } = statusBarText(analysis);
    item.text = text;
    item.tooltip = new vscode.MarkdownString(tooltip);
    item.accessibilityInformation = { label };
    item.show();
  };
  show(postMortems.active);
  context.subscriptions.push(item, postMortems.onDidChangeActive(show));
}
