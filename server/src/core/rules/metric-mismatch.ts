import { disagrees, formatLike, formatMinutes } from '../duration';
import { METRIC_END } from '../metrics';
import type { MetricKind } from '../model';
import { range } from '../text';
import type { Finding, Rule } from '../diagnostic';

export const NAMES: Record<MetricKind, string> = { mttd: 'MTTD', mttr: 'MTTR', duration: 'Total duration' };

/** A stated MTTD, MTTR or total duration that disagrees with what the timeline's markers give. */
export const metricMismatch: Rule = {
  id: 'metric-mismatch',
  description: 'A stated MTTD, MTTR or duration that disagrees with the timeline.',
  details:
    'A stated MTTD, MTTR or total duration that disagrees with the timeline\'s markers: MTTD = Detection − Incident start, MTTR = Resolved − Incident start, total duration = Resolved (else Restored) − Incident start. A stated value agrees when it is a rounding of the computed one to its own precision ("2 hours" allows 1h 01m to 2h 59m). The fix writes the computed value in the same units.',
  severity: 'status',
  check({ model, metrics }) {
    const computed: Record<MetricKind, number | null> = { mttd: metrics.mttdMinutes, mttr: metrics.mttrMinutes, duration: metrics.durationMinutes };
    const findings: Finding[] = [];
    for (const metric of model.statedMetrics) {
      const minutes = computed[metric.kind];
      const stated = metric.stated;
      if (minutes === null || !stated || !disagrees(stated, minutes)) continue;
      const value = metric.field.value;
      const at = value.range.start.character;
      const r = range(value.range.start.line, at + stated.start, at + stated.end);
      const written = value.text.slice(stated.start, stated.end);
      const corrected = formatLike(minutes, stated);
      const start = metrics.markers.find((m) => m.kind === 'start')!;
      const end = METRIC_END[metric.kind].map((k) => metrics.markers.find((m) => m.kind === k)).find(Boolean)!;
      findings.push({
        range: r,
        message: `${NAMES[metric.kind]} is stated as ${written} but the timeline (${start.time} start to ${end.time} ${end.kind}) gives ${formatMinutes(minutes)}: change it to ${corrected}.`,
        fixes: [{ title: `Change to ${corrected}`, edits: [{ range: r, newText: corrected }], safe: true }],
      });
    }
    return findings;
  },
};
