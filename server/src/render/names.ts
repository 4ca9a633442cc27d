import type { MarkerKind, MetricKind } from '../core/model';

/** How the preview names each timeline marker. */
export const MARKER_NAMES: Record<MarkerKind, string> = {
  start: 'Incident start', detection: 'Detection', acknowledged: 'Acknowledged', declared: 'Declared', rootCause: 'Root cause',
  mitigated: 'Mitigated', fix: 'Fix', restored: 'Restored', resolved: 'Resolved', other: 'Marker',
};

/** The header's tile for the time from the incident start to each other marker. */
export const TIME_TO_NAMES: Record<MarkerKind, string> = {
  start: 'Start', detection: 'Time to detect', acknowledged: 'Time to acknowledge', declared: 'Time to declare', rootCause: 'Time to root cause',
  mitigated: 'Time to mitigate', fix: 'Time to fix', restored: 'Time to restore', resolved: 'Time to resolve', other: 'Time to marker',
};

export const METRIC_NAMES: Record<MetricKind, string> = { mttd: 'MTTD', mttr: 'MTTR', duration: 'Duration' };
