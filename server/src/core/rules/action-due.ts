import { parseDate } from '../time';
import type { Finding } from '../diagnostic';
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
  check({ model, fix }) {
    const findings: Finding[] = [];
    const overdue: Finding['severity'] = model.metadata.statusValue === 'Draft' ? 'information' : 'warning';
    for (const item of model.actionItems) {
      // A done item is never overdue, whatever its date says.
      if (!item.due || item.done) continue;
      const text = plainText(item.due.text);
      // A placeholder is reported once, as a placeholder.
      if (isPlaceholder(text)) continue;
      const days = fix.today === undefined ? undefined : daysOverdue(item, fix.today);
      if (days !== undefined) {
        findings.push({
          range: item.due.range,
          message: `${actionLabel(item)} was due ${text}, ${days === 1 ? '1 day' : `${days} days`} ago: do it, or move the date.`,
          severity: overdue,
        });
        continue;
      }
      if (parseDate(text) || QUARTER.test(text) || DONE_DUE.test(text)) continue;
      findings.push({
        range: item.due.range,
        message: text
          ? `${actionLabel(item)} has due date "${text}", which cannot be read: write it as YYYY-MM-DD.`
          : `${actionLabel(item)} has no due date: set one as YYYY-MM-DD.`,
      });
    }
    return findings;
  },
};
