import type { Cell, Table, TableRow } from '../model';
import { rowChecker } from '../budget';
import { type Range, range } from '../text';
import { plainText } from '../vocabulary';
import { type DocumentContext, previousLine, sectionAt, viewLine } from './context';

/**
 * Cells kept per row, far beyond any real table: a line of thousands of pipes is not a table anyone
 * reads, and keeping every cell's ranges would cost far more memory and time than its size.
 */
const MAX_CELLS = 256;

/**
 * Tables with every cell's exact range. markdown-it gives only row lines, and pads or drops
 * cells to the header's count, so each row's line is split here the way markdown-it splits it
 * (on pipes not escaped by a backslash, as GFM does, code spans included), keeping every cell
 * (up to `MAX_CELLS`).
 */
export function extractTables(ctx: DocumentContext): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  let rows = 0;
  const tick = rowChecker(ctx.deadline);
  const before = previousRows(ctx);
  const { tokens } = ctx;
  // An index, not for…of: its iterator results over a long table's tokens were garbage at every keystroke.
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    tick();
    if (token.type === 'table_open' && token.map) {
      // Its rows made at their most, a line each below the header and delimiter, then cut to their count: a thousand pushed would make the array three times over.
      current = { header: { line: token.map[0], cells: [], cellCount: 0 }, rows: new Array<TableRow>(Math.max(0, token.map[1] - token.map[0] - 2)), startLine: token.map[0], endLine: token.map[1], section: sectionAt(ctx, token.map[0]) };
      rows = 0;
      tables.push(current);
    } else if (token.type === 'tr_open' && token.map && current) {
      const line = token.map[0];
      const old = before && previousLine(ctx, line);
      const kept = old === undefined ? undefined : before![old];
      const row = kept ? moved(ctx, kept, line) : splitRow(ctx, line);
      if (token.map[0] === current.startLine) current.header = row;
      else current.rows[rows++] = row;
    } else if (token.type === 'table_close' && current) {
      current.rows.length = rows;
      current = undefined;
    }
  }
  return tables;
}

/**
 * The previous version's table rows by line, when its lines outside the edit are this version's:
 * a row is split from its own line's text and view alone, so such a row is the same row (moved).
 */
function previousRows(ctx: DocumentContext): (TableRow | undefined)[] | undefined {
  const model = ctx.previous?.model;
  if (!model) return undefined;
  const rows: (TableRow | undefined)[] = new Array(model.lineCount);
  for (const table of model.tables) {
    rows[table.header.line] = table.header;
    for (const row of table.rows) rows[row.line] = row;
  }
  return rows;
}

/**
 * A kept row at line `line`: the same object when it has not moved, else a copy there, noted as
 * the row it moved from (readers of its part shift what they read from it: see row-parts.ts).
 * (The copy is made apart: a closure over `line` here would make V8 allocate its context at every
 * call, moved or not.)
 */
function moved(ctx: DocumentContext, row: TableRow, line: number): TableRow {
  if (row.line === line) return row;
  const copy = movedCopy(row, line);
  if (ctx.memo.enabled) ctx.memo.moved.set(copy, { from: row, delta: line - row.line });
  return copy;
}

function movedCopy(row: TableRow, line: number): TableRow {
  // A row's cells are all split here (splitRow).
  return { line, cells: row.cells.map((c) => (c as TableCell).at(line)), cellCount: row.cellCount };
}

/**
 * A cell of a row split here: its columns on its line, its ranges made when first asked for. A
 * long table has tens of thousands of cells and most ranges are never read; as plain objects
 * each cell was seven, a third of what a large post-mortem's analysis holds.
 */
class TableCell implements Cell {
  #range: Range | undefined;
  #inner: Range | undefined;

  constructor(
    readonly text: string,
    readonly line: number,
    /** The trimmed text's columns, then those between the pipes. */
    readonly start: number,
    readonly end: number,
    readonly from: number,
    readonly to: number,
  ) {}

  get range(): Range {
    return (this.#range ??= range(this.line, this.start, this.end));
  }

  get inner(): Range {
    return (this.#inner ??= range(this.line, this.from, this.to));
  }

  /** The same cell on another line. */
  at(line: number): TableCell {
    return new TableCell(this.text, line, this.start, this.end, this.from, this.to);
  }
}

/** The column where the text between a cell's pipes starts: its range not made for it. */
export function innerFrom(cell: Cell): number {
  return cell instanceof TableCell ? cell.from : cell.inner.start.character;
}

/** The column where the text between a cell's pipes ends. */
export function innerTo(cell: Cell): number {
  return cell instanceof TableCell ? cell.to : cell.inner.end.character;
}

function splitRow(ctx: DocumentContext, line: number): TableRow {
  const raw = ctx.src.lines[line];
  const visible = viewLine(ctx, ctx.views.visible, line);
  let start = 0;
  while (start < raw.length && (isBlank(raw.charCodeAt(start)) || raw.charCodeAt(start) === 0x3e /* > */)) start++;
  let end = raw.length;
  while (end > start && isBlank(raw.charCodeAt(end - 1))) end--;
  const cells: Cell[] = [];
  let cellCount = 0;
  // Cells lie between unescaped pipes; a pipe opening or closing the row adds no empty cell.
  let from = raw.charCodeAt(start) === 0x7c ? start + 1 : start;
  for (let i = from; i <= end; i++) {
    const isPipe = i < end && raw.charCodeAt(i) === 0x7c && raw.charCodeAt(i - 1) !== 0x5c;
    if (!isPipe && i < end) continue;
    if (i < end || from < end) {
      if (cellCount < MAX_CELLS) cells.push(cell(line, visible, from, i));
      cellCount++;
    }
    from = i + 1;
  }
  return { line, cells, cellCount };
}

function cell(line: number, visible: string, from: number, to: number): Cell {
  let start = from;
  let end = to;
  while (start < end && isBlank(visible.charCodeAt(start))) start++;
  while (end > start && isBlank(visible.charCodeAt(end - 1))) end--;
  const text = visible.slice(start, end);
  // An empty cell points one space in, where a typed or inserted value belongs.
  if (start === end) start = end = Math.min(from + 1, to);
  return new TableCell(text.includes('\\|') ? text.replace(/\\\|/g, '|') : text, line, start, end, from, to);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Each table's header cells as plain text, made once for the dozen columns looked up in it (a 100 KB header cell was read at each). */
const headerTexts = new WeakMap<Table, string[]>();

/** A table's column names: its header cells as plain text. */
export function columnNames(table: Table): readonly string[] {
  let names = headerTexts.get(table);
  if (!names) headerTexts.set(table, (names = table.header.cells.map((c) => plainText(c.text))));
  return names;
}

/** The index of the first header cell matching `re`, or -1. */
export function column(table: Table, re: RegExp): number {
  return columnNames(table).findIndex((name) => re.test(name));
}
