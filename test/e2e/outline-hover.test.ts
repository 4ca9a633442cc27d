// Scenario 6: the Outline view lists the numbered sections; hover on a timeline time shows its T+ offset.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRAFT, scenario } from './workbench';

scenario('outline and hover', async (workbench) => {
  const sections = readFileSync(join(workbench.folder, DRAFT), 'utf8').match(/^## \d+\. .+$/gm)!.map((h) => h.slice(3));
  await workbench.openFile(DRAFT);
  // The file tree collapsed, so that the Outline has the side bar's height.
  await workbench.page.locator('.part.sidebar .pane-header[aria-label^="Explorer Section"]').click();
  await workbench.page.locator('.part.sidebar .pane-header[aria-label^="Outline"]').click();
  const names = workbench.page.locator('.part.sidebar .pane-body .monaco-list-row .label-name');
  await workbench.until(`the ${sections.length} numbered sections in the Outline`, async () => {
    const labels = await names.allInnerTexts();
    return sections.every((s) => labels.includes(s));
  });

  const detection = workbench.find(DRAFT, '| 09:31 | On-call acknowledges', '09:31');
  await workbench.goTo(detection.line, detection.column);
  await workbench.page.keyboard.press('Control+K');
  await workbench.page.keyboard.press('Control+I');
  await workbench.until('the hover with T+19m', async () => (await workbench.visible('.monaco-hover')) && (await workbench.page.locator('.monaco-hover').first().innerText()).includes('T+19m'));
});
