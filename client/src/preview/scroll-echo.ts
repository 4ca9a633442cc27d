/**
 * Tells the editor's own scrolling from its following the preview. When the preview scrolls, the
 * editor is scrolled to match and reports that scroll, which must not go back to the preview: the
 * editor does not put the line exactly at its top (sticky scroll keeps headings above it, smooth
 * scrolling reports several steps), so it would nudge the preview back. The editor's reports for
 * a short while after each such scroll are taken as its answer. The preview's script does the
 * same the other way round.
 */
export class ScrollEcho<Editor extends object> {
  private readonly until = new WeakMap<Editor, number>();

  /** `ms`: how long an editor takes to report a scroll, smooth scrolling's 125 ms included. */
  constructor(private readonly ms = 250) {}

  /** `editor` is about to be scrolled to follow the preview. */
  scrolling(editor: Editor): void {
    this.until.set(editor, Date.now() + this.ms);
  }

  /** True when `editor`'s scroll is the user's doing, for the preview to follow. */
  isOwn(editor: Editor): boolean {
    return Date.now() >= (this.until.get(editor) ?? 0);
  }
}
