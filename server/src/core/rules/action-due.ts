import { parseDate } from '../time';
import type { Finding } from '../diagnostic';
import type { Rule } from '../rule';
import { actionLabel } from '../action-label';
import { isPlaceholder, plainText } from '../vocabulary';

/** Dates a due cell may hold besides a calendar date: a quarter, or a note that the item is done. */
const OTHER_DUE = /^(q[1-4]\s+\d{4}|\d{4}[-\s]q[1-4]|done|completed?|✅)$/i;

/** An action item whose due date is missing or cannot be read. */
export const actionDue: Rule = {
  id: 'action-due',
  description: 'An action item without a readable due date.',
  details:
    'An open action item whose due date is empty or cannot be read as a date (`2026-05-01`, `May 4, 2026`, `Q3 2026` and `Done` are fine): a due cell, or `due …` / `Due: …` in a list item. A `{{DATE}}` placeholder is reported once, as `placeholder`; done items are left alone.',
  severity: 'status',
  check({ model }) {
    const findings: Finding[] = [];
    for (const item of model.actionItems) {
      // A done item is never overdue, whatever its date says.
      if (!item.due || item.done) continue;
      const text = plainText(item.due.text);
      // A placeholder is reported once, as a placeholder.
      if (isPlaceholder(text) || parseDate(text) || OTHER_DUE.test(text)) continue;
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
