import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../server/src/core/analyze';
import { buildInsights } from '../../server/src/core/insights';
import { summarizeForWorkspace } from '../../server/src/core/workspace';
import { insightsWebviewHtml, renderInsightsBody, renderInsightsPage } from '../../server/src/render/insights';
import { ROOT, fixturePath, readFixture } from '../paths';
import { NONCE, type Posted, assertNonceOnly, closing, newPage, posted, useBrowser } from './browser';

const TODAY = '2026-06-15';
const browser = useBrowser();

/** The Insights of a fixture folder (test/fixtures/insights/FOLDER), each file under file:///ws/NAME. */
function insightsOf(folder: string) {
  const entries = readdirSync(fixturePath('insights', folder)).map((name) => {
    const uri = `file:///ws/${name}`;
    return { uri, summary: summarizeForWorkspace(uri, analyze(readFixture('insights', folder, name), { fix: { today: TODAY } }), TODAY) };
  });
  return buildInsights(entries, TODAY);
}

/**
 * The Insights page as the VS Code webview shows it: the server's page (render/insights.ts) under
 * its real policy, media/insights.js loaded with the nonce, a fake `acquireVsCodeApi` that records
 * what is posted, every policy violation and dialog recorded.
 */
async function openInsights(b: Browser, folder: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-insights-'));
  const file = join(dir, 'insights.html');
  const shell = { cspSource: 'file:', nonce: NONCE, styleUri: '', scriptUri: pathToFileURL(join(ROOT, 'media', 'insights.js')).href };
  writeFileSync(file, insightsWebviewHtml(shell, renderInsightsBody(insightsOf(folder), { kind: 'webview' })));
  const page = await newPage(b, options);
  await watch(page);
  await page.addInitScript(`
    window.__posted = [];
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
  `);
  await page.goto(pathToFileURL(file).href);
  return page;
}

/** Records policy violations and dialogs (an `alert` a hostile text would raise) in the page. */
async function watch(page: Page): Promise<void> {
  await page.addInitScript(`
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  `);
  const dialogs: string[] = [];
  (page as Page & { __dialogs?: string[] }).__dialogs = dialogs;
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
const dialogs = (page: Page) => (page as Page & { __dialogs?: string[] }).__dialogs ?? [];

/** What a reader sees of each element: its rendered text, white space collapsed. */
const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => ((e as HTMLElement).innerText ?? e.textContent ?? '').replace(/\s+/g, ' ').trim()));

/** The contrast ratio (WCAG) of an element's text on the page's background. */
async function contrast(page: Page, selector: string): Promise<number> {
  const [fg, bg] = await page.$eval(selector, (e) => [getComputedStyle(e).color, getComputedStyle(document.body).backgroundColor]);
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

describe('Insights webview', () => {
  test('runs under its policy: its nonce’d stylesheet and script only, no violation', () =>
    closing(openInsights(browser(), 'postmortems'), async (page) => {
      await assertNonceOnly(page, '.tile-value');
      assert.deepEqual((await violations(page)).filter((v) => !v.startsWith('script-src')), []);
    }));

  test('shows the figures and every chart’s values in its table', () =>
    closing(openInsights(browser(), 'postmortems'), async (page) => {
      assert.deepEqual(await texts(page, '.tile-value'), ['3', '3', '20m', '1h', '4', '3']);
      assert.deepEqual(await texts(page, '#time-by-quarter .chart-data tbody tr'), ['2026-Q1 13m 19m 48m 58m', '2026-Q2 1h 1h 3h 3h']);
      assert.deepEqual(await texts(page, '#items-over-time .chart-data tbody tr'), ['2026-01 1 1', '2026-02 3 2', '2026-03 3 2', '2026-04 3 2', '2026-05 4 2']);
      assert.deepEqual(await texts(page, '#services .chart-data tbody tr'), ['API 2', 'Database 1', 'DNS 1', 'Login 1']);
      assert.deepEqual(await texts(page, '#factor-categories .chart-data tbody tr'), ['Technical 2', 'Process 1']);
      assert.deepEqual(await texts(page, '#root-cause-categories .chart-data tbody tr'), ['Capacity 1', 'Configuration 1']);
      assert.deepEqual(await texts(page, '#overdue-by-owner .chart-data tbody tr'), ['Kim 1 2', 'alex 1 1']);
      // Every chart is an image described in words.
      assert.deepEqual(await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getAttribute('role') === 'img' && s.getAttribute('aria-labelledby')!.split(' ').every((id) => document.getElementById(id)?.textContent))), [true, true, true, true, true, true, true]);
    }));

  test('a chart’s point opens the list of its post-mortems; a post-mortem’s link asks the extension to open it at its line; nothing navigates', () =>
    closing(openInsights(browser(), 'postmortems'), async (page) => {
      const url = page.url();
      assert.equal(await page.$eval('#quarter-2026-Q2', (d) => (d as HTMLDetailsElement).open), false);
      await page.click('#time-by-quarter a[href="#quarter-2026-Q2"] circle >> nth=2');
      assert.equal(await page.$eval('#quarter-2026-Q2', (d) => (d as HTMLDetailsElement).open), true);
      await page.click('#quarter-2026-Q2 a.pm-open');
      await page.click('#services-1 summary');
      await page.click('#services-1 a.pm-open >> nth=1');
      await page.click('.overdue a.pm-open >> nth=0');
      assert.deepEqual(await posted(page), [
        { type: 'open', uri: 'file:///ws/2026-05-02-dns.md', line: 0 },
        { type: 'open', uri: 'file:///ws/2026-02-20-api.md', line: 6 },
        { type: 'open', uri: 'file:///ws/2026-01-10-login.md', line: 32 },
      ] satisfies (Posted & { uri: string })[]);
      assert.equal(page.url(), url);
    }));

  test('an update from the extension replaces the body', () =>
    closing(openInsights(browser(), 'postmortems'), async (page) => {
      const body = renderInsightsBody(insightsOf('hostile'), { kind: 'webview' });
      await page.evaluate((b) => window.postMessage({ type: 'update', body: b }, '*'), body);
      await page.waitForFunction(() => document.querySelector('.tile-value')?.textContent === '1');
      assert.deepEqual((await texts(page, '#services .chart-data tbody tr')).length, 2);
    }));

  test('a hostile document’s text is shown as text: nothing runs, loads or is injected', () =>
    closing(openInsights(browser(), 'hostile'), async (page) => {
      await page.click('#services-1 summary');
      await page.click('#services-2 summary');
      assert.deepEqual(await page.evaluate(() => [document.querySelectorAll('img, script:not([src]), iframe, b').length, document.querySelectorAll('svg svg, [onload], [onerror], [onmouseover]').length]), [0, 0]);
      assert.deepEqual(await texts(page, '#services .chart-data tbody th'), ['"><svg onload=alert(4)>', '<img src=x onerror=alert(3)>']);
      assert.deepEqual(await page.$$eval('#quarter-2026-Q1 a', (as) => as.map((a) => a.textContent)), ['Outage <script>alert(1)</script> "><svg onload=alert(2)>']);
      assert.deepEqual(await texts(page, '.overdue tbody td:nth-child(2)'), ['<img src=y onerror=alert(9)>', '[javascript:alert(10)](javascript:alert(11))']);
      assert.deepEqual(await page.$$eval('a[href]', (as) => as.filter((a) => /^\s*javascript:/i.test(a.getAttribute('href')!)).length), 0);
      await page.click('.overdue a.pm-open >> nth=0');
      assert.deepEqual(dialogs(page), []);
      assert.deepEqual(await violations(page), []);
    }));

  test('follows the VS Code theme: readable with a dark theme’s colours', () =>
    closing(openInsights(browser(), 'postmortems'), async (page) => {
      // VS Code sets its theme's colours on the webview's root element.
      await page.evaluate(() => {
        const vars: Record<string, string> = { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-descriptionForeground': '#a0a0a0', '--vscode-textLink-foreground': '#3794ff' };
        for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
      });
      assert.equal(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor), 'rgb(30, 30, 30)');
      assert.ok((await contrast(page, 'h1')) >= 7);
      assert.ok((await contrast(page, '.chart-links a')) >= 4.5);
      assert.ok((await contrast(page, '.chart-axis')) >= 4.5);
    }));
});

describe('exported Insights page', () => {
  for (const [scheme, background] of [['light', 'rgb(255, 255, 255)'], ['dark', 'rgb(31, 31, 31)']] as const) {
    test(`needs no script and is readable in the ${scheme} colour scheme`, async () => {
      const page = await newPage(browser(), { colorScheme: scheme });
      await closing(Promise.resolve(page), async () => {
        await watch(page);
        const file = join(mkdtempSync(join(tmpdir(), 'pm-insights-')), 'insights.html');
        writeFileSync(file, renderInsightsPage(insightsOf('postmortems'), { kind: 'files', base: 'file:///ws' }));
        await page.goto(pathToFileURL(file).href);
        assert.equal(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor), background);
        for (const selector of ['h1', '.tile-value', '.chart-data td']) assert.ok((await contrast(page, selector)) >= 7, selector);
        for (const selector of ['.tile-note', '.chart-axis', 'a']) assert.ok((await contrast(page, selector)) >= 4.5, selector);
        assert.deepEqual(await texts(page, '#services .chart-data tbody tr'), ['API 2', 'Database 1', 'DNS 1', 'Login 1']);
        assert.equal(await page.$eval('#quarter-2026-Q1 a', (a) => a.getAttribute('href')), '2026-01-10-login.md');
        assert.deepEqual(await violations(page), []);
      });
    });
  }
});
