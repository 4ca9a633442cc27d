import type { ActionItem } from './model';
import { parseDate } from './time';
import { plainText } from './vocabulary';

const DAY_MS = 86_400_000;

/**
 * How many days an open action item is past its due date on `today` (YYYY-MM-DD): 1 or more, or
 * undefined for a done item, one due today or later, or a due date that is not a full calendar date.
 */
export function daysOverdue(item: ActionItem, today: string): number | undefined {
  if (item.done || !item.due) return undefined;
  const date = parseDate(plainText(item.due.text));
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (date?.year === undefined || !now) return undefined;
  const days = Math.round((Date.UTC(Number(now[1]), Number(now[2]) - 1, Number(now[3])) - Date.UTC(date.year, date.month - 1, date.day)) / DAY_MS);
  return days > 0 ? days : undefined;
}
