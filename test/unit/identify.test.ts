import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { compileGlobs } from '../../server/src/core/glob';
import { DEFAULT_FILE_GLOBS, IDENTIFY_PREFIX_CHARS, identify, isPostMortem } from '../../server/src/core/identify';
import { CORPUS } from '../paths';

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

test('identification: post-mortem folders, titles teams write, front matter titles, a place beside the template', () => {
  const plain = '# Notes\n\nNothing to see.\n';
  for (const path of ['origami/incidents/11-11-16 -- Markets were offline.md', 'deploy/docs/source/incident-reports/2018-02-22-nginx-down.md', 'x/incident_reports/a.md',
    'x/incident_postmortems/a.md', 'x/incident-reviews/2026/a.md', 'x/rca/db.md', 'test-infra/docs/post-mortem/2019-03-26.md', 'x/postmortem/a.md']) {
    assert.equal(identify(plain, path), 'path', path);
  }
  for (const title of ['# Incident report August 12 2025 - LEAP hub outage', '# Incident on 2021-07-12 - All ingress resources stop working', '# March 26th, 2019 Boskos Outage',
    '# RCA: checkout errors', '# PIR – DNS resolution failures', '# Root cause analysis of the login loop', '# Post-incident review: queue backlog', '# Post-Mortem: DNS']) {
    assert.equal(identify(`${title}\n\nText.\n`, '/work/notes.md'), 'content', title);
  }
  assert.equal(identify('---\ntitle: "Incident Report: Leaked GitHub Personal Access Token"\ndate: 2024-07-08\n---\n\nOn June 28…\n', 'warehouse/docs/blog/posts/a.md'), 'content');
  assert.equal(identify('---\ntitle: Incident Report\n', '/work/notes.md'), undefined, 'an unclosed front matter block names nothing');
  assert.equal(identify(plain, '/work/reports/2026-01-01-dns.md', DEFAULT_FILE_GLOBS, { nearTemplate: true }), 'path');
  assert.equal(identify(plain, '/work/reports/2026-01-01-dns.md'), undefined);
  assert.equal(identify(plain, 'x/postmortems/2024-01-01-template-engine-outage.md'), 'path', 'a dated post-mortem about a template engine');
});

test('identification: READMEs, indexes, changelogs, templates and pages about post-mortems are not post-mortems', () => {
  const titled = '# Post-Mortem: DNS\n';
  for (const path of ['work/postmortems/README.md', 'x/incidents/index.md', 'x/incident-reports/CHANGELOG.md', 'x/postmortems/template.md', 'security/postmortem-template.md',
    'templates/postmortem-template-azure.md', 'x/incidents/SUMMARY.md']) {
    assert.equal(identify(titled, path), undefined, path);
    assert.equal(identify(titled, path, DEFAULT_FILE_GLOBS, { nearTemplate: true }), undefined, path);
  }
  for (const title of ['# Our post-mortems', '# Incident reports', '# Post-mortem template', '# Outage runbook', '# Incident review process guide', '# Outages', '# Rca notes']) {
    assert.equal(identify(`${title}\n\n- [2026-01-01](a.md)\n`, '/work/notes.md'), undefined, title);
  }
  // A glob the team wrote decides, whatever the file is called.
  assert.equal(identify('# Notes\n', 'docs/pm/README.md', [...DEFAULT_FILE_GLOBS, 'docs/pm/*.md']), 'path');
  assert.equal(identify('# Notes\n', 'docs/pm/README.md', ['docs/pm/*.md']), 'path');
  assert.equal(identify('# Notes\n', 'docs/incidents/a.md', ['docs/pm/*.md']), undefined, 'the team’s globs replace the default folders');
});

test('identification: isPostMortem confirms what identify admits, front matter titles included', () => {
  const model = (text: string) => analyze(text).model;
  assert.equal(isPostMortem(model('---\ntitle: "Incident Report: File Hosting Errors"\n---\n\n## Executive summary\n')), true);
  assert.equal(isPostMortem(model('# Incident on 2025-10-13 - RDS t4g instances unavailable\n')), true);
  assert.equal(isPostMortem(model('# Post-Mortem: DNS\n'), 'x/postmortems/README.md'), false);
  assert.equal(isPostMortem(model('# Notes\n'), 'x/incidents/2026-01-01.md'), true);
  assert.equal(isPostMortem(model('# Notes\n'), 'x/notes/2026-01-01.md', DEFAULT_FILE_GLOBS, { nearTemplate: true }), true);
});

test('identification over ../shared/corpus: every filled post-mortem at its repository path, none of the templates', () => {
  const rows = readFileSync(join(CORPUS, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t'));
  const verdicts = rows.map(([file, repo, path, , , kind]) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const at = `${repo.split('/')[1]}/${path}`;
    const found = identify(text, at) !== undefined && isPostMortem(analyze(text).model, at);
    return `${kind} ${found ? 'identified' : 'not identified'}: ${file}`;
  });
  assert.deepEqual(verdicts.filter((v) => v.startsWith('filled not') || v.startsWith('template identified')), []);
});
