import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { insertSection } from '../../server/src/core/section-insertion';
import { newPostMortem } from '../../server/src/core/commands/new-document';
import { nearestPlaceholder } from '../../client/src/placeholders';
import { fillEverywhere } from '../../server/src/core/commands/placeholders';
import { statusBlockers } from '../../server/src/core/blockers';
import { setStatus } from '../../server/src/core/commands/status';
import { updateStatedMetrics } from '../../server/src/core/commands/stated-metrics';
import { TEMPLATE_TEXT } from '../../server/src/core/template';
import { readExample, readFixture } from '../paths';
import { applyEdits } from './helpers';

test('a new post-mortem has the title, incident ID, severity, date and Draft status filled in', () => {
  const text = newPostMortem({ incidentId: 'INC-2026-057', severity: 'P2', title: 'Internal DNS outage', incidentDate: '2026-04-02' });
  const { model, diagnostics } = analyze(text);
  assert.equal(model.title!.text, '# Post-Mortem: Internal DNS outage');
  assert.deepEqual([model.metadata.incidentId!.value.text, model.metadata.severity!.value.text, model.metadata.statusValue], ['INC-2026-057', 'P2', 'Draft']);
  assert.ok(text.includes('| **Incident Date** | 2026-04-02 |'));
  assert.ok(text.includes('[INC-2026-057](./incident-report.md)') && text.includes('[Incident Report INC-2026-057]'));
  assert.deepEqual(diagnostics.filter((d) => d.code === 'metadata' || d.message.includes('Draft')), []);
  assert.equal(analyze(TEMPLATE_TEXT).model.placeholders.length - model.placeholders.length, 6, 'YYYY and SEQ twice, SEVERITY and ID once');
  assert.throws(() => newPostMortem({ incidentId: '57', severity: 'P2', title: 'x', incidentDate: '2026-04-02' }), /INC-YYYY-SEQ/);
});

test('Insert Section puts the template section where the template has it', () => {
  const analysis = analyze(readFixture('rules', 'missing-section.md'));
  const insertion = insertSection(analysis.model, analysis.src, '11. Recurrence Prevention')!;
  assert.equal(insertion.where, 'after "10. Follow-Up Tracking"');
  const after = applyEdits(readFixture('rules', 'missing-section.md'), [insertion.edit]).split('\n');
  assert.ok(after.indexOf('## 11. Recurrence Prevention') > after.indexOf('## 10. Follow-Up Tracking'));
  assert.ok(after.indexOf('## 11. Recurrence Prevention') < after.indexOf('## 12. Review & Sign-Off'));
  assert.equal(insertSection(analysis.model, analysis.src, 'Customer Communication'), undefined);
});

test('Set Status changes every place the status is written, and only that text', () => {
  const text = readFixture('rules', 'unresolved-choice.md');
  const after = applyEdits(text, setStatus(analyze(text), 'In Review'));
  assert.equal(after, text.replace('Draft | In Review | Approved', 'In Review').replace('Draft / In Review / Final', 'In Review'));
  assert.deepEqual(setStatus(analyze(after), 'In Review'), [], 'setting the same status again changes nothing');
  assert.equal(applyEdits('# Post-Mortem: X\n\nBody.\n', setStatus(analyze('# Post-Mortem: X\n\nBody.\n'), 'Final')), '# Post-Mortem: X\n\n> **Status:** Final\n\nBody.\n');
});

test('leaving Draft lists what still blocks', () => {
  assert.deepEqual(statusBlockers(analyze(readExample('2026-04-02-dns-outage-post-mortem.md'))), [
    '10 placeholders not filled in',
    '3 action items without an owner',
    '1 timeline entry out of order',
    '2 option lists left unresolved',
    '1 stated metric that disagrees with the timeline',
  ]);
  assert.deepEqual(statusBlockers(analyze(readExample('2026-03-14-checkout-latency-post-mortem.md'))), []);
});

test('Update Stated Metrics writes the computed values over stated ones and placeholders', () => {
  const draft = readExample('2026-04-02-dns-outage-post-mortem.md');
  const after = applyEdits(draft, updateStatedMetrics(analyze(draft))).split('\n');
  assert.deepEqual([after[63], after[64]], ['**MTTD (Mean Time to Detect):** 19 minutes', '**MTTR (Mean Time to Resolve):** 88 minutes']);
  const template = TEMPLATE_TEXT.replace('| {{T1}} |', '| 14:02 |').replace('| {{T3}} |', '| 14:14 |').replace('| {{T8}} |', '| 15:12 |');
  const filled = applyEdits(template, updateStatedMetrics(analyze(template)));
  assert.ok(filled.includes('| **Total duration** | 1h 10m (detected at 14:14, resolved at 15:12) |'));
  assert.ok(filled.includes('**MTTD (Mean Time to Detect):** 12 minutes') && filled.includes('**MTTR (Mean Time to Resolve):** 70 minutes'));
  assert.deepEqual(updateStatedMetrics(analyze(filled)), [], 'running it again changes nothing');
});

test('placeholders: next and previous wrap around; one name is filled everywhere', () => {
  const { model } = analyze(TEMPLATE_TEXT);
  assert.equal(nearestPlaceholder(model.placeholders, { line: 0, character: 0 }, 'next')!.name, 'PROJECT_NAME');
  assert.equal(nearestPlaceholder(model.placeholders, { line: 2, character: 15 }, 'next')!.name, 'VERSION');
  assert.equal(nearestPlaceholder(model.placeholders, { line: 2, character: 15 }, 'previous')!.name, 'ID');
  const edits = fillEverywhere(model, 'DATE', '2026-11-27');
  assert.equal(edits.length, 12);
  assert.equal(analyze(applyEdits(TEMPLATE_TEXT, edits)).model.placeholders.filter((p) => p.name === 'DATE').length, 0);
});
