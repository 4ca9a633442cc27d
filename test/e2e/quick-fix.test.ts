// Scenario 2: quick fixes from Ctrl+. for an unresolved choice and a metric mismatch.
import * as assert from 'node:assert/strict';
import { DRAFT, type Workbench, scenario } from './workbench';

/**
 * Ctrl+. at LINE:COLUMN, then the quick fix whose title starts with `title`. The menu lists the
 * actions known when it opens: after an edit they may still be on their way, so a menu without the
 * fix is closed and opened again rather than waited on.
 */
async function quickFix(workbench: Workbench, { line, column }: { line: number; column: number }, title: string): Promise<void> {
  await workbench.goTo(line, column);
  const action = workbench.page.locator(`.action-widget .monaco-list-row.action[aria-label^="${title.replace(/"/g, '\\"')}"]`);
  await workbench.until(`the quick fix ${title}`, async () => {
    await workbench.page.keyboard.press('Escape');
    await workbench.page.keyboard.press('Control+.');
    return action.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
  });
  await action.first().click();
}

scenario('quick fixes', async (workbench) => {
  const choice = workbench.find(DRAFT, '| **SLA breach**', 'Yes / No / Partial');
  const otherChoice = workbench.find(DRAFT, '| Config push had no canary stage').line;
  const mttd = workbench.find(DRAFT, '**MTTD (Mean Time to Detect):**', '15 minutes');
  await workbench.openFile(DRAFT);
  await workbench.problemsUntil(`the unresolved choice at line ${choice.line}`, (p) => p.some((d) => d.line === choice.line && d.code === 'unresolved-choice'));

  await quickFix(workbench, choice, 'Keep "Partial"');
  await workbench.until(`line ${choice.line} to read Partial`, async () => (await workbench.lineText(choice.line)) === '| **SLA breach** | Partial |');
  const afterChoice = await workbench.problemsUntil(`the problem at line ${choice.line} to go`, (p) => !p.some((d) => d.line === choice.line));
  assert.ok(afterChoice.some((d) => d.line === otherChoice && d.code === 'unresolved-choice'), 'the other unresolved choice stays');

  await quickFix(workbench, mttd, 'Change to 19 minutes');
  await workbench.until('the stated MTTD to become 19 minutes', async () => (await workbench.lineText(mttd.line)) === '**MTTD (Mean Time to Detect):** 19 minutes');
  await workbench.problemsUntil('the metric mismatch to go', (p) => !p.some((d) => d.code === 'metric-mismatch'));
});
