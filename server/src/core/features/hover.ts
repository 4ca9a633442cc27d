import type { Analysis } from '../analyze';
import { formatMinutes, formatOffset } from '../duration';
import { type MeasuredMetric, minutesFromStart } from '../metrics';
import { measureOf, metricsForLine } from '../incident-metrics';
import type { Approximation, FigureKind, Marker, PostMortem } from '../model';
import { describePlaceholder } from '../placeholders';
import { contains } from '../ranges';
import { RULES } from '../rules';
import { template } from '../template';
import type { Position, Range } from '../text';
import { MARKER_NAMES, METRIC_END, METRIC_NAMES } from '../vocabulary';
import { traceHover } from './traceability';

export interface HoverInfo {
  markdown: string;
  range: Range;
}

/** What the writer is pointing at: a placeholder's guidance, a timeline time's offset, how a stated metric is computed. */
export function hoverAt(analysis: Analysis, position: Position): HoverInfo | undefined {
  const { model, metrics, diagnostics } = analysis;
  const at: Range = { start: position, end: position };
  // A finding whose rule says why it matters (`blameless`): the editor shows the message, the hover the reason.
  for (const d of diagnostics) {
    const why = contains(d.range, at) ? WHY.get(d.code) : undefined;
    if (why) return { markdown: `**${d.code}**: ${why}`, range: d.range };
  }
  const placeholder = model.placeholders.find((p) => contains(p.range, at));
  if (placeholder) {
    const guidance = guidanceFor(model, placeholder.range.start.line);
    const markdown = `**{{${placeholder.name}}}**: ${describePlaceholder(placeholder.name)}.${guidance ? `\n\n${guidance.replace(/^/gm, '> ')}` : ''}`;
    return { markdown, range: placeholder.range };
  }
  for (const timeline of model.timelines) {
    const entry = timeline.entries.find((e) => e.at && contains(e.time.range, at));
    if (!entry) continue;
    const minutes = minutesFromStart(timeline, entry);
    const offset = minutes === null ? 'No offset: this timeline marks no incident start with a time of day.' : `**T${formatOffset(minutes)}** from the incident start`;
    return { markdown: entry.marker ? `${offset}\n\n${describeMarker(entry.marker, entry.time.text)}` : offset, range: entry.time.range };
  }
  const metric = model.statedMetrics.find((m) => m.field.line === position.line);
  if (metric) return { markdown: explainMetric(metric.kind, metricsForLine(model, metrics, metric.field.line).measured[metric.kind]), range: { start: metric.field.labelRange.start, end: metric.field.value.range.end } };
  const figure = model.statedFigures.find((f) => contains(f.range, at));
  if (!figure) return traceHover(analysis, position.line);
  const read = `'${figure.statement}' is read as ${READ_AS[figure.kind]}, ${APPROXIMATION_NAMES[figure.approximation]}.`;
  return { markdown: `${read}\n\n${explainMetric(figure.kind, measureOf(metricsForLine(model, metrics, figure.line), figure.kind))}`, range: figure.range };
}

/** Each rule's `why`, by id. */
const WHY = new Map(RULES.flatMap((r) => (r.why ? [[r.id, r.why] as const] : [])));

const READ_AS: Record<FigureKind, string> = { mttd: 'the time to detect', mttr: 'the time to resolve', duration: 'the total duration', mitigation: 'the time to mitigate', repair: 'the time to repair' };

/** How each approximation is checked, as hover says it. */
const APPROXIMATION_NAMES: Record<Approximation, string> = {
  exact: 'a figure rounded to its unit',
  about: 'an approximate figure (10 % or 5 minutes either way)',
  atLeast: 'a lower bound',
  atMost: 'an upper bound',
};

/** "MTTD = Detection − Incident start = 09:31 − 09:12 = 19m", naming the timeline rows it comes from. */
function explainMetric(kind: FigureKind, { minutes, start, end }: MeasuredMetric): string {
  if (kind === 'repair') return 'Time to repair = Repaired − Incident start (or First detected), from the key events stated outside the timeline.';
  const ends = kind === 'mitigation' ? (['mitigated'] as const) : METRIC_END[kind];
  const endNames = ends.map((k) => MARKER_NAMES[k]);
  const formula = `${kind === 'mitigation' ? 'Time to mitigate' : METRIC_NAMES[kind]} = ${endNames.join(' (else ')}${ends.length > 1 ? ')' : ''} − ${MARKER_NAMES.start}`;
  if (!start || !end || minutes === null) {
    const missing = start?.minutesFromStart != null ? endNames.join(' or ') : MARKER_NAMES.start;
    return `${formula}, from the timeline's ← markers.\n\nNot computed: the timeline has no ${missing} marker with a readable time.`;
  }
  const words = [start, end].filter((m) => m.phrase !== undefined).map((m) => `${MARKER_NAMES[m.kind]}: '${m.phrase}' at ${m.time}`);
  const read = words.length ? `\n\nRead from the events' words: ${words.join('; ')}.` : '';
  return `${formula} = ${end.time} − ${start.time} = **${formatMinutes(minutes)}**\n\nFrom timeline rows ${start.row} and ${end.row} (lines ${start.line + 1} and ${end.line + 1}).${read}`;
}

/** "Marker: ← Detection", or for one read from the event's words "Detection: 'alert fired' at 09:12 (from the event's words)". */
export function describeMarker(marker: Marker, time: string): string {
  return marker.phrase === undefined ? `Marker: ← ${marker.label}` : `${MARKER_NAMES[marker.kind]}: '${marker.phrase}' at ${time.trim()} (from the event's words)`;
}

/** The template's guidance for the section a line lies in, or for its nearest enclosing section that has some. */
function guidanceFor(model: PostMortem, line: number): string | undefined {
  const guidance = template().guidance;
  let index: number | undefined = model.sections.findLastIndex((s) => s.line <= line && line < s.endLine);
  for (; index !== undefined && index >= 0; index = model.sections[index].parent) {
    const kind = model.sections[index].kind;
    if (kind && guidance.has(kind)) return guidance.get(kind);
  }
  return undefined;
}
