import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { AnalysisResult } from '../../shared/protocol';
import { SEVERITY, at, today, withServer } from './client';
import { analyze } from '../../server/src/core/analyze';
import { TEMPLATE_GLOBS } from '../../server/src/core/template-path';
import { CACHED_CHARS, LARGE_DOCUMENT_CHARS } from '../../server/src/lsp/analyses';
import { generateByLines } from '../bench/generate';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.range.start.line, d.severity]);

test('only post-mortems get diagnostics: by file name, by folder, by content; a README gets nothing', () =>
  withServer({}, async (client) => {
    const readme = await client.openFixture('README.md');
    assert.deepEqual((await client.diagnostics(readme, 1)).diagnostics, []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: readme }, position: { line: 2, character: 25 } }), null);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: readme } }), null);
    assert.equal((await client.request<AnalysisResult>('postmortem/analysis', { uri: readme })).isPostMortem, false);

    const review = await client.openFixture('notes/incident-review.md');
    assert.deepEqual(codes((await client.diagnostics(review, 1)).diagnostics), [['placeholder', 9, 2]]);

    const queue = await client.openFixture('postmortems/2026-02-11-queue.md');
    assert.deepEqual(codes((await client.diagnostics(queue, 1)).diagnostics), [['placeholder', 2, 2]]);
  }));

test('a document that stops being a post-mortem loses its diagnostics, and gets them back', () =>
  withServer({}, async (client) => {
    const review = await client.openFixture('notes/incident-review.md');
    assert.equal((await client.diagnostics(review, 1)).diagnostics.length, 1);
    const title = { start: { line: 0, character: 2 }, end: { line: 0, character: 17 } };
    let version = await client.change(review, [{ range: title, text: 'Notes' }]);
    assert.deepEqual((await client.diagnostics(review, version)).diagnostics, []);
    version = await client.change(review, [{ range: { start: title.start, end: { line: 0, character: 7 } }, text: 'Incident Review' }]);
    assert.equal(client.text(review).split('\n')[0], '# Incident Review: Cache stampede');
    assert.equal((await client.diagnostics(review, version)).diagnostics.length, 1);
  }));

test('rapid changes are debounced: only the last version is linted and published', () =>
  withServer({}, async (client) => {
    const uri = await client.openFixture('dns-outage-post-mortem.md');
    await client.diagnostics(uri, 1);
    let version = 1;
    for (const text of ['N', 'o', 't', 'e', 's']) version = await client.change(uri, [{ range: at(85, 48), text }]);
    await client.diagnostics(uri, version);
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1, 6]);
  }));

test('settings are pulled per document: postmortem.lint.rules sets levels, postmortem.files says what is a post-mortem', () =>
  withServer({ settings: { lint: { rules: { placeholder: 'off', 'missing-owner': 'error' } }, files: ['**/notes/*.md'] } }, async (client) => {
    const uri = await client.openFixture('dns-outage-post-mortem.md');
    const { diagnostics } = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.some((d) => d.code === 'placeholder'), false);
    assert.deepEqual(codes(diagnostics.filter((d) => d.code === 'missing-owner')), [['missing-owner', 72, 1], ['missing-owner', 73, 1]]);
    assert.deepEqual(client.configurationRequests[0].items, [{ scopeUri: uri, section: 'postmortem' }]);

    // The README matches the files setting now; the folder of post-mortems no longer does.
    const readme = await client.openFixture('README.md', 'notes/README.md');
    assert.deepEqual(codes((await client.diagnostics(readme, 1)).diagnostics), [['missing-owner', 6, 1], ['action-due', 6, 2]]);
    const queue = await client.openFixture('postmortems/2026-02-11-queue.md');
    assert.deepEqual((await client.diagnostics(queue, 1)).diagnostics, []);
  }));

test('.postmortemrc.json overrides the settings; a broken one is reported once, with its path and the reason', () =>
  withServer({ settings: { lint: { rules: { placeholder: 'off' } } } }, async (client) => {
    writeFileSync(join(client.root, '.postmortemrc.json'), JSON.stringify({ rules: { placeholder: 'error' } }));
    const broken = join(client.root, 'notes', '.postmortemrc.json');
    writeFileSync(broken, '{ "rules": { "placeholder": "loud" } }');

    const uri = await client.openFixture('postmortems/2026-02-11-queue.md');
    assert.deepEqual(codes((await client.diagnostics(uri, 1)).diagnostics), [['placeholder', 2, 1]]);

    for (const name of ['incident-review.md', 'second-post-mortem.md']) {
      const uri = await client.openFixture('notes/incident-review.md', `notes/${name}`);
      // The broken file gives way to the defaults under the editor settings: placeholders stay off.
      assert.deepEqual((await client.diagnostics(uri, 1)).diagnostics, []);
    }
    assert.deepEqual(client.messages, [
      { type: 2, message: `Post-Mortem Editor: ${broken}: "rules.placeholder" must be equal to one of the allowed values: use one of off, hint, info, warning, error; using the default settings` },
    ]);
  }));

test('a settings change or a .postmortemrc.json change lints the open documents again', () =>
  withServer({}, async (client) => {
    const uri = await client.openFixture('dns-outage-post-mortem.md');
    const count = async (code: string, published: Promise<{ diagnostics: Diagnostic[] }>) => (await published).diagnostics.filter((d) => d.code === code).length;
    assert.equal(await count('placeholder', client.diagnostics(uri, 1)), 6);
    // Registered on `initialized`, so before the server read the document.
    assert.deepEqual(client.registrations.map((r) => [r.method, r.registerOptions]), [
      ['workspace/didChangeConfiguration', { section: 'postmortem' }],
      ['workspace/didChangeWatchedFiles', { watchers: [{ globPattern: '**/.postmortemrc.json' }, ...TEMPLATE_GLOBS.map((globPattern) => ({ globPattern }))] }],
    ]);

    client.settings = { lint: { rules: { placeholder: 'off' } } };
    const relinted = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await count('placeholder', relinted), 0);

    const rc = join(client.root, '.postmortemrc.json');
    writeFileSync(rc, JSON.stringify({ rules: { 'missing-owner': 'off' } }));
    const again = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('.postmortemrc.json'), type: 1 }] });
    assert.equal(await count('missing-owner', again), 0);
  }));

test('a client that cannot be asked for settings pushes them with didChangeConfiguration', () =>
  withServer({ capabilities: {} }, async (client) => {
    const uri = await client.openFixture('dns-outage-post-mortem.md');
    assert.equal((await client.diagnostics(uri, 1)).diagnostics.some((d) => d.code === 'placeholder'), true);
    const relinted = client.nextDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postmortem: { lint: { rules: { placeholder: 'off' } } } } });
    assert.equal((await relinted).diagnostics.some((d) => d.code === 'placeholder'), false);
    assert.deepEqual(client.configurationRequests, []);
  }));

test('over IPC, as VS Code starts it, the server serves as it does over stdio', () =>
  withServer({ transport: 'ipc' }, async (client) => {
    const uri = await client.openFixture('dns-outage-post-mortem.md');
    assert.equal((await client.diagnostics(uri, 1)).diagnostics.length, 18);
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: at(48, 33), context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => a.title), ['Change to 19 minutes']);
  }));

test('past the analyses kept at once, a document let go answers as before: it is analysed again when asked', () =>
  // A budget no load can overrun: a document abandoned on a busy machine would answer as a README does.
  withServer({ settings: { lint: { debounceMs: 0 } }, env: { POSTMORTEM_TEST_BUDGET_MS: '120000' } }, async (client) => {
    const text = generateByLines(2000);
    const uris = Array.from({ length: Math.ceil((2 * CACHED_CHARS) / text.length) }, (_, i) => client.uri(`open-${i}-post-mortem.md`));
    const first: AnalysisResult[] = [];
    for (const uri of uris) {
      await client.open(uri, text);
      await client.diagnostics(uri, 1);
      if (!first.length) first.push(await client.request<AnalysisResult>('postmortem/analysis', { uri }));
    }
    assert.ok(first[0].isPostMortem);
    assert.deepEqual(await client.request<AnalysisResult>('postmortem/analysis', { uri: uris[0] }), first[0]);
    // The {{PROJECT_NAME}} placeholder's hover, in the first document opened and in the last.
    const hover = (uri: string) => client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 20 } });
    const last = await hover(uris.at(-1)!);
    assert.ok(last);
    assert.deepEqual(await hover(uris[0]), last);
  }));

/** Types the edits below into `text`, each version linted from the last, then opens the final text fresh: the same diagnostics. */
const typeInto = (text: string) =>
  withServer({ settings: { lint: { debounceMs: 0 } } }, async (client) => {
    const uri = await client.openLinted('typed-post-mortem.md', text);
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('| 2026-03-14 12:00'));
    const line = (n: number) => ({ start: { line: n, character: 0 }, end: { line: n, character: 0 } });
    const edits: { range: ReturnType<typeof line>; text: string }[] = [
      // A character typed into a timeline row, a row added, a row's time broken, a heading and a paragraph before it.
      { range: { start: { line: row, character: 30 }, end: { line: row, character: 30 } }, text: 'x' },
      { range: line(row + 1), text: '| 2026-03-14 12:01 | Paged the on-call | |\n' },
      { range: { start: { line: row + 3, character: 2 }, end: { line: row + 3, character: 12 } }, text: 'yesterday' },
      { range: line(row - 4), text: '## Notes\n\nWritten during the incident.\n\n' },
      // A fence opened that swallows the rest, then closed; a comment opened and closed.
      { range: line(row + 10), text: '```\n' },
      { range: line(row + 20), text: '```\n' },
      { range: line(40), text: '<!--\n' },
      { range: line(45), text: '-->\n' },
      // A line deleted, CRLF pasted.
      { range: { start: { line: row + 30, character: 0 }, end: { line: row + 31, character: 0 } }, text: '' },
      { range: line(row + 40), text: '| 2026-03-14 13:00 | Pasted from elsewhere | |\r\n' },
    ];
    for (const edit of edits) {
      const version = await client.change(uri, [edit]);
      await client.diagnostics(uri, version);
    }
    const typed = (await client.diagnostics(uri)).diagnostics;
    const fresh = await client.openLinted('fresh-post-mortem.md', client.text(uri));
    assert.deepEqual(typed, (await client.diagnostics(fresh, 1)).diagnostics);
    assert.ok(typed.length > 0);
  });

test('typing into a 2,000-line post-mortem, each version re-parsed from the last, gives the diagnostics of its final text opened fresh', () =>
  typeInto(generateByLines(2000)));

test('typing into a post-mortem analysed in a worker thread, which goes on from one version to the next, gives the diagnostics of its final text opened fresh', () => {
  const text = generateByLines(3400);
  assert.ok(text.length > LARGE_DOCUMENT_CHARS);
  return typeInto(text);
});

test('each version publishes its own diagnostics, those it shares with the last reused: a message changed in place, lines moved, one gone', () =>
  withServer({ settings: { lint: { debounceMs: 0 } } }, async (client) => {
    const uri = await client.openLinted('typed-post-mortem.md', generateByLines(400));
    const lineOf = (start: string) => client.text(uri).split('\n').findIndex((l) => l.startsWith(start));
    // Each made when its turn comes, from the text as the edits before left it.
    const edits = [
      // Nothing the checks see: every diagnostic as it was.
      () => ({ range: at(lineOf('| 2026-03-14 00:02'), 30), text: 'x' }),
      // The quoted description of an action item without owner: its message changes, not its range.
      () => ({ range: { start: at(lineOf('| 1 | Harden component 1 '), 6).start, end: at(lineOf('| 1 | Harden component 1 '), 12).end }, text: 'Secure' }),
      // Every line below moves down one.
      () => ({ range: at(1, 0), text: 'Written during the incident.\n' }),
      // A placeholder filled in: one diagnostic fewer, the ones after it one place earlier.
      () => ({ range: { start: at(lineOf('> **Project:**'), 15).start, end: at(lineOf('> **Project:**'), 31).end }, text: 'Checkout' }),
    ];
    let count = (await client.diagnostics(uri)).diagnostics.length;
    for (const [i, edit] of edits.entries()) {
      const version = await client.change(uri, [edit()]);
      const published = (await client.diagnostics(uri, version)).diagnostics.map((d) => ({ code: d.code, range: d.range, severity: d.severity, message: d.message }));
      const fresh = analyze(client.text(uri), { fix: { today: today() } }).diagnostics.map((d) => ({ code: d.code, range: d.range, severity: SEVERITY[d.severity], message: d.message }));
      assert.deepEqual(published, fresh, `after edit ${i + 1}`);
      assert.equal(published.length, i === 3 ? count - 1 : count, `after edit ${i + 1}`);
      count = published.length;
    }
    assert.ok(client.text(uri).includes('| 1 | Secure component 1 against the failure mode |'));
  }));
