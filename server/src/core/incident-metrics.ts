import type { MeasuredMetric, MeasuredMetrics } from './metrics';
import type { FigureKind, PostMortem } from './model';

/** What a stated figure is checked against: the measured metrics and the markers they run between. */
export type LineMetrics = Pick<MeasuredMetrics, 'measured' | 'markers'>;

/**
 * The measured metrics of the incident a line belongs to, for every check of a stated figure and
 * its hover. One incident per document for now: the document's metrics. With several incidents
 * in a document, this is the one place to return those of the incident whose part of the
 * document holds the line.
 */
export function metricsForLine(_model: PostMortem, metrics: MeasuredMetrics, _line: number): LineMetrics {
  return metrics;
}

/** The measure a figure of `kind` is checked against: a metric, or for the time to mitigate, the first Mitigated marker since the start. */
export function measureOf({ measured, markers }: LineMetrics, kind: FigureKind): MeasuredMetric {
  if (kind !== 'mitigation') return measured[kind];
  const start = markers.find((m) => m.kind === 'start');
  const end = markers.find((m) => m.kind === 'mitigated');
  return { minutes: start && end ? end.minutesFromStart : null, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}
