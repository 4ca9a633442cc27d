import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { analyze } from '../../server/src/core/analyze';
import { type RenderOptions, renderBody } from '../../server/src/render/body';
import { webviewHtml } from '../../server/src/render/webview';
import { chromiumPath } from '../../scripts/preflight';
import { ROOT, readRepoFile } from '../paths';

const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * The system's Chromium (POSTMORTEM_CHROMIUM, else chromium on the PATH: the preflight's choice),
 * headless and offline: nothing the page asks for may leave the machine.
 */
export function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    return Promise.reject(new Error('No Chromium: run the tests through npm (npm test, npm run test:browser), whose preflight installs it, or set POSTMORTEM_CHROMIUM to one.'));
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** One Chromium per test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launch();
  });
  after(() => browser?.close());
  return () => browser!;
}

/** Runs `check` on the page, then closes it whatever happened. */
export async function closing(opened: Promise<Page>, check: (page: Page) => Promise<void>): Promise<void> {
  const page = await opened;
  try {
    await check(page);
  } finally {
    await page.context().close();
  }
}

export async function newPage(browser: Browser, options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  return context.newPage();
}

/** The built CLI, as a user runs it: the stylesheet is inlined only in the bundle. */
export function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The CLI's output; exit 1 (errors found) is an answer too. */
export function cli(...args: string[]): string {
  const run = runCli(...args);
  if (run.status !== 0 && run.status !== 1) throw new Error(`postmortem ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

const rendered = new Map<string, string>();

/** The day the pages are rendered on unless a test says otherwise: what is overdue depends on it. */
export const RENDER_TODAY = '2026-05-01';

/** `postmortem render FILE --today TODAY`: the standalone page (run once per file and day). */
export function renderFile(file: string, today = RENDER_TODAY): string {
  const key = `${file}\0${today}`;
  if (!rendered.has(key)) rendered.set(key, cli('render', file, '--today', today));
  return rendered.get(key)!;
}

/** What the page posted through the fake `acquireVsCodeApi`. */
export type Posted = { type: string; line?: number; href?: string };

/**
 * A page as the VS Code webview shows it: the shell from `webviewHtml`, media/preview.css and
 * media/preview.js loaded from disk, and a fake `acquireVsCodeApi` that records what is posted.
 */
export async function openWebview(browser: Browser, body: string, options: { beforeLoad?: (page: Page) => void; renderId?: string } = {}): Promise<Page> {
  const dir = mkdtempSync(join(tmpdir(), 'pm-webview-'));
  const file = join(dir, 'preview.html');
  const shell = { cspSource: 'file:', nonce: NONCE, styleUri: pathToFileURL(join(ROOT, 'media', 'preview.css')).href, scriptUri: pathToFileURL(join(ROOT, 'media', 'preview.js')).href, body, renderId: options.renderId };
  writeFileSync(file, webviewHtml(shell));
  const page = await newPage(browser);
  options.beforeLoad?.(page);
  // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
  // The page's timers are counted while pending, so that a test can wait until it has nothing left to do (`settled`).
  await page.addInitScript(`
    window.__posted = [];
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
    window.__timers = new Set();
    const setTimer = window.setTimeout, clearTimer = window.clearTimeout;
    window.setTimeout = (run, ms, ...args) => {
      const id = setTimer(() => { window.__timers.delete(id); run(...args); }, ms);
      window.__timers.add(id);
      return id;
    };
    window.clearTimeout = (id) => { window.__timers.delete(id); clearTimer(id); };
  `);
  await page.goto(pathToFileURL(file).href);
  return page;
}

export const NONCE = 'bm9uY2UtZm9yLXRlc3Rz';

/**
 * The page runs under a webview's policy: only its own nonce'd stylesheet (`styled`, an element
 * it styles, is set in weight 600) and script, and an inline script without the nonce does not run.
 */
export async function assertNonceOnly(page: Page, styled: string): Promise<void> {
  assert.equal(
    await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'),
    `default-src 'none'; img-src file: data:; style-src file: 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; form-action 'none'`,
  );
  assert.equal(await page.$eval(styled, (e) => getComputedStyle(e).fontWeight), '600');
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    return (window as unknown as { __inline?: number }).__inline;
  });
  assert.equal(ran, undefined, 'an inline script without the nonce does not run');
}

export function posted(page: Page): Promise<Posted[]> {
  return page.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
}

/**
 * Resolves once the webview has no timer pending: whatever its last event scheduled (a scroll
 * report, say) has run, so what it was going to post is posted. A deterministic signal, not a wait.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __timers: Set<number> }).__timers.size === 0);
}

/** `renderBody` for a file (its path from the repository's root), as the extension calls it after its own `analyze`. */
export function bodyOf(file: string, options: RenderOptions = { today: RENDER_TODAY }): string {
  return renderBody(analyze(readRepoFile(file)), options);
}
