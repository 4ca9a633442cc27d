import type { TableRow } from '../model';
import { type Memo, keptOn } from '../memo';

/**
 * A run of a table's rows that the readers of a long table read as one: what they read from it is
 * kept with the part (an object), so a keystroke in a 1,500-row timeline reads its own part again
 * and takes every other part's reading whole, not row by row.
 */
export interface RowPart {
  readonly rows: readonly TableRow[];
}

/** A part has at least this many rows and at most `PART_MAX`; a table of fewer rows is one part. */
const PART_MIN = 8;
const PART_MAX = 32;

/**
 * A table's rows in parts. Where a part ends depends on its rows' text (a content-defined chunker's
 * rule), so a row edited, inserted or deleted makes its own part new and leaves the parts after it
 * as they were. A part is the previous version's object while its rows are the same objects (a row
 * is kept only while its line and text are: see extract/tables.ts), so what was read from it holds.
 * A one-off analysis keeps nothing: its table is one part. Every part has a row at least.
 */
export function rowParts(rows: readonly TableRow[], memo: Memo): readonly RowPart[] {
  if (!rows.length) return [];
  const kept = memo.byKept<TableRow, RowPart>('row-parts');
  if (!kept || rows.length <= PART_MIN) return [{ rows }];
  const parts: RowPart[] = [];
  for (let i = 0; i < rows.length; ) {
    const before = kept.get(rows[i]);
    if (before && sameRows(before.rows, rows, i)) {
      parts.push(before);
      i += before.rows.length;
      continue;
    }
    const moved = movedPart(rows, i, kept, memo);
    if (moved) {
      kept.set(rows[i], moved);
      parts.push(moved);
      i += moved.rows.length;
      continue;
    }
    let end = i + 1;
    while (end < rows.length && end - i < PART_MAX && !(end - i >= PART_MIN && endsPart(rows[end - 1]))) end++;
    const part: RowPart = { rows: rows.slice(i, end) };
    kept.set(rows[i], part);
    parts.push(part);
    i = end;
  }
  return parts;
}

/**
 * What a reader read from each part, kept with the part while it is, for the same `key` (whatever
 * else the reading depends on: a table's columns, the document's settings). A one-off analysis
 * keeps nothing.
 */
export class PartReadings<V> {
  /** Each part's reading is a property of the part, not a weak map's entry (see KeptWith). */
  private readonly slot = Symbol('reading');

  /**
   * `shift`, when given: the reading of a part moved by `delta` lines from the reading of the part
   * it was (the same rows, texts and views, as extract/tables.ts keeps a moved row), so that a line
   * typed above a long table shifts what was read from it instead of reading it again.
   */
  get(memo: Memo, part: RowPart, key: string, read: (part: RowPart) => V, shift?: (value: V, delta: number, part: RowPart) => V): V {
    const kept = this.keptOf(part);
    if (kept?.key === key) return kept.value;
    const move = shift && memo.moved.get(part);
    const before = move && this.keptOf(move.from as RowPart);
    const value = before?.key === key ? shift!(before.value, move!.delta, part) : read(part);
    if (memo.enabled) keptOn(part, this.slot, { key, value });
    return value;
  }

  private keptOf(part: RowPart): { key: string; value: V } | undefined {
    return (part as unknown as Record<symbol, { key: string; value: V } | undefined>)[this.slot];
  }
}

/**
 * A part of the previous version whose rows all moved by the same number of lines to `rows` from
 * `from` on (a line typed above them): a new part of those rows, noted as that part moved, whose
 * readings are the old part's shifted (PartReadings); undefined when there is none.
 */
function movedPart(rows: readonly TableRow[], from: number, kept: WeakMap<TableRow, RowPart>, memo: Memo): RowPart | undefined {
  const first = memo.moved.get(rows[from]);
  const before = first && kept.get(first.from as TableRow);
  if (!first || !before || from + before.rows.length > rows.length) return undefined;
  for (let k = 1; k < before.rows.length; k++) {
    const move = memo.moved.get(rows[from + k]);
    if (move?.from !== before.rows[k] || move.delta !== first.delta) return undefined;
  }
  const part: RowPart = { rows: rows.slice(from, from + before.rows.length) };
  memo.moved.set(part, { from: before, delta: first.delta });
  return part;
}

function sameRows(part: readonly TableRow[], rows: readonly TableRow[], from: number): boolean {
  if (from + part.length > rows.length) return false;
  for (let k = 0; k < part.length; k++) if (part[k] !== rows[from + k]) return false;
  return true;
}

/**
 * Whether a part may end after this row: one row in eight, by an FNV-1a hash of its cells' text.
 * Hashed anew each time, not kept with the row: only the rows of a part made anew are asked, and
 * a weak map's entry for each row a line moved cost far more in V8's full collections (see KeptWith).
 */
function endsPart(row: TableRow): boolean {
  let h = 0x811c9dc5;
  for (const cell of row.cells) {
    for (let c = 0; c < cell.text.length; c++) h = Math.imul(h ^ cell.text.charCodeAt(c), 0x01000193);
    h = Math.imul(h ^ 0x7c, 0x01000193);
  }
  return (h >>> 0) % PART_MIN === 0;
}
