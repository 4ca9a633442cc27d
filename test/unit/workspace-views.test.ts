import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { isMine, overdueDays, summarizeForWorkspace } from '../../server/src/core/workspace';
import type { WorkspaceActionItem, WorkspacePostMortem } from '../../shared/protocol';
import { actionItemLabel, applyPostMortems, filterActionItems, groupActionItems, groupPostMortems, overdueCount, pageGroups, postMortemDescription, postMortemTooltip, unpageGroups } from '../../shared/workspace-views';
import { readFixture } from '../paths';

const pm = (uri: string, status: WorkspacePostMortem['status'], date: string | null, extra: Partial<WorkspacePostMortem> = {}): WorkspacePostMortem => ({
  uri,
  title: uri.toUpperCase(),
  status,
  date,
  severity: 'P1',
  mttrMinutes: 70,
  mttr: '1h 10m',
  completeness: 0.8,
  problems: { error: 0, warning: 0, information: 0, hint: 0 },
  problemsCounted: true,
  actionItems: { total: 0, open: 0, overdue: 0 },
  ...extra,
});

const item = (uri: string, line: number, owner: string | null, due: string | null, extra: Partial<WorkspaceActionItem> = {}): WorkspaceActionItem => ({
  uri,
  line,
  postMortem: `Title ${uri}`,
  action: `Action ${uri}:${line}`,
  owner,
  ownerKey: owner === null ? null : owner.replace(/^@/, '').toLowerCase(),
  due,
  dueText: due ?? '',
  done: false,
  overdueDays: null,
  mine: false,
  ...extra,
});

test('the summary the index keeps of a post-mortem: title, status, date, severity, MTTR, completeness, problems and every action item', () => {
  const text = readFixture('workspace', 'postmortems', '2026-03-14-checkout.md');
  const summary = summarizeForWorkspace('postmortems/2026-03-14-checkout.md', analyze(text, { fix: { today: '2026-11-30' } }), '2026-11-30');
  assert.deepEqual(summary, {
    title: 'Checkout outage: post-mortem',
    status: 'Draft',
    date: '2026-03-14',
    severity: 'P1',
    mttrMinutes: 70,
    mttr: '1h 10m',
    completeness: 1,
    problems: { error: 0, warning: 1, information: 2, hint: 0 },
    items: [
      { line: 17, action: 'Add a canary for checkout', owner: '@alex', due: '2020-01-15', dueText: '2020-01-15', done: false },
      { line: 18, action: 'Alert on payment errors', owner: 'Alex', due: '2099-01-01', dueText: '2099-01-01', done: false },
      { line: 19, action: 'Write the rollback runbook', owner: null, due: '2020-02-01', dueText: '2020-02-01', done: false },
      { line: 20, action: 'Roll back the release', owner: 'Sam', due: '2020-01-01', dueText: '2020-01-01', done: true },
    ],
    withoutOwner: 1,
    incidents: [{ date: '2026-03-14', severity: 'P1', mttdMinutes: 10, mttrMinutes: 70, line: 0 }],
    services: [],
    factorCategories: [],
    rootCauseCategories: [],
  });
});

test('overdue days are counted from the due date kept, on the day asked; done items and undated ones are never overdue', () => {
  assert.equal(overdueDays({ due: '2026-03-01', done: false }, '2026-03-11'), 10);
  assert.equal(overdueDays({ due: '2026-03-11', done: false }, '2026-03-11'), null);
  assert.equal(overdueDays({ due: '2026-03-01', done: true }, '2026-03-11'), null);
  assert.equal(overdueDays({ due: null, done: false }, '2026-03-11'), null);
  // Across a daylight-saving change the count is still in whole days.
  assert.equal(overdueDays({ due: '2026-03-01', done: false }, '2026-04-01'), 31);
});

test('mine: the owner is me in any case, with or without @; nobody is mine without a me', () => {
  assert.equal(isMine('@alex', 'Alex'), true);
  assert.equal(isMine('ALEX', ' @alex '), true);
  assert.equal(isMine('Alex Smith', 'Alex'), false);
  assert.equal(isMine(null, 'Alex'), false);
  assert.equal(isMine('Alex', undefined), false);
  assert.equal(isMine('Alex', '  '), false);
});

test('post-mortems grouped by status (Draft first) or by year (the latest first, undated last), the latest incident first in each', () => {
  const list = [pm('a', 'Final', '2025-06-01'), pm('b', 'Draft', '2026-01-02'), pm('c', 'Draft', '2026-03-01'), pm('d', 'In Review', null)];
  assert.deepEqual(
    groupPostMortems(list, 'status').map((g) => [g.id, g.label, g.description, g.items.map((p) => p.uri)]),
    [
      ['status:Draft', 'Draft', '2', ['c', 'b']],
      ['status:In Review', 'In Review', '1', ['d']],
      ['status:Final', 'Final', '1', ['a']],
    ],
  );
  assert.deepEqual(
    groupPostMortems(list, 'year').map((g) => [g.label, g.items.map((p) => p.uri)]),
    [
      ['2026', ['c', 'b']],
      ['2025', ['a']],
      ['No date', ['d']],
    ],
  );
});

test("a post-mortem's description and tooltip: date, severity, MTTR, completeness and problems, what is known", () => {
  const full = pm('a', 'Draft', '2026-03-14', { problems: { error: 1, warning: 2, information: 0, hint: 0 }, actionItems: { total: 3, open: 2, overdue: 1 } });
  assert.equal(postMortemDescription(full), '2026-03-14 · P1 · MTTR 1h 10m · 80% complete · 3 problems');
  assert.equal(postMortemTooltip(full), 'A\nDraft · 2026-03-14 · P1 · MTTR 1h 10m · 80% complete · 3 problems\n3 problems: 1 errors, 2 warnings, 0 information, 0 hints\n3 action items, 2 open, 1 overdue');
  const bare = pm('b', 'Final', null, { severity: 'Unset', mttr: null, mttrMinutes: null, completeness: 1 });
  assert.equal(postMortemDescription(bare), '100% complete');
  assert.equal(postMortemTooltip(bare).split('\n')[2], 'No problems');
  // Read without its rules (the index's first pass): no count yet, and the tooltip says so.
  const uncounted = pm('c', 'Draft', '2026-03-14', { problemsCounted: false });
  assert.equal(postMortemDescription(uncounted), '2026-03-14 · P1 · MTTR 1h 10m · 80% complete');
  assert.equal(postMortemTooltip(uncounted), 'C\nDraft · 2026-03-14 · P1 · MTTR 1h 10m · 80% complete\nProblems not counted yet\n0 action items, 0 open, 0 overdue');
});

const ITEMS = [
  item('x', 1, '@alex', '2026-03-01', { overdueDays: 10 }),
  item('x', 2, 'Alex', '2026-05-01', { mine: true }),
  item('y', 3, null, '2026-03-05', { overdueDays: 6 }),
  item('y', 4, 'Sam', '2026-03-15'),
  item('y', 5, 'Sam', '2026-01-01', { done: true }),
  item('z', 6, 'bo', null),
];

test('filters: open, overdue, without owner (open ones), mine; combined, an item must pass each', () => {
  const lines = (f: Parameters<typeof filterActionItems>[1]) => filterActionItems(ITEMS, f).map((i) => i.line);
  assert.deepEqual(lines({}), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(lines({ open: true }), [1, 2, 3, 4, 6]);
  assert.deepEqual(lines({ overdue: true }), [1, 3]);
  assert.deepEqual(lines({ withoutOwner: true }), [3]);
  assert.deepEqual(lines({ mine: true }), [2]);
  assert.deepEqual(lines({ open: true, overdue: true, withoutOwner: true }), [3]);
  assert.equal(overdueCount(ITEMS), 2);
});

test('action items grouped by owner (one owner whatever the @ and case, the most overdue first, no owner last), by post-mortem, by due date', () => {
  const shape = (by: 'owner' | 'postMortem' | 'due') => groupActionItems(ITEMS, by, '2026-03-11').map((g) => [g.label, g.description, g.items.map((i) => i.line)]);
  assert.deepEqual(shape('owner'), [
    ['Alex', '2 · 1 overdue', [1, 2]],
    ['bo', '1', [6]],
    ['Sam', '2', [5, 4]],
    ['No owner', '1 · 1 overdue', [3]],
  ]);
  assert.deepEqual(shape('postMortem'), [
    ['Title x', '2 · 1 overdue', [1, 2]],
    ['Title y', '3 · 1 overdue', [3, 5, 4]],
    ['Title z', '1', [6]],
  ]);
  assert.deepEqual(shape('due'), [
    ['Overdue', '2 · 2 overdue', [1, 3]],
    ['Due within 7 days', '1', [4]],
    ['Due later', '1', [2]],
    ['No due date', '1', [6]],
    ['Done', '1', [5]],
  ]);
});

test("an item's row: the action, and who, when, how late and where, less what its group says", () => {
  assert.deepEqual(actionItemLabel(ITEMS[0], 'owner'), {
    label: 'Action x:1',
    description: 'due 2026-03-01 · 10 days overdue · Title x',
    tooltip: 'Action x:1\nOwner: @alex\nDue: 2026-03-01\nState: 10 days overdue\nTitle x, line 2',
  });
  assert.equal(actionItemLabel(ITEMS[2], 'postMortem').description, 'no owner · due 2026-03-05 · 6 days overdue');
  assert.equal(actionItemLabel(ITEMS[4], 'due').description, 'Sam · due 2026-01-01 · done · Title y');
  assert.equal(actionItemLabel(ITEMS[5], 'due').description, 'bo · Title z');
});

test('a grouped answer carries the first items of each group, more of those asked for, and unpages back into the groups', () => {
  const groups = groupActionItems(ITEMS, 'due', '2026-03-11');
  const { items, groups: pages } = pageGroups(groups, 1, { 'due:Overdue': 5 });
  assert.deepEqual(pages, [
    { id: 'due:Overdue', label: 'Overdue', description: '2 · 2 overdue', total: 2, count: 2 },
    { id: 'due:Due within 7 days', label: 'Due within 7 days', description: '1', total: 1, count: 1 },
    { id: 'due:Due later', label: 'Due later', description: '1', total: 1, count: 1 },
    { id: 'due:No due date', label: 'No due date', description: '1', total: 1, count: 1 },
    { id: 'due:Done', label: 'Done', description: '1', total: 1, count: 1 },
  ]);
  assert.deepEqual(items.map((i) => i.line), [1, 3, 4, 2, 6, 5]);
  assert.deepEqual(unpageGroups(items, pages).map((g) => [g.id, g.total, g.items.map((i) => i.line)]), [
    ['due:Overdue', 2, [1, 3]],
    ['due:Due within 7 days', 1, [4]],
    ['due:Due later', 1, [2]],
    ['due:No due date', 1, [6]],
    ['due:Done', 1, [5]],
  ]);
  const none = pageGroups(groupActionItems(ITEMS, 'owner', '2026-03-11'), 0);
  assert.deepEqual(none.items, []);
  assert.deepEqual(none.groups.map((g) => [g.label, g.total, g.count]), [['Alex', 2, 0], ['bo', 1, 0], ['Sam', 2, 0], ['No owner', 1, 0]]);
});

test('the post-mortems a view holds, brought up to a whole answer or to what changed since', () => {
  const known = new Map<string, WorkspacePostMortem>();
  const [a, b, c] = [pm('a', 'Draft', null), pm('b', 'Final', null), pm('c', 'Final', null)];
  assert.deepEqual(applyPostMortems(known, { postMortems: [b, a] }), [a, b]);
  const a2 = { ...a, title: 'A again' };
  assert.deepEqual(applyPostMortems(known, { postMortems: [c, a2], removed: ['b'] }), [a2, c]);
  assert.deepEqual(applyPostMortems(known, { postMortems: [], removed: [] }), [a2, c]);
  // A whole answer replaces what was held.
  assert.deepEqual(applyPostMortems(known, { postMortems: [b] }), [b]);
});
