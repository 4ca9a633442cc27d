import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { TEMPLATE_TEXT } from '../../server/src/core/template';
import { corpus } from '../paths';

/** The corpus's post-mortems, as [name, text]; a missing corpus fails the test that asks (test/paths.ts). */
function corpusFiles(): [string, string][] {
  const dir = corpus();
  return readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

/** Analyses `text` and returns how long it took; throwing fails the test. */
function timed(text: string): number {
  const start = performance.now();
  const { diagnostics, metrics } = analyze(text);
  assert.ok(Array.isArray(diagnostics) && typeof metrics.completeness === 'number');
  return performance.now() - start;
}

test('every real post-mortem in ../shared/corpus is analysed without error, quickly', () => {
  const files = corpusFiles();
  assert.ok(files.length > 20);
  for (const [file, text] of files) {
    const ms = timed(text);
    assert.ok(ms < 500, `${file} took ${ms.toFixed(0)} ms`);
  }
});

test('the corpus’s known timeline mistakes are found, and nothing else is reported as an error', () => {
  const files = new Map(corpusFiles());
  const order = (file: string) => analyze(files.get(file) ?? assert.fail(`${file} is not in the corpus`)).diagnostics.filter((d) => d.code === 'timeline-order').map((d) => d.range.start.line + 1);
  assert.deepEqual(order('dfds__postmortems__PM2021-011-Log4Shell.md'), [23]);
  assert.deepEqual(order('dfds__postmortems__PM2023-001-Total-node-failure.md'), [27]);
  assert.deepEqual(order('etcd-io__etcd__v3.5-data-inconsistency.md'), [138]);
  for (const [file, text] of files) {
    const errors = analyze(text).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], file);
  }
});

test('empty, blank, binary, control-character and lone-surrogate input', () => {
  for (const text of ['', '\n', '\r\n\r\n', '\uFEFF', '\u0000\u0001\u0002|||\u0000', '\uD800|\uDC00', 'x'.repeat(100_000), '|'.repeat(5000), '`'.repeat(5000), '<!--'.repeat(1000)]) {
    timed(text);
  }
});

test('a 10 MB document is analysed without error', () => {
  const text = TEMPLATE_TEXT.repeat(Math.ceil(10_000_000 / TEMPLATE_TEXT.length));
  const ms = timed(text);
  assert.ok(ms < 30_000, `took ${ms.toFixed(0)} ms`);
});

test('the template cut off at every point (a half-written document)', () => {
  for (let end = 0; end <= TEMPLATE_TEXT.length; end += 37) timed(TEMPLATE_TEXT.slice(0, end));
});

test('fuzz: the template with random deletions, duplications, pipes, backticks and newlines', () => {
  let seed = 20261127;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const inserts = ['|', '`', '```', '\n', '\r\n', '{{', '}}', '<!--', '-->', ' : ', '← Detection', '25:99', '| 10:00 |', '# ', '> '];
  for (let round = 0; round < 300; round++) {
    let text = TEMPLATE_TEXT;
    for (let n = 0; n < 1 + Math.floor(random() * 12); n++) {
      const at = Math.floor(random() * text.length);
      const len = Math.floor(random() * 200);
      const kind = random();
      if (kind < 0.35) text = text.slice(0, at) + text.slice(at + len);
      else if (kind < 0.6) text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
      else text = text.slice(0, at) + inserts[Math.floor(random() * inserts.length)] + text.slice(at);
    }
    const ms = timed(text);
    assert.ok(ms < 1000, `round ${round} took ${ms.toFixed(0)} ms`);
  }
});
