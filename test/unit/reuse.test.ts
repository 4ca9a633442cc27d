// What an analysis keeps from the previous version's (memo.ts, views.ts, extract/tables.ts), and
// the readings made line by line that once read the whole text (the document's zone, placeholders).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { Memo } from '../../server/src/core/memo';
import { generateByLines } from '../bench/generate';

test('a memo table passes on to the next analysis, and lets go what the last one did not ask for once it outnumbers the rest', () => {
  let computed = 0;
  const compute = (key: string) => (computed++, key.length);
  const first = new Memo(undefined, true);
  for (let i = 0; i < 200; i++) first.table<number>('t').get(`key ${i}`, compute);
  first.settle();
  const second = new Memo(first, true);
  assert.equal(second.table<number>('t').get('key 1', compute), 5);
  assert.equal(computed, 200, 'the previous analysis answered');
  // 199 keys not asked for outnumber the one that was: they are let go.
  second.settle();
  const third = new Memo(second, true);
  third.table<number>('t').get('key 1', compute);
  third.table<number>('t').get('key 2', compute);
  assert.equal(computed, 201);
  // Another context (the team's words changed) is another table.
  third.table<number>('t', 'other').get('key 1', compute);
  assert.equal(computed, 202);
  // Disabled: nothing kept.
  const off = new Memo(undefined, false);
  off.table<number>('t').get('x', compute);
  off.table<number>('t').get('x', compute);
  assert.equal(computed, 204);
});

test('what an analysis keeps with its model is out of sight: the model reads, serialises and compares as a one-off analysis\'s', () => {
  const text = generateByLines(300);
  const lines = text.split('\n');
  const row = lines.findIndex((l) => l.startsWith('| 2026-03-14 00:30'));
  const at = lines.slice(0, row).join('\n').length + 31;
  const edited = `${text.slice(0, at)}x${text.slice(at)}`;
  // The second version reads its kept rows' and cells' results from them.
  const remembered = analyze(edited, { previous: analyze(text, { remember: true }) });
  const once = analyze(edited);
  const row0 = remembered.model.tables.flatMap((t) => t.rows).find((r) => r.line === row + 1)!;
  assert.ok(Object.getOwnPropertySymbols(row0).length > 0, 'a kept row holds what was read from it');
  assert.deepEqual(Object.keys(row0), ['line', 'cells', 'cellCount']);
  assert.equal(JSON.stringify(remembered.model), JSON.stringify(once.model));
  assert.deepEqual(remembered.model, once.model);
  assert.deepEqual(structuredClone(row0), structuredClone(once.model.tables.flatMap((t) => t.rows).find((r) => r.line === row + 1)));
});

test('a keystroke in a timeline row keeps every other row, and the views of every other line', () => {
  const text = generateByLines(300);
  const lines = text.split('\n');
  const row = lines.findIndex((l) => l.startsWith('| 2026-03-14 00:30'));
  const at = lines.slice(0, row).join('\n').length + 31;
  const first = analyze(text, { remember: true });
  const edited = `${text.slice(0, at)}x${text.slice(at)}`;
  const second = analyze(edited, { previous: first });
  assert.deepEqual(second.blocks.splice, { from: row, oldTo: row + 1, newTo: row + 1 });
  const before = new Set(first.model.tables.flatMap((t) => [t.header, ...t.rows]));
  const after = second.model.tables.flatMap((t) => [t.header, ...t.rows]);
  assert.deepEqual(after.filter((r) => !before.has(r)).map((r) => r.line), [row]);
  for (let line = 0; line < lines.length; line++) {
    if (line !== row) assert.equal(second.views!.visible[line], first.views!.visible[line]);
  }
  // Every other row's timeline entry is the one placed before: the same time from the same clock.
  const tableEntries = (a: typeof first) => a.model.timelines.filter((t) => t.source === 'table').flatMap((t) => t.entries);
  const placed = new Set(tableEntries(first));
  assert.deepEqual(tableEntries(second).filter((e) => !placed.has(e)).map((e) => e.startLine), [row]);
  assert.deepEqual(second.diagnostics, analyze(edited).diagnostics);
  assert.deepEqual(second.model, analyze(edited).model);
});

test('an event named in any one row of a long timeline is found from the kept version of its parts as afresh', () => {
  // Times of day only: each part's place on the calendar follows from the parts before it.
  const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const rows = Array.from({ length: 120 }, (_, i) => `| ${time(540 + 5 * i)} | ${i ? `Step ${i}` : 'Outage begins'} |`);
  const text = ['# Incident', '', '## Timeline', '', 'March 14, 2026', '', '| Time | Event |', '|---|---|', ...rows, ''].join('\n');
  const first = analyze(text, { remember: true });
  for (let i = 1; i < rows.length; i++) {
    for (const words of ['Service restored', 'Alert fired']) {
      const edited = text.replace(`| Step ${i} |`, `| ${words} |`);
      const fresh = analyze(edited);
      assert.equal(fresh.model.timelines[0].entries[i].marker?.phrase, words, `row ${i}: ${words} is found`);
      assert.deepEqual(analyze(edited, { previous: first }).model.timelines, fresh.model.timelines, `row ${i}: ${words}`);
    }
  }
});

test('a line typed above the timeline moves the kept rows and comments down by one', () => {
  const text = '# Post-Mortem: x\n\n<!-- guidance -->\n\n## Timeline\n\n| Time | Event |\n|------|-------|\n| 10:00 | Alert fired <!-- c --> |\n| 10:05 | Rolled back |\n';
  const first = analyze(text, { remember: true });
  const edited = text.replace('## Timeline', 'A new line.\n\n## Timeline');
  const second = analyze(edited, { previous: first });
  const fresh = analyze(edited, { remember: true });
  assert.deepEqual(second.model, fresh.model);
  assert.deepEqual(second.views, fresh.views);
  assert.deepEqual(second.model.comments.map((c) => c.range.start.line), [2, 10]);
});

test('a line typed or deleted above long tables moves what was read from their parts, as a fresh reading finds it', () => {
  const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
  const text = [
    '# Post-mortem: checkout errors',
    '',
    'Checkout failed for some users.',
    '',
    '## Timeline',
    '',
    '| Time | Event |',
    '|------|-------|',
    rows(40, (i) => `| 2026-03-14 10:${String(i).padStart(2, '0')} | Shard ${i} reported "degraded" to the coordinator |`),
    '',
    '## Action items',
    '',
    '| Action | Owner | Due | Status | Customer-facing |',
    '|--------|-------|-----|--------|-----------------|',
    rows(30, (i) => `| Harden ${i % 3 ? `component ${i}` : i % 2 ? '{{COMPONENT}}' : '[Component name]'} | @sam | 2026-04-${String((i % 28) + 1).padStart(2, '0')} | Open | ${i % 4 ? 'Yes' : 'Yes / No / Partial'} |`),
    '',
  ].join('\n');
  let previous = analyze(text, { remember: true });
  let current = text;
  // A line typed above both tables, another, then both deleted: every row below moves each time.
  for (const edit of [(t: string) => t.replace('Checkout failed', 'A line.\n\nCheckout failed'), (t: string) => t.replace('## Timeline', 'More.\n\n## Timeline'), (t: string) => t.replace('A line.\n\n', '').replace('More.\n\n', '')]) {
    current = edit(current);
    const next = analyze(current, { previous });
    const fresh = analyze(current);
    assert.equal(JSON.stringify([next.model, next.diagnostics]), JSON.stringify([fresh.model, fresh.diagnostics]));
    previous = next;
  }
  // What the tables' parts were read for: choices, placeholders, slots and the narrative.
  assert.ok(previous.diagnostics.some((d) => d.code === 'unresolved-choice') && previous.diagnostics.some((d) => d.code === 'placeholder'));
  assert.ok(previous.model.slots.slots.length > 0 && previous.model.narrative.length > 40);
});

test('the document\'s zone is read across line breaks, as in the whole text, and not inside a comment', () => {
  const zoneOf = (prelude: string) => {
    const text = `# Post-Mortem: x\n\n${prelude}\n\n## Timeline\n\n- 10:00 Outage begins.\n- 10:30 Alert fired.\n`;
    return analyze(text).model.timelines[0].entries[0].at!.epoch;
  };
  const utc = zoneOf('Nothing about zones here.');
  assert.equal(zoneOf('All times\nare shown in\nPST.') - utc, 8 * 3_600_000);
  assert.equal(zoneOf('All times are in the\n\nUTC zone.'), utc);
  assert.equal(zoneOf('<!-- All times in PST -->'), utc);
  assert.equal(zoneOf('Times in JST, times in PST.') - utc, -9 * 3_600_000);
});

test('placeholders are found on every line outside code', () => {
  const text = '# Post-Mortem: {{TITLE}}\n\n`{{CODE}}` and {{A}} {{B}}\n\n```\n{{FENCED}}\n```\n';
  assert.deepEqual(analyze(text).model.placeholders.map((p) => [p.name, p.range.start.line, p.range.start.character]), [['TITLE', 0, 15], ['A', 2, 15], ['B', 2, 21]]);
});

test('dates written in numbers are settled afresh with their timeline at each version, never as a kept row last read them', () => {
  const doc = (day: string) => `# Incident\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| 03/04 10:00 | Incident start |\n| 05/14 10:05 | Detected |\n| ${day} 10:30 | Resolved |\n`;
  // Month first (05/14 cannot be day first): the three rows are on March 4, May 14 and June 4.
  const first = analyze(doc('06/04'), { remember: true });
  assert.deepEqual(first.model.timelines[0].entries.map((e) => new Date(e.at!.epoch).toISOString().slice(5, 10)), ['03-04', '05-14', '06-04']);
  // 13/04 reads day first and 05/14 month first: the days are unknown, and no longer the ones read before.
  const second = analyze(doc('13/04'), { previous: first });
  assert.equal(second.model.timelines[0].datesUnknown, true);
  assert.deepEqual(second.model, analyze(doc('13/04')).model);
  assert.deepEqual(second.metrics, analyze(doc('13/04')).metrics);
  // And back: the kept rows read as they did at first.
  assert.deepEqual(analyze(doc('06/04'), { previous: second }).model, first.model);
});
