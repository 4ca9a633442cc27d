import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { lineOf, readRepoFile } from '../paths';
import { analyze } from '../../server/src/core/analyze';
import { bodyPieces } from '../../server/src/render/body';
import { diffBlocks, markedBlocks, markedBody } from '../../server/src/render/patch';
import { generateByLines } from '../bench/generate';
import { type Posted, RENDER_TODAY, assertNonceOnly, bodyOf, closing, openWebview, posted, settled, useBrowser } from './browser';

const DNS = 'examples/2026-04-02-dns-outage-post-mortem.md';
const DNS_TEXT = readRepoFile(DNS);

const browser = useBrowser();

function withWebview(check: (page: Page) => Promise<void>): Promise<void> {
  return closing(openWebview(browser(), bodyOf(DNS)), check);
}

/** Posts a message to the preview as the extension does (`webview.postMessage`). */
function send(page: Page, message: unknown): Promise<void> {
  return page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** What the page posted after the first `from` messages, scroll reports left out unless asked for. */
async function postedSince(page: Page, from: number, types = ['reveal', 'open-link']): Promise<Posted[]> {
  return (await posted(page)).slice(from).filter((m) => types.includes(m.type));
}

/**
 * The user touches the page (a wheel of one pixel), which lets it report scrolls; resolves once
 * that scroll's own report is posted and nothing is pending, so that report cannot be taken for
 * the report of a scroll made after it.
 */
async function touch(page: Page): Promise<void> {
  const from = (await posted(page)).length;
  await page.mouse.wheel(0, 1);
  await scrollReported(page, from);
  await settled(page);
}

/** Resolves once a scroll has been reported since the `from`th message the page posted. */
async function scrollReported(page: Page, from = 0): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __posted: Posted[] }).__posted.slice(n).some((m) => m.type === 'scrolled'), from);
}

/**
 * Scrolls the page to `y` as a script (not the user) does, and resolves once the page has handled
 * the scroll event and stopped there. Where it stops may differ by a few pixels from `y` (scroll
 * anchoring, as a part of a long table is drawn and takes its real height), or the page may have
 * become shorter than `y`: the page then settles elsewhere, and the caller reads where it is. It
 * rejects, rather than waits for ever, if the page never scrolls.
 */
function scrollTo(page: Page, y: number): Promise<void> {
  // A listener added after preview.js's runs after it for the same event. (No named function in
  // the page's code: tsx would wrap it in a helper the page lacks.)
  return page.evaluate((want) => new Promise<void>((resolve, reject) => {
    const stop = new AbortController();
    const top = Math.min(want, document.documentElement.scrollHeight - window.innerHeight);
    let settle = 0;
    window.addEventListener(
      'scroll',
      () => {
        window.clearTimeout(settle);
        if (Math.abs(window.scrollY - top) < 1) {
          stop.abort();
          resolve();
        } else {
          // Stopped elsewhere: no other scroll event for 100 ms.
          settle = window.setTimeout(() => (stop.abort(), resolve()), 100);
        }
      },
      { signal: stop.signal },
    );
    window.setTimeout(() => stop.signal.aborted || (stop.abort(), reject(new Error(`scrolling to ${top} never happened: the page is at ${window.scrollY}`))), 10000);
    window.scrollTo(0, top);
  }), y);
}

/** The last reveal or open-link: clicking scrolls the element into view, which is reported too. */
const last = async (page: Page): Promise<Posted | undefined> => (await postedSince(page, 0)).at(-1);

describe('webview shell', () => {
  test('allows only its own nonce’d stylesheet and script', () =>
    withWebview(async (page) => {
      await assertNonceOnly(page, '.pm-title');
    }));
});

describe('preview.js', () => {
  test('an update swaps the body and keeps the scroll position; an older version is ignored', () =>
    withWebview(async (page) => {
      await page.evaluate(() => window.scrollTo(0, 1500));
      await page.waitForFunction(() => window.scrollY === 1500);
      const body = bodyOf(DNS);
      await send(page, { type: 'update', version: 2, body: body.replace('Internal DNS outage', 'Internal DNS outage (updated)') });
      await page.waitForFunction(() => document.querySelector('.pm-title')?.textContent?.endsWith('(updated)'));
      assert.equal(await page.evaluate(() => window.scrollY), 1500);

      // Messages are handled in order: once the scroll request is done, the stale update was seen.
      const line = lineOf(DNS_TEXT, '## 9. Action Items');
      await send(page, { type: 'update', version: 1, body: body.replace('Internal DNS outage', 'Stale title') });
      await send(page, { type: 'scroll-to-line', line });
      await page.waitForFunction((l) => Math.abs(document.querySelector(`.document [data-line="${l}"]`)!.getBoundingClientRect().top) < 1, line);
      assert.equal(await page.textContent('.pm-title'), 'Post-Mortem: Internal DNS outage (updated)');
    }));

  test('clicking what came from a line asks to reveal that line', () =>
    withWebview(async (page) => {
      const detection = lineOf(DNS_TEXT, '| 09:31');
      await page.click(`.document tr[data-line="${detection}"]`);
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });

      await page.click('.problems .problem >> nth=0');
      assert.deepEqual(await last(page), { type: 'reveal', line: lineOf(DNS_TEXT, '> **Author:**') });

      await page.click(`.timeline-svg g.event[data-line="${detection}"] circle`);
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });

      await page.click('.actions .action >> nth=1');
      assert.deepEqual(await last(page), { type: 'reveal', line: lineOf(DNS_TEXT, '| 2 | Alert') });

      await page.click('[data-metric="mttd"]');
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });
    }));

  test('a link click is posted as open-link and never navigates, nor reaches VS Code’s link handler', () =>
    withWebview(async (page) => {
      const url = page.url();
      const before = (await posted(page)).length;
      // VS Code's webview host listens on the window and opens web links itself, default prevented or not.
      await page.evaluate(() => window.addEventListener('click', (e) => ((window as unknown as { __host: unknown[] }).__host ??= []).push((e.target as Element).tagName)));
      await page.click('.document a[href="./incident-report.md"]');
      await page.click('.document a[href="./incident-report.md"]', { button: 'middle' });
      assert.deepEqual(await postedSince(page, before), [{ type: 'open-link', href: './incident-report.md' }]);
      assert.equal(await page.evaluate(() => (window as unknown as { __host?: unknown[] }).__host), undefined);
      assert.equal(page.url(), url);
      assert.equal(page.context().pages().length, 1);
    }));

  test('scroll-to-line brings the nearest line to the top without echoing it back', () =>
    withWebview(async (page) => {
      const before = (await posted(page)).length;
      // A line inside a table lands on its row; a blank line between blocks on the block before.
      const row = lineOf(DNS_TEXT, '| 09:58');
      // Sent, and resolved once the scroll it makes has been handled (listeners run in the order added).
      await page.evaluate((l) => new Promise<void>((resolve) => {
        window.addEventListener('scroll', () => resolve(), { once: true });
        window.postMessage({ type: 'scroll-to-line', line: l }, '*');
      }), row);
      await page.waitForFunction((l) => Math.abs(document.querySelector(`.document tr[data-line="${l}"]`)!.getBoundingClientRect().top) < 1, row);
      await settled(page);
      assert.deepEqual(await postedSince(page, before, ['scrolled']), [], 'the scroll it asked for is not echoed');

      // The user scrolls: the heading now at the top is reported, and only that.
      const heading = lineOf(DNS_TEXT, '## 5. Root Cause Analysis');
      await page.evaluate((l) => {
        const el = document.querySelector(`.document [data-line="${l}"]`)!;
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
      }, heading);
      await page.waitForFunction((n) => (window as unknown as { __posted: unknown[] }).__posted.length > n, before);
      assert.deepEqual(await postedSince(page, before, ['scrolled']), [{ type: 'scrolled', line: heading }]);
    }));

  test('a scroll-to-line just after the user scrolled is not echoed by the report that scroll scheduled', () =>
    withWebview(async (page) => {
      const row = lineOf(DNS_TEXT, '| 09:58');
      const before = (await posted(page)).length;
      // The user scrolls (a wheel places the page), and before the report is due the editor asks for a line.
      await page.evaluate((l) => new Promise<void>((resolve) => {
        window.dispatchEvent(new WheelEvent('wheel'));
        window.addEventListener('scroll', () => {
          window.addEventListener('scroll', () => resolve(), { once: true });
          window.postMessage({ type: 'scroll-to-line', line: l }, '*');
        }, { once: true });
        window.scrollBy(0, 300);
      }), row);
      await page.waitForFunction((l) => Math.abs(document.querySelector(`.document tr[data-line="${l}"]`)!.getBoundingClientRect().top) < 1, row);
      await settled(page);
      assert.deepEqual(await postedSince(page, before, ['scrolled']), []);
    }));

  test('a new page VS Code scrolls to the previous page’s place reports nothing until placed; the first line is the top', () =>
    withWebview(async (page) => {
      // What VS Code does when it replaces the page: the new one is scrolled to the old one's scrollY.
      await scrollTo(page, 2000);
      // The scroll was handled and whatever it scheduled has run: a report would be posted by now.
      await settled(page);
      assert.deepEqual(await postedSince(page, 0, ['scrolled']), []);
      await send(page, { type: 'scroll-to-line', line: 0 });
      await page.waitForFunction(() => window.scrollY === 0);
      // Placed: the user's scrolls are reported again.
      await page.mouse.wheel(0, 600);
      await scrollReported(page);
    }));

  test('a click that ends a text selection does not jump to the source', () =>
    withWebview(async (page) => {
      const before = (await posted(page)).length;
      const box = (await page.locator('.pm-title').boundingBox())!;
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + 200, box.y + box.height / 2);
      await page.mouse.up();
      assert.notEqual(await page.evaluate(() => String(window.getSelection())), '');
      // A plain click outside the selection clears it and reveals again: only that one is posted.
      await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2);
      assert.deepEqual(await postedSince(page, before), [{ type: 'reveal', line: 0 }]);
    }));
});

describe('preview.js patches', () => {
  /** The page's blocks for `text`, as the server marks them for a patching page. */
  const blocksOf = (text: string) => markedBlocks(bodyPieces(analyze(text), { today: RENDER_TODAY }));
  /** The root's HTML as a fresh render of `blocks` gives it: a new page's (the body between newlines), or an update's. */
  const fresh = (page: Page, blocks: string[], around = '\n') =>
    page.evaluate(([body, nl]) => {
      const root = document.createElement('main');
      root.innerHTML = `${nl}${body}${nl}`;
      return root.innerHTML;
    }, [markedBody(blocks), around]);
  const rootHtml = (page: Page) => page.evaluate(() => document.getElementById('preview-root')!.innerHTML);
  /**
   * Dispatches the message as the webview does: how long the page took to handle it, then to lay it
   * out, then the rest of the next frame (style, layout, pre-paint and paint after its callbacks:
   * from a frame callback to the first task after that frame), what the user waits for until it shows.
   */
  const timed = (page: Page, message: unknown) =>
    page.evaluate(
      (m) =>
        new Promise<number[]>((resolve) => {
          void document.body.offsetHeight;
          const t0 = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data: m }));
          const t1 = performance.now();
          void document.body.offsetHeight;
          const t2 = performance.now();
          requestAnimationFrame(() => {
            const t3 = performance.now();
            setTimeout(() => resolve([t1 - t0, t2 - t1, performance.now() - t3]));
          });
        }),
      message,
    );

  test('edits become patches: the DOM equals a fresh render’s, the scroll position and an untouched selection are kept', async () => {
    let text = DNS_TEXT;
    let before = blocksOf(text);
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      await page.evaluate(() => window.scrollTo(0, 1500));
      await page.waitForFunction(() => window.scrollY === 1500);
      // A selection in the document's first paragraph, which none of the edits below changes.
      const selected = await page.evaluate(() => {
        const paragraph = document.querySelector('.document p')!;
        window.getSelection()!.selectAllChildren(paragraph);
        return String(window.getSelection());
      });
      assert.notEqual(selected, '');
      const edits: ((l: string[]) => void)[] = [
        (l) => (l[lineOf(text, '| 09:31')] = l[lineOf(text, '| 09:31')].replace(/^(\| 09:31[^|]*\|)/, '$1 (edited)')),
        (l) => l.splice(lineOf(text, '## 5. Root Cause Analysis'), 0, 'A paragraph typed above the heading.', ''),
        (l) => l.splice(lineOf(text, '| 09:31'), 1),
        (l) => l.splice(lineOf(text, '## 9. Action Items'), 0, '```', 'code now'),
        (l) => l.push('', '- one more item'),
      ];
      let id = 1;
      for (const edit of edits) {
        const lines = text.split('\n');
        edit(lines);
        text = lines.join('\n');
        const after = blocksOf(text);
        const runs = diffBlocks(before, after);
        await send(page, { type: 'patch', version: id + 1, id: String(id + 1), from: String(id), runs });
        id++;
        const expected = await fresh(page, after);
        await page.waitForFunction((html) => document.getElementById('preview-root')!.innerHTML === html, expected);
        assert.equal(await page.evaluate(() => window.scrollY), 1500);
        before = after;
      }
      assert.equal(await page.evaluate(() => String(window.getSelection())), selected);
      assert.deepEqual(await postedSince(page, 0, ['resync']), []);

      // A patch from a render the page does not show changes nothing and asks for a whole body.
      const html = await rootHtml(page);
      await send(page, { type: 'patch', version: 9, id: '9', from: '7', runs: [{ add: [] }] });
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'resync'));
      assert.equal(await rootHtml(page), html);
      // The whole body that follows puts it right, and the next patch applies to it.
      await send(page, { type: 'update', version: 10, id: '10', body: markedBody(before) });
      const after = blocksOf(text.replace('Internal DNS outage', 'Internal DNS outage, patched'));
      await send(page, { type: 'patch', version: 11, id: '11', from: '10', runs: diffBlocks(before, after) });
      const expected = await fresh(page, after, '');
      await page.waitForFunction((h) => document.getElementById('preview-root')!.innerHTML === h, expected);
    });
  });

  test('the problems the user opened stay open through patches and a whole update; each label shows its line', async () => {
    const before = blocksOf(DNS_TEXT);
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      await page.click('.problems summary');
      const shown = () => page.evaluate(() => {
        const more = document.querySelector('.problems details.more') as HTMLDetailsElement;
        return { open: more.open, summary: more.querySelector('summary')!.textContent, last: Array.from(document.querySelectorAll('.problems .problem')).at(-1)!.querySelector('span.ln')!.textContent };
      });
      const opened = await shown();
      assert.equal(opened.open, true);
      // Two lines typed at the top: every problem moves down, one more is found (a placeholder).
      const lines = DNS_TEXT.split('\n');
      lines.splice(1, 0, '', 'Written by {{AUTHOR}}.');
      const after = blocksOf(lines.join('\n'));
      const count = (await page.$$('.problems .problem')).length;
      await send(page, { type: 'patch', version: 2, id: '2', from: '1', runs: diffBlocks(before, after) });
      await page.waitForFunction((n) => document.querySelectorAll('.problems .problem').length === n, count + 1);
      const patched = await shown();
      assert.deepEqual(patched, { open: true, summary: `${Number(opened.summary!.split(' ')[0]) + 1} more problems`, last: String(Number(opened.last) + 2) });
      await send(page, { type: 'update', version: 3, id: '3', body: markedBody(before) });
      await page.waitForFunction((n) => document.querySelectorAll('.problems .problem').length === n, count);
      assert.deepEqual(await shown(), opened);
    });
  });

  test('in a marked body each line counts from the one before: reveal, scroll-to-line, scroll reports and labels give the document’s lines, after patches too', async () => {
    let text = DNS_TEXT;
    const before = blocksOf(text);
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      // Two lines inserted near the top: the blocks below change one number, and every line label says its new line.
      const lines = text.split('\n');
      lines.splice(lineOf(text, '## Document History'), 0, 'A paragraph typed near the top.', '');
      text = lines.join('\n');
      const after = blocksOf(text);
      const runs = diffBlocks(before, after);
      await send(page, { type: 'patch', version: 2, id: '2', from: '1', runs });
      await page.waitForFunction((html) => document.getElementById('preview-root')!.innerHTML === html, await fresh(page, after));
      /** Marks the first element matching `selector` at (absolute) `line`, adding up the page's numbers, for a click. */
      const mark = (selector: string, line: number) =>
        page.evaluate(([sel, l]) => {
          document.querySelector('[data-target]')?.removeAttribute('data-target');
          let at = 0;
          const el = Array.from(document.querySelectorAll('#preview-root [data-line]')).find((e) => (at += Number(e.getAttribute('data-line'))) === l && e.matches(sel));
          el!.setAttribute('data-target', '');
        }, [selector, line] as const);
      const detection = lineOf(text, '| 09:31');
      await mark('.document tr', detection);
      await page.click('[data-target]');
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });
      await mark('.timeline-svg g.event', detection);
      await page.click('[data-target] circle');
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });
      await page.click('[data-metric="mttd"]');
      assert.deepEqual(await last(page), { type: 'reveal', line: detection });
      await page.click('.problems .problem >> nth=0');
      assert.deepEqual(await last(page), { type: 'reveal', line: lineOf(text, '> **Author:**') });
      // Each label shows its line, 1-based: the problem it is in reveals that line.
      const labels = await page.$$eval('.problems .problem', (els) => els.map((e) => Number(e.querySelector('span.ln')!.textContent)));
      assert.ok(labels.length > 10);
      // The last is among those behind "N more problems".
      await page.click('.problems summary');
      for (const n of [1, labels.length - 1]) {
        await page.click(`.problems .problem >> nth=${n}`);
        assert.deepEqual(await last(page), { type: 'reveal', line: labels[n] - 1 });
      }
      assert.ok(labels.includes(lineOf(text, '> **Author:**') + 1), String(labels));

      // Scroll-to-line lands on the row; the user's scroll reports the heading at the top.
      const row = lineOf(text, '| 09:58');
      await send(page, { type: 'scroll-to-line', line: row });
      await mark('.document tr', row);
      await page.waitForFunction(() => Math.abs(document.querySelector('[data-target]')!.getBoundingClientRect().top) < 1);
      const heading = lineOf(text, '## 5. Root Cause Analysis');
      await mark('.document h2', heading);
      await touch(page);
      const count = (await posted(page)).length;
      await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-target]')!.getBoundingClientRect().top + window.scrollY));
      await scrollReported(page, count);
      assert.deepEqual((await postedSince(page, count, ['scrolled'])).at(-1), { type: 'scrolled', line: heading });
    });
  });

  test('on a 2,000-line post-mortem the line at the top and the place scrolled to are those that measuring every element gives', async () => {
    const text = generateByLines(2000);
    await closing(openWebview(browser(), markedBody(blocksOf(text)), { renderId: '1' }), async (page) => {
      await page.waitForFunction(() => document.documentElement.classList.contains('pm-settled'));
      /**
       * The document's laid-out elements with their lines and tops, every one measured: what
       * preview.js finds by halving and by looking only around a line.
       */
      const measured = () =>
        page.evaluate(() => {
          const article = document.querySelector('article.document')!;
          let line = 0;
          return Array.from(document.querySelectorAll('#preview-root [data-line]'))
            .map((el) => ({ el, line: (line += Number(el.getAttribute('data-line'))) }))
            .filter(({ el }) => article.contains(el) && el.getClientRects().length > 0)
            .map(({ el, line: l }) => ({ line: l, top: el.getBoundingClientRect().top }));
        });
      await touch(page);
      // From the document's start (above it, the problems all report its first line) to the page's end.
      const [start, height] = await page.evaluate(() => [document.querySelector('article.document')!.getBoundingClientRect().top + window.scrollY, document.documentElement.scrollHeight - window.innerHeight]);
      for (let k = 1; k <= 12; k++) {
        const count = (await posted(page)).length;
        await scrollTo(page, Math.round(start + ((height - start) * k) / 13) + 7);
        await scrollReported(page, count);
        const els = await measured();
        const tops = els.map((e) => e.top);
        let i = tops.findIndex((t) => t > 1) - 1;
        if (i === -2) i = els.length - 1;
        const j = els.findIndex((e, m) => m > i && tops[m] > tops[i] && e.line > els[i].line);
        const expected = i < 0 ? els[0].line : j < 0 ? els[i].line : els[i].line + Math.floor((els[j].line - els[i].line) * (Math.max(0, -tops[i]) / (tops[j] - tops[i])));
        assert.deepEqual((await postedSince(page, count, ['scrolled'])).at(-1), { type: 'scrolled', line: expected });
      }
      for (const line of [3, 250, 700, 1111, 1500, 1800, 1985]) {
        const els = await measured();
        const scrollY = await page.evaluate(() => window.scrollY);
        let i = els.findIndex((e) => e.line > line) - 1;
        if (i === -2) i = els.length - 1;
        const before = els[Math.max(i, 0)];
        const after = els[i + 1];
        let y = 0;
        if (line > els[0].line) {
          y = before.top + scrollY;
          if (after && after.line > before.line) y += ((after.top + scrollY - y) * (line - before.line)) / (after.line - before.line);
        }
        // The page's height now: a part of a long table drawn since may have changed it.
        const bottom = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
        const target = Math.round(Math.max(0, Math.min(y, bottom)));
        await send(page, { type: 'scroll-to-line', line });
        await page.waitForFunction((t) => Math.abs(window.scrollY - t) < 1, target);
      }
    });
  });

  test('large blocks skip their contents off screen only once laid out: positions stay exact, after patches too', async () => {
    const text = generateByLines(2000);
    const lines = text.split('\n');
    const before = blocksOf(text);
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      await page.waitForFunction(() => document.documentElement.classList.contains('pm-settled'));
      /** The page's height and where some lines far down are, skipping or (`whole`) with every block laid out. */
      const where = (probes: number[], whole = false) =>
        page.evaluate(
          ([ls, all]) => {
            const html = document.documentElement;
            if (all) html.classList.remove('pm-settled');
            // In a marked body each data-line counts from the one before it (render/patch.ts): the first element at each line.
            const lined = Array.from(document.querySelectorAll('#preview-root [data-line]'));
            let line = 0;
            const lines = lined.map((el) => (line += Number(el.getAttribute('data-line'))));
            const at = [html.scrollHeight, ...ls.map((l) => lined.find((el, i) => lines[i] === l && el.closest('.document'))!.getBoundingClientRect().top + window.scrollY)];
            if (all) html.classList.add('pm-settled');
            return at;
          },
          [probes, whole] as const,
        );
      // A row in the middle of the long timeline table, and one of the action items' table below it.
      const rows = [lines.findIndex((l, i) => i > 1000 && l.startsWith('| ')), lines.findIndex((l) => l.startsWith('| 100 | '))];
      assert.deepEqual(await where(rows), await where(rows, true));
      // A row added in the long table off screen: the table keeps its size until it is drawn again
      // (a row's height, below it); scrolling to a line still lands on it.
      const row = rows[0];
      const after = blocksOf([...lines.slice(0, row), lines[row].replace('reported', 'reports'), ...lines.slice(row)].join('\n'));
      await send(page, { type: 'patch', version: 2, id: '2', from: '1', runs: diffBlocks(before, after) });
      await page.waitForFunction((html) => document.getElementById('preview-root')!.innerHTML === html, await fresh(page, after));
      const below = rows[1] + 1;
      const lands = async (line: number) => {
        await send(page, { type: 'scroll-to-line', line });
        await page.waitForFunction((l) => {
          let at = 0;
          const row = Array.from(document.querySelectorAll('#preview-root [data-line]')).find((el) => (at += Number(el.getAttribute('data-line'))) === l && el.matches('.document tr'));
          return Math.abs(row!.getBoundingClientRect().top) < 1;
        }, line);
      };
      await lands(below);
      // Once the table has been on screen again, its size is its new one.
      await lands(row);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
      assert.deepEqual(await where([below]), await where([below], true));
      await lands(below);
    });
  });

  test('a long table is laid out in parts with the widths it has laid out whole: columns line up, after patches, a new font and a resize too', async () => {
    const row = (i: number, extra = '') => `| 10:${String(i % 60).padStart(2, '0')} | Event ${i}: shard ${i % 7} reported ${'a '.repeat(i % 23)}state |${extra}`;
    const doc = (columns: 2 | 3) => ['# Timeline', '', `| Time | Event |${columns === 3 ? ' Who |' : ''}`, `|---|---|${columns === 3 ? '---|' : ''}`, ...Array.from({ length: 400 }, (_, i) => row(i, columns === 3 ? ` ${'Alex '.repeat(i % 3)}|` : '')), '', 'After the table.'].join('\n');
    /**
     * The long table's cells as laid out (left and width of the header's, and of each part's first
     * and last row's), and the same with the whole table laid out as one (preview.js's sheet off).
     */
    const columns = (page: Page) =>
      page.evaluate(() => {
        const table = document.querySelector('table.pm-long')!;
        const parts = table.querySelectorAll(':scope > tbody');
        const apart = getComputedStyle(parts[1]).display === 'table';
        // (A copy: the document's list is live.)
        const sheets = [...document.adoptedStyleSheets];
        const [laidOut, whole] = [sheets, []].map((on) => {
          document.adoptedStyleSheets = on;
          return [table.querySelector('thead tr')!, ...Array.from(parts).flatMap((b) => [b.firstElementChild!, b.lastElementChild!])].map((tr) =>
            Array.from(tr.children).map((cell) => {
              const r = cell.getBoundingClientRect();
              return [Math.round(r.left * 2) / 2, Math.round(r.width * 2) / 2];
            }),
          );
        });
        document.adoptedStyleSheets = sheets;
        return { parts: parts.length, apart, laidOut, whole };
      });
    const check = async (page: Page, cells: number) => {
      const { parts, apart, laidOut, whole } = await columns(page);
      assert.ok(parts > 2 && apart, `${parts} parts, laid out apart: ${apart}`);
      assert.equal(laidOut[0].length, cells);
      // Every part's rows line up with the header, as the whole table's do.
      for (const cellsOfRow of laidOut) assert.deepEqual(cellsOfRow, laidOut[0]);
      assert.deepEqual(laidOut, whole);
    };
    const before = blocksOf(doc(2));
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      await page.waitForFunction(() => document.documentElement.classList.contains('pm-settled'));
      await check(page, 2);
      // A column added: every row changes, the header has a cell more; its widths are read again.
      const after = blocksOf(doc(3));
      await send(page, { type: 'patch', version: 2, id: '2', from: '1', runs: diffBlocks(before, after) });
      await page.waitForFunction((html) => document.getElementById('preview-root')!.innerHTML === html, await fresh(page, after));
      await check(page, 3);
      // A new font from VS Code's theme variables, then a narrower panel, wrap the cells otherwise: the widths follow.
      const small = (await columns(page)).laidOut[0];
      await page.evaluate(() => document.documentElement.style.setProperty('--vscode-font-family', 'monospace'));
      await page.waitForFunction((w) => JSON.stringify(Array.from(document.querySelectorAll('table.pm-long thead th'), (c) => Math.round(c.getBoundingClientRect().width * 2) / 2)) !== JSON.stringify(w.map((c) => c[1])), small);
      await check(page, 3);
      const wide = (await columns(page)).laidOut[0];
      await page.setViewportSize({ width: 420, height: 700 });
      await page.waitForFunction((w) => JSON.stringify(Array.from(document.querySelectorAll('table.pm-long thead th'), (c) => Math.round(c.getBoundingClientRect().width * 2) / 2)) !== JSON.stringify(w.map((c) => c[1])), wide);
      await check(page, 3);
    });
  });

  test('a one-line edit of a 2,000-line post-mortem: the patch’s size and the time to apply it', async (t) => {
    const text = generateByLines(2000);
    const before = blocksOf(text);
    const lines = text.split('\n');
    const row = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('| '));
    const prose = lines.findIndex((l) => l.startsWith('> ') && l.length > 60);
    const size = (m: unknown) => Buffer.byteLength(JSON.stringify(m));
    const ms = ([apply, layout, paint]: number[]) => `${apply.toFixed(1)} ms + layout ${layout.toFixed(1)} ms (+ the frame's paint ${paint.toFixed(1)} ms)`;
    await closing(openWebview(browser(), markedBody(before), { renderId: '1' }), async (page) => {
      // As the user finds it: the page drawn once, its large blocks skipping while off screen (preview.js settle).
      await page.waitForFunction(() => document.documentElement.classList.contains('pm-settled'));
      const cdp = await page.context().newCDPSession(page);
      let id = 1;
      let shown = before;
      const edits = [
        ['a timeline row edited', (l: string[]) => (l[row] = l[row].replace('reported', 'reported first'))],
        ['a line of prose edited', (l: string[]) => (l[prose] = `${l[prose]} More.`)],
        // Every problem below it moves down a line: their line labels travel as a shift.
        ['a paragraph inserted near the top', (l: string[]) => l.splice(prose + 1, 0, '', 'A new paragraph.')],
        // A row added: the drawing gains one mark, the rows below move down a line.
        ['a timeline row added', (l: string[]) => l.splice(row, 0, l[row].replace('reported', 'reports'))],
      ] as const;
      // At the top of the page, then with the edited row in view (the editor scrolled the preview there).
      for (const where of ['', ', the row in view']) {
        if (where) {
          await page.evaluate((l) => window.postMessage({ type: 'scroll-to-line', line: l }, '*'), row - 10);
          await page.waitForFunction(() => window.scrollY > 0);
        }
        const scrollY = await page.evaluate(() => window.scrollY);
        for (const [name, edit] of edits) {
          const edited = [...lines];
          edit(edited);
          const after = blocksOf(edited.join('\n'));
          const patch = { type: 'patch', version: id + 1, id: String(id + 1), from: String(id), runs: diffBlocks(shown, after) };
          // The comparisons below parse the whole body into a detached element each time: their
          // garbage is collected first, so that the time is the patch's own, as in the editor.
          await cdp.send('HeapProfiler.collectGarbage');
          const patchMs = await timed(page, patch);
          assert.equal(await rootHtml(page), await fresh(page, after));
          assert.equal(await page.evaluate(() => window.scrollY), scrollY);
          t.diagnostic(`${name}${where}: patch ${size(patch)} bytes (${((size(patch) / Buffer.byteLength(text)) * 100).toFixed(2)}% of the document) applied in ${ms(patchMs)}`);
          assert.ok(size(patch) < Buffer.byteLength(text) * 0.05);
          id++;
          shown = after;
        }
      }
      const update = { type: 'update', version: id + 1, id: String(id + 1), body: markedBody(before) };
      t.diagnostic(`the whole body instead: ${size(update)} bytes applied in ${ms(await timed(page, update))}`);
    });
  });
});
