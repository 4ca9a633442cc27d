import type { MarkdownIt, Token } from 'markdown-it';

/** A table with more body rows than this is rendered with its body in parts (below). */
export const LONG_TABLE_ROWS = 100;
/** A part has at least this many rows, and at most `PART_MAX`. */
const PART_MIN = 32;
const PART_MAX = 128;

interface Env {
  /** While a long table is rendered: the rows of its current part. */
  longTablePart?: number;
  /** The long tables rendered so far. */
  longTables?: number;
}

/** FNV-1a over the text of the row's cells (its inline tokens up to the row's end). */
function rowHash(tokens: Token[], i: number): number {
  let h = 0x811c9dc5;
  for (let k = i + 1; k < tokens.length && tokens[k].type !== 'tr_close'; k++) {
    const { content } = tokens[k];
    if (tokens[k].type !== 'inline') continue;
    for (let c = 0; c < content.length; c++) h = Math.imul(h ^ content.charCodeAt(c), 0x01000193);
    h = Math.imul(h ^ 0x7c, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A long table's body is written as several `<tbody>`s, so that the preview can lay out and draw
 * each apart (an edit to one row of a thousand then lays out its part, not the table). Where a
 * part ends depends on its rows' text, not their count, as a content-defined chunker's does: a row
 * inserted or deleted changes its own part only, never the boundaries after it, so a patch stays
 * the row. The HTML is still one table with one header: the export, a screen reader and
 * find-in-page see the same table as before. Each long table is marked with the class `pm-long`
 * and a class of its own, `pm-long-N` for the document's Nth.
 */
export function renderLongTables(md: MarkdownIt): void {
  const { rules } = md.renderer;
  rules.table_open = (tokens, i, options, env: Env, self) => {
    const map = tokens[i].map;
    const long = map !== null && map[1] - map[0] - 2 > LONG_TABLE_ROWS;
    env.longTablePart = long ? 0 : undefined;
    const html = self.renderToken(tokens, i, options);
    if (!long) return html;
    // Each its own class, numbered in the document's order: the preview's rules name it by that (preview.js).
    env.longTables = (env.longTables ?? 0) + 1;
    return html.replace('<table', `<table class="pm-long pm-long-${env.longTables}"`);
  };
  rules.table_close = (tokens, i, options, env: Env, self) => {
    env.longTablePart = undefined;
    return self.renderToken(tokens, i, options);
  };
  rules.tr_open = (tokens, i, options, env: Env, self) => {
    const html = self.renderToken(tokens, i, options);
    // Header rows come before the body's first tbody_open, which sets nothing: count body rows only.
    if (env.longTablePart === undefined || tokens[i - 1]?.type === 'thead_open') return html;
    const rows = env.longTablePart;
    if (rows >= PART_MAX || (rows >= PART_MIN && rowHash(tokens, i) % PART_MIN === 0)) {
      env.longTablePart = 1;
      return `</tbody>\n<tbody>\n${html}`;
    }
    env.longTablePart = rows + 1;
    return html;
  };
}
