import type { Position, Range } from './text';

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when `inner` lies within `outer`. */
export function contains(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** Ranges filed by line, so that testing many ranges against many others stays linear. */
export class RangesByLine {
  private readonly byLine = new Map<number, Range[]>();

  constructor(ranges: Iterable<Range>) {
    for (const r of ranges) {
      for (let line = r.start.line; line <= r.end.line; line++) {
        const list = this.byLine.get(line);
        if (list) list.push(r);
        else this.byLine.set(line, [r]);
      }
    }
  }

  /** True when one of the ranges contains `inner`. */
  contain(inner: Range): boolean {
    return this.byLine.get(inner.start.line)?.some((r) => contains(r, inner)) ?? false;
  }

  /** True when one of the ranges lies within `outer`. */
  within(outer: Range): boolean {
    return this.byLine.get(outer.start.line)?.some((r) => contains(outer, r)) ?? false;
  }
}
