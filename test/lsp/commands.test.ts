import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { TEMPLATE_TEXT } from '../../server/src/core/template';
import { type AnalysisResult, NEW_DOCUMENT_REQUEST, SERVER_COMMANDS } from '../../shared/protocol';
import { lineOf, readExample } from '../paths';
import { useServer } from './client';

const DRAFT = readExample('2026-04-02-dns-outage-post-mortem.md');
/** Where the draft's lines stand, found by what they say. */
const AUTHOR = lineOf(DRAFT, '> **Author:**');
const ROOT_CAUSE_FOUND = lineOf(DRAFT, '| 09:58 | Missing forwarders');
const MTTD = lineOf(DRAFT, '**MTTD (Mean Time to Detect):**');

const client = useServer();
let opened = 0;

const open = (text: string) => client.openLinted(`command-${++opened}-post-mortem.md`, text);

/** Runs a server command on `uri` and waits for the diagnostics of the version its edit made. */
async function run(uri: string, command: string, ...args: unknown[]): Promise<unknown> {
  const version = client.docs.get(uri)!.version;
  const next = client.nextDiagnostics(uri, (p) => p.version === version + 1);
  const result = await client.request('workspace/executeCommand', { command, arguments: [uri, ...args] });
  if ((result as { applied: boolean }).applied) await next;
  return result;
}

test('Sort Timeline, Update Stated Metrics and Remove Guidance Comments edit the document in one step each', async () => {
  const uri = await open(DRAFT);
  assert.deepEqual(await run(uri, SERVER_COMMANDS.sortTimeline), { applied: true });
  const sorted = client.text(uri).split('\n');
  // The two rows out of order (09:58 before 09:45) trade places.
  assert.deepEqual(sorted.slice(ROOT_CAUSE_FOUND, ROOT_CAUSE_FOUND + 2), ['| 09:45 | War room opened | |', '| 09:58 | Missing forwarders found in the resolver config | ← Root cause identified |']);
  assert.deepEqual(await run(uri, SERVER_COMMANDS.updateMetrics), { applied: true });
  assert.equal(client.text(uri).split('\n')[MTTD], '**MTTD (Mean Time to Detect):** 19 minutes');
  assert.equal(client.text(uri).split('\n')[MTTD + 1], '**MTTR (Mean Time to Resolve):** 88 minutes');
  assert.deepEqual(await run(uri, SERVER_COMMANDS.removeGuidance), { applied: true });
  assert.equal(client.text(uri).includes('GUIDANCE'), false);
  const codes = analyze(client.text(uri)).diagnostics.map((d) => d.code);
  assert.deepEqual(codes.filter((c) => ['timeline-order', 'metric-mismatch', 'leftover-guidance'].includes(c)), []);
  for (const command of [SERVER_COMMANDS.sortTimeline, SERVER_COMMANDS.updateMetrics, SERVER_COMMANDS.removeGuidance]) {
    assert.deepEqual(await run(uri, command), { applied: false }, `${command} again has nothing to do`);
  }
});

test('Insert Section, Set Status and Fill Placeholder Everywhere take what the user picked', async () => {
  const uri = await open(DRAFT.replace(/## 8\. Where We Got Lucky[\s\S]*?(?=## 9\.)/, ''));
  assert.deepEqual(await run(uri, SERVER_COMMANDS.insertSection, '8. Where We Got Lucky'), { applied: true });
  const lines = client.text(uri).split('\n');
  assert.ok(lines.indexOf('## 8. Where We Got Lucky') > lines.indexOf('## 7. What Went Wrong') && lines.indexOf('## 8. Where We Got Lucky') < lines.indexOf('## 9. Action Items'));
  await run(uri, SERVER_COMMANDS.setStatus, 'In Review');
  assert.deepEqual(client.text(uri).match(/\*\*Status:?\*\*:? \|? ?[A-Za-z ]+/g), ['**Status:** In Review', '**Status** | In Review ']);
  await run(uri, SERVER_COMMANDS.fillPlaceholder, 'AUTHOR', 'Jordan Lee');
  assert.ok(client.text(uri).includes('> **Author:** Jordan Lee'));
});

test('the analysis gives placeholders, the template sections and what blocks leaving Draft', async () => {
  const uri = await open(DRAFT);
  const result = await client.request<AnalysisResult>('postmortem/analysis', { uri });
  const author = DRAFT.split('\n')[AUTHOR].indexOf('{{AUTHOR}}');
  assert.deepEqual(result.placeholders[0], { name: 'AUTHOR', range: { start: { line: AUTHOR, character: author }, end: { line: AUTHOR, character: author + '{{AUTHOR}}'.length } } });
  assert.deepEqual(result.sections.filter((s) => !s.present).map((s) => s.name), ['Blameless Culture Statement', 'Related Documents']);
  assert.deepEqual(result.blockers, ['10 placeholders not filled in', '3 action items without an owner', '1 timeline entry out of order', '2 option lists left unresolved', '1 stated metric that disagrees with the timeline']);
});

test('bad command arguments are refused and the server goes on', async () => {
  const uri = await open(DRAFT);
  await assert.rejects(client.request('workspace/executeCommand', { command: SERVER_COMMANDS.setStatus, arguments: [uri, 'Done'] }), /Expected one of Draft, In Review, Final, Approved/);
  await assert.rejects(client.request('workspace/executeCommand', { command: SERVER_COMMANDS.insertSection, arguments: [uri] }), /Expected a section name/);
  assert.deepEqual(await run(uri, SERVER_COMMANDS.insertSection, 'Customer Communication'), { applied: false });
});

test('postmortem/newDocument gives the template with the facilitator’s answers', async () => {
  const { text } = await client.request<{ text: string }>(NEW_DOCUMENT_REQUEST, { incidentId: 'INC-2026-101', severity: 'P1', title: 'Queue backlog', incidentDate: '2026-11-20' });
  assert.ok(text.startsWith('# Post-Mortem: Queue backlog\n'));
  assert.equal(text.split('\n').length, TEMPLATE_TEXT.split('\n').length + 1);
  await assert.rejects(client.request(NEW_DOCUMENT_REQUEST, { incidentId: '101', severity: 'P1', title: 'x', incidentDate: '2026-11-20' }), /INC-YYYY-SEQ/);
});
