import assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  WORKSPACE_ACTION_ITEMS_REQUEST,
  WORKSPACE_POST_MORTEMS_REQUEST,
  type WorkspaceActionItem,
  type WorkspaceActionItemsResult,
  type WorkspacePostMortem,
  type WorkspacePostMortemsResult,
} from '../../shared/protocol';
import { readFixture } from '../paths';
import { CAPABILITIES, type TestClient, at, today, useServer, withServer } from './client';

// The server's workspace is a copy of test/fixtures/workspace: two post-mortems and a README.
const INDEXED = { workspace: 'workspace', initializationOptions: { workspaceIndex: true }, capabilities: { ...CAPABILITIES, window: { workDoneProgress: true } } };
const client = useServer(INDEXED);

const CHECKOUT = 'postmortems/2026-03-14-checkout.md';
const PAYMENTS = 'payments-post-mortem.md';

/** Days from `due` to today, as the server counts them. */
const daysSince = (due: string) => Math.round((Date.parse(today()) - Date.parse(due)) / 86_400_000);

/** Asks for the post-mortems until the index is idle and `until` holds (the index catches up in the background). */
async function postMortems(c: TestClient, until: (r: WorkspacePostMortemsResult) => boolean = () => true): Promise<WorkspacePostMortemsResult> {
  for (let i = 0; ; i++) {
    const result = await c.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST);
    if (!result.indexing && !result.counting && until(result)) return result;
    if (i > 200) assert.fail(`the index did not settle: ${JSON.stringify(result)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const byPath = (c: TestClient, result: WorkspacePostMortemsResult) => Object.fromEntries(result.postMortems.map((p) => [p.uri.slice(c.uri('').length + 1), p]));
const titles = (c: TestClient, result: WorkspacePostMortemsResult) => Object.fromEntries(result.postMortems.map((p) => [p.uri.slice(c.uri('').length + 1), p.title]));

const PAYMENTS_ENTRY: Omit<WorkspacePostMortem, 'uri'> = {
  title: 'Payments API outage: post-mortem',
  status: 'Final',
  date: '2025-12-30',
  severity: 'Critical',
  mttrMinutes: 40,
  mttr: '40m',
  completeness: 1,
  problems: { error: 1, warning: 0, information: 0, hint: 0 },
  problemsCounted: true,
  actionItems: { total: 1, open: 1, overdue: 0 },
};
const CHECKOUT_ENTRY: Omit<WorkspacePostMortem, 'uri'> = {
  title: 'Checkout outage: post-mortem',
  status: 'Draft',
  date: '2026-03-14',
  severity: 'P1',
  mttrMinutes: 70,
  mttr: '1h 10m',
  completeness: 1,
  problems: { error: 0, warning: 1, information: 2, hint: 0 },
  problemsCounted: true,
  actionItems: { total: 4, open: 3, overdue: 2 },
};

test('at start the server indexes every post-mortem of the workspace (not its README), with progress, and watches Markdown files', async () => {
  const result = await postMortems(client);
  assert.match(result.revision, /^[0-9a-z]+:\d+:\d{4}-\d\d-\d\d$/);
  assert.deepEqual(result, {
    revision: result.revision,
    postMortems: [
      { uri: client.uri(PAYMENTS), ...PAYMENTS_ENTRY },
      { uri: client.uri(CHECKOUT), ...CHECKOUT_ENTRY },
    ],
    indexing: false,
    counting: false,
    skipped: [],
  });
  assert.deepEqual(client.progress, [
    { kind: 'begin', title: 'Indexing post-mortems', cancellable: false, message: '0 of 3', percentage: 0 },
    { kind: 'report', message: '1 of 3', percentage: 33 },
    { kind: 'report', message: '2 of 3', percentage: 67 },
    { kind: 'report', message: '3 of 3', percentage: 100 },
    { kind: 'end' },
  ]);
  const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string }[] };
  assert.deepEqual(watchers.watchers.at(-1), { globPattern: '**/*.{md,markdown}' });
});

test('every action item, with its post-mortem, owner, due date, whether done, days overdue and whether it is mine', async () => {
  await postMortems(client);
  const checkout = client.uri(CHECKOUT);
  const item = (uri: string, line: number, postMortem: string, action: string, owner: string | null, due: string, done: boolean, overdue: boolean, mine: boolean): WorkspaceActionItem => ({
    uri,
    line,
    postMortem,
    action,
    owner,
    ownerKey: owner === null ? null : owner.replace(/^@/, '').toLowerCase(),
    due,
    dueText: due,
    done,
    overdueDays: overdue ? daysSince(due) : null,
    mine,
  });
  const expected = (me: string, mine: (owner: string | null) => boolean): WorkspaceActionItemsResult => ({
    items: [
      item(client.uri(PAYMENTS), 17, PAYMENTS_ENTRY.title, 'Rehearse database failover', 'Test Author', '2099-04-01', false, false, mine('Test Author')),
      item(checkout, 17, CHECKOUT_ENTRY.title, 'Add a canary for checkout', '@alex', '2020-01-15', false, true, mine('@alex')),
      item(checkout, 18, CHECKOUT_ENTRY.title, 'Alert on payment errors', 'Alex', '2099-01-01', false, false, mine('Alex')),
      item(checkout, 19, CHECKOUT_ENTRY.title, 'Write the rollback runbook', null, '2020-02-01', false, true, false),
      item(checkout, 20, CHECKOUT_ENTRY.title, 'Roll back the release', 'Sam', '2020-01-01', true, false, false),
    ],
    me,
    today: today(),
    overdue: 2,
  });
  // Without `me`, the workspace's git user name (the test's git configuration: Test Author).
  assert.deepEqual(await client.request(WORKSPACE_ACTION_ITEMS_REQUEST, {}), expected('Test Author', (o) => o === 'Test Author'));
  // `@ALEX` is Alex and @alex.
  assert.deepEqual(await client.request(WORKSPACE_ACTION_ITEMS_REQUEST, { me: ' @ALEX ' }), expected('@ALEX', (o) => o === '@alex' || o === 'Alex'));

  // What the view shows: open items only, by owner, one item of each group (the overdue badge still counts them all).
  const all = expected('Test Author', (o) => o === 'Test Author').items;
  assert.deepEqual(await client.request(WORKSPACE_ACTION_ITEMS_REQUEST, { filters: { open: true }, groupBy: 'owner', limit: 1, limits: { 'owner:': 5 } }), {
    items: [all[1], all[0], all[3]],
    me: 'Test Author',
    today: today(),
    overdue: 2,
    groups: [
      { id: 'owner:owner:alex', label: 'Alex', description: '2 · 1 overdue', total: 2, count: 1 },
      { id: 'owner:owner:test author', label: 'Test Author', description: '1', total: 1, count: 1 },
      { id: 'owner:No owner', label: 'No owner', description: '1 · 1 overdue', total: 1, count: 1 },
    ],
  });
  const overdue = await client.request<WorkspaceActionItemsResult>(WORKSPACE_ACTION_ITEMS_REQUEST, { filters: { overdue: true }, groupBy: 'due', limits: { 'due:Overdue': 1 } });
  assert.deepEqual([overdue.items, overdue.groups], [[all[1], all[3]], [{ id: 'due:Overdue', label: 'Overdue', description: '2 · 2 overdue', total: 2, count: 2 }]]);
});

test('files created, changed, renamed and deleted on disk update the index through the file watcher', async () => {
  const start = await postMortems(client);
  // Asked since the last answer: nothing changed.
  assert.deepEqual(await client.request(WORKSPACE_POST_MORTEMS_REQUEST, { since: start.revision }), { ...start, postMortems: [], removed: [] });
  const notify = (changes: { path: string; type: 1 | 2 | 3 }[]) =>
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(({ path, type }) => ({ uri: client.uri(path), type })) });
  const before = client.workspaceChanges;

  writeFileSync(join(client.root, 'new-post-mortem.md'), readFixture('workspace', PAYMENTS).replace('Payments API outage', 'Search outage'));
  await notify([{ path: 'new-post-mortem.md', type: 1 }]);
  let result = await postMortems(client, (r) => r.postMortems.length === 3);
  assert.deepEqual(titles(client, result), { 'new-post-mortem.md': 'Search outage: post-mortem', [PAYMENTS]: PAYMENTS_ENTRY.title, [CHECKOUT]: CHECKOUT_ENTRY.title });
  assert.deepEqual(byPath(client, result)['new-post-mortem.md'], { ...PAYMENTS_ENTRY, uri: client.uri('new-post-mortem.md'), title: 'Search outage: post-mortem' });
  // Since the first answer: only the new one.
  const since = await client.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST, { since: start.revision });
  assert.deepEqual([since.postMortems.map((p) => p.uri), since.removed], [[client.uri('new-post-mortem.md')], []]);
  // An answer of another run of the server is no base: everything comes.
  assert.equal((await client.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST, { since: `x${start.revision}` })).removed, undefined);

  writeFileSync(join(client.root, 'new-post-mortem.md'), readFixture('workspace', PAYMENTS).replace('Payments API outage', 'Search outage again').replace('| Final |', '| In Review |'));
  await notify([{ path: 'new-post-mortem.md', type: 2 }]);
  result = await postMortems(client, (r) => r.postMortems.some((p) => p.title === 'Search outage again: post-mortem'));
  assert.equal(byPath(client, result)['new-post-mortem.md'].status, 'In Review');

  // A rename is a delete and a create.
  mkdirSync(join(client.root, 'archive'));
  renameSync(join(client.root, 'new-post-mortem.md'), join(client.root, 'archive', 'search.md'));
  await notify([{ path: 'new-post-mortem.md', type: 3 }, { path: 'archive/search.md', type: 1 }]);
  result = await postMortems(client, (r) => r.postMortems.some((p) => p.uri === client.uri('archive/search.md')));
  assert.deepEqual(titles(client, result), { [PAYMENTS]: PAYMENTS_ENTRY.title, [CHECKOUT]: CHECKOUT_ENTRY.title, 'archive/search.md': 'Search outage again: post-mortem' });

  // A file that stops being a post-mortem leaves; one deleted leaves.
  writeFileSync(join(client.root, 'archive', 'search.md'), '# Shopping list\n\n- milk\n');
  await notify([{ path: 'archive/search.md', type: 2 }]);
  result = await postMortems(client, (r) => r.postMortems.length === 2);
  assert.deepEqual(titles(client, result), { [PAYMENTS]: PAYMENTS_ENTRY.title, [CHECKOUT]: CHECKOUT_ENTRY.title });
  const beforeDelete = await postMortems(client);
  rmSync(join(client.root, PAYMENTS));
  await notify([{ path: PAYMENTS, type: 3 }]);
  assert.deepEqual(titles(client, await postMortems(client, (r) => r.postMortems.length === 1)), { [CHECKOUT]: CHECKOUT_ENTRY.title });
  const gone = await client.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST, { since: beforeDelete.revision });
  assert.deepEqual([gone.postMortems, gone.removed], [[], [client.uri(PAYMENTS)]]);
  // A folder deleted takes its post-mortems with it.
  rmSync(join(client.root, 'postmortems'), { recursive: true });
  await notify([{ path: 'postmortems', type: 3 }]);
  assert.deepEqual((await postMortems(client, (r) => r.postMortems.length === 0)).postMortems, []);
  // The views were told.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok(client.workspaceChanges > before);
});

test('an open document is indexed from its editor text as it is edited, and from its file again once closed', () =>
  withServer(INDEXED, async (c) => {
    await postMortems(c);
    const uri = c.uri(CHECKOUT);
    await c.open(uri, readFixture('workspace', CHECKOUT));
    // Line 4 is the Status row: Draft becomes In Review, not saved.
    const status = readFixture('workspace', CHECKOUT).split('\n')[4];
    assert.equal(status, '| **Status** | Draft |');
    await c.change(uri, [{ range: { start: at(4, 0).start, end: { line: 4, character: status.length } }, text: '| **Status** | In Review |' }]);
    // Asked at once after the change: the answer already has it (no debounce to wait for).
    const result = await c.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST);
    assert.equal(byPath(c, result)[CHECKOUT].status, 'In Review');
    // The first action item's owner removed: it has none now.
    const row = c.text(uri).split('\n')[17];
    await c.change(uri, [{ range: { start: { line: 17, character: 0 }, end: { line: 17, character: row.length } }, text: '| Add a canary for checkout |  | 2020-01-15 | Open |' }]);
    const items = await c.request<WorkspaceActionItemsResult>(WORKSPACE_ACTION_ITEMS_REQUEST, {});
    assert.deepEqual(items.items.filter((i) => i.uri === uri && i.line === 17).map((i) => [i.action, i.owner]), [['Add a canary for checkout', null]]);
    // Closed without saving: the file on disk speaks again.
    await c.close(uri);
    const closed = await postMortems(c, (r) => byPath(c, r)[CHECKOUT]?.status === 'Draft');
    assert.deepEqual(byPath(c, closed)[CHECKOUT], { uri, ...CHECKOUT_ENTRY });
  }));

test('a post-mortem opened as it is on disk keeps its entry: the views are not told to refresh until it is edited', () =>
  withServer(INDEXED, async (c) => {
    const start = await postMortems(c);
    // The notification of the index's start comes first.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const changes = c.workspaceChanges;
    const uri = c.uri(CHECKOUT);
    await c.open(uri, readFixture('workspace', CHECKOUT));
    // Past the index's debounce (200 ms): no notification came, and nothing was indexed again.
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(c.workspaceChanges, changes);
    assert.deepEqual(await c.request(WORKSPACE_POST_MORTEMS_REQUEST, { since: start.revision }), { ...start, postMortems: [], removed: [] });
    // Edited: its entry is made again from the editor's text, and the views are told.
    const status = c.text(uri).split('\n')[4];
    await c.change(uri, [{ range: { start: at(4, 0).start, end: { line: 4, character: status.length } }, text: '| **Status** | In Review |' }]);
    const since = await c.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST, { since: start.revision });
    assert.deepEqual(since.postMortems.map((p) => [p.uri, p.status]), [[uri, 'In Review']]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(c.workspaceChanges, changes + 1);
  }));

test('a file over the size limit is skipped, with the reason', () =>
  withServer(INDEXED, async (c) => {
    await postMortems(c);
    writeFileSync(join(c.root, 'huge-post-mortem.md'), Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('huge-post-mortem.md'), type: 1 }] });
    const result = await postMortems(c, (r) => r.skipped.length > 0);
    assert.deepEqual(result.skipped, [{ uri: c.uri('huge-post-mortem.md'), reason: 'is 20.0 MB, over the 20 MB limit: it is not indexed; postmortem lint --max-size reads it' }]);
    assert.equal(result.postMortems.length, 2);
  }));

test('a client that does not ask for the index at start gets it on its first request, and no Markdown watcher', () =>
  withServer({ workspace: 'workspace' }, async (c) => {
    const result = await postMortems(c, (r) => r.postMortems.length === 2);
    const watchers = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.equal(JSON.stringify(watchers!.registerOptions).includes('**/*.{md,markdown}'), false);
    assert.deepEqual(result.postMortems.map((p) => p.title), [PAYMENTS_ENTRY.title, CHECKOUT_ENTRY.title]);
  }));
