// The preview's list of problems (server/src/render/problems.ts): the first ten open, the rest
// behind a disclosure that says how many.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from '../../server/src/core/diagnostic';
import { PROBLEMS_SHOWN, problems } from '../../server/src/render/problems';

const diagnostics = (n: number): Diagnostic[] =>
  Array.from({ length: n }, (_, i) => ({ code: 'placeholder', severity: 'warning', message: `Problem ${i + 1}`, range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } } }));

/** The messages in the open list, and those behind the disclosure with its summary. */
function lists(html: string): { open: string[]; more?: { summary: string; messages: string[] } } {
  const messages = (part: string) => Array.from(part.matchAll(/<span class="message">([^<]*)<\/span>/g), (m) => m[1]);
  const [open, more] = html.split('<details class="more">');
  if (more === undefined) return { open: messages(open) };
  return { open: messages(open), more: { summary: /<summary>([^<]*)<\/summary>/.exec(more)![1], messages: messages(more) } };
}

test('the problems list shows ten, and puts the rest behind "N more problems"', () => {
  assert.equal(PROBLEMS_SHOWN, 10);
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `Problem ${from + i + 1}`);
  assert.deepEqual(lists(problems(diagnostics(3))), { open: names(0, 3) });
  assert.deepEqual(lists(problems(diagnostics(10))), { open: names(0, 10) });
  assert.deepEqual(lists(problems(diagnostics(11))), { open: names(0, 10), more: { summary: '1 more problem', messages: names(10, 11) } });
  assert.deepEqual(lists(problems(diagnostics(147))), { open: names(0, 10), more: { summary: '137 more problems', messages: names(10, 147) } });
  assert.match(problems([]), /No problems found\./);
});
