import type { ActionItem } from './model';
import { parseDate } from './time';
import { plainText } from './vocabulary';

const DAY_MS = 86_400_000;
/** A quarter as a due date: `Q3 2026`, `2026-Q3`, `2026 Q3`. */
export const QUARTER = /^(?:q([1-4])\s+(\d{4})|(\d{4})[-\s]q([1-4]))$/i;

/**
 * How many days an open action item is past its due date on `today` (YYYY-MM-DD): 1 or more, or
 * undefined for a done item, one due today or later, or a due date that is neither a full calendar
 * date nor a quarter (a quarter is due on its last day).
 */
export function daysOverdue(item: ActionItem, today: string): number | undefined {
  if (item.done || !item.due) return undefined;
  const due = dueDay(plainText(item.due.text));
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (due === undefined || !now) return undefined;
  const days = Math.round((Date.UTC(Number(now[1]), Number(now[2]) - 1, Number(now[3])) - due) / DAY_MS);
  return days > 0 ? days : undefined;
}

/** A due date as YYYY-MM-DD: a full calendar date, or a quarter's last day; undefined for anything else. */
export function dueDate(text: string): string | undefined {
  const day = dueDay(text);
  return day === undefined ? undefined : new Date(day).toISOString().slice(0, 10);
}

/** The day a due date names, as UTC milliseconds. */
function dueDay(text: string): number | undefined {
  const date = parseDate(text);
  if (date?.year !== undefined) return Date.UTC(date.year, date.month - 1, date.day);
  const quarter = QUARTER.exec(text);
  if (!quarter) return undefined;
  // Day 0 of the month after the quarter is its last day.
  return Date.UTC(Number(quarter[2] ?? quarter[3]), Number(quarter[1] ?? quarter[4]) * 3, 0);
}
