import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lineOf } from '../../paths';

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

let copies = 0;

/** A fresh copy of the draft, open in the editor with its diagnostics in: each test edits its own. */
async function draftCopy(): Promise<vscode.TextEditor> {
  const text = await vscode.workspace.fs.readFile(example('2026-04-02-dns-outage-post-mortem.md'));
  const uri = example(`host-${++copies}-post-mortem.md`);
  await vscode.workspace.fs.writeFile(uri, text);
  const editor = await vscode.window.showTextDocument(uri);
  await diagnosticsOf(uri, (d) => d.length > 0);
  return editor;
}

/** Replaces `window[name]` with `answer` until the test ends (the UI a command would show). */
const stubs: (() => void)[] = [];
function answer<K extends keyof typeof vscode.window>(name: K, reply: (...args: never[]) => unknown): void {
  const window = vscode.window as unknown as Record<string, unknown>;
  const original = window[name];
  window[name] = async (...args: never[]) => reply(...args);
  stubs.push(() => (window[name] = original));
}

/** The suite, registered on mocha's TDD globals once index.ts has set them up. */
export function registerTests(): void {
  suite('Post-Mortem Editor in the extension host', () => {
    teardown(() => {
      for (const restore of stubs.splice(0)) restore();
    });

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
      const editor = await vscode.window.showTextDocument(draft);
      const diagnostics = await diagnosticsOf(draft, (d) => d.length > 0);
      const at = (code: string) => diagnostics.filter((d) => d.code === code || (d.code as { value: string })?.value === code).map((d) => d.range.start.line);
      const line = (start: string) => lineOf(editor.document.getText(), start);
      assert.deepEqual(at('timeline-order'), [line('| 09:45 | War room opened')]);
      assert.deepEqual(at('metric-mismatch'), [line('**MTTD (Mean Time to Detect):**')]);
      assert.deepEqual(at('unresolved-choice'), [line('| **SLA breach**'), line('| Config push had no canary stage')]);
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

    test('Insert Section… offers the missing sections first and inserts the one picked where the template has it', async () => {
      const editor = await draftCopy();
      let offered: string[] = [];
      answer('showQuickPick', (items: readonly vscode.QuickPickItem[]) => {
        offered = items.map((i) => i.label);
        return items.find((i) => i.label === 'Related Documents');
      });
      await vscode.commands.executeCommand('postmortem.insertSection');
      assert.deepEqual(offered.slice(0, 2), ['Blameless Culture Statement', 'Related Documents']);
      const lines = editor.document.getText().split('\n');
      const at = lines.indexOf('## Related Documents');
      assert.ok(at > lines.indexOf('## 12. Review & Sign-Off') && at < lines.indexOf('## Approval'));
      assert.equal(editor.document.getText(editor.selection), '## Related Documents');
    });

    test('Set Status… lists what blocks leaving Draft, then sets the status everywhere it is written', async () => {
      const editor = await draftCopy();
      let warning = '';
      answer('showQuickPick', () => ({ label: 'In Review' }));
      answer('showWarningMessage', (message: string) => {
        warning = message;
        return 'Set to In Review';
      });
      await vscode.commands.executeCommand('postmortem.setStatus');
      assert.match(warning, /^Before the post-mortem is In Review: 10 placeholders not filled in, 3 action items without an owner, 1 timeline entry out of order/);
      const text = editor.document.getText();
      assert.ok(text.includes('> **Status:** In Review') && text.includes('| **Status** | In Review |'));
    });

    test('Fill Placeholder Everywhere fills the placeholder under the cursor', async () => {
      const editor = await draftCopy();
      const author = lineOf(editor.document.getText(), '> **Author:**');
      // The cursor inside {{AUTHOR}}.
      const inside = editor.document.lineAt(author).text.indexOf('{{AUTHOR}}') + 3;
      editor.selection = new vscode.Selection(author, inside, author, inside);
      answer('showInputBox', () => 'Jordan Lee');
      await vscode.commands.executeCommand('postmortem.fillPlaceholder');
      assert.equal(editor.document.lineAt(author).text, '> **Author:** Jordan Lee');
    });

    test('Sort Timeline and Update Stated Metrics from the palette act on the active editor', async () => {
      const editor = await draftCopy();
      // Where the out-of-order row stands, which the sort gives to the row it belongs after; the stated MTTD.
      const outOfOrder = lineOf(editor.document.getText(), '| 09:45 | War room opened');
      const mttd = lineOf(editor.document.getText(), '**MTTD (Mean Time to Detect):**');
      await vscode.commands.executeCommand('postmortem.sortTimeline');
      await vscode.commands.executeCommand('postmortem.updateMetrics');
      assert.deepEqual([outOfOrder, mttd].map((l) => editor.document.lineAt(l).text), ['| 09:58 | Missing forwarders found in the resolver config | ← Root cause identified |', '**MTTD (Mean Time to Detect):** 19 minutes']);
      await vscode.commands.executeCommand('undo');
      assert.equal(editor.document.lineAt(mttd).text, '**MTTD (Mean Time to Detect):** 15 minutes', 'one undo step per command');
    });

    test('New Post-Mortem from Template offers the severities of the .postmortemrc.json where it writes, and the server checks the answers', async () => {
      const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'postmortems');
      const rc = vscode.Uri.joinPath(folder, '.postmortemrc.json');
      const written = vscode.Uri.joinPath(folder, 'INC-2026-901.md');
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(rc, new TextEncoder().encode(JSON.stringify({ severities: ['SEV1', 'SEV2'] })));
      try {
        let offered: string[] = [];
        let idProblem: unknown;
        answer('showInputBox', async (options: vscode.InputBoxOptions) => {
          if (options.prompt === 'Incident ID') {
            idProblem = await options.validateInput!('INC-2026-');
            return 'INC-2026-901';
          }
          return options.prompt!.startsWith('Title') ? 'Host test' : '2026-05-04';
        });
        answer('showQuickPick', (items: readonly string[]) => {
          offered = [...items];
          return 'SEV2';
        });
        await vscode.commands.executeCommand('postmortem.newFromTemplate');
        assert.deepEqual(offered, ['SEV1', 'SEV2']);
        assert.equal(idProblem, 'Write the incident ID as INC-YYYY-SEQ, like INC-2026-042');
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(written));
        assert.match(text, /^\| \*\*Severity\*\* \| SEV2 \|$/m);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        for (const uri of [rc, written]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      }
    });

    test('Export to HTML writes the preview as one page where the save dialog says', async () => {
      const editor = await draftCopy();
      const target = vscode.Uri.joinPath(editor.document.uri, '..', `exported-${copies}.html`);
      answer('showSaveDialog', () => target);
      answer('showInformationMessage', () => undefined);
      let failure = '';
      answer('showErrorMessage', (message: string) => void (failure = message));
      await vscode.commands.executeCommand('postmortem.exportHtml');
      assert.equal(failure, '');
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(html, /^<!doctype html>/i);
      assert.match(html, /data-metric="mttd"[^>]*data-minutes="19"/);
    });
  });
}
