import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { type TeamTemplate, deriveTemplate, optionList } from '../../server/src/core/team-template';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { describe } from './helpers';

const codes = (text: string, config = defaultConfig()) => analyze(text, { config }).diagnostics.map(describe);

test('metadata: the incident’s status is neither flagged nor taken as the document’s; other names of the document’s status are read as ours', () => {
  const table = (status: string) => `# Post-Mortem\n\n| Field | Value |\n|---|---|\n| **Status** | ${status} |\n`;
  for (const status of ['Resolved', 'Mitigated', 'ongoing', 'Closed', 'Monitoring']) {
    const { diagnostics, model } = analyze(table(status));
    assert.deepEqual(diagnostics.map(describe), [], status);
    assert.equal(model.metadata.statusValue, 'Draft', status);
  }
  assert.equal(analyze(table('Reviewed')).model.metadata.statusValue, 'Final');
  assert.equal(analyze(table('Published')).model.metadata.statusValue, 'Final');
  assert.equal(analyze(table('Under review')).model.metadata.statusValue, 'In Review');
  assert.deepEqual(codes(table('Reviewed')), []);
  // Front matter written by a static site: `status: Reviewed` is a status of the document, and fine.
  assert.deepEqual(codes('---\ntitle: 2026-03-04 - Hub login loop\nexports:\n  - format: md\n    frontmatter:\n      status: Reviewed\n---\n\n# 2026-03-04 - Hub login loop\n'), []);
  // Still reported: a status that is neither.
  assert.deepEqual(codes(table('Done')), ['5:16-5:20 warning Status "Done" is not valid: use one of Draft, In Review, Final, Approved. [metadata]']);
});

test('metadata: severity is held to our list only in a document that uses our template’s metadata or when the team configured severities', () => {
  const theirs = '# Checkout outage\n\nSeverity: Critical\nStatus: Resolved\nDate: January 14-19, 2026\n\n## Summary\n\nCheckout failed.\n';
  assert.deepEqual(codes(theirs), []);
  const configured = parseConfig(JSON.stringify({ severities: ['SEV1', 'SEV2'] })).config;
  assert.equal(configured.severitiesGiven, true);
  assert.deepEqual(codes(theirs, configured), ['3:11-3:19 warning Severity "Critical" is not valid: use one of SEV1, SEV2. [metadata]']);
  const ours = '# Post-Mortem\n\n| Field | Value |\n|---|---|\n| **Severity** | Critical |\n| **Post-Mortem Date** | January 14-19, 2026 |\n| **Date** | 2026-01-14 – 2026-01-19 |\n';
  assert.deepEqual(codes(ours), ['5:18-5:26 warning Severity "Critical" is not valid: use one of P0, P1, P2, P3, P4. [metadata]']);
});

test('unresolved-choice: an option list left as a whole cell, field value or line; never one inside a sentence', () => {
  const text = [
    '# Post-Mortem: Choices', '',
    '## Status', '', 'Draft | Final', '',
    '## Current Status', 'ongoing, mitigated, closed', '',
    '## Lessons', '',
    '- We should have presubmits that provide a simple yes/no in the GH UX.',
    '- The test fleet mixes medium/high end machines.',
    '- The incident went from ongoing, to mitigated, to closed in an hour.',
    '**Answer:** Yes / No',
  ].join('\n');
  assert.deepEqual(codes(text), [
    '5:1-5:14 warning "Draft | Final" still lists the template\'s options: keep the one that applies. [unresolved-choice]',
    '8:1-8:27 warning "ongoing, mitigated, closed" still lists the template\'s options: keep the one that applies. [unresolved-choice]',
    '15:13-15:21 warning "Yes / No" still lists the template\'s options: keep the one that applies. [unresolved-choice]',
  ]);
});

test('range: the dash of a range of percentages is not a minus sign', () => {
  const text = '# Post-Mortem: R\n\n## 3. Impact Summary\n\n| Metric | Value |\n|---|---|\n| **Requests affected** | 14-19% of requests |\n| **Users affected** | -5% |\n';
  assert.deepEqual(codes(text), ['8:24-8:27 error Users affected gives -5%, which cannot be a share: use a percentage from 0 to 100. [range]']);
});

test("metadata against a team's template: the Severity list it gives, and none of our forms; its list left in place is a choice", () => {
  const template = deriveTemplate('# Incident report: [Title]\n\n**Severity:** SEV1 / SEV2 / SEV3\n\n**Incident ID:** [ID]\n\n**Status:** Draft\n\n## Summary\n\nDescribe the impact.\n');
  const doc = (severity: string) => `# Incident report: checkout down\n\n**Severity:** ${severity}\n\n**Incident ID:** 2026/17\n\n**Status:** Draft\n\n## Summary\n\nCheckout was down.\n`;
  const metadataOf = (text: string, t?: TeamTemplate) => analyze(text, { template: t }).diagnostics.filter((d) => d.code === 'metadata').map((d) => [d.range.start.line, d.message]);
  assert.deepEqual(metadataOf(doc('Critical'), template), [[2, 'Severity "Critical" is not valid: use one of SEV1, SEV2, SEV3.']]);
  assert.deepEqual(metadataOf(doc('SEV2'), template), []);
  // The template's list left in place is a choice to make, with one fix per option.
  const left = analyze(doc('SEV1 / SEV2 / SEV3'), { template }).diagnostics.filter((d) => d.code === 'unresolved-choice' || d.code === 'metadata');
  assert.deepEqual(left.map((d) => [d.code, d.range, d.message]), [['unresolved-choice', { start: { line: 2, character: 14 }, end: { line: 2, character: 32 } }, '"SEV1 / SEV2 / SEV3" still lists the template\'s options: keep the one that applies.']]);
  assert.deepEqual(left[0].fixes?.map((f) => f.edits[0].newText), ['SEV1', 'SEV2', 'SEV3']);
  // A template that lists no severities leaves the value to the team.
  assert.deepEqual(metadataOf(doc('Critical'), deriveTemplate('# Incident report: [Title]\n\n**Severity:**\n\n## Summary\n')), []);
});

test('an option list in a template is short options separated by | or a spaced /, never a path or a sentence', () => {
  assert.deepEqual(optionList('**SEV1 / SEV2 / SEV3**'), ['SEV1', 'SEV2', 'SEV3']);
  assert.deepEqual(optionList('Draft | In Review | Final'), ['Draft', 'In Review', 'Final']);
  assert.equal(optionList('../../reports/SOURCE-FILE-PLACEHOLDER'), undefined);
  assert.equal(optionList('medium/high end machines'), undefined);
  assert.equal(optionList('the deploy failed / the alert did not fire for twenty minutes'), undefined);
});
