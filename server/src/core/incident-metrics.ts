import { type MeasuredMetric, type MeasuredMetrics, incidentAt } from './metrics';
import type { FigureKind, KeyEvent, KeyEventKind, PostMortem } from './model';
import { minutesBetween } from './time';

/** What a stated figure is checked against: the measured metrics and the markers they run between. */
export type LineMetrics = Pick<MeasuredMetrics, 'measured' | 'markers'>;

/**
 * The measured metrics of the incident a line belongs to, for every check of a stated figure, its
 * hover and the Update Metrics command: with several incidents in a document, those of the
 * incident whose part of the document holds the line (`incidentAt`), else the document's.
 */
export function metricsForLine(model: PostMortem, metrics: MeasuredMetrics, line: number): LineMetrics {
  return incidentAt(model, metrics, line).metrics;
}

/**
 * The measure a figure of `kind` is checked against: a metric, or for the time to mitigate, the
 * first Mitigated marker since the start; a time to repair has none in a timeline (see `keyEventMeasures`).
 */
export function measureOf({ measured, markers }: LineMetrics, kind: FigureKind): MeasuredMetric {
  if (kind === 'repair') return { minutes: null };
  if (kind !== 'mitigation') return measured[kind];
  const start = markers.find((m) => m.kind === 'start');
  const end = markers.find((m) => m.kind === 'mitigated');
  return { minutes: start && end ? end.minutesFromStart : null, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** A figure measured between two key events. */
export interface KeyEventMeasure {
  minutes: number;
  from: KeyEvent;
  to: KeyEvent;
  /** Counted from the first detection, not the start: the incident may have started earlier, so the figure is at least this. */
  lowerBound: boolean;
}

/** The key event each figure ends at, the first the document states. */
const KEY_EVENT_END: Record<FigureKind, readonly KeyEventKind[]> = {
  mttd: ['detected'], mttr: ['resolved'], duration: ['resolved', 'restored'], mitigation: ['mitigated'], repair: ['repaired'],
};

/**
 * What the document's own key events make a figure of `kind`: counted from the incident start, and
 * from the first detection ("First detected", where such key events begin), which is only a lower
 * bound since the incident may have started before it was detected. Empty when the key events do
 * not give the figure's end.
 */
export function keyEventMeasures(keyEvents: KeyEvent[], kind: FigureKind): KeyEventMeasure[] {
  const to = KEY_EVENT_END[kind].map((k) => keyEvents.find((e) => e.kind === k)).find(Boolean);
  if (!to) return [];
  const bases = kind === 'mttd' ? ['start'] : ['start', 'detected'];
  return keyEvents
    .filter((e) => bases.includes(e.kind))
    .map((from) => ({ minutes: Math.round(minutesBetween(from.at, to.at) * 100) / 100, from, to, lowerBound: from.kind === 'detected' }))
    .filter((m) => m.minutes >= 0);
}
