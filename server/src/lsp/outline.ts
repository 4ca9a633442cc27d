import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { OutlineSymbol } from '../core/features/outline';
import type { Session } from './session';

/** The section outline, folding ranges (sections and tables) and ticket links. */
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
  // Ticket IDs as links, through the document's `ticketUrl` (settings are cached per document).
  connection.onDocumentLinks(async ({ textDocument }) => {
    const handle = await session.analysisOf(textDocument);
    if (!handle.isPostMortem) return null;
    const { config } = await session.settings.forDocument((textDocument as { uri: string }).uri);
    return handle.run('links', config.ticketUrl);
  });
}

function toDocumentSymbol({ name, range, selectionRange, children }: OutlineSymbol): DocumentSymbol {
  return { name, kind: SymbolKind.String, range, selectionRange, children: children.map(toDocumentSymbol) };
}
