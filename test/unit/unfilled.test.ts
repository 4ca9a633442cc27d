import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { type TeamTemplate, deriveTemplate } from '../../server/src/core/team-template';
import { isTemplatePath } from '../../server/src/core/template-path';
import { loadConfigText } from '../../server/src/node/config-file';
import { type TemplateFs, TemplateFinder } from '../../server/src/node/template-file';
import { main } from '../../server/src/cli';
import { summarize } from '../../server/src/core/features/summary';
import { insertTeamSection } from '../../server/src/core/section-insertion';
import { newFromTeamTemplate } from '../../server/src/core/commands/new-document';
import { fixturePath } from '../paths';

const TEAM = fixturePath('templates', 'team', 'template.md');
const text = (...path: string[]) => readFileSync(fixturePath('templates', ...path), 'utf8');
const team = () => deriveTemplate(readFileSync(TEAM, 'utf8'), TEAM);

/** `line:col-line:col message` of each `unfilled` diagnostic, 1-based as an editor shows them; `null`: no team template. */
function unfilled(doc: string, template: TeamTemplate | null = team()): string[] {
  return analyze(doc, { template: template ?? undefined })
    .diagnostics.filter((d) => d.code === 'unfilled')
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`);
}

test('unfilled: a team template read as a new post-mortem made from it reports every slot, each kind at its line', () => {
  const template = text('team', 'template.md');
  assert.deepEqual(unfilled(template, deriveTemplate(template)), [
    '2:8-2:18 "YYYY-MM-DD" is a placeholder left from the template: replace it with the date.',
    '3:1-3:14 "review_owner" is left empty: fill it in or remove it.',
    '6:3-6:13 "YYYY-MM-DD" is a placeholder left from the template: replace it with the date.',
    '10:1-10:17 "Status" is left empty in the table: fill it in.',
    '11:1-11:24 "Incident Lead" is left empty in the table: fill it in.',
    '13:1-13:13 "Reported by" is left empty: fill it in or remove it.',
    '17:1-17:55 "Describe the impact on users and how long it lasted." is the template\'s prompt: write what it asks for in its place.',
    '21:1-21:49 "What defect led to the outage? How did it arise?" is still the template\'s prompt: write what it asks for in its place.',
    '29:3-29:8 "HH:mm" is a placeholder left from the template: replace it with the time.',
    '30:1-30:6 This table row is left empty: fill it in or remove it.',
    '34:1-34:20 "Action item 1" is the template\'s example: replace it with your own or remove it.',
    '35:1-35:63 "Write the follow-up as [Short title](link to the ticket)" is still the template\'s example: replace it with your own or remove it.',
    '36:1-36:2 This list item is left empty: write it or remove it.',
    '40:46-40:54 "OPS-XXXX" is a placeholder left from the template: replace it with the real value.',
    '41:14-41:30 "<dashboard link>" is a placeholder left from the template: replace it with the dashboard link.',
    '42:13-42:28 "CVE-YEAR-ABCDEF" is a placeholder left from the template: replace it with the real value.',
    '42:30-42:45 "[Advisory Name]" is a placeholder left from the template: replace it with the advisory name.',
    '44:1-44:18 Section "What Went Well" is still empty, as in the template: write it or remove it.',
    '50:1-50:49 "e.g. the alert fired before any customer noticed" is the template\'s example: replace it with your own or remove it.',
  ]);
  assert.equal(analyze(template, { template: deriveTemplate(template) }).metrics.completeness, 0);
});

test('unfilled: a post-mortem with every slot of its template filled has none left, and is 100% complete', () => {
  const analysis = analyze(text('team', '2026-03', 'checkout-post-mortem.md'), { template: team() });
  assert.deepEqual(analysis.diagnostics.filter((d) => d.code === 'unfilled'), []);
  assert.equal(analysis.metrics.completeness, 1);
  assert.equal(analysis.metrics.placeholdersLeft, 0);
});

test('unfilled: a post-mortem that keeps some of its template\'s slots has exactly those reported; completeness counts them', () => {
  const doc = text('team', '2026-03', 'dns-post-mortem.md');
  assert.deepEqual(unfilled(doc), [
    '3:1-3:14 "review_owner" is left empty: fill it in or remove it.',
    '11:1-11:24 "Incident Lead" is left empty in the table: fill it in.',
    '13:1-13:13 "Reported by" is left empty: fill it in or remove it.',
    '17:1-17:55 "Describe the impact on users and how long it lasted." is the template\'s prompt: write what it asks for in its place.',
    '21:1-21:49 "What defect led to the outage? How did it arise?" is still the template\'s prompt: write what it asks for in its place.',
    '30:3-30:8 "HH:mm" is a placeholder left from the template: replace it with the time.',
    '34:1-34:20 "Action item 1" is the template\'s example: replace it with your own or remove it.',
    '39:46-39:54 "OPS-XXXX" is a placeholder left from the template: replace it with the real value.',
    '40:13-40:28 "[Advisory Name]" is a placeholder left from the template: replace it with the advisory name.',
    '42:1-42:18 Section "What Went Well" is still empty, as in the template: write it or remove it.',
  ]);
  const analysis = analyze(doc, { template: team() });
  assert.equal(analysis.metrics.placeholdersLeft, 10);
  assert.equal(analysis.metrics.completeness, 0.47);
  // The preview's sections are the team template's, not ours.
  assert.deepEqual(summarize(analysis).sections.map((s) => `${s.name}:${s.present}`), [
    'Summary:true', 'Root Cause:true', 'Timeline:true', 'Action Items:true', 'Links:true', 'What Went Well:true', 'Where We Got Lucky:true',
  ]);
  // Without the team template only the unmistakable styles are left: no empty section, no question.
  assert.deepEqual(unfilled(doc, null).map((d) => d.split(' ')[0]), ['3:1-3:14', '11:1-11:24', '13:1-13:13', '17:1-17:55', '30:3-30:8', '34:1-34:20', '39:46-39:54']);
});

test('unfilled: without a team template the common slot styles are reported, each once', () => {
  assert.deepEqual(unfilled(text('plain', 'draft-post-mortem.md'), null), [
    '1:1-1:17 "Incident Title" is the template\'s title: write the incident\'s own title.',
    '3:7-3:17 "DD/MM/YYYY" is a placeholder left from the template: replace it with the date.',
    '5:1-5:15 "Incident Lead" is left empty: fill it in or remove it.',
    '9:9-9:14 "HH:MM" is a placeholder left from the template: replace it with the time.',
    '9:19-9:24 "HH:MM" is a placeholder left from the template: replace it with the time.',
    '9:38-9:52 "<service name>" is a placeholder left from the template: replace it with the service name.',
    '9:61-9:72 "Lorem ipsum" is a placeholder left from the template: replace it with your own text.',
    '13:22-13:25 "???" is a placeholder left from the template: replace it with the value.',
    '14:21-14:24 "TBD" is a placeholder left from the template: replace it with the decision or the value.',
    '15:50-15:56 "XXXXXX" is a placeholder left from the template: replace it with the real value.',
    '21:14-21:19 "HH:mm" is a placeholder left from the template: replace it with the time.',
    '21:22-21:32 "ISSUE NAME" is a placeholder left from the template: replace it with the real value.',
    '22:1-22:6 This table row is left empty: fill it in or remove it.',
    '24:1-24:41 "What was the root cause of this issue?" is the template\'s prompt: write what it asks for in its place.',
    '26:1-26:56 "Describe the impact on the customers who were affected." is the template\'s prompt: write what it asks for in its place.',
    '30:1-30:20 "Action item 1" is the template\'s example: replace it with your own or remove it.',
    '31:1-31:6 This list item is left empty: write it or remove it.',
    '32:26-32:44 "${SERVICE_ACCOUNT}" is a placeholder left from the template: replace it with the real value.',
    '32:48-32:54 "[Date]" is a placeholder left from the template: replace it with the date.',
  ]);
});

test('unfilled: a finished post-mortem stays quiet: links, HTML, acronyms, footnotes, checked items, code, quotes', () => {
  assert.deepEqual(unfilled(text('plain', 'finished-post-mortem.md'), null), []);
});

test('unfilled: a {{NAME}} is reported once, as placeholder; an owner cell\'s TBD as missing-owner', () => {
  const doc = '# Post-Mortem: x\n\nDate: {{DATE}} YYYY-MM-DD\n\n| Action | Owner | Due |\n| --- | --- | --- |\n| Fix it | TBD | 2026-05-01 |\n';
  const codes = analyze(doc).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
  assert.deepEqual(codes, ['3:7 placeholder', '3:16 unfilled', '7:12 missing-owner']);
});

/** A file system of `{ path: text }`, as the finder sees one. */
function tree(files: Record<string, string>): TemplateFs {
  return {
    list: (dir) => Object.keys(files).filter((p) => p.slice(0, p.lastIndexOf('/')) === dir).map((p) => p.slice(p.lastIndexOf('/') + 1)),
    read: (path) => (path in files ? { text: files[path] } : { error: 'no such file' }),
  };
}

test('template discovery: the nearest template up the folders, nearest folder first; none at all; the document itself is never its own', () => {
  const finder = new TemplateFinder(
    tree({
      '/repo/template.md': '# Outer\n\n## Summary\n',
      '/repo/postmortems/postmortem-template.md': '# Inner\n\n## Impact\n',
      '/repo/postmortems/2026-03/db.md': '# DB\n',
      '/repo/docs/readme.md': '# Docs\n',
      '/other/x.md': '# X\n',
    }),
  );
  assert.equal(finder.forFile('/repo/postmortems/2026-03/db.md').path, '/repo/postmortems/postmortem-template.md');
  assert.equal(finder.forFile('/repo/docs/readme.md').path, '/repo/template.md');
  assert.equal(finder.forFile('/repo/postmortems/postmortem-template.md').path, '/repo/template.md');
  assert.deepEqual(finder.forFile('/other/x.md'), { problems: [] });
});

test('template discovery: of several templates in one folder, the one whose headings the document follows', () => {
  const finder = new TemplateFinder(
    tree({
      '/t/templates/security.md': '# Security\n\n## CVE issue(s)\n\n## Detection\n',
      '/t/templates/incident.md': '# Incident\n\n## Impact\n\n## Timeline\n',
      '/t/templates/draft.md': '# x\n',
    }),
  );
  assert.equal(finder.forFile('/t/templates/draft.md', '# Outage\n\n## Impact\n\nBad.\n\n## Timeline\n').path, '/t/templates/incident.md');
  assert.equal(finder.forFile('/t/templates/draft.md', '# CVE\n\n## CVE issue(s)\n').path, '/t/templates/security.md');
});

test('template discovery: .postmortemrc.json "template" wins, relative to the file; a broken one is reported with its path and reason, then ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-template-'));
  mkdirSync(join(dir, 'docs', 'reports'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'our-form.md'), '# Report\n\nOwner:\n');
  writeFileSync(join(dir, 'docs', 'reports', 'template.md'), '# Nearest\n');
  const doc = join(dir, 'docs', 'reports', 'a.md');
  const finder = new TemplateFinder();
  const configured = loadConfigText(join(dir, '.postmortemrc.json'), '{"template": "docs/our-form.md"}');
  assert.equal(finder.forFile(doc, '', configured).path, join(dir, 'docs', 'our-form.md'));
  assert.ok(finder.isTemplate(join(dir, 'docs', 'our-form.md'), configured));
  const broken = loadConfigText(join(dir, '.postmortemrc.json'), '{"template": "missing.md"}');
  const found = finder.forFile(doc, '', broken);
  assert.equal(found.path, join(dir, 'docs', 'reports', 'template.md'));
  assert.deepEqual(found.problems, [`${join(dir, '.postmortemrc.json')}: the template ${join(dir, 'missing.md')} cannot be read (no such file); using the nearest template file instead`]);
  assert.deepEqual(loadConfigText('/x/.postmortemrc.json', '{"template": ""}').problems, ['/x/.postmortemrc.json: "template" must NOT have fewer than 1 characters; using the default settings']);
});

test('template paths: template.md, *template*.md, and the Markdown files of a templates folder', () => {
  for (const path of ['/r/template.md', '/r/PM-Template.md', '/r/postmortem-template.md', '/r/TEMPLATE.md', '/r/templates/azure.md', '/r/.github/ISSUE_TEMPLATE/ci-sev.md']) assert.ok(isTemplatePath(path), path);
  for (const path of ['/r/postmortems/2026-01-db.md', '/r/2024-01-01-template-engine-outage.md', '/r/template.txt', '/r/templates/notes.txt', '/r/a/contemplate/x.md'.replace('contemplate', 'contents')]) assert.ok(!isTemplatePath(path), path);
});

test('CLI: a folder lint reads each post-mortem against its team template and leaves the template itself alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-lint-'));
  mkdirSync(join(dir, 'postmortems', '2026-03'), { recursive: true });
  writeFileSync(join(dir, 'postmortems', 'template.md'), text('team', 'template.md'));
  writeFileSync(join(dir, 'postmortems', '2026-03', 'dns.md'), text('team', '2026-03', 'dns-post-mortem.md'));
  let out = '';
  const code = await main(['lint', 'postmortems'], { out: (t) => (out += `${t}\n`), err: () => undefined, cwd: dir });
  assert.equal(code, 0);
  const files = new Set(out.trim().split('\n').map((l) => l.split(':')[0]));
  assert.deepEqual([...files], [relative(dir, join(dir, 'postmortems', '2026-03', 'dns.md'))]);
  assert.ok(out.includes(`postmortems/2026-03/dns.md:42:1 warning Section "What Went Well" is still empty, as in the template: write it or remove it. [unfilled]`));
});

test("Insert Section inserts the team template's section where the template has it; New from Template starts from its text", () => {
  const doc = text('team', '2026-03', 'checkout-post-mortem.md').replace(/## Links\n[\s\S]*?(?=## What Went Well)/, '');
  const { model, src } = analyze(doc, { template: team() });
  const insertion = insertTeamSection(model, src, team(), 'Links')!;
  assert.equal(insertion.where, 'after "Action Items"');
  assert.deepEqual(insertion.edit, {
    range: { start: { line: model.sections.find((s) => s.title === 'What Went Well')!.line, character: 0 }, end: { line: model.sections.find((s) => s.title === 'What Went Well')!.line, character: 0 } },
    newText: '## Links\n\n- Ticket: https://tracker.example.com/browse/OPS-XXXX\n- Dashboard: <dashboard link>\n- Advisory: CVE-YEAR-ABCDEF, [Advisory Name]\n\n',
  });
  assert.equal(insertTeamSection(model, src, team(), 'Appendix'), undefined);
  assert.equal(newFromTeamTemplate('# Incident Title\r\n\r\nLead:\r\n', { title: 'Queue backlog' }), '# Queue backlog\r\n\r\nLead:\r\n');
  assert.equal(newFromTeamTemplate('Lead:\n', { title: 'Queue backlog' }), '# Queue backlog\n\nLead:\n');
});

test('a hostile line of thousands of slot tokens reports its first 32', () => {
  const unfilled = (n: number) => analyze(`# Incident report\n\n${'[Date] '.repeat(n)}\n`).diagnostics.filter((d) => d.code === 'unfilled');
  const found = unfilled(20_000);
  assert.equal(found.length, 32);
  assert.deepEqual(found[31].range, { start: { line: 2, character: 31 * 7 }, end: { line: 2, character: 31 * 7 + 6 } });
});
