import type { Session } from './session';

/** The computed metrics above the timeline; the lens only informs, so its command does nothing. */
export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(async ({ textDocument }) => {
    const handle = await session.analysisOf(textDocument);
    const lens = handle.isPostMortem ? await handle.run('codeLens') : undefined;
    if (!lens) return [];
    const at = { line: lens.line, character: 0 };
    return [{ range: { start: at, end: at }, command: { title: lens.title, command: '' } }];
  });
}
