import { disagrees, disagreesApproximately, formatLike, formatMinutes } from '../duration';
import { range } from '../text';
import type { Finding } from '../diagnostic';
import { type KeyEventMeasure, keyEventMeasures, measureOf, metricsForLine } from '../incident-metrics';
import type { StatedDuration } from '../duration';
import type { Approximation, FigureKind, KeyEvent } from '../model';
import type { Rule } from '../rule';
import { METRIC_NAMES } from '../vocabulary';

/** How each metric is named in a message about a figure in prose. */
const MEASURE_NAMES = { mttd: 'a time to detect', mttr: 'a time to resolve', duration: 'a duration', mitigation: 'a time to mitigate', repair: 'a time to repair' } as const;

/**
 * When the timeline gives no measure, the key events stated outside it (`- First detected: …`,
 * `- Resolved …`): the first measure of them when the figure agrees with none, else undefined. A
 * measure from the first detection is a lower bound: a longer figure may count from an earlier
 * start, a shorter one is wrong.
 */
function keyEventMismatch(keyEvents: KeyEvent[], kind: FigureKind, stated: StatedDuration, approximation: Approximation) {
  const measures = keyEventMeasures(keyEvents, kind);
  const wrong = (m: KeyEventMeasure) => disagreesApproximately(stated, approximation, m.minutes) && (!m.lowerBound || stated.minutes < m.minutes);
  return measures.length && measures.every(wrong) ? measures[0] : undefined;
}

const between = (from: KeyEvent, to: KeyEvent) => `${from.label} ${from.time} to ${to.label} ${to.time}`;

/** A stated MTTD, MTTR or total duration that disagrees with what the timeline's markers give. */
export const metricMismatch: Rule = {
  id: 'metric-mismatch',
  description: 'A stated MTTD, MTTR or duration that disagrees with the timeline.',
  details:
    'A stated MTTD, MTTR or total duration that disagrees with the timeline\'s markers: MTTD = Detection − Incident start, MTTR = Resolved − Incident start, total duration = Resolved (else Restored) − Incident start. The template\'s metric fields are checked, and so are figures in prose, lists, headings and tables whose words say which metric they state ("down for 66 minutes", "unavailable for about 45 minutes", "lasted at least seven hours", "40min of total outage", `Incident Duration | 3h 45m`, "Detection delay: 12 minutes", "the alert fired two minutes after", "restored within 90 minutes"), and the time to mitigate ("Time to mitigate: 20 minutes", "mitigated within 20 minutes") against the first Mitigated event, not the resolution; "a 5 minute deploy", "retention of 30 days" or "every 10 minutes" state none, and timeline entries and action items are not read. A figure agrees when it is a rounding of the computed one to its own unit ("2 hours" allows 1h 01m to 2h 59m); "about", "~", "roughly" or "nearly" allow 10 % or 5 minutes, whichever is more; "at least", "over" or "more than" are wrong only when the timeline gives less, "within", "under" or "less than" only when it gives more. "The alert fired N minutes after" is checked only against a detection read from the events\' words (a marked Detection may be the acknowledgment). When the timeline does not give the metric, the key events stated on lines of their own outside it (`- First detected: 2023-09-18 13:42`, `- Repaired …`, `- Resolved …`, as the Ministry of Justice writes them) are used: from an Incident start exactly, and from First detected as a lower bound (the incident may have started earlier, so only a shorter figure is wrong, "Time to resolve: 35h 36m" against 53h 36m); with neither, nothing is reported. A time range with its length (`21:45 to 23:28 UTC (103 minutes)`) is also checked against itself. The fix writes the computed value in the same units (for a figure in prose, only a plain one, and not as part of Fix All).',
  severity: 'status',
  blocksDraft: { rank: 5, one: 'stated metric that disagrees with the timeline', many: 'stated metrics that disagree with the timeline' },
  check(ctx) {
    const { model } = ctx;
    const findings: Finding[] = [];
    for (const metric of model.statedMetrics) {
      const { minutes, start, end } = metricsForLine(model, ctx.metrics, metric.field.line).measured[metric.kind];
      const stated = metric.stated;
      if (!stated) continue;
      const value = metric.field.value;
      if (minutes === null) {
        const byKeyEvents = keyEventMismatch(model.keyEvents, metric.kind, stated, 'exact');
        if (byKeyEvents) {
          const at = value.range.start.character;
          findings.push({
            range: range(value.range.start.line, at + stated.start, at + stated.end),
            message: `'${metric.field.label}: ${value.text.slice(stated.start, stated.end)}' but the key events give ${byKeyEvents.lowerBound ? 'at least ' : ''}${formatLike(byKeyEvents.minutes, stated)} (${between(byKeyEvents.from, byKeyEvents.to)}): correct the figure or the key events.`,
          });
        }
        continue;
      }
      if (!start || !end || !disagrees(stated, minutes)) continue;
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
    const reported = new Set<string>();
    for (const figure of model.statedFigures) {
      const { minutes, start, end } = measureOf(metricsForLine(model, ctx.metrics, figure.line), figure.kind);
      if (minutes === null) {
        const byKeyEvents = keyEventMismatch(model.keyEvents, figure.kind, figure.stated, figure.approximation);
        if (byKeyEvents) {
          reported.add(`${figure.figure.start.line}:${figure.figure.start.character}`);
          const gives = figure.approximation === 'exact' && !figure.stated.words ? formatLike(byKeyEvents.minutes, figure.stated) : formatMinutes(byKeyEvents.minutes);
          findings.push({
            range: figure.range,
            message: `'${figure.statement}' but the key events give ${MEASURE_NAMES[figure.kind]} of ${byKeyEvents.lowerBound ? 'at least ' : ''}${gives} (${between(byKeyEvents.from, byKeyEvents.to)}): correct the figure or the key events.`,
          });
        }
        continue;
      }
      if (!start || !end || !disagreesApproximately(figure.stated, figure.approximation, minutes)) continue;
      // An alert can fire before the entry marked as Detection (an acknowledgment, in our template): "the alert fired 7 minutes after" is then
      // checked only against a detection read from the events' words, which is the first alert, page or notice.
      if (figure.event === 'alert' && end.phrase === undefined) continue;
      // A corrected figure is offered for a plain one ("66 minutes"), not for words, an approximation or an adjective ("a 47-minute period").
      const exact = figure.approximation === 'exact' && !figure.stated.words && !figure.attributive && figure.stated.components.every((c) => c.gap !== '-');
      const corrected = exact ? formatLike(minutes, figure.stated) : undefined;
      reported.add(`${figure.figure.start.line}:${figure.figure.start.character}`);
      findings.push({
        range: figure.range,
        message: `'${figure.statement}' but the timeline gives ${MEASURE_NAMES[figure.kind]} of ${formatMinutes(minutes)} (${start.time} start to ${end.time} ${end.kind}): correct the figure or the timeline.`,
        ...(corrected ? { fixes: [{ title: `Change to ${corrected}`, edits: [{ range: figure.figure, newText: corrected }] }] } : {}),
      });
    }
    for (const w of model.windowFigures) {
      // A length that is also a stated metric and disagrees with the timeline is reported once, as that.
      if (w.minutes === null || !disagrees(w.stated, w.minutes) || reported.has(`${w.figure.start.line}:${w.figure.start.character}`)) continue;
      const corrected = formatLike(w.minutes, w.stated);
      findings.push({
        range: w.figure,
        message: `'${w.text}' but ${w.window} is ${formatMinutes(w.minutes)}: correct the length or the times.`,
        fixes: [{ title: `Change to ${corrected}`, edits: [{ range: w.figure, newText: corrected }] }],
      });
    }
    return findings;
  },
};
