import type { TextEdit } from './diagnostic';
import type { PostMortem } from './model';
import type { Range, SourceText } from './text';
import type { HtmlComment } from './views';

/** A template guidance comment: `<!-- GUIDANCE: … -->`. */
export function isGuidance(comment: HtmlComment): boolean {
  return /^GUIDANCE:/i.test(comment.text);
}

/** The guidance's own words: the comment's text after `GUIDANCE:`. */
export function guidanceText(comment: HtmlComment): string {
  return comment.text.slice('GUIDANCE:'.length).trim();
}

/** The guidance comments and example lines, in document order. */
export function guidanceLeftovers(model: PostMortem): { range: Range; what: string }[] {
  return [
    ...model.comments.filter(isGuidance).map((c) => ({ range: c.range, what: 'Template guidance' })),
    ...model.examples.map((range) => ({ range, what: "The template's example" })),
  ].sort((a, b) => a.range.start.line - b.range.start.line);
}

/** Removes every guidance comment and example line: the "Remove Guidance Comments" command. */
export function removeGuidance(model: PostMortem, src: SourceText): TextEdit[] {
  return guidanceLeftovers(model).map((l) => removal(l.range, src));
}

/**
 * Deletes the text; when it fills its lines, the lines go too, with one blank line after them
 * if a blank line also precedes them, so the paragraphs around close up as they were.
 */
export function removal(r: Range, src: SourceText): TextEdit {
  const before = src.lines[r.start.line].slice(0, r.start.character);
  const after = src.lines[r.end.line].slice(r.end.character);
  if (before.trim() || after.trim()) {
    const start = before.endsWith(' ') && !after.trim() ? r.start.character - 1 : r.start.character;
    return { range: { start: { line: r.start.line, character: start }, end: r.end }, newText: '' };
  }
  let endLine = r.end.line + 1;
  const blankAbove = r.start.line > 0 && !src.lines[r.start.line - 1].trim();
  if (blankAbove && endLine < src.lineCount - 1 && !src.lines[endLine].trim()) endLine++;
  if (endLine >= src.lineCount) return { range: { start: { line: r.start.line, character: 0 }, end: { line: src.lineCount - 1, character: src.lines[src.lineCount - 1].length } }, newText: '' };
  return { range: { start: { line: r.start.line, character: 0 }, end: { line: endLine, character: 0 } }, newText: '' };
}
