import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { ticketRefs } from '../../server/src/core/tickets';
import { ticketLinks } from '../../server/src/core/features/links';
import { defaultConfig, mergeConfig, parseConfig } from '../../server/src/core/config';
import { span } from '../../server/src/core/text';
import { readFixture } from '../paths';
import { actionItemsSection } from '../../server/src/render/action-items';
import { describe } from './helpers';

const fixture = readFixture('rules', 'action-ticket.md');

test('action-ticket: silent in a Draft and where no Status is given', () => {
  assert.deepEqual(analyze(fixture.replace('In Review', 'Draft')).diagnostics.filter((d) => d.code === 'action-ticket'), []);
  assert.deepEqual(analyze(fixture.replace('> **Status:** In Review\n', '')).diagnostics.filter((d) => d.code === 'action-ticket'), []);
});

test('action-ticket: errors once In Review, for High/Critical/P0/P1 items only; ticketed and done items pass', () => {
  assert.deepEqual(analyze(fixture).diagnostics.filter((d) => d.code === 'action-ticket').map(describe), [
    '10:7-10:19 error Short-term action item 2 ("Add an alert") is High priority and has no ticket: file one so it can be tracked. [action-ticket]',
    '11:61-11:64 error Short-term action item 3 ("Raise the pool") is P1 priority and has no ticket: file one so it can be tracked. [action-ticket]',
  ]);
  const ticketed = fixture.replace('| High |  |\n| 3', '| High | #12 |\n| 3').replace('| TBD |', '| GH-45 |');
  assert.deepEqual(analyze(ticketed).diagnostics.filter((d) => d.code === 'action-ticket'), []);
  // A table without a ticket column does not track tickets.
  const untracked = '# Post-Mortem\n\n> **Status:** In Review\n\n## Action Items\n\n| # | Action | Owner | Due | Priority |\n|---|---|---|---|---|\n| 1 | Add an alert | Alice Moreau | 2026-05-01 | High |\n';
  assert.equal(analyze(untracked).model.actionItems[0].priority?.text, 'High');
  assert.deepEqual(analyze(untracked).diagnostics.filter((d) => d.code === 'action-ticket'), []);
});

test('ticketRefs: IDs and URLs with exact ranges, not words that only look like them', () => {
  const line = 'Fix it (PROJ-123, #45, GH-7) see https://tracker.example/browse/X-1. Not UTF-8 or abc#9 or A-1';
  const refs = ticketRefs(span(3, line, 0, line.length));
  assert.deepEqual(refs.map((r) => [r.text, r.prefix, r.number, r.range.start.character, r.range.end.character]), [
    ['PROJ-123', 'PROJ', '123', 8, 16],
    ['#45', '#', '45', 18, 21],
    ['GH-7', 'GH', '7', 23, 27],
    ['https://tracker.example/browse/X-1', undefined, undefined, 33, 67],
    ['UTF-8', 'UTF', '8', 73, 78],
  ]);
  assert.deepEqual(ticketRefs(span(3, line, 0, line.length), true).map((r) => r.text), ['PROJ-123', '#45', 'GH-7', 'https://tracker.example/browse/X-1']);
  assert.ok(refs.every((r) => r.range.start.line === 3));
});

const links = [
  '# Post-Mortem: Links',
  '',
  '### Short-Term Fixes (This Sprint)',
  '',
  '| # | Action | Owner | Due | Priority | Ticket |',
  '|---|--------|-------|-----|----------|--------|',
  '| 1 | Add a canary | Alice Moreau | 2026-05-01 | High | OPS-101, #7 |',
  '| 2 | Add an alert | Alice Moreau | 2026-05-01 | High | https://tracker.example/browse/OPS-9 |',
  '',
  '## Action Items',
  '',
  '- [ ] Pin the UTF-8 driver (owner: Bob) GH-45',
  '',
].join('\n');

function linksOf(ticketUrl: Parameters<typeof ticketLinks>[2]) {
  return ticketLinks(analyze(links).model, analyze(links).src, ticketUrl).map(({ range: { start, end }, target }) => `${start.line}:${start.character}-${end.line}:${end.character} ${target}`);
}

test('ticket links: none without a ticketUrl; one template links every ID, URLs are left to the editor', () => {
  assert.deepEqual(linksOf(undefined), []);
  assert.deepEqual(linksOf('https://tracker.example/browse/{id}'), [
    '6:56-6:63 https://tracker.example/browse/OPS-101',
    '6:65-6:67 https://tracker.example/browse/7',
    '11:40-11:45 https://tracker.example/browse/GH-45',
  ]);
});

test('ticket links: one template per prefix, `*` for the others, {n} the number alone', () => {
  assert.deepEqual(linksOf({ OPS: 'https://tracker.example/browse/{id}', '#': 'https://github.com/o/r/issues/{n}' }), [
    '6:56-6:63 https://tracker.example/browse/OPS-101',
    '6:65-6:67 https://github.com/o/r/issues/7',
  ]);
  assert.deepEqual(linksOf({ '*': 'https://t.example/{n}?p={id}' }), [
    '6:56-6:63 https://t.example/101?p=OPS-101',
    '6:65-6:67 https://t.example/7?p=7',
    '11:40-11:45 https://t.example/45?p=GH-45',
  ]);
});

test('config: a bad ticketUrl is reported with its path and the reason, and the defaults apply', () => {
  assert.deepEqual(parseConfig('{ "ticketUrl": { "OPS": "https://t.example/{id}", "#": "https://github.com/o/r/issues/{n}" } }').problems, []);
  assert.deepEqual(parseConfig('{ "ticketUrl": "https://t.example/{id}" }').config.ticketUrl, 'https://t.example/{id}');
  const { config, problems } = parseConfig('{ "ticketUrl": { "ops": "https://t.example/{id}", "GH": "javascript:alert({n})" } }');
  assert.equal(config.ticketUrl, undefined);
  assert.deepEqual(problems, [
    '"ticketUrl" key "ops" is not a ticket prefix: use capitals and digits (PROJ, GH), # or *',
    '"ticketUrl.GH" is not a ticket URL template: give an http(s) URL with {id} or {n} where the ticket goes',
  ]);
  assert.deepEqual(parseConfig('{ "ticketUrl": "https://t.example/browse/" }').problems, [
    '"ticketUrl" is not a ticket URL template: give an http(s) URL with {id} or {n} where the ticket goes',
  ]);
  assert.deepEqual(parseConfig('{ "ticketUrl": 42 }').problems, ['"ticketUrl" must be string,object']);
});

test('config: ticketUrl from the file beside the document wins over the one before it', () => {
  assert.equal(mergeConfig({ ...defaultConfig(), ticketUrl: 'https://a/{id}' }, { ticketUrl: 'https://b/{id}' }).ticketUrl, 'https://b/{id}');
  assert.equal(mergeConfig({ ...defaultConfig(), ticketUrl: 'https://a/{id}' }, {}).ticketUrl, 'https://a/{id}');
  assert.equal('ticketUrl' in mergeConfig(defaultConfig(), {}), false);
});

test('preview: ticket cells link their IDs through ticketUrl and their URLs; without a template IDs stay text', () => {
  const tickets = (ticketUrl?: string) =>
    [...actionItemsSection(analyze(links, { config: { ...defaultConfig(), ...(ticketUrl ? { ticketUrl } : {}) } })).matchAll(/<span class="ticket">(.*?)<\/span>/g)].map((m) => m[1]);
  assert.deepEqual(tickets('https://t.example/browse/{id}'), [
    '<a href="https://t.example/browse/OPS-101">OPS-101</a>, <a href="https://t.example/browse/7">#7</a>',
    '<a href="https://tracker.example/browse/OPS-9">https://tracker.example/browse/OPS-9</a>',
  ]);
  assert.deepEqual(tickets(), ['OPS-101, #7', '<a href="https://tracker.example/browse/OPS-9">https://tracker.example/browse/OPS-9</a>']);
});
