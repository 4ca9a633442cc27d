import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { bodyOf, closing, newPage, openWebview, posted, renderFile, useBrowser } from './browser';

/** Every payload in these files sets window.__pwned; none may run, load anything or navigate. */
const TABLE = 'test/fixtures/hostile/table-post-mortem.md';
const MERMAID = 'test/fixtures/hostile/mermaid-post-mortem.md';
const REMOTE = 'test/fixtures/hostile/remote-image-post-mortem.md';

const browser = useBrowser();

/** Records what would show that a payload got through: dialogs and requests. */
function watch(page: Page): { dialogs: string[]; requests: string[] } {
  const seen = { dialogs: [] as string[], requests: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => seen.requests.push(r.url()));
  return seen;
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

/** Elements, attributes and URLs that could run or load something, except the preview's own script. */
function audit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'frame', 'object', 'embed', 'form', 'input', 'textarea', 'select', 'base', 'img', 'video', 'audio', 'link'].includes(tag) && !(tag === 'link' && el.getAttribute('href')?.endsWith('/media/preview.css'))) found.push(tag);
      if (tag === 'script' && !el.getAttribute('src')?.endsWith('/media/preview.js')) found.push('script');
      if (tag === 'style' && el.parentElement !== document.head) found.push('style outside head');
      if (tag === 'meta' && el.parentElement !== document.head) found.push('meta outside head');
      for (const a of Array.from(el.attributes)) {
        if (a.name.toLowerCase().startsWith('on')) found.push(`${tag} ${a.name}`);
        if (/href|src|action/i.test(a.name) && /^\s*(javascript|vbscript|data|command):/i.test(a.value)) found.push(`${tag} ${a.name}=${a.value}`);
      }
    }
    return found;
  });
}

/** Clicks and hovers every element, the way a curious reader would, without following links. */
function poke(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const targets = Array.from(document.querySelectorAll(sel));
    for (const el of targets) {
      for (const type of ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'click', 'dblclick']) el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
      if (el instanceof HTMLElement) el.focus();
    }
    return targets.length;
  }, selector);
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

describe('hostile documents in the exported page', () => {
  for (const file of [TABLE, MERMAID]) {
    test(`nothing runs, loads or is injected: ${file}`, () =>
      closing(newPage(browser()), async (page) => {
        const seen = watch(page);
        await page.setContent(renderFile(file));
        assert.deepEqual(await audit(page), []);
        assert.equal(await pwned(page), undefined);
        assert.ok((await poke(page, 'body *:not(a)')) > 50);
        assert.equal(await pwned(page), undefined);
        assert.deepEqual(seen, { dialogs: [], requests: [] });
        assert.equal(await page.$$eval('script', (s) => s.length), 0);
      }));
  }

  test('the payloads are shown as the text they are', () =>
    closing(newPage(browser()), async (page) => {
      await page.setContent(renderFile(TABLE));
      assert.equal(await text(page, '.pm-title'), "Post-Mortem: <script>window.__pwned = 'title'</script> outage");
      assert.equal(await text(page, '.badge.severity'), `<svg onload="window.__pwned='severity'"></svg>`);
      assert.equal(await text(page, '.badge.incident'), `INC-<img src=x onerror="window.__pwned='id'">`);
      assert.equal(await text(page, '.facts .fact:nth-child(1) dd'), `<img src=x onerror="window.__pwned='users'">`);
      assert.equal(await text(page, '.facts .placeholder'), "{{<script>window.__pwned='placeholder'</script>}}");
      assert.equal(await text(page, '.action .what'), "Action Items #1 <script>window.__pwned='action'</script>");
      assert.equal(await text(page, '.action .owner'), `<img src=x onerror="window.__pwned='owner'">`);
      assert.equal(await text(page, '.action .due'), `Due <b onclick="window.__pwned='due'">2026-01-01</b>`);
      // The group is the priority as the metrics count it, Markdown marks dropped.
      assert.equal(await text(page, '.priority h3'), `<i onmouseover="window.pwned='priority'">High</i> 1`);
      assert.deepEqual(await page.$$eval('.timeline-notes li', (els) => els.map((e) => e.textContent)), [
        `unreadable time Row 3: “<b onmouseover="window.__pwned='time'">10:0x</b>” cannot be read — unreadable <iframe src="javascript:parent.__pwned='cell-iframe'"></iframe>`,
        `not filled in Row 4: {{<img src=x onerror="window.__pwned='time-placeholder'">}} — placeholder time`,
      ]);
      assert.equal(await text(page, '.chain .why .question'), "<script>window.__pwned='why'</script>?");
      assert.equal(await text(page, '.chain .root-cause .answer'), "<svg><script>window.__pwned='root'</script></svg>");
      const raw = await page.$$eval('.document .raw-html', (els) => els.map((e) => e.textContent));
      assert.ok(raw.includes("<script>window.__pwned = 'script-block'</script>"), raw.join('\n'));
      assert.ok(raw.includes(`<iframe src="javascript:parent.__pwned='iframe'"></iframe>`));
      assert.ok((await text(page, '.document')).includes("[javascript](javascript:window.__pwned='link')"));
      assert.ok((await text(page, '.document')).includes('[command](command:workbench.action.terminal.new)'));
      assert.deepEqual(await page.$$eval('.document a', (as) => as.map((a) => a.getAttribute('href'))), ['https://example.com/ok', 'https://example.com/safe']);
    }));

  test('mermaid entries are shown as text in the drawing and the document', () =>
    closing(newPage(browser()), async (page) => {
      await page.setContent(renderFile(MERMAID));
      const titles = await page.$$eval('.timeline-svg g.event title', (ts) => ts.map((t) => t.textContent!.split('\n')[1]));
      assert.deepEqual(titles, [`<img src=x onerror="window.__pwned='mermaid-event'"> ← Incident start`, `</text></title><script>window.__pwned='svg-breakout'</script> ← Detection`, 'done ← Resolved']);
      assert.ok((await text(page, '.document pre code')).includes(`title <script>window.__pwned='mermaid-title'</script>`));
      assert.deepEqual(await page.$$eval('.timeline-notes li .tag', (els) => els.map((e) => e.textContent)), ['unreadable time', 'not filled in']);
    }));
});

describe('hostile documents in the webview', () => {
  for (const file of [TABLE, MERMAID]) {
    test(`clicking every element and link runs nothing and opens only safe links: ${file}`, () => {
      let seen = { dialogs: [] as string[], requests: [] as string[] };
      return closing(openWebview(browser(), bodyOf(file), { beforeLoad: (page) => (seen = watch(page)) }), async (page) => {
        assert.deepEqual(await audit(page), []);
        // The page, its stylesheet and its script: nothing from the document.
        assert.deepEqual(seen.requests.map((url) => url.replace(/^.*\//, '')), ['preview.html', 'preview.css', 'preview.js']);
        seen.requests.length = 0;
        const url = page.url();
        for (const link of await page.locator('a').all()) await link.click();
        assert.ok((await poke(page, '#preview-root *')) > 50);
        assert.equal(await pwned(page), undefined);
        assert.equal(page.url(), url);
        assert.deepEqual(seen, { dialogs: [], requests: [] });
        const links = (await posted(page)).filter((m) => m.type === 'open-link').map((m) => m.href);
        assert.deepEqual([...new Set(links)], file === TABLE ? ['https://example.com/ok', 'https://example.com/safe'] : []);
        assert.ok((await posted(page)).some((m) => m.type === 'reveal'));
      });
    });
  }
});

describe('remote images', () => {
  const imgSrc = (page: Page) => page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => /img-src [^;]*/.exec(m.getAttribute('content') ?? '')?.[0]);
  const images = (page: Page) => page.$$eval('img', (els) => els.map((e) => e.getAttribute('src')));
  const remoteLinks = (page: Page) => page.$$eval('a.remote-image', (els) => els.map((e) => [e.textContent, e.getAttribute('href')]));
  const EXPECTED_LINKS = [
    ['Error rate', 'https://tracker.example/pixel.gif?reader=1'],
    ['https://tracker.example/scheme-relative.gif', 'https://tracker.example/scheme-relative.gif'],
    ['Plain http', 'http://tracker.example/plain.gif'],
    ['In a cell', 'https://tracker.example/cell.gif'],
  ];

  test('the exported page requests nothing: every remote image is a link, the policy has no https: images', () =>
    closing(newPage(browser()), async (page) => {
      const seen = watch(page);
      await page.setContent(renderFile(REMOTE));
      assert.deepEqual(await images(page), []);
      assert.equal(await imgSrc(page), 'img-src data:');
      assert.deepEqual(await remoteLinks(page), EXPECTED_LINKS);
      assert.deepEqual(await page.$$eval('.document a:not(.remote-image)', (as) => as.map((a) => a.getAttribute('href'))), ['https://tracker.example/page', 'https://example.com/ok']);
      assert.deepEqual(seen, { dialogs: [], requests: [] });
    }));

  test('the webview requests only its own files: every remote image is a link, the policy has no https: images', () => {
    let seen = { dialogs: [] as string[], requests: [] as string[] };
    return closing(openWebview(browser(), bodyOf(REMOTE), { beforeLoad: (page) => (seen = watch(page)) }), async (page) => {
      assert.deepEqual(await images(page), []);
      assert.equal(await imgSrc(page), 'img-src file: data:');
      assert.deepEqual(await remoteLinks(page), EXPECTED_LINKS);
      assert.deepEqual(seen.requests.map((url) => url.replace(/^.*\//, '')), ['preview.html', 'preview.css', 'preview.js']);
    });
  });
});
