// The requests of shared/protocol.ts that the VS Code client asks instead of computing: the
// document's vocabulary and metrics text, New Post-Mortem from Template's form and checks, the
// webview's page.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import {
  ANALYSIS_REQUEST,
  type AnalysisResult,
  CHECK_NEW_DOCUMENT_REQUEST,
  type CheckNewDocumentResult,
  NEW_DOCUMENT_FORM_REQUEST,
  NEW_DOCUMENT_REQUEST,
  type NewDocumentFormResult,
  RENDER_REQUEST,
  type RenderResult,
} from '../../shared/protocol';
import { readExample } from '../paths';
import { today, useServer } from './client';

const DRAFT = readExample('2026-04-02-dns-outage-post-mortem.md');
const DEFAULT_VOCABULARY = { statuses: ['Draft', 'In Review', 'Final', 'Approved'], severities: ['P0', 'P1', 'P2', 'P3', 'P4'], priorities: ['Critical', 'High', 'Medium', 'Low'] };

const client = useServer();

before(() => {
  // A team's own severities, for the post-mortems under incidents/.
  mkdirSync(join(client.root, 'incidents'), { recursive: true });
  writeFileSync(join(client.root, 'incidents', '.postmortemrc.json'), JSON.stringify({ severities: ['SEV1', 'SEV2', 'SEV3'] }));
});

async function failure(method: string, params: unknown): Promise<[number, string]> {
  const e = await client.request(method, params).then(() => assert.fail('expected an error'), (e: ResponseError) => e);
  return [e.code, e.message];
}

test('the analysis carries the vocabulary of the configuration that applies and the metrics as the server writes them', async () => {
  const plain = client.uri('contract-post-mortem.md');
  await client.open(plain, DRAFT);
  const result = await client.request<AnalysisResult>(ANALYSIS_REQUEST, { uri: plain });
  assert.deepEqual(result.vocabulary, DEFAULT_VOCABULARY);
  assert.deepEqual(result.metricsText, { mttd: '19m', mttr: '1h 28m', duration: '1h 28m', withoutOwner: '2 action items', placeholdersLeft: '12 placeholders' });

  const team = client.uri('incidents/contract-post-mortem.md');
  await client.open(team, DRAFT);
  const theirs = await client.request<AnalysisResult>(ANALYSIS_REQUEST, { uri: team });
  assert.deepEqual(theirs.vocabulary, { ...DEFAULT_VOCABULARY, severities: ['SEV1', 'SEV2', 'SEV3'] });
});

test('postmortem/newDocumentForm: the target folder, the severities the nearest .postmortemrc.json there allows, and the answers to start from', async () => {
  const root = client.uri('');
  const year = new Date().getFullYear();
  const form = await client.request<NewDocumentFormResult>(NEW_DOCUMENT_FORM_REQUEST, { workspaceFolder: root, folder: 'incidents/2026' });
  assert.deepEqual(form, {
    folderUri: `${root.replace(/\/$/, '')}/incidents/2026`,
    vocabulary: { ...DEFAULT_VOCABULARY, severities: ['SEV1', 'SEV2', 'SEV3'] },
    defaults: { incidentId: `INC-${year}-`, incidentDate: today() },
  });
  const elsewhere = await client.request<NewDocumentFormResult>(NEW_DOCUMENT_FORM_REQUEST, { workspaceFolder: root });
  assert.equal(elsewhere.folderUri, `${root.replace(/\/$/, '')}/postmortems`);
  assert.deepEqual(elsewhere.vocabulary, DEFAULT_VOCABULARY);
  // No workspace folder: an untitled document, the defaults.
  assert.deepEqual(await client.request<NewDocumentFormResult>(NEW_DOCUMENT_FORM_REQUEST, {}), { vocabulary: DEFAULT_VOCABULARY, defaults: { incidentId: `INC-${year}-`, incidentDate: today() } });
  const [code, message] = await failure(NEW_DOCUMENT_FORM_REQUEST, { workspaceFolder: root, folder: '../elsewhere' });
  assert.equal(code, ErrorCodes.InvalidParams);
  assert.match(message, /points outside the workspace/);
});

test('postmortem/checkNewDocument says what is wrong with each answer given, and postmortem/newDocument refuses the same', async () => {
  const check = (answers: object) => client.request<CheckNewDocumentResult>(CHECK_NEW_DOCUMENT_REQUEST, answers);
  assert.deepEqual(await check({ incidentId: 'INC-2026-042', title: 'Queue backlog', incidentDate: '2026-11-20' }), { problems: {} });
  assert.deepEqual(await check({ incidentId: 'INC-2026-', title: '  ', incidentDate: '2026-02-30' }), {
    problems: { incidentId: 'Write the incident ID as INC-YYYY-SEQ, like INC-2026-042', title: 'Give the post-mortem a title', incidentDate: 'Write the date as YYYY-MM-DD, a day that exists' },
  });
  assert.deepEqual(await failure(CHECK_NEW_DOCUMENT_REQUEST, { incidentId: 42 }), [ErrorCodes.InvalidParams, 'Invalid incidentId: 42, expected a string']);
  assert.deepEqual(await failure(NEW_DOCUMENT_REQUEST, { incidentId: 'INC-2026-1', severity: 'SEV1', title: 'x', incidentDate: '2026-13-01' }), [ErrorCodes.InvalidParams, 'Write the date as YYYY-MM-DD, a day that exists']);
  const { text } = await client.request<{ text: string }>(NEW_DOCUMENT_REQUEST, { incidentId: ' INC-2026-7 ', severity: 'SEV1', title: 'Queue backlog', incidentDate: '2026-11-20' });
  assert.match(text, /^\| \*\*Severity\*\* \| SEV1 \|$/m);
  assert.match(text, /^\| \*\*Incident ID\*\* \| INC-2026-7 \|$/m);
});

test('postmortem/render with the host’s webview shell gives the webview’s whole page, its policy and nonce', async () => {
  const uri = client.uri('contract-post-mortem.md');
  const webview = { cspSource: 'vscode-resource:', nonce: 'bm9uY2U+', styleUri: 'vscode-resource:/media/preview.css', scriptUri: 'vscode-resource:/media/preview.js' };
  const { html } = await client.request<RenderResult>(RENDER_REQUEST, { uri, webview });
  assert.match(html, /^<!doctype html>/i);
  assert.ok(html.includes('script-src &#39;nonce-bm9uY2U+&#39;') && html.includes('img-src vscode-resource: data:'));
  assert.ok(html.includes('<script nonce="bm9uY2U+" src="vscode-resource:/media/preview.js"></script>'));
  const body = await client.request<RenderResult>(RENDER_REQUEST, { uri });
  assert.ok(html.includes(body.html));
  assert.deepEqual(await failure(RENDER_REQUEST, { uri, webview: { ...webview, nonce: undefined } }), [ErrorCodes.InvalidParams, 'Invalid webview.nonce: undefined, expected a string']);
});
