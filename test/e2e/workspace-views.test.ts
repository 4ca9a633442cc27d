// Scenario 7: the Post-Mortems container over a workspace of five post-mortems: the activity bar's
// badge counts the overdue action items as `postmortem report` does, from the start; a click on an overdue item
// opens its post-mortem with the item's row selected.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../browser/browser';
import { VIEWS_WORKSPACE, scenario } from './workbench';

const SSO = 'postmortems/2025-11-07-sso-login-post-mortem.md';
/** Due 2025-12-15 and open: overdue on any day the test runs. */
const OVERDUE = 'Alert 30 days before any certificate in the IdP expires';

scenario(
  'the overdue badge, and an overdue item opens on its row',
  async (workbench) => {
    const { page } = workbench;
    // What the CLI reports for the same folder on the same day.
    const report = JSON.parse(cli('report', '--format', 'json', workbench.folder)) as { postMortems: number; actionItems: { overdue: number }; overdue: { action: string }[] };
    assert.equal(report.postMortems, 5);
    assert.ok(report.overdue.some((o) => o.action === OVERDUE));

    // The workspace holds post-mortems: the extension starts with it, and its index counts the
    // overdue items on the container's badge before the container or any file is opened.
    const container = await workbench.openPostMortems(report.actionItems.overdue, false);
    assert.notEqual(await container.getAttribute('aria-selected'), 'true');
    await workbench.openPostMortems(report.actionItems.overdue);
    const postMortems = workbench.view('Post-Mortems').locator('.monaco-list-row');
    const actionItems = workbench.view('Action Items');
    // The post-mortem's row: its title, then its date, severity and MTTR.
    const sso = postMortems.filter({ hasText: 'Single sign-on failed after a certificate expired' });
    await workbench.until('the SSO post-mortem in the Post-Mortems view', () => sso.first().isVisible());
    assert.match(await sso.first().innerText(), /2025-11-07 · P1 · MTTR 48m · /);

    // Grouped by owner: the item under its owner's group, expanded; scrolled to if below the fold.
    const group = actionItems.locator('.monaco-list-row[aria-label^="Lena Fischer"]');
    await workbench.until('the group of Lena Fischer', () => group.isVisible());
    if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
    const item = actionItems.locator(`.monaco-list-row[aria-label^="${OVERDUE}"]`);
    await workbench.until(`"${OVERDUE}" in the Action Items view`, async () => (await item.isVisible()) || (await actionItems.locator('.monaco-list').hover(), await page.mouse.wheel(0, 100), false));
    assert.match(await item.innerText(), /due 2025-12-15 · \d+ days overdue · Post-Mortem: Single sign-on failed/);
    assert.equal(await item.locator('.codicon-warning').count(), 1);

    await item.click();
    await workbench.until(`${SSO} in the active tab`, () => workbench.visible('.part.editor .tab.active[aria-label*="2025-11-07-sso-login-post-mortem.md"]'));
    // The whole row selected: the cursor at its end.
    const { line } = workbench.find(SSO, `| 1 | ${OVERDUE}`);
    const { length } = readFileSync(join(workbench.folder, SSO), 'utf8').split('\n')[line - 1];
    const expected = `Ln ${line}, Col ${length + 1} (${length} selected)`;
    await workbench.until(`the status bar at "${expected}"`, async () => (await page.locator('#status\\.editor\\.selection').innerText()) === expected);
    assert.ok((await workbench.lineText(line))?.includes(OVERDUE), `line ${line} on screen`);
  },
  { add: VIEWS_WORKSPACE },
);
