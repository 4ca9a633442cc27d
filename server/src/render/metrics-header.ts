import type { Analysis } from '../core/analyze';
import { formatMinutes } from '../core/duration';
import { type MarkerTime, measuredTimeline } from '../core/metrics';
import type { Field, MarkerKind, MetricKind, Section } from '../core/model';
import { count, dataLine, escapeHtml, inlineHtml, titleAttr } from './html';
import { MARKER_NAMES, METRIC_END, isPlaceholder, METRIC_SHORT_NAMES, TIME_TO_NAMES } from '../core/vocabulary';

/** Markers shown as MTTD and MTTR already; the others get a "time to" tile of their own. */
const SHOWN_AS_METRIC: MarkerKind[] = ['detection', 'resolved'];

/**
 * The header: title, incident ID, severity and status badges, then every time the timeline gives
 * (MTTD, MTTR, duration, time to each other marker) with its formula and rows on hover, then
 * users and requests affected and how much of the template is filled in.
 */
export function metricsHeader({ model, metrics }: Analysis): string {
  const rows = new Map(measuredTimeline(model)?.entries.map((e) => [e.startLine, e.index]));
  const start = metrics.markers.find((m) => m.kind === 'start');
  const describe = (m: MarkerTime) => `${m.time} (row ${rows.get(m.line)}, line ${m.line + 1}: ${m.phrase === undefined ? `“${m.label}”` : `“${m.phrase}”, from the event's words`})`;

  const tile = (key: string, name: string, minutes: number | null, end: MarkerTime | undefined, endName: string) => {
    const title = minutes === null || !start || !end
      ? [`${name} = ${endName} − incident start`, `Needs timed “${MARKER_NAMES.start}” and “${endName}” markers in the timeline.`]
      : [`${name} = ${endName} − incident start`, `${describe(end)} − ${describe(start)}`, `= ${formatMinutes(minutes)}`];
    const value = minutes === null ? '<dd>—</dd>' : `<dd>${escapeHtml(formatMinutes(minutes))}</dd>`;
    return `<div class="metric${minutes === null ? ' missing' : ''}" data-metric="${key}"${minutes === null ? '' : ` data-minutes="${minutes}"`}${end ? dataLine(end.line) : ''}${titleAttr(title)}><dt>${escapeHtml(name)}</dt>${value}</div>`;
  };

  const metric = (kind: MetricKind) => {
    const { minutes, end } = metrics.measured[kind];
    return tile(kind, METRIC_SHORT_NAMES[kind], minutes, end, MARKER_NAMES[end?.kind ?? METRIC_END[kind][0]].toLowerCase());
  };
  const others = Object.entries(metrics.timeToMarkerMinutes)
    .filter(([kind]) => !SHOWN_AS_METRIC.includes(kind as MarkerKind))
    .map(([kind, minutes]) => {
      const end = metrics.markers.find((m) => m.kind === kind && m.minutesFromStart !== null);
      return tile(kind, TIME_TO_NAMES[kind as MarkerKind], minutes, end, MARKER_NAMES[kind as MarkerKind].toLowerCase());
    });

  const title = titleSection(model);
  const percent = Math.round(metrics.completeness * 100);
  return `<header class="pm-header">
${title ? `<h1 class="pm-title"${dataLine(title.line)}>${inlineHtml(title.heading)}</h1>` : '<h1 class="pm-title">Untitled post-mortem</h1>'}
<div class="badges">${badges(model.metadata)}</div>
<dl class="metrics">
${[metric('mttd'), metric('mttr'), metric('duration'), ...others].join('\n')}
</dl>
${incidentList(metrics.incidents)}<dl class="facts">
${fact('Users affected', field(model.fields, 'users affected'))}${fact('Requests affected', field(model.fields, 'requests affected'))}<div class="fact completeness" data-completeness="${metrics.completeness}" title="${count(metrics.placeholdersLeft, 'placeholder')} of the template left to fill in"><dt>Completeness</dt><dd><span class="percent">${percent}%</span> <svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="4"/><rect class="fill" width="${percent}" height="4"/></svg> <span class="left">${count(metrics.placeholdersLeft, 'placeholder')} left</span></dd></div>
</dl>
</header>`;
}

/** A document with several incidents: the figures above are the first's; each incident's, one line each. */
function incidentList(incidents: Analysis['metrics']['incidents']): string {
  if (!incidents) return '';
  const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));
  const items = incidents.map((i) => `<li${dataLine(i.line)}><span class="incident-title">${inlineHtml(i.title)}</span>: MTTD ${escapeHtml(minutes(i.mttdMinutes))} · MTTR ${escapeHtml(minutes(i.mttrMinutes))} · duration ${escapeHtml(minutes(i.durationMinutes))}</li>`);
  return `<ol class="incidents" title="${incidents.length} incidents: the figures above are the first's">\n${items.join('\n')}\n</ol>\n`;
}

/** The H1's section: its heading is the title as written, without the `#`. */
export function titleSection(model: Analysis['model']): Section | undefined {
  return model.title && model.sections.find((s) => s.line === model.title!.range.start.line);
}

function badges(metadata: Analysis['model']['metadata']): string {
  const { incidentId, severity, status, statusValue } = metadata;
  const badge = (cls: string, label: string, html: string, f?: Field) => `<span class="badge ${cls}"${f ? dataLine(f.line) : ''} title="${label}">${html}</span>`;
  const level = severity && !isPlaceholder(severity.value.text) ? /\d/.exec(severity.value.text)?.[0] : undefined;
  return [
    incidentId && badge('incident', 'Incident ID', inlineHtml(incidentId.value.text), incidentId),
    severity && badge(`severity${level ? ` sev-${level}` : ''}`, 'Severity', inlineHtml(severity.value.text), severity),
    badge(`status status-${statusValue.toLowerCase().replace(' ', '-')}`, 'Status', escapeHtml(statusValue), status),
  ]
    .filter(Boolean)
    .join(' ');
}

function field(fields: Field[], key: string): Field | undefined {
  return fields.find((f) => f.key === key);
}

function fact(name: string, f: Field | undefined): string {
  return f ? `<div class="fact"${dataLine(f.line)}><dt>${name}</dt><dd>${inlineHtml(f.value.text) || '—'}</dd></div>\n` : '';
}
