import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type Hover, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { LARGE_DOCUMENT_CHARS } from '../../server/src/lsp/analyses';
import { readFixture } from '../paths';
import { useServer } from './client';

const DNS = readFixture('lsp', 'dns-outage-post-mortem.md');
/** Short enough that the documents below overrun it several times over, long enough for the DNS post-mortem. */
const BUDGET_MS = 300;
const MESSAGE = 'This document is too large or too unusual to check; 0.3 s budget exceeded';

/** A post-mortem of about `chars` characters that is nearly all timeline rows, the costliest part to read. */
function timeline(chars: number): string {
  const rows = ['# Post-Mortem: a long night', '', '## 4. Detailed Timeline', '', '| Time | Event | Marker |', '|---|---|---|'];
  for (let i = 0, size = 0; size < chars - 200; i++) {
    const row = `| 2026-04-0${1 + (i % 9)} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} | Retry ${i} {{X}} | |`;
    rows.push(row);
    size += row.length + 1;
  }
  return `${rows.join('\n')}\n`;
}

const client = useServer({ env: { POSTMORTEM_TEST_BUDGET_MS: String(BUDGET_MS) } });
let small: string;
before(async () => {
  // The server's first analysis compiles its code as it goes and may overrun the budget itself.
  const warmUp = client.uri('warm-up-post-mortem.md');
  await client.open(warmUp, DNS);
  await client.diagnostics(warmUp, 1);
  small = client.uri('small-post-mortem.md');
  await client.open(small, DNS);
  const { diagnostics } = await client.diagnostics(small, 1);
  assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.message !== MESSAGE));
});

const smallHover = () => client.request<Hover>('textDocument/hover', { textDocument: { uri: small }, position: { line: 42, character: 3 } });
const HOVER = '**T+19m** from the incident start\n\nMarker: ← Detection (MTTD = T3 - T1)';
const budgetLogs = (uri: string) => client.logs.filter((l) => l.message.startsWith(uri) && l.message.includes('budget exceeded'));

test('an analysis past its budget in the server’s thread is abandoned: one information diagnostic, logged once, empty answers', async (t) => {
  const uri = client.uri('long-night-post-mortem.md');
  const text = timeline(250 * 1024);
  assert.ok(text.length < LARGE_DOCUMENT_CHARS);
  const published = client.diagnostics(uri, 1);
  await client.open(uri, text);
  // The hover on the long one starts its analysis; the small one's, asked meanwhile, is answered once it is abandoned.
  const start = performance.now();
  const [long, short] = await Promise.all([client.request('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 3 } }), smallHover()]);
  const waited = performance.now() - start;
  t.diagnostic(`the small document's hover waited ${Math.round(waited)} ms (the whole analysis takes over a second)`);
  assert.equal(long, null);
  assert.equal((short.contents as { value: string }).value, HOVER);
  // One table is one block: the overrun is bounded by the longest step between two checks (a few hundred ms here).
  assert.ok(waited < 1500, `the small document waited ${Math.round(waited)} ms`);

  const { diagnostics } = await published;
  assert.deepEqual(diagnostics, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'postmortem', message: MESSAGE }]);
  assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), null);
  const render = await client.request('postmortem/render', { uri }).then(() => undefined, (e: unknown) => e);
  assert.ok(render instanceof ResponseError);
  assert.deepEqual([render.code, render.message], [LSPErrorCodes.RequestFailed, MESSAGE]);
  assert.deepEqual(budgetLogs(uri).map((l) => l.message), [`${uri} (version 1): ${MESSAGE}`]);

  // The next version is a post-mortem of ordinary size: checked as usual.
  const whole = { start: { line: 0, character: 0 }, end: client.docs.get(uri)!.positionAt(text.length) };
  const version = await client.change(uri, [{ range: whole, text: DNS }]);
  const again = await client.diagnostics(uri, version);
  assert.deepEqual(again.diagnostics.map((d) => d.code), (await client.diagnostics(small, 1)).diagnostics.map((d) => d.code));
  await client.close(uri);
});

test('an analysis past its budget in a worker is stopped, and the other documents are served meanwhile', async (t) => {
  const uri = client.uri('longer-night-post-mortem.md');
  const text = timeline(LARGE_DOCUMENT_CHARS * 2);
  let finished: unknown;
  const published = client.diagnostics(uri, 1).then((p) => (finished = p));
  await client.open(uri, text);
  const latencies: number[] = [];
  while (!finished) {
    const start = performance.now();
    assert.equal(((await smallHover()).contents as { value: string }).value, HOVER);
    latencies.push(performance.now() - start);
  }
  t.diagnostic(`${latencies.length} hovers on the small document while the large one ran, the slowest ${Math.round(Math.max(...latencies))} ms`);
  assert.ok(Math.max(...latencies) < BUDGET_MS, `the small document waited ${Math.round(Math.max(...latencies))} ms`);
  assert.deepEqual((await published).diagnostics.map((d) => [d.severity, d.message, d.range.start]), [[3, MESSAGE, { line: 0, character: 0 }]]);
  assert.deepEqual(budgetLogs(uri).map((l) => l.message), [`${uri} (version 1): ${MESSAGE}`]);
  await client.close(uri);
});
