import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ANALYSIS_REQUEST,
  type AnalysisResult,
  CHECK_NEW_DOCUMENT_REQUEST,
  type CheckNewDocumentParams,
  type CheckNewDocumentResult,
  NEW_DOCUMENT_FORM_REQUEST,
  NEW_DOCUMENT_REQUEST,
  type NewDocumentFormParams,
  type NewDocumentFormResult,
  type NewDocumentParams,
  type NewDocumentResult,
  SERVER_COMMANDS,
} from '../../shared/protocol';
import { nearestPlaceholder } from './placeholders';
import type { PostMortems } from './post-mortems';

/**
 * The commands that need the user's input (which section, which status, what value) or move the
 * cursor. The edits themselves are the server's: these commands only ask, then call it. The
 * server's own commands (fix all, sort timeline, update metrics, remove guidance) are registered
 * by the language client and act on the active editor.
 */
export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, postMortems: PostMortems): void {
  const commands: Record<string, () => Promise<unknown>> = {
    'postmortem.newFromTemplate': () => newFromTemplate(client),
    'postmortem.insertSection': () => withPostMortem(postMortems, insertSection),
    'postmortem.setStatus': () => withPostMortem(postMortems, setStatus),
    'postmortem.fillPlaceholder': () => withPostMortem(postMortems, fillPlaceholder),
    'postmortem.nextPlaceholder': () => withPostMortem(postMortems, (editor, analysis) => goToPlaceholder(editor, analysis, 'next')),
    'postmortem.previousPlaceholder': () => withPostMortem(postMortems, (editor, analysis) => goToPlaceholder(editor, analysis, 'previous')),
  };
  for (const [id, run] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

/** Runs `command` on the active editor's post-mortem, with the analysis of exactly its current text. */
async function withPostMortem(postMortems: PostMortems, command: (editor: vscode.TextEditor, analysis: AnalysisResult) => Promise<unknown>): Promise<unknown> {
  const editor = vscode.window.activeTextEditor;
  const analysis = editor && (await postMortems.analysis(editor.document.uri));
  if (!editor || !analysis?.isPostMortem) return vscode.window.showInformationMessage('Open a post-mortem to use this command.');
  return command(editor, analysis);
}

async function newFromTemplate(client: LanguageClient): Promise<void> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  // Where it goes, the severities the nearest `.postmortemrc.json` there allows, the answers to start from: the server's.
  const formParams: NewDocumentFormParams = root ? { workspaceFolder: root.toString(), folder: vscode.workspace.getConfiguration('postmortem', root).get<string>('newDocument.folder') } : {};
  let form: NewDocumentFormResult;
  try {
    form = await client.sendRequest<NewDocumentFormResult>(NEW_DOCUMENT_FORM_REQUEST, formParams);
  } catch (e) {
    return void vscode.window.showErrorMessage((e as Error).message);
  }
  const check = async (answer: CheckNewDocumentParams) => {
    const { problems } = await client.sendRequest<CheckNewDocumentResult>(CHECK_NEW_DOCUMENT_REQUEST, answer);
    return Object.values(problems)[0];
  };
  const params = await askNewDocument(form, check);
  if (!params) return;
  // From the team's own template where the document goes, when it has one.
  const { text } = await client.sendRequest<NewDocumentResult>(NEW_DOCUMENT_REQUEST, form.folderUri ? { ...params, folderUri: form.folderUri } : params);
  let document: vscode.TextDocument;
  if (form.folderUri) {
    const uri = vscode.Uri.joinPath(vscode.Uri.parse(form.folderUri), `${params.incidentId}.md`);
    if (await exists(uri)) {
      const open = await vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} already exists.`, 'Open It');
      if (open) await vscode.window.showTextDocument(uri);
      return;
    }
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  }
  const editor = await vscode.window.showTextDocument(document);
  const analysis = await client.sendRequest<AnalysisResult>(ANALYSIS_REQUEST, { uri: document.uri.toString() });
  select(editor, analysis.placeholders[0]?.range);
}

/** Incident ID, severity (of the vocabulary where it is written), title and incident date, each checked by the server as it is typed. */
async function askNewDocument(
  { vocabulary, defaults }: NewDocumentFormResult,
  check: (answer: CheckNewDocumentParams) => Promise<string | undefined>,
): Promise<NewDocumentParams | undefined> {
  const title = (step: number) => `New Post-Mortem (${step}/4)`;
  const incidentId = await vscode.window.showInputBox({
    title: title(1),
    prompt: 'Incident ID',
    value: defaults.incidentId,
    valueSelection: [defaults.incidentId.length, defaults.incidentId.length],
    validateInput: (v) => check({ incidentId: v }),
    ignoreFocusOut: true,
  });
  if (!incidentId) return undefined;
  const severity = await vscode.window.showQuickPick(vocabulary.severities, { title: title(2), placeHolder: 'Severity', ignoreFocusOut: true });
  if (!severity) return undefined;
  const name = await vscode.window.showInputBox({
    title: title(3),
    prompt: 'Title: what happened, in a few words',
    validateInput: (v) => check({ title: v }),
    ignoreFocusOut: true,
  });
  if (!name) return undefined;
  const incidentDate = await vscode.window.showInputBox({
    title: title(4),
    prompt: 'Incident date (YYYY-MM-DD)',
    value: defaults.incidentDate,
    validateInput: (v) => check({ incidentDate: v }),
    ignoreFocusOut: true,
  });
  if (!incidentDate) return undefined;
  return { incidentId: incidentId.trim(), severity, title: name.trim(), incidentDate: incidentDate.trim() };
}

/** A quick pick of the template's sections, missing ones first; the server inserts it in template order. */
async function insertSection(editor: vscode.TextEditor, analysis: AnalysisResult): Promise<void> {
  const items = [...analysis.sections]
    .sort((a, b) => Number(a.present) - Number(b.present))
    .map((s) => ({ label: s.name, description: s.present ? 'already in the document' : 'missing' }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Insert Section', placeHolder: 'Section of the template to insert' });
  if (!pick) return;
  await vscode.commands.executeCommand(SERVER_COMMANDS.insertSection, editor.document.uri.toString(), pick.label);
  // The heading the server inserted: the last one with this name, as a present section was there already.
  const heading = `## ${pick.label}`;
  const line = editor.document.getText().split(/\r?\n/).lastIndexOf(heading);
  if (line >= 0) select(editor, new vscode.Range(line, 0, line, heading.length));
}

/** The document's statuses (Draft → In Review → Final → Approved); leaving Draft lists what still blocks and asks to go on. */
async function setStatus(editor: vscode.TextEditor, analysis: AnalysisResult): Promise<void> {
  const items = analysis.vocabulary.statuses.map((s) => ({ label: s, description: s === analysis.status ? 'current' : undefined }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Set Status', placeHolder: `The post-mortem is ${analysis.status}` });
  if (!pick || pick.label === analysis.status) return;
  if (pick.label !== 'Draft' && analysis.blockers.length) {
    const go = await vscode.window.showWarningMessage(
      `Before the post-mortem is ${pick.label}: ${analysis.blockers.join(', ')}.`,
      { modal: true, detail: 'Set the status anyway?' },
      `Set to ${pick.label}`,
    );
    if (!go) return;
  }
  await vscode.commands.executeCommand(SERVER_COMMANDS.setStatus, editor.document.uri.toString(), pick.label);
}

/** One answer for every `{{NAME}}`: the placeholder under the cursor, or one picked from the list. */
async function fillPlaceholder(editor: vscode.TextEditor, analysis: AnalysisResult): Promise<void> {
  const counts = new Map<string, number>();
  for (const p of analysis.placeholders) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  if (!counts.size) return void vscode.window.showInformationMessage('No placeholders left to fill.');
  const cursor = editor.selection.active;
  let name = analysis.placeholders.find((p) => toRange(p.range).contains(cursor))?.name;
  if (!name) {
    const items = [...counts].map(([n, count]) => ({ label: `{{${n}}}`, description: count > 1 ? `${count} places` : undefined, name: n }));
    name = (await vscode.window.showQuickPick(items, { title: 'Fill Placeholder Everywhere', placeHolder: 'Placeholder to fill' }))?.name;
    if (!name) return;
  }
  const count = counts.get(name)!;
  const value = await vscode.window.showInputBox({
    title: 'Fill Placeholder Everywhere',
    prompt: `Value for {{${name}}}${count > 1 ? ` (${count} places)` : ''}`,
    validateInput: (v) => (v.trim() ? undefined : 'Type the value to fill in'),
  });
  if (!value) return;
  await vscode.commands.executeCommand(SERVER_COMMANDS.fillPlaceholder, editor.document.uri.toString(), name, value.trim());
}

async function goToPlaceholder(editor: vscode.TextEditor, analysis: AnalysisResult, direction: 'next' | 'previous'): Promise<void> {
  const target = nearestPlaceholder(analysis.placeholders, direction === 'next' ? editor.selection.end : editor.selection.start, direction);
  if (!target) return void vscode.window.setStatusBarMessage('No placeholders left', 3000);
  select(editor, target.range);
}

function select(editor: vscode.TextEditor, range: vscode.Range | AnalysisResult['placeholders'][number]['range'] | undefined): void {
  if (!range) return;
  const r = range instanceof vscode.Range ? range : toRange(range);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function toRange(r: AnalysisResult['placeholders'][number]['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
