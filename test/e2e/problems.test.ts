// Scenario 1: the draft's problems in the Problems panel and as squiggles; the README gets none.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { DRAFT, scenario } from './workbench';
import { cli } from '../browser/browser';

scenario('problems of the draft, none for the README', async (workbench) => {
  await workbench.openFile(DRAFT);
  // What `postmortem lint` reports for the same file, hints aside (the Problems panel leaves them
  // out), in the panel's order: errors, then warnings, then information, each in line order.
  const [linted] = JSON.parse(cli('lint', '--format', 'json', join(workbench.folder, DRAFT)));
  const rank: Record<string, number> = { error: 0, warning: 1, information: 2 };
  const expected = (linted.diagnostics as { code: string; severity: string; range: { start: { line: number; character: number } } }[])
    .filter((d) => d.severity !== 'hint')
    .sort((a, b) => rank[a.severity] - rank[b.severity])
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
  const shown = (problems: { line: number; column: number; code: string }[]) => problems.map((p) => `${p.line}:${p.column} ${p.code}`);
  const problems = await workbench.problemsUntil(`the ${expected.length} problems the CLI reports`, (p) => p.length === expected.length);
  assert.deepEqual(shown(problems), expected);
  assert.ok(problems.every((p) => p.file === DRAFT));
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
