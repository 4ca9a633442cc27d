import { type CodeAction, CodeActionKind } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../../../shared/protocol';
import { toLspDiagnostic } from './diagnostics';
import { optionalObject, optionalStrings } from './params';
import type { Session } from './session';

/** Quick fixes of the diagnostics in the range, and "fix all" as a source action. */
export function registerCodeActions(session: Session): void {
  const { connection } = session;
  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const handle = await session.analysisOf(textDocument, range?.start, range?.end);
    const only = optionalStrings('context.only', optionalObject('context', context)?.only);
    if (!handle.isPostMortem) return null;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) {
      for (const { fix, diagnostics } of await handle.run('quickFixes', range)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostics.map(toLspDiagnostic),
          isPreferred: fix.safe,
          edit: session.workspaceEdit(textDocument.uri, handle.version, fix.edits),
        });
      }
    }
    if (wants(only, FIX_ALL_KIND)) {
      const edits = await handle.run('fixAll');
      if (edits.length) actions.push({ title: 'Fix all safe post-mortem problems', kind: FIX_ALL_KIND, edit: session.workspaceEdit(textDocument.uri, handle.version, edits) });
    }
    return actions;
  });
}

/** Whether a requested kind filter (`only`) admits `kind`: no filter, the kind itself, or a parent of it. */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}
