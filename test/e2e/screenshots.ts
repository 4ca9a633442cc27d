/**
 * Retakes the README's screenshots of the extension in VS Code (code-server), light and dark:
 * `node --import tsx test/e2e/screenshots.ts` after `npm run package`. The draft with its
 * squiggles and the quick fixes of an unresolved choice; the draft beside its preview.
 */
import { join } from 'node:path';
import { DRAFT, Workbench } from './workbench';
import { ROOT } from '../paths';

(async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const workbench = await Workbench.open({ colorScheme });
    const shot = async (name: string) => {
      const path = join(ROOT, 'docs', `vscode-${name}-${colorScheme}.png`);
      await workbench.page.screenshot({ path });
      process.stdout.write(`${path}\n`);
    };
    try {
      await workbench.openFile(DRAFT);
      await workbench.until('the post-mortem status', () => workbench.statusItem('postmortem.status'));
      const choice = workbench.find(DRAFT, '| **SLA breach**', 'Yes / No / Partial');
      await workbench.goTo(choice.line, choice.column);
      await workbench.page.keyboard.press('Control+.');
      await workbench.until('the quick fixes', () => workbench.visible('.action-widget .monaco-list-row.action'));
      await shot('quick-fix');
      await workbench.page.keyboard.press('Escape');
      await workbench.command('Post-Mortem: Open Preview to the Side');
      await workbench.frameWith('[data-metric="mttd"][data-minutes]');
      // The side bar hidden for the preview's width; the top of the document, so that the preview shows its header.
      await workbench.page.keyboard.press('Control+B');
      await workbench.until('the side bar hidden', async () => !(await workbench.visible('.part.sidebar')));
      await workbench.goTo(1);
      await shot('preview');
    } finally {
      await workbench.close();
    }
  }
})();
