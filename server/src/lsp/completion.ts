import { type CompletionItem, CompletionItemKind } from 'vscode-languageserver';
import { localDate } from '../core/iso-date';
import { type SlotKind, mayComplete } from '../core/features/completion';
import type { Session } from './session';

const KIND: Record<SlotKind, CompletionItemKind> = {
  owner: CompletionItemKind.Value,
  date: CompletionItemKind.Value,
  severity: CompletionItemKind.EnumMember,
  status: CompletionItemKind.EnumMember,
  priority: CompletionItemKind.EnumMember,
  choice: CompletionItemKind.EnumMember,
  section: CompletionItemKind.Module,
};

export function registerCompletion(session: Session): void {
  session.connection.onCompletion(async ({ textDocument, position }): Promise<CompletionItem[] | null> => {
    // Typing a space triggers a request: in prose, answer without analysing the text just typed.
    const line = session.document(textDocument, position).getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
    if (!mayComplete(line)) return null;
    const handle = await session.analysisOf(textDocument, position);
    if (!handle.isPostMortem) return null;
    const { config } = await session.settings.forDocument(textDocument.uri);
    const found = await handle.run('completion', position, { today: localDate(new Date()), config });
    if (!found) return null;
    // Kept in the order the core gives (configured owners first, P0 before P4).
    return found.values.map((value, i) => ({
      label: value,
      kind: KIND[found.kind],
      sortText: String(i).padStart(4, '0'),
      filterText: found.filterText,
      textEdit: { range: found.range, newText: value },
    }));
  });
}
