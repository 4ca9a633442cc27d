import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { OutlineSymbol } from '../core/features/outline';
import type { Session } from './session';

/** The section outline and folding ranges (sections and tables). */
export function registerOutline(session: Session): void {
  const { connection } = session;
  connection.onDocumentSymbol(async ({ textDocument }) => {
    const handle = await session.analysisOf(textDocument);
    return handle.isPostMortem ? (await handle.run('symbols')).map(toDocumentSymbol) : null;
  });
  connection.onFoldingRanges(async ({ textDocument }) => {
    const handle = await session.analysisOf(textDocument);
    return handle.isPostMortem ? handle.run('folding') : null;
  });
}

function toDocumentSymbol({ name, range, selectionRange, children }: OutlineSymbol): DocumentSymbol {
  return { name, kind: SymbolKind.String, range, selectionRange, children: children.map(toDocumentSymbol) };
}
