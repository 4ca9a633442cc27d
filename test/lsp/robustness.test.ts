import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, type Hover, type PublishDiagnosticsParams, ResponseError } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { readFixture } from '../paths';
import { SEVERITY, at, today, useServer } from './client';

const DNS = readFixture('lsp', 'dns-outage-post-mortem.md');

const client = useServer();

/** A small deterministic generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('1,000 rapid incremental edits end with the diagnostics a fresh lint of the final text gives', async () => {
  const uri = await client.openLinted('edited-post-mortem.md', DNS);
  const next = random(20260402);
  const inserts = ['|', '\n', '| ', ' |', '\n| 09:40 | Retry | |', 'x', '{{X}}', ' / ', '09:', '← Detection', '\r\n'];
  let version = 1;
  for (let i = 0; i < 1000; i++) {
    const doc = client.docs.get(uri)!;
    const text = doc.getText();
    // Half of the edits land in the tables (lines starting with a pipe), where a stray pipe or newline matters most.
    const tableLines = text.split('\n').flatMap((l, n) => (l.startsWith('|') ? [n] : []));
    const line = next() < 0.5 && tableLines.length ? tableLines[Math.floor(next() * tableLines.length)] : Math.floor(next() * doc.lineCount);
    const start = doc.offsetAt({ line, character: Math.floor(next() * 80) });
    const end = next() < 0.5 ? start : Math.min(text.length, start + 1 + Math.floor(next() * 12));
    const insert = end === start ? inserts[Math.floor(next() * inserts.length)] : next() < 0.3 ? '|' : '';
    version = await client.change(uri, [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: insert }]);
  }
  const final = client.text(uri);
  const { diagnostics } = await client.diagnostics(uri, version);
  const fresh = analyze(final).diagnostics.map((d) => ({ code: d.code, range: d.range, severity: SEVERITY[d.severity], message: d.message }));
  assert.deepEqual(diagnostics.map((d) => ({ code: d.code, range: d.range, severity: d.severity, message: d.message })), fresh);

  const copy = client.uri('fresh-copy-post-mortem.md');
  await client.open(copy, final);
  assert.deepEqual((await client.diagnostics(copy, 1)).diagnostics, diagnostics);
  // Debounced: a handful of lints, not a thousand.
  assert.ok(client.published.filter((p) => p.uri === uri).length < 20);
});

test('malformed requests get error responses and the server goes on serving', async () => {
  const uri = await client.openLinted('malformed-post-mortem.md', DNS);
  const failure = async (method: string, params: unknown) => {
    const error = await client.request(method, params).then(() => undefined, (e: ResponseError<unknown>) => e);
    assert.ok(error instanceof ResponseError, `${method} ${JSON.stringify(params)} should fail`);
    return [error.code, error.message];
  };
  const hover = (position: unknown, target = uri) => failure('textDocument/hover', { textDocument: { uri: target }, position });
  assert.deepEqual(await hover({ line: 1, character: 1 }, 'file:///nowhere/unknown.md'), [ErrorCodes.InvalidParams, 'Unknown document: file:///nowhere/unknown.md']);
  assert.deepEqual(await hover({ line: -1, character: 0 }), [ErrorCodes.InvalidParams, 'Invalid position: {"line":-1,"character":0}']);
  assert.deepEqual(await hover({ line: 87, character: 0 }), [ErrorCodes.InvalidParams, 'Invalid position: {"line":87,"character":0}']);
  assert.deepEqual(await hover({ line: 'two', character: 0 }), [ErrorCodes.InvalidParams, 'Invalid position: {"line":"two","character":0}']);
  assert.deepEqual(await hover(undefined), [ErrorCodes.InvalidParams, 'Invalid position: undefined']);
  assert.deepEqual(await failure('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }), [ErrorCodes.InvalidParams, 'Invalid position: undefined']);
  assert.deepEqual(await failure('textDocument/completion', { textDocument: {}, position: { line: 0, character: 0 } }), [ErrorCodes.InvalidParams, 'Unknown document: undefined']);
  assert.deepEqual(await failure('postmortem/analysis', {}), [ErrorCodes.InvalidParams, 'Unknown document: undefined']);
  assert.deepEqual(await failure('workspace/executeCommand', { command: 'postmortem.nothing' }), [ErrorCodes.InvalidParams, 'Unknown command: postmortem.nothing']);
  assert.deepEqual(await failure('postmortem/nothing', {}), [ErrorCodes.MethodNotFound, 'Unhandled method postmortem/nothing']);
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere/unknown.md', version: 2 }, contentChanges: [{ text: 'x' }] });

  // Still serving: a character past the end of a line means its end, as LSP says.
  const served = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 48, character: 500 } });
  assert.match((served.contents as { value: string }).value, /^MTTD = Detection/);
  const version = await client.change(uri, [{ range: at(48, 32), text: '4' }]);
  assert.equal((await client.diagnostics(uri, version)).diagnostics.filter((d) => d.code === 'metric-mismatch').length, 1);
});

/** The DNS post-mortem with a 10 MB query log pasted as a table: heavy to parse, few findings. */
function tenMegabytes(): string {
  const rows: string[] = [];
  let size = DNS.length;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const second = Math.floor(i / 10);
    const row = `| 2026-04-03 ${String(9 + Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')} | resolver-${i % 7} | SERVFAIL | api-${i % 97}.payments.example. |`;
    rows.push(row);
    size += row.length + 1;
  }
  return `${DNS}\n## Appendix: resolver query log\n\n| Time | Resolver | Result | Query |\n|------|----------|--------|-------|\n${rows.join('\n')}\n`;
}

test('a 10 MB document is analysed aside: the other documents are served meanwhile, stale work is dropped', async (t) => {
  const small = client.uri('small-post-mortem.md');
  const big = client.uri('big-post-mortem.md');
  const text = tenMegabytes();
  await client.open(big, text);
  // Changed while its first analysis runs: that analysis is stopped, only version 2 is published.
  const version = await client.change(big, [{ range: at(48, 32), text: '1' }]);
  const bigDone = client.diagnostics(big, version);

  let start = performance.now();
  await client.open(small, DNS);
  await client.diagnostics(small, 1);
  const latencies = [performance.now() - start];
  // Hover on the small document, one request after another, for as long as the big one is analysed.
  let finished: PublishDiagnosticsParams | undefined;
  void bigDone.then((p) => (finished = p));
  while (!finished) {
    start = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 42, character: 3 } });
    latencies.push(performance.now() - start);
  }
  t.diagnostic(`small document: ${latencies.length} requests while the big one was analysed, the slowest ${Math.round(Math.max(...latencies))} ms`);
  // Order, not milliseconds, is the test (a loaded machine stretches both); the latency itself is a benchmark figure.
  assert.ok(latencies.length > 10, `only ${latencies.length} requests on the small document were answered while the big one was analysed`);

  const expected = analyze(client.text(big), { fix: { today: today() } }).diagnostics.map((d) => [d.code, d.range.start.line]);
  assert.deepEqual(finished.diagnostics.map((d) => [d.code, d.range.start.line]), expected);
  assert.deepEqual(client.published.filter((p) => p.uri === big).map((p) => p.version), [version]);
  // The big document's features are served from its analysis in the worker.
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: big }, position: { line: 42, character: 3 } });
  assert.equal((hover.contents as { value: string }).value, '**T+19m** from the incident start\n\nMarker: ← Detection (MTTD = T3 - T1)');
  const [fix] = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri: big }, range: at(48, 33), context: { diagnostics: [], only: ['quickfix'] } });
  assert.equal(fix.title, 'Change to 19 minutes');
  await client.close(big);
});
