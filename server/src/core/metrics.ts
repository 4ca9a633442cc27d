import type { ActionItem, Incident, MarkerKind, MetricKind, PostMortem, Timeline, TimelineEntry } from './model';
import { minutesBetween } from './time';
import { countedPlaceholders, template } from './template';
import { isMissingOwner } from './owners';
import { MARKER_NAMES, METRIC_END, plainText } from './vocabulary';

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

/** The metrics one incident's timeline gives. */
export interface TimingMetrics {
  mttdMinutes: number | null;
  mttrMinutes: number | null;
  durationMinutes: number | null;
  /** Minutes from the incident start to each other marker the timeline has. */
  timeToMarkerMinutes: Partial<Record<MarkerKind, number>>;
  /** Every marked entry of the timeline the metrics come from, start first. */
  markers: MarkerTime[];
}

/** One incident of a document that covers several: its heading, and its metrics with the markers they run between. */
export interface IncidentMetrics extends TimingMetrics {
  title: string;
  /** 0-based line of the incident's heading. */
  line: number;
}

/** An incident's metrics as the analysis holds them, with the markers each runs between. */
export interface MeasuredIncidentMetrics extends IncidentMetrics {
  measured: Record<MetricKind, MeasuredMetric>;
}

/** The document's metrics: the timing ones are those of its first incident. */
export interface Metrics extends TimingMetrics {
  /** `open`: not done (`[x]`, struck through, a Done status); `withoutOwner` counts open items only. */
  actionItems: { total: number; open: number; withoutOwner: number; byPriority: Record<string, number> };
  /** Share of the template's placeholders filled in, 0 to 1. */
  completeness: number;
  placeholdersLeft: number;
  /** Each incident's metrics, when the document covers several (each under its own heading); absent otherwise. */
  incidents?: IncidentMetrics[];
}

/** The metrics as the analysis holds them: each also with the markers it runs between, so that nobody looks them up again. */
export interface MeasuredMetrics extends Metrics {
  measured: Record<MetricKind, MeasuredMetric>;
  incidents?: MeasuredIncidentMetrics[];
}

/**
 * MTTD = detection − start, MTTR = resolved − start and duration = resolved (else restored) − start,
 * from the marker rows of the timeline that marks the incident start (the table, in the template),
 * for each incident; the document's are its first incident's.
 */
export function computeMetrics(model: PostMortem): MeasuredMetrics {
  const [first, ...others] = model.incidents;
  const timing = measureTimelines(first?.timelines ?? model.timelines);
  const byPriority: Record<string, number> = {};
  for (const item of model.actionItems) {
    const priority = priorityOf(item);
    byPriority[priority] = (byPriority[priority] ?? 0) + 1;
  }
  const left = countedPlaceholders(model);
  const total = template().placeholderCount;
  return {
    ...timing,
    actionItems: actionItemCounts(model.actionItems, byPriority),
    completeness: round(Math.max(0, 1 - left / total), 2),
    placeholdersLeft: left,
    ...(others.length ? { incidents: model.incidents.map((incident, i) => incidentMetrics(incident, i === 0 ? timing : measureTimelines(incident.timelines))) } : {}),
  };
}

function incidentMetrics(incident: Incident, timing: TimingMetrics & { measured: Record<MetricKind, MeasuredMetric> }): MeasuredIncidentMetrics {
  return { title: incident.title ?? '', line: incident.line, ...timing };
}

/**
 * The incident a line belongs to and its metrics: the document's own metrics when it covers one
 * incident, or for a line outside every incident's heading (a summary above them).
 */
export function incidentAt(model: PostMortem, metrics: MeasuredMetrics, line: number): { incident: Incident; metrics: TimingMetrics & { measured: Record<MetricKind, MeasuredMetric> } } {
  const index = metrics.incidents ? model.incidents.findIndex((i) => i.startLine <= line && line < i.endLine) : -1;
  if (index < 0 || !metrics.incidents) return { incident: model.incidents[0], metrics };
  return { incident: model.incidents[index], metrics: metrics.incidents[index] };
}

/** The timeline a document's metrics are measured on: the primary one of its first incident. */
export function measuredTimeline(model: PostMortem): Timeline | undefined {
  return primaryTimeline(model.incidents[0]?.timelines ?? model.timelines);
}

/** Timing metrics of one incident, from its timelines. */
function measureTimelines(timelines: Timeline[]): TimingMetrics & { measured: Record<MetricKind, MeasuredMetric> } {
  const timeline = primaryTimeline(timelines);
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

  const markers = marked.map((e): MarkerTime => ({ kind: e.marker!.kind, label: e.marker!.label, line: e.startLine, row: e.index, time: e.time.text, minutesFromStart: since(e), ...(e.marker!.phrase === undefined ? {} : { phrase: e.marker!.phrase }) }));
  const markerOf = (entry: TimelineEntry | undefined) => (entry ? markers[marked.indexOf(entry)] : undefined);
  const opening = timeline && !first('start') ? openingDetection(timeline) : undefined;
  // The start the metrics run from: marked, or the detection the timeline opens with, listed first as the start.
  const startMarker: MarkerTime | undefined = opening ? { ...markerOf(opening)!, kind: 'start', label: MARKER_NAMES.start } : markerOf(first('start'));
  if (opening && startMarker) markers.unshift(startMarker);
  const measure = (metric: MetricKind): MeasuredMetric => {
    const minutes = since(end(metric));
    // An end before the start is a misread or a typo, never a metric.
    return { minutes: minutes !== null && minutes < 0 ? null : minutes, start: startMarker, end: markerOf(end(metric)) };
  };
  const measured = { mttd: measure('mttd'), mttr: measure('mttr'), duration: measure('duration') };
  return { mttdMinutes: measured.mttd.minutes, mttrMinutes: measured.mttr.minutes, durationMinutes: measured.duration.minutes, measured, timeToMarkerMinutes, markers };
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

/**
 * Minutes from the incident start marked in the entry's own timeline; null when either time is
 * missing or a date alone, or when the timeline's days are unknown (numeric dates whose order
 * cannot be told).
 */
export function minutesFromStart(timeline: Timeline, entry: TimelineEntry): number | null {
  const start = (timeline.entries.find((e) => e.marker?.kind === 'start') ?? openingDetection(timeline))?.at;
  if (!start || !entry.at || start.precision === 'day' || entry.at.precision === 'day' || timeline.datesUnknown) return null;
  return round(minutesBetween(start, entry.at));
}

/**
 * A timeline without a start whose first timed entry is an explicitly marked detection (`← Detection`,
 * `**Detection:** …`) knows of no impact before it: the incident starts there, as teams that write
 * "Time to detection: 0 minutes" count it. A detection read from words, or one after other entries
 * (a deploy that may have caused the impact), is no start.
 */
function openingDetection(timeline: Timeline): TimelineEntry | undefined {
  const firstTimed = timeline.entries.find((e) => e.at && e.at.precision !== 'day');
  return firstTimed?.marker?.kind === 'detection' && firstTimed.marker.phrase === undefined && timeline.entries[0] === firstTimed ? firstTimed : undefined;
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
