import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { ticketRefs } from '../../server/src/core/tickets';
import { span } from '../../server/src/core/text';
import { readFixture } from '../paths';
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
