import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { template } from '../../server/src/core/template';
import type { AnalysisResult } from '../../shared/protocol';
import { ROOT, readFixture } from '../paths';
import { SEVERITY, at, today, useServer } from './client';

const README = pathToFileURL(join(ROOT, 'README.md')).href;
const DNS = readFixture('lsp', 'dns-outage-post-mortem.md');
const LINES = DNS.split('\n');

const client = useServer({ settings: { owners: ['Ana Ops'] } });
let opened = 0;

/** Opens the fixture under a name of its own (each test edits its own copy) and waits for its first diagnostics. */
const openDns = () => client.openLinted(`copy-${++opened}-post-mortem.md`, DNS);

function codeActions(uri: string, line: number, character: number, only?: string[]): Promise<CodeAction[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range: at(line, character), context: { diagnostics: [], only } });
}

/** Applies the action's edit as an editor would, then returns the new text's diagnostics. */
async function apply(uri: string, action: CodeAction): Promise<Diagnostic[]> {
  const [version] = await client.applyEdit(action.edit!);
  return (await client.diagnostics(uri, version)).diagnostics;
}

function replaceLines(lines: string[], changes: Record<number, string | null>): string {
  return lines.flatMap((line, i) => (i in changes ? (changes[i] === null ? [] : [changes[i]!]) : [line])).join('\n');
}

test('publishes the core diagnostics on open, with source, rule id and a link to the rule in the README', async () => {
  const uri = client.uri('open-post-mortem.md');
  await client.open(uri, DNS);
  const { version, diagnostics } = await client.diagnostics(uri, 1);
  assert.equal(version, 1);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
    [
      ['missing-section', 0, 0, 0, 34],
      ['placeholder', 5, 14, 5, 24],
      ['placeholder', 13, 18, 13, 30],
      ['placeholder', 14, 29, 14, 37],
      ['placeholder', 14, 38, 14, 45],
      ['placeholder', 16, 25, 16, 36],
      ['leftover-guidance', 21, 0, 21, 102],
      ['leftover-guidance', 25, 0, 25, 61],
      ['unresolved-choice', 32, 19, 32, 37],
      ['timeline-order', 44, 2, 44, 7],
      ['metric-mismatch', 48, 32, 48, 42],
      ['placeholder', 49, 33, 49, 41],
      // Overdue against the server's local date: due 2026-04-17 and 2026-04-20.
      ['action-due', 71, 66, 71, 76],
      ['missing-owner', 72, 50, 72, 53],
      ['action-due', 72, 56, 72, 66],
      ['missing-owner', 73, 56, 73, 65],
      ['action-due', 73, 68, 73, 68],
      ['unresolved-choice', 81, 30, 81, 38],
    ],
  );
  const expected = analyze(DNS, { fix: { today: today() } }).diagnostics.map((d) => ({
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: `${README}#rule-${d.code}` },
    source: 'postmortem',
    message: d.message,
  }));
  assert.deepEqual(diagnostics, expected);
  await client.close(uri);
});

test('a change is linted again and published with its version; closing clears the diagnostics', async () => {
  const uri = await openDns();
  const version = await client.change(uri, [{ range: { start: { line: 48, character: 32 }, end: { line: 48, character: 34 } }, text: '19' }]);
  const { diagnostics } = await client.diagnostics(uri, version);
  assert.equal(diagnostics.some((d) => d.code === 'metric-mismatch'), false);
  assert.equal(diagnostics.length, 17);
  const cleared = client.nextDiagnostics(uri);
  await client.close(uri);
  assert.deepEqual(await cleared, { uri, diagnostics: [] });
});

test('unresolved-choice: one action per option, pinned to the analysed version, each undoable as one edit', async () => {
  const uri = await openDns();
  const actions = await codeActions(uri, 32, 25);
  assert.deepEqual(actions.map((a) => [a.title, a.kind, a.diagnostics?.map((d) => d.code)]), [
    ['Keep "Yes"', 'quickfix', ['unresolved-choice']],
    ['Keep "No"', 'quickfix', ['unresolved-choice']],
    ['Keep "Partial"', 'quickfix', ['unresolved-choice']],
    ['Fix all safe post-mortem problems', 'source.fixAll.postmortem', undefined],
  ]);
  const edit = actions[2].edit!.documentChanges![0] as TextDocumentEdit;
  assert.deepEqual(edit, { textDocument: { uri, version: 1 }, edits: [{ range: { start: { line: 32, character: 19 }, end: { line: 32, character: 37 } }, newText: 'Partial' }] });
  const diagnostics = await apply(uri, actions[2]);
  assert.equal(client.text(uri), replaceLines(LINES, { 32: '| **SLA breach** | Partial |' }));
  assert.equal(diagnostics.some((d) => d.code === 'unresolved-choice' && d.range.start.line === 32), false);
  // Idempotent: nothing left to fix there, and the old action no longer applies to the new text.
  assert.deepEqual(await codeActions(uri, 32, 25, ['quickfix']), []);
  await assert.rejects(client.applyEdit(actions[0].edit!), /edit for version 1/);
});

test('metric-mismatch: replaces the stated value with the computed one', async () => {
  const uri = await openDns();
  const [action] = await codeActions(uri, 48, 35, ['quickfix']);
  assert.equal(action.title, 'Change to 19 minutes');
  assert.equal(action.isPreferred, true);
  const diagnostics = await apply(uri, action);
  assert.equal(client.text(uri), replaceLines(LINES, { 48: '**MTTD (Mean Time to Detect):** 19 minutes' }));
  assert.equal(diagnostics.some((d) => d.code === 'metric-mismatch'), false);
});

test('timeline-order: sorts the table rows, moving only the rows out of place, text intact', async () => {
  const uri = await openDns();
  const [action] = await codeActions(uri, 44, 3, ['quickfix']);
  assert.equal(action.title, 'Sort the timeline by time');
  assert.deepEqual((action.edit!.documentChanges![0] as TextDocumentEdit).edits, [
    { range: { start: { line: 43, character: 0 }, end: { line: 44, character: LINES[44].length } }, newText: `${LINES[44]}\n${LINES[43]}` },
  ]);
  const diagnostics = await apply(uri, action);
  assert.equal(client.text(uri), replaceLines(LINES, { 43: LINES[44], 44: LINES[43] }));
  assert.equal(diagnostics.some((d) => d.code === 'timeline-order'), false);
});

test('timeline-order: sorts mermaid and list timelines each on their own', async () => {
  const text = readFixture('lsp', 'timelines-post-mortem.md');
  const lines = text.split('\n');
  const uri = client.uri('timelines-post-mortem.md');
  await client.open(uri, text);
  const { diagnostics } = await client.diagnostics(uri, 1);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['timeline-order', 11], ['timeline-order', 17]]);
  const [mermaid] = await codeActions(uri, 11, 6, ['quickfix']);
  await apply(uri, mermaid);
  const [list] = await codeActions(uri, 17, 3, ['quickfix']);
  assert.deepEqual(await apply(uri, list), []);
  assert.equal(client.text(uri), replaceLines(lines, { 10: lines[11], 11: lines[10], 16: lines[17], 17: lines[16] }));
  await client.close(uri);
});

test('placeholder: fills today, the author from git and the incident ID parts; offers nothing it cannot know', async () => {
  const uri = await openDns();
  const fills = async (line: number, character: number) => (await codeActions(uri, line, character, ['quickfix'])).map((a) => a.title);
  assert.deepEqual(await fills(16, 32), [`Fill in ${today()}`]);
  assert.deepEqual(await fills(5, 16), ['Fill in Test Author']);
  assert.deepEqual(await fills(14, 31), ['Fill in 2026']);
  assert.deepEqual(await fills(14, 40), ['Fill in 057']);
  assert.deepEqual(await fills(13, 22), []);
  const [fill] = await codeActions(uri, 14, 40, ['quickfix']);
  await apply(uri, fill);
  assert.equal(client.text(uri), replaceLines(LINES, { 14: '| **Incident Report** | [INC-{{YYYY}}-057](./incident-report.md) |' }));
});

test('missing-owner: offers the configured owners, then the names in the document', async () => {
  const uri = await openDns();
  const actions = await codeActions(uri, 72, 51, ['quickfix']);
  assert.deepEqual(actions.map((a) => a.title), ['Assign Ana Ops', 'Assign Mei Tanaka', 'Assign Jordan Lee']);
  const diagnostics = await apply(uri, actions[1]);
  assert.equal(client.text(uri), replaceLines(LINES, { 72: '| 2 | Alert when forwarder queries drop to zero | Mei Tanaka | 2026-04-20 | High | NET-221 |' }));
  assert.equal(diagnostics.some((d) => d.code === 'missing-owner' && d.range.start.line === 72), false);
});

test('leftover-guidance: removes this comment, or every comment and example line', async () => {
  const uri = await openDns();
  const actions = await codeActions(uri, 21, 10, ['quickfix']);
  assert.deepEqual(actions.map((a) => a.title), ['Remove this guidance comment', 'Remove all guidance comments and example lines']);
  await apply(uri, actions[0]);
  assert.equal(client.text(uri), replaceLines(LINES, { 21: null, 22: null }));

  const other = await openDns();
  await apply(other, (await codeActions(other, 25, 3, ['quickfix']))[1]);
  assert.equal(client.text(other), replaceLines(LINES, { 21: null, 22: null, 25: null, 26: null }));
});

test('missing-section: inserts the template section where the template has it', async () => {
  const uri = await openDns();
  const [action] = await codeActions(uri, 0, 5, ['quickfix']);
  assert.equal(action.title, 'Add section "11. Recurrence Prevention"');
  const diagnostics = await apply(uri, action);
  const section = template().sections.find((s) => s.name === '11. Recurrence Prevention')!.text;
  assert.equal(client.text(uri), [...LINES.slice(0, 83), section + LINES.slice(83).join('\n')].join('\n'));
  assert.equal(diagnostics.some((d) => d.code === 'missing-section'), false);
});

/** The fixture with every safe fix applied: MTTD corrected, timeline sorted, guidance and example removed. */
const ALL_SAFE_FIXED = replaceLines(LINES, { 21: null, 22: null, 25: null, 26: null, 43: LINES[44], 44: LINES[43], 48: '**MTTD (Mean Time to Detect):** 19 minutes' });

test('source.fixAll.postmortem applies every safe fix at once, and then has nothing left to do', async () => {
  const uri = await openDns();
  const actions = await codeActions(uri, 0, 0, ['source.fixAll']);
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe post-mortem problems', 'source.fixAll.postmortem']]);
  const diagnostics = await apply(uri, actions[0]);
  assert.equal(client.text(uri), ALL_SAFE_FIXED);
  assert.deepEqual(diagnostics.map((d) => d.code).filter((c) => ['metric-mismatch', 'timeline-order', 'leftover-guidance'].includes(c as string)), []);
  assert.deepEqual(await codeActions(uri, 0, 0, ['source.fixAll']), []);
});

test('the postmortem.fixAll command applies the same edit through workspace/applyEdit', async () => {
  const uri = await openDns();
  const published = client.nextDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(await client.request('workspace/executeCommand', { command: 'postmortem.fixAll', arguments: [uri] }), { applied: true });
  await published;
  assert.equal(client.text(uri), ALL_SAFE_FIXED);
});

test('completion: owners, severities, statuses, priorities, Yes / No / Partial and today in the cells that take them', async () => {
  const uri = await openDns();
  const complete = async (line: number, character: number) => {
    const items = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    return items && { labels: items.map((i) => i.label), edit: items[0]?.textEdit, filterText: items[0]?.filterText };
  };
  const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
  assert.deepEqual(await complete(72, 52), { labels: ['Ana Ops', 'Mei Tanaka', 'Jordan Lee'], edit: { range: range(72, 50, 53), newText: 'Ana Ops' }, filterText: 'TBD' });
  assert.deepEqual(await complete(13, 20), { labels: ['P0', 'P1', 'P2', 'P3', 'P4'], edit: { range: range(13, 17, 30), newText: 'P0' }, filterText: 'P{{SEVERITY}}' });
  assert.deepEqual(await complete(17, 18), { labels: ['Draft', 'In Review', 'Final', 'Approved'], edit: { range: range(17, 15, 20), newText: 'Draft' }, filterText: undefined });
  assert.deepEqual((await complete(6, 20))?.labels, ['Draft', 'In Review', 'Final', 'Approved']);
  assert.deepEqual(await complete(72, 71), { labels: ['Critical', 'High', 'Medium', 'Low'], edit: { range: range(72, 69, 73), newText: 'Critical' }, filterText: undefined });
  assert.deepEqual(await complete(32, 22), { labels: ['Yes', 'No', 'Partial'], edit: { range: range(32, 19, 37), newText: 'Yes' }, filterText: 'Yes / No / Partial' });
  assert.deepEqual((await complete(81, 33))?.labels, ['Yes', 'No', 'Partial']);
  assert.deepEqual(await complete(73, 68), { labels: [today()], edit: { range: range(73, 68, 68), newText: today() }, filterText: undefined });
  assert.deepEqual((await complete(4, 15))?.labels, [today()]);
  assert.equal(await complete(23, 10), null);
  assert.equal(await complete(71, 10), null);
});

test('completion: the headings of missing sections after "## "', async () => {
  const uri = await openDns();
  await client.change(uri, [{ range: at(82, 0), text: '## \n' }]);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 82, character: 3 } });
  assert.deepEqual(items.map((i) => [i.label, i.textEdit]), [['11. Recurrence Prevention', { range: at(82, 3), newText: '11. Recurrence Prevention' }]]);
});

test('hover: a timeline time gives its offset and marker; MTTD and MTTR how they are computed; a placeholder its guidance', async () => {
  const uri = await openDns();
  const hover = (line: number, character: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  assert.deepEqual(await hover(42, 4), {
    contents: { kind: 'markdown', value: '**T+19m** from the incident start\n\nMarker: ← Detection (MTTD = T3 - T1)' },
    range: { start: { line: 42, character: 2 }, end: { line: 42, character: 7 } },
  });
  assert.equal(((await hover(45, 3))!.contents as { value: string }).value, '**T+1h 13m** from the incident start\n\nMarker: ← Fix applied');
  assert.deepEqual(await hover(48, 5), {
    contents: { kind: 'markdown', value: 'MTTD = Detection − Incident start = 09:31 − 09:12 = **19m**\n\nFrom timeline rows 1 and 3 (lines 41 and 43).' },
    range: { start: { line: 48, character: 0 }, end: { line: 48, character: 42 } },
  });
  assert.equal(((await hover(49, 10))!.contents as { value: string }).value, 'MTTR = Resolved − Incident start = 10:40 − 09:12 = **1h 28m**\n\nFrom timeline rows 1 and 7 (lines 41 and 47).');
  const guidance = template().guidance.get('timeline')!;
  assert.deepEqual(await hover(49, 36), {
    contents: { kind: 'markdown', value: `**{{MTTR}}**: the minutes from incident start to resolution.\n\n> ${guidance}` },
    range: { start: { line: 49, character: 33 }, end: { line: 49, character: 41 } },
  });
  assert.equal(await hover(23, 10), null);
});

test('document symbols outline the numbered sections; folding covers sections and tables; a code lens shows the metrics', async () => {
  const uri = await openDns();
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['Post-Mortem: Internal DNS outage']);
  assert.deepEqual(symbols[0].children!.map((s) => s.name), [
    '1. Incident Reference & Metadata', '2. Executive Summary', '3. Impact Summary', '4. Detailed Timeline', '5. Root Cause Analysis',
    '6. What Went Well', '7. What Went Wrong', '8. Where We Got Lucky', '9. Action Items', '10. Follow-Up Tracking', '12. Review & Sign-Off',
  ]);
  const timeline = symbols[0].children![3];
  assert.deepEqual([timeline.range, timeline.selectionRange], [
    { start: { line: 34, character: 0 }, end: { line: 49, character: LINES[49].length } },
    { start: { line: 34, character: 0 }, end: { line: 34, character: 23 } },
  ]);

  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  assert.deepEqual(folds.filter((f) => f.startLine >= 34 && f.startLine <= 40), [{ startLine: 34, endLine: 49 }, { startLine: 38, endLine: 46 }]);
  assert.deepEqual(folds[0], { startLine: 0, endLine: 85 });

  assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), [
    { range: at(38, 0), command: { title: 'MTTD 19m · MTTR 1h 28m · Duration 1h 28m', command: '' } },
  ]);
});

test('postmortem/analysis returns the model summary, metrics, timeline, action items and diagnostics', async () => {
  const uri = await openDns();
  const { placeholders, sections, blockers, vocabulary, metricsText, ...result } = await client.request<AnalysisResult>('postmortem/analysis', { uri });
  // The server's analysis: the owners setting and the fix context reach the fixes.
  const { metrics, diagnostics, model } = analyze(DNS, { config: { ...defaultConfig(), owners: ['Ana Ops'] }, fix: { today: today(), author: 'Test Author' } });
  assert.deepEqual(placeholders, model.placeholders.map(({ name, range }) => ({ name, range })));
  assert.deepEqual(sections.filter((s) => !s.present).map((s) => s.name), ['Document History', 'Blameless Culture Statement', '11. Recurrence Prevention', 'Related Documents', 'Approval']);
  assert.deepEqual(blockers, ['6 placeholders not filled in', '2 action items without an owner', '1 timeline entry out of order', '2 option lists left unresolved', '1 stated metric that disagrees with the timeline']);
  assert.deepEqual({ ...result, timeline: result.timeline.slice(3, 4), actionItems: result.actionItems.slice(1, 2) }, {
    uri,
    version: 1,
    isPostMortem: true,
    title: 'Post-Mortem: Internal DNS outage',
    status: 'Draft',
    incidentId: 'INC-2026-057',
    severity: 'P{{SEVERITY}}',
    metrics,
    timeline: [{ line: 43, time: '09:58', event: 'Missing forwarders found in the resolver config', marker: 'Root cause identified', markerKind: 'rootCause', minutesFromStart: 46, readable: true }],
    actionItems: [{ line: 72, number: '2', group: 'other', action: 'Alert when forwarder queries drop to zero', owner: 'TBD', due: '2026-04-20', priority: 'High', missingOwner: true, done: false }],
    diagnostics: diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
  });
  assert.equal(result.timeline.length, 7);
  assert.equal(metrics.mttdMinutes, 19);
  // What the client shows and offers, asked rather than known (issue 11).
  assert.deepEqual(metricsText, { mttd: '19m', mttr: '1h 28m', duration: '1h 28m', withoutOwner: '2 action items', placeholdersLeft: '7 placeholders' });
  assert.deepEqual(vocabulary.severities, ['P0', 'P1', 'P2', 'P3', 'P4']);
});
