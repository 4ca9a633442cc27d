import type { PostMortem } from '../model';
import type { Range, SourceText } from '../text';
import type { Finding, Fix, Rule, TextEdit } from '../diagnostic';

/** Template `<!-- GUIDANCE: … -->` comments and `> Example:` lines: a hint in a Draft, a warning once Final. */
export const leftoverGuidance: Rule = {
  id: 'leftover-guidance',
  description: "The template's guidance comments and example lines left in the document.",
  details:
    'The template\'s `<!-- GUIDANCE: … -->` comments and `> Example:` lines left in the document: a hint while the post-mortem is a Draft or In Review, a warning once it is Final or Approved. Fixes remove one, or all of them at once, closing up the blank lines.',
  severity: 'final',
  check({ model, src }) {
    const leftovers = guidanceLeftovers(model);
    const removeAll: Fix = { title: 'Remove all guidance comments and example lines', edits: removeGuidance(model, src), safe: true };
    return leftovers.map(({ range, what }): Finding => ({
      range,
      message: `${what} is still here: remove it once the section is written.`,
      fixes: [{ title: what === 'Template guidance' ? 'Remove this guidance comment' : 'Remove this example', edits: [removal(range, src)] }, ...(leftovers.length > 1 ? [removeAll] : [])],
    }));
  },
};

/** The guidance comments and example lines, in document order. */
function guidanceLeftovers(model: PostMortem): { range: Range; what: string }[] {
  return [
    ...model.comments.filter((c) => /^GUIDANCE:/i.test(c.text)).map((c) => ({ range: c.range, what: 'Template guidance' })),
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
function removal(r: Range, src: SourceText): TextEdit {
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
