import { parseDate } from '../time';
import type { Finding, Severity } from '../diagnostic';
import type { ActionItem } from '../model';
import type { Rule } from '../rule';
import { actionLabel } from '../action-label';
import { QUARTER, daysOverdue } from '../overdue';
import { isPlaceholder, plainText } from '../vocabulary';

/** What a due cell may hold besides a date or a quarter: a note that the item is done. */
const DONE_DUE = /^(done|completed?|✅)$/i;

/** An action item whose due date is missing, cannot be read, or has passed. */
export const actionDue: Rule = {
  id: 'action-due',
  description: 'An action item without a readable due date, or past it.',
  details:
    'An open action item whose due date is empty or cannot be read as a date (`2026-05-01`, `May 4, 2026`, `Q3 2026` and `Done` are fine): a due cell, or `due …` / `Due: …` in a list item. A `{{DATE}}` placeholder is reported once, as `placeholder`; done items are left alone. An open item whose date (or quarter) has passed is reported with the date and how long ago, as information while the document is a Draft and a warning after; "today" is the editor\'s local date, or `postmortem lint --today`.',
  severity: 'status',
  check({ model, fix, memo }) {
    const findings: Finding[] = [];
    const overdue: Severity = model.metadata.statusValue === 'Draft' ? 'information' : 'warning';
    for (const item of model.actionItems) {
      // An item kept from the previous version (the same object) has the same finding, the same day and status.
      let kept = memo?.enabled ? itemFindings.get(item) : undefined;
      if (!kept || kept.today !== fix.today || kept.overdue !== overdue) {
        kept = { today: fix.today, overdue, finding: itemFinding(item, fix.today, overdue) };
        if (memo?.enabled) itemFindings.set(item, kept);
      }
      if (kept.finding) findings.push(kept.finding);
    }
    return findings;
  },
};

/** Each action item's finding, with the day and the overdue severity it was found with. */
const itemFindings = new WeakMap<ActionItem, { today: string | undefined; overdue: Severity; finding: Finding | undefined }>();

function itemFinding(item: ActionItem, today: string | undefined, overdue: Severity): Finding | undefined {
  // A done item is never overdue, whatever its date says.
  if (!item.due || item.done) return undefined;
  const text = plainText(item.due.text);
  // A placeholder is reported once, as a placeholder.
  if (isPlaceholder(text)) return undefined;
  const days = today === undefined ? undefined : daysOverdue(item, today);
  if (days !== undefined) {
    return {
      range: item.due.range,
      message: `${actionLabel(item)} was due ${text}, ${days === 1 ? '1 day' : `${days} days`} ago: do it, or move the date.`,
      severity: overdue,
    };
  }
  if (parseDate(text) || QUARTER.test(text) || DONE_DUE.test(text)) return undefined;
  return {
    range: item.due.range,
    message: text ? `${actionLabel(item)} has due date "${text}", which cannot be read: write it as YYYY-MM-DD.` : `${actionLabel(item)} has no due date: set one as YYYY-MM-DD.`,
  };
}
