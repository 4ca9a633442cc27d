/**
 * The end-to-end tests' harness: a real VS Code (code-server, scripts/code-server.ts) with the
 * packaged extension installed, driven through headless Chromium as a user drives it. Every wait
 * polls the DOM with a deadline, never a fixed sleep; a failure says what the screen showed.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { launchCodeServer } from '../../scripts/code-server';
import { cli, launch } from '../browser/browser';
import { EXAMPLES, FIXTURES, ROOT, lineOf } from '../paths';

export const DRAFT = '2026-04-02-dns-outage-post-mortem.md';
export const FINISHED = '2026-03-14-checkout-latency-post-mortem.md';
/** Three post-mortems more, for the workspace views: added to examples/ with `add`. */
export const VIEWS_WORKSPACE = join(FIXTURES, 'e2e', 'views');
export const VSIX = join(ROOT, 'dist', 'postmortem-editor.vsix');
export const RESULTS = join(ROOT, 'test-results');
/**
 * Keys of our own for View: Toggle Maximized Panel (it has none, and a click would move the focus),
 * one for each way so that pressing one again does nothing.
 */
const MAXIMIZE_PANEL = 'Control+Alt+Shift+F11';
const RESTORE_PANEL = 'Control+Alt+Shift+F12';
const KEYBINDINGS = [
  { key: 'ctrl+alt+shift+f11', command: 'workbench.action.toggleMaximizedPanel', when: '!panelMaximized' },
  { key: 'ctrl+alt+shift+f12', command: 'workbench.action.toggleMaximizedPanel', when: 'panelMaximized' },
];

/** A row of the Problems panel; line and column 1-based, as shown. */
export interface Problem {
  file: string;
  code: string;
  line: number;
  column: number;
  message: string;
}

export interface ScenarioOptions {
  /** User settings on top of the lean defaults. */
  settings?: Record<string, unknown>;
  colorScheme?: 'light' | 'dark';
  /** A folder whose files are copied into the workspace, beside examples/' own. */
  add?: string;
}

/**
 * A test that gets its own workbench: a fresh user-data-dir with the .vsix installed, a fresh copy
 * of examples/ as the workspace, a fresh browser. Whatever happens, a screenshot is saved as
 * test-results/NAME.png and every process started is stopped.
 */
export function scenario(name: string, run: (workbench: Workbench) => Promise<void>, options: ScenarioOptions = {}): void {
  test(name, async () => {
    const workbench = await Workbench.open(options);
    const screenshot = join(RESULTS, `${name.replace(/[^\w-]+/g, '-').toLowerCase()}.png`);
    try {
      await run(workbench);
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- the screen (${screenshot}) ---\n${await workbench.screenText()}`;
      throw error;
    } finally {
      await workbench.page.screenshot({ path: screenshot }).catch(() => undefined);
      await workbench.close();
    }
  });
}

export class Workbench {
  private constructor(
    readonly page: Page,
    /** The workspace folder: a copy of examples/. */
    readonly folder: string,
    readonly close: () => Promise<void>,
  ) {}

  static async open(options: ScenarioOptions = {}): Promise<Workbench> {
    mkdirSync(RESULTS, { recursive: true });
    const workspace = copyExamples(options.add);
    const settings = { 'workbench.colorTheme': options.colorScheme === 'dark' ? 'Default Dark Modern' : 'Default Light Modern', ...options.settings };
    const server = await launchCodeServer({ folder: workspace.folder, vsix: VSIX, port: await freePort(), settings, keybindings: KEYBINDINGS }).catch((error) => {
      workspace.remove();
      throw error;
    });
    const browser = await launch().catch(async (error) => {
      await server.stop();
      workspace.remove();
      throw error;
    });
    const close = async () => {
      await browser.close();
      await server.stop();
      workspace.remove();
    };
    try {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
      const workbench = new Workbench(await context.newPage(), workspace.folder, close);
      await workbench.page.goto(server.url);
      await workbench.until('the workbench', () => workbench.visible('.monaco-workbench .part.editor'));
      return workbench;
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- code-server said ---\n${server.output().slice(-3000)}`;
      await close();
      throw error;
    }
  }

  /** Polls `probe` until it gives a value (not undefined, null or false); throws after `timeoutMs`. */
  async until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      try {
        const value = await probe();
        if (value !== undefined && value !== null && value !== false) return value;
      } catch (error) {
        last = ` (last error: ${error instanceof Error ? error.message.split('\n')[0] : error})`;
      }
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async visible(selector: string): Promise<boolean> {
    return this.page.locator(selector).first().isVisible();
  }

  /** The text on screen, the workbench's and its webviews', for a failure message. */
  async screenText(): Promise<string> {
    // The hidden frame of the web worker extension host holds only its script.
    const frames = this.page.frames().filter((f) => !f.url().includes('webWorkerExtensionHostIframe'));
    const texts = await Promise.all(frames.map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
    return texts.map((t) => t.replace(/\u00a0/g, ' ').replace(/\n{3,}/g, '\n\n').trim()).filter(Boolean).join('\n---\n').slice(0, 8000);
  }

  /** Quick Open (Ctrl+P) a file of the workspace by name. */
  async openFile(name: string): Promise<void> {
    await this.quickInput('Control+P', '');
    await this.page.keyboard.type(name);
    // The file search is served by the extension host: Enter before the row shows opens nothing.
    await this.until(`${name} in Quick Open`, () => this.visible(`.quick-input-widget .monaco-list-row[aria-label*="${name}"]`));
    await this.page.keyboard.press('Enter');
    await this.until(`${name} in the active tab`, () => this.visible(`.part.editor .tab.active[aria-label*="${name}"]`));
  }

  /** Runs a command from the palette by its full title (`Post-Mortem: Open Preview to the Side`). */
  async command(title: string): Promise<void> {
    await this.quickInput('F1', '>');
    await this.page.keyboard.type(title);
    const row = this.page.locator(`.quick-input-widget .monaco-list-row[aria-label="${title}"], .quick-input-widget .monaco-list-row[aria-label^="${title}, "]`);
    await this.until(`"${title}" in the palette`, () => row.first().isVisible());
    await row.first().click();
  }

  /**
   * Opens Quick Open, the palette or Go to Line with its key, and waits until its input is ready
   * (it starts with `prefix`). The key is pressed again while no quick input shows: a key pressed
   * while the workbench is busy, a previous quick input closing, say, can be lost.
   */
  private async quickInput(key: string, prefix: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.until(`the quick input of ${key}`, async () => {
      if (!(await input.isVisible())) return await this.page.keyboard.press(key), false;
      return (await input.inputValue()).startsWith(prefix) && (await input.evaluate((e) => e === document.activeElement));
    });
  }

  /** Answers the quick input on screen (input box or pick) once its text says `expected`. */
  async answer(expected: string, value: string, options: { replace?: boolean } = {}): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    // An input box shows its prompt as text, a quick pick as the input's placeholder (and label).
    const says = async () => `${await widget.innerText()} ${await widget.locator('input').getAttribute('aria-label')}`;
    await this.until(`the prompt "${expected}"`, async () => (await widget.isVisible()) && (await says()).includes(expected));
    if (options.replace) await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(value);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Where a line of the workspace's FILE stands, found by what it says (in the file as on disk):
   * the 1-based line and column the editor shows, of the first line that starts with `start`, at
   * the first `text` in it (else at its start). Steps go there, never to a number of their own.
   */
  find(file: string, start: string, text = start): { line: number; column: number } {
    const source = readFileSync(join(this.folder, file), 'utf8');
    const line = lineOf(source, start);
    const column = source.split('\n')[line].indexOf(text);
    if (column < 0) throw new Error(`${file}:${line + 1} has no ${JSON.stringify(text)}`);
    return { line: line + 1, column: column + 1 };
  }

  /** Go to Line (Ctrl+G), waiting until the status bar shows the cursor there. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.quickInput('Control+G', ':');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.until(`the cursor at ${line}:${column}`, async () => (await this.page.locator('#status\\.editor\\.selection').innerText()).includes(`Ln ${line}, Col ${column}`));
  }

  /**
   * The text of a line of the active editor as rendered (wrapped parts joined); undefined when the
   * line is not on screen. The visual lines from its number's top down to the next number's.
   */
  async lineText(line: number): Promise<string | undefined> {
    return this.page.evaluate((n) => {
      const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
      if (!editor) return undefined;
      const tops = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].map((e) => ({ n: Number(e.textContent), top: parseFloat(e.parentElement!.style.top) }));
      const start = tops.find((t) => t.n === n)?.top;
      if (start === undefined) return undefined;
      const end = Math.min(...tops.filter((t) => t.top > start).map((t) => t.top));
      return [...editor.querySelectorAll<HTMLElement>('.lines-content .view-line')]
        .map((e) => ({ top: parseFloat(e.style.top), text: e.textContent ?? '' }))
        .filter((l) => l.top >= start && l.top < end)
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' '))
        .join('');
    }, line);
  }

  /** The lines on screen in the active editor that have a warning or error squiggle. */
  async squiggleLines(): Promise<number[]> {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
      if (!editor) return [];
      const tops = [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')].map((e) => ({ n: Number(e.textContent), top: parseFloat(e.parentElement!.style.top) }));
      const lines = [...editor.querySelectorAll<HTMLElement>('.view-overlays .squiggly-warning, .view-overlays .squiggly-error')].map((squiggle) => {
        const top = parseFloat(squiggle.parentElement!.style.top);
        // A squiggle on a wrapped part of a line belongs to the nearest line number above it.
        return tops.filter((t) => t.top <= top).reduce((a, b) => (b.top > a.top ? b : a), { n: 0, top: -1 }).n;
      });
      return [...new Set(lines)].sort((a, b) => a - b);
    });
  }

  /**
   * Every row of the Problems panel. The list only renders the rows it shows, so the panel is
   * maximized while it is read; the focus then goes back to the editor that had it.
   */
  async problems(): Promise<Problem[]> {
    const editorFocused = await this.page.evaluate(() => document.activeElement?.closest('.part.editor') != null);
    if (!(await this.visible('.markers-panel'))) {
      await this.page.keyboard.press('Control+Shift+M');
      await this.until('the Problems panel', () => this.visible('.markers-panel'));
    }
    const maximized = () => this.page.locator('.part.panel .action-label.codicon-panel-maximize').evaluate((e) => e.classList.contains('checked'));
    const restoreAfter = !(await maximized());
    // A key pressed while the workbench is busy can be lost: press until it has worked.
    if (restoreAfter) await this.until('the panel maximized', async () => (await maximized()) || (await this.page.keyboard.press(MAXIMIZE_PANEL), false));
    try {
      return await this.page.evaluate(() => {
        const list = document.querySelector<HTMLElement>('.markers-panel .monaco-list-rows');
        const rows = [...document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
        if (list && rows.length && rows.length * rows[0].offsetHeight < list.offsetHeight) throw new Error('The Problems panel has more rows than fit on the screen');
        let file = '';
        return rows.flatMap((row) => {
          const where = /\[Ln (\d+), Col (\d+)\]/.exec(row.querySelector('.marker-line')?.textContent ?? '');
          // A file's header row ("18 problems in file NAME of folder .") heads the rows below it.
          if (!where) return ((file = /in file (.+) of folder/.exec(row.getAttribute('aria-label') ?? '')?.[1] ?? ''), []);
          const code = row.querySelector('.marker-code')?.textContent ?? '';
          const message = row.querySelector('.marker-message')?.textContent ?? '';
          return [{ file, code, line: Number(where[1]), column: Number(where[2]), message }];
        });
      });
    } finally {
      if (restoreAfter) await this.until('the panel back to its size', async () => !(await maximized()) || (await this.page.keyboard.press(RESTORE_PANEL), false));
      if (editorFocused) {
        // The first editor group: the scenarios that read problems have one.
        const focused = () => this.page.evaluate(() => document.activeElement?.closest('.part.editor .monaco-editor') != null);
        await this.until('the focus back in the editor', async () => (await focused()) || (await this.page.keyboard.press('Control+1'), false));
      }
    }
  }

  /** Waits until the Problems panel satisfies `ready`, and returns its rows. */
  async problemsUntil(what: string, ready: (problems: Problem[]) => boolean): Promise<Problem[]> {
    return this.until(what, async () => {
      const problems = await this.problems();
      return ready(problems) && problems;
    });
  }

  /** The visible text of a status-bar item our extension contributes, by its id. */
  async statusItem(id: string): Promise<string | undefined> {
    const item = this.page.locator(`.part.statusbar .statusbar-item[id$=".${id}"]`);
    return (await item.isVisible()) ? item.innerText() : undefined;
  }

  /**
   * Opens the activity bar's Post-Mortems container (which activates the extension) and waits
   * until its badge says `overdue` ("14 overdue action items"): the index has then read the
   * workspace. Returns the container's activity bar item.
   */
  /** The Post-Mortems container, opened unless `open` is false, once its badge counts `overdue` items. */
  async openPostMortems(overdue: number, open = true): Promise<Locator> {
    const container = this.page.locator('.part.activitybar .action-item:has(> a.action-label[aria-label^="Post-Mortems"])');
    await this.until('the Post-Mortems container in the activity bar', () => container.isVisible());
    // The icon with its badge: a click anywhere on it opens the container.
    if (open && (await container.getAttribute('aria-selected')) !== 'true') await container.click();
    const badge = `Post-Mortems - ${overdue} overdue action item${overdue === 1 ? '' : 's'}`;
    await this.until(`the badge "${badge}"`, async () => (await container.locator('a.action-label').getAttribute('aria-label')) === badge);
    // While the index works, the badge shows its progress instead of the count.
    await this.until(`the badge's count, ${overdue}`, async () => (await container.locator('.badge-content').innerText()) === String(overdue));
    return container;
  }

  /** A view of the side bar by its title ("Action Items"): its header and rows. */
  view(title: string): Locator {
    return this.page.locator(`.part.sidebar .pane:has(> .pane-header[aria-label="${title} Section"])`);
  }

  /** The frame (a webview's, say) that holds `selector`. */
  async frameWith(selector: string): Promise<Frame> {
    return this.until(`a frame with ${selector}`, async () => {
      for (const frame of this.page.frames()) {
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      return undefined;
    });
  }
}

/** `postmortem metrics --format json FILE`: what the CLI computes for the same file. */
export function cliMetrics(file: string): { mttdMinutes: number | null; mttrMinutes: number | null; completeness: number } {
  return JSON.parse(cli('metrics', '--format', 'json', file))[0].metrics;
}

/**
 * A fresh copy of examples/ in a temporary folder, with `add`'s files copied in too: the scenarios
 * edit it, never the repository's.
 */
export function copyExamples(add?: string): { folder: string; remove: () => void } {
  const scratch = mkdtempSync(join(tmpdir(), 'pm-e2e-'));
  const folder = join(scratch, 'examples');
  cpSync(EXAMPLES, folder, { recursive: true });
  if (add) cpSync(add, folder, { recursive: true });
  return { folder, remove: () => rmSync(scratch, { recursive: true, force: true }) };
}

/** A port nothing listens on now: code-server's own `:0` would not tell us which it took. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
