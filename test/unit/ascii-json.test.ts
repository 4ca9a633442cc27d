import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEEPS_JSON, type KeepsJson, asciiJsonBytes } from '../../server/src/lsp/ascii-json';

const diagnostic = (i: number, message: string) => ({
  range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } },
  severity: 2,
  code: 'placeholder',
  source: 'postmortem',
  message,
  data: undefined,
});

test('a message is written as ASCII JSON that reads back as what JSON.stringify writes', () => {
  const messages: unknown[] = [
    {
      jsonrpc: '2.0',
      method: 'textDocument/publishDiagnostics',
      params: {
        uri: 'file:///pm/caf%C3%A9.md',
        version: 3,
        diagnostics: Array.from({ length: 40 }, (_, i) => diagnostic(i, i % 7 ? `Slot ${i} is unfilled` : `"Zoë — the on-call…" 😀 needs a name\n\t"quoted"\\`)),
      },
    },
    // Short arrays, empty ones, holes and values JSON has no form for, at each depth.
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [] } },
    { jsonrpc: '2.0', id: 0, result: [{ label: 'Résumé', kind: 1 }, null, [1, 'ü']] },
    { jsonrpc: '2.0', id: 7, result: Array.from({ length: 20 }, (_, i) => (i % 3 ? { n: i, f: () => i, u: undefined } : undefined)) },
    // eslint-disable-next-line no-sparse-arrays
    { jsonrpc: '2.0', id: 9, result: [1, , 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] },
    { jsonrpc: '2.0', id: 8, result: null, extra: undefined, when: new Date(0), lone: '\ud800' },
    'a string alone: ñ',
  ];
  for (const message of messages) {
    const bytes = asciiJsonBytes(message);
    assert.ok(bytes.every((b) => b < 0x80), 'every byte is ASCII');
    assert.equal(bytes.toString('utf8'), bytes.toString('latin1'));
    assert.deepEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(JSON.stringify(message)));
  }
});

test('an array element that keeps its JSON is stringified once, and written the same as the others', () => {
  const kept = Array.from({ length: 20 }, (_, i) => diagnostic(i, `Zoë's slot ${i} is unfilled…`));
  for (const d of kept) Object.defineProperty(d, KEEPS_JSON, { value: undefined, writable: true });
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: kept } };
  const first = asciiJsonBytes(message);
  assert.deepEqual(JSON.parse(first.toString('utf8')), JSON.parse(JSON.stringify(message)));
  assert.equal((kept[3] as KeepsJson)[KEEPS_JSON], JSON.stringify(kept[3]).replace('ë', '\\u00eb').replace('…', '\\u2026'));
  // Written again from what it kept (a kept element is never changed once sent: here it is, to show it).
  kept[3].message = 'changed';
  assert.deepEqual(asciiJsonBytes(message), first);
});
