import type { ActionItem, Approval, ContributingFactor, Table, TableRow, WhyRow } from '../model';
import { type DocumentContext, ancestorOfKind } from './context';
import { isDoneStatus, trimMarks } from '../vocabulary';
import { extractActionLists, groupOf, isDoneText } from './action-lists';
import { column } from './tables';

export const OWNER = /^(owner|owners|who|assignee|assigned to|responsible|dri)$/i;
const ACTION = /^(action|action item|actions|change|task|item|description|what|follow.?up|remediation|next step)$/i;
export const DUE = /^(due|due date|deadline|target date|implementation date|expected completion|by when|eta)$/i;
/** The column that says which causes an item addresses. */
const ADDRESSES = /^(addresses|addresses cause|cause|causes|factors?|contributing factors?|root cause|fixes|related to|relates to|traces? to|links? to)$/i;
/** A type column, which may mark an item as general hygiene. */
const KIND = /^(type|kind|category)$/i;
/** A status column whose cell may say the item is done. */
const STATUS = /^(status|state|done|complete|completed|progress)$/i;

/**
 * Action items: rows of every table with an Owner column (short-term, long-term, process
 * changes) and of the action tables of an action section, and the list items under action
 * headings (see extractActionLists). An item expects an owner where the team's format has one:
 * a table with an owner column, an item that names one, or an action section whose other items do.
 * `done` holds the team's own done words (`doneWords(config.doneStatuses)`), added to `DONE_STATUSES`.
 */
export function extractActionItems(ctx: DocumentContext, tables: Table[], done?: ReadonlySet<string>): ActionItem[] {
  const titleOf = (section: number | undefined) => (section === undefined ? 'Action items' : ctx.sections[section].title);
  const items: ActionItem[] = [];
  for (const table of tables) {
    const owner = column(table, OWNER);
    let action = column(table, ACTION);
    const inActions = ancestorOfKind(ctx, table.section, 'actions') !== undefined;
    if (owner < 0 && !(inActions && action >= 0)) continue;
    const number = column(table, /^(#|no\.?|id)$/i);
    if (action < 0) action = [0, 1].find((c) => c !== owner && c !== number && c < table.header.cells.length) ?? -1;
    const due = column(table, DUE);
    const priority = column(table, /^priority$/i);
    const ticket = column(table, /^(ticket|issue|bug|bug #|link|jira)$/i);
    const status = column(table, STATUS);
    const addresses = column(table, ADDRESSES);
    const category = column(table, KIND);
    const tableTitle = titleOf(table.section);
    const context = `${owner} ${action} ${number} ${due} ${priority} ${ticket} ${status} ${addresses} ${category} ${table.section} ${tableTitle}`;
    table.rows.forEach((row, i) => {
      // A row kept from the previous version (the same object) is the same item, read with the same columns and words.
      const kept = ctx.memo.enabled ? rowItems.get(row) : undefined;
      if (kept && kept.context === context && kept.index === i && kept.done === done) {
        if (kept.item) items.push(kept.item);
        return;
      }
      const item = rowItem(row, i);
      if (ctx.memo.enabled) rowItems.set(row, { context, index: i, done, item });
      if (item) items.push(item);
    });
    function rowItem(row: TableRow, i: number): ActionItem | null {
      if (row.cells.every((c) => !c.text)) return null;
      const cell = (c: number) => (c >= 0 ? row.cells[c] : undefined);
      return {
        number: trimMarks(cell(number)?.text ?? '') || String(i + 1),
        group: groupOf(tableTitle),
        tableTitle,
        action: cell(action),
        owner: cell(owner),
        due: cell(due),
        priority: cell(priority),
        ticket: cell(ticket),
        ...(cell(addresses) ? { addresses: cell(addresses) } : {}),
        ...(cell(category) ? { category: cell(category) } : {}),
        line: row.line,
        source: 'table',
        done: isDoneStatus(cell(status)?.text ?? '', done) || isDoneText(cell(action)?.text ?? '', done),
        ownerExpected: owner >= 0,
        section: table.section,
      };
    }
  }
  items.push(...extractActionLists(ctx, titleOf, done));
  // The items of one action section share its format: where some name an owner, all should.
  const named = new Set<string>();
  const groupOfItem = (item: ActionItem) => (item.anchor ? `list ${item.anchor.start.line}` : `section ${ancestorOfKind(ctx, item.section, 'actions') ?? item.section}`);
  for (const item of items) if (item.ownerExpected) named.add(groupOfItem(item));
  // Copied, not changed: an item may be a kept one. The copy is kept too, so that it stays the same object.
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.ownerExpected || !named.has(groupOfItem(item))) continue;
    let expected = ownerExpectedCopies.get(item);
    if (!expected) ownerExpectedCopies.set(item, (expected = { ...item, ownerExpected: true }));
    items[i] = expected;
  }
  return items.sort((a, b) => a.line - b.line);
}

/** The item each table row is, with what it was read with: kept while the row is (the same object where its line and text did not change). */
const rowItems = new WeakMap<TableRow, { context: string; index: number; done: ReadonlySet<string> | undefined; item: ActionItem | null }>();

/** An item made to expect an owner by its section's other items. */
const ownerExpectedCopies = new WeakMap<ActionItem, ActionItem>();

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
