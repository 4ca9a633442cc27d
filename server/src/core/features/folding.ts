import type { PostMortem } from '../model';
import type { SourceText } from '../text';
import { sectionRange } from './section-range';

export interface Fold {
  startLine: number;
  endLine: number;
}

/** Every section and every table, each folding to its first line. */
export function foldingRanges(model: PostMortem, src: SourceText): Fold[] {
  const folds = [
    ...model.sections.map((s) => ({ startLine: s.line, endLine: sectionRange(src, s).end.line })),
    ...model.tables.map((t) => ({ startLine: t.startLine, endLine: t.endLine - 1 })),
  ];
  return folds.filter((f) => f.endLine > f.startLine).sort((a, b) => a.startLine - b.startLine);
}
