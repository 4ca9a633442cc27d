import { MarkupKind } from 'vscode-languageserver';
import type { Session } from './session';

export function registerHover(session: Session): void {
  session.connection.onHover(async ({ textDocument, position }) => {
    const handle = await session.analysisOf(textDocument, position);
    const hover = handle.isPostMortem ? await handle.run('hover', position) : undefined;
    return hover ? { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: hover.range } : null;
  });
}
