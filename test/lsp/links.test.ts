import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import { withServer } from './client';

const DOC = [
  '# Post-Mortem: Links',
  '',
  '> **Status:** In Review',
  '',
  '## Action Items',
  '',
  '| # | Action | Owner | Due | Priority | Ticket |',
  '|---|--------|-------|-----|----------|--------|',
  '| 1 | Add a canary | Alice Moreau | 2026-05-01 | High | OPS-101 |',
  '| 2 | Add an alert | Alice Moreau | 2026-05-01 | High | #7 |',
  '',
].join('\n');

test('documentLink: advertised; ticket IDs link through the .postmortemrc.json ticketUrl, none without one', () =>
  withServer({}, async (client) => {
    assert.deepEqual(client.initializeResult?.capabilities.documentLinkProvider, { resolveProvider: false });
    const plain = await client.openLinted('plain-post-mortem.md', DOC);
    assert.deepEqual(await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: plain } }), []);

    writeFileSync(join(client.root, 'notes', '.postmortemrc.json'), JSON.stringify({ ticketUrl: { OPS: 'https://tracker.example/browse/{id}', '#': 'https://github.com/o/r/issues/{n}' } }));
    const uri = await client.openLinted('notes/linked-post-mortem.md', DOC);
    assert.deepEqual(await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } }), [
      { range: { start: { line: 8, character: 56 }, end: { line: 8, character: 63 } }, target: 'https://tracker.example/browse/OPS-101' },
      { range: { start: { line: 9, character: 56 }, end: { line: 9, character: 58 } }, target: 'https://github.com/o/r/issues/7' },
    ]);
  }));
