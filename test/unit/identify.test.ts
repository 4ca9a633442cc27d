import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGlobs } from '../../server/src/core/glob';
import { DEFAULT_FILE_GLOBS, IDENTIFY_PREFIX_CHARS, identify } from '../../server/src/core/identify';

function matcher(globs: string[]): (path: string) => boolean {
  const compiled = compileGlobs(globs);
  assert.ok('match' in compiled, JSON.stringify(compiled));
  return compiled.match;
}

test('globs: **, *, ?, classes and braces, case-insensitive, dot files included', () => {
  const defaults = matcher(DEFAULT_FILE_GLOBS);
  assert.equal(defaults('work/docs/2026-04-02-DNS-Post-Mortem.md'), true);
  assert.equal(defaults('postmortems/notes.md'), true);
  assert.equal(defaults('work/post-mortems/2026/q1/.hidden.md'), true);
  assert.equal(defaults('work/docs/README.md'), false);
  assert.equal(defaults('work/postmortems.md/x.txt'), false);
  const m = matcher(['docs/{incidents,reviews}/INC-20[0-9][0-9]-?*.md', 'a/**/b/**/c.md']);
  assert.equal(m('docs/reviews/inc-2026-7x.md'), true);
  assert.equal(m('docs/incidents/INC-2026-.md'), false);
  assert.equal(m('docs/other/INC-2026-7.md'), false);
  assert.equal(m('a/b/c.md'), true);
  assert.equal(m('a/x/y/b/z/c.md'), true);
  assert.equal(m('a/x/c.md'), false);
  assert.equal(matcher(['[!a]*.md'])('b.md'), true);
  assert.equal(matcher(['[!a]*.md'])('a.md'), false);
});

test('a glob that backtracks catastrophically as a regex matches in linear time', () => {
  const hostile = matcher(['**/*a*a*a*a*a*a*a*a*a*a*a*a*b.md']);
  const start = performance.now();
  assert.equal(hostile(`${'a'.repeat(30)}.md`), false);
  assert.equal(hostile(`work/${'a'.repeat(10_000)}.md`), false);
  assert.equal(hostile(`work/${'ab'.repeat(12)}.md`), true);
  assert.ok(performance.now() - start < 100, `${Math.round(performance.now() - start)} ms`);
});

test('globs that cannot be supported are refused, each with one sentence saying what to do', () => {
  const problem = (glob: string) => {
    const compiled = compileGlobs([...DEFAULT_FILE_GLOBS, glob]);
    return 'problem' in compiled ? compiled.problem : undefined;
  };
  const fix = 'write it with *, **, ?, [...] and {a,b} (the default patterns apply until then).';
  assert.equal(problem('**/@(a|b).md'), `The postmortem.files pattern "**/@(a|b).md" uses negation or an extglob; ${fix}`);
  assert.equal(problem('!**/README.md'), `The postmortem.files pattern "!**/README.md" uses negation or an extglob; ${fix}`);
  assert.equal(problem(`**/${'x'.repeat(300)}`), `The postmortem.files pattern "**/${'x'.repeat(77)}" is longer than 256 characters; ${fix}`);
  assert.equal(problem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.md'), 'The postmortem.files pattern "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.md" expands to more than 64 patterns; use fewer braces (the default patterns apply until then).');
  assert.equal(problem('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.md'), undefined);
});

test('identification reads the path and the first 4 KB: title, setext title, Incident ID field', () => {
  const readme = '# Notes\n\nNothing to see.\n';
  assert.equal(identify(readme, '/work/docs/README.md'), undefined);
  assert.equal(identify(readme, '/work/docs/2026-04-02-dns-post-mortem.md'), 'path');
  assert.equal(identify(readme, 'C:\\work\\postmortems\\notes.md'), 'path');
  assert.equal(identify(readme, undefined), undefined);
  assert.equal(identify('# Incident Review: DNS\n', '/work/notes.md'), 'content');
  assert.equal(identify('Postmortem of the DNS outage\n============================\n', '/work/notes.md'), 'content');
  assert.equal(identify('# Real-world post-mortems\n\nA collection.\n', '/work/notes.md'), undefined, 'a page about post-mortems is not one');
  assert.equal(identify('We held a post-mortem.\n', '/work/notes.md'), undefined, 'prose is not a title');
  for (const field of ['| **Incident ID** | INC-2026-1 |', '> **Incident ID:** INC-2026-1', '- Incident number: 42', 'Incident #: 42']) {
    assert.equal(identify(`# DNS\n\n${field}\n`, '/work/notes.md'), 'content', field);
  }
  assert.equal(identify('# DNS\n\nIncident identified at 09:00.\n', '/work/notes.md'), undefined);
  const late = `${'filler line\n'.repeat(IDENTIFY_PREFIX_CHARS / 12 + 1)}# Post-Mortem: DNS\n`;
  assert.equal(identify(late, '/work/notes.md'), undefined, 'a title after the first 4 KB is not read');
});
