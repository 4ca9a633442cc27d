import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { RULES } from '../../server/src/core/rules';
import { fixturePath, readExample, readFixture } from '../paths';
import { describe } from './helpers';

const dir = fixturePath('rules');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.md'));

for (const file of fixtures) {
  test(`rules: ${file} gives exactly its expected diagnostics`, () => {
    const expected = readFixture('rules', file.replace(/\.md$/, '.expected')).split('\n').filter(Boolean);
    assert.deepEqual(analyze(readFixture('rules', file)).diagnostics.map(describe), expected);
  });

  test(`rules: ${file} gives the same ranges with CRLF line endings and a byte-order mark`, () => {
    const lf = analyze(readFixture('rules', file)).diagnostics.map(describe);
    assert.deepEqual(analyze(readFixture('rules', file).replace(/\n/g, '\r\n')).diagnostics.map(describe), lf);
    assert.deepEqual(analyze(`\uFEFF${readFixture('rules', file)}`).diagnostics.map(describe), lf);
  });
}

test('every rule has a fixture that triggers it', () => {
  const triggered = new Set(fixtures.flatMap((f) => analyze(readFixture('rules', f)).diagnostics.map((d) => d.code)));
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !triggered.has(id)), []);
});

test('a fully and correctly filled post-mortem gets no diagnostics at all', () => {
  const { diagnostics, model } = analyze(readExample('2026-03-14-checkout-latency-post-mortem.md'));
  assert.equal(model.metadata.statusValue, 'Final');
  assert.deepEqual(diagnostics.map(describe), []);
});

test('placeholders and missing owners are warnings in a Draft and errors once In Review', () => {
  const draft = readFixture('rules', 'missing-owner.md').replace('# Post-Mortem: Owners', '# Post-Mortem: Owners\n\n> **Status:** Draft');
  const review = draft.replace('**Status:** Draft', '**Status:** In Review');
  assert.deepEqual([...new Set(analyze(draft).diagnostics.map((d) => d.severity))], ['warning']);
  assert.deepEqual([...new Set(analyze(review).diagnostics.map((d) => d.severity))], ['error']);
});

test('a rule set to off is silent and a level overrides the rule’s own', () => {
  const config = { ...defaultConfig(), rules: { 'missing-owner': 'off' as const, placeholder: 'info' as const } };
  const codes = analyze(readFixture('rules', 'placeholder.md'), { config }).diagnostics.map((d) => `${d.code} ${d.severity}`);
  assert.deepEqual(codes, ['placeholder information', 'placeholder information', 'placeholder information', 'placeholder information']);
});

test('configured required sections replace the template’s', () => {
  const config = { ...defaultConfig(), requiredSections: [...defaultConfig().requiredSections.filter((s) => !s.startsWith('5.')), 'Customer Communication'] };
  const messages = analyze(readFixture('rules', 'missing-section.md'), { config }).diagnostics.map((d) => d.message);
  assert.deepEqual(messages, [
    'Section "11. Recurrence Prevention" is missing: add it after "10. Follow-Up Tracking".',
    'Section "Customer Communication" is missing: add it to the document.',
  ]);
});

test('configured severities replace P0–P4 in the metadata check', () => {
  const text = '# Post-Mortem\n\n| Field | Value |\n|---|---|\n| **Severity** | SEV2 |\n';
  assert.deepEqual(analyze(text).diagnostics.map((d) => d.message), ['Severity "SEV2" is not valid: use one of P0, P1, P2, P3, P4.']);
  assert.deepEqual(analyze(text, { config: { ...defaultConfig(), severities: ['SEV1', 'SEV2', 'SEV3'] } }).diagnostics, []);
});
