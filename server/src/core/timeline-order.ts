import type { Fix } from './diagnostic';
import type { Timeline, TimelineEntry } from './model';
import type { SourceText } from './text';
import { isEarlier } from './time';

/** Each entry earlier than the readable entry above it, with that entry (the rule, the preview and the Sort Timeline command). */
export function outOfOrder(timeline: Timeline): { entry: TimelineEntry; previous: TimelineEntry }[] {
  const found: { entry: TimelineEntry; previous: TimelineEntry }[] = [];
  let previous: TimelineEntry | undefined;
  for (const entry of timeline.entries) {
    if (!entry.at) continue;
    if (previous && isEarlier(entry.at, previous.at!)) found.push({ entry, previous });
    previous = entry;
  }
  return found;
}

/**
 * Reorders the entries by time, each moving with its own lines, text untouched. Entries whose
 * time cannot be read stay right after the entry they follow. Offered only where the entries
 * are contiguous (blank lines aside), so nothing between them is moved.
 */
export function sortTimeline(timeline: Timeline, src: SourceText): Fix[] {
  const { entries } = timeline;
  for (let i = 1; i < entries.length; i++) {
    for (let line = entries[i - 1].endLine; line < entries[i].startLine; line++) if (src.lines[line].trim()) return [];
  }
  let key = -Infinity;
  const keyed = entries.map((entry, order) => {
    if (entry.at) key = entry.at.precision === 'day' ? entry.at.day * 86_400_000 : entry.at.epoch;
    return { entry, key, order };
  });
  const sorted = [...keyed].sort((a, b) => a.key - b.key || a.order - b.order);
  // Each entry's own lines move; the blank lines after position i stay after position i.
  const own = (i: number) => src.lines.slice(entries[i].startLine, entries[i].endLine);
  const gapAfter = (i: number) => (i + 1 < entries.length ? src.lines.slice(entries[i].endLine, entries[i + 1].startLine) : []);
  const oldLines = entries.flatMap((_, i) => [...own(i), ...gapAfter(i)]);
  const newLines = sorted.flatMap(({ order }, i) => [...own(order), ...gapAfter(i)]);
  let first = 0;
  while (first < oldLines.length && oldLines[first] === newLines[first]) first++;
  let last = oldLines.length - 1;
  while (last > first && oldLines[last] === newLines[last]) last--;
  if (first >= oldLines.length) return [];
  const startLine = entries[0].startLine + first;
  const endLine = entries[0].startLine + last;
  return [{
    title: 'Sort the timeline by time',
    safe: true,
    edits: [{ range: { start: { line: startLine, character: 0 }, end: { line: endLine, character: src.lines[endLine].length } }, newText: newLines.slice(first, last + 1).join(src.eol) }],
  }];
}
