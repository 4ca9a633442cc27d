import { formatMinutes } from '../core/duration';
import type { InsightLink, Insights, TagCount } from '../core/insights';
import { COLOUR, barChart, columnChart, lineChart } from './charts';
import { count, escapeHtml, htmlPage } from './html';
import { REPORT_CSS } from './report-css';
import { fileHref, incidentsByMonthChart, overdueByOwnerChart, overdueTable, reportHeader, reportTiles, standaloneReportPage } from './report-page';
import type { WebviewShell } from '../../../shared/protocol';

/**
 * How the page's links to post-mortems are written:
 * - `webview`: the file's URI with its 0-based line in `data-line`; media/insights.js posts a click
 *   to the extension, which opens the file at that line (the page never navigates).
 * - `files`: a relative link from the folder the page is written to (`base`, a file: URI) or, for
 *   paths (the CLI's), from where the paths are relative to; the line is written after it.
 */
export type InsightsLinks = { kind: 'webview' } | { kind: 'files'; base?: string };

/** How many overdue items the webview's table lists (the longest overdue); the exported page lists them all. */
const MAX_OVERDUE_ROWS = 100;

/** How many services or categories a chart shows; the lists under it name them all. */
const MAX_TAGS = 12;

const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));

/**
 * The Insights page's body: the report's figures, then the charts, each an SVG image described in
 * words with a table of its values; under the charts whose points stand for post-mortems, a list
 * of links to them (the chart's marks link to their entry). Every text from the documents is escaped.
 */
export function renderInsightsBody(insights: Insights, links: InsightsLinks, title = 'Post-mortem insights'): string {
  const { report } = insights;
  const link = (l: InsightLink) => postMortemLink(l, links);
  const sections = [
    incidentsByMonthChart(report),
    quarterSection(insights, link),
    itemsSection(insights),
    overdueByOwnerChart(report) ?? '<p class="note">No action item is overdue.</p>',
    tagSection('services', 'Most frequent services', 'Service', insights.services, link, 'No post-mortem names the services it hit: a Services (Affected services, Systems) field in the metadata does.'),
    tagSection('factor-categories', 'Contributing-factor categories', 'Category', insights.factorCategories, link, 'No contributing factor has a category: a Type column in the Contributing Factors table gives one.'),
    tagSection('root-cause-categories', 'Root-cause categories', 'Category', insights.rootCauseCategories, link, 'No post-mortem states the category of its root cause: a Root cause category field (or a Category field under Root Cause) does.'),
  ];
  // The webview's link names the line; the exported page's writes it after the link.
  const where = (file: string, line: number) => postMortemLink({ uri: file, line: line - 1, label: links.kind === 'webview' ? `${displayName(file)}:${line}` : displayName(file) }, links);
  return [
    reportHeader(title, report),
    reportTiles(report),
    `<section class="charts" aria-label="Charts">${sections.join('\n')}</section>`,
    overdueTable(report, where, links.kind === 'webview' ? MAX_OVERDUE_ROWS : Infinity),
  ].join('\n');
}

/** MTTD and MTTR, median and 90th percentile, per quarter; each quarter's points link to its incidents. */
function quarterSection({ quarters }: Insights, link: (l: InsightLink) => string): string {
  const id = (q: string) => `quarter-${q}`;
  const chart = lineChart({
    id: 'time-by-quarter',
    title: 'MTTD and MTTR per quarter: median and 90th percentile',
    categoryName: 'Quarter',
    categories: quarters.map((q) => q.quarter),
    series: [
      { name: 'MTTD median', values: quarters.map((q) => q.mttd.median), colour: COLOUR.blue },
      { name: 'MTTD p90', values: quarters.map((q) => q.mttd.p90), colour: COLOUR.yellow, dashed: true },
      { name: 'MTTR median', values: quarters.map((q) => q.mttr.median), colour: COLOUR.purple },
      { name: 'MTTR p90', values: quarters.map((q) => q.mttr.p90), colour: COLOUR.green, dashed: true },
    ],
    format: formatMinutes,
    links: quarters.map((q) => (q.links.length ? `#${id(q.quarter)}` : undefined)),
  });
  const lists = quarters
    .filter((q) => q.links.length)
    .map((q) => linkList(id(q.quarter), `${q.quarter}: ${count(q.incidents, 'incident')}, MTTD median ${minutes(q.mttd.median)}, MTTR median ${minutes(q.mttr.median)}`, q.links, link));
  return `${chart}<section class="chart-links" aria-label="The incidents of each quarter">${lists.join('')}</section>`;
}

/** Action items by the month of their post-mortem's incident, cumulative: still open today, and closed. */
function itemsSection({ itemsByMonth, undatedItems }: Insights): string {
  const chart = columnChart({
    id: 'items-over-time',
    title: 'Action items raised up to each month: open and closed today',
    categoryName: 'Month',
    categories: itemsByMonth.map((m) => m.month),
    series: [
      { name: 'Open', values: itemsByMonth.map((m) => m.open), colour: COLOUR.yellow },
      { name: 'Closed', values: itemsByMonth.map((m) => m.closed), colour: COLOUR.green },
    ],
    stacked: true,
    integer: true,
  });
  const undated = undatedItems.open + undatedItems.closed;
  const note = undated ? `<p class="note">${escapeHtml(`${count(undated, 'action item')} of post-mortems without a dated incident (${undatedItems.open} open) are in no month.`)}</p>` : '';
  return `${chart}${note}`;
}

/** The most frequent services or categories: a bar chart of the first ones, and every one's post-mortems. */
function tagSection(id: string, title: string, categoryName: string, tags: TagCount[], link: (l: InsightLink) => string, none: string): string {
  if (!tags.length) return `<section class="chart-figure" id="${id}"><h2 class="chart-title">${escapeHtml(title)}</h2><p class="note">${escapeHtml(none)}</p></section>`;
  const shown = tags.slice(0, MAX_TAGS);
  const anchor = (i: number) => `${id}-${i + 1}`;
  const chart = barChart({
    id,
    title: tags.length > MAX_TAGS ? `${title} (the ${MAX_TAGS} most frequent)` : title,
    categoryName,
    categories: shown.map((t) => t.name),
    series: [{ name: 'Post-mortems', values: shown.map((t) => t.count), colour: COLOUR.blue }],
    integer: true,
    links: shown.map((_, i) => `#${anchor(i)}`),
  });
  const lists = tags.map((t, i) => linkList(anchor(i), `${t.name}: ${count(t.count, 'post-mortem')}`, t.links, link));
  return `${chart}<section class="chart-links" aria-label="${escapeHtml(`${title}: their post-mortems`)}">${lists.join('')}</section>`;
}

function linkList(id: string, summary: string, links: InsightLink[], link: (l: InsightLink) => string): string {
  return `<details id="${escapeHtml(id)}"><summary>${escapeHtml(summary)}</summary><ul>${links.map((l) => `<li>${link(l)}</li>`).join('')}</ul></details>`;
}

/** A link to a post-mortem at a line (see InsightsLinks). */
function postMortemLink(l: InsightLink, links: InsightsLinks): string {
  if (links.kind === 'webview') return `<a class="pm-open" href="${escapeHtml(l.uri)}" data-line="${l.line}">${escapeHtml(l.label)}</a>`;
  return `<a href="${escapeHtml(relativeHref(l.uri, links.base))}">${escapeHtml(l.label)}</a> <span class="muted">${escapeHtml(`line ${l.line + 1}`)}</span>`;
}

/** A file: URI relative to the folder `base` (a file: URI), each segment URI-encoded; a path (the CLI's) as the report links it. */
function relativeHref(uri: string, base: string | undefined): string {
  if (!uri.startsWith('file:')) return fileHref(uri);
  const to = decodeURIComponent(new URL(uri).pathname).split('/').filter(Boolean);
  const from = base === undefined ? to.slice(0, -1) : decodeURIComponent(new URL(base).pathname).split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return fileHref([...from.slice(common).map(() => '..'), ...to.slice(common)].join('/'));
}

/** A file's name for the overdue table: its path, or a file: URI's path. */
function displayName(file: string): string {
  if (!file.startsWith('file:')) return file;
  return decodeURIComponent(new URL(file).pathname).split('/').pop() ?? file;
}

/** The Insights as a self-contained page (Export Insights to HTML, `postmortem report --format html`): the report's page around its body. */
export function renderInsightsPage(insights: Insights, links: InsightsLinks, title = 'Post-mortem insights'): string {
  return standaloneReportPage(`${title} ${insights.report.today}`, renderInsightsBody(insights, links, title));
}

/**
 * The Insights webview's page: the same body and stylesheet, the stylesheet and media/insights.js
 * allowed by the host's nonce and nothing else; later bodies arrive as `update` messages.
 */
export function insightsWebviewHtml(shell: WebviewShell, body: string): string {
  const nonce = escapeHtml(shell.nonce);
  return htmlPage({
    title: 'Post-mortem insights',
    csp: `default-src 'none'; img-src ${shell.cspSource} data:; style-src ${shell.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'`,
    head: `<style nonce="${nonce}">${REPORT_CSS}</style>`,
    body,
    bodyClass: 'postmortem-report postmortem-insights',
    tail: `<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>\n`,
  });
}
