// Scenario 5: New Post-Mortem from Template writes postmortems/INC-….md, opens it, and the status bar shows its completeness.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cliMetrics, scenario } from './workbench';

scenario('new post-mortem from template', async (workbench) => {
  const id = `INC-${new Date().getFullYear()}-123`;
  const file = join(workbench.folder, 'postmortems', `${id}.md`);
  // A Markdown file activates the extension; the command then works from any editor.
  await workbench.openFile('README.md');
  await workbench.command('Post-Mortem: New Post-Mortem from Template');
  await workbench.answer('Incident ID', '123'); // prefilled INC-<year>-
  await workbench.answer('Severity', 'P2');
  await workbench.answer('Title', 'Checkout search timeouts');
  await workbench.answer('Incident date', '2026-05-04', { replace: true });
  await workbench.until(`${id}.md in the active tab`, () => workbench.visible(`.part.editor .tab.active[aria-label*="${id}.md"]`));
  await workbench.until(`postmortems/${id}.md on disk`, () => existsSync(file));
  const percent = Math.round(cliMetrics(file).completeness * 100);
  await workbench.until(`the status bar to show ${percent}%`, async () => (await workbench.statusItem('postmortem.status'))?.startsWith(`PM ${percent}% · `));
});
