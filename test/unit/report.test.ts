import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import { analyze } from '../../server/src/core/analyze';
import { mergeConfig, parseConfig, defaultConfig } from '../../server/src/core/config';
import { isDoneText } from '../../server/src/core/extract/action-lists';
import { buildReport, distribution, percentile, severityLabel, summarizePostMortem } from '../../server/src/core/report';
import { doneWords, isDoneStatus } from '../../server/src/core/vocabulary';
import { ROOT } from '../paths';

async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

const DIR = 'test/fixtures/report';
const API = `${DIR}/api-outage-post-mortem.md`;
const LOGIN = `${DIR}/2026-02-03-login-errors-post-mortem.md`;
const PAYMENTS = `${DIR}/payments-post-mortem.md`;

/*
 * The fixture workspace, by hand (today 2026-03-01):
 * - api-outage (our template): P1; timeline start 2026-01-10 09:00 (its Date field, 2026-01-20, is
 *   the document's), MTTD 10, MTTR 60. Items: #1 @alex due 02-01 open (28 days overdue), #2 Done,
 *   #3 TBD due 01-25 open (35 days overdue, without owner), #4 Alex due Q2 2026 (06-30) in progress.
 * - login-errors (lists): SEV-2; times without a date, so the file name's 2026-02-03; MTTD 5, MTTR 45.
 *   Items: [x] done, @Alex due 02-10 open (19 days overdue), ~~struck~~ done, "(deployed)" done by
 *   the folder's doneStatuses, Priya Raman open without due date.
 * - payments (two incidents): Critical; 2025-12-30 MTTD 12 MTTR 40, 2026-02-05 MTTD 30 MTTR 50.
 *   Items: Mei Tanaka due 01-15 (45 days overdue), "mei tanaka" due 04-01.
 * - notes.md: not a post-mortem, skipped.
 */
const OVERDUE = {
  payments: { file: PAYMENTS, line: 25, action: 'Renew certificates automatically', owner: 'Mei Tanaka', due: '2026-01-15', days: 45 },
  rollback: { file: API, line: 29, action: 'Document the rollback', owner: null, due: '2026-01-25', days: 35 },
  validate: { file: API, line: 27, action: 'Validate gateway config before push', owner: 'Alex', due: '2026-02-01', days: 28 },
  synthetic: { file: LOGIN, line: 14, action: 'Add a synthetic login check', owner: 'Alex', due: '2026-02-10', days: 19 },
};

test('report: the JSON contract over a workspace, every figure as counted by hand', async () => {
  const { code, out, err } = await run(['report', '--format', 'json', '--today', '2026-03-01', DIR]);
  assert.equal(err, '');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), {
    postMortems: 3,
    // One each, and two in payments.
    incidents: 4,
    actionItems: {
      total: 4 + 5 + 2,
      open: 3 + 2 + 2,
      overdue: 4,
      withoutOwner: 1,
      // @alex, Alex and @Alex are one owner, named as first written without @.
      byOwner: { Alex: { open: 3, overdue: 2 }, 'Mei Tanaka': { open: 2, overdue: 1 }, 'Priya Raman': { open: 1, overdue: 0 } },
    },
    // MTTD 5, 10, 12, 30: median (10 + 12) / 2; p90 at rank 3 × 0.9 = 2.7, 12 + 0.7 × (30 − 12).
    mttdMinutes: { median: 11, p90: 24.6, count: 4 },
    // MTTR 40, 45, 50, 60: median (45 + 50) / 2; p90 50 + 0.7 × 10.
    mttrMinutes: { median: 47.5, p90: 57, count: 4 },
    bySeverity: { P1: 1, SEV2: 1, Critical: 2 },
    byMonth: [
      { month: '2025-12', incidents: 1, mttrMedian: 40, mttdMedian: 12, bySeverity: { Critical: 1 } },
      { month: '2026-01', incidents: 1, mttrMedian: 60, mttdMedian: 10, bySeverity: { P1: 1 } },
      { month: '2026-02', incidents: 2, mttrMedian: 47.5, mttdMedian: 17.5, bySeverity: { SEV2: 1, Critical: 1 } },
    ],
    byQuarter: [
      { quarter: '2025-Q4', incidents: 1, mttd: { median: 12, p90: 12, count: 1 }, mttr: { median: 40, p90: 40, count: 1 } },
      // MTTD 5, 10, 30: p90 at rank 1.8, 10 + 0.8 × 20; MTTR 45, 50, 60: 50 + 0.8 × 10.
      { quarter: '2026-Q1', incidents: 3, mttd: { median: 10, p90: 26, count: 3 }, mttr: { median: 50, p90: 58, count: 3 } },
    ],
    overdue: [OVERDUE.payments, OVERDUE.rollback, OVERDUE.validate, OVERDUE.synthetic],
    undatedIncidents: 0,
    today: '2026-03-01',
    since: null,
    until: null,
  });
});

test('report: --since and --until keep the incidents dated in the period, inclusive, and their post-mortems', async () => {
  const january = JSON.parse((await run(['report', '-f', 'json', '--today', '2026-03-01', '--since', '2026-01-10', '--until', '2026-01-31', DIR])).out);
  assert.equal(january.postMortems, 1);
  assert.equal(january.incidents, 1);
  assert.deepEqual(january.actionItems, { total: 4, open: 3, overdue: 2, withoutOwner: 1, byOwner: { Alex: { open: 2, overdue: 1 } } });
  assert.deepEqual(january.overdue, [OVERDUE.rollback, OVERDUE.validate]);
  assert.deepEqual([january.since, january.until], ['2026-01-10', '2026-01-31']);

  // From February: the login errors and the second payments incident only, but all of payments' items.
  const february = JSON.parse((await run(['report', '-f', 'json', '--today', '2026-03-01', '--since', '2026-02-01', DIR])).out);
  assert.equal(february.postMortems, 2);
  assert.equal(february.incidents, 2);
  assert.deepEqual(february.bySeverity, { SEV2: 1, Critical: 1 });
  assert.deepEqual(february.mttrMinutes, { median: 47.5, p90: 49.5, count: 2 });
  assert.deepEqual(february.byMonth.map((m: { month: string }) => m.month), ['2026-02']);
  assert.deepEqual(february.overdue, [OVERDUE.payments, OVERDUE.synthetic]);

  const none = JSON.parse((await run(['report', '-f', 'json', '--since', '2027-01-01', DIR])).out);
  assert.deepEqual([none.postMortems, none.incidents, none.mttdMinutes], [0, 0, { median: null, p90: null, count: 0 }]);
  assert.deepEqual(none.byMonth, []);
});

test('report: --today decides what is overdue', async () => {
  const early = JSON.parse((await run(['report', '-f', 'json', '--today', '2026-01-20', DIR])).out);
  // Only the certificates item (due 01-15) is past due on 01-20.
  assert.deepEqual(early.overdue, [{ ...OVERDUE.payments, days: 5 }]);
  assert.equal(early.actionItems.overdue, 1);
  // Due today is not overdue.
  const dueDay = JSON.parse((await run(['report', '-f', 'json', '--today', '2026-01-15', PAYMENTS])).out);
  assert.equal(dueDay.actionItems.overdue, 0);
});

test('report: usage errors exit 2 with a message', async () => {
  for (const [args, message] of [
    [['--since', '2026-02-30', DIR], '--since must be a real date written YYYY-MM-DD'],
    [['--until', 'yesterday', DIR], '--until must be a real date written YYYY-MM-DD'],
    [['--since', '2026-03-01', '--until', '2026-02-01', DIR], '--since (2026-03-01) is after --until (2026-02-01)'],
    [['--format', 'pdf', DIR], '--format must be one of text, json, markdown, html'],
    [['--today', '2026-13-01', DIR], '--today must be a real date'],
    [[], 'no files given'],
  ] as const) {
    const { code, out, err } = await run(['report', ...args]);
    assert.equal(code, 2, args.join(' '));
    assert.equal(out, '');
    assert.ok(err.startsWith(`postmortem: ${message}`), err);
  }
});

test('report: a missing path is reported and exits 2; the others are still summed up', async () => {
  const { code, out, err } = await run(['report', '-f', 'json', '--today', '2026-03-01', PAYMENTS, 'no-such-folder']);
  assert.equal(code, 2);
  assert.equal(err, 'postmortem: no-such-folder: no such file, folder or matching files\n');
  assert.equal(JSON.parse(out).incidents, 2);
});

test('report: the text digest', async () => {
  const { out } = await run(['report', '--today', '2026-03-01', DIR]);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], 'Post-mortem report on 2026-03-01');
  assert.ok(lines.includes('Incidents     4 (P1 1, SEV2 1, Critical 2)'));
  assert.ok(lines.includes('MTTD          median 11m, p90 25m (4 incidents measured)'));
  assert.ok(lines.includes('MTTR          median 48m, p90 57m (4 incidents measured)'));
  assert.ok(lines.includes('Action items  11 total, 7 open, 4 overdue, 1 open without owner'));
  assert.ok(lines.includes('  2026-02  2 incidents   MTTR median 48m'));
  assert.ok(lines.includes('  Alex         3 open, 2 overdue'));
  assert.ok(lines.includes(`  ${PAYMENTS}:25  Renew certificates automatically (Mei Tanaka, due 2026-01-15, 45 days overdue)`));
  assert.ok(lines.includes(`  ${API}:29  Document the rollback (no owner, due 2026-01-25, 35 days overdue)`));
});

test('report: the Markdown digest', async () => {
  const { out } = await run(['report', '-f', 'markdown', '--today', '2026-03-01', '--since', '2026-01-01', DIR]);
  const lines = out.trimEnd().split('\n');
  assert.equal(lines[0], '## Post-mortem report on 2026-03-01, incidents from 2026-01-01');
  assert.ok(lines.includes('| Incidents | 3 (P1 1, SEV2 1, Critical 1) |'));
  assert.ok(lines.includes('| 2026-01 | 1 | 10m | 1h |'));
  assert.ok(lines.includes('| Alex | 3 | 2 |'));
  assert.ok(lines.includes(`| Document the rollback | — | 2026-01-25 | 35 | ${API}:29 |`));
});

/** A workspace with one post-mortem whose every text tries to break out of the page. */
function hostileWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-report-'));
  writeFileSync(
    join(dir, '2026-01-05-<img src=x onerror=alert(1)>-post-mortem.md'),
    [
      '# Post-mortem: <script>alert(1)</script> outage',
      '',
      '**Severity:** P1',
      '',
      '## Timeline',
      '',
      '- 10:00 Outage begins.',
      '- 10:30 Service restored.',
      '',
      '## Action items',
      '',
      '| Action | Owner | Due |',
      '|--------|-------|-----|',
      '| Fix <script>alert("x")</script> & "quotes" | <img src=x onerror=alert(2)> | 2026-01-10 |',
      '| Ship it | javascript:alert(3) | 2026-01-11 |',
      '',
    ].join('\n'),
  );
  return dir;
}

test('report: the HTML page is self-contained, has no script, and shows the documents’ text escaped', async () => {
  const dir = hostileWorkspace();
  const { code, out } = await run(['report', '-f', 'html', '--today', '2026-02-01', '.'], dir);
  assert.equal(code, 0);
  assert.ok(out.startsWith('<!DOCTYPE html>'));
  assert.doesNotMatch(out, /<script/i);
  assert.doesNotMatch(out, /<img/i);
  assert.doesNotMatch(out, /<[a-z][^<>]*\son\w+=/i);
  assert.match(out, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/);
  assert.ok(out.includes('Fix &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;'));
  assert.ok(out.includes('&lt;img src=x onerror=alert(2)&gt;'));
  // A link to a file cannot become a scheme: its name is URI-encoded.
  assert.ok(out.includes('href="2026-01-05-%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E-post-mortem.md"'));
  assert.doesNotMatch(out, /href="javascript:/i);
  // The Insights page: four charts (no document names a service or a category), each an image described in words with a table of its values.
  assert.equal(out.match(/<svg class="chart"[^>]* role="img" aria-labelledby="[^"]+"/g)?.length, 4);
  assert.equal(out.match(/<table class="chart-data">/g)?.length, 4);
  assert.ok(out.includes('<h1>Post-mortem report</h1>'));
  assert.ok(out.includes('<desc id="incidents-by-month-desc">Incidents per month by severity, 2026-01, stacked. P1 highest in 2026-01 (1). The table below gives every value.</desc>'));
  assert.ok(out.includes('<tr><th scope="row">&lt;img src=x onerror=alert(2)&gt;</th><td>1</td><td>1</td></tr>'));
});

test('report core: a summary keeps the open items that are owned or overdue, its dates ISO', () => {
  const text = '# Post-mortem: cache\n\n## Action items\n\n- [ ] Tune the cache (@sam) due Q1 2026\n- [ ] Add a dashboard\n- [x] Restart (@sam) due 2026-01-01\n';
  const summary = summarizePostMortem('cache.md', analyze(text), '2026-04-02');
  assert.deepEqual(summary.openItems, [{ line: 5, action: 'Tune the cache', owner: '@sam', due: '2026-03-31', daysOverdue: 2 }]);
  assert.deepEqual(summary.actionItems, { total: 3, open: 2, withoutOwner: 1 });
  assert.deepEqual(summary.incidents, [{ severity: 'Unset', mttdMinutes: null, mttrMinutes: null, line: 1 }]);
  const report = buildReport([summary], '2026-04-02');
  // An undated incident counts, in no month; a period leaves it out.
  assert.deepEqual([report.incidents, report.undatedIncidents, report.byMonth], [1, 1, []]);
  assert.deepEqual(report.actionItems.byOwner, { sam: { open: 1, overdue: 1 } });
  assert.equal(buildReport([summary], '2026-04-02', { until: '2030-01-01' }).incidents, 0);
  // A linked owner is its link's text.
  const linked = summarizePostMortem('l.md', analyze('# Post-mortem: l\n\n| Action | Owner |\n|---|---|\n| Patch | [@sam](https://github.com/sam) |\n| Test | Sam |\n'), '2026-04-02');
  assert.deepEqual(buildReport([linked], '2026-04-02').actionItems.byOwner, { Sam: { open: 2, overdue: 0 } });
});

test('report core: months and quarters without incidents are listed between the first and the last', () => {
  const summary = (date: string) => ({ file: date, title: '', incidents: [{ date, severity: 'P2', mttdMinutes: null, mttrMinutes: 30, line: 1 }], actionItems: { total: 0, open: 0, withoutOwner: 0 }, openItems: [] });
  const report = buildReport([summary('2025-11-30'), summary('2026-02-01')], '2026-03-01');
  assert.deepEqual(report.byMonth.map((m) => [m.month, m.incidents, m.mttrMedian]), [['2025-11', 1, 30], ['2025-12', 0, null], ['2026-01', 0, null], ['2026-02', 1, 30]]);
  assert.deepEqual(report.byQuarter.map((q) => q.quarter), ['2025-Q4', '2026-Q1']);
  assert.deepEqual(report.mttdMinutes, { median: null, p90: null, count: 0 });
});

test('report core: percentiles interpolate between the nearest ranks', () => {
  assert.equal(percentile([], 0.5), null);
  assert.equal(percentile([7], 0.9), 7);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9), 91);
  assert.deepEqual(distribution([null, 3, 1, null, 2]), { median: 2, p90: 2.8, count: 3 });
});

test('report core: severities as teams write them, one label each', () => {
  const cases: [string, string][] = [
    ['**P1**', 'P1'], ['p 2', 'P2'], ['SEV1', 'SEV1'], ['Sev-2', 'SEV2'], ['severity 3', 'SEV3'], ['P1 (major outage)', 'P1'],
    ['critical', 'Critical'], ['HIGH', 'High'], ['', 'Unset'], ['P{{SEVERITY}}', 'Unset'], ['P0 / P1', 'Unset'], ['Customer facing', 'Customer facing'],
  ];
  for (const [written, label] of cases) assert.equal(severityLabel(written), label, written);
});

test('done rules: status words, the team’s own added, in cells, at the end of a list item and in brackets', () => {
  for (const word of ['Done', '**closed**', 'Complete', 'Completed', 'fixed', 'Resolved', '✅', '✔']) assert.ok(isDoneStatus(word), word);
  for (const word of ['Open', 'In progress', 'Deployed', '']) assert.ok(!isDoneStatus(word), word);
  const extra = doneWords(['Deployed', ' Rolled   out ']);
  assert.ok(isDoneStatus('deployed', extra));
  assert.ok(isDoneStatus('**Rolled out**', extra));
  assert.ok(isDoneText('Review the rate limits (deployed)', extra));
  assert.ok(isDoneText('Review the rate limits [Rolled out 2026-03-02]', extra));
  assert.ok(isDoneText('Review the rate limits — Deployed', extra));
  assert.ok(!isDoneText('Review the rate limits (deployed)'));
  assert.ok(!isDoneText('Review the deployed rate limits', extra));
  assert.ok(!isDoneText('Review the rate limits (deployedness)', extra));
  assert.equal(doneWords([]), undefined);
});

test('done rules: doneStatuses in .postmortemrc.json is checked, added to the defaults and merged', () => {
  const table = '# Post-mortem: x\n\n| Action | Owner | Status |\n|---|---|---|\n| Patch | Ana | Deployed |\n| Test | Ana | Done |\n';
  assert.deepEqual(analyze(table).model.actionItems.map((i) => i.done), [false, true]);
  const { config, problems } = parseConfig('{ "doneStatuses": ["Deployed"] }');
  assert.deepEqual(problems, []);
  assert.deepEqual(analyze(table, { config }).model.actionItems.map((i) => i.done), [true, true]);
  assert.deepEqual(parseConfig('{ "doneStatuses": "Deployed" }').problems, ['"doneStatuses" must be array']);
  assert.deepEqual(parseConfig('{ "doneStatuses": [""] }').problems, ['"doneStatuses.0" must NOT have fewer than 1 characters']);
  assert.deepEqual(mergeConfig({ ...defaultConfig(), doneStatuses: ['Shipped'] }, { doneStatuses: ['Deployed'] }).doneStatuses, ['Shipped', 'Deployed']);
  assert.equal(mergeConfig(defaultConfig(), {}).doneStatuses, undefined);
});

test('report core: an incident’s date from its timeline, key events, heading, fields, title, file name, then the Date field', () => {
  const dateOf = (text: string, file = 'x.md') => summarizePostMortem(file, analyze(text), '2026-01-01').incidents.map((i) => i.date);
  const timeline = '## Timeline\n\n- 10:00 Outage begins.\n- 10:10 Alert fired.\n';
  // The timeline's own date wins over every other.
  assert.deepEqual(dateOf(`# Post-mortem: March 3, 2020 outage\n\n## Timeline\n\n- 2020-03-04 10:00 Outage begins.\n- 2020-03-04 10:10 Alert fired.\n`, '2020-03-05-x.md'), ['2020-03-04']);
  assert.deepEqual(dateOf('# Incident on the ingress\n\n- **Key events**\n  - First detected 2021-07-12 15:44\n  - Repaired 2021-07-12 15:51\n', '2021-07-13-x.md'), ['2021-07-12']);
  assert.deepEqual(dateOf(`# Post-mortem\n\n**Incident date:** 12 August 2025\n\n${timeline}`, '2025-08-14-x.md'), ['2025-08-12']);
  assert.deepEqual(dateOf(`# February 5th, 2019 Partial Prow Outage\n\n${timeline}`, '2019-02-06-x.md'), ['2019-02-05']);
  assert.deepEqual(dateOf(`# Incident report August 12 2025 - hub outage\n\n${timeline}`), ['2025-08-12']);
  assert.deepEqual(dateOf(`# Post-mortem: DNS\n\n> **Date:** 2026-03-20\n\n${timeline}`, 'team/2026-03-14-dns.md'), ['2026-03-14']);
  assert.deepEqual(dateOf(`# Post-mortem: DNS\n\n> **Date:** 2026-03-20\n\n${timeline}`, 'team/dns.md'), ['2026-03-20']);
  // Not a date: a version, an impossible day, a month without a year.
  assert.deepEqual(dateOf(`# Post-mortem: v2026-13-40 rollout on March 3\n\n${timeline}`), [undefined]);
});

test('report: the Markdown and text digests keep the documents’ text from forging markup or lines', async () => {
  const dir = hostileWorkspace();
  const markdown = (await run(['report', '-f', 'markdown', '--today', '2026-02-01', '.'], dir)).out;
  assert.ok(markdown.includes('| Fix \\<script\\>alert("x")\\</script\\> \\& "quotes" | \\<img src=x onerror=alert(2)\\> | 2026-01-10 | 22 |'), markdown);
  assert.doesNotMatch(markdown, /(?<!\\)<(?:script|img)/);
  const bidi = mkdtempSync(join(tmpdir(), 'pm-report-'));
  writeFileSync(join(bidi, 'x-post-mortem.md'), '# Post-mortem: x\n\n| Action | Owner | Due |\n|---|---|---|\n| Patch \u202e the | Ana\u001b[2J | 2026-01-01 |\n');
  const text = (await run(['report', '--today', '2026-02-01', '.'], bidi)).out;
  assert.ok(text.includes('  x-post-mortem.md:5  Patch \\u202e the (Ana\\e[2J, due 2026-01-01, 31 days overdue)'), text);
});
