import type { Position, Range } from '../../shared/protocol';

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/**
 * The placeholder after (or before) `position` among `all` (the analysis's, in document order),
 * wrapping around: only a comparison of the ranges the server gave.
 */
export function nearestPlaceholder<P extends { range: Range }>(all: P[], position: Position, direction: 'next' | 'previous'): P | undefined {
  if (direction === 'next') return all.find((p) => before(position, p.range.start)) ?? all[0];
  return [...all].reverse().find((p) => before(p.range.start, position)) ?? all.at(-1);
}
