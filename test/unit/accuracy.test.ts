import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindsMatch, parseLabel, readSources, scoreDocument, virtualTree } from '../../scripts/accuracy';
import { TemplateFinder } from '../../server/src/node/template-file';

test('accuracy: unfilled and placeholder name the same finding; other kinds match only themselves', () => {
  assert.ok(kindsMatch('unfilled', 'placeholder'));
  assert.ok(kindsMatch('placeholder', 'unfilled'));
  assert.ok(kindsMatch('unfilled', 'unfilled'));
  assert.ok(!kindsMatch('unfilled', 'leftover-guidance'));
  assert.ok(kindsMatch('timeline-order', 'timeline-order'));
  assert.ok(!kindsMatch('timeline-order', 'timeline-time'));
});

test('accuracy: a diagnostic is a hit, acceptable or a false alarm; metrics are right within a minute', () => {
  const label = parseLabel(
    JSON.stringify({
      findings: [{ line: 3, kind: 'unfilled' }, { line: 9, kind: 'missing-owner' }],
      acceptable: [{ line: 5, kind: 'metadata' }, { kind: 'action-due' }],
      metrics: { mttdMinutes: 10, mttrMinutes: 60, durationMinutes: 60 },
    }),
    20,
  );
  const s = scoreDocument(
    label,
    [{ line: 3, kind: 'placeholder' }, { line: 5, kind: 'metadata' }, { line: 12, kind: 'action-due' }, { line: 7, kind: 'metadata' }],
    { mttdMinutes: 11, mttrMinutes: 75, durationMinutes: null },
  );
  assert.deepEqual(s.misses.map((f) => f.line), [9]);
  assert.equal(s.truePositives.length, 1);
  assert.equal(s.acceptable.length, 2);
  assert.deepEqual(s.falseAlarms, [{ line: 7, kind: 'metadata' }]);
  assert.deepEqual(s.metrics.map((m) => m.verdict), ['right', 'wrong', 'missing']);
});

test('accuracy: a malformed label is refused with the reason', () => {
  assert.throws(() => parseLabel('{"findings": [{"line": 0, "kind": "placeholder"}]}', 10), /line must be an integer from 1 to 10/);
  assert.throws(() => parseLabel('{"metrics": {"mtta": 3}}', 10), /unknown key "mtta"/);
  assert.throws(() => parseLabel('[1]', 10), /not an object/);
});

test('accuracy: each document sits at its repository path, a planted copy beside the template it copies, and gets the template the finder finds there', () => {
  const sources = readSources(
    [
      'file\tkind\torganisation\trepository\tpath\tcommit\tlicence',
      'acme__pm__template.md\ttemplate\tAcme\tacme/pm\tdocs/postmortem-template.md\tabc\tMIT',
      'acme__pm__2026-01-db.md\tpostmortem\tAcme\tacme/pm\tdocs/postmortems/2026-01-db.md\tabc\tMIT',
      'planted__postmortem-template.md\tplanted\tthis project (filled-in copy of acme/pm:docs/postmortem-template.md)\t-\t-\t-\tMIT (this project)',
    ].join('\n'),
  );
  assert.deepEqual(sources.get('acme__pm__2026-01-db.md'), { kind: 'postmortem', path: 'pm/docs/postmortems/2026-01-db.md', treePath: '/realworld/acme/pm/docs/postmortems/2026-01-db.md' });
  assert.deepEqual(sources.get('planted__postmortem-template.md'), { kind: 'planted', path: 'acme/pm/docs/filled-postmortem-form.md', treePath: '/realworld/acme/pm/docs/filled-postmortem-form.md' });
  const tree = new Map([...sources.values()].map((s) => [s.treePath, '# Title\n\n## Summary\n'] as const));
  const finder = new TemplateFinder(virtualTree(tree));
  assert.equal(finder.forFile('/realworld/acme/pm/docs/postmortems/2026-01-db.md').path, '/realworld/acme/pm/docs/postmortem-template.md');
  assert.equal(finder.forFile('/realworld/acme/pm/docs/filled-postmortem-form.md').path, '/realworld/acme/pm/docs/postmortem-template.md');
});
