import type { Cell, Table, TableRow } from '../model';
import { range, span } from '../text';
import { type DocumentContext, sectionAt, viewLine } from './context';

/**
 * Tables with every cell's exact range. markdown-it gives only row lines, and pads or drops
 * cells to the header's count, so each row's line is split here the way markdown-it splits it
 * (on pipes not escaped by a backslash, as GFM does, code spans included), keeping every cell.
 */
export function extractTables(ctx: DocumentContext): Table[] {
  const tables: Table[] = [];
  let current: Table | undefined;
  for (const token of ctx.tokens) {
    if (token.type === 'table_open' && token.map) {
      current = { header: { line: token.map[0], cells: [] }, rows: [], startLine: token.map[0], endLine: token.map[1], section: sectionAt(ctx, token.map[0]) };
      tables.push(current);
    } else if (token.type === 'tr_open' && token.map && current) {
      const row = splitRow(ctx, token.map[0]);
      if (token.map[0] === current.startLine) current.header = row;
      else current.rows.push(row);
    } else if (token.type === 'table_close') {
      current = undefined;
    }
  }
  return tables;
}

export function splitRow(ctx: DocumentContext, line: number): TableRow {
  const raw = ctx.src.lines[line];
  const visible = viewLine(ctx, ctx.views.visible, line);
  const start = /^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(raw)![0].length;
  const end = raw.trimEnd().length;
  const pipes: number[] = [];
  for (let i = start; i < end; i++) {
    if (raw.charCodeAt(i) === 0x7c && raw.charCodeAt(i - 1) !== 0x5c) pipes.push(i);
  }
  const bounds = [start - 1, ...pipes, end];
  const cells: Cell[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] + 1;
    const to = bounds[k + 1];
    const isEdge = (k === 0 && pipes[0] === start) || (k === bounds.length - 2 && pipes[pipes.length - 1] === end - 1);
    if (isEdge && from === to) continue;
    const s = span(line, visible, from, to);
    // An empty cell points one space in, where a typed or inserted value belongs.
    const at = Math.min(from + 1, to);
    cells.push({ text: s.text.replace(/\\\|/g, '|'), range: s.text ? s.range : range(line, at, at), inner: range(line, from, to) });
  }
  return { line, cells };
}

/** The index of the first header cell matching `re`, or -1. */
export function column(table: Table, re: RegExp): number {
  return table.header.cells.findIndex((c) => re.test(c.text.replace(/[*_`]/g, '').trim()));
}
