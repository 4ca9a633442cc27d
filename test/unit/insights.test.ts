import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { buildInsights } from '../../server/src/core/insights';
import { type WorkspaceSummary, summarizeForWorkspace, tagName } from '../../server/src/core/workspace';
import { renderInsightsBody, renderInsightsPage } from '../../server/src/render/insights';
import { fixturePath, readFixture } from '../paths';

const TODAY = '2026-06-15';

/** The index's entries for the files of a fixture folder, each under a file: URI of /ws/NAME. */
function entries(folder: string) {
  return readdirSync(fixturePath('insights', folder))
    .sort()
    .map((name) => {
      const uri = `file:///ws/${name}`;
      return { uri, summary: summarizeForWorkspace(uri, analyze(readFixture('insights', folder, name), { fix: { today: TODAY } }), TODAY) };
    });
}

const LOGIN = 'file:///ws/2026-01-10-login.md';
const API = 'file:///ws/2026-02-20-api.md';
const DNS = 'file:///ws/2026-05-02-dns.md';

test('insights core: the summary keeps every incident, the services, factor categories and root-cause category with their lines', () => {
  const [login, api, dns] = entries('postmortems').map((e) => e.summary);
  assert.deepEqual(login.incidents, [{ date: '2026-01-10', severity: 'P1', mttdMinutes: 20, mttrMinutes: 60, line: 0 }]);
  // `N/A` names no service; `**API**` is API; the factor types `Technical` and `technical` are one.
  assert.deepEqual(login.services, [{ name: 'Login', line: 6 }, { name: 'API', line: 6 }]);
  assert.deepEqual(login.factorCategories, [{ name: 'Technical', line: 24 }, { name: 'Process', line: 25 }]);
  assert.deepEqual(login.rootCauseCategories, [{ name: 'Configuration', line: 16 }]);
  assert.deepEqual([api.services, api.rootCauseCategories], [[{ name: 'api', line: 6 }, { name: 'Database', line: 6 }], [{ name: 'Capacity', line: 16 }]]);
  // The template's list of options (`Technical / Process / Human`) is no category.
  assert.deepEqual([dns.services, dns.factorCategories, dns.rootCauseCategories], [[{ name: 'DNS', line: 6 }], [], []]);
});

test('insights core: a service or category names nothing when empty, a placeholder, N/A or TBD; a link is its text', () => {
  assert.deepEqual(['', '{{SERVICE}}', 'N/A', 'TBD', 'Technical / Process', ' **Checkout** ', '[Payments](https://svc/payments)', 'x'.repeat(45)].map(tagName), [
    undefined, undefined, undefined, undefined, undefined, 'Checkout', 'Payments', `${'x'.repeat(39)}…`,
  ]);
});

test('insights core: quarters with their median and p90 and their incidents, items over time, services and categories by post-mortems', () => {
  const insights = buildInsights(entries('postmortems'), TODAY);
  assert.deepEqual(insights.quarters, [
    {
      quarter: '2026-Q1',
      incidents: 2,
      mttd: { median: 12.5, p90: 18.5, count: 2 },
      mttr: { median: 47.5, p90: 57.5, count: 2 },
      links: [{ uri: LOGIN, line: 0, label: 'Login errors: post-mortem' }, { uri: API, line: 0, label: 'API latency: post-mortem' }],
    },
    { quarter: '2026-Q2', incidents: 1, mttd: { median: 60, p90: 60, count: 1 }, mttr: { median: 180, p90: 180, count: 1 }, links: [{ uri: DNS, line: 0, label: 'DNS outage: post-mortem' }] },
  ]);
  // Cumulative, by the month of the post-mortem's incident: open today and closed.
  assert.deepEqual(insights.itemsByMonth, [
    { month: '2026-01', raised: 2, open: 1, closed: 1 },
    { month: '2026-02', raised: 3, open: 3, closed: 2 },
    { month: '2026-03', raised: 0, open: 3, closed: 2 },
    { month: '2026-04', raised: 0, open: 3, closed: 2 },
    { month: '2026-05', raised: 1, open: 4, closed: 2 },
  ]);
  assert.deepEqual(insights.undatedItems, { open: 0, closed: 0 });
  // `API` and `api` are one service, named as first written; most frequent first, then by name.
  assert.deepEqual(insights.services.map((s) => [s.name, s.count, s.links.map((l) => `${l.uri}:${l.line}`)]), [
    ['API', 2, [`${LOGIN}:6`, `${API}:6`]],
    ['Database', 1, [`${API}:6`]],
    ['DNS', 1, [`${DNS}:6`]],
    ['Login', 1, [`${LOGIN}:6`]],
  ]);
  assert.deepEqual(insights.factorCategories.map((s) => [s.name, s.count]), [['Technical', 2], ['Process', 1]]);
  assert.deepEqual(insights.rootCauseCategories.map((s) => [s.name, s.count, s.links[0].line]), [['Capacity', 1, 16], ['Configuration', 1, 16]]);
  // The report's figures, over the same summaries.
  const { report } = insights;
  assert.deepEqual([report.postMortems, report.incidents, report.actionItems.total, report.actionItems.open, report.actionItems.overdue, report.actionItems.withoutOwner], [3, 3, 6, 4, 3, 1]);
  assert.deepEqual(report.actionItems.byOwner, { Kim: { open: 2, overdue: 1 }, alex: { open: 1, overdue: 1 } });
  assert.deepEqual(report.overdue.map((o) => [o.file, o.line, o.days]), [[LOGIN, 33, 134], [API, 31, 92], [DNS, 25, 14]]);
});

test('insights core: a period keeps the post-mortems with an incident in it, as the report does', () => {
  const insights = buildInsights(entries('postmortems'), TODAY, { since: '2026-02-01', until: '2026-04-30' });
  assert.deepEqual(insights.quarters.map((q) => [q.quarter, q.links.map((l) => l.uri)]), [['2026-Q1', [API]]]);
  assert.deepEqual(insights.itemsByMonth, [{ month: '2026-02', raised: 3, open: 2, closed: 1 }]);
  assert.deepEqual(insights.services.map((s) => s.name), ['api', 'Database']);
  assert.equal(insights.report.postMortems, 1);
});

test('insights render: the tables give the exact values, every point links to its post-mortems at their lines', () => {
  const html = renderInsightsBody(buildInsights(entries('postmortems'), TODAY), { kind: 'webview' });
  // Seven charts, each an image described in words, with a table of its values.
  assert.equal(html.match(/<svg class="chart"[^>]* role="img" aria-labelledby="[^"]+"/g)?.length, 7);
  assert.equal(html.match(/<table class="chart-data">/g)?.length, 7);
  assert.ok(html.includes('<tr><th scope="row">2026-Q1</th><td>13m</td><td>19m</td><td>48m</td><td>58m</td></tr>'));
  assert.ok(html.includes('<tr><th scope="row">2026-05</th><td>4</td><td>2</td></tr>'));
  assert.ok(html.includes('<tr><th scope="row">API</th><td>2</td></tr>'));
  // A quarter's points (the MTTD median's in blue) link to the list of its incidents, whose links open the files at their lines:
  // for the pointer only, out of the tab order (inside role="img" nothing is read out; the lists are the keyboard's way).
  assert.ok(html.includes('<a href="#quarter-2026-Q1" class="chart-link" tabindex="-1"><circle class="series-2"'));
  assert.equal(html.match(/<a [^>]*class="chart-link"(?! tabindex="-1")/g), null);
  assert.ok(
    html.includes(
      `<details id="quarter-2026-Q1"><summary>2026-Q1: 2 incidents, MTTD median 13m, MTTR median 48m</summary><ul><li><a class="pm-open" href="${LOGIN}" data-line="0">Login errors: post-mortem</a></li><li><a class="pm-open" href="${API}" data-line="0">API latency: post-mortem</a></li></ul></details>`,
    ),
  );
  assert.ok(html.includes(`<details id="services-1"><summary>API: 2 post-mortems</summary><ul><li><a class="pm-open" href="${LOGIN}" data-line="6">Login errors: post-mortem</a></li><li><a class="pm-open" href="${API}" data-line="6">API latency: post-mortem</a></li></ul></details>`));
  // The overdue table's rows open their items.
  assert.ok(html.includes(`<td><a class="pm-open" href="${LOGIN}" data-line="32">2026-01-10-login.md:33</a></td>`));
});

test('insights render: the exported page is self-contained, its links relative to where it is written', () => {
  const page = renderInsightsPage(buildInsights(entries('postmortems'), TODAY), { kind: 'files', base: 'file:///ws/reports' });
  assert.ok(page.startsWith('<!DOCTYPE html>'));
  assert.doesNotMatch(page, /<script|<link/i);
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/);
  assert.ok(page.includes('<a href="../2026-01-10-login.md">Login errors: post-mortem</a> <span class="muted">line 1</span>'));
  assert.ok(page.includes('<td><a href="../2026-01-10-login.md">2026-01-10-login.md</a> <span class="muted">line 33</span></td>'));
});

test('insights render: a hostile document’s text is shown as text, in the charts, the lists and the tables', () => {
  const insights = buildInsights(entries('hostile'), TODAY);
  for (const html of [renderInsightsBody(insights, { kind: 'webview' }), renderInsightsPage(insights, { kind: 'files', base: 'file:///ws' })]) {
    assert.doesNotMatch(html, /<script|<img|<svg onload|<b /i);
    assert.doesNotMatch(html, /<[a-z][^<>]*\son\w+=/i);
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.ok(html.includes('Outage &lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg onload=alert(2)&gt;'));
    assert.ok(html.includes('<tr><th scope="row">&lt;img src=x onerror=alert(3)&gt;</th><td>1</td></tr>'));
    assert.ok(html.includes('<tr><th scope="row">&quot;&gt;&lt;svg onload=alert(4)&gt;</th><td>1</td></tr>'));
    assert.ok(html.includes('Fix &lt;script&gt;alert(8)&lt;/script&gt; &amp; &quot;quotes&quot;'));
    assert.ok(html.includes('&lt;img src=y onerror=alert(9)&gt;'));
  }
});

test('insights render: the webview lists the 100 longest overdue items and says how many more; the exported page lists them all', () => {
  const summary = (i: number): WorkspaceSummary => ({
    title: `PM ${i}`,
    status: 'Final',
    date: '2026-01-01',
    severity: 'P2',
    mttrMinutes: null,
    mttr: null,
    completeness: 1,
    problems: { error: 0, warning: 0, information: 0, hint: 0 },
    items: [{ line: 9, action: `Fix ${i}`, owner: 'Kim', due: `2026-0${1 + (i % 5)}-01`, dueText: '', done: false }],
    withoutOwner: 0,
    incidents: [{ date: '2026-01-01', severity: 'P2', mttdMinutes: null, mttrMinutes: null, line: 0 }],
    services: [],
    factorCategories: [],
    rootCauseCategories: [],
  });
  const insights = buildInsights(Array.from({ length: 102 }, (_, i) => ({ uri: `file:///ws/${String(i).padStart(3, '0')}.md`, summary: summary(i) })), TODAY);
  const rows = (html: string) => html.slice(html.indexOf('<section class="overdue">')).match(/<tr><td>/g)?.length;
  const body = renderInsightsBody(insights, { kind: 'webview' });
  assert.equal(rows(body), 100);
  assert.ok(body.includes('<p class="note">And 2 more items, less overdue: the Action Items view&#39;s Overdue filter lists them all.</p>'));
  assert.equal(rows(renderInsightsPage(insights, { kind: 'files' })), 102);
});
