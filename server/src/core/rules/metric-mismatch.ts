import { disagrees, formatLike, formatMinutes } from '../duration';
import { range } from '../text';
import type { Finding } from '../diagnostic';
import type { Rule } from '../rule';
import { METRIC_NAMES } from '../vocabulary';

/** A stated MTTD, MTTR or total duration that disagrees with what the timeline's markers give. */
export const metricMismatch: Rule = {
  id: 'metric-mismatch',
  description: 'A stated MTTD, MTTR or duration that disagrees with the timeline.',
  details:
    'A stated MTTD, MTTR or total duration that disagrees with the timeline\'s markers: MTTD = Detection − Incident start, MTTR = Resolved − Incident start, total duration = Resolved (else Restored) − Incident start. A stated value agrees when it is a rounding of the computed one to its own precision ("2 hours" allows 1h 01m to 2h 59m). The fix writes the computed value in the same units.',
  severity: 'status',
  blocksDraft: { rank: 5, one: 'stated metric that disagrees with the timeline', many: 'stated metrics that disagree with the timeline' },
  check({ model, metrics }) {
    const findings: Finding[] = [];
    for (const metric of model.statedMetrics) {
      const { minutes, start, end } = metrics.measured[metric.kind];
      const stated = metric.stated;
      if (minutes === null || !start || !end || !stated || !disagrees(stated, minutes)) continue;
      const value = metric.field.value;
      const at = value.range.start.character;
      const r = range(value.range.start.line, at + stated.start, at + stated.end);
      const written = value.text.slice(stated.start, stated.end);
      const corrected = formatLike(minutes, stated);
      findings.push({
        range: r,
        message: `${METRIC_NAMES[metric.kind]} is stated as ${written} but the timeline (${start.time} start to ${end.time} ${end.kind}) gives ${formatMinutes(minutes)}: change it to ${corrected}.`,
        fixes: [{ title: `Change to ${corrected}`, edits: [{ range: r, newText: corrected }], safe: true }],
      });
    }
    return findings;
  },
};
