import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { isPostMortem } from '../../server/src/core/identify';
import { parse } from '../../server/src/core/parse';
import { TEMPLATE_TEXT } from '../../server/src/core/template';
import { readExample, readFixture } from '../paths';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

test('sections: numbering stripped, template kinds recognised, nested subsections', () => {
  const { sections } = parse(TEMPLATE_TEXT).model;
  const timeline = sections.find((s) => s.kind === 'timeline')!;
  assert.deepEqual([timeline.number, timeline.title, timeline.level], ['4', 'Detailed Timeline', 2]);
  const whys = sections.find((s) => s.kind === 'whys')!;
  assert.deepEqual([whys.number, whys.title, sections[whys.parent!].kind], ['5.1', '5 Whys Analysis', 'rootCause']);
  assert.deepEqual(parse('## **Timeline**\n').model.sections[0].kind, 'timeline');
});

test('table cells have exact ranges, with escaped pipes, code spans and non-ASCII text', () => {
  const text = '| Time | Event |\n|---|---|\n| 10:00 | Ran `a \\| b` — 🚀 done |\n|  | x |\n';
  const [row, empty] = parse(text).model.tables[0].rows;
  assert.deepEqual(row.cells.map((c) => c.text), ['10:00', 'Ran `a | b` — 🚀 done']);
  assert.deepEqual(row.cells[1].range, at(2, 10, 32), 'columns count UTF-16 code units, as LSP does');
  const [cell] = empty.cells;
  assert.deepEqual({ text: cell.text, range: cell.range, inner: cell.inner }, { text: '', range: at(3, 2, 2), inner: at(3, 1, 3) });
});

test('a row of thousands of pipes keeps its first 256 cells and counts them all', () => {
  const text = `| Time | Event |\n|---|---|\n| 10:00 |${' x |'.repeat(2999)}\n`;
  const { model, diagnostics } = analyze(text);
  const [row] = model.tables[0].rows;
  assert.equal(row.cells.length, 256);
  assert.equal(row.cellCount, 3000);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'table-cells').map((d) => d.message), ['This row has 3000 cells but the header has 2: remove the extra "|" or escape it as "\\|".']);
});

test('a pipe inside a code span splits the cell, as markdown-it and GFM do', () => {
  const text = '| A | B |\n|---|---|\n| `x | y` | z |\n';
  assert.deepEqual(parse(text).model.tables[0].rows[0].cells.map((c) => c.text), ['`x', 'y`', 'z']);
});

test('metadata from the header blockquote and the Field | Value table; the table wins', () => {
  const { metadata } = parse(readExample('2026-04-02-dns-outage-post-mortem.md')).model;
  assert.equal(metadata.incidentId!.value.text, 'INC-2026-057');
  assert.equal(metadata.severity!.value.text, 'P2');
  assert.equal(metadata.status!.source, 'table');
  assert.equal(metadata.statusValue, 'Draft');
  assert.equal(parse(TEMPLATE_TEXT).model.metadata.statusValue, 'Draft', 'an unresolved status counts as Draft');
});

test('timeline table entries carry their time, event and marker', () => {
  const [mermaid, table] = parse(readExample('2026-03-14-checkout-latency-post-mortem.md')).model.timelines;
  assert.deepEqual([mermaid.source, mermaid.entries.length, table.source, table.entries.length], ['mermaid', 5, 'table', 8]);
  const detection = table.entries[2];
  assert.deepEqual([detection.time.text, detection.marker!.kind, detection.marker!.label], ['14:14', 'detection', 'Detection (MTTD = T3 - T1)']);
  assert.deepEqual(table.entries.map((e) => e.marker?.kind ?? '-'), ['start', '-', 'detection', '-', 'rootCause', 'fix', 'restored', 'resolved']);
});

test('a list timeline takes its days from the date lines between lists (kubernetes style)', () => {
  const text = '## Timeline\n\nAll times in PST\n\n2019-01-22\n\n- 2:54 PM PST: PR merged\n\n- 3:28 PM PST: bad config uploaded\n\n2019-01-23\n\n- 4:49 AM: first user report\n\n- 8:27 AM: resolution confirmed\n';
  const [timeline] = parse(text).model.timelines;
  assert.equal(timeline.source, 'list');
  const iso = timeline.entries.map((e) => new Date(e.at!.epoch).toISOString());
  assert.deepEqual(iso, ['2019-01-22T22:54:00.000Z', '2019-01-22T23:28:00.000Z', '2019-01-23T12:49:00.000Z', '2019-01-23T16:27:00.000Z']);
  assert.deepEqual(timeline.entries.map((e) => e.event.text), ['PR merged', 'bad config uploaded', 'first user report', 'resolution confirmed']);
});

test('a heading timeline inside a timeline section (mybinder style)', () => {
  const text = '## Timeline\n\nAll times in PST\n\n### 2018-01-18 4:19\n\nLaunches fail.\n\n### 4:27\n\nPaged.\n\n### 8:20 - 8:24\n\nFixed.\n';
  const [timeline] = parse(text).model.timelines;
  assert.deepEqual([timeline.source, timeline.entries.map((e) => e.time.text)], ['headings', ['2018-01-18 4:19', '4:27', '8:20']]);
  assert.deepEqual(timeline.entries.map((e) => [e.startLine, e.endLine]), [[4, 8], [8, 12], [12, 16]]);
});

test('a list with only one timed item is not a timeline', () => {
  assert.deepEqual(parse('- 10:00 standup\n- review the runbook\n- update docs\n').model.timelines, []);
});

test('stated metrics, action items, whys, approvals and follow-up are read from the template shape', () => {
  const { model } = parse(readExample('2026-03-14-checkout-latency-post-mortem.md'));
  assert.deepEqual(model.statedMetrics.map((m) => [m.kind, m.stated!.minutes]), [['duration', 70], ['mttd', 12], ['mttr', 70]]);
  assert.deepEqual(model.actionItems.map((i) => `${i.group} ${i.number} ${i.owner!.text}`), [
    'short-term 1 Priya Raman', 'short-term 2 Sam Ortiz', 'short-term 3 Tom Okafor',
    'long-term 1 Lena Fischer', 'long-term 2 Sam Ortiz', 'process 1 Lena Fischer', 'process 2 Tom Okafor',
  ]);
  assert.equal(model.whys.length, 5);
  assert.equal(model.rootCause!.value.text, 'CI does not check that a migration keeps the indexes production queries rely on.');
  assert.deepEqual(model.approvals.map((a) => a.name!.text), ['Priya Raman', 'Lena Fischer', 'Dana Whitfield']);
  assert.equal(model.followUpOwner!.value.text, 'Tom Okafor');
  assert.equal(model.confidence!.value.text, '8 / 10');
});

test('metrics: MTTD, MTTR, duration and every other time-to-marker, across midnight', () => {
  const { metrics } = analyze(readFixture('rules', 'midnight.md'));
  assert.deepEqual([metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes], [20, 75, 75]);
  assert.deepEqual(metrics.timeToMarkerMinutes, { detection: 20, fix: 50, resolved: 75 });
});

test('metrics: action items and completeness', () => {
  const draft = analyze(readExample('2026-04-02-dns-outage-post-mortem.md')).metrics;
  assert.deepEqual(draft.actionItems, { total: 3, open: 3, withoutOwner: 2, byPriority: { Critical: 1, High: 1, Medium: 1 } });
  assert.equal(draft.placeholdersLeft, 12);
  const template = analyze(TEMPLATE_TEXT).metrics;
  assert.deepEqual([template.completeness, template.mttdMinutes], [0, null]);
  assert.equal(analyze(readExample('2026-03-14-checkout-latency-post-mortem.md')).metrics.completeness, 1);
});

test('a document is a post-mortem by its path, its title or its Incident ID', () => {
  const readme = parse('# Examples\n\nSome notes.\n').model;
  assert.equal(isPostMortem(readme, '/work/docs/README.md'), false);
  assert.equal(isPostMortem(readme, '/work/docs/2026-04-02-dns-post-mortem.md'), true);
  assert.equal(isPostMortem(readme, 'C:\\work\\postmortems\\notes.md'), true);
  assert.equal(isPostMortem(parse('# Incident Review: DNS\n').model), true);
  assert.equal(isPostMortem(parse('# Real-world post-mortems\n\nA collection.\n').model), false, 'a page about post-mortems is not one');
  assert.equal(isPostMortem(parse('# DNS\n\n| Field | Value |\n|---|---|\n| **Incident ID** | INC-2026-1 |\n').model), true);
});
