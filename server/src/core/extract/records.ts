import type { ActionGroup, ActionItem, Approval, ContributingFactor, Table, WhyRow } from '../model';
import type { DocumentContext } from './context';
import { trimMarks } from '../vocabulary';
import { column } from './tables';

export const OWNER = /^(owner|owners|who|assignee|assigned to|responsible|dri)$/i;
const ACTION = /^(action|action item|change|task|item|description|what)$/i;
export const DUE = /^(due|due date|deadline|target date|implementation date|expected completion|by when|eta)$/i;

/** Action items: rows of every table with an Owner column (short-term, long-term, process changes). */
export function extractActionItems(ctx: DocumentContext, tables: Table[]): ActionItem[] {
  const items: ActionItem[] = [];
  for (const table of tables) {
    const owner = column(table, OWNER);
    if (owner < 0) continue;
    const number = column(table, /^(#|no\.?|id)$/i);
    let action = column(table, ACTION);
    if (action < 0) action = [0, 1].find((c) => c !== owner && c !== number && c < table.header.cells.length) ?? -1;
    const due = column(table, DUE);
    const priority = column(table, /^priority$/i);
    const ticket = column(table, /^(ticket|issue|bug|bug #|link|jira)$/i);
    const section = table.section === undefined ? undefined : ctx.sections[table.section];
    const tableTitle = section?.title ?? 'Action items';
    table.rows.forEach((row, i) => {
      if (row.cells.every((c) => !c.text)) return;
      const cell = (c: number) => (c >= 0 ? row.cells[c] : undefined);
      items.push({
        number: trimMarks(cell(number)?.text ?? '') || String(i + 1),
        group: groupOf(tableTitle),
        tableTitle,
        action: cell(action),
        owner: cell(owner),
        due: cell(due),
        priority: cell(priority),
        ticket: cell(ticket),
        line: row.line,
      });
    });
  }
  return items;
}

function groupOf(title: string): ActionGroup {
  if (/short.?term/i.test(title)) return 'short-term';
  if (/long.?term/i.test(title)) return 'long-term';
  if (/process/i.test(title)) return 'process';
  return 'other';
}

/** The 5 Whys table: `| Why # | Question | Answer |`. */
export function extractWhys(tables: Table[]): WhyRow[] {
  const table = tables.find((t) => /^why\b/i.test(trimMarks(t.header.cells[0]?.text ?? '')));
  if (!table) return [];
  const question = column(table, /question/i);
  const answer = column(table, /answer|because/i);
  return table.rows.map((row) => ({ label: trimMarks(row.cells[0]?.text ?? ''), question: row.cells[question], answer: row.cells[answer], line: row.line }));
}

/** Contributing factors: `| Factor | Type | Action Required |`. */
export function extractFactors(tables: Table[]): ContributingFactor[] {
  const table = tables.find((t) => /factor/i.test(trimMarks(t.header.cells[0]?.text ?? '')));
  if (!table) return [];
  const type = column(table, /^type$/i);
  const required = column(table, /action/i);
  return table.rows
    .filter((row) => row.cells[0])
    .map((row) => ({ factor: row.cells[0], type: row.cells[type], actionRequired: row.cells[required], line: row.line }));
}

/** The sign-off table: `| Role | Name | Date | Signature |`. */
export function extractApprovals(tables: Table[]): Approval[] {
  const table = tables.find((t) => column(t, /^role$/i) >= 0 && column(t, /^name$/i) >= 0);
  if (!table) return [];
  const role = column(table, /^role$/i);
  const name = column(table, /^name$/i);
  const date = column(table, /^date$/i);
  return table.rows.filter((row) => row.cells[role]).map((row) => ({ role: row.cells[role], name: row.cells[name], date: row.cells[date], line: row.line }));
}
