// Scenario 4: the preview beside the editor shows the CLI's MTTD and MTTR, and follows an edit within 2 s.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { generateByLines } from '../bench/generate';
import { FINISHED, cliMetrics, scenario } from './workbench';

const minutes = (frame: Frame, metric: string) => frame.locator(`[data-metric="${metric}"]`).getAttribute('data-minutes');

scenario('preview to the side', async (workbench) => {
  const file = join(workbench.folder, FINISHED);
  await workbench.openFile(FINISHED);
  // The palette lists the command once the extension knows the file is a post-mortem.
  await workbench.until('the post-mortem status', () => workbench.statusItem('postmortem.status'));
  await workbench.command('Post-Mortem: Open Preview to the Side');
  const preview = await workbench.frameWith('[data-metric="mttd"][data-minutes]');
  const computed = cliMetrics(file);
  assert.equal(await minutes(preview, 'mttd'), String(computed.mttdMinutes));
  assert.equal(await minutes(preview, 'mttr'), String(computed.mttrMinutes));

  // The detection row: 14:14 becomes 14:20.
  const detection = workbench.find(FINISHED, '| 14:14 | On-call acknowledges', '14:14');
  await workbench.goTo(detection.line, detection.column);
  for (let i = 0; i < 5; i++) await workbench.page.keyboard.press('Shift+ArrowRight');
  await workbench.page.keyboard.type('14:20');
  const typed = Date.now();
  await workbench.until('the preview to show the new MTTD', async () => (await minutes(preview, 'mttd')) === String(computed.mttdMinutes! + 6), 2_000);
  process.stdout.write(`# preview updated ${Date.now() - typed} ms after the edit\n`);
  await workbench.page.keyboard.press('Control+S');
  await workbench.until('the file to be saved', async () => cliMetrics(file).mttdMinutes === computed.mttdMinutes! + 6);
  assert.equal(await minutes(preview, 'mttr'), String(cliMetrics(file).mttrMinutes));
});

// A table of over 100 rows is laid out in parts (core/long-tables.ts, media/preview.js), which
// needs the page's own constructed stylesheet: VS Code's webview must allow it, and the columns
// of every part must line up with the header's.
scenario('a long table in the preview', async (workbench) => {
  const name = '2026-05-01-long-timeline-post-mortem.md';
  writeFileSync(join(workbench.folder, name), generateByLines(600));
  await workbench.openFile(name);
  await workbench.until('the post-mortem status', () => workbench.statusItem('postmortem.status'));
  await workbench.command('Post-Mortem: Open Preview to the Side');
  const preview = await workbench.frameWith('table.pm-long');
  const columns = await workbench.until('the long table laid out in parts', () =>
    preview.evaluate(() => {
      const table = document.querySelector('table.pm-long')!;
      const parts = table.querySelectorAll(':scope > tbody');
      if (parts.length < 3 || getComputedStyle(parts[1]).display !== 'table') return undefined;
      return [table.querySelector('thead tr')!, ...Array.from(parts, (part) => part.firstElementChild!)].map((row) => Array.from(row.children, (cell) => Math.round(cell.getBoundingClientRect().width)).join(' '));
    }),
  );
  assert.deepEqual(new Set(columns).size, 1, `the parts' columns: ${columns.join(' | ')}`);
});
