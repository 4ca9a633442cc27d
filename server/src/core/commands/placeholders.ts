import type { Placeholder, PostMortem } from '../model';
import { before } from '../ranges';
import type { TextEdit } from '../diagnostic';
import type { Position } from '../text';

/** The placeholder after (or before) `position` among `all` (in document order), wrapping around. */
export function nearestPlaceholder<P extends Pick<Placeholder, 'range'>>(all: P[], position: Position, direction: 'next' | 'previous'): P | undefined {
  if (direction === 'next') return all.find((p) => before(position, p.range.start)) ?? all[0];
  return [...all].reverse().find((p) => before(p.range.start, position)) ?? all.at(-1);
}

/** Fills every `{{name}}` with `value`: one answer for a name the template repeats (`{{DATE}}`, `{{SEQ}}`). */
export function fillEverywhere(model: PostMortem, name: string, value: string): TextEdit[] {
  return model.placeholders.filter((p) => p.name === name).map((p) => ({ range: p.range, newText: value }));
}
