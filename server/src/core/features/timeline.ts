import type { Timeline, TimelineEntry } from '../model';
import { minutesBetween } from '../time';

/** Minutes from the incident start marked in the entry's own timeline; null when either time is missing or a date alone. */
export function minutesFromStart(timeline: Timeline, entry: TimelineEntry): number | null {
  const start = timeline.entries.find((e) => e.marker?.kind === 'start')?.at;
  if (!start || !entry.at || start.precision === 'day' || entry.at.precision === 'day') return null;
  return Math.round(minutesBetween(start, entry.at) * 100) / 100;
}
