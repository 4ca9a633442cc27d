// Incremental analysis is a full analysis, always: random edits to every document we have, and
// after each one the reused parse (and the analysis built on it) against a fresh one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Token } from 'markdown-it';
import { type Analysis, analyze, withoutTokens } from '../../server/src/core/analyze';
import { type BlockParse, parseBlocks, renderBlocks } from '../../server/src/core/markdown';
import { reparseCounts } from '../../server/src/core/incremental-parse';
import { EXAMPLES, FIXTURES, ROOT } from '../paths';
import { generatePostMortem } from '../bench/generate';

const SEED = Number(process.env.INCREMENTAL_SEED) || 20261130;
const EDITS = Number(process.env.INCREMENTAL_EDITS) || 10_000;

/** mulberry32: a small seeded PRNG, so that a failure is replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
    });
}

/**
 * A timeline long enough to be read in parts (extract/row-parts.ts): times of day only, 17 minutes
 * apart over two days under a date line, so that each part's place on the calendar depends on
 * the parts before it; a few rows name events in words.
 */
function longTimeline(): string {
  const words = ['Alert fired for the error rate', 'Service restored', 'Outage begins', 'Mitigated by a rollback', 'Checked the dashboards'];
  const rows = Array.from({ length: 200 }, (_, i) => {
    const minutes = (9 * 60 + i * 17) % 1440;
    return `| ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')} | ${i % 23 === 5 ? words[i % words.length] : `Step ${i}`} |`;
  });
  return ['# Incident: long timeline', '', '**Status:** Draft', '', '## Timeline', '', 'March 14, 2026', '', '| Time | Event |', '|---|---|', ...rows, ''].join('\n');
}

const DOCUMENTS: [string, () => string][] = [
  ...[...markdownFiles(join(ROOT, 'test', 'realworld', 'docs')), ...markdownFiles(EXAMPLES), ...markdownFiles(FIXTURES)].map(
    (path): [string, () => string] => [path.slice(ROOT.length + 1), () => readFileSync(path, 'utf8')],
  ),
  ['generated: a 300-row timeline with dates', () => generatePostMortem({ timelineRows: 300, actionItems: 40 })],
  ['generated: a 200-row timeline of times of day', longTimeline],
];

const TABLE = '| Time | Event |\n|------|-------|\n| 10:00 | Alert fired |\n| 10:05 | Rolled back `a | b` |\n';
/** What an edit inserts: the pieces of Markdown whose opening or closing changes the blocks around them. */
const PIECES = [
  '```', '```\n', '\n```\n', '~~~\n', '<!--', '-->', '<!-- note -->\n', '\n<!--\n', '-->\n', '<div>\n', '</div>\n',
  '# ', '## Timeline\n', '### ', '\n---\n', '---', '===\n', '- ', '\n- item\n', '1. ', '  - nested\n', '> ', '    ', '\t',
  '|', ' | ', '|---|---|\n', '| a | b |\n', TABLE, `\n${TABLE}\n`, '\n', '\n\n', '\r\n', '\r\n\r\n', 'x', 'Root cause: ', '**Status:** Draft\n',
  '[ref]: https://example.com\n', '[link][ref]', '* ', '+ ', '2) ', '\\', '`', '***\n',
  // Dates written in numbers, which a timeline settles day or month first from all of its rows.
  '| 05/14 10:05 | Detected |\n', '| 13/04 10:30 | Resolved |\n', '- 03-04-2026 10:00 – Outage begins.\n', '07/05 ', '1',
];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

function randomEdit(text: string, random: () => number): Edit {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  // Half the edits at a line's start, where blocks open and close.
  let at = Math.floor(random() * (text.length + 1));
  if (random() < 0.5) at = text.lastIndexOf('\n', at - 1) + 1;
  const kind = random();
  if (kind < 0.25) return { at, remove: 0, insert: pick(PIECES) };
  if (kind < 0.4) return { at, remove: Math.min(text.length - at, 1 + Math.floor(random() * 3)), insert: '' };
  if (kind < 0.5) {
    // A whole line or a few lines deleted, or moved elsewhere (cut and paste).
    let end = at;
    for (let n = 1 + Math.floor(random() * 4); n > 0 && end < text.length; n--) end = (text.indexOf('\n', end) + 1 || text.length + 1) - 1;
    return { at, remove: end - at, insert: '' };
  }
  if (kind < 0.6) {
    // A paste of a piece of the document itself.
    const from = Math.floor(random() * text.length);
    return { at, remove: 0, insert: text.slice(from, from + Math.floor(random() * 400)) };
  }
  if (kind < 0.7) {
    // Inside a table: a cell typed into, or a pipe added or removed.
    const row = text.indexOf('\n|', Math.floor(random() * text.length));
    if (row >= 0) return random() < 0.5 ? { at: row + 2, remove: 0, insert: pick(['x', ' | ', '|', '-']) } : { at: row + 1, remove: 1, insert: '' };
  }
  if (kind < 0.8) return { at, remove: Math.min(text.length - at, Math.floor(random() * 2)), insert: pick(['a', ' ', 'Z', '2026-03-14 10:00 ', '—', '😀']) };
  return { at, remove: Math.min(text.length - at, Math.floor(random() * 40)), insert: pick(PIECES) + pick(PIECES) };
}

const apply = (text: string, { at, remove, insert }: Edit) => text.slice(0, at) + insert + text.slice(at + remove);

/** What a block token is, every field a parse sets (the preview's render adds data-line and makes an inline token's children). */
function describe(token: Token): string {
  const attrs = token.attrs?.filter((a) => a[0] !== 'data-line');
  const children = token.children && (token.type === 'inline' ? 'inline' : token.children);
  return JSON.stringify([token.type, token.tag, token.map, token.nesting, token.level, token.content, token.markup, token.info, token.block, token.hidden, attrs?.length ? attrs : null, children, token.meta]);
}

function firstDifference(actual: BlockParse, expected: BlockParse): string | undefined {
  const n = Math.max(actual.tokens.length, expected.tokens.length);
  for (let i = 0; i < n; i++) {
    const a = actual.tokens[i] && describe(actual.tokens[i]);
    const e = expected.tokens[i] && describe(expected.tokens[i]);
    if (a !== e) return `token ${i}: incremental ${a}, fresh ${e}`;
  }
  if (actual.state.src !== expected.state.src) return 'normalised source';
  if (JSON.stringify(actual.state.env.references) !== JSON.stringify(expected.state.env.references)) return 'references';
  return undefined;
}

function failure(doc: string, seed: number, edits: Edit[], what: string): string {
  return `${what}\nreplay: INCREMENTAL_SEED=${seed}, document ${doc}, edits ${JSON.stringify(edits)}`;
}

test(`incremental parse and analysis equal a fresh one after each of ${EDITS} random edits (seed ${SEED})`, () => {
  const random = prng(SEED);
  const perDocument = Math.ceil(EDITS / DOCUMENTS.length);
  let done = 0;
  for (const [doc, read] of DOCUMENTS) {
    let text = read();
    let previous: Analysis = analyze(text, { remember: true });
    const edits: Edit[] = [];
    for (let i = 0; i < perDocument && done < EDITS; i++, done++) {
      const edit = randomEdit(text, random);
      edits.push(edit);
      text = apply(text, edit);
      // Now and then the previous version was rendered: its tokens carry the preview's additions.
      if (random() < 0.1) renderBlocks(previous.blocks);
      const incremental = analyze(text, { previous });
      const fresh = analyze(text, { remember: true });
      const difference = firstDifference(incremental.blocks, fresh.blocks);
      if (difference) assert.fail(failure(doc, SEED, edits, difference));
      // The lines kept from the previous version's where the edit did not reach, at their new offsets.
      if (incremental.src.lines.join('\n') !== fresh.src.lines.join('\n') || incremental.src.lineCount !== fresh.src.lineCount) {
        assert.deepEqual(incremental.src.lines, fresh.src.lines, failure(doc, SEED, edits, 'lines differ'));
      }
      for (let line = 0; line < fresh.src.lineCount; line++) {
        if (incremental.src.lineStart(line) !== fresh.src.lineStart(line)) assert.fail(failure(doc, SEED, edits, `line ${line} starts at ${incremental.src.lineStart(line)}, not ${fresh.src.lineStart(line)}`));
      }
      // The views kept from the previous version's where the edit did not reach.
      if (JSON.stringify(incremental.views) !== JSON.stringify(fresh.views)) {
        assert.deepEqual(incremental.views?.visible, fresh.views?.visible, failure(doc, SEED, edits, 'visible view differs'));
        assert.deepEqual(incremental.views?.prose, fresh.views?.prose, failure(doc, SEED, edits, 'prose view differs'));
        assert.deepEqual(incremental.views?.comments, fresh.views?.comments, failure(doc, SEED, edits, 'comments differ'));
      }
      // Compared as JSON first (fast); a difference is shown field by field.
      const made = [incremental.model, incremental.diagnostics, incremental.metrics, incremental.trace];
      const expected = [fresh.model, fresh.diagnostics, fresh.metrics, fresh.trace];
      if (JSON.stringify(made) !== JSON.stringify(expected)) {
        assert.deepEqual(incremental.model, fresh.model, failure(doc, SEED, edits, 'models differ'));
        assert.deepEqual(incremental.diagnostics, fresh.diagnostics, failure(doc, SEED, edits, 'diagnostics differ'));
        assert.deepEqual(incremental.metrics, fresh.metrics, failure(doc, SEED, edits, 'metrics differ'));
        assert.deepEqual(incremental.trace, fresh.trace, failure(doc, SEED, edits, 'traceability differs'));
      }
      previous = incremental;
    }
  }
  assert.equal(done, EDITS);
  // Every way of re-parsing was taken: rows of a table, top-level blocks, and the whole document (link definitions).
  const { rows, blocks, whole } = reparseCounts;
  assert.ok(rows > 0 && blocks > 0 && whole > 0, JSON.stringify(reparseCounts));
});

/** An edit to a long timeline table where its parts meet their neighbours: a time, a row, an event's words, the date above. */
function timelineEdit(text: string, random: () => number): Edit {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const rows: number[] = [];
  for (let at = text.indexOf('\n| '); at >= 0; at = text.indexOf('\n| ', at + 1)) rows.push(at + 1);
  const row = pick(rows);
  const rowEnd = text.indexOf('\n', row) + 1 || text.length;
  const timeEnd = text.indexOf(' |', row + 2);
  const kind = random();
  if (kind < 0.3) {
    const time = `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    return { at: row + 2, remove: timeEnd - row - 2, insert: pick([time, `2026-03-1${Math.floor(random() * 9)} ${time}`, `03/1${Math.floor(random() * 9)} ${time}`, 'TBD', '']) };
  }
  if (kind < 0.45) {
    const other = pick(rows);
    return { at: row, remove: 0, insert: text.slice(other, text.indexOf('\n', other) + 1 || text.length) };
  }
  if (kind < 0.6) return { at: row, remove: rowEnd - row, insert: '' };
  if (kind < 0.75) return { at: timeEnd + 3, remove: 0, insert: pick(['Alert fired: ', 'Service restored. ', 'Outage begins; ', 'No alert fired. ', '**Detection:** ', 'x']) };
  if (kind < 0.85) return { at: rowEnd - 1, remove: 0, insert: pick([' ← Detection |', ' Resolved |', ' |']) };
  const date = text.indexOf('March 14, 2026');
  if (date >= 0) return { at: date, remove: 14, insert: pick(['March 15, 2026', 'March 14, 2026', '14/03/2026', 'March 14']) };
  return { at: row + 2, remove: 1, insert: '' };
}

test('a long timeline read in parts equals a fresh reading after each of 1,200 edits where its parts meet', () => {
  const random = prng(SEED);
  for (const [doc, read] of DOCUMENTS.filter(([name]) => name.startsWith('generated'))) {
    let text = read();
    let previous: Analysis = analyze(text, { remember: true });
    const edits: Edit[] = [];
    for (let i = 0; i < 600; i++) {
      const edit = timelineEdit(text, random);
      edits.push(edit);
      text = apply(text, edit);
      const incremental = analyze(text, { previous });
      const fresh = analyze(text);
      if (JSON.stringify([incremental.model.timelines, incremental.diagnostics, incremental.metrics]) !== JSON.stringify([fresh.model.timelines, fresh.diagnostics, fresh.metrics])) {
        assert.deepEqual(incremental.model.timelines, fresh.model.timelines, failure(doc, SEED, edits, 'timelines differ'));
        assert.deepEqual([incremental.diagnostics, incremental.metrics], [fresh.diagnostics, fresh.metrics], failure(doc, SEED, edits, 'diagnostics or metrics differ'));
      }
      previous = incremental;
    }
  }
});

test('the previous analysis is left as it was, and renders the same after the next one is made from it', () => {
  const text = readFileSync(join(EXAMPLES, '2026-03-14-checkout-latency-post-mortem.md'), 'utf8');
  // A line inserted (the tokens after it are copies) and a word typed (the token array is taken over).
  for (const [edited, takenOver] of [[text.replace('\n## ', '\nInserted line.\n\n## '), false], [text.replace('Initial draft', 'Initial drafts'), true]] as const) {
    const first = analyze(text);
    const html = renderBlocks(first.blocks);
    const array = first.blocks.tokens;
    const before = array.map(describe);
    const second = analyze(edited, { previous: first });
    assert.equal(second.blocks.tokens === array, takenOver);
    assert.deepEqual(first.blocks.tokens.map(describe), before);
    assert.equal(renderBlocks(first.blocks), html);
    assert.equal(renderBlocks(second.blocks), renderBlocks(parseBlocks(edited)));
  }
});

test('an analysis without its tokens keeps its model, renders the same, and the next version made from it is a fresh one', () => {
  const text = readFileSync(join(EXAMPLES, '2026-03-14-checkout-latency-post-mortem.md'), 'utf8');
  const full = analyze(text);
  const slim = withoutTokens(full);
  assert.equal(slim.model, full.model);
  assert.equal(slim.diagnostics, full.diagnostics);
  assert.notEqual(slim.blocks, slim.blocks, 'parsed again each time, never kept');
  assert.equal(renderBlocks(slim.blocks), renderBlocks(analyze(text).blocks));
  const edited = text.replace('\n## ', '\nInserted line.\n\n## ');
  const next = analyze(edited, { previous: slim });
  const fresh = analyze(edited);
  assert.deepEqual([next.diagnostics, next.metrics], [fresh.diagnostics, fresh.metrics]);
  assert.equal(renderBlocks(next.blocks), renderBlocks(fresh.blocks));
});

test('an edit far from the others re-parses only the blocks around it', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `Paragraph ${i}.\n`).join('\n');
  const first = parseBlocks(rows);
  const tokens = first.tokens;
  const old = [...tokens];
  const edited = rows.replace('Paragraph 100.', 'Paragraph 100, edited.');
  const second = parseBlocks(edited, undefined, first);
  // The tokens before the edit and after it are the old ones (the same lines: no line was added),
  // in the old array, taken over.
  assert.equal(second.tokens, tokens);
  assert.equal(second.tokens.length, old.length);
  assert.equal(second.tokens[0], old[0]);
  assert.equal(second.tokens.at(-1), old.at(-1));
  assert.notEqual(second.tokens[300], old[300]);
  assert.equal(firstDifference(second, parseBlocks(edited)), undefined);
  // The first parse, its array gone to the second, is its own text's parse still.
  assert.notEqual(first.tokens, tokens);
  assert.equal(firstDifference(first, parseBlocks(rows)), undefined);
});

test('a word typed in a table row, a row added or deleted, at the body\'s start, middle and end, re-parses only the rows', () => {
  const table = ['Before.', '', '| Time | Event |', '|------|-------|', ...Array.from({ length: 50 }, (_, i) => `| 10:${String(i).padStart(2, '0')} | Step ${i} |`), '', 'After.', ''];
  const text = table.join('\n');
  const row = (i: number) => text.indexOf(`| 10:${String(i).padStart(2, '0')} |`);
  const edits: [string, string][] = [0, 25, 49].flatMap((i): [string, string][] => [
    [`a word typed in row ${i}`, `${text.slice(0, row(i) + 12)}x${text.slice(row(i) + 12)}`],
    [`a row added before row ${i}`, `${text.slice(0, row(i))}| 11:00 | New |\n${text.slice(row(i))}`],
    // (The last row deleted leaves no row after the edit to join: the table is parsed again whole.)
    ...(i < 49 ? [[`row ${i} deleted`, `${text.slice(0, row(i))}${text.slice(text.indexOf('\n', row(i)) + 1)}`] as [string, string]] : []),
  ]);
  const previous = parseBlocks(text);
  for (const [name, edited] of edits) {
    const before = reparseCounts.rows;
    const parse = parseBlocks(edited, undefined, { ...previous, tokens: [...previous.tokens] });
    assert.equal(reparseCounts.rows, before + 1, `${name}: ${JSON.stringify(reparseCounts)}`);
    assert.equal(firstDifference(parse, parseBlocks(edited)), undefined, name);
  }
});
