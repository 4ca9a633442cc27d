import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { LONG_TABLE_ROWS } from '../../server/src/core/long-tables';
import { parseBlocks, renderBlocks } from '../../server/src/core/markdown';

/** A table of `rows` body rows, each with its own text. */
function table(rows: number, from = 0): string[] {
  const out = ['| Time | Event |', '|---|---|'];
  for (let i = from; i < from + rows; i++) out.push(`| 10:${String(i % 60).padStart(2, '0')} | Event ${i}: shard ${i % 7} reported |`);
  return out;
}

const render = (lines: string[]) => renderBlocks(parseBlocks(lines.join('\n')));
/** The render without its part breaks and long tables' classes. */
const plain = (lines: string[]) => render(lines).replace(/<\/tbody>\n<tbody>\n/g, '').replace(/ class="pm-long pm-long-\d+"/g, '');
/** Each part of the body: its rows, without their lines (which move when a row is inserted above). */
const parts = (html: string) =>
  html
    .split('<tbody')
    .slice(1)
    .map((p) => p.replace(/ data-line="\d+"/g, ''));

describe('long tables render in parts', () => {
  test('a table of up to LONG_TABLE_ROWS rows renders as markdown-it renders it', () => {
    const lines = table(LONG_TABLE_ROWS);
    const html = render(lines);
    assert.equal(html.split('<tbody').length - 1, 1);
    assert.ok(!html.includes('pm-long'));
    // Our renderer differs from markdown-it's only by the data-line attributes.
    assert.equal(html.replace(/ data-line="\d+"/g, ''), new MarkdownIt().render(lines.join('\n')));
  });

  test('a longer one is the same table with its body in parts of 32 to 128 rows, each long table with its own class', () => {
    const lines = [...table(1000), '', 'Between.', '', ...table(300, 1000)];
    const html = render(lines);
    assert.equal(html.match(/<table class="pm-long pm-long-\d+"/g)?.join(' '), '<table class="pm-long pm-long-1" <table class="pm-long pm-long-2"');
    // Nothing lost or reordered: the HTML without the part breaks and the classes is the plain render.
    assert.equal(plain(lines).replace(/ data-line="\d+"/g, ''), new MarkdownIt().render(lines.join('\n')));
    const first = parts(html.slice(0, html.indexOf('</table>')));
    assert.ok(first.length > 1);
    const sizes = first.map((p) => p.split('<tr').length - 1);
    assert.equal(sizes.reduce((a, b) => a + b), 1000);
    for (const size of sizes.slice(0, -1)) assert.ok(size >= 32 && size <= 128, `a part of ${size} rows`);
    assert.ok(sizes.at(-1)! <= 128);
  });

  test('a row inserted or deleted changes its own part only, not the boundaries after it', () => {
    const lines = table(1000);
    const before = parts(render(lines));
    for (const at of [2, 300, 501, 1001]) {
      const inserted = [...lines.slice(0, at), '| 11:11 | A row typed in |', ...lines.slice(at)];
      const deleted = [...lines.slice(0, at), ...lines.slice(at + 1)];
      for (const edited of [inserted, deleted]) {
        const after = parts(render(edited));
        const same = after.filter((p) => before.includes(p)).length;
        // One part changed, or two when the row was a part's first (its boundary) or made one.
        assert.ok(same >= before.length - 2 && Math.abs(after.length - before.length) <= 1, `at line ${at}: ${same} of ${before.length} parts kept`);
      }
    }
  });
});
