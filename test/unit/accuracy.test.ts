import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kindsMatch, parseLabel, scoreDocument } from '../../scripts/accuracy';

test('accuracy: unfilled and placeholder name the same finding; other kinds match only themselves', () => {
  assert.ok(kindsMatch('unfilled', 'placeholder'));
  assert.ok(kindsMatch('placeholder', 'unfilled'));
  assert.ok(kindsMatch('timeline-order', 'timeline-order'));
  assert.ok(!kindsMatch('timeline-order', 'timeline-time'));
});

test('accuracy: a diagnostic is a hit, acceptable or a false alarm; metrics are right within a minute', () => {
  const label = parseLabel(
    JSON.stringify({
      findings: [{ line: 3, kind: 'unfilled' }, { line: 9, kind: 'missing-owner' }],
      acceptable: [{ line: 5, kind: 'metadata' }, { kind: 'action-due' }],
      metrics: { mttdMinutes: 10, mttrMinutes: 60, durationMinutes: 60 },
    }),
    20,
  );
  const s = scoreDocument(
    label,
    [{ line: 3, kind: 'placeholder' }, { line: 5, kind: 'metadata' }, { line: 12, kind: 'action-due' }, { line: 7, kind: 'metadata' }],
    { mttdMinutes: 11, mttrMinutes: 75, durationMinutes: null },
  );
  assert.deepEqual(s.misses.map((f) => f.line), [9]);
  assert.equal(s.truePositives.length, 1);
  assert.equal(s.acceptable.length, 2);
  assert.deepEqual(s.falseAlarms, [{ line: 7, kind: 'metadata' }]);
  assert.deepEqual(s.metrics.map((m) => m.verdict), ['right', 'wrong', 'missing']);
});

test('accuracy: a malformed label is refused with the reason', () => {
  assert.throws(() => parseLabel('{"findings": [{"line": 0, "kind": "placeholder"}]}', 10), /line must be an integer from 1 to 10/);
  assert.throws(() => parseLabel('{"metrics": {"mtta": 3}}', 10), /unknown key "mtta"/);
  assert.throws(() => parseLabel('[1]', 10), /not an object/);
});
