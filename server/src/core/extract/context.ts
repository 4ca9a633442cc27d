import type { Token } from 'markdown-it';
import type { Deadline } from '../budget';
import type { Memo } from '../memo';
import type { PostMortem, Section } from '../model';
import type { LineSplice } from '../incremental-parse';
import type { SourceText } from '../text';
import type { TextViews } from '../views';

/** What every extractor reads: the source, its tokens, the blanked views and the section tree. */
export interface DocumentContext {
  src: SourceText;
  tokens: Token[];
  /**
   * The tokens without those inside tables (a table's open and close are kept): what the readers
   * of headings, paragraphs, lists, quotes and fences walk. A table's rows are the model's
   * (extract/tables.ts), and a long table's tokens are most of a document's.
   */
  outline: Token[];
  views: TextViews;
  sections: Section[];
  /** Innermost section of each line (-1 before the first heading). */
  sectionOfLine: Int32Array;
  /** Checked every few hundred rows inside the steps that loop over rows. */
  deadline?: Deadline;
  /** Results kept from the previous version's analysis, by the text they were read from (see memo.ts). */
  memo: Memo;
  /**
   * The previous version's model and the lines its parse read again, when the lines outside them
   * are the previous version's, text and views alike: what was read from such a line alone is kept.
   */
  previous?: { model: PostMortem; splice: LineSplice };
}

/** `tokens` without those inside tables (see DocumentContext.outline). */
export function outlineOf(tokens: Token[]): Token[] {
  const outline: Token[] = [];
  let inTable = false;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === 'table_close') inTable = false;
    if (!inTable) outline.push(tokens[i]);
    if (type === 'table_open') inTable = true;
  }
  return outline;
}

/**
 * The previous version's line that is line `line` of this one, when the line lies outside the
 * lines read again (the same text and view); undefined otherwise.
 */
export function previousLine(ctx: DocumentContext, line: number): number | undefined {
  const splice = ctx.previous?.splice;
  if (!splice) return undefined;
  if (line < splice.from) return line;
  return line >= splice.newTo ? line - splice.newTo + splice.oldTo : undefined;
}

/** Line `line` of a view: the same columns as the source line. */
export function viewLine(_ctx: DocumentContext, view: readonly string[], line: number): string {
  return view[line];
}

/** A view's text from offset `start` to `end` of the source, line breaks as the source writes them. */
export function viewSlice(ctx: DocumentContext, view: readonly string[], start: number, end: number): string {
  const { src } = ctx;
  const parts: string[] = [];
  for (let line = src.positionAt(start).line; line < src.lineCount; line++) {
    const lineStart = src.lineStart(line);
    if (lineStart >= end) break;
    const text = view[line];
    // The line's own columns from the view, its line break from the source.
    const breakEnd = line + 1 < src.lineCount ? src.lineStart(line + 1) : src.text.length;
    const from = Math.max(start, lineStart);
    const to = Math.min(end, breakEnd);
    const textEnd = lineStart + text.length;
    if (from < textEnd) parts.push(text.slice(from - lineStart, Math.min(to, textEnd) - lineStart));
    if (to > textEnd) parts.push(src.text.slice(Math.max(from, textEnd), to));
  }
  return parts.join('');
}

/** The section index a line belongs to, or undefined before the first heading. */
export function sectionAt(ctx: DocumentContext, line: number): number | undefined {
  const index = ctx.sectionOfLine[line];
  return index < 0 ? undefined : index;
}

/** True when the line lies in a section of `kind` or in one of its subsections. */
export function withinKind(ctx: DocumentContext, line: number, kind: Section['kind']): boolean {
  return ancestorOfKind(ctx, sectionAt(ctx, line), kind) !== undefined;
}

export function ancestorOfKind(ctx: DocumentContext, index: number | undefined, kind: Section['kind']): number | undefined {
  for (let i = index; i !== undefined; i = ctx.sections[i].parent) {
    if (ctx.sections[i].kind === kind) return i;
  }
  return undefined;
}

/** A label as a matching key: lower case, punctuation folded to single spaces. */
export function keyOf(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9#]+/g, ' ').trim();
}
