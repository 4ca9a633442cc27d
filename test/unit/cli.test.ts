import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli';
import { ROOT } from './helpers';

/** Runs the CLI in-process, as `postmortem ARGS` from `cwd`. */
async function run(args: string[], cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

const DRAFT = 'examples/2026-04-02-dns-outage-post-mortem.md';
const FINAL = 'examples/2026-03-14-checkout-latency-post-mortem.md';

test('lint: text output is file:line:col severity message [rule], exit 0 without errors', async () => {
  const { code, out } = await run(['lint', DRAFT]);
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
  const sarif = JSON.parse((await run(['lint', '--format', 'sarif', DRAFT])).out);
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
  const { code, out, err } = await run(['lint', 'missing.md', join(dir, 'binary-post-mortem.md'), DRAFT]);
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
  assert.deepEqual(m.actionItems, { total: 7, withoutOwner: 0, byPriority: { Critical: 1, High: 2, Medium: 2, Unset: 2 } });
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
