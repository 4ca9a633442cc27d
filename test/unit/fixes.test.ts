import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { readExample, readFixture } from '../paths';
import { applyEdits, fixOf } from './helpers';

/** Applies the fix, then checks the result no longer offers it: fixes are idempotent. */
function fixed(text: string, code: string, title: RegExp, fix = {}): string {
  const after = applyEdits(text, fixOf(analyze(text, { fix }).diagnostics, code, title).edits);
  assert.equal(analyze(after, { fix }).diagnostics.filter((d) => d.code === code && d.fixes?.some((f) => title.test(f.title))).length < analyze(text, { fix }).diagnostics.filter((d) => d.code === code).length, true);
  return after;
}

test('unresolved-choice offers one fix per option and keeps only the chosen one', () => {
  const text = readFixture('rules', 'unresolved-choice.md');
  const titles = analyze(text).diagnostics.find((d) => d.message.startsWith('"Yes / No / Partial"'))!.fixes!.map((f) => f.title);
  assert.deepEqual(titles, ['Keep "Yes"', 'Keep "No"', 'Keep "Partial"']);
  const diagnostic = analyze(text).diagnostics.find((d) => d.message.startsWith('"Yes / No / Partial"'))!;
  const after = applyEdits(text, diagnostic.fixes![2].edits);
  assert.equal(after.split('\n')[7], '| **SLA breach** | Partial |');
  assert.equal(after.replace('Partial |', 'Yes / No / Partial |'), text);
});

test('metric-mismatch replaces only the stated value, in its own units', () => {
  const text = readFixture('rules', 'metric-mismatch.md');
  const after = fixed(text, 'metric-mismatch', /^Change to 19 minutes$/);
  assert.equal(after.split('\n')[16], '**MTTD (Mean Time to Detect):** 19 minutes');
  const both = fixed(after, 'metric-mismatch', /^Change to 1h 28m$/);
  assert.equal(both.split('\n')[6], '| **Total duration** | 1h 28m (detected at 09:31, resolved at 10:40) |');
  assert.deepEqual(analyze(both).diagnostics.filter((d) => d.code === 'metric-mismatch'), []);
});

test('timeline-order sorts the rows by time, row text intact, across midnight', () => {
  const text = readFixture('rules', 'timeline-order.md');
  const after = fixed(text, 'timeline-order', /^Sort the timeline/);
  assert.deepEqual(after.split('\n').slice(6, 11), [
    '| 23:40 | Deploy starts | ← Incident start |',
    '| 23:55 | Alert fires | ← Detection |',
    '| 00:05 | Written after 00:10 but earlier | |',
    '| 00:10 | Rollback (next day, not out of order) | |',
    '| 00:30 | Resolved | ← Resolved |',
  ]);
  const edit = fixOf(analyze(text).diagnostics, 'timeline-order', /^Sort/).edits[0];
  assert.deepEqual(edit.range, { start: { line: 8, character: 0 }, end: { line: 9, character: text.split('\n')[9].length } }, 'only the two swapped rows are rewritten');
});

test('timeline-order sorts a mermaid block and a list the same way', () => {
  const text = readFixture('rules', 'timeline-order.md');
  const diagnostics = analyze(text).diagnostics.filter((d) => d.code === 'timeline-order');
  const mermaid = applyEdits(text, diagnostics[1].fixes![0].edits).split('\n');
  assert.deepEqual(mermaid.slice(15, 17), ['    09.30 : Earlier than the entry above', '    10.00 : Start']);
  const list = applyEdits(text, diagnostics[2].fixes![0].edits).split('\n');
  assert.deepEqual(list.slice(19, 22), ['- 2024-09-20 11:21: pipeline unpaused', '- 2024-09-20 11:22: route tables destroyed', '- 2024-09-20 11:24: alarm fires']);
});

test('timeline sort keeps CRLF line endings', () => {
  const text = readFixture('rules', 'timeline-order.md').replace(/\n/g, '\r\n');
  const after = applyEdits(text, fixOf(analyze(text).diagnostics, 'timeline-order', /^Sort/).edits);
  assert.equal(after.split('\r\n')[8], '| 00:05 | Written after 00:10 but earlier | |');
  assert.equal(after.replace(/\r\n/g, '').includes('\n'), false);
});

test('leftover-guidance removes one comment, or all guidance, closing up the blank lines', () => {
  const text = readFixture('rules', 'leftover-guidance.md');
  const one = fixed(text, 'leftover-guidance', /^Remove this guidance comment$/);
  assert.equal(one, text.replace('<!-- GUIDANCE: 2-3 sentences. Suitable for sharing with leadership. -->\n\n', ''));
  const all = applyEdits(text, fixOf(analyze(text).diagnostics, 'leftover-guidance', /^Remove all/).edits);
  assert.equal(all, '# Post-Mortem: Guidance\n\n> **Status:** Draft\n\n## 2. Executive Summary\n\nA resolver config push removed the forwarders.\n\n<!-- A comment of the writer\'s own stays. -->\n');
});

test('missing-section inserts the template section where the template has it', () => {
  const text = readFixture('rules', 'missing-section.md');
  const after = fixed(text, 'missing-section', /^Add section "5\. Root Cause Analysis"$/);
  const lines = after.split('\n');
  const at = lines.indexOf('## 5. Root Cause Analysis');
  assert.equal(lines[at - 2], '## 4. Detailed Timeline');
  assert.equal(lines[at + 2], '### 5.1 5 Whys Analysis');
  assert.ok(lines.indexOf('## 6. What Went Well') > at);
});

test('missing-owner offers the configured owners and the names already in the document', () => {
  const text = readExample('2026-04-02-dns-outage-post-mortem.md');
  const diagnostic = analyze(text).diagnostics.find((d) => d.code === 'missing-owner')!;
  assert.deepEqual(diagnostic.fixes!.map((f) => f.title), ['Assign Mei Tanaka', 'Assign Jordan Lee']);
  const after = applyEdits(text, diagnostic.fixes![0].edits);
  assert.ok(after.includes('| 2 | Alert when forwarder queries drop to zero | Mei Tanaka | 2026-04-20 | High | NET-221 |'));
});

test('placeholder fixes fill today’s date, the author and the incident ID’s parts', () => {
  const text = '# Post-Mortem\n\n> **Author:** {{AUTHOR}}\n\n| Field | Value |\n|---|---|\n| **Incident ID** | INC-2026-042 |\n| **Post-Mortem Date** | {{PM_DATE}} |\n\n[Report](./INC-{{YYYY}}-{{SEQ}}.md)\n';
  const fix = { today: '2026-11-27', author: 'Priya Raman' };
  const all = analyze(text, { fix }).diagnostics.filter((d) => d.code === 'placeholder').flatMap((d) => d.fixes![0].edits);
  assert.equal(
    applyEdits(text, all),
    '# Post-Mortem\n\n> **Author:** Priya Raman\n\n| Field | Value |\n|---|---|\n| **Incident ID** | INC-2026-042 |\n| **Post-Mortem Date** | 2026-11-27 |\n\n[Report](./INC-2026-042.md)\n',
  );
});
