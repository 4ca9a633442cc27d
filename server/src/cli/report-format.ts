import { formatMinutes } from '../core/duration';
import type { Distribution, Report } from '../core/report';
import { printable } from './printable';

/** `--format json`: the contract (see core/report.ts), two-space indented. */
export function formatReportJson(report: Report): string {
  return JSON.stringify(report, null, 2);
}

const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "median 15m, p90 27m (4 incidents)", or "no incident measured". */
function spread(d: Distribution): string {
  return d.count ? `median ${minutes(d.median)}, p90 ${minutes(d.p90)} (${plural(d.count, 'incident')} measured)` : 'no incident measured';
}

/** "2026-06-01", "2026-06-01, incidents from 2026-01-01 to 2026-03-31". */
function heading(report: Report): string {
  const period = report.since !== null || report.until !== null ? `, incidents ${report.since === null ? '' : `from ${report.since} `}${report.until === null ? '' : `to ${report.until}`}`.trimEnd() : '';
  return `Post-mortem report on ${report.today}${period}`;
}

function severities(report: Report): string {
  return Object.entries(report.bySeverity).map(([s, n]) => `${s} ${n}`).join(', ');
}

function itemsLine(report: Report): string {
  const a = report.actionItems;
  return `${a.total} total, ${a.open} open, ${a.overdue} overdue, ${a.withoutOwner} open without owner`;
}

/** `--format text`: a digest for a terminal or a CI log, one fact a line; the document's words made printable. */
export function formatReportText(report: Report): string {
  const lines = [
    heading(report),
    '',
    `Post-mortems  ${report.postMortems}`,
    `Incidents     ${report.incidents}${report.incidents ? ` (${severities(report)})` : ''}${report.undatedIncidents ? `, ${report.undatedIncidents} without a date` : ''}`,
    `MTTD          ${spread(report.mttdMinutes)}`,
    `MTTR          ${spread(report.mttrMinutes)}`,
    `Action items  ${itemsLine(report)}`,
  ];
  if (report.byMonth.length) {
    lines.push('', 'By month');
    // The JSON lists every month for a chart's axis; a digest only those with incidents.
    for (const m of report.byMonth.filter((row) => row.incidents)) lines.push(`  ${m.month}  ${plural(m.incidents, 'incident').padEnd(12)}${m.mttrMedian === null ? '' : `  MTTR median ${minutes(m.mttrMedian)}`}`.trimEnd());
  }
  const owners = Object.entries(report.actionItems.byOwner);
  if (owners.length) {
    lines.push('', 'Open action items by owner');
    const width = Math.min(30, Math.max(...owners.map(([name]) => name.length)));
    for (const [name, c] of owners) lines.push(`  ${name.padEnd(width)}  ${c.open} open${c.overdue ? `, ${c.overdue} overdue` : ''}`);
  }
  if (report.overdue.length) {
    lines.push('', 'Overdue action items');
    for (const o of report.overdue) lines.push(`  ${o.file}:${o.line}  ${o.action} (${o.owner ?? 'no owner'}, due ${o.due}, ${plural(o.days, 'day')} overdue)`);
  }
  return lines.map(printable).join('\n');
}

/** Text of the document's made safe in a Markdown table cell or line: no HTML, links, emphasis, pipes or line breaks of its own. */
export function markdownText(text: string): string {
  return printable(text).replace(/[\\`*_[\]<>|#~!&]/g, (c) => `\\${c}`);
}

/** `--format markdown`: a digest for a pull request comment or a wiki page. */
export function formatReportMarkdown(report: Report): string {
  const a = report.actionItems;
  const lines = [
    `## ${markdownText(heading(report))}`,
    '',
    '| | |',
    '|---|---|',
    `| Post-mortems | ${report.postMortems} |`,
    `| Incidents | ${report.incidents}${report.incidents ? ` (${markdownText(severities(report))})` : ''}${report.undatedIncidents ? `, ${report.undatedIncidents} without a date` : ''} |`,
    `| MTTD | ${spread(report.mttdMinutes)} |`,
    `| MTTR | ${spread(report.mttrMinutes)} |`,
    `| Action items | ${itemsLine(report)} |`,
  ];
  if (report.byMonth.length) {
    lines.push('', '### By month', '', '| Month | Incidents | MTTD median | MTTR median |', '|---|--:|--:|--:|');
    for (const m of report.byMonth.filter((row) => row.incidents)) lines.push(`| ${m.month} | ${m.incidents} | ${minutes(m.mttdMedian)} | ${minutes(m.mttrMedian)} |`);
  }
  const owners = Object.entries(a.byOwner);
  if (owners.length) {
    lines.push('', '### Open action items by owner', '', '| Owner | Open | Overdue |', '|---|--:|--:|');
    for (const [name, c] of owners) lines.push(`| ${markdownText(name)} | ${c.open} | ${c.overdue} |`);
  }
  if (report.overdue.length) {
    lines.push('', '### Overdue action items', '', '| Action | Owner | Due | Days overdue | Where |', '|---|---|---|--:|---|');
    for (const o of report.overdue) lines.push(`| ${markdownText(o.action)} | ${o.owner === null ? '—' : markdownText(o.owner)} | ${o.due} | ${o.days} | ${markdownText(`${o.file}:${o.line}`)} |`);
  }
  return lines.join('\n');
}
