import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION = 'postmortem-editor.postmortem-editor';

/** Resolves when `uri` has diagnostics from our server that satisfy `ready`. */
function diagnosticsOf(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'postmortem');
  return new Promise((resolve) => {
    if (ready(ours())) return resolve(ours());
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (!ready(ours())) return;
      listener.dispose();
      resolve(ours());
    });
  });
}

function example(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

/** The suite, registered on mocha's TDD globals once index.ts has set them up. */
export function registerTests(): void {
  suite('Post-Mortem Editor in the extension host', () => {
    test('activates on a Markdown document and registers its commands', async () => {
      await vscode.window.showTextDocument(example('2026-04-02-dns-outage-post-mortem.md'));
      const extension = vscode.extensions.getExtension(EXTENSION)!;
      await extension.activate();
      const commands = await vscode.commands.getCommands(true);
      for (const id of ['postmortem.newFromTemplate', 'postmortem.insertSection', 'postmortem.nextPlaceholder', 'postmortem.sortTimeline', 'postmortem.fixAll', 'postmortem.openPreviewToSide', 'postmortem.exportHtml']) {
        assert.ok(commands.includes(id), id);
      }
    });

    test('the draft gets its problems, at their lines; the README gets none', async () => {
      const draft = example('2026-04-02-dns-outage-post-mortem.md');
      await vscode.window.showTextDocument(draft);
      const diagnostics = await diagnosticsOf(draft, (d) => d.length > 0);
      const at = (code: string) => diagnostics.filter((d) => d.code === code || (d.code as { value: string })?.value === code).map((d) => d.range.start.line + 1);
      assert.deepEqual(at('timeline-order'), [60]);
      assert.deepEqual(at('metric-mismatch'), [64]);
      assert.deepEqual(at('unresolved-choice'), [46, 84]);
      await vscode.window.showTextDocument(example('README.md'));
      assert.deepEqual(vscode.languages.getDiagnostics(example('README.md')).filter((d) => d.source === 'postmortem'), []);
    });

    test('Go to Next Placeholder selects the first placeholder', async () => {
      const editor = await vscode.window.showTextDocument(example('2026-04-02-dns-outage-post-mortem.md'));
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('postmortem.nextPlaceholder');
      assert.equal(editor.document.getText(editor.selection), '{{AUTHOR}}');
    });

    test('the pm-action snippet is contributed for Markdown', async () => {
      const editor = await vscode.window.showTextDocument(example('2026-04-02-dns-outage-post-mortem.md'));
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const items = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end, 'p');
      assert.ok(items.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'pm-action'));
    });
  });
}
