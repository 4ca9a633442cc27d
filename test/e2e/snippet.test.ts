// Scenario 3: the pm-action snippet inserts an action-item row; filling its owner clears missing-owner.
import { DRAFT, scenario } from './workbench';

// VS Code expands a snippet's prefix on Tab only with editor.tabCompletion on (off by default).
const settings = { '[markdown]': { 'editor.tabCompletion': 'onlySnippets' } };

scenario('pm-action snippet', async (workbench) => {
  // The blank line under the short-term action items table, whose row 2 has no owner.
  const blank = workbench.find(DRAFT, '| 3 | Validate resolver config').line + 1;
  const ownerless = workbench.find(DRAFT, '| 2 | Alert when forwarder queries').line;
  await workbench.openFile(DRAFT);
  await workbench.problemsUntil('the draft to be checked', (p) => p.some((d) => d.code === 'missing-owner'));
  await workbench.goTo(blank);
  // VS Code reads snippet files on first use, and its Tab completion looks only at those already
  // read: a fast typist's first Tab could beat the read. The suggestions wait for it, so show them once.
  await workbench.page.keyboard.type('pm-');
  await workbench.page.keyboard.press('Control+Space');
  await workbench.until('pm-action among the suggestions', () => workbench.visible('.suggest-widget .monaco-list-row[aria-label*="pm-action"]'));
  await workbench.page.keyboard.press('Escape');
  await workbench.page.keyboard.type('action');
  await workbench.page.keyboard.press('Tab');
  await workbench.until('the action-item row', async () => (await workbench.lineText(blank))?.startsWith('| 1 | {{ACTION}} | {{OWNER}} |'));
  // Tab stops: number, action, owner.
  await workbench.page.keyboard.type('4');
  await workbench.page.keyboard.press('Tab');
  await workbench.page.keyboard.type('Rotate the resolver signing keys');
  await workbench.page.keyboard.press('Tab');
  await workbench.problemsUntil('missing-owner on the new row', (p) => p.some((d) => d.line === blank && d.code === 'missing-owner'));
  await workbench.page.keyboard.type('Priya Raman');
  await workbench.until('the owner in the row', async () => (await workbench.lineText(blank))?.startsWith('| 4 | Rotate the resolver signing keys | Priya Raman |'));
  await workbench.problemsUntil('missing-owner on the new row to go', (p) => !p.some((d) => d.line === blank && d.code === 'missing-owner') && p.some((d) => d.line === ownerless && d.code === 'missing-owner'));
}, { settings });
