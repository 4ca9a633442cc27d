import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { statusBlockers } from '../../server/src/core/blockers';
import { summarize } from '../../server/src/core/features/summary';
import { linkText } from '../../server/src/core/vocabulary';
import { cpuMs } from '../adversarial';
import { readFixture } from '../paths';
import { applyEdits, describe, fixOf } from './helpers';

const items = (text: string) =>
  analyze(text).model.actionItems.map((i) => `${i.line + 1} ${i.source} #${i.number} "${i.action?.text}" owner=${i.owner?.text ?? '-'} due=${i.due?.text ?? '-'}${i.done ? ' done' : ''}${i.ownerExpected ? ' expected' : ''}`);

test('action items: list items under an action heading, with owners, due dates and done marks in the forms teams write them', () => {
  assert.deepEqual(items(readFixture('rules', 'action-lists.md')), [
    '5 list #1 "Add a pool-exhaustion check to the rollout gates" owner=Gateway team due=2026-03-31 expected',
    '6 list #2 "Size the connection pool per region from observed peak load" owner=- due=- expected',
    '7 list #3 "Alert on pool saturation before errors begin" owner=TBD due=- expected',
    '8 list #4 "Roll back the pool change" owner=- due=- done expected',
    '9 list #5 "Page the database on-call on saturation" owner=@dba-oncall due=- expected',
    '10 list #6 "Write the rollout runbook" owner=Priya Natarajan due=- expected',
    '11 list #7 "Canary pool changes on one region first" owner=Tom Becker due=- expected',
    '12 list #8 "Review the pool limits every quarter" owner=Omar Haddad due=- expected',
    '13 list #9 "Document the pool sizing in the runbook" owner=Lena Fischer due=soon expected',
    '14 list #10 "~~Add a second gateway region~~" owner=- due=- done expected',
    '15 list #11 "Retire the old gateway (done)" owner=- due=- done expected',
    // Nested items are details; "Actions taken" is what was done during the incident; `- [ ]` is an empty slot.
    '20 list #1 "Move the agent to the monitoring node group" owner=- due=-',
    '22 list #2 "Add alerts on cluster bandwidth" owner=- due=-',
    '23 list #3 "Done: ask support about persistent volumes" owner=- due=- done',
  ]);
});

test('action items: the open count and the owners counted only for open items; the summary says which are done', () => {
  const analysis = analyze(readFixture('rules', 'action-lists.md'));
  assert.deepEqual(analysis.metrics.actionItems, { total: 14, open: 10, withoutOwner: 4, byPriority: { Unset: 14 } });
  const summary = summarize(analysis).actionItems;
  assert.deepEqual(summary.filter((i) => i.done).map((i) => i.line + 1), [8, 14, 15, 23]);
  assert.deepEqual(summary.filter((i) => i.missingOwner).map((i) => i.line + 1), [6, 7, 20, 22]);
});

test('missing-owner on a list item whose neighbours name owners: the fix writes the owner at its end, in their form', () => {
  const text = '# Post-Mortem: Fixes\n\n## Action Items\n\n- [ ] Add a smoke test (@jrivera)\n- [ ] Alert on failed logins\n';
  const { diagnostics } = analyze(text, { config: { ...defaultConfig(), owners: ['@mokafor', 'Maya Okafor'] } });
  assert.deepEqual(diagnostics.map(describe), ['6:7-6:29 warning Action item 2 ("Alert on failed logins") names no owner while the other items do: assign one person. [missing-owner]']);
  assert.equal(applyEdits(text, fixOf(diagnostics, 'missing-owner', /@mokafor/).edits), text.replace('failed logins\n', 'failed logins (@mokafor)\n'));
  assert.equal(applyEdits(text, fixOf(diagnostics, 'missing-owner', /Maya/).edits), text.replace('failed logins\n', 'failed logins (owner: Maya Okafor)\n'));
  // A team's own "Follow-up" section holds its action items too.
  assert.deepEqual(analyze('# Post-Mortem: F\n\n## Follow-up\n\n- Rotate keys (@sam)\n- Add alert\n').diagnostics.map(describe), [
    '6:3-6:12 warning Action item 2 ("Add alert") names no owner while the other items do: assign one person. [missing-owner]',
  ]);
});

test('missing-owner: at most one information finding where no action item of a section names an owner', () => {
  const one = '# Post-Mortem: One\n\n## Next steps\n\n- Rotate the certificate before it expires\n';
  assert.deepEqual(analyze(one).diagnostics.map(describe), ['3:1-3:14 information The open action item under "Next steps" names no owner: give it one person who will see it done. [missing-owner]']);
  const allDone = '# Post-Mortem: Done\n\n## Next steps\n\n- [x] Rotate the certificate\n- ~~Page the team~~\n';
  assert.deepEqual(analyze(allDone).diagnostics, []);
  // Sub-headings share their action section's format.
  const grouped = '# Incident\n\n## Action items\n\n### Process improvements\n\n1. Improve the on-call hand-over\n\n### Technical improvements\n\n1. Add monitoring ([link](https://example.org/19))\n';
  assert.deepEqual(analyze(grouped).diagnostics.map(describe), ['3:1-3:16 information None of the 2 open action items under "Action items" names an owner: give each one person who will see it done. [missing-owner]']);
});

test('action items: tables whose owner column is Assignee, DRI, Who or Responsible, done rows by their status', () => {
  const text = [
    '# Post-Mortem: Tables', '', '## Corrective actions', '',
    '| Action | DRI | Due | Status |', '|---|---|---|---|',
    '| Rotate keys | | 2026-01-10 | Done |', '| Add alert | ? | next sprint | Open |', '| Fix docs | Sam | 2026-02-01 | ✅ |', '',
    '## Remediation', '', '| Action Item | Priority | Status |', '|---|---|---|', '| Split the node pool | P1 | Closed |', '| Cap the agent memory | P2 | Open |',
  ].join('\n');
  assert.deepEqual(items(text), [
    '7 table #1 "Rotate keys" owner= due=2026-01-10 done expected',
    '8 table #2 "Add alert" owner=? due=next sprint expected',
    '9 table #3 "Fix docs" owner=Sam due=2026-02-01 done expected',
    '15 table #1 "Split the node pool" owner=- due=- done',
    '16 table #2 "Cap the agent memory" owner=- due=-',
  ]);
  assert.deepEqual(analyze(text).diagnostics.map(describe), [
    '8:15-8:16 warning Action item 2 ("Add alert") has no owner: assign one person. [missing-owner]',
    '8:19-8:30 warning Action item 2 ("Add alert") has due date "next sprint", which cannot be read: write it as YYYY-MM-DD. [action-due]',
    '11:1-11:15 information The open action item under "Remediation" names no owner: give it one person who will see it done. [missing-owner]',
  ]);
});

test('action items: words that end an item without naming anyone are not owners; links and checkboxes are not brackets', () => {
  const text = [
    '# Post-Mortem: Not owners', '', '## To do', '',
    '- Raise the alert threshold - High',
    '- Update the deployer — https://github.com/example/infra/pull/6555',
    '- Write a small document for incident response [20m] e.g. "I deleted prod"',
    '- Read [the runbook](https://example.org/runbook)',
    '- Investigate why the alert was not resolved',
  ].join('\n');
  assert.deepEqual(items(text).map((i) => i.slice(0, i.indexOf(' "')) + i.slice(i.lastIndexOf('" owner=') + 1)), [
    '5 list #1 owner=- due=-', '6 list #2 owner=- due=-', '7 list #3 owner=- due=-', '8 list #4 owner=- due=-', '9 list #5 owner=- due=-',
  ]);
});

test('the information finding where no item names an owner does not stand in the way of leaving Draft', () => {
  const text = '# Post-Mortem: Advice\n\n## Next steps\n\n- Rotate the certificate before it expires\n- [ ] Add an expiry alert\n';
  const analysis = analyze(text);
  assert.deepEqual(analysis.diagnostics.map((d) => `${d.code} ${d.severity}`), ['missing-owner information']);
  assert.deepEqual(statusBlockers(analysis), []);
});

test('action lists stay linear: thousands of items, and hostile runs of brackets, dashes and labels in one item', () => {
  const time = (text: string) => cpuMs(() => analyze(text));
  const list = (n: number) => `# Post-Mortem: Many\n\n## Action Items\n\n${Array.from({ length: n }, (_, i) => `- [ ] Item ${i} (owner: Person ${i % 7}, due 2026-0${1 + (i % 9)}-01)\n- Item without owner ${i}\n`).join('')}`;
  const hostile = (n: number) => `# Post-Mortem: Hostile\n\n## Next steps\n\n- ${'(done '.repeat(n)}${' - A'.repeat(n)}${'[x '.repeat(n)} owner: ${'due '.repeat(n)}\n- ${'Yes / No, '.repeat(n)}\n`;
  time(list(100));
  // CPU time, the best of up to three tries: one garbage collection in a single measure is not growth.
  let [small, large] = [Infinity, Infinity];
  for (let i = 0; i < 3 && !(large < small * 25); i++) {
    small = Math.min(small, time(list(500)) + time(hostile(2000)));
    large = Math.min(large, time(list(5000)) + time(hostile(20000)));
  }
  assert.ok(large < small * 25, `10× the items cost ${(large / small).toFixed(1)}× the time`);
});

test('action items: the items of a list labelled as the action items (`- **Review actions**:`), where a team writes no heading', () => {
  const text = [
    '# Incident on 2021-07-12 - Ingress stopped', '',
    '- **Key events**', '  - First detected 2021-07-12 15:44', '',
    '- **Review actions**:', '  - Monitor the certificate. Ticket [#3044](https://example.org/3044)', '  - Fix the pipeline (@cp-team)', '  - Add a canary alert', '',
    '- **Context**', '  - Not an action',
  ].join('\n');
  assert.deepEqual(items(text), [
    '7 list #1 "Monitor the certificate. Ticket [#3044](https://example.org/3044)" owner=- due=- expected',
    '8 list #2 "Fix the pipeline" owner=@cp-team due=- expected',
    '9 list #3 "Add a canary alert" owner=- due=- expected',
  ]);
  assert.deepEqual(analyze(text).diagnostics.filter((d) => d.code === 'missing-owner').map(describe), [
    '7:5-7:70 warning Action item 1 ("Monitor the certificate. Ticket #3044") names no owner while the other items do: assign one person. [missing-owner]',
    '9:5-9:23 warning Action item 3 ("Add a canary alert") names no owner while the other items do: assign one person. [missing-owner]',
  ]);
  const unowned = text.replace(' (@cp-team)', '');
  assert.deepEqual(analyze(unowned).diagnostics.filter((d) => d.code === 'missing-owner').map(describe), [
    '6:5-6:19 information None of the 3 open action items under "Review actions" names an owner: give each one person who will see it done. [missing-owner]',
  ]);
});

test('an action written as a link is named by its text: inline, reference and image links, brackets that are no link left as written', () => {
  const cases: [string, string][] = [
    ['[Add checks](https://jira.example.com/OPS-1) to CI', 'Add checks to CI'],
    ['see ![graph](a.png) and [the runbook][rb]', 'see graph and the runbook'],
    ['[unclosed ( [retry budget](https://x) now', '[unclosed ( retry budget now'],
    ['Fix [sic] the [label]( with no end', 'Fix [sic] the [label]( with no end'],
  ];
  assert.deepEqual(cases.map(([text]) => linkText(text)), cases.map(([, shown]) => shown));
  // One pass: runs that an unmemoised search for the destination's end would scan again and again.
  for (const unit of ['[', '[a](', '[a][', ']']) {
    const spent = cpuMs(() => linkText(unit.repeat(250_000)));
    assert.ok(spent < 1000, `${unit}×250,000: ${spent.toFixed(0)} ms`);
  }
});
