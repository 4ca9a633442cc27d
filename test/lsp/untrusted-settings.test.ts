import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from '../paths';
import { withServer } from './client';

test('a repository’s glob that a regex would backtrack on is matched at once', () =>
  withServer({ settings: { files: ['**/*a*a*a*a*a*a*a*a*a*a*a*a*b.md'] } }, async (client) => {
    // The first document pays for the server's start (settings, config files); not this one.
    const readme = await client.openFixture('README.md');
    await client.diagnostics(readme, 1);
    // 33 characters: held the server for 14 s with a regex-compiled glob.
    const name = `${'a'.repeat(30)}.md`;
    const uri = client.uri(name);
    const start = performance.now();
    await client.open(uri, readFixture('lsp', 'README.md'));
    assert.deepEqual((await client.diagnostics(uri, 1)).diagnostics, []);
    const elapsed = performance.now() - start;
    // A bound, not a benchmark: a loaded machine stretches the usual few ms, and the regression took seconds.
    assert.ok(elapsed < 2000, `${Math.round(elapsed)} ms`);
    // The glob still works: a name it matches is a post-mortem.
    const matching = await client.openFixture('README.md', `${'ab'.repeat(12)}.md`);
    assert.deepEqual((await client.diagnostics(matching, 1)).diagnostics.map((d) => d.code), ['placeholder', 'missing-owner', 'action-due']);
  }));

test('a glob that cannot be supported is reported once, and the default globs apply', () =>
  withServer({ settings: { files: ['**/@(incidents|reviews)/*.md'] } }, async (client) => {
    for (const path of ['dns-outage-post-mortem.md', 'timelines-post-mortem.md']) {
      const uri = await client.openFixture(path);
      assert.ok((await client.diagnostics(uri, 1)).diagnostics.length > 0, path);
    }
    const readme = await client.openFixture('README.md', 'reviews/README.md');
    assert.deepEqual((await client.diagnostics(readme, 1)).diagnostics, []);
    assert.deepEqual(client.messages, [
      {
        type: 2,
        message: 'Post-Mortem Editor: The postmortem.files pattern "**/@(incidents|reviews)/*.md" uses negation or an extglob; write it with *, **, ?, [...] and {a,b} (the default patterns apply until then).',
      },
    ]);
  }));
