import { formatMinutes } from '../core/duration';
import type { Distribution, Report } from '../core/report';
import { barChart, columnChart } from './charts';
import { count, escapeHtml, htmlPage } from './html';
import { styleHash } from './page';
import { REPORT_CSS } from './report-css';

const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));

/** How many owners the overdue chart shows; the table under it lists them all. */
const MAX_OWNERS = 15;

/**
 * The report's body: the figures, then the charts (incidents per month by severity, MTTD and MTTR
 * median per quarter, overdue action items by owner), each with its table, then the overdue items.
 * Every text from the documents (titles, owners, actions, file names) is escaped; `href` links to
 * the files are relative to where the page is written.
 */
export function renderReportBody(report: Report): string {
  const a = report.actionItems;
  const period = report.since !== null || report.until !== null ? ` · incidents ${report.since === null ? '' : `from ${report.since} `}${report.until === null ? '' : `to ${report.until}`}` : '';
  const tiles = [
    tile('Post-mortems', String(report.postMortems)),
    tile('Incidents', String(report.incidents), report.undatedIncidents ? `${report.undatedIncidents} without a date` : undefined),
    tile('MTTD median', minutes(report.mttdMinutes.median), spread(report.mttdMinutes)),
    tile('MTTR median', minutes(report.mttrMinutes.median), spread(report.mttrMinutes)),
    tile('Open action items', String(a.open), `of ${a.total}; ${a.withoutOwner} without owner`),
    tile('Overdue', String(a.overdue), a.overdue ? 'past their due date' : 'none past due', a.overdue ? 'tile-alert' : undefined),
  ];
  const severities = Object.keys(report.bySeverity);
  const charts = [
    columnChart({
      id: 'incidents-by-month',
      title: 'Incidents per month by severity',
      categoryName: 'Month',
      categories: report.byMonth.map((m) => m.month),
      series: severities.map((s) => ({ name: s, values: report.byMonth.map((m) => m.bySeverity[s] ?? 0) })),
      stacked: true,
      integer: true,
    }),
    columnChart({
      id: 'time-by-quarter',
      title: 'MTTD and MTTR median per quarter',
      categoryName: 'Quarter',
      categories: report.byQuarter.map((q) => q.quarter),
      series: [
        { name: 'MTTD median', values: report.byQuarter.map((q) => q.mttd.median), colour: 3 },
        { name: 'MTTR median', values: report.byQuarter.map((q) => q.mttr.median), colour: 5 },
      ],
      format: formatMinutes,
    }),
  ];
  const late = Object.entries(a.byOwner).filter(([, c]) => c.overdue > 0);
  if (late.length) {
    const shown = late.slice(0, MAX_OWNERS);
    charts.push(
      barChart({
        id: 'overdue-by-owner',
        title: late.length > MAX_OWNERS ? `Overdue action items by owner (the ${MAX_OWNERS} with the most)` : 'Overdue action items by owner',
        categoryName: 'Owner',
        categories: shown.map(([name]) => name),
        series: [{ name: 'Overdue', values: shown.map(([, c]) => c.overdue), colour: 0 }, { name: 'Open', values: shown.map(([, c]) => c.open), colour: 7 }],
        integer: true,
      }),
    );
  }
  return [
    `<header class="report-header"><h1>Post-mortem report</h1><p class="report-period">On ${escapeHtml(report.today)}${escapeHtml(period)}</p></header>`,
    `<section class="tiles" aria-label="Figures">${tiles.join('')}</section>`,
    `<section class="charts" aria-label="Charts">${charts.join('')}</section>`,
    overdueTable(report),
  ].join('\n');
}

function spread(d: Distribution): string {
  return d.count ? `p90 ${minutes(d.p90)}, ${count(d.count, 'incident')}` : 'no incident measured';
}

function tile(label: string, value: string, note?: string, cls?: string): string {
  return `<div class="tile${cls ? ` ${cls}` : ''}"><div class="tile-label">${escapeHtml(label)}</div><div class="tile-value">${escapeHtml(value)}</div>${note ? `<div class="tile-note">${escapeHtml(note)}</div>` : ''}</div>`;
}

function overdueTable(report: Report): string {
  if (!report.overdue.length) return '<section class="overdue"><h2>Overdue action items</h2><p>None.</p></section>';
  const rows = report.overdue.map(
    (o) =>
      `<tr><td>${escapeHtml(o.action)}</td><td>${o.owner === null ? '<span class="muted">no owner</span>' : escapeHtml(o.owner)}</td><td class="date">${escapeHtml(o.due)}</td><td class="num">${o.days}</td><td><a href="${escapeHtml(fileHref(o.file))}">${escapeHtml(`${o.file}:${o.line}`)}</a></td></tr>`,
  );
  return `<section class="overdue"><h2>Overdue action items</h2><table><thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Days overdue</th><th scope="col">Where</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** A relative link to a file: each path segment URI-encoded, so that a name cannot become a scheme (`javascript:`) or a query. */
function fileHref(file: string): string {
  const path = file.split(/[\\/]/).map(encodeURIComponent).join('/');
  return /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') ? `./${path}` : path;
}

/**
 * The report as one self-contained page (`postmortem report --format html`): its stylesheet inline,
 * no script; the policy allows that one stylesheet by its hash and nothing else.
 */
export function renderReportPage(report: Report): string {
  return htmlPage({
    title: `Post-mortem report ${report.today}`,
    csp: `default-src 'none'; style-src 'sha256-${styleHash(REPORT_CSS)}'; img-src data:; form-action 'none'; base-uri 'none'`,
    head: `<style>${REPORT_CSS}</style>`,
    body: renderReportBody(report),
    bodyClass: 'postmortem-report standalone',
  });
}
