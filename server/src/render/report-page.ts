import { formatMinutes } from '../core/duration';
import type { Distribution, Report } from '../core/report';
import { COLOUR, barChart, columnChart } from './charts';
import { count, escapeHtml, htmlPage } from './html';
import { styleHash } from './page';
import { REPORT_CSS } from './report-css';

/**
 * The parts of the workspace report's page (the figures, the incidents and overdue charts, the
 * overdue table, the self-contained page around a body) that the Insights page (render/insights.ts)
 * is made of: `postmortem report --format html` and Export Insights to HTML write that page.
 * Every text from the documents (titles, owners, actions, file names) is escaped.
 */
const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));

/** How many owners the overdue chart shows; the table under it lists them all. */
const MAX_OWNERS = 15;

/** The page's heading: its title, the report's day and period. */
export function reportHeader(title: string, report: Report): string {
  const period = report.since !== null || report.until !== null ? ` · incidents ${report.since === null ? '' : `from ${report.since} `}${report.until === null ? '' : `to ${report.until}`}` : '';
  return `<header class="report-header"><h1>${escapeHtml(title)}</h1><p class="report-period">On ${escapeHtml(report.today)}${escapeHtml(period)}</p></header>`;
}

/** The headline figures: post-mortems, incidents, MTTD and MTTR, open and overdue action items. */
export function reportTiles(report: Report): string {
  const a = report.actionItems;
  const tiles = [
    tile('Post-mortems', String(report.postMortems)),
    tile('Incidents', String(report.incidents), report.undatedIncidents ? `${report.undatedIncidents} without a date` : undefined),
    tile('MTTD median', minutes(report.mttdMinutes.median), spread(report.mttdMinutes)),
    tile('MTTR median', minutes(report.mttrMinutes.median), spread(report.mttrMinutes)),
    tile('Open action items', String(a.open), `of ${a.total}; ${a.withoutOwner} without owner`),
    tile('Overdue', String(a.overdue), a.overdue ? 'past their due date' : 'none past due', a.overdue ? 'tile-alert' : undefined),
  ];
  return `<section class="tiles" aria-label="Figures">${tiles.join('')}</section>`;
}

/** Incidents per month, stacked by severity. */
export function incidentsByMonthChart(report: Report): string {
  return columnChart({
    id: 'incidents-by-month',
    title: 'Incidents per month by severity',
    categoryName: 'Month',
    categories: report.byMonth.map((m) => m.month),
    series: Object.keys(report.bySeverity).map((s) => ({ name: s, values: report.byMonth.map((m) => m.bySeverity[s] ?? 0) })),
    stacked: true,
    integer: true,
  });
}

/** Overdue (and open) action items of the owners with an overdue one; undefined when none is overdue. */
export function overdueByOwnerChart(report: Report): string | undefined {
  const late = Object.entries(report.actionItems.byOwner).filter(([, c]) => c.overdue > 0);
  if (!late.length) return undefined;
  const shown = late.slice(0, MAX_OWNERS);
  return barChart({
    id: 'overdue-by-owner',
    title: late.length > MAX_OWNERS ? `Overdue action items by owner (the ${MAX_OWNERS} with the most)` : 'Overdue action items by owner',
    categoryName: 'Owner',
    categories: shown.map(([name]) => name),
    series: [{ name: 'Overdue', values: shown.map(([, c]) => c.overdue), colour: COLOUR.red }, { name: 'Open', values: shown.map(([, c]) => c.open), colour: COLOUR.lines }],
    integer: true,
  });
}

function spread(d: Distribution): string {
  return d.count ? `p90 ${minutes(d.p90)}, ${count(d.count, 'incident')}` : 'no incident measured';
}

function tile(label: string, value: string, note?: string, cls?: string): string {
  return `<div class="tile${cls ? ` ${cls}` : ''}"><div class="tile-label">${escapeHtml(label)}</div><div class="tile-value">${escapeHtml(value)}</div>${note ? `<div class="tile-note">${escapeHtml(note)}</div>` : ''}</div>`;
}

/** Where an overdue item links to: its file, relative to the page (the CLI's paths); `line` is 1-based. */
export type ItemLink = (file: string, line: number) => string;

/** The overdue items, the longest overdue first, each linking to its file (`link` makes the `<a>`). */
export function overdueTable(report: Report, link: ItemLink = (file, line) => `<a href="${escapeHtml(fileHref(file))}">${escapeHtml(`${file}:${line}`)}</a>`, max = Infinity): string {
  if (!report.overdue.length) return '<section class="overdue"><h2>Overdue action items</h2><p>None.</p></section>';
  const more = report.overdue.length - max;
  const rows = report.overdue.slice(0, max).map(
    (o) =>
      `<tr><td>${escapeHtml(o.action)}</td><td>${o.owner === null ? '<span class="muted">no owner</span>' : escapeHtml(o.owner)}</td><td class="date">${escapeHtml(o.due)}</td><td class="num">${o.days}</td><td>${link(o.file, o.line)}</td></tr>`,
  );
  return `<section class="overdue"><h2>Overdue action items</h2><table><thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Days overdue</th><th scope="col">Where</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more > 0 ? `<p class="note">${escapeHtml(`And ${count(more, 'more item')}, less overdue: the Action Items view's Overdue filter lists them all.`)}</p>` : ''}</section>`;
}

/** A relative link to a file: each path segment URI-encoded, so that a name cannot become a scheme (`javascript:`) or a query. */
export function fileHref(file: string): string {
  const path = file.split(/[\\/]/).map(encodeURIComponent).join('/');
  return /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') ? `./${path}` : path;
}

/** The self-contained page around a report's (or the Insights') body: the stylesheet inline by its hash, no script. */
export function standaloneReportPage(title: string, body: string): string {
  return htmlPage({
    title,
    csp: `default-src 'none'; style-src 'sha256-${styleHash(REPORT_CSS)}'; img-src data:; form-action 'none'; base-uri 'none'`,
    head: `<style>${REPORT_CSS}</style>`,
    body,
    bodyClass: 'postmortem-report standalone',
  });
}
