// Scenario 2: quick fixes from Ctrl+. for an unresolved choice and a metric mismatch.
import * as assert from 'node:assert/strict';
import { DRAFT, type Workbench, scenario } from './workbench';

/** Ctrl+. at LINE:COLUMN, then the quick fix whose title starts with `title`. */
async function quickFix(workbench: Workbench, line: number, column: number, title: string): Promise<void> {
  await workbench.goTo(line, column);
  await workbench.page.keyboard.press('Control+.');
  const action = workbench.page.locator(`.action-widget .monaco-list-row.action[aria-label^="${title.replace(/"/g, '\\"')}"]`);
  await workbench.until(`the quick fix ${title}`, () => action.first().isVisible());
  await action.first().click();
}

scenario('quick fixes', async (workbench) => {
  await workbench.openFile(DRAFT);
  await workbench.problemsUntil('the unresolved choice at line 46', (p) => p.some((d) => d.line === 46 && d.code === 'unresolved-choice'));

  await quickFix(workbench, 46, 20, 'Keep "Partial"');
  await workbench.until('line 46 to read Partial', async () => (await workbench.lineText(46)) === '| **SLA breach** | Partial |');
  const afterChoice = await workbench.problemsUntil('the problem at line 46 to go', (p) => !p.some((d) => d.line === 46));
  assert.ok(afterChoice.some((d) => d.line === 84 && d.code === 'unresolved-choice'), 'the other unresolved choice stays');

  await quickFix(workbench, 64, 33, 'Change to 19 minutes');
  await workbench.until('the stated MTTD to become 19 minutes', async () => (await workbench.lineText(64)) === '**MTTD (Mean Time to Detect):** 19 minutes');
  await workbench.problemsUntil('the metric mismatch to go', (p) => !p.some((d) => d.code === 'metric-mismatch'));
});
