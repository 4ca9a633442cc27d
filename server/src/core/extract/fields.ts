import type { Field, Table } from '../model';
import { range, span } from '../text';
import { type DocumentContext, keyOf, sectionAt, viewLine } from './context';
import { trimMarks } from '../vocabulary';
import { column } from './tables';

const LINE_PREFIX = /^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?/;
/** `**Label:** value` or `**Label**: value`. */
const BOLD_LABEL = /(\*\*|__)([^*_\n]{1,80}?)(:?)\1[ \t]*(:?)/y;
/**
 * `Label: value`, a short plain label (not a URL's scheme). The label ends on a character other
 * than a space, so the white space before the colon has one reading, not one per label length.
 */
const PLAIN_LABEL = /([A-Za-z](?:[\w ()&/'’-]{0,59}?[\w()&/'’-])?)[ \t]*:(?!\/\/)/y;

/**
 * `Label: value` pairs, from paragraph lines (`**MTTD (Mean Time to Detect):** 12 minutes`,
 * `> **Status:** Draft`, `- Time to detection: 2 minutes`) and from two-column key/value tables
 * (`| **Incident ID** | INC-2026-042 |`).
 */
export function extractFields(ctx: DocumentContext, tables: Table[]): Field[] {
  const fields: Field[] = [];
  for (const token of ctx.outline) {
    if (token.type !== 'paragraph_open' || !token.map) continue;
    for (let line = token.map[0]; line < token.map[1]; line++) {
      const field = fieldOnLine(ctx, line);
      if (field) fields.push(field);
    }
  }
  for (const table of tables) {
    if (!isKeyValueTable(table)) continue;
    for (const row of table.rows) {
      const [label, value] = row.cells;
      if (!label || !value || !trimMarks(label.text)) continue;
      const text = trimMarks(label.text);
      fields.push({ label: text, key: keyOf(text), labelRange: label.range, value: { text: value.text, range: value.range }, line: row.line, source: 'table', section: table.section });
    }
  }
  return fields.sort((a, b) => a.line - b.line);
}

function fieldOnLine(ctx: DocumentContext, line: number): Field | undefined {
  const text = viewLine(ctx, ctx.views.visible, line);
  const start = LINE_PREFIX.exec(text)![0].length;
  let label: string;
  let labelEnd: number;
  BOLD_LABEL.lastIndex = start;
  const bold = BOLD_LABEL.exec(text);
  if (bold && (bold[3] || bold[4])) {
    label = bold[2].trim();
    labelEnd = start + bold[0].length;
  } else {
    PLAIN_LABEL.lastIndex = start;
    const m = PLAIN_LABEL.exec(text);
    if (!m) return undefined;
    label = m[1].trim();
    labelEnd = start + m[0].length;
  }
  if (!label) return undefined;
  const value = span(line, text, labelEnd, text.length);
  return { label, key: keyOf(label), labelRange: range(line, start, labelEnd), value, line, source: 'line', section: sectionAt(ctx, line) };
}

/** `Field | Value`, `Metric | Value` and the like. */
function isKeyValueTable(table: Table): boolean {
  return table.header.cells.length === 2 && (column(table, /^value$/i) === 1 || column(table, /^(field|metric|item|key|property|attribute)$/i) === 0);
}
