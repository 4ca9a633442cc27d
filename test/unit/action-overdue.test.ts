import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { readFixture } from '../paths';
import { describe } from './helpers';

// test/fixtures/rules/action-overdue.md: open, done, future, unreadable, written-out and quarter due
// dates in a table, and list items with `due …` and `Due: …`; its .expected is the run without a today.
const FIXTURE = readFixture('rules', 'action-overdue.md');
const overdue = (text: string, today: string) => analyze(text, { fix: { today } }).diagnostics.filter((d) => d.code === 'action-due').map(describe);
const UNREADABLE = '14:40-14:49 warning Short-term action item 4 ("Fix the runbook") has due date "last week", which cannot be read: write it as YYYY-MM-DD. [action-due]';

test('action-due: no today, no overdue items; the unreadable date is reported as before', () => {
  assert.deepEqual(analyze(FIXTURE).diagnostics.map(describe), [UNREADABLE]);
});

test('action-due: open items past their date are information in a Draft, with the date as written and how long ago', () => {
  assert.deepEqual(overdue(FIXTURE, '2026-04-01'), [
    '11:37-11:47 information Short-term action item 1 ("Add a canary") was due 2026-03-20, 12 days ago: do it, or move the date. [action-due]',
    UNREADABLE,
    '15:39-15:57 information Short-term action item 5 ("Split the pool") was due March 31, 2026, 1 day ago: do it, or move the date. [action-due]',
    '16:37-16:44 information Short-term action item 6 ("Page the DBA") was due Q1 2026, 1 day ago: do it, or move the date. [action-due]',
    '20:51-20:61 information Action item 1 ("Cap the agent memory") was due 2026-03-31, 1 day ago: do it, or move the date. [action-due]',
  ]);
});

test('action-due: overdue items are warnings once the document leaves Draft; the unreadable date is an error there as before', () => {
  assert.deepEqual(overdue(FIXTURE.replace('Draft', 'In Review'), '2026-04-05'), [
    '11:37-11:47 warning Short-term action item 1 ("Add a canary") was due 2026-03-20, 16 days ago: do it, or move the date. [action-due]',
    UNREADABLE.replace(' warning ', ' error '),
    '15:39-15:57 warning Short-term action item 5 ("Split the pool") was due March 31, 2026, 5 days ago: do it, or move the date. [action-due]',
    '16:37-16:44 warning Short-term action item 6 ("Page the DBA") was due Q1 2026, 5 days ago: do it, or move the date. [action-due]',
    '20:51-20:61 warning Action item 1 ("Cap the agent memory") was due 2026-03-31, 5 days ago: do it, or move the date. [action-due]',
    '22:49-22:59 warning Action item 3 ("Review the limits") was due 2026-04-02, 3 days ago: do it, or move the date. [action-due]',
  ]);
});

test('action-due: done items are never overdue, and an item due today or later is not yet', () => {
  // Rows 2 (Done, 2026-03-01) and list item 2 ([x], 2026-03-02) are long past; row 3 is due 2026-04-30.
  assert.deepEqual(overdue(FIXTURE, '2026-04-30').filter((d) => /"(Rotate the keys|Roll back the config|Alert on zero queries)"/.test(d)), []);
  assert.deepEqual(overdue(FIXTURE, '2026-05-01').filter((d) => d.includes('Alert on zero queries')), [
    '13:46-13:56 information Short-term action item 3 ("Alert on zero queries") was due 2026-04-30, 1 day ago: do it, or move the date. [action-due]',
  ]);
  // Across a year's end and a leap day.
  assert.deepEqual(overdue('# Post-Mortem: X\n\n## Next steps\n\n- [ ] Renew the cert (Owner: Ana, due 2027-12-31)\n', '2028-03-01'), [
    '5:39-5:49 information Action item 1 ("Renew the cert") was due 2027-12-31, 61 days ago: do it, or move the date. [action-due]',
  ]);
});

test('action-due: a configured level still wins over the overdue severity', () => {
  const config = { ...defaultConfig(), rules: { 'action-due': 'error' as const } };
  const found = analyze(FIXTURE, { config, fix: { today: '2026-04-01' } }).diagnostics.filter((d) => d.code === 'action-due');
  assert.deepEqual(found.map((d) => d.severity), ['error', 'error', 'error', 'error', 'error']);
});
