// The preview's updates as differences (server/src/render/patch.ts): the body as marked blocks,
// their keys, the runs from one render to the next, and those runs applied as the page applies them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { bodyPieces, renderBody } from '../../server/src/render/body';
import { BLOCK_MARK, PART_MARK, absoluteLines, applyPatch, blockKey, diffBlocks, markedBlocks, markedBody, relabel, shiftBetween, shiftLines, splitNodes } from '../../server/src/render/patch';
import type { PatchRun } from '../../shared/protocol';
import { generateByLines } from '../bench/generate';
import { EXAMPLES, FIXTURES, readExample } from '../paths';

const TODAY = '2026-05-01';

/** The page's blocks for `text`: parts and document. */
const blocksOf = (text: string) => markedBlocks(bodyPieces(analyze(text), { today: TODAY }));
/** The document's blocks only, for runs short enough to write out. */
const docBlocks = (text: string) => markedBlocks({ parts: [], blocks: bodyPieces(analyze(text), { today: TODAY }).blocks });

function diff(before: string[], after: string[]): PatchRun[] {
  return diffBlocks(before, after);
}

/** The runs from `before` to `after`, checked to give `after` when applied. */
function patch(before: string[], after: string[]): PatchRun[] {
  const runs = diff(before, after);
  assert.deepEqual(applyPatch(before, runs), after);
  return runs;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

test('the marked blocks are renderBody’s HTML with markers and each line counted from the one before, for every fixture and example', () => {
  for (const file of [...markdownFiles(FIXTURES), ...markdownFiles(EXAMPLES)]) {
    const analysis = analyze(readFileSync(file, 'utf8'));
    const blocks = markedBlocks(bodyPieces(analysis, { today: TODAY }));
    const body = markedBody(absoluteLines(blocks));
    assert.equal(body.replaceAll(PART_MARK, '').replaceAll(BLOCK_MARK, ''), renderBody(analysis, { today: TODAY }), file);
    // Its labels already say their lines.
    assert.deepEqual(relabel(blocks), blocks, file);
  }
});

test('each data-line counts from the one before it across the blocks, the first from 0; a label keeps its text', () => {
  const blocks = markedBlocks({
    parts: ['<div class="metric" data-line="30">MTTD</div>', '<ul><li><button data-line="12">x [Ln <span class="ln" data-line="12">13</span>]</button></li></ul>'],
    blocks: ['<h2 data-line="8">Summary</h2>\n', '<table data-line="10">\n<tr data-line="10"><td>a</td></tr>\n<tr data-line="11"><td>b</td></tr>\n</table>\n', '<p class="raw-html">x</p>\n'],
  });
  assert.deepEqual(blocks, [
    `${PART_MARK}<div class="metric" data-line="30">MTTD</div>\n`,
    `${PART_MARK}<ul><li><button data-line="-18">x [Ln <span class="ln" data-line="0">13</span>]</button></li></ul>\n`,
    `${BLOCK_MARK}<h2 data-line="-4">Summary</h2>\n`,
    `${BLOCK_MARK}<table data-line="2">\n<tr data-line="0"><td>a</td></tr>\n<tr data-line="1"><td>b</td></tr>\n</table>\n`,
    `${BLOCK_MARK}<p class="raw-html">x</p>\n`,
  ]);
  assert.deepEqual(absoluteLines(blocks).map((b) => [...b.matchAll(/data-line="(-?\d+)"/g)].map((m) => m[1])), [['30'], ['12', '12'], ['8'], ['10', '10', '11'], []]);
  // A label's text is set from its line, wherever the lines above moved.
  assert.deepEqual(relabel([`${PART_MARK}<b data-line="40"></b>`, blocks[1]])[1], `${PART_MARK}<ul><li><button data-line="-18">x [Ln <span class="ln" data-line="0">23</span>]</button></li></ul>\n`);
  // A shift moves a block's first line only: the others count from it.
  assert.equal(shiftLines(blocks[3], -3), `${BLOCK_MARK}<table data-line="-1">\n<tr data-line="0"><td>a</td></tr>\n<tr data-line="1"><td>b</td></tr>\n</table>\n`);
  assert.equal(shiftBetween(blocks[3], shiftLines(blocks[3], -3)), -3);
  assert.equal(shiftBetween(blocks[1], blocks[1].replace('>13<', '>99<')), 0, 'a label’s number is not compared');
  assert.equal(shiftBetween(blocks[3], blocks[3].replace('line="1"', 'line="2"')), undefined, 'a line after the first is compared');
  assert.equal(shiftBetween(blocks[4], blocks[4]), null);
});

test('a block keeps its key when only its first line moved; that line is its base', () => {
  const table = '<table data-line="4">\n<tr data-line="0"><td>a</td></tr>\n<tr data-line="2"><td>b</td></tr>\n</table>\n';
  const moved = table.replace('data-line="4"', 'data-line="99"');
  assert.deepEqual(blockKey(moved), { hash: blockKey(table).hash, base: 99 });
  assert.equal(blockKey(table).base, 4);
  assert.equal(blockKey(table.replace('data-line="4"', 'data-line="-7"')).base, -7);
  assert.notEqual(blockKey(table.replace('line="2"', 'line="3"')).hash, blockKey(table).hash);
  assert.notEqual(blockKey(table.replace('>b<', '>c<')).hash, blockKey(table).hash);
  assert.deepEqual(blockKey('<p class="raw-html">x</p>\n').base, null);
});

test('a line label follows its line: problems whose lines moved are one shift, their labels set again', () => {
  const item = (line: number, label = line + 1) => `<li><button data-line="${line}">Owner missing [Ln <span class="ln" data-line="${line}">${label}</span>, Col 3]</button></li>`;
  const list = (lines: number[]) => markedBlocks({ parts: [`<ul>${lines.map((l) => item(l)).join('')}</ul>`], blocks: [] });
  assert.equal(blockKey(list([40])[0]).hash, blockKey(list([90])[0]).hash);
  // Two lines inserted above both problems: the list travels as a shift of its first line, and the labels say 44 and 64.
  assert.deepEqual(patch(list([41, 61]), list([43, 63])), [{ old: 0, count: 1, shift: 2 }]);
  assert.deepEqual(absoluteLines(applyPatch(list([41, 61]), [{ old: 0, count: 1, shift: 2 }])), [`${PART_MARK}<ul>${item(43)}${item(63)}</ul>\n`]);
  // Two lines inserted between them: the second moves, its label with it.
  const between = patch(list([41, 61]), list([41, 63]));
  assert.ok(JSON.stringify(between).length < 200, JSON.stringify(between));
  assert.match(applyPatch(list([41, 61]), between)[0], /\[Ln <span class="ln" data-line="0">64<\/span>/);
});

test('HTML splits into the nodes a parser makes of it', () => {
  assert.deepEqual(splitNodes('\n<p>a<br>b</p>\n<!--c--><svg><rect/><g><title>t</title></g></svg>text<img src="x">'), [
    '\n',
    '<p>a<br>b</p>',
    '\n',
    '<!--c-->',
    '<svg><rect/><g><title>t</title></g></svg>',
    'text',
    '<img src="x">',
  ]);
  assert.deepEqual(splitNodes(''), []);
  assert.equal(splitNodes('a</p><p>b'), undefined);
  assert.equal(splitNodes('<p>a'), undefined);
});

const DOC = ['# Title', '', 'First paragraph.', '', 'Second paragraph.', '', 'Third paragraph.', '', 'Last paragraph.', ''];
const edit = (change: (lines: string[]) => void) => {
  const lines = [...DOC];
  change(lines);
  return lines.join('\n');
};

test('runs: a block replaced at the start, in the middle, at the end', () => {
  const before = docBlocks(DOC.join('\n'));
  assert.equal(before.length, 5);
  const start = docBlocks(edit((l) => (l[0] = '# Retitled')));
  assert.deepEqual(patch(before, start), [{ add: [start[0]] }, { old: 1, count: 4, shift: 0 }]);
  const middle = docBlocks(edit((l) => (l[4] = 'Second paragraph, edited.')));
  assert.deepEqual(patch(before, middle), [{ old: 0, count: 2, shift: 0 }, { add: [middle[2]] }, { old: 3, count: 2, shift: 0 }]);
  const end = docBlocks(edit((l) => (l[8] = 'Last words.')));
  assert.deepEqual(patch(before, end), [{ old: 0, count: 4, shift: 0 }, { add: [end[4]] }]);
});

test('runs: blocks inserted and deleted at the start, in the middle, at the end; the lines after move', () => {
  const before = docBlocks(DOC.join('\n'));
  const start = docBlocks(edit((l) => l.unshift('New first.', '')));
  // Only the first block after the new one moves its line: the others count from it.
  assert.deepEqual(patch(before, start), [{ add: [start[0]] }, { old: 0, count: 1, shift: 2 }, { old: 1, count: 4, shift: 0 }]);
  const middle = docBlocks(edit((l) => l.splice(4, 0, 'Inserted.', '')));
  assert.deepEqual(patch(before, middle), [{ old: 0, count: 2, shift: 0 }, { add: [middle[2]] }, { old: 2, count: 3, shift: 0 }]);
  const end = docBlocks(edit((l) => l.push('Appended.', '')));
  assert.deepEqual(patch(before, end), [{ old: 0, count: 5, shift: 0 }, { add: [end[5]] }]);
  assert.deepEqual(patch(before, docBlocks(edit((l) => l.splice(0, 2)))), [{ old: 1, count: 1, shift: -2 }, { old: 2, count: 3, shift: 0 }]);
  assert.deepEqual(patch(before, docBlocks(edit((l) => l.splice(4, 2)))), [{ old: 0, count: 2, shift: 0 }, { old: 3, count: 2, shift: 0 }]);
  assert.deepEqual(patch(before, docBlocks(edit((l) => l.splice(8, 2)))), [{ old: 0, count: 4, shift: 0 }]);
  // A blank line more between two blocks: nothing to send but the shift of the one after it.
  assert.deepEqual(patch(before, docBlocks(edit((l) => l.splice(3, 0, '')))), [{ old: 0, count: 2, shift: 0 }, { old: 2, count: 1, shift: 1 }, { old: 3, count: 2, shift: 0 }]);
});

test('runs: a block moved far travels as a reference, not as HTML; a small one moved a step or two is sent again', () => {
  const before = docBlocks(DOC.join('\n'));
  const toEnd = docBlocks(edit((l) => l.push(...l.splice(2, 2))));
  assert.deepEqual(patch(before, toEnd), [{ old: 0, count: 1, shift: 0 }, { old: 2, count: 3, shift: 0 }, { old: 1, count: 1, shift: 0 }]);
  const toStart = docBlocks(edit((l) => l.unshift(...l.splice(6, 2))));
  assert.deepEqual(patch(before, toStart), [{ add: [toStart[0]] }, { old: 0, count: 1, shift: 2 }, { old: 1, count: 2, shift: 0 }, { old: 4, count: 1, shift: 0 }]);
  const far = [...Array.from({ length: 8 }, (_, i) => `Paragraph ${i}.${' A long one.'.repeat(i === 7 ? 20 : 0)}`), ''].join('\n\n');
  const farBefore = docBlocks(far);
  const lines = far.split('\n');
  const farAfter = docBlocks([...lines.slice(14, 16), ...lines.slice(0, 14)].join('\n'));
  assert.deepEqual(patch(farBefore, farAfter), [{ old: 7, count: 1, shift: -2 }, { old: 0, count: 1, shift: 2 }, { old: 1, count: 6, shift: 0 }]);
});

test('runs: from and to an empty document', () => {
  const before = docBlocks(DOC.join('\n'));
  assert.deepEqual(patch([], before), [{ add: before }]);
  assert.deepEqual(patch(before, []), []);
  assert.deepEqual(patch([], []), []);
  assert.deepEqual(docBlocks(''), []);
});

test('runs: a fence opened in the middle turns everything after it into code', () => {
  const before = docBlocks(DOC.join('\n'));
  const after = docBlocks(edit((l) => l.splice(4, 0, '```')));
  assert.equal(after.length, 3);
  assert.match(after[2], /^<!--pm-block--><pre><code data-line="2">Second paragraph/);
  assert.deepEqual(patch(before, after), [{ old: 0, count: 2, shift: 0 }, { add: [after[2]] }]);
  // Closed again further down: the blocks after it come back as they were, a line further down.
  const closed = docBlocks(edit((l) => l.splice(4, 1, '```', 'Second paragraph.', '```')));
  assert.deepEqual(patch(before, closed), [{ old: 0, count: 2, shift: 0 }, { add: [closed[2]] }, { old: 3, count: 1, shift: 2 }, { old: 4, count: 1, shift: 0 }]);
});

test('a row edited in a long table: the row travels, the table is patched inside', () => {
  const rows = Array.from({ length: 40 }, (_, i) => `| 10:${String(i).padStart(2, '0')} | Event number ${i} happened |`);
  const text = ['## Timeline', '', '| Time | Event |', '|---|---|', ...rows, ''].join('\n');
  const before = docBlocks(text);
  const after = docBlocks(text.replace('Event number 20 happened', 'Event number 20 was seen'));
  const runs = patch(before, after);
  assert.deepEqual(runs.slice(0, 1), [{ old: 0, count: 1, shift: 0 }]);
  const table = runs[1] as Extract<PatchRun, { in: number }>;
  assert.equal(table.in, 1);
  assert.ok(JSON.stringify(runs).length < 400, JSON.stringify(runs));
  assert.ok(JSON.stringify(runs).includes('was seen'));
  // A row inserted: the rows after it count from it, so none of them changes, nor the blocks after the table.
  const inserted = docBlocks(text.replace('| 10:20 |', '| 10:19 | Another |\n| 10:20 |'));
  assert.deepEqual(patch(before, inserted), [
    { old: 0, count: 1, shift: 0 },
    { in: 1, shift: 0, n: 5, runs: [{ old: 0, count: 3, shift: 0 }, { in: 3, shift: 0, n: 81, runs: [{ old: 0, count: 41, shift: 0 }, { add: ['<tr data-line="1">\n<td>10:19</td>\n<td>Another</td>\n</tr>', '\n'] }, { old: 41, count: 40, shift: 0 }] }, { old: 4, count: 1, shift: 0 }] },
  ]);
});

/** A small deterministic generator (mulberry32), so that a failure repeats. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random edits of an example: the patch applied to the previous blocks gives the fresh render’s', () => {
  const next = random(15);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const snippets = ['', 'A new sentence.', '```', '```text', '<!-- a comment', '-->', '| 10:00 | Something happened | ← Detection |', '- [ ] Follow up | owner', '## Heading', '> quoted', '|---|---|', '* item'];
  let lines = readExample('2026-04-02-dns-outage-post-mortem.md').split('\n');
  let before = blocksOf(lines.join('\n'));
  const log: string[] = [];
  for (let n = 0; n < 150; n++) {
    const at = Math.floor(next() * (lines.length + 1));
    const kind = pick(['insert', 'delete', 'replace', 'type', 'move', 'paste']);
    if (kind === 'insert') lines.splice(at, 0, pick(snippets));
    else if (kind === 'delete') lines.splice(at, 1 + Math.floor(next() * 3));
    else if (kind === 'replace') lines[at] = pick(snippets);
    else if (kind === 'type') lines[at] = `${lines[at] ?? ''}${pick([' x', '|', '**', '`'])}`;
    else if (kind === 'move') lines.splice(Math.floor(next() * lines.length), 0, ...lines.splice(at, 1 + Math.floor(next() * 6)));
    else lines.splice(at, 0, ...lines.slice(Math.floor(next() * lines.length)).slice(0, 8));
    log.push(`${kind} at ${at}`);
    lines = lines.length ? lines : [''];
    const after = blocksOf(lines.join('\n'));
    const runs = diff(before, after);
    assert.deepEqual(applyPatch(before, runs), after, `after ${log.join(', ')}`);
    before = after;
  }
});

test('a one-line edit of a 2,000-line post-mortem is a patch of under 5% of its size', () => {
  const text = generateByLines(2000);
  const lines = text.split('\n');
  const middle = lines.length >> 1;
  lines[middle] = lines[middle].replace('reported', 'reports');
  const before = blocksOf(text);
  const runs = patch(before, blocksOf(lines.join('\n')));
  const bytes = Buffer.byteLength(JSON.stringify({ type: 'patch', version: 2, id: '2.2', from: '1.1', runs }));
  assert.ok(bytes < Buffer.byteLength(text) * 0.05, `${bytes} bytes`);
});

test('a data-line without a number is left as it is, in keys, shifts and marks', () => {
  const odd = '<p data-line="">x</p><p data-line="7">y</p>';
  assert.deepEqual(markedBlocks({ parts: [], blocks: [odd, '<p data-line="9">z</p>'] }), [`${BLOCK_MARK}${odd}`, `${BLOCK_MARK}<p data-line="2">z</p>`]);
  assert.equal(blockKey(odd).base, 7);
  // Compared as different: sent as HTML.
  assert.equal(shiftBetween(odd, odd.replace('"7"', '"8"')), undefined);
  assert.equal(shiftLines(odd, 2), '<p data-line="">x</p><p data-line="9">y</p>');
});
