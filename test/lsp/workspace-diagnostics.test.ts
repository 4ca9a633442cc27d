import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { WORKSPACE_POST_MORTEMS_REQUEST, type WorkspacePostMortemsResult } from '../../shared/protocol';
import { readFixture } from '../paths';
import { CAPABILITIES, type ClientOptions, SEVERITY, type TestClient, withServer } from './client';

// The server's workspace is a copy of test/fixtures/workspace-diagnostics: two post-mortems under incidents/ and a README.
const PULLING: ClientOptions = {
  workspace: 'workspace-diagnostics',
  initializationOptions: { workspaceIndex: true },
  capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } }, workspace: { ...CAPABILITIES.workspace, diagnostics: { refreshSupport: true } } },
};
const CHECKOUT = 'incidents/checkout.md';
const PAYMENTS = 'incidents/payments.md';
const CHECKOUT_PROBLEMS = [
  ['action-due', 17, SEVERITY.information],
  ['missing-owner', 19, SEVERITY.warning],
  ['action-due', 19, SEVERITY.information],
];
const PAYMENTS_PROBLEMS = [['metadata', 5, SEVERITY.error]];

/** Waits until the index has read and counted every file. */
async function settled(c: TestClient): Promise<void> {
  for (let i = 0; ; i++) {
    const result = await c.request<WorkspacePostMortemsResult>(WORKSPACE_POST_MORTEMS_REQUEST);
    if (!result.counting && result.postMortems.length) return;
    if (i > 200) assert.fail('the index did not settle');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pull = (c: TestClient, previousResultIds: { uri: string; value: string }[] = [], more: object = {}) =>
  c.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds, ...more });

/** Each report as [path, kind, [code, line, severity] of each diagnostic]. */
const shape = (c: TestClient, report: WorkspaceDiagnosticReport | { items: WorkspaceDocumentDiagnosticReport[] }) =>
  report.items.map((i) => [i.uri.slice(c.uri('').length + 1), i.kind, i.kind === 'full' ? i.items.map((d) => [d.code, d.range.start.line, d.severity]) : null]);

const resultIds = (report: WorkspaceDiagnosticReport) => report.items.filter((i) => i.resultId !== undefined).map((i) => ({ uri: i.uri, value: i.resultId! }));

test('the server pulls the problems of the post-mortems that are not open from the index; unchanged ones answer unchanged; an edit on disk and a deletion change the report', () =>
  withServer(PULLING, async (c) => {
    assert.deepEqual(c.initializeResult!.capabilities.diagnosticProvider, { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: true });
    await settled(c);
    const first = await pull(c);
    assert.deepEqual(shape(c, first), [
      [CHECKOUT, 'full', CHECKOUT_PROBLEMS],
      [PAYMENTS, 'full', PAYMENTS_PROBLEMS],
    ]);
    const payments = first.items[1] as WorkspaceDocumentDiagnosticReport & { kind: 'full' };
    assert.deepEqual(payments.items[0], {
      range: { start: { line: 5, character: 17 }, end: { line: 5, character: 25 } },
      severity: SEVERITY.error,
      code: 'metadata',
      codeDescription: payments.items[0].codeDescription,
      source: 'postmortem',
      message: 'Severity "Critical" is not valid: use one of P0, P1, P2, P3, P4.',
    });
    assert.deepEqual(payments.version, null);
    // The client holds both results: nothing changed.
    const ids = resultIds(first);
    assert.deepEqual(shape(c, await pull(c, ids)), [
      [CHECKOUT, 'unchanged', null],
      [PAYMENTS, 'unchanged', null],
    ]);

    // An edit on disk: the severity fixed, the file's report is new, the other's unchanged; the client is told to ask again.
    const refreshes = c.diagnosticRefreshes;
    writeFileSync(join(c.root, PAYMENTS), readFixture('workspace-diagnostics', PAYMENTS).replace('| Critical |', '| P1 |'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(PAYMENTS), type: 2 }] });
    await settled(c);
    const edited = await pull(c, ids);
    assert.deepEqual(shape(c, edited), [
      [CHECKOUT, 'unchanged', null],
      [PAYMENTS, 'full', []],
    ]);
    assert.notEqual(edited.items[1].resultId, ids[1].value);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.ok(c.diagnosticRefreshes > refreshes);

    // Deleted: the client's diagnostics of it are cleared.
    rmSync(join(c.root, CHECKOUT));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(CHECKOUT), type: 3 }] });
    await settled(c);
    const deleted = await pull(c, resultIds(edited));
    assert.deepEqual(shape(c, deleted), [
      [PAYMENTS, 'unchanged', null],
      [CHECKOUT, 'full', []],
    ]);
  }));

test('an open post-mortem is not in the workspace report (its diagnostics are pushed, its document pull answers none); closed, it is again', () =>
  withServer(PULLING, async (c) => {
    await settled(c);
    const uri = c.uri(CHECKOUT);
    const beforeOpen = await pull(c);
    await c.open(uri, readFixture('workspace-diagnostics', CHECKOUT));
    assert.deepEqual((await c.diagnostics(uri)).diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), CHECKOUT_PROBLEMS);
    assert.deepEqual(await c.request('textDocument/diagnostic', { textDocument: { uri } }), { kind: 'full', items: [] });
    const first = await pull(c);
    assert.deepEqual(shape(c, first), [[PAYMENTS, 'full', PAYMENTS_PROBLEMS]]);
    // Even when the client held a result for it.
    assert.deepEqual(shape(c, await pull(c, [{ uri, value: 'held' }, ...resultIds(first)])), [[PAYMENTS, 'unchanged', null]]);
    await c.close(uri);
    await settled(c);
    // Whole again, even to a client that sends the id it held before the document opened (VS Code's forgets it on close).
    assert.deepEqual(shape(c, await pull(c, resultIds(beforeOpen))), [
      [CHECKOUT, 'full', CHECKOUT_PROBLEMS],
      [PAYMENTS, 'unchanged', null],
    ]);
  }));

test('postmortem.workspace.diagnostics off: the report is empty, and what the client holds is cleared', () =>
  withServer(PULLING, async (c) => {
    await settled(c);
    const first = await pull(c);
    assert.equal(first.items.length, 2);
    c.settings = { workspace: { diagnostics: false } };
    const refreshes = c.diagnosticRefreshes;
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { postmortem: c.settings } });
    assert.deepEqual(shape(c, await pull(c)), []);
    assert.deepEqual(shape(c, await pull(c, resultIds(first))), [
      [CHECKOUT, 'full', []],
      [PAYMENTS, 'full', []],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(c.diagnosticRefreshes > refreshes);
  }));

test('with a partial result token the reports come as $/progress and the answer is empty; with nothing new, the request waits for a change', () =>
  withServer(PULLING, async (c) => {
    await settled(c);
    const answer = await pull(c, [], { partialResultToken: 'partial-1' });
    assert.deepEqual(answer, { items: [] });
    const partial = c.progress.filter((p): p is { items: WorkspaceDocumentDiagnosticReport[] } => typeof p === 'object' && p !== null && 'items' in p);
    assert.deepEqual(shape(c, { items: partial.flatMap((p) => p.items) }), [
      [CHECKOUT, 'full', CHECKOUT_PROBLEMS],
      [PAYMENTS, 'full', PAYMENTS_PROBLEMS],
    ]);
    // All unchanged: held until the index changes.
    const ids = partial.flatMap((p) => p.items).map((i) => ({ uri: i.uri, value: i.resultId! }));
    let answered = false;
    const held = pull(c, ids, { partialResultToken: 'partial-2' }).then((r) => ((answered = true), r));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(answered, false);
    writeFileSync(join(c.root, PAYMENTS), readFixture('workspace-diagnostics', PAYMENTS).replace('| Critical |', '| P1 |'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(PAYMENTS), type: 2 }] });
    assert.deepEqual(await held, { items: [] });
    const last = c.progress.filter((p): p is { items: WorkspaceDocumentDiagnosticReport[] } => typeof p === 'object' && p !== null && 'items' in p).at(-1)!;
    assert.deepEqual(shape(c, last), [
      [CHECKOUT, 'unchanged', null],
      [PAYMENTS, 'full', []],
    ]);
  }));

test('a client that does not pull diagnostics, or does not show the views, is not offered workspace diagnostics', async () => {
  await withServer({ ...PULLING, capabilities: CAPABILITIES }, async (c) => assert.equal(c.initializeResult!.capabilities.diagnosticProvider, undefined));
  await withServer({ ...PULLING, initializationOptions: {} }, async (c) => assert.equal(c.initializeResult!.capabilities.diagnosticProvider, undefined));
});
