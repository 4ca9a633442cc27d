import type { Section } from '../model';
import type { Range, SourceText } from '../text';

/** A section from its heading to its last non-blank line, so a fold or outline entry ends on content. */
export function sectionRange(src: SourceText, section: Section): Range {
  let last = section.endLine - 1;
  while (last > section.line && !src.lines[last].trim()) last--;
  return { start: { line: section.line, character: 0 }, end: { line: last, character: src.lines[last].length } };
}
