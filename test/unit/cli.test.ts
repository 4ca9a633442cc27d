import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { main } from '../../server/src/cli';
import { ROOT } from '../paths';

/** Runs the CLI in-process, as `postmortem ARGS` from `cwd`. */
async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

/**
 * Runs the CLI from source as its own process, as `postmortem ARGS` from `cwd`: what could block
 * (a FIFO) is given 20 s, after which the run counts as hung (status null).
 */
function spawn(args: string[], cwd = ROOT) {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const result = spawnSync(process.execPath, ['--import', tsx, join(ROOT, 'server/src/cli.ts'), ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const DRAFT = 'examples/2026-04-02-dns-outage-post-mortem.md';
const FINAL = 'examples/2026-03-14-checkout-latency-post-mortem.md';

test('lint: text output is file:line:col severity message [rule], exit 0 without errors', async () => {
  const { code, out } = await run(['lint', '--today', '2026-04-02', DRAFT]);
  const lines = out.trim().split('\n');
  assert.equal(code, 0);
  assert.equal(lines.length, 19);
  assert.equal(lines[0], `${DRAFT}:6:15 warning Placeholder {{AUTHOR}} is not filled in: replace it with the author's name. [placeholder]`);
  assert.ok(lines.includes(`${DRAFT}:60:3 warning Row 5 (09:45) is earlier than row 4 (09:58) above it: sort the timeline or correct the time. [timeline-order]`));
});

test('lint: a folder lints its post-mortems and skips its other Markdown files', async () => {
  const { out } = await run(['lint', '--format', 'json', 'examples']);
  assert.deepEqual(JSON.parse(out).map((r: { file: string }) => r.file), [FINAL, DRAFT]);
});

test('lint: a folder named by a path that goes up (../) still finds its post-mortems by their names', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pm-up-'));
  mkdirSync(join(root, 'team'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(root, 'team', 'dns-post-mortem.md'), '# DNS outage\n\n**Root cause:** {{ROOT_CAUSE}}\n');
  writeFileSync(join(root, 'team', 'notes.md'), '# DNS notes\n\n**Root cause:** {{ROOT_CAUSE}}\n');
  const { out } = await run(['lint', '--format', 'json', '../team'], join(root, 'elsewhere'));
  assert.deepEqual(JSON.parse(out).map((r: { file: string }) => r.file), ['../team/dns-post-mortem.md']);
});

test('lint: JSON has the contract’s shape, 0-based ranges', async () => {
  const [result] = JSON.parse((await run(['lint', '-f', 'json', DRAFT])).out);
  assert.deepEqual(Object.keys(result), ['file', 'diagnostics']);
  assert.deepEqual(result.diagnostics[0], {
    code: 'placeholder',
    severity: 'warning',
    message: "Placeholder {{AUTHOR}} is not filled in: replace it with the author's name.",
    range: { start: { line: 5, character: 14 }, end: { line: 5, character: 24 } },
  });
});

test('lint: SARIF 2.1.0 with rules and 1-based regions', async () => {
  const sarif = JSON.parse((await run(['lint', '--format', 'sarif', '--today', '2026-04-02', DRAFT])).out);
  assert.equal(sarif.version, '2.1.0');
  const [runResult] = sarif.runs;
  assert.equal(runResult.tool.driver.name, 'postmortem');
  assert.ok(runResult.tool.driver.rules.some((r: { id: string }) => r.id === 'missing-owner'));
  assert.equal(runResult.results.length, 19);
  assert.deepEqual(runResult.results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: DRAFT },
    region: { startLine: 6, startColumn: 15, endLine: 6, endColumn: 25 },
  });
  assert.equal(runResult.results[0].level, 'warning');
});

test('lint: exit 1 when any diagnostic is an error', async () => {
  const { code } = await run(['lint', 'test/fixtures/rules/range.md']);
  assert.equal(code, 1);
});

test('lint: an unreadable or binary file is reported, the others still linted, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-'));
  writeFileSync(join(dir, 'binary-post-mortem.md'), Buffer.from([0x23, 0x20, 0x00, 0xff, 0x10]));
  const { code, out, err } = await run(['lint', '--today', '2026-04-02', 'missing.md', join(dir, 'binary-post-mortem.md'), DRAFT]);
  assert.equal(code, 2);
  assert.match(err, /missing\.md: no such file, folder or matching files/);
  assert.match(err, /binary-post-mortem\.md: not a text file \(it contains NUL bytes\)/);
  assert.equal(out.trim().split("\n").length, 19);
});

test('lint: a broken .postmortemrc.json is reported with its path and reason, and defaults apply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rc-'));
  writeFileSync(join(dir, '.postmortemrc.json'), '{ "rules": { "placeholder": "loud" }, }');
  writeFileSync(join(dir, 'a-post-mortem.md'), '# Post-Mortem\n\n**Root cause:** {{ROOT_CAUSE}}\n');
  const { code, out, err } = await run(['lint', 'a-post-mortem.md'], dir);
  assert.equal(code, 0);
  assert.match(err, new RegExp(`${join(dir, '.postmortemrc.json').replace(/\./g, '\\.')}: not valid JSON: .* at line 1, column \\d+; using the default settings`));
  assert.match(out, /warning Placeholder \{\{ROOT_CAUSE\}\}/);
  writeFileSync(join(dir, '.postmortemrc.json'), '{ "rules": { "placeholder": "loud" } }');
  assert.match((await run(['lint', 'a-post-mortem.md'], dir)).err, /"rules\.placeholder" must be equal to one of the allowed values: use one of off, hint, info, warning, error; using the default settings/);
});

test('lint: the nearest .postmortemrc.json up the tree applies, or --config FILE', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-rc-'));
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ rules: { placeholder: 'error' } }));
  const sub = join(dir, 'postmortems');
  mkdirSync(sub);
  writeFileSync(join(sub, 'inc.md'), '# Post-Mortem\n\n**Root cause:** {{ROOT_CAUSE}}\n');
  const nearest = await run(['lint', 'postmortems/inc.md'], dir);
  assert.equal(nearest.code, 1);
  writeFileSync(join(dir, 'quiet.json'), JSON.stringify({ rules: { placeholder: 'off' } }));
  const given = await run(['lint', '--config', 'quiet.json', 'postmortems/inc.md'], dir);
  assert.deepEqual([given.code, given.out], [0, '']);
});

test('usage errors exit 2 with the usage', async () => {
  for (const args of [['lint'], ['lint', '--format', 'xml', DRAFT], ['frobnicate'], ['lint', '--bogus', DRAFT], ['metrics', '--format', 'sarif', DRAFT]]) {
    const { code, err } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(err, /Usage:/);
  }
});

test('metrics: JSON per file with MTTD, MTTR, duration, markers, action items and completeness', async () => {
  const [result] = JSON.parse((await run(['metrics', '--format', 'json', FINAL])).out);
  assert.equal(result.file, FINAL);
  const m = result.metrics;
  assert.deepEqual([m.mttdMinutes, m.mttrMinutes, m.durationMinutes], [12, 70, 70]);
  assert.deepEqual(m.timeToMarkerMinutes, { detection: 12, rootCause: 36, fix: 50, restored: 63, resolved: 70 });
  assert.deepEqual(m.actionItems, { total: 7, open: 7, withoutOwner: 0, byPriority: { Critical: 1, High: 2, Medium: 2, Unset: 2 } });
  assert.equal(m.completeness, 1);
});

test('metrics: null where the timeline lacks the marker', async () => {
  const [result] = JSON.parse((await run(['metrics', '-f', 'json', 'test/fixtures/rules/timeline-time.md'])).out);
  assert.deepEqual([result.metrics.mttdMinutes, result.metrics.mttrMinutes, result.metrics.durationMinutes], [null, null, null]);
});

test('the built bin runs and sets its exit status', { skip: !existsSync(join(ROOT, 'dist/cli.js')) && 'dist/cli.js not built: run npm run build' }, () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'lint', 'test/fixtures/rules/range.md'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^test\/fixtures\/rules\/range\.md:7:31 error Users affected gives 150%/);
});

const POST_MORTEM = '# Post-Mortem: DNS\n\n**Root cause:** {{ROOT_CAUSE}}\n';

test('a FIFO or a device is reported as not a regular file without being opened, exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-fifo-'));
  execFileSync('mkfifo', [join(dir, 'pipe-post-mortem.md')]);
  writeFileSync(join(dir, 'dns-post-mortem.md'), POST_MORTEM);
  const { code, out, err } = spawn(['lint', 'pipe-post-mortem.md', '/dev/zero', 'dns-post-mortem.md'], dir);
  assert.equal(code, 2);
  assert.equal(
    err,
    `postmortem: pipe-post-mortem.md: not a regular file (a named pipe): only files are read\npostmortem: ${relative(dir, '/dev/zero')}: not a regular file (a device): only files are read\n`,
  );
  assert.equal(out, "dns-post-mortem.md:3:17 warning Placeholder {{ROOT_CAUSE}} is not filled in: replace it with the root cause. [placeholder]\n");
  // A folder's walk lists files only: the FIFO is not even seen.
  const folder = spawn(['lint', '--format', 'json', '.'], dir);
  assert.deepEqual([folder.code, folder.err, JSON.parse(folder.out).map((r: { file: string }) => r.file)], [0, '', ['dns-post-mortem.md']]);
  const config = spawn(['lint', '--config', 'pipe-post-mortem.md', 'dns-post-mortem.md'], dir);
  assert.deepEqual(config, { code: 2, out: '', err: 'postmortem: pipe-post-mortem.md: cannot be read (not a regular file (a named pipe): only files are read); give --config a readable configuration file\n' });
});

test('a .postmortemrc.json that is a FIFO is reported and the defaults apply', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-fifo-rc-'));
  execFileSync('mkfifo', [join(dir, '.postmortemrc.json')]);
  writeFileSync(join(dir, 'dns-post-mortem.md'), POST_MORTEM);
  const { code, out, err } = spawn(['lint', 'dns-post-mortem.md'], dir);
  assert.equal(code, 0);
  assert.equal(err, `postmortem: ${join(dir, '.postmortemrc.json')}: cannot be read (not a regular file (a named pipe): only files are read); using the default settings\n`);
  assert.match(out, /^dns-post-mortem\.md:3:17 warning Placeholder \{\{ROOT_CAUSE\}\}/);
});

test('a file over the size limit (20 MB, or --max-size) is refused, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-size-'));
  writeFileSync(join(dir, 'dns-post-mortem.md'), POST_MORTEM);
  // Sparse: 21 MB on paper, never read.
  writeFileSync(join(dir, 'huge-post-mortem.md'), '');
  truncateSync(join(dir, 'huge-post-mortem.md'), 21 * 1024 * 1024);
  const huge = await run(['lint', 'huge-post-mortem.md', 'dns-post-mortem.md'], dir);
  assert.equal(huge.code, 2);
  assert.equal(huge.err, 'postmortem: huge-post-mortem.md: is 21.0 MB, over the 20 MB limit: raise it with --max-size\n');
  assert.match(huge.out, /^dns-post-mortem\.md:3:17 /);
  const small = await run(['metrics', '--max-size', '0.00001', 'dns-post-mortem.md'], dir);
  assert.deepEqual([small.code, small.out, small.err], [2, '', 'postmortem: dns-post-mortem.md: is 0.0 MB, over the 0.00001 MB limit: raise it with --max-size\n']);
  const render = await run(['render', '--max-size', '0.00001', 'dns-post-mortem.md'], dir);
  assert.deepEqual([render.code, render.out, render.err], [2, '', 'postmortem: dns-post-mortem.md: is 0.0 MB, over the 0.00001 MB limit: raise it with --max-size\n']);
  assert.equal((await run(['lint', '--max-size', '1', 'dns-post-mortem.md'], dir)).code, 0);
  for (const size of ['0', '-1', 'abc', '1e3', '']) {
    const { code, err } = await run(['lint', `--max-size=${size}`, 'dns-post-mortem.md'], dir);
    assert.equal(code, 2, size);
    assert.match(err, /^postmortem: --max-size must be a number of megabytes above 0, like 20\nUsage:/, size);
  }
});

test('a folder is walked without following links; a file reached by several paths is linted once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-links-'));
  mkdirSync(join(dir, 'team'));
  writeFileSync(join(dir, 'team', 'dns-post-mortem.md'), POST_MORTEM);
  symlinkSync('dns-post-mortem.md', join(dir, 'team', 'link-post-mortem.md'));
  symlinkSync('..', join(dir, 'team', 'loop'));
  symlinkSync(ROOT, join(dir, 'team', 'outside'));
  const files = async (...args: string[]) => JSON.parse((await run(['lint', '--format', 'json', ...args], dir)).out).map((r: { file: string }) => r.file);
  assert.deepEqual(await files('team'), ['team/dns-post-mortem.md']);
  assert.deepEqual(await files('team', 'team/link-post-mortem.md', './team/dns-post-mortem.md', 'team/*.md'), ['team/dns-post-mortem.md']);
  // Named, a link is followed: it is the user's choice.
  assert.deepEqual(await files('team/link-post-mortem.md'), ['team/link-post-mortem.md']);
});

test('text output escapes control characters, so a file name or the document cannot forge a line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-ctrl-'));
  const name = 'x\nforged.md:1:1 error Forged [range]\r\u001b[2K-post-mortem.md';
  writeFileSync(join(dir, name), '# Post-Mortem: DNS\n\n| Field | Value |\n|---|---|\n| Severity | P9\u001b]0;pwned\u0007 |\n');
  const escaped = 'x\\nforged.md:1:1 error Forged [range]\\r\\e[2K-post-mortem.md';
  const lint = await run(['lint', name], dir);
  assert.equal(lint.out, `${escaped}:5:14 warning Severity "P9\\e]0;pwned\\u0007" is not valid: use one of P0, P1, P2, P3, P4. [metadata]\n`);
  assert.equal((await run(['metrics', name], dir)).out.split('\n')[0], escaped);
  const missing = await run(['lint', 'gone\n.md'], dir);
  assert.equal(missing.err, 'postmortem: gone\\n.md: no such file, folder or matching files\n');
  // JSON and SARIF escape them as JSON does.
  assert.equal(JSON.parse((await run(['lint', '-f', 'json', name], dir)).out)[0].file, name);
});

test('--format json prints [] when there is nothing to report, for every command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-empty-'));
  writeFileSync(join(dir, 'README.md'), '# Tools\n\nNothing here.\n');
  for (const command of ['lint', 'metrics']) {
    assert.deepEqual(await run([command, '--format', 'json', '.'], dir), { code: 0, out: '[]\n', err: '' }, command);
    const missing = await run([command, '--format', 'json', 'gone.md'], dir);
    assert.deepEqual([missing.code, missing.out], [2, '[]\n'], command);
  }
  assert.deepEqual(JSON.parse((await run(['lint', '--format', 'sarif', '.'], dir)).out).runs[0].results, []);
});

test('--today must be a real calendar date, for render and lint', async () => {
  for (const command of ['render', 'lint']) {
    for (const today of ['2026-02-30', '2026-13-01', '2026-5-1', 'today', '']) {
      const { code, out, err } = await run([command, '--today', today, DRAFT]);
      assert.deepEqual([code, out], [2, ''], `${command} ${today}`);
      assert.match(err, /^postmortem: --today must be a real date written YYYY-MM-DD, like 2026-05-01\nUsage:/, `${command} ${today}`);
    }
  }
});

test('lint --today: open action items due before it are overdue, information in a Draft and a warning after', async () => {
  const overdue = async (today: string, ...files: string[]) => (await run(['lint', '--today', today, ...files])).out.split('\n').filter((l) => l.includes('was due'));
  // Due on the day is not overdue yet.
  assert.deepEqual(await overdue('2026-04-17', DRAFT), []);
  assert.deepEqual(await overdue('2026-04-18', DRAFT, FINAL), [
    `${DRAFT}:112:67 information Short-term action item 1 ("Add a canary stage to resolver config pushes") was due 2026-04-17, 1 day ago: do it, or move the date. [action-due]`,
    `${FINAL}:145:76 warning Short-term action item 1 ("Add an index comparison step to the migration CI …") was due 2026-03-27, 22 days ago: do it, or move the date. [action-due]`,
    `${FINAL}:146:76 warning Short-term action item 2 ("Shorten the checkout latency alert window to 2 mi…") was due 2026-03-24, 25 days ago: do it, or move the date. [action-due]`,
    `${FINAL}:147:72 warning Short-term action item 3 ("Add status page updates to the incident checklist") was due 2026-03-25, 24 days ago: do it, or move the date. [action-due]`,
    `${FINAL}:160:72 warning Process action item 1 ("Migrations that touch indexes need a DBA review") was due 2026-04-01, 17 days ago: do it, or move the date. [action-due]`,
    `${FINAL}:161:81 warning Process action item 2 ("Incident commanders post a status update within 1…") was due 2026-04-01, 17 days ago: do it, or move the date. [action-due]`,
  ]);
  // The same in JSON, with the finding's own severity.
  const [draft] = JSON.parse((await run(['lint', '-f', 'json', '--today', '2026-04-18', DRAFT])).out);
  assert.deepEqual(draft.diagnostics.filter((d: { message: string }) => d.message.includes('was due')).map((d: { severity: string; range: object }) => [d.severity, d.range]), [
    ['information', { start: { line: 111, character: 66 }, end: { line: 111, character: 76 } }],
  ]);
});

test('a --config file that is missing or cannot be read ends the command, exit 2 with its path and reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-config-'));
  mkdirSync(join(dir, 'folder.json'));
  for (const command of [['lint'], ['render']]) {
    const missing = await run([...command, '--config', 'nope.json', join(ROOT, DRAFT)], dir);
    assert.deepEqual(missing, { code: 2, out: '', err: 'postmortem: nope.json: cannot be read (no such file); give --config a readable configuration file\n' });
    const folder = await run([...command, '--config', 'folder.json', join(ROOT, DRAFT)], dir);
    assert.deepEqual(folder, { code: 2, out: '', err: 'postmortem: folder.json: cannot be read (is a folder); give --config a readable configuration file\n' });
  }
});

test('a 100,000-entry severities list is refused at once and the defaults apply', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pm-hostile-rc-'));
  writeFileSync(join(dir, '.postmortemrc.json'), JSON.stringify({ severities: Array.from({ length: 100_000 }, (_, i) => `S${i}`) }));
  writeFileSync(join(dir, 'dns-post-mortem.md'), '# Post-Mortem: DNS\n\n| Field | Value |\n|---|---|\n| Severity | S5 |\n');
  const started = performance.now();
  const { code, out, err } = await run(['lint', 'dns-post-mortem.md'], dir);
  assert.ok(performance.now() - started < 5000, `took ${performance.now() - started} ms`);
  assert.equal(code, 0);
  assert.equal(err, `postmortem: ${join(dir, '.postmortemrc.json')}: "severities" must NOT have more than 100 items; using the default settings\n`);
  assert.equal(out, 'dns-post-mortem.md:5:14 warning Severity "S5" is not valid: use one of P0, P1, P2, P3, P4. [metadata]\n');
});

test('metrics: several incidents keep the first incident\'s fields and add incidents, with their titles and lines', async () => {
  const file = 'test/fixtures/incidents/two-incidents.md';
  const [result] = JSON.parse((await run(['metrics', '--format', 'json', file])).out);
  const m = result.metrics;
  assert.deepEqual([m.mttdMinutes, m.mttrMinutes, m.durationMinutes], [12, 40, 40]);
  assert.deepEqual(
    m.incidents.map((i: Record<string, unknown>) => Object.keys(i)),
    [0, 1].map(() => ['title', 'line', 'mttdMinutes', 'mttrMinutes', 'durationMinutes', 'timeToMarkerMinutes', 'markers']),
  );
  assert.deepEqual(m.incidents.map((i: { title: string; line: number; mttdMinutes: number; mttrMinutes: number; durationMinutes: number }) => [i.title, i.line, i.mttdMinutes, i.mttrMinutes, i.durationMinutes]), [
    ['Incident 1: 2026-02-03 database failover', 8, 12, 40, 40],
    ['Incident 2: 2026-02-05 certificate expiry', 14, 30, 50, 50],
  ]);
  assert.deepEqual(m.incidents[1].timeToMarkerMinutes, { detection: 30, resolved: 50 });
  const text = (await run(['metrics', file])).out.trim().split('\n');
  assert.deepEqual(text.slice(-2), [
    '  Incident 1    Incident 1: 2026-02-03 database failover (line 9): MTTD 12m, MTTR 40m, duration 40m',
    '  Incident 2    Incident 2: 2026-02-05 certificate expiry (line 15): MTTD 30m, MTTR 50m, duration 50m',
  ]);
  // One incident: no incidents field.
  const [single] = JSON.parse((await run(['metrics', '--format', 'json', FINAL])).out);
  assert.equal('incidents' in single.metrics, false);
});
