// Figures stated in prose, lists, headings and tables, checked against the timeline (issue 12):
// "down for 66 minutes", "unavailable for about 45 minutes", "lasted for at least seven hours",
// `Incident Duration | 3h 45m`, "the alert fired two minutes after", `21:45 to 23:28 UTC (103 minutes)`.
// The fixture test/fixtures/rules/stated-figures.md (with its .expected) holds every form against a
// marked timeline; the tests here hold what each figure is read as, and what is not a figure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { disagreesApproximately, parseDuration, readFigure } from '../../server/src/core/duration';
import { hoverAt } from '../../server/src/core/features/hover';
import { readFixture } from '../paths';
import { applyEdits, describe, fixOf } from './helpers';

const TIMELINE = `## Timeline

| Time | Event | MTTD/MTTR Marker |
|------|-------|-----------------|
| 09:12 | Config pushed | ← Incident start |
| 09:20 | Error rate alert fires | |
| 09:31 | On-call acknowledges | ← Detection |
| 09:40 | Database unavailable for 3 minutes during the failover | |
| 10:00 | Service restored | ← Resolved |
`;

/** The document's figures as `line kind approximation "text"`, 1-based lines. */
function figures(text: string): string[] {
  return analyze(text).model.statedFigures.map((f) => `${f.line + 1} ${f.kind} ${f.approximation} "${f.text}"`);
}

function mismatches(text: string): string[] {
  return analyze(text).diagnostics.filter((d) => d.code === 'metric-mismatch').map(describe);
}

test('a clock time is not a duration: a time range is no longer read as 21 h 45 min', () => {
  assert.equal(parseDuration('21:45 to 23:28 UTC (103 minutes)'), undefined);
  assert.equal(parseDuration('21:45-23:28'), undefined);
  assert.equal(parseDuration('9:13 AM'), undefined);
  assert.equal(parseDuration('21:45 UTC'), undefined);
  assert.equal(parseDuration('1:10')?.minutes, 70);
  assert.equal(parseDuration('x 2 hours', 1)?.minutes, 120);
});

test('figures in digits, in words, hyphenated and glued to their unit', () => {
  const read = (t: string) => {
    const f = readFigure(t, 0);
    return f && [f.minutes, f.resolution, t.slice(f.start, f.end)];
  };
  assert.deepEqual(read('66 minutes'), [66, 1, '66 minutes']);
  assert.deepEqual(read('40min of'), [40, 1, '40min']);
  assert.deepEqual(read('40minutes'), [40, 1, '40minutes']);
  assert.deepEqual(read('47-minute period'), [47, 1, '47-minute']);
  assert.deepEqual(read('35h 36m.'), [2136, 1, '35h 36m']);
  assert.deepEqual(read('seven hours'), [420, 60, 'seven hours']);
  assert.deepEqual(read('forty-five minutes'), [45, 1, 'forty-five minutes']);
  assert.deepEqual(read('two-hour outage'), [120, 60, 'two-hour']);
  assert.deepEqual(read('an hour'), [60, 60, 'an hour']);
  assert.deepEqual(read('half an hour'), [30, 30, 'half an hour']);
  assert.equal(read('21:45'), undefined);
  assert.equal(read('12'), undefined);
  assert.equal(read('five people'), undefined);
  assert.equal(read('3 months'), undefined);
  assert.equal(read('a-b minutes'), undefined);
});

test('tolerance by the wording: exact to its unit, about 10 % or 5 minutes, at least only below, within only above', () => {
  const d = (t: string) => readFigure(t, 0)!;
  assert.equal(disagreesApproximately(d('48 minutes'), 'exact', 48.5), false);
  assert.equal(disagreesApproximately(d('47 minutes'), 'exact', 48), true);
  assert.equal(disagreesApproximately(d('2 hours'), 'exact', 170), false);
  assert.equal(disagreesApproximately(d('45 minutes'), 'about', 50), false);
  assert.equal(disagreesApproximately(d('45 minutes'), 'about', 51), true);
  assert.equal(disagreesApproximately(d('nine hours'), 'about', 600), false);
  assert.equal(disagreesApproximately(d('nine hours'), 'about', 684), true);
  assert.equal(disagreesApproximately(d('seven hours'), 'atLeast', 500), false);
  assert.equal(disagreesApproximately(d('seven hours'), 'atLeast', 361), false);
  assert.equal(disagreesApproximately(d('seven hours'), 'atLeast', 360), true);
  assert.equal(disagreesApproximately(d('90 minutes'), 'atMost', 12), false);
  assert.equal(disagreesApproximately(d('90 minutes'), 'atMost', 90.5), false);
  assert.equal(disagreesApproximately(d('90 minutes'), 'atMost', 91), true);
});

test('every figure form and approximation word, read with its metric', () => {
  assert.deepEqual(figures(readFixture('rules', 'stated-figures.md')), [
    '5 duration exact "66 minutes"',
    '7 duration about "about 30 minutes"',
    '9 duration atLeast "at least seven hours"',
    '11 duration exact "40min"',
    '13 mttr exact "35h 36m"',
    '15 mttd exact "12 minutes"',
    '17 mttr atMost "within 30 minutes"',
    '19 duration exact "47 minute"',
    '21 duration atMost "less than 30 minutes"',
    '23 mttd exact "25 minutes"',
    '25 duration about "nearly an hour"',
    '27 duration about "~50 min"',
    '29 duration about "roughly 45 minutes"',
    '31 duration exact "48 minutes"',
    '37 duration exact "3h 45m"',
    '72 duration exact "45 minutes"',
  ]);
});

test('each approximation word', () => {
  const doc = (sentence: string) => `# Outage\n\n${sentence}\n\n${TIMELINE}`;
  const cases: [string, string][] = [
    ['The API was down for approximately 45 minutes.', 'about'],
    ['The API was down for around 45 minutes.', 'about'],
    ['The API was down for roughly 45 minutes.', 'about'],
    ['The API was down for ~45 minutes.', 'about'],
    ['The API was down for about 45 minutes.', 'about'],
    ['The API was down for nearly 45 minutes.', 'about'],
    ['The API was down for at least 45 minutes.', 'atLeast'],
    ['The API was down for over 45 minutes.', 'atLeast'],
    ['The API was down for more than 45 minutes.', 'atLeast'],
    ['The API was down for under 45 minutes.', 'atMost'],
    ['The API was down for less than 45 minutes.', 'atMost'],
    ['The API was down for 45 minutes.', 'exact'],
  ];
  for (const [sentence, approximation] of cases) assert.deepEqual(analyze(doc(sentence)).model.statedFigures.map((f) => f.approximation), [approximation], sentence);
  // 48 minutes measured: "about" and "at least" 45 agree, exact and "under" do not.
  assert.deepEqual(mismatches(doc('The API was down for about 45 minutes.')), []);
  assert.deepEqual(mismatches(doc('The API was down for over 45 minutes.')), []);
  assert.deepEqual(mismatches(doc('The API was down for under 45 minutes.')), [
    "3:22-3:38 warning 'down for under 45 minutes' but the timeline gives a duration of 48m (09:12 start to 10:00 resolved): correct the figure or the timeline. [metric-mismatch]",
  ]);
});

test('sentences that state no metric are not read', () => {
  const text = readFixture('rules', 'stated-figures.md');
  const lines = text.split('\n');
  const read = new Set(analyze(text).model.statedFigures.map((f) => f.line));
  for (const phrase of ['5 minute deploy', 'retention of 30 days', 'every 10 minutes', '2 minutes after the deploy', '`down for 5 minutes`', 'unavailable for 3 minutes during the failover', 'down for 5 minutes (owner']) {
    const line = lines.findIndex((l) => l.includes(phrase));
    assert.ok(line >= 0, phrase);
    assert.equal(read.has(line), false, phrase);
  }
  const more = `# Outage\n\nThe canary ran for 15 minutes before the rollout.\n\nWe were down for 10 minutes. For 20 minutes after that, nothing.\n\nThe site went down 5 minutes after the deploy.\n\nThe SLO target is to be down for under 5 minutes.\n\n${TIMELINE}`;
  assert.deepEqual(figures(more), ['5 duration exact "10 minutes"']);
  const elsewhere = ['Last year the site was down for 3 hours.', 'In the last 5 minutes of the outage, errors dropped.', 'We scheduled a 2 hour outage.', 'Without the alert we would have been down for 5 hours.', 'The site was not down for 66 minutes.', 'The review lasted 2 hours.', 'Our SLA of 99.9% allows 43 minutes of downtime per month.', 'The API was down for 1 minute every hour.', 'We can be down for 5 minutes without anyone noticing.'];
  for (const sentence of elsewhere) assert.deepEqual(figures(`# Outage\n\n${sentence}\n\n${TIMELINE}`), [], sentence);
});

test('the quick fix writes the timeline’s value over a plain figure, not over words or approximations', () => {
  const text = readFixture('rules', 'stated-figures.md');
  const { diagnostics } = analyze(text);
  const after = applyEdits(text, fixOf(diagnostics, 'metric-mismatch', /^Change to 48 minutes$/).edits);
  assert.equal(after.split('\n')[4], 'The payments API was down for 48 minutes.');
  const fixable = diagnostics.filter((d) => d.code === 'metric-mismatch' && d.fixes?.length).map((d) => d.range.start.line + 1);
  assert.deepEqual(fixable, [5, 13, 15, 23, 37, 70, 72]);
  assert.equal(diagnostics.some((d) => d.fixes?.some((f) => f.safe && d.range.start.line === 4)), false);
});

test('the alert fired N minutes after: checked against a detection read from the events’ words, not an acknowledgment marker', () => {
  const words = `# Outage

The alert fired two minutes after the first errors.

## Timeline

- 09:12 First users see errors on checkout
- 09:20 Error rate alert fired
- 10:00 Service restored
`;
  assert.deepEqual(figures(words), ['3 mttd exact "two minutes"']);
  assert.deepEqual(mismatches(words), [
    "3:17-3:28 warning 'fired two minutes after' but the timeline gives a time to detect of 8m (09:12 start to 09:20 detection): correct the figure or the timeline. [metric-mismatch]",
  ]);
  assert.deepEqual(mismatches(words.replace('two minutes', 'eight minutes')), []);
  // In our template, Detection marks the acknowledgment: the alert may fire before it.
  const marked = `# Outage\n\nThe alert fired two minutes after the first errors.\n\n${TIMELINE}`;
  assert.deepEqual(figures(marked), ['3 mttd exact "two minutes"']);
  assert.deepEqual(mismatches(marked), []);
});

test('nothing is reported when the timeline does not give the metric', () => {
  const text = `# Outage\n\nThe API was down for 66 minutes. Detection delay: 12 minutes\n\n## Timeline\n\n- 09:12 Config pushed\n`;
  assert.equal(analyze(text).model.statedFigures.length, 2);
  assert.deepEqual(mismatches(text), []);
});

test('a heading, a list item and a table row are read; timeline entries and action items are not', () => {
  const text = `# 2019-04-03, 30min outage during node pool upgrade

- Outage went unnoticed for 40minutes

| Metric | Value |
|--------|-------|
| Outage duration | 48 minutes |

${TIMELINE}
## Action Items

- Page when checkout is down for 5 minutes
`;
  assert.deepEqual(figures(text), ['1 duration exact "30min"', '3 mttd exact "40minutes"', '7 duration exact "48 minutes"']);
  assert.deepEqual(mismatches(text), [
    "1:15-1:20 warning '30min outage' but the timeline gives a duration of 48m (09:12 start to 10:00 resolved): correct the figure or the timeline. [metric-mismatch]",
    "3:29-3:38 warning 'unnoticed for 40minutes' but the timeline gives a time to detect of 19m (09:12 start to 09:31 detection): correct the figure or the timeline. [metric-mismatch]",
  ]);
});

test('a time range with its stated length is checked against itself, across midnight and with dates', () => {
  const text = `# Outage

Checkout failed from 21:45 to 23:28 UTC (103 minutes).

Checkout failed from 23:40 to 00:10 (20 minutes).

Errors between 2019-02-25 23:04 and 2019-02-26 08:12 (9h 8m).

Errors from 9:13 AM to 10:01 AM PST (48 minutes).
`;
  assert.deepEqual(analyze(text).model.windowFigures.map((w) => [w.line + 1, w.window, w.minutes]), [
    [3, '21:45 to 23:28 UTC', 103], [5, '23:40 to 00:10', 30], [7, '2019-02-25 23:04 and 2019-02-26 08:12', 548], [9, '9:13 AM to 10:01 AM PST', 48],
  ]);
  assert.deepEqual(mismatches(text), [
    "5:38-5:48 warning '23:40 to 00:10 (20 minutes)' but 23:40 to 00:10 is 30m: correct the length or the times. [metric-mismatch]",
  ]);
});

test('hover on a figure says what it is read as, how it is checked and how the timeline measures it', () => {
  const analysis = analyze(readFixture('rules', 'stated-figures.md'));
  const hover = hoverAt(analysis, { line: 6, character: 35 });
  assert.equal(hover?.markdown, "'unavailable for about 30 minutes' is read as the total duration, an approximate figure (10 % or 5 minutes either way).\n\nTotal duration = Resolved (else Restored) − Incident start = 10:00 − 09:12 = **48m**\n\nFrom timeline rows 1 and 5 (lines 56 and 60).");
  assert.deepEqual(hover?.range, { start: { line: 6, character: 29 }, end: { line: 6, character: 45 } });
  assert.equal(hoverAt(analysis, { line: 6, character: 5 }), undefined);
});

test('a hard-wrapped paragraph: the words before a figure may be on the line above', () => {
  const text = `# Outage

All jobs that needed a project (including a required job for every PR) failed for about
66 minutes, while on-call was sleeping.

The API was down
for 66 minutes.

${TIMELINE}`;
  assert.deepEqual(figures(text), ['4 duration about "about 66 minutes"', '7 duration exact "66 minutes"']);
  assert.deepEqual(analyze(text).model.statedFigures.map((f) => [f.range, f.statement]), [
    [{ start: { line: 2, character: 82 }, end: { line: 3, character: 10 } }, 'failed for about 66 minutes'],
    [{ start: { line: 6, character: 4 }, end: { line: 6, character: 14 } }, 'down for 66 minutes'],
  ]);
  assert.deepEqual(mismatches(text), [
    "3:83-4:11 warning 'failed for about 66 minutes' but the timeline gives a duration of 48m (09:12 start to 10:00 resolved): correct the figure or the timeline. [metric-mismatch]",
    "7:5-7:15 warning 'down for 66 minutes' but the timeline gives a duration of 48m (09:12 start to 10:00 resolved): correct the figure or the timeline. [metric-mismatch]",
  ]);
});

test('the time to mitigate is checked against the Mitigated event, never against the resolution', () => {
  const text = `# Login loop

Time to mitigate: 30 minutes. The change was mitigated within 50 minutes.

## Timeline

| Time | Event |
|------|-------|
| 09:12 | First users stuck in the login loop |
| 09:31 | Uptime check alert fired for the login page |
| 09:58 | Revert merged, change rolled back |
| 10:15 | Service restored: logins succeed again |
`;
  assert.deepEqual(figures(text), ['3 mitigation exact "30 minutes"', '3 mitigation atMost "within 50 minutes"']);
  assert.deepEqual(mismatches(text), [
    "3:19-3:29 warning 'Time to mitigate: 30 minutes' but the timeline gives a time to mitigate of 46m (09:12 start to 09:58 mitigated): correct the figure or the timeline. [metric-mismatch]",
  ]);
  assert.match(hoverAt(analyze(text), { line: 2, character: 22 })!.markdown, /Time to mitigate = Mitigated − Incident start = 09:58 − 09:12 = \*\*46m\*\*/);
  // Without a Mitigated event there is nothing to check it against.
  assert.deepEqual(mismatches(`# Outage\n\nTime to mitigate: 30 minutes.\n\n${TIMELINE}`), []);
});

test('a second figure on a metric field’s line is read on its own', () => {
  const text = `# Outage\n\nTime to detection: 19 minutes. Time to recovery: 13 minutes.\n\n${TIMELINE}`;
  assert.deepEqual(analyze(text).model.statedMetrics.map((m) => m.stated?.minutes), [19]);
  assert.deepEqual(figures(text), ['3 mttr exact "13 minutes"']);
  assert.deepEqual(mismatches(text), [
    "3:50-3:60 warning 'Time to recovery: 13 minutes' but the timeline gives a time to resolve of 48m (09:12 start to 10:00 resolved): correct the figure or the timeline. [metric-mismatch]",
  ]);
});

test('without a measurable timeline, figures are checked against the key events stated outside it', () => {
  const text = `# Incident on 2023-09-18 - Lack of disk space

- **Key events**
  - First detected: 2023-09-18 13:42
  - Incident declared: 2023-09-18 15:12
  - Repaired: 2023-09-18 17:54
  - Resolved 2023-09-20 19:18

- **Time to repair**: 4h 12m

- **Time to resolve**: 35h 36m

- **Impact**: nodes were down for 60h.
`;
  assert.deepEqual(analyze(text).model.keyEvents.map((k) => [k.kind, k.label, k.time, k.line + 1]), [
    ['detected', 'First detected', '2023-09-18 13:42', 4], ['declared', 'Incident declared', '2023-09-18 15:12', 5],
    ['repaired', 'Repaired', '2023-09-18 17:54', 6], ['resolved', 'Resolved', '2023-09-20 19:18', 7],
  ]);
  // Counted from the first detection, the key events give a lower bound: 35h 36m is too short; 60h may count from an earlier start.
  assert.deepEqual(mismatches(text), [
    "11:24-11:31 warning 'Time to resolve: 35h 36m' but the key events give at least 53h 36m (First detected 2023-09-18 13:42 to Resolved 2023-09-20 19:18): correct the figure or the key events. [metric-mismatch]",
  ]);
  // With an incident start among them, a figure must agree with it (or with the first detection as a lower bound).
  const started = text.replace('  - First detected: 2023-09-18 13:42', '  - Incident start: 2023-09-18 13:30\n  - First detected: 2023-09-18 13:42').replace('60h', '50h');
  assert.deepEqual(mismatches(started), [
    "12:24-12:31 warning 'Time to resolve: 35h 36m' but the key events give 53h 48m (Incident start 2023-09-18 13:30 to Resolved 2023-09-20 19:18): correct the figure or the key events. [metric-mismatch]",
    "14:35-14:38 warning 'down for 50h' but the key events give a duration of 53.8h (Incident start 2023-09-18 13:30 to Resolved 2023-09-20 19:18): correct the figure or the key events. [metric-mismatch]",
  ]);
  // A timeline's measure wins over the key events; a key event needs a date and a time alone on its line.
  assert.deepEqual(analyze('# X\n\n- First detected at 13:42\n- Resolved: 2023-09-20 19:18 by the on-call\n- Repaired: 2023-09-18\n').model.keyEvents, []);
});

test('several incidents: each figure is checked against the incident whose part of the document holds it', () => {
  const text = `# Two outages on the payments API

## Timeline

### Incident 1: 2026-02-03 database failover

Writes were down for 40 minutes.

- 10:00 Outage begins: writes fail.
- 10:40 Service restored after the failover.

### Incident 2: 2026-02-05 certificate expiry

Payments were down for 40 minutes.

- 09:00 Outage begins: TLS handshakes fail.
- 09:50 Service restored with a new certificate.
`;
  assert.deepEqual(figures(text), ['7 duration exact "40 minutes"', '14 duration exact "40 minutes"']);
  assert.deepEqual(mismatches(text), [
    "14:24-14:34 warning 'down for 40 minutes' but the timeline gives a duration of 50m (09:00 start to 09:50 resolved): correct the figure or the timeline. [metric-mismatch]",
  ]);
});

test('a line is read for figures up to its 100th number: a line of hundreds is data, not a sentence', () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => `ID-${i}`).join(', ');
  assert.deepEqual(figures(`${TIMELINE}\nThe outage lasted 48 minutes. Affected: ${numbers(99)}.\n`), ['11 duration exact "48 minutes"']);
  assert.deepEqual(figures(`${TIMELINE}\nAffected: ${numbers(99)}. The outage lasted 48 minutes.\n`), ['11 duration exact "48 minutes"']);
  assert.deepEqual(figures(`${TIMELINE}\nAffected: ${numbers(100)}. The outage lasted 48 minutes.\n`), []);
});
