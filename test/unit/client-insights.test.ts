import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insightsMessage, insightsTarget } from '../../client/src/insights/messages';

test('Insights webview: only a well-formed open message is taken', () => {
  assert.deepEqual(insightsMessage({ type: 'open', uri: 'file:///ws/a.md', line: 3 }), { type: 'open', uri: 'file:///ws/a.md', line: 3 });
  for (const bad of [null, 'open', {}, { type: 'open', uri: 1, line: 0 }, { type: 'open', uri: 'file:///ws/a.md', line: -1 }, { type: 'open', uri: 'file:///ws/a.md', line: 1.5 }, { type: 'reveal', line: 1 }]) {
    assert.equal(insightsMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('Insights webview: a link opens a file: URI inside a workspace folder, nothing else', () => {
  const folders = ['/ws', '/other/'];
  assert.equal(insightsTarget('file:///ws/postmortems/a.md', folders), '/ws/postmortems/a.md');
  assert.equal(insightsTarget('file:///other/b%20c.md', folders), '/other/b c.md');
  for (const href of ['javascript:alert(1)', 'https://example.com/ws/a.md', 'file://host/ws/a.md', 'file:///etc/passwd', 'file:///ws2/a.md', 'file:///ws/../etc/passwd', 'file:///ws/%2e%2e/etc/passwd', 'file:///ws/a.md?x', 'file:///ws/%E0%A4%A.md', 'vscode://x', '#quarter-2026-Q1', 'file:///ws']) {
    assert.equal(insightsTarget(href, folders), undefined, href);
  }
});
