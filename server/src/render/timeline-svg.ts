import type { Analysis } from '../core/analyze';
import { formatMinutes, formatOffset } from '../core/duration';
import { measuredTimeline } from '../core/metrics';
import type { Timeline, TimelineEntry } from '../core/model';
import { outOfOrder } from '../core/timeline-order';
import { minutesBetween } from '../core/time';
import { count, dataLine, escapeHtml, inlineHtml, readableText } from './html';
import { ENTRY_NOUNS, MARKER_NAMES } from '../core/vocabulary';

/** Drawing units: the SVG scales to the panel's width, never below `min-width` in preview.css. */
const WIDTH = 1000;
const PAD = 30;
const LEVEL = 15;
/** Average width of a character of the 11–12px labels, to keep labels from overlapping. */
const CHAR = 6.4;
const MAX_MARKER_LEVELS = 4;
const MAX_TIME_LEVELS = 2;
/** A stretch without entries longer than this share of the incident is drawn as a gap. */
const GAP_SHARE = 0.25;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

const SOURCE: Record<Timeline['source'], string> = { table: 'table', mermaid: 'mermaid block', list: 'list', headings: 'headings' };

type Placed = TimelineEntry & { at: NonNullable<TimelineEntry['at']> };

/**
 * The timeline the metrics come from, drawn on a linear time axis: every readable entry at its
 * time, the markers labelled, the detection and resolution spans shaded, long stretches without
 * entries marked as gaps. Entries that cannot be placed (unreadable or unfilled times) and entries
 * out of order are listed under the drawing, each linked to its line.
 */
export function timelineSection({ model, metrics }: Analysis): string {
  const timeline = measuredTimeline(model);
  if (!timeline) {
    return '<section class="card timeline" aria-label="Timeline"><h2>Timeline</h2><p class="empty">No timeline found: add a table with Time and Event columns under “Detailed Timeline”.</p></section>';
  }
  const late = new Map(outOfOrder(timeline).map(({ entry, previous }) => [entry, previous]));
  const placed = timeline.entries.filter((e): e is Placed => e.at !== undefined);
  const others = model.timelines.length - 1;
  const caption = `From the timeline ${SOURCE[timeline.source]} at line ${timeline.startLine + 1}: ${placed.length} of ${count(timeline.entries.length, 'entry', 'entries')} on the axis${others ? `; ${count(others, 'other timeline')} not drawn` : ''}.`;
  return `<section class="card timeline" aria-label="Timeline"><h2>Timeline</h2>
<p class="caption">${caption}</p>
${placed.length ? `<div class="timeline-scroll">${drawing(placed, late, metrics)}</div>` : ''}
${notes(timeline, late)}</section>`;
}

/**
 * The drawing says nothing that changes when an entry is added elsewhere (no row numbers, no count:
 * the caption has it), so that the preview's patch for a row typed in sends that row's mark alone.
 */
function drawing(placed: Placed[], late: Map<TimelineEntry, TimelineEntry>, metrics: Analysis['metrics']): string {
  const start = placed.find((e) => e.marker?.kind === 'start');
  const origin = start ?? placed.reduce((a, b) => (b.at.epoch < a.at.epoch ? b : a));
  const byTime = [...placed].sort((a, b) => a.at.epoch - b.at.epoch);
  const min = byTime[0].at.epoch;
  const span = Math.max(byTime[byTime.length - 1].at.epoch - min, 60_000);
  const x = (epoch: number) => round(PAD + ((epoch - min) / span) * (WIDTH - 2 * PAD));
  const xAfter = (minutes: number | null) => (minutes === null ? undefined : x(origin.at.epoch + minutes * 60_000));
  const minutesOf = (e: Placed) => round(minutesBetween(origin.at, e.at));

  const markers = byTime.filter((e) => e.marker);
  const markerLevels = levels(markers.map((e) => ({ x: x(e.at.epoch), text: markerName(e) })), MAX_MARKER_LEVELS);
  const markerRows = Math.max(0, ...markerLevels.map((l) => (l ? l.level + 1 : 0)));
  const plotTop = markerRows * LEVEL + 8;
  const axisY = plotTop + 30;
  const times = byTime.map((e) => readableText(e.time.text));
  const timeLevels = levels(byTime.map((e, i) => ({ x: x(e.at.epoch), text: times[i] })), MAX_TIME_LEVELS);
  const timeRows = Math.max(0, ...timeLevels.map((l) => (l ? l.level + 1 : 0)));
  const barsTop = axisY + 14 + timeRows * 13 + 8;
  const bars = start
    ? ([['mttd', metrics.mttdMinutes], ['mttr', metrics.mttrMinutes]] as const).filter(([, m]) => m !== null)
    : [];
  const ticksY = barsTop + bars.length * 20 + 16;
  const height = ticksY + 6;
  const parts: string[] = [];

  // The detection span (start → detection) and the resolution span (detection → end), shaded.
  if (start) {
    const detected = xAfter(metrics.mttdMinutes);
    const ended = xAfter(metrics.durationMinutes);
    const x0 = x(start.at.epoch);
    if (detected !== undefined) parts.push(`<rect class="span detection" x="${x0}" y="${plotTop}" width="${round(detected - x0)}" height="${barsTop - plotTop - 4}"><title>Detection span: ${escapeHtml(formatMinutes(metrics.mttdMinutes!))}</title></rect>`);
    if (ended !== undefined) {
      const from = detected ?? x0;
      parts.push(`<rect class="span resolution" x="${from}" y="${plotTop}" width="${round(ended - from)}" height="${barsTop - plotTop - 4}"><title>Resolution span: ends ${escapeHtml(formatMinutes(metrics.durationMinutes!))} after the start</title></rect>`);
    }
  }

  // Time ticks, relative to the incident start (or the first entry): zones cannot mislead.
  const from = (min - origin.at.epoch) / 60_000;
  const to = from + span / 60_000;
  const step = TICK_STEPS.find((s) => (to - from) / s <= 8) ?? 10080;
  for (let t = Math.ceil(from / step) * step; t <= to + 1e-9; t += step) {
    const tx = xAfter(t)!;
    parts.push(`<line class="grid" x1="${tx}" x2="${tx}" y1="${plotTop}" y2="${ticksY - 12}"/><text class="tick" x="${tx}" y="${ticksY}" text-anchor="middle">${t === 0 ? '0' : escapeHtml(formatOffset(t))}</text>`);
  }

  // Gaps: long stretches without any entry.
  for (let i = 1; i < byTime.length; i++) {
    const gap = byTime[i].at.epoch - byTime[i - 1].at.epoch;
    if (gap < GAP_SHARE * span || gap < 5 * 60_000) continue;
    const [gx1, gx2] = [x(byTime[i - 1].at.epoch), x(byTime[i].at.epoch)];
    const text = `${formatMinutes(gap / 60_000)} without entries`;
    parts.push(`<g class="gap"><rect x="${gx1}" y="${axisY - 7}" width="${round(gx2 - gx1)}" height="14"/><text x="${round((gx1 + gx2) / 2)}" y="${axisY - 12}" text-anchor="middle">${escapeHtml(text)}</text></g>`);
  }

  parts.push(`<line class="axis" x1="${PAD - 10}" x2="${WIDTH - PAD + 10}" y1="${axisY}" y2="${axisY}"/>`);

  markers.forEach((e, i) => {
    const label = markerLevels[i];
    const mx = x(e.at.epoch);
    const top = label ? 12 + label.level * LEVEL + 3 : plotTop;
    parts.push(`<g class="marker kind-${e.marker!.kind}"${dataLine(e.startLine)}><line x1="${mx}" x2="${mx}" y1="${top}" y2="${axisY}"/>${label ? `<text x="${label.anchor === 'end' ? mx + 4 : mx - 4}" y="${12 + label.level * LEVEL}" text-anchor="${label.anchor}">${escapeHtml(markerName(e))}</text>` : ''}</g>`);
  });

  byTime.forEach((e, i) => {
    const label = timeLevels[i];
    const ex = x(e.at.epoch);
    const minutes = minutesOf(e);
    const previous = late.get(e);
    let title = `${times[i]} (${minutes === 0 ? 'start' : formatOffset(minutes)})\n${readableText(e.event.text)}`;
    if (e.marker) title += e.marker.phrase === undefined ? `\nMarker: ${readableText(e.marker.label)}` : `\n${MARKER_NAMES[e.marker.kind]}: '${e.marker.phrase}' (from the event's words)`;
    if (previous) title += `\nOut of order: earlier than ${readableText(previous.time.text)} above it`;
    const cls = `event${e.marker ? ` marked kind-${e.marker.kind}` : ''}${previous ? ' out-of-order' : ''}`;
    parts.push(`<g class="${cls}"${dataLine(e.startLine)} data-minutes="${minutes}"><title>${escapeHtml(title)}</title><circle cx="${ex}" cy="${axisY}" r="${previous ? 6 : 5}"/>${label ? `<text class="time" x="${label.anchor === 'end' ? ex + 3 : ex - 3}" y="${axisY + 20 + label.level * 13}" text-anchor="${label.anchor}">${escapeHtml(times[i])}</text>` : ''}</g>`);
  });

  bars.forEach(([kind, minutes], i) => {
    const bx = x(start!.at.epoch);
    const width = Math.max(2, round(xAfter(minutes)! - bx));
    const y = barsTop + i * 20;
    const text = `${kind.toUpperCase()} ${formatMinutes(minutes!)}`;
    const inside = width > text.length * CHAR + 12;
    parts.push(`<g class="bar ${kind}"><rect x="${bx}" y="${y}" width="${width}" height="15" rx="2"/><text class="${inside ? 'inside' : 'outside'}" x="${inside ? bx + 6 : bx + width + 6}" y="${y + 11.5}">${escapeHtml(text)}</text></g>`);
  });

  const label = `Timeline, ${readableText(byTime[0].time.text)} to ${readableText(byTime[byTime.length - 1].time.text)}`;
  return `<svg class="timeline-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(label)}"><defs><pattern id="pm-gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>${parts.join('')}</svg>`;
}

function markerName(e: TimelineEntry): string {
  return e.marker!.kind === 'other' ? readableText(e.marker!.label) : MARKER_NAMES[e.marker!.kind];
}

interface Label {
  level: number;
  anchor: 'start' | 'end';
}

/**
 * Places labels (sorted by x) on the fewest rows without overlaps: each takes the first row where
 * it fits, reading rightwards from its point (leftwards near the right edge). Undefined: no room.
 */
function levels(items: { x: number; text: string }[], max: number): (Label | undefined)[] {
  const ends: number[] = [];
  return items.map(({ x, text }) => {
    const width = text.length * CHAR + 10;
    const anchor = x + width > WIDTH ? 'end' : 'start';
    const [left, right] = anchor === 'start' ? [x - 4, x + width] : [x - width, x + 4];
    for (let level = 0; level < max; level++) {
      if ((ends[level] ?? -Infinity) < left) {
        ends[level] = right;
        return { level, anchor };
      }
    }
    return undefined;
  });
}

/** Entries that are not where they should be: unfilled or unreadable times, and entries out of order. */
function notes(timeline: Timeline, late: Map<TimelineEntry, TimelineEntry>): string {
  const noun = ENTRY_NOUNS[timeline.source];
  const items = timeline.entries.flatMap((e) => {
    const previous = late.get(e);
    if (e.at && !previous) return [];
    const what = `${noun} ${e.index}`;
    const event = e.event.text ? ` — ${inlineHtml(e.event.text)}` : '';
    if (e.placeholder) return [`<li class="note not-filled"${dataLine(e.startLine)}><span class="tag">not filled in</span> ${what}: ${inlineHtml(e.time.text)}${event}</li>`];
    if (!e.at) return [`<li class="note unreadable"${dataLine(e.startLine)}><span class="tag">unreadable time</span> ${what}: ${e.time.text ? `“${inlineHtml(e.time.text)}” cannot be read` : 'no time'}${event}</li>`];
    return [`<li class="note out-of-order"${dataLine(e.startLine)}><span class="tag">out of order</span> ${what} (${inlineHtml(e.time.text)}) is earlier than ${noun.toLowerCase()} ${previous!.index} (${inlineHtml(previous!.time.text)}) above it${event}</li>`];
  });
  return items.length ? `<ul class="timeline-notes">\n${items.join('\n')}\n</ul>` : '';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
