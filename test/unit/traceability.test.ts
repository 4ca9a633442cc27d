import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/features/hover';
import { traceFixesAt } from '../../server/src/core/features/traceability';
import { contentWords, stem } from '../../server/src/core/traceability';
import { traceabilitySection } from '../../server/src/render/traceability';
import { readFixture } from '../paths';
import { applyEdits, describe } from './helpers';

const FIXTURE = readFixture('rules', 'traceability.md');

/** Each action item's links as `CF-1!` (explicit) or `RC(words)`; `hygiene` when marked. */
function links(text: string): string[] {
  const { trace } = analyze(text);
  return trace.actions.map((a) => `${a.text} → ${a.hygiene ? 'hygiene' : a.links.map((l) => `${trace.causes[l.cause].id}${l.explicit ? '!' : `(${l.words!.join(',')})`}`).join(' ') || (a.otherRefs.length ? `other ${a.otherRefs.join(',')}` : '-')}`);
}

function doc(body: string, status = 'In Review'): string {
  return `# Post-Mortem: Test\n\n> **Status:** ${status}\n\n${body}`;
}

const FACTORS = `## Contributing Factors

| Factor | Type | Action Required |
|--------|------|----------------|
| Connection timeouts were too long | Technical | Yes |
| Dashboards hid the saturation | Technical | Yes |
`;

test('words: lower-cased, stop words and numbers dropped, plurals and -ing/-ed folded, six letters kept', () => {
  assert.equal(stem('timeouts'), stem('timeout'));
  assert.equal(stem('indexes'), 'index');
  assert.equal(stem('changed'), stem('changing'));
  assert.equal(stem('dependencies'), stem('depend'));
  assert.equal(stem('migration'), stem('migrated'));
  assert.equal(stem('configuration'), stem('configured'));
  assert.deepEqual(contentWords('The 3 connection Timeouts were added to the CI incident'), ['connec', 'timeou', 'ci']);
  // Words as written: `WINDOW_UPDATE` is two.
  assert.deepEqual(contentWords('**WINDOW_UPDATE** frames'), ['window', 'updat', 'fram']);
});

test('links: explicit IDs, an addresses clause, an Addresses column, a link to a heading, hygiene; words otherwise', () => {
  const text = doc(`**Root cause:** the pool had no retry budget.

${FACTORS}
### Stale runbook

The runbook named the old cluster.

## Action Items

| # | Action | Owner | Addresses |
|---|--------|-------|-----------|
| 1 | Shorten connection timeouts to 2 s | Alice Moreau | |
| 2 | Put the dashboards on the wall | Bob Tran | CF-2 |
| 3 | Give the pool a retry budget | Bob Tran | General |
| 4 | Add a saturation panel | Bob Tran | |

- Rewrite [the runbook](#stale-runbook) (@carol)
- Tune timeouts and connection limits (addresses: RC) (@carol)
- Rotate the pager (hygiene) (@carol)
- Move cf-1 checks to CI (@carol)
- Follow up on CF-9 (@carol)
`);
  assert.deepEqual(links(text), [
    'Shorten connection timeouts to 2 s → CF-1(connection,timeouts)',
    'Put the dashboards on the wall → CF-2!',
    'Give the pool a retry budget → hygiene',
    // One word no other cause uses links.
    'Add a saturation panel → CF-2(saturation)',
    'Rewrite [the runbook](#stale-runbook) → CF-3!',
    // An explicit link ends the links by words: no CF-1 here.
    'Tune timeouts and connection limits (addresses: RC) → RC!',
    'Rotate the pager (hygiene) → hygiene',
    'Move cf-1 checks to CI → CF-1!',
    'Follow up on CF-9 → other CF-9',
  ]);
});

test('links: a factor’s own anchor, `<a id>` or `{#…}`, is a link target; a hostile run of `{#` is read once', () => {
  const text = doc(`## Contributing Factors

- Nobody watched the queue depth <a id="queue-depth"></a>
- The replica lag went unnoticed {#lag}

## Action Items

- Page on [queue](#queue-depth) growth (@alice)
- Graph [it](#lag) (@bob)
`);
  assert.deepEqual(links(text), ['Page on [queue](#queue-depth) growth → CF-1!', 'Graph [it](#lag) → CF-2!']);
  const hostile = doc(`## Contributing Factors\n\n- ${'{#'.repeat(100_000)}\n\n## Action Items\n\n- Fix it (@alice)\n`);
  const start = performance.now();
  analyze(hostile);
  assert.ok(performance.now() - start < 2000);
});

test('causes: factors from lists and sub-headings, their own CF-n, the root cause section, the last answered why', () => {
  const text = doc(`## 5 Whys

| Why # | Question | Answer |
|-------|----------|--------|
| Why 1 | Why? | The disk filled |
| Why 2 | Why? | Logs were never rotated |
| Why 3 | Why? |  |

## Root Cause

There are two issues at play:

- log rotation was disabled in the base image

## Contributing Factors

- Disk alerts went to an unused channel
- **CF-4**: Nobody owned the base image

## Action Items

- Enable log rotation in the base image (@alice)
`);
  const { trace } = analyze(text);
  assert.deepEqual(
    trace.causes.map((c) => `${c.id} ${c.kind} ${c.line} ${c.text}`),
    ['Why 2 why 9 Logs were never rotated', 'RC rootCause 14 There are two issues at play:', 'CF-1 factor 20 Disk alerts went to an unused channel', 'CF-4 factor 21 CF-4: Nobody owned the base image'],
  );
  assert.deepEqual(links(text), ['Enable log rotation in the base image → RC(log,rotation,base,image) CF-4(base,image)']);
});

test('findings: exact messages and ranges once In Review; silent in a Draft and without a status', () => {
  assert.deepEqual(analyze(FIXTURE).diagnostics.filter((d) => d.code === 'traceability').map(describe), readFixture('rules', 'traceability.expected').split('\n').filter(Boolean));
  assert.deepEqual(analyze(FIXTURE.replace('In Review', 'Draft')).diagnostics.filter((d) => d.code === 'traceability'), []);
  assert.deepEqual(analyze(FIXTURE.replace('> **Status:** In Review\n', '')).diagnostics.filter((d) => d.code === 'traceability'), []);
  // A factor whose Action Required says No needs no action; nothing to say without action items.
  assert.deepEqual(analyze(doc(FACTORS.replace('| Yes |\n| Dash', '| No |\n| Dash'))).diagnostics.filter((d) => d.code === 'traceability'), []);
});

test('a finding’s fix writes the link, with the causes read from words, and is not offered again', () => {
  const { diagnostics } = analyze(FIXTURE);
  const onFactor = diagnostics.find((d) => d.code === 'traceability' && d.message.startsWith('Contributing factor 4'))!;
  assert.deepEqual(
    onFactor.fixes!.map((f) => [f.title, f.edits]),
    [
      ['Link Action item 1 ("Give the gateway client a retry budget") to CF-4 (both say "retry")', [{ range: { start: { line: 30, character: 61 }, end: { line: 30, character: 62 } }, newText: ' Why 2, RC, CF-4 ' }]],
      ['Link Action item 2 ("Roll client releases through a canary first") to CF-4 (both say "releases")', [{ range: { start: { line: 31, character: 67 }, end: { line: 31, character: 67 } }, newText: ', CF-4' }]],
    ],
  );
  const fixed = applyEdits(FIXTURE, onFactor.fixes![0].edits);
  assert.equal(fixed.split('\n')[30], '| 1 | Give the gateway client a retry budget | Alice Moreau | Why 2, RC, CF-4 |');
  const after = analyze(fixed).diagnostics.filter((d) => d.code === 'traceability');
  assert.deepEqual(after.map((d) => d.range.start.line), [33, 37]);
  // A list item gets ` (addresses: …)` after its text.
  const archive = diagnostics.find((d) => d.message.includes('Archive'))!;
  assert.equal(archive.fixes, undefined);
  const text = doc(`${FACTORS.replace('Dashboards hid the saturation', 'Dashboards hid the connection saturation')}\n## Action Items\n\n- Cap the pool (@alice)\n- Alert on connection saturation (@bob)\n`);
  const gap = analyze(text).diagnostics.filter((d) => d.code === 'traceability').map(describe);
  assert.deepEqual(gap, ['9:3-9:36 information Contributing factor 1 "Connection timeouts were too long" has no action item: add one, or link one with CF-1. [traceability]', '14:3-14:15 information Action item 1 ("Cap the pool") addresses no cause: link it to one (CF-n) or mark it (hygiene). [traceability]']);
  const linkFix = analyze(text).diagnostics.find((d) => d.message.startsWith('Contributing factor 1'))!.fixes![0];
  assert.equal(linkFix.title, 'Link Action item 2 ("Alert on connection saturation") to CF-1 (both say "connection")');
  const linked = applyEdits(text, linkFix.edits);
  assert.equal(linked.split('\n')[14], '- Alert on connection saturation (addresses: CF-1, CF-2) (@bob)');
  assert.deepEqual(analyze(linked).diagnostics.filter((d) => d.code === 'traceability').map((d) => d.range.start.line), [13]);
});

test('a quick fix settles links read from words, and none is offered once they are explicit', () => {
  const analysis = analyze(FIXTURE);
  const all = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
  const fixes = traceFixesAt(analysis, all);
  assert.deepEqual(
    fixes.map((f) => [f.fix.title, f.fix.edits]),
    [['Link Action item 1 ("Give the gateway client a retry budget") to Why 2, RC explicitly (read from shared words)', [{ range: { start: { line: 30, character: 61 }, end: { line: 30, character: 62 } }, newText: ' Why 2, RC ' }]]],
  );
  const settled = applyEdits(FIXTURE, fixes[0].fix.edits);
  assert.deepEqual(traceFixesAt(analyze(settled), all), []);
  assert.deepEqual(links(settled)[0], 'Give the gateway client a retry budget → Why 2! RC!');
});

test('hover: a cause lists its actions, an action its causes and how', () => {
  const analysis = analyze(FIXTURE);
  assert.deepEqual(hoverAt(analysis, { line: 17, character: 5 }), {
    markdown: '**CF-1** (Contributing factor 1)\n\nAddressed by:\n\n- Action item 2 ("Roll client releases through a canary first"): linked explicitly',
    range: { start: { line: 17, character: 2 }, end: { line: 17, character: 37 } },
  });
  assert.equal(hoverAt(analysis, { line: 20, character: 5 })?.markdown, '**CF-4** (Contributing factor 4)\n\nNo action item addresses it: add one, or link one with CF-4.');
  assert.equal(
    hoverAt(analysis, { line: 30, character: 10 })?.markdown,
    '**Action item 1 ("Give the gateway client a retry budget")**\n\nAddresses:\n\n- Why 2 "Retries doubled every request to the gateway": by the words they share ("gateway", "retry")\n- RC "the gateway client retries without a budget.": by the words they share ("gateway", "client", "retry", "budget")',
  );
  assert.equal(hoverAt(analysis, { line: 32, character: 10 })?.markdown, '**Action item 3 ("Rotate the on-call calendar")**\n\nMarked general hygiene: it needs no cause.');
  assert.equal(hoverAt(analysis, { line: 37, character: 10 })?.markdown, '**Action item 3 ("Archive the old wiki pages")**\n\nAddresses no cause: link it to one (CF-n, RC, Why n) or mark it (hygiene).');
});

test('preview: the matrix marks explicit and word links and highlights the gaps, escaping the document’s text', () => {
  const html = traceabilitySection(analyze(FIXTURE));
  assert.ok(html.includes('<p class="summary"><span class="flag">1 cause without an action</span> · <span class="flag">2 action items addressing no cause</span> · ● linked explicitly, ○ by shared words</p>'));
  assert.ok(html.includes('<th scope="col" class="cause gap" data-line="20" title="Contributing factor 4: Release notes skipped the retry change&#10;No action item addresses it">CF-4</th>'));
  assert.ok(html.includes('<tr data-line="31"><th scope="row">Action item 2 (&quot;Roll client releases through a canary first&quot;)</th><td></td><td></td><td class="explicit" title="CF-1: linked explicitly">●</td>'));
  assert.ok(html.includes('<td class="implicit" title="RC: shared words: gateway, client, retry, budget">○</td>'));
  assert.ok(html.includes('<tr class="gap" data-line="37"><th scope="row">Action item 3 (&quot;Archive the old wiki pages&quot;) <span class="flag">addresses no cause</span></th>'));
  const hostile = traceabilitySection(analyze(FIXTURE.replace('No canary stage for client releases', '<img src=x onerror=alert(1)> canary')));
  assert.ok(!hostile.includes('<img'));
  assert.ok(hostile.includes('&lt;img src=x onerror=alert(1)&gt; canary'));
  // Nothing to show without action items or without causes.
  assert.equal(traceabilitySection(analyze(doc(FACTORS))), '');
  assert.equal(traceabilitySection(analyze(doc('## Action Items\n\n- Cap the pool (@alice)\n'))), '');
});

test('linear: a thousand factors and a thousand action items are traced in bounded time', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => `| Factor word${i} shared common words here | Technical | Yes |`).join('\n');
  const items = Array.from({ length: 1000 }, (_, i) => `- Fix word${i} and common shared words (@alice)`).join('\n');
  const text = doc(`## Contributing Factors\n\n| Factor | Type | Action Required |\n|---|---|---|\n${rows}\n\n## Action Items\n\n${items}\n`);
  const start = performance.now();
  const { trace } = analyze(text);
  assert.ok(performance.now() - start < 3000);
  assert.equal(trace.causes.length, 1000);
});
