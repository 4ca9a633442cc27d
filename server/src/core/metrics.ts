import type { ActionItem, MarkerKind, MetricKind, PostMortem, Timeline, TimelineEntry } from './model';
import { minutesBetween } from './time';
import { countedPlaceholders, template } from './template';
import { isMissingOwner } from './owners';
import { METRIC_END, plainText } from './vocabulary';

export interface MarkerTime {
  kind: MarkerKind;
  label: string;
  /** 0-based line of the timeline entry. */
  line: number;
  /** 1-based position of the entry in its timeline. */
  row: number;
  time: string;
  minutesFromStart: number | null;
  /** The phrase the marker was read from, when the event named it in words rather than with a marker. */
  phrase?: string;
}

/** A metric with the marked entries it is measured between: the incident start and its end marker. */
export interface MeasuredMetric {
  minutes: number | null;
  start?: MarkerTime;
  /** The first of the metric's end markers the timeline has (`METRIC_END`). */
  end?: MarkerTime;
}

export interface Metrics {
  mttdMinutes: number | null;
  mttrMinutes: number | null;
  durationMinutes: number | null;
  /** Minutes from the incident start to each other marker the timeline has. */
  timeToMarkerMinutes: Partial<Record<MarkerKind, number>>;
  /** Every marked entry of the timeline the metrics come from, start first. */
  markers: MarkerTime[];
  /** `open`: not done (`[x]`, struck through, a Done status); `withoutOwner` counts open items only. */
  actionItems: { total: number; open: number; withoutOwner: number; byPriority: Record<string, number> };
  /** Share of the template's placeholders filled in, 0 to 1. */
  completeness: number;
  placeholdersLeft: number;
}

/** The metrics as the analysis holds them: each also with the markers it runs between, so that nobody looks them up again. */
export interface MeasuredMetrics extends Metrics {
  measured: Record<MetricKind, MeasuredMetric>;
}

/**
 * MTTD = detection − start, MTTR = resolved − start and duration = resolved (else restored) − start,
 * from the marker rows of the timeline that marks the incident start (the table, in the template).
 */
export function computeMetrics(model: PostMortem): MeasuredMetrics {
  const timeline = primaryTimeline(model.timelines);
  const marked = timeline?.entries.filter((e) => e.marker) ?? [];
  const first = (kind: MarkerKind) => marked.find((e) => e.marker!.kind === kind);
  const end = (metric: MetricKind) => METRIC_END[metric].map(first).find(Boolean);
  const since = (entry: TimelineEntry | undefined): number | null => (timeline && entry ? minutesFromStart(timeline, entry) : null);

  const timeToMarkerMinutes: Partial<Record<MarkerKind, number>> = {};
  for (const entry of marked) {
    const kind = entry.marker!.kind;
    const minutes = since(entry);
    if (kind !== 'start' && kind !== 'other' && minutes !== null && !(kind in timeToMarkerMinutes)) timeToMarkerMinutes[kind] = minutes;
  }

  const byPriority: Record<string, number> = {};
  for (const item of model.actionItems) {
    const priority = priorityOf(item);
    byPriority[priority] = (byPriority[priority] ?? 0) + 1;
  }
  const markers = marked.map((e): MarkerTime => ({ kind: e.marker!.kind, label: e.marker!.label, line: e.startLine, row: e.index, time: e.time.text, minutesFromStart: since(e), ...(e.marker!.phrase === undefined ? {} : { phrase: e.marker!.phrase }) }));
  const markerOf = (entry: TimelineEntry | undefined) => (entry ? markers[marked.indexOf(entry)] : undefined);
  const measure = (metric: MetricKind): MeasuredMetric => ({ minutes: since(end(metric)), start: markerOf(first('start')), end: markerOf(end(metric)) });
  const measured = { mttd: measure('mttd'), mttr: measure('mttr'), duration: measure('duration') };
  const left = countedPlaceholders(model);
  const total = template().placeholderCount;

  return {
    mttdMinutes: measured.mttd.minutes,
    mttrMinutes: measured.mttr.minutes,
    durationMinutes: measured.duration.minutes,
    measured,
    timeToMarkerMinutes,
    markers,
    actionItems: actionItemCounts(model.actionItems, byPriority),
    completeness: round(Math.max(0, 1 - left / total), 2),
    placeholdersLeft: left,
  };
}

/** How many action items, how many still open (not done), how many open ones without an owner. */
function actionItemCounts(items: ActionItem[], byPriority: Record<string, number>): Metrics['actionItems'] {
  const open = items.filter((i) => !i.done);
  return { total: items.length, open: open.length, withoutOwner: open.filter((i) => isMissingOwner(i.owner?.text)).length, byPriority };
}

/** The priority an action item is counted under: its cell without emphasis, else `Unset`. */
export function priorityOf(item: ActionItem): string {
  return plainText(item.priority?.text ?? '') || 'Unset';
}

/** Minutes from the incident start marked in the entry's own timeline; null when either time is missing or a date alone. */
export function minutesFromStart(timeline: Timeline, entry: TimelineEntry): number | null {
  const start = timeline.entries.find((e) => e.marker?.kind === 'start')?.at;
  if (!start || !entry.at || start.precision === 'day' || entry.at.precision === 'day') return null;
  return round(minutesBetween(start, entry.at));
}

/** The timeline that marks the incident start (explicitly rather than in words), with the most markers; else the first one. */
export function primaryTimeline(timelines: Timeline[]): Timeline | undefined {
  const start = (t: Timeline) => t.entries.find((e) => e.marker?.kind === 'start')?.marker;
  const score = (t: Timeline) => { const s = start(t); return (s ? (s.phrase === undefined ? 2000 : 1000) : 0) + t.entries.filter((e) => e.marker).length; };
  return timelines.reduce<Timeline | undefined>((best, t) => (!best || score(t) > score(best) ? t : best), undefined);
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
