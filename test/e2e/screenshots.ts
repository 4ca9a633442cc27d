/**
 * Retakes the README's screenshots of the extension in VS Code (code-server), light and dark:
 * `node --import tsx test/e2e/screenshots.ts [NAME...]` after `npm run package`, NAME one of
 * quick-fix, preview, views, insights (all when none is given). The draft with its squiggles and
 * the quick fixes of an unresolved choice; the draft beside its preview (both on examples/); the
 * Post-Mortems and Action Items views beside an overdue item's row, and the Insights page (on
 * examples/ and three post-mortems more). A shot whose command the extension lacks is skipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../browser/browser';
import { DRAFT, VIEWS_WORKSPACE, Workbench } from './workbench';
import { ROOT } from '../paths';

const NAMES = ['quick-fix', 'preview', 'views', 'insights'] as const;
type Name = (typeof NAMES)[number];

/** The item the views' shot opens: overdue on any day. */
const OVERDUE = 'Alert 30 days before any certificate in the IdP expires';

(async () => {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(NAMES as readonly string[]).includes(name));
  if (unknown.length) {
    process.stderr.write(`Unknown screenshot ${unknown.join(', ')}: choose from ${NAMES.join(', ')}\n`);
    process.exit(2);
  }
  const wanted = (name: Name) => asked.length === 0 || asked.includes(name);
  for (const colorScheme of ['light', 'dark'] as const) {
    const shot = async (workbench: Workbench, name: Name) => {
      const path = join(ROOT, 'docs', `vscode-${name}-${colorScheme}.png`);
      await workbench.page.screenshot({ path });
      process.stdout.write(`${path}\n`);
    };
    if (wanted('quick-fix') || wanted('preview')) {
      const workbench = await Workbench.open({ colorScheme });
      try {
        await workbench.openFile(DRAFT);
        await workbench.until('the post-mortem status', () => workbench.statusItem('postmortem.status'));
        const choice = workbench.find(DRAFT, '| **SLA breach**', 'Yes / No / Partial');
        await workbench.goTo(choice.line, choice.column);
        await workbench.page.keyboard.press('Control+.');
        await workbench.until('the quick fixes', () => workbench.visible('.action-widget .monaco-list-row.action'));
        if (wanted('quick-fix')) await shot(workbench, 'quick-fix');
        await workbench.page.keyboard.press('Escape');
        await workbench.command('Post-Mortem: Open Preview to the Side');
        await workbench.frameWith('[data-metric="mttd"][data-minutes]');
        // The side bar hidden for the preview's width; the top of the document, so that the preview shows its header.
        await workbench.page.keyboard.press('Control+B');
        await workbench.until('the side bar hidden', async () => !(await workbench.visible('.part.sidebar')));
        await workbench.goTo(1);
        if (wanted('preview')) await shot(workbench, 'preview');
      } finally {
        await workbench.close();
      }
    }
    if (wanted('views') || wanted('insights')) {
      // Sticky scroll off: the headings it pins would cover the top of the document beside the views.
      const workbench = await Workbench.open({ colorScheme, add: VIEWS_WORKSPACE, settings: { 'editor.stickyScroll.enabled': false } });
      try {
        await views(workbench);
        if (wanted('views')) await shot(workbench, 'views');
        const insights = insightsCommand();
        if (!wanted('insights')) continue;
        if (!insights) {
          if (colorScheme === 'light') process.stderr.write('Skipped the Insights shots: the extension has no postmortem.showInsights command yet.\n');
          continue;
        }
        await workbench.command(insights);
        await workbench.until('the Insights tab', () => workbench.visible('.part.editor .tab.active[aria-label*="Post-Mortem Insights"]'));
        // A webview's body carries the theme's kind; the charts are SVG.
        await workbench.frameWith('body[data-vscode-theme-kind] svg');
        await workbench.page.keyboard.press('Control+B');
        await workbench.until('the side bar hidden', async () => !(await workbench.visible('.part.sidebar')));
        await workbench.page.mouse.move(1150, 17);
        await shot(workbench, 'insights');
      } finally {
        await workbench.close();
      }
    }
  }
})();

/**
 * The Post-Mortems container opened and widened, its two views sized to their rows, and an
 * overdue item clicked: its post-mortem open beside them, the row selected.
 */
async function views(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  const report = JSON.parse(cli('report', '--format', 'json', workbench.folder)) as { actionItems: { overdue: number } };
  await workbench.openPostMortems(report.actionItems.overdue);
  const postMortems = workbench.view('Post-Mortems');
  const actionItems = workbench.view('Action Items');
  const item = actionItems.locator(`.monaco-list-row[aria-label^="${OVERDUE}"]`);
  await workbench.until('the overdue item', () => item.isVisible());
  // Wide enough for the rows' descriptions: the side bar's edge dragged to 47% of the window.
  const sidebar = (await page.locator('.part.sidebar').boundingBox())!;
  await drag(workbench, sidebar.x + sidebar.width, sidebar.y + sidebar.height / 2, 660, sidebar.y + sidebar.height / 2);
  // The Post-Mortems view as tall as its rows, the rest for the action items.
  const rows = postMortems.locator('.monaco-list-row');
  const last = (await rows.nth((await rows.count()) - 1).boundingBox())!;
  const header = (await actionItems.locator('.pane-header').boundingBox())!;
  await drag(workbench, header.x + header.width / 2, header.y, header.x + header.width / 2, last.y + last.height + 6);
  await item.click();
  await workbench.until('the row selected', async () => (await page.locator('#status\\.editor\\.selection').innerText()).includes('selected'));
  // Away from every hover: the title bar's empty middle.
  await page.mouse.move(1150, 17);
  // Opening the post-mortem has the views asked again: the shot waits until they have answered
  // (their progress bars done, the badge's count back) and nothing has moved for 3 s.
  const count = workbench.page.locator('.part.activitybar .action-item:has(> a.action-label[aria-label^="Post-Mortems"]) .badge-content');
  const still = async () =>
    !(await workbench.visible('.part.sidebar .monaco-progress-container.active')) &&
    (await count.innerText()) === String(report.actionItems.overdue) &&
    !(await workbench.visible('.monaco-hover:not(.hidden), .workbench-hover-container'));
  let since = Date.now();
  await workbench.until('the views settled', async () => ((await still()) ? Date.now() - since > 3000 : ((since = Date.now()), false)));
}

/** Drags the sash under (x, y) to (toX, toY). */
async function drag(workbench: Workbench, x: number, y: number, toX: number, toY: number): Promise<void> {
  const { mouse } = workbench.page;
  await mouse.move(x, y);
  await mouse.down();
  await mouse.move(toX, toY, { steps: 8 });
  await mouse.up();
}

/** "Post-Mortem: Show Insights", as the palette lists it, if the extension has the command. */
function insightsCommand(): string | undefined {
  const { contributes } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string; category?: string }[] } };
  const command = contributes.commands.find((c) => c.command === 'postmortem.showInsights');
  return command && (command.category ? `${command.category}: ${command.title}` : command.title);
}
