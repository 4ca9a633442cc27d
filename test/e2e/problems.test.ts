// Scenario 1: the draft's problems in the Problems panel and as squiggles, the closed post-mortem's
// in the panel too (workspace diagnostics); the README gets none.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DRAFT, scenario } from './workbench';
import { cli } from '../browser/browser';

/** The post-mortem of the folder that stays closed: its problems come from the workspace diagnostics. */
const CLOSED = '2026-03-14-checkout-latency-post-mortem.md';

scenario('problems of the draft and of the closed post-mortem, none for the README', async (workbench) => {
  await workbench.openFile(DRAFT);
  // What `postmortem lint` reports for a file, hints aside (the Problems panel leaves them out), in
  // the panel's order: errors, then warnings, then information, each in line order.
  const linted = (file: string) => {
    const [{ diagnostics }] = JSON.parse(cli('lint', '--format', 'json', join(workbench.folder, file))) as { diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
    const rank: Record<string, number> = { error: 0, warning: 1, information: 2 };
    return diagnostics
      .filter((d) => d.severity !== 'hint')
      .sort((a, b) => rank[a.severity] - rank[b.severity])
      .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
  };
  const [expected, closed] = [linted(DRAFT), linted(CLOSED)];
  const shown = (problems: { line: number; column: number; code: string }[]) => problems.map((p) => `${p.line}:${p.column} ${p.code}`);
  const of = (file: string, problems: { file: string; line: number; column: number; code: string }[]) => problems.filter((p) => p.file === file);
  const problems = await workbench.problemsUntil(
    `the ${expected.length} problems the CLI reports, and the closed post-mortem's ${closed.length}`,
    (p) => of(DRAFT, p).length === expected.length && of(CLOSED, p).length === closed.length,
  );
  assert.deepEqual(shown(of(DRAFT, problems)), expected);
  // The post-mortem that is not open is listed too (postmortem.workspace.diagnostics), as the CLI lints it.
  assert.deepEqual(shown(of(CLOSED, problems)), closed);
  assert.deepEqual([...new Set(problems.map((p) => p.file))].sort(), [CLOSED, DRAFT].sort());
  // Each line found by how it starts.
  for (const [start, code] of [
    ['> **Author:**', 'placeholder'],
    ['| **SLA breach**', 'unresolved-choice'],
    ['| 09:45 | War room opened', 'timeline-order'],
    ['**MTTD (Mean Time to Detect):**', 'metric-mismatch'],
    ['| 2 | Alert when forwarder queries', 'missing-owner'],
    ['| 3 | Validate resolver config', 'missing-owner'],
  ] as const) {
    const { line } = workbench.find(DRAFT, start);
    assert.ok(problems.some((p) => p.line === line && p.code === code), `${code} at line ${line}`);
    await workbench.goTo(line);
    await workbench.until(`a squiggle on line ${line}`, async () => (await workbench.squiggleLines()).includes(line));
  }

  await workbench.openFile('README.md');
  // The status-bar item goes once the server has said the README is no post-mortem.
  await workbench.until('the post-mortem status to go', async () => (await workbench.statusItem('postmortem.status')) === undefined);
  assert.deepEqual(await workbench.squiggleLines(), []);
  assert.deepEqual((await workbench.problems()).filter((p) => p.file === 'README.md'), []);
});
