/**
 * Regenerates the README's screenshots of the preview: `node --import tsx test/browser/screenshots.ts`
 * after `npm run build`. The exported page (`postmortem render`) in light and dark, 1400 px wide;
 * a fixed --today so that the past-due highlights do not change from run to run.
 */
import { join } from 'node:path';
import { ROOT } from '../paths';
import { launch, newPage, renderFile } from './browser';

const SHOTS = [
  { file: 'examples/2026-03-14-checkout-latency-post-mortem.md', today: '2026-03-26', name: 'preview' },
  { file: 'examples/2026-04-02-dns-outage-post-mortem.md', today: '2026-04-18', name: 'preview-draft' },
];

(async () => {
  const browser = await launch();
  for (const { file, today, name } of SHOTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await newPage(browser, { colorScheme });
      await page.setContent(renderFile(file, today));
      const path = join(ROOT, 'docs', `${name}-${colorScheme}.png`);
      await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 1300 } });
      await page.context().close();
      process.stdout.write(`${path}\n`);
    }
  }
  await browser.close();
})();
