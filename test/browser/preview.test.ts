import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatMinutes } from '../../server/src/core/duration';
import type { Metrics } from '../../server/src/core/metrics';
import { lineOf, readRepoFile } from '../paths';
import { RENDER_TODAY, bodyOf, cli, closing, newPage, renderFile, runCli, useBrowser } from './browser';

const CHECKOUT = 'examples/2026-03-14-checkout-latency-post-mortem.md';
const DNS = 'examples/2026-04-02-dns-outage-post-mortem.md';
const MESSY = 'test/fixtures/preview/messy-timeline-post-mortem.md';
const TEMPLATE = 'templates/post-mortem-template.md';

const browser = useBrowser();

/** The file as `postmortem render` exports it, opened in a fresh page. */
async function open(file: string, options: { today?: string; colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const page = await newPage(browser(), options);
  await page.setContent(renderFile(file, options.today));
  return page;
}

function withPage(file: string, options: Parameters<typeof open>[1], check: (page: Page) => Promise<void>): Promise<void> {
  return closing(open(file, options), check);
}

function metricsOf(file: string): Metrics {
  return JSON.parse(cli('metrics', '--format', 'json', file))[0].metrics;
}

/** What a reader sees of each element: its rendered text, white space collapsed. */
const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (els) => els.map((e) => ((e as HTMLElement).innerText ?? e.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe('metrics header', () => {
  for (const file of [CHECKOUT, DNS, MESSY, TEMPLATE]) {
    test(`shows the values of postmortem metrics --format json: ${file}`, () =>
      withPage(file, {}, async (page) => {
        const metrics = metricsOf(file);
        const shown = await page.$$eval('.metrics .metric', (els) =>
          els.map((e) => ({ key: (e as HTMLElement).dataset.metric, minutes: (e as HTMLElement).dataset.minutes ?? null, value: e.querySelector('dd')!.textContent })),
        );
        const others = Object.entries(metrics.timeToMarkerMinutes).filter(([kind]) => kind !== 'detection' && kind !== 'resolved');
        const expected = [['mttd', metrics.mttdMinutes], ['mttr', metrics.mttrMinutes], ['duration', metrics.durationMinutes], ...others] as [string, number | null][];
        assert.deepEqual(
          shown,
          expected.map(([key, minutes]) => ({ key, minutes: minutes === null ? null : String(minutes), value: minutes === null ? '—' : formatMinutes(minutes) })),
        );
        const completeness = await page.$eval('.completeness', (e) => [(e as HTMLElement).dataset.completeness, e.querySelector('.percent')!.textContent, e.querySelector('.left')!.textContent]);
        assert.deepEqual(completeness, [String(metrics.completeness), `${Math.round(metrics.completeness * 100)}%`, `${metrics.placeholdersLeft} placeholder${metrics.placeholdersLeft === 1 ? '' : 's'} left`]);
        const groups = await page.$$eval('.actions .priority', (els) => els.map((e) => [(e as HTMLElement).dataset.priority!, Number(e.querySelector('.count')!.textContent)] as const));
        assert.deepEqual(Object.fromEntries(groups), metrics.actionItems.byPriority);
        assert.equal(await page.$$eval('.actions li.action', (els) => els.length), metrics.actionItems.total);
        assert.equal(await page.$$eval('.actions li.action.no-owner', (els) => els.length), metrics.actionItems.withoutOwner);
      }));
  }

  test('shows the checkout incident as a reader expects, with the formula and rows on hover', () =>
    withPage(CHECKOUT, {}, async (page) => {
      assert.equal(await page.textContent('.pm-title'), 'Post-Mortem: Checkout latency after a dropped index');
      assert.deepEqual(await texts(page, '.badges .badge'), ['INC-2026-042', 'P1', 'Final']);
      assert.deepEqual(await texts(page, '.metrics .metric'), ['MTTD 12m', 'MTTR 1h 10m', 'DURATION 1h 10m', 'TIME TO ROOT CAUSE 36m', 'TIME TO FIX 50m', 'TIME TO RESTORE 1h 3m']);
      const start = lineOf(readRepoFile(CHECKOUT), '| 14:02');
      const detection = lineOf(readRepoFile(CHECKOUT), '| 14:14');
      assert.equal(
        await page.getAttribute('[data-metric="mttd"]', 'title'),
        `MTTD = detection − incident start\n14:14 (row 3, line ${detection + 1}: “Detection (MTTD = T3 - T1)”) − 14:02 (row 1, line ${start + 1}: “Incident start”)\n= 12m`,
      );
      assert.equal(await page.getAttribute('[data-metric="mttd"]', 'data-line'), String(detection));
      assert.deepEqual(await texts(page, '.facts .fact dd'), ['18,400 (6% of user base)', '212,000 (31% error rate during incident)', '100% 0 placeholders left']);
    }));

  test('a metric the timeline cannot give is shown as missing, with what it needs', () =>
    withPage(TEMPLATE, {}, async (page) => {
      assert.deepEqual(await texts(page, '.metrics .metric'), ['MTTD —', 'MTTR —', 'DURATION —']);
      assert.equal(await page.getAttribute('[data-metric="mttd"]', 'title'), 'MTTD = detection − incident start\nNeeds timed “Incident start” and “detection” markers in the timeline.');
      assert.equal(await page.textContent('.timeline .caption'), 'From the timeline table at line 82: 0 of 8 entries on the axis; 1 other timeline not drawn.');
      assert.equal(await page.$$eval('.timeline-notes li.not-filled', (els) => els.length), 8);
    }));
});

describe('problems', () => {
  for (const file of [DNS, MESSY]) {
    test(`lists the diagnostics of postmortem lint, each on its line: ${file}`, () =>
      withPage(file, {}, async (page) => {
        // On the day the page was rendered: overdue action items depend on it.
        const [{ diagnostics }] = JSON.parse(cli('lint', '--format', 'json', '--today', RENDER_TODAY, file)) as [{ diagnostics: { message: string; range: { start: { line: number } } }[] }];
        const shown = await page.$$eval('.problems .problem', (els) => els.map((e) => [Number((e as HTMLElement).dataset.line), e.querySelector('.message')!.textContent]));
        assert.ok(diagnostics.length > 0);
        assert.deepEqual(shown, diagnostics.map((d) => [d.range.start.line, d.message]));
      }));
  }

  test('shows the first ten, and the rest when "N more problems" is clicked', () =>
    withPage(DNS, {}, async (page) => {
      const [{ diagnostics }] = JSON.parse(cli('lint', '--format', 'json', '--today', RENDER_TODAY, DNS)) as [{ diagnostics: { range: { start: { line: number } } }[] }];
      assert.ok(diagnostics.length > 11);
      const visible = () => page.$$eval('.problems .problem', (els) => els.filter((e) => (e as HTMLElement).checkVisibility()).map((e) => Number((e as HTMLElement).dataset.line)));
      const lines = diagnostics.map((d) => d.range.start.line);
      assert.deepEqual(await visible(), lines.slice(0, 10));
      assert.equal(await page.textContent('.problems summary'), `${lines.length - 10} more problems`);
      await page.click('.problems summary');
      assert.deepEqual(await visible(), lines);
    }));

  test('says so when there are none', () =>
    // The day after the incident, before any action item is due.
    withPage(CHECKOUT, { today: '2026-03-15' }, async (page) => {
      assert.equal(await page.textContent('.problems p'), 'No problems found.');
    }));
});

describe('timeline drawing', () => {
  /** The 1-based row of the timeline table that `line` (0-based) of `file` is: rows follow the first `|---` line after the header. */
  const rowOf = (file: string, line: number) => line - readRepoFile(file).split('\n').findIndex((l, i, all) => /^\|\s*-/.test(l) && /time/i.test(all[i - 1])) ;
  const events = async (page: Page, file: string) =>
    (
      await page.$$eval('.timeline-svg g.event', (gs) =>
        gs.map((g) => ({
          line: Number((g as SVGElement).dataset.line),
          minutes: Number((g as SVGElement).dataset.minutes),
          x: Number(g.querySelector('circle')!.getAttribute('cx')),
          outOfOrder: g.classList.contains('out-of-order'),
        })),
      )
    ).map(({ line, ...e }) => ({ index: rowOf(file, line), ...e }));

  for (const [file, count] of [[CHECKOUT, 8], [DNS, 7], [MESSY, 5]] as const) {
    test(`draws every readable entry at its time, left to right: ${file}`, () =>
      withPage(file, {}, async (page) => {
        const drawn = await events(page, file);
        assert.equal(drawn.length, count);
        const byTime = [...drawn].sort((a, b) => a.minutes - b.minutes);
        for (let i = 1; i < byTime.length; i++) assert.ok(byTime[i].x > byTime[i - 1].x, `entry ${byTime[i].index} is right of entry ${byTime[i - 1].index}`);
        // A linear axis: the position is proportional to the time, so gaps show.
        const [first, last] = [byTime[0], byTime[byTime.length - 1]];
        for (const e of byTime) {
          const expected = first.x + ((last.x - first.x) * (e.minutes - first.minutes)) / (last.minutes - first.minutes);
          assert.ok(Math.abs(e.x - expected) < 0.5, `entry ${e.index} at x ${e.x}, expected ${expected}`);
        }
      }));
  }

  test('marks the start, detection and resolution and the metric spans', () =>
    withPage(CHECKOUT, {}, async (page) => {
      assert.deepEqual(await texts(page, '.timeline-svg .marker text'), ['Incident start', 'Detection', 'Root cause', 'Fix', 'Restored', 'Resolved']);
      assert.deepEqual(await texts(page, '.timeline-svg .bar text'), ['MTTD 12m', 'MTTR 1h 10m']);
      assert.equal(await page.$$eval('.timeline-svg .span', (els) => els.map((e) => e.getAttribute('class')).join()), 'span detection,span resolution');
      assert.equal(await page.textContent('.timeline .caption'), 'From the timeline table at line 73: 8 of 8 entries on the axis; 1 other timeline not drawn.');
    }));

  test('shows an entry out of order where its time puts it, and says so', () =>
    withPage(DNS, {}, async (page) => {
      const drawn = await events(page, DNS);
      assert.deepEqual(drawn.filter((e) => e.outOfOrder).map((e) => e.index), [5]);
      assert.ok(drawn.find((e) => e.index === 5)!.x < drawn.find((e) => e.index === 4)!.x);
      assert.deepEqual(await texts(page, '.timeline-notes li'), ['out of order Row 5 (09:45) is earlier than row 4 (09:58) above it — War room opened']);
      assert.equal(await page.getAttribute('.timeline-notes li', 'data-line'), String(lineOf(readRepoFile(DNS), '| 09:45')));
    }));

  test('lists unreadable and unfilled times, draws the rest across midnight, and shows the gap', () =>
    withPage(MESSY, {}, async (page) => {
      const drawn = await events(page, MESSY);
      assert.deepEqual(drawn.map((e) => [e.index, e.minutes]), [[1, 0], [5, 11], [2, 15], [6, 50], [7, 125]]);
      assert.deepEqual(await texts(page, '.timeline-notes li'), [
        'unreadable time Row 3: “23:2O” cannot be read — On-call joins the bridge',
        'not filled in Row 4: {{T4}} — {{EVENT_4}}',
        'out of order Row 5 (23:01) is earlier than row 2 (23:05) above it — Lag dashboard shared in the channel',
      ]);
      assert.deepEqual(await texts(page, '.timeline-svg .gap text'), ['35m without entries', '1h 15m without entries']);
      assert.equal(await page.textContent('.timeline .caption'), `From the timeline table at line ${lineOf(readRepoFile(MESSY), '| 2026-04-10') + 1}: 5 of 7 entries on the axis.`);
    }));
});

describe('action items', () => {
  const items = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => Number((e as HTMLElement).dataset.line)));
  const owners = (page: Page) => page.$$eval('.owners tbody tr', (rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent)));

  test('groups by priority and highlights items without owner or past due', () =>
    withPage(MESSY, { today: '2026-05-01' }, async (page) => {
      assert.deepEqual(await texts(page, '.priority h3'), ['High 2', 'Medium 1', 'Low 1', 'Unset 1']);
      assert.deepEqual(await items(page, '.action.past-due'), [lineOf(readRepoFile(MESSY), '| 1 |'), lineOf(readRepoFile(MESSY), '| 3 |')]);
      assert.deepEqual(await items(page, '.action.no-owner'), [lineOf(readRepoFile(MESSY), '| 3 |'), lineOf(readRepoFile(MESSY), '| 5 |')]);
      assert.equal(await page.textContent('.actions .summary'), '5 items · 2 without owner · 2 past due on 2026-05-01');
      assert.deepEqual(await owners(page), [['Ana Lima', '2', '1'], ['No owner', '2', '1'], ['Ben Osei', '1', '0']]);
      assert.deepEqual(await texts(page, '.action.no-owner .owner'), ['No owner (?)', 'No owner']);
    }));

  test('past due depends only on the day passed in, so the output is the same every run', () =>
    withPage(MESSY, { today: '2026-04-16' }, async (page) => {
      assert.deepEqual(await items(page, '.action.past-due'), [lineOf(readRepoFile(MESSY), '| 3 |')]);
      assert.equal(renderFile(MESSY, '2026-04-16'), renderFile(MESSY, '2026-04-16'));
      assert.notEqual(renderFile(MESSY, '2026-04-16'), renderFile(MESSY, '2026-05-01'));
    }));

  test('without a day to compare with, nothing is past due', () =>
    closing(newPage(browser()), async (page) => {
      await page.setContent(bodyOf(MESSY, {}));
      assert.equal(await page.$$eval('.action.past-due', (els) => els.length), 0);
      assert.equal(await page.textContent('.actions .summary'), '5 items · 2 without owner');
      assert.deepEqual(await texts(page, '.owners thead th'), ['Owner', 'Items']);
    }));

  test('counts items per owner', () =>
    withPage(CHECKOUT, { today: '2026-03-01' }, async (page) => {
      assert.deepEqual(await owners(page), [['Lena Fischer', '2', '0'], ['Sam Ortiz', '2', '0'], ['Tom Okafor', '2', '0'], ['Priya Raman', '1', '0']]);
      assert.equal(await page.$$eval('.action.past-due, .action.no-owner', (els) => els.length), 0);
    }));
});

describe('5 Whys', () => {
  test('a chain of questions and answers ending at the root cause', () =>
    withPage(CHECKOUT, {}, async (page) => {
      assert.deepEqual(await texts(page, '.chain .label'), ['Why 1', 'Why 2', 'Why 3', 'Why 4', 'Why 5', 'Root cause']);
      assert.equal(await page.textContent('.chain .root-cause .answer'), 'CI does not check that a migration keeps the indexes production queries rely on.');
      assert.equal(await page.getAttribute('.chain .root-cause', 'data-line'), String(lineOf(readRepoFile(CHECKOUT), '**Root cause:**')));
      assert.equal(await page.innerHTML('.chain .why:nth-child(3) .answer'), 'The index on <code>customer_id</code> was gone');
    }));

  test('an unfilled root cause is shown as the placeholder it is', () =>
    withPage(DNS, {}, async (page) => {
      assert.equal(await page.textContent('.chain .root-cause .placeholder'), '{{ROOT_CAUSE}}');
    }));
});

describe('postmortem render', () => {
  test('-o writes the page the command prints; usage errors and unreadable files exit 2', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pm-render-')), 'checkout.html');
    assert.equal(runCli('render', CHECKOUT, '--today', '2026-05-01', '-o', out).status, 0);
    assert.equal(readFileSync(out, 'utf8'), renderFile(CHECKOUT, '2026-05-01'));
    for (const args of [[], [CHECKOUT, DNS], [CHECKOUT, '--today', '1 May'], ['no-such-file.md'], ['examples/']]) {
      const run = runCli('render', ...args);
      assert.equal(run.status, 2, `render ${args.join(' ')}`);
      assert.match(run.stderr, /^postmortem: /);
    }
  });
});

describe('the page', () => {
  test('renders the whole document below, with the title once', () =>
    withPage(CHECKOUT, {}, async (page) => {
      assert.deepEqual((await texts(page, '.document h2')).slice(0, 3), ['Document History', 'Blameless Culture Statement', '1. Incident Reference & Metadata']);
      assert.equal(await page.isVisible('.document > h1'), false);
      assert.equal(await page.title(), 'Post-Mortem: Checkout latency after a dropped index');
    }));

  for (const [scheme, background] of [['light', 'rgb(255, 255, 255)'], ['dark', 'rgb(31, 31, 31)']] as const) {
    test(`follows the ${scheme} colour scheme, and prints dark on white`, () =>
      withPage(CHECKOUT, { colorScheme: scheme }, async (page) => {
        assert.equal(await page.$eval('body', (b) => getComputedStyle(b).backgroundColor), background);
        await page.emulateMedia({ media: 'print' });
        assert.deepEqual(await page.$eval('body', (b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]), ['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
      }));
  }

  for (const file of [CHECKOUT, DNS]) {
    test(`fits a 320 px wide panel: only the timeline and wide tables scroll sideways: ${file}`, () =>
      withPage(file, { width: 320 }, async (page) => {
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
        const svg = await page.$eval('.timeline-scroll', (div) => [div.scrollWidth > div.clientWidth, div.querySelector('svg')!.getBoundingClientRect().width]);
        assert.deepEqual(svg, [true, 600]);
        assert.ok(await page.$eval('.problems, .metrics', (e) => parseFloat(getComputedStyle(e).fontSize) >= 13));
      }));
  }
});
