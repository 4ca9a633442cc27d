import type { PostMortem } from '../model';
import type { Range, SourceText } from '../text';
import { sectionName } from '../extract/sections';
import { sectionRange } from './section-range';

export interface OutlineSymbol {
  name: string;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** The heading tree: the H1, its numbered sections, their subsections. */
export function outline(model: PostMortem, src: SourceText): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const symbols: OutlineSymbol[] = [];
  for (const section of model.sections) {
    // Editors reject empty names, and a heading being typed (`## `) has none yet.
    const symbol = { name: sectionName(section) || '(untitled)', range: sectionRange(src, section), selectionRange: section.range, children: [] };
    symbols.push(symbol);
    (section.parent === undefined ? roots : symbols[section.parent].children).push(symbol);
  }
  return roots;
}
