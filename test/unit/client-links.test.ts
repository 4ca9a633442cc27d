import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkTarget } from '../../client/src/preview/links';

const DOC = { scheme: 'file', path: '/ws/postmortems/2026-03-14-checkout.md' };
const FOLDERS = ['/ws'];
const target = (href: string, document = DOC, folders = FOLDERS) => linkTarget(href, document, folders);

test('web and mail links open outside the editor', () => {
  assert.deepEqual(target('https://status.example.com/incidents/42'), { kind: 'external', href: 'https://status.example.com/incidents/42' });
  assert.deepEqual(target(' HTTP://example.com '), { kind: 'external', href: 'HTTP://example.com' });
  assert.deepEqual(target('mailto:sre@example.com'), { kind: 'external', href: 'mailto:sre@example.com' });
});

test('relative paths open beside the document, without their fragment or query; `/` starts at the workspace folder', () => {
  assert.deepEqual(target('./incident-report.md'), { kind: 'file', path: '/ws/postmortems/incident-report.md' });
  assert.deepEqual(target('incident-report.md#timeline'), { kind: 'file', path: '/ws/postmortems/incident-report.md' });
  assert.deepEqual(target('../runbooks/db%20index.md?plain=1#L3'), { kind: 'file', path: '/ws/runbooks/db index.md' });
  assert.deepEqual(target('/docs/slo.md'), { kind: 'file', path: '/ws/docs/slo.md' });
  assert.deepEqual(target('file:///ws/docs/slo.md#x'), { kind: 'file', path: '/ws/docs/slo.md' });
});

test('a fragment alone is a place in the preview: nothing opens', () => {
  assert.deepEqual(target('#5-whys'), { kind: 'none' });
  assert.deepEqual(target(''), { kind: 'none' });
});

test('other schemes, network paths and files outside the workspace are refused', () => {
  for (const href of ['command:workbench.action.terminal.new', 'javascript:alert(1)', 'vscode:extension/x.y', 'data:text/html,x', '//evil.example.com/x', 'C:\\Windows\\x.md']) {
    assert.equal(target(href).kind, 'refused', href);
  }
  assert.deepEqual(target('file:///etc/passwd'), { kind: 'refused', reason: 'outside the workspace' });
  assert.deepEqual(target('file://server/share/x.md'), { kind: 'refused', reason: 'not a local file' });
  assert.deepEqual(target('../../etc/passwd'), { kind: 'refused', reason: 'outside the workspace' });
  assert.deepEqual(target('%2e%2e/%2e%2e/etc/passwd'), { kind: 'refused', reason: 'outside the workspace' });
  assert.deepEqual(target('/ws-other/x.md'), { kind: 'file', path: '/ws/ws-other/x.md' });
  assert.deepEqual(target('file:///ws-other/x.md'), { kind: 'refused', reason: 'outside the workspace' });
  assert.deepEqual(target('bad%E0%A4%A.md'), { kind: 'refused', reason: 'malformed escape' });
});

test('a document in no workspace folder may open what lies beside it; an untitled one has nothing beside it', () => {
  const loose = { scheme: 'file', path: '/home/me/pm/outage.md' };
  assert.deepEqual(target('notes/a.md', loose), { kind: 'file', path: '/home/me/pm/notes/a.md' });
  assert.deepEqual(target('../a.md', loose), { kind: 'refused', reason: 'outside the workspace' });
  assert.deepEqual(target('/a.md', loose), { kind: 'refused', reason: 'the document is in no workspace folder' });
  const untitled = { scheme: 'untitled', path: 'Untitled-1' };
  assert.equal(target('a.md', untitled).kind, 'refused');
  assert.deepEqual(target('file:///ws/a.md', untitled), { kind: 'file', path: '/ws/a.md' });
  assert.deepEqual(target('https://example.com', untitled), { kind: 'external', href: 'https://example.com' });
});
