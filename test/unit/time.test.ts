import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { TimelineClock, parseLeadingTime, parseTime } from '../../server/src/core/time';
import { analyze } from '../../server/src/core/analyze';
import { disagrees, formatLike, formatMinutes, formatOffset, parseDuration } from '../../server/src/core/duration';
import { hoverAt } from '../../server/src/core/features/hover';
import { renderBody } from '../../server/src/render/body';

/** The time as an ISO string in UTC, or the reason it is not a time. */
function iso(text: string, clock = new TimelineClock()): string {
  const value = parseTime(text);
  if (!value) return 'not a time';
  const at = clock.place(value);
  return at ? DateTime.fromMillis(at.epoch, { zone: 'UTC' }).toISO({ suppressMilliseconds: true })! : 'no such time';
}

test('times in every form the template and real post-mortems use', () => {
  assert.equal(iso('14:05'), '2000-01-01T14:05:00Z');
  assert.equal(iso('14:05:09'), '2000-01-01T14:05:09Z');
  assert.equal(iso('2:54 PM'), '2000-01-01T14:54:00Z');
  assert.equal(iso('12:10 am'), '2000-01-01T00:10:00Z');
  assert.equal(iso('07:30am'), '2000-01-01T07:30:00Z');
  assert.equal(iso('2023-02-14 10:29'), '2023-02-14T10:29:00Z');
  assert.equal(iso('2023-02-14 10:29:30'), '2023-02-14T10:29:30Z');
  assert.equal(iso('2019-01-23T16:08:30Z'), '2019-01-23T16:08:30Z');
  assert.equal(iso('2019-01-23T16:08:30+02:00'), '2019-01-23T14:08:30Z');
  assert.equal(iso('2025-04-14 13:25 UTC'), '2025-04-14T13:25:00Z');
  assert.equal(iso('14:05 +02:00'), '2000-01-01T12:05:00Z');
  assert.equal(iso('2:54 PM PST'), '2000-01-01T22:54:00Z');
  assert.equal(iso('July 11, 2025, 12:42 PM'), '2025-07-11T12:42:00Z');
  assert.equal(iso('Sep 27 2017 13:06'), '2017-09-27T13:06:00Z');
  assert.equal(iso('~14:05'), '2000-01-01T14:05:00Z');
  assert.equal(iso('2021-12-10'), '2021-12-10T00:00:00Z');
  assert.equal(iso('2019-12-03 --:--'), '2019-12-03T00:00:00Z');
});

test('what is not a time, or not a real one', () => {
  assert.equal(iso('about noon'), 'not a time');
  assert.equal(iso('{{T1}}'), 'not a time');
  assert.equal(iso('14:05 Alert fired'), 'not a time');
  assert.equal(iso('25:10'), 'no such time');
  assert.equal(iso('2026-02-30 10:00'), 'no such time');
  assert.equal(iso('14:65'), 'no such time');
});

test('a timeline cell\'s common forms, read character by character, and what only looks like them', () => {
  assert.deepEqual(parseTime('14:05'), { seconds: 50700, length: 5 });
  assert.deepEqual(parseTime('4:05'), { seconds: 14700, length: 4 });
  assert.deepEqual(parseTime('2026-03-14 14:05'), { date: { year: 2026, month: 3, day: 14 }, seconds: 50700, length: 16 });
  assert.deepEqual(parseTime('2026-03-14T4:05'), { date: { year: 2026, month: 3, day: 14 }, seconds: 14700, length: 15 });
  assert.deepEqual(parseTime('14:65'), { seconds: NaN, length: 5, problem: { kind: 'minutes', minutes: 65 } });
  assert.deepEqual(parseTime('2026-03-14 25:10'), { date: { year: 2026, month: 3, day: 14 }, seconds: NaN, length: 16, problem: { kind: 'hour', hour: 25 } });
  // Not those forms: read as any other time (the keys in another order), or not at all.
  assert.deepEqual(parseTime('2026-3-14 14:05'), { length: 15, date: { year: 2026, month: 3, day: 14 }, seconds: 50700 });
  assert.deepEqual(parseTime('2026-03-14  14:05'), { length: 17, date: { year: 2026, month: 3, day: 14 }, seconds: 50700 });
  for (const text of ['', '05', ':05', '1:5', '114:05', '2026-03-14_14:05', '12026-03-14 14:05', '١٤:٠٥']) assert.equal(parseTime(text), undefined, text);
});

test('a leading time stops where the event starts, and a range is not a zone', () => {
  assert.equal(parseLeadingTime('2:54 PM PST: config merged')!.length, '2:54 PM PST'.length);
  assert.equal(parseLeadingTime('10:00-11:30 rollback window')!.zone, undefined);
  assert.equal(parseLeadingTime('Monitoring 14:05'), undefined);
});

test('time-only entries take the day from context and roll over midnight only when going back over 12 hours', () => {
  const clock = new TimelineClock('UTC');
  clock.setDate({ year: 2026, month: 3, day: 14 });
  const placed = ['23:50', '00:10', '00:05', '13:00'].map((t) => iso(t, clock));
  assert.deepEqual(placed, ['2026-03-14T23:50:00Z', '2026-03-15T00:10:00Z', '2026-03-15T00:05:00Z', '2026-03-15T13:00:00Z']);
});

test('a zone stated once applies to the entries after it', () => {
  const clock = new TimelineClock();
  assert.equal(iso('2:54 PM PST', clock), '2000-01-01T22:54:00Z');
  assert.equal(iso('4:49 PM', clock), '2000-01-02T00:49:00Z');
});

test('stated durations in the ways people write them', () => {
  const minutes = (t: string) => parseDuration(t)?.minutes;
  assert.equal(minutes('12 minutes'), 12);
  assert.equal(minutes('1h 23min'), 83);
  assert.equal(minutes('0h 37m'), 37);
  assert.equal(minutes('~1.5 hours'), 90);
  assert.equal(minutes('2 hours 5 minutes'), 125);
  assert.equal(minutes('1 hour and 10 minutes'), 70);
  assert.equal(minutes('1:10'), 70);
  assert.equal(minutes('12'), 12);
  assert.equal(minutes('{{MTTD}} minutes'), undefined);
});

test('a stated duration agrees with the timeline to its own precision', () => {
  assert.equal(disagrees(parseDuration('12 minutes')!, 12.9), false);
  assert.equal(disagrees(parseDuration('12 minutes')!, 13), true);
  assert.equal(disagrees(parseDuration('2 hours')!, 100), false);
  assert.equal(disagrees(parseDuration('1.5 hours')!, 95), false);
  assert.equal(disagrees(parseDuration('1.5 hours')!, 97), true);
});

test('a corrected value is written in the stated value’s own units', () => {
  assert.equal(formatLike(19, parseDuration('15 minutes')!), '19 minutes');
  assert.equal(formatLike(1, parseDuration('15 minutes')!), '1 minute');
  assert.equal(formatLike(88, parseDuration('1h 20m')!), '1h 28m');
  assert.equal(formatLike(75, parseDuration('1:10')!), '1:15');
  assert.equal(formatLike(61, parseDuration('2 hours 5 minutes')!), '1 hour 1 minute');
  assert.equal(formatMinutes(75), '1h 15m');
  assert.equal(formatMinutes(1500), '1d 1h');
  assert.equal(formatMinutes(0), '0m');
});

test('one way to write a signed offset: a real minus sign in hover, the timeline SVG and every negative duration', () => {
  assert.equal(formatOffset(12), '+12m');
  assert.equal(formatOffset(-5), '\u22125m');
  assert.equal(formatOffset(0), '+0m');
  assert.equal(formatMinutes(-70), '\u22121h 10m');
  const text = '# Post-Mortem: x\n\n## 4. Detailed Timeline\n\n| Time | Event | Marker |\n|------|-------|--------|\n| 09:05 | Deploy | |\n| 09:10 | Errors | ← Incident start |\n| 09:40 | Fixed | ← Resolved |\n';
  const analysis = analyze(text);
  const hover = hoverAt(analysis, { line: 6, character: 3 });
  assert.equal(hover?.markdown, '**T\u22125m** from the incident start');
  const svg = renderBody(analysis);
  assert.ok(svg.includes('(\u22125m)') && svg.includes('(+30m)'), 'the SVG titles');
  assert.ok(!/T-\d|\(-\d/.test(`${hover?.markdown} ${svg}`), 'no ASCII hyphen as a minus');
});
