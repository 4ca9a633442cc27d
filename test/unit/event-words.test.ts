// Timeline events named in words rather than with a marker (issue 12): "**Outage begins.**",
// "alert fired", "Service restored". Explicit markers win, and nothing is inferred from a denied
// or hypothetical event, before the start, or when the start is unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hoverAt } from '../../server/src/core/features/hover';

const metricsOf = (text: string) => {
  const { metrics } = analyze(text);
  return [metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes];
};

const TABLE = `# Login loop

## Timeline

| Time | Event |
|------|-------|
| 09:05 | Configuration refactor deployed |
| 09:12 | First users stuck in the login loop |
| 09:31 | Uptime check alert fired for the login page |
| 09:58 | Revert merged, change rolled back |
| 10:15 | Service restored: logins succeed again |
`;

test('a table named in words: start, detection, mitigation and resolution from the first entry naming each', () => {
  assert.deepEqual(metricsOf(TABLE), [19, 63, 63]);
  const { metrics } = analyze(TABLE);
  assert.deepEqual(metrics.markers.map((m) => [m.kind, m.time, m.phrase]), [
    ['start', '09:12', 'First users'], ['detection', '09:31', 'alert fired'], ['mitigated', '09:58', 'rolled back'], ['resolved', '10:15', 'Service restored'],
  ]);
  assert.deepEqual(metrics.timeToMarkerMinutes, { detection: 19, mitigated: 46, resolved: 63 });
});

test('a timed list with emphasis: **Outage begins.** … **Outage ends.**', () => {
  const text = `## Timeline

- [08:47] A bump PR is merged, triggering a deploy. **Outage begins.**
- [08:57] @someone notices that statuses are still there
- [09:29] @someone manually rolls back the deploy.
- [09:34] Confirmed functional. **Outage ends.**
- [10:01] Stray pods deleted
`;
  assert.deepEqual(metricsOf(text), [10, 47, 47]);
});

test('headings whose paragraphs name the events', () => {
  const text = `## Timeline

All times in UTC

### 2019-04-03 12:50

Start of incident. The last nodes are cordoned.

### 13:28

Investigation starts after a user reported that the site was down.

### 13:29

Ingress pods rescheduled. Service resumes. Incident ends.
`;
  assert.deepEqual(metricsOf(text), [38, 39, 39]);
});

test('explicit markers win: words add no second marker of a kind the timeline marks', () => {
  const text = `## Timeline

| Time | Event | Marker |
|------|-------|--------|
| 09:00 | Outage begins | ← Incident start |
| 09:05 | Alert fired | |
| 09:20 | On-call paged again | ← Detection |
| 09:40 | Service restored | |
`;
  const { metrics } = analyze(text);
  assert.deepEqual([metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes], [20, 40, 40]);
  assert.deepEqual(metrics.markers.map((m) => [m.kind, m.time, m.phrase]), [['start', '09:00', undefined], ['detection', '09:20', undefined], ['resolved', '09:40', 'Service restored']]);
});

test('a denied or hypothetical event is no event: "no alert fired", "would have paged"', () => {
  const text = `## Timeline

- 09:00 Outage begins for EU users
- 09:04 No alert fired because the threshold was too high
- 09:06 A synthetic check would have paged at this point
- 09:15 Customer reported errors in the support channel
- 09:45 Outage ends
`;
  assert.deepEqual(metricsOf(text), [15, 45, 45]);
  assert.deepEqual(metricsOf('## Timeline\n\n- 09:00 Outage begins\n- 09:10 Nothing was detected yet\n- 09:30 Service was not restored by the restart\n'), [null, null, null]);
});

test('marks read as spaces: between a phrase\'s words, around them and in the clause that denies one', () => {
  const text = `| Time | Event |
|------|-------|
| 09:00 | **Outage** begins for EU users |
| 09:04 | No \`alert\` fired: the threshold was too high |
| 09:09 | The _alert_   fired in #ops |
| 09:20 | Change \`rolled\` **back** |
| 09:30 | Service_restored for everyone |
`;
  const { metrics } = analyze(`## Timeline\n\n${text}`);
  // Each phrase as written but for its marks, which read as spaces: it keeps its length.
  assert.deepEqual(metrics.markers.map((m) => [m.kind, m.time, m.phrase]), [
    ['start', '09:00', 'Outage   begins'], ['detection', '09:09', 'alert    fired'], ['mitigated', '09:20', 'rolled    back'], ['resolved', '09:30', 'Service restored'],
  ]);
  // A letter, digit or apostrophe joined to a phrase is another word; a mark there is not.
  assert.deepEqual(metricsOf('## Timeline\n\n- 09:00 Outage begins\n- 09:10 Realert fired\n- 09:20 alert fired2\n- 09:30 Service restored\n'), [null, 30, 30]);
});

test('an unknown start, or events before the start, give no metric', () => {
  // The start's own entry has no time: no word marker at all.
  assert.deepEqual(metricsOf('## Timeline\n\n| Time | Event |\n|---|---|\n| ??? | Outage begins |\n| 09:10 | Alert fired |\n| 09:40 | Outage ends |\n'), [null, null, null]);
  // No start named: the detection and resolution words alone give nothing.
  assert.deepEqual(metricsOf('## Timeline\n\n- 09:00 Deploy\n- 09:10 Alert fired\n- 09:40 Service restored\n'), [null, null, null]);
  // Detection and resolution before the start are left out.
  assert.deepEqual(metricsOf('## Timeline\n\n- 08:50 Alert fired on a canary\n- 08:55 Service restored on the canary\n- 09:00 Outage begins\n- 09:30 Outage ends\n'), [null, null, null]);
});

test('hover says which entry was read as which event, and why', () => {
  const analysis = analyze(TABLE);
  const line = TABLE.split('\n').findIndex((l) => l.startsWith('| 09:31'));
  const hover = hoverAt(analysis, { line, character: 3 });
  assert.match(hover!.markdown, /Detection: 'alert fired' at 09:31 \(from the event's words\)/);
});

test('symptoms named as they start and end: latency starts to climb, pods crash loop, jobs green again, returns to normal', () => {
  const timeline = (start: string, end: string) => `## Timeline

| Time | Event |
|------|-------|
| 22:30 | Certificate rotation scheduled |
| 22:40 | ${start} |
| 22:52 | Latency alert fired |
| 23:31 | ${end} |
`;
  assert.deepEqual(metricsOf(timeline('Rotation job runs; checkout latency starts to climb', 'Checkout latency returns to normal')), [12, 51, 51]);
  assert.deepEqual(metricsOf(timeline('EKS upgrade causes CoreDNS pods to crash loop', 'Fleet rolled back; jobs green again')), [12, 51, 51]);
  // Words that only look alike give no start: the error rate going down is the recovery, not the outage.
  assert.deepEqual(metricsOf(timeline('Error rate went down after the cache warmed', 'Service restored')), [null, null, null]);
});
