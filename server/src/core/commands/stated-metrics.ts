import type { Analysis } from '../analyze';
import { formatLike, formatMinutes } from '../duration';
import { metricsForLine } from '../incident-metrics';
import type { MarkerKind } from '../model';
import type { TextEdit } from '../diagnostic';
import { range } from '../text';
import { PLACEHOLDER } from '../vocabulary';

/** Placeholders of the impact table's duration cell that the timeline's markers answer. */
const MARKER_PLACEHOLDERS: Record<string, MarkerKind> = { DETECTED: 'detection', RESOLVED: 'resolved' };

/**
 * Writes the computed MTTD, MTTR and total duration into the document: over a stated value, in
 * its own units; over a placeholder (`{{MTTD}} minutes`), as a number in the unit written after
 * it. The duration cell's `{{DETECTED}}` and `{{RESOLVED}}` get the markers' times.
 */
export function updateStatedMetrics({ model, metrics }: Analysis): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const metric of model.statedMetrics) {
    const { minutes } = metricsForLine(model, metrics, metric.field.line).measured[metric.kind];
    const value = metric.field.value;
    const line = value.range.start.line;
    const at = value.range.start.character;
    if (metric.stated && minutes !== null) {
      const written = formatLike(minutes, metric.stated);
      if (written !== value.text.slice(metric.stated.start, metric.stated.end)) edits.push({ range: range(line, at + metric.stated.start, at + metric.stated.end), newText: written });
    }
    for (const m of value.text.matchAll(PLACEHOLDER)) {
      const r = range(line, at + m.index, at + m.index + m[0].length);
      const unit = /^\s*(minutes?|mins?|hours?|h)\b/i.exec(value.text.slice(m.index + m[0].length))?.[1];
      if (m.index === 0 && minutes !== null) {
        edits.push({ range: r, newText: unit ? String(/^h/i.test(unit) ? Number((minutes / 60).toFixed(2)) : minutes) : formatMinutes(minutes) });
      } else if (Object.hasOwn(MARKER_PLACEHOLDERS, m[1].trim())) {
        const marker = metrics.markers.find((k) => k.kind === MARKER_PLACEHOLDERS[m[1].trim()]);
        if (marker) edits.push({ range: r, newText: marker.time });
      }
    }
  }
  return edits;
}
