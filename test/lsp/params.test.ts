import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { readFixture } from '../paths';
import { at, useServer } from './client';

const client = useServer();
let uri: string;
before(async () => {
  uri = await client.openLinted('params-post-mortem.md', readFixture('lsp', 'dns-outage-post-mortem.md'));
});

/** The error a request gets, as [code, message]; it must fail. */
async function failure(method: string, params?: unknown): Promise<[number, string]> {
  const error = await client.request(method, params).then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof ResponseError, `${method} ${JSON.stringify(params)} should fail`);
  return [error.code, error.message];
}

test('a command is looked up among the server’s own: no inherited property is one', async () => {
  for (const command of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    assert.deepEqual(await failure('workspace/executeCommand', { command, arguments: [uri] }), [ErrorCodes.InvalidParams, `Unknown command: ${command}`]);
  }
  assert.deepEqual(await failure('workspace/executeCommand', { command: 42 }), [ErrorCodes.InvalidParams, 'Unknown command: 42']);
  assert.deepEqual(await failure('workspace/executeCommand', {}), [ErrorCodes.InvalidParams, 'Unknown command: undefined']);
  assert.deepEqual(await failure('workspace/executeCommand', { command: 'postmortem.sortTimeline', arguments: uri }), [ErrorCodes.InvalidParams, `Invalid arguments: "${uri}", expected an array`]);
  assert.deepEqual(await failure('workspace/executeCommand', { command: 'postmortem.sortTimeline', arguments: [7] }), [ErrorCodes.InvalidParams, 'Unknown document: 7']);
  assert.deepEqual(await failure('workspace/executeCommand', { command: 'postmortem.server.setStatus', arguments: [uri, { toString: 'Final' }] }), [ErrorCodes.InvalidParams, 'Expected one of Draft, In Review, Final, Approved']);
});

test('code actions: a kind filter that is not an array of strings, or a context that is not an object, is invalid', async () => {
  const codeAction = (context: unknown) => failure('textDocument/codeAction', { textDocument: { uri }, range: at(48, 33), context });
  assert.deepEqual(await codeAction({ diagnostics: [], only: 'quickfix' }), [ErrorCodes.InvalidParams, 'Invalid context.only: "quickfix", expected an array of strings']);
  assert.deepEqual(await codeAction({ diagnostics: [], only: [1] }), [ErrorCodes.InvalidParams, 'Invalid context.only: [1], expected an array of strings']);
  assert.deepEqual(await codeAction('quickfix'), [ErrorCodes.InvalidParams, 'Invalid context: "quickfix", expected an object']);
  assert.deepEqual(await failure('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: '48', character: 0 }, end: { line: 48, character: 0 } }, context: { diagnostics: [] } }), [
    ErrorCodes.InvalidParams,
    'Invalid position: {"line":"48","character":0}',
  ]);
  // A valid filter still works.
  const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: at(48, 33), context: { diagnostics: [], only: ['quickfix'] } });
  assert.equal(actions[0].title, 'Change to 19 minutes');
});

test('positions and documents of the wrong type, and missing ones, are invalid params', async () => {
  assert.deepEqual(await failure('textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 0 } }), [ErrorCodes.InvalidParams, 'Invalid position: {"line":1.5,"character":0}']);
  assert.deepEqual(await failure('textDocument/hover', { position: { line: 1, character: 0 } }), [ErrorCodes.InvalidParams, 'Unknown document: undefined']);
  assert.deepEqual(await failure('textDocument/hover', { textDocument: { uri: 5 }, position: { line: 1, character: 0 } }), [ErrorCodes.InvalidParams, 'Unknown document: 5']);
  assert.deepEqual(await failure('textDocument/documentSymbol', { textDocument: null }), [ErrorCodes.InvalidParams, 'Unknown document: undefined']);
  assert.deepEqual(await failure('postmortem/render', { uri, showProblems: 'no' }), [ErrorCodes.InvalidParams, 'Invalid showProblems: "no", expected true or false']);
  assert.deepEqual(await failure('postmortem/render', { uri, today: 20260401 }), [ErrorCodes.InvalidParams, 'Invalid date: 20260401, not YYYY-MM-DD']);
  assert.deepEqual(await failure('postmortem/newDocument', { incidentId: 'INC-2026-1', severity: 'P1', title: 7, incidentDate: '2026-04-01' }), [ErrorCodes.InvalidParams, 'Invalid title: 7, expected a string']);
  assert.deepEqual(await failure('postmortem/newDocument', []), [ErrorCodes.InvalidParams, 'Invalid params: [], expected an object']);
});
