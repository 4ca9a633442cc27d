import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { parse } from '../../server/src/core/parse';
import { TEMPLATE_TEXT, template } from '../../server/src/core/template';
import { ROOT, readExample } from '../paths';

interface Snippet {
  prefix: string;
  body: string[];
}

const SNIPPETS: Record<string, Snippet> = JSON.parse(readFileSync(join(ROOT, 'snippets', 'postmortem.code-snippets'), 'utf8'));
const byPrefix = (prefix: string) => Object.values(SNIPPETS).find((s) => s.prefix === prefix)!;

/**
 * Expands a snippet as VS Code does for the subset we use: `${n:text}`, `${n|a,b|}`, `$n` and the
 * `\$`, `\}`, `\\` escapes. `values` fills tab stops by number; a number picks a choice.
 */
function expand(snippet: Snippet, values: Record<number, string | number> = {}): string {
  const text = snippet.body.join('\n');
  let out = '';
  let i = 0;
  const readUntil = (stops: string): string => {
    let s = '';
    while (i < text.length && !stops.includes(text[i])) {
      if (text[i] === '\\' && i + 1 < text.length) i++;
      s += text[i++];
    }
    assert.ok(i < text.length, `unterminated tab stop in ${snippet.prefix}`);
    return s;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      out += text[i + 1];
      i += 2;
    } else if (c === '$' && text[i + 1] === '{') {
      const number = Number(/^\d+/.exec(text.slice(i + 2))![0]);
      i += 2 + String(number).length;
      const kind = text[i++];
      if (kind === ':') {
        const fallback = readUntil('}');
        i++;
        out += values[number] ?? fallback;
      } else {
        assert.equal(kind, '|', `bad tab stop in ${snippet.prefix}`);
        const choices = readUntil('|').split(',');
        i += 2;
        const pick = values[number];
        out += typeof pick === 'number' ? choices[pick] : pick ?? choices[0];
      }
    } else if (c === '$' && /\d/.test(text[i + 1])) {
      i += 1 + /^\d+/.exec(text.slice(i + 1))![0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Inserts `text` as new lines right after the line where `after` is found. */
function insertAfter(document: string, after: string, text: string): string {
  const lines = document.split('\n');
  const at = lines.findIndex((l) => l.startsWith(after));
  assert.ok(at >= 0, `no line starts with ${after}`);
  lines.splice(at + 1, 0, text);
  return lines.join('\n');
}

test('one section snippet per template section, and each expands to that section', () => {
  const sections = template().sections;
  const sectionSnippets = Object.entries(SNIPPETS).filter(([name]) => name.startsWith('Section: '));
  assert.deepEqual(sectionSnippets.map(([name]) => name.slice('Section: '.length)), sections.map((s) => s.name));
  for (const [name, snippet] of sectionSnippets) {
    const source = sections.find((s) => `Section: ${s.name}` === name)!;
    const expanded = parse(expand(snippet)).model;
    const original = parse(source.text).model;
    assert.equal(expanded.sections[0].title, original.sections[0].title, snippet.prefix);
    assert.equal(expanded.sections[0].kind, source.kind, snippet.prefix);
    assert.deepEqual(expanded.tables.map((t) => t.rows.length), original.tables.map((t) => t.rows.length), snippet.prefix);
    assert.deepEqual(expanded.placeholders.map((p) => p.name), original.placeholders.map((p) => p.name), `${snippet.prefix}: placeholders stay placeholders`);
  }
});

test('a section snippet inserted where its section was gives back a complete template', () => {
  const lines = TEMPLATE_TEXT.split('\n');
  const start = lines.indexOf('## 5. Root Cause Analysis');
  const end = lines.indexOf('## 6. What Went Well');
  const without = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  assert.ok(analyze(without).diagnostics.some((d) => d.code === 'missing-section'));
  const withSnippet = without.replace('## 6. What Went Well', `${expand(byPrefix('pm-root-cause-analysis'))}\n\n## 6. What Went Well`);
  assert.deepEqual(analyze(withSnippet).diagnostics.filter((d) => d.code === 'missing-section'), []);
});

test('pm-timeline-row adds a timeline entry with the chosen marker', () => {
  const row = expand(byPrefix('pm-timeline-row'), { 1: '15:20', 2: 'Post-incident review scheduled', 3: 6 });
  assert.equal(row, '| 15:20 | Post-incident review scheduled | ← Resolved |');
  const text = insertAfter(readExample('2026-03-14-checkout-latency-post-mortem.md'), '| 15:12 |', row);
  const table = parse(text).model.timelines.find((t) => t.source === 'table')!;
  const last = table.entries.at(-1)!;
  assert.deepEqual([table.entries.length, last.time.text, last.event.text, last.marker?.kind], [9, '15:20', 'Post-incident review scheduled', 'resolved']);
});

test('pm-action adds an action item whose owner is missing until it is filled', () => {
  const finished = readExample('2026-03-14-checkout-latency-post-mortem.md');
  const inserted = insertAfter(finished, '| 3 | Add status page updates', expand(byPrefix('pm-action'), { 1: '4', 2: 'Page the DBA on index drops', 5: 1 }));
  const { model, diagnostics } = analyze(inserted);
  const item = model.actionItems.find((i) => i.number === '4')!;
  assert.deepEqual([item.group, item.action!.text, item.priority!.text], ['short-term', 'Page the DBA on index drops', 'High']);
  assert.deepEqual(diagnostics.map((d) => d.code), ['missing-owner', 'placeholder', 'placeholder']);
  const filled = insertAfter(finished, '| 3 | Add status page updates', expand(byPrefix('pm-action'), { 1: '4', 2: 'Page the DBA on index drops', 3: 'Lena Fischer', 4: '2026-04-10', 5: 1, 6: 'OPS-1417' }));
  assert.deepEqual(analyze(filled).diagnostics, []);
});

test('pm-why, pm-factor and pm-process-change add the rows they promise', () => {
  let text = readExample('2026-03-14-checkout-latency-post-mortem.md');
  text = insertAfter(text, '| Why 5 |', expand(byPrefix('pm-why'), { 1: '6', 2: 'the CI gap', 3: 'Nobody owned migration tooling' }));
  text = insertAfter(text, '| Staging has too little data', expand(byPrefix('pm-factor'), { 1: 'Runbook was out of date', 2: 1, 3: 0 }));
  text = insertAfter(text, '| 2 | Incident commanders post', expand(byPrefix('pm-process-change'), { 1: '3', 2: 'Quarterly restore drills', 3: 'Sam Ortiz', 4: '2026-05-01' }));
  const { model, diagnostics } = analyze(text);
  assert.deepEqual(model.whys.at(-1)!.answer!.text, 'Nobody owned migration tooling');
  assert.deepEqual([model.factors.at(-1)!.factor.text, model.factors.at(-1)!.type!.text, model.factors.at(-1)!.actionRequired!.text], ['Runbook was out of date', 'Process', 'Yes']);
  assert.deepEqual(model.actionItems.filter((i) => i.group === 'process').map((i) => i.owner!.text), ['Lena Fischer', 'Tom Okafor', 'Sam Ortiz']);
  // The new why, factor and change are traced to nothing yet: information, and nothing else.
  assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.message}`), [
    'information Why 6 "Nobody owned migration tooling" has no action item: add one, or link one with (addresses: Why 6).',
    'information Contributing factor 4 "Runbook was out of date" has no action item: add one, or link one with CF-4.',
    'information Process action item 3 ("Quarterly restore drills") addresses no cause: link it to one (CF-n) or mark it (hygiene).',
  ]);
});
