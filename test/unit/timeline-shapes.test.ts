// One timeline reader for the shapes real post-mortems write (issue 12): numeric dates settled day
// or month first from the timeline's own dates, four-digit times, dates after the time, timed
// paragraphs, date lines above tables, lists split by an image, zones stated in prose, impossible
// and unknown times with their reason, and several incidents in one document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { incidentAt } from '../../server/src/core/metrics';
import type { Timeline } from '../../server/src/core/model';
import { parse } from '../../server/src/core/parse';
import { numericDateAs, parseLeadingTime, settleNumericDates } from '../../server/src/core/time';
import { range } from '../../server/src/core/text';
import { markerFixesAt } from '../../server/src/core/features/marker-fixes';
import { renderBody } from '../../server/src/render/body';
import { describe } from './helpers';

/** Each entry as `time text=ISO instant` (minutes), `-` when it has none. */
const instants = (t: Timeline) => t.entries.map((e) => `${e.time.text}=${e.at ? new Date(e.at.epoch).toISOString().slice(0, 16) : '-'}`);
const timelinesOf = (text: string) => parse(text).model.timelines;
const metricsOf = (text: string) => {
  const { metrics } = analyze(text);
  return [metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes];
};
const diagnostics = (text: string, code: string) => analyze(text).diagnostics.filter((d) => d.code === code).map(describe);

test('[MM-DD HH:MM] bullets: month first, as a second number over 12 shows; a row dated back is out of order', () => {
  const text = `# Boskos outage

## Timeline

All times PDT.

- [03-20 16:46] StatefulSet spec updated
- [03-26 23:04] The replacement pod is stuck in a crash loop (**outage starts**)
- [03-27 02:50] The outage is reported on GitHub
- [03-26 05:16] The outage is reported on Slack
- [03-27 08:10] A fixed Boskos is deployed (**outage ends**)
`;
  const [timeline] = timelinesOf(text);
  assert.deepEqual(instants(timeline), [
    '03-20 16:46=2000-03-20T23:46', '03-26 23:04=2000-03-27T06:04', '03-27 02:50=2000-03-27T09:50', '03-26 05:16=2000-03-26T12:16', '03-27 08:10=2000-03-27T15:10',
  ]);
  assert.deepEqual(diagnostics(text, 'timeline-order'), ['10:4-10:15 warning Item 4 (03-26 05:16) is earlier than item 3 (03-27 02:50) above it: sort the timeline or correct the time. [timeline-order]']);
  assert.deepEqual(metricsOf(text), [null, 546, 546]);
});

test('DD-MM-YYYY HH:MM bullets across midnight: day first, as only the first number changes', () => {
  const text = `# Checkout latency

## Timeline

All times in CEST.

- 07-05-2026 22:40 – Certificate rotation job runs; outage begins.
- 07-05-2026 22:52 – Latency alert fired for the checkout service.
- 08-05-2026 00:31 – Checkout latency back to normal; service restored.
`;
  const [timeline] = timelinesOf(text);
  assert.deepEqual(instants(timeline), ['07-05-2026 22:40=2026-05-07T20:40', '07-05-2026 22:52=2026-05-07T20:52', '08-05-2026 00:31=2026-05-07T22:31']);
  assert.equal(timeline.entries[0].at!.dateKnown, true);
  assert.deepEqual(metricsOf(text), [12, 111, 111]);
});

test('numeric dates that cannot be settled leave the days unknown and give no metric', () => {
  const text = '# Outage\n\n## Timeline\n\n- 03-04-2026 10:00 – Outage begins.\n- 04-05-2026 10:20 – Alert fired.\n- 04-05-2026 11:00 – Service restored.\n';
  const [timeline] = timelinesOf(text);
  assert.equal(timeline.datesUnknown, true);
  assert.deepEqual(instants(timeline), ['03-04-2026 10:00=2000-01-01T10:00', '04-05-2026 10:20=2000-01-01T10:20', '04-05-2026 11:00=2000-01-01T11:00']);
  assert.deepEqual(metricsOf(text), [null, null, null]);
});

test('settleNumericDates: over 12 decides, else the number that changes is the day; a date alone in numbers needs a time', () => {
  const dates = (...pairs: [number, number][]) => pairs.map(([a, b]) => ({ year: 2026, month: a, day: b, numeric: true }));
  assert.equal(settleNumericDates(dates([13, 5], [14, 5])), 'day');
  assert.equal(settleNumericDates(dates([3, 26], [3, 27])), 'month');
  assert.equal(settleNumericDates(dates([7, 5], [8, 5])), 'day');
  assert.equal(settleNumericDates(dates([5, 7], [5, 8])), 'month');
  assert.equal(settleNumericDates(dates([11, 4], [11, 4])), 'same');
  assert.equal(settleNumericDates(dates([3, 4], [4, 5])), 'unsure');
  assert.equal(settleNumericDates(dates([13, 5], [5, 13])), 'unsure');
  // The dates are left as read (they may be a kept row's): numericDateAs reads each in the order found.
  const read = dates([7, 5], [8, 5]);
  assert.equal(settleNumericDates(read), 'day');
  assert.deepEqual(read, dates([7, 5], [8, 5]));
  assert.deepEqual(read.map((d) => numericDateAs(d, 'day')), [{ year: 2026, month: 5, day: 7 }, { year: 2026, month: 5, day: 8 }]);
  assert.deepEqual(numericDateAs(read[0], 'month'), { year: 2026, month: 7, day: 5 });
  assert.equal(parseLeadingTime('03-26 outage'), undefined);
  assert.equal(parseLeadingTime('10-30 minutes of errors'), undefined);
});

test('MM/DD h:mma, with the zone named as a region: the date is the same throughout, the times are read', () => {
  const text = `# CI SEV

## Incident timeline (all times pacific)

- 11/04 7:27a incident began: the new runner image reaches the fleet
- 11/04 7:52a detected by the red-trunk alert (alert fired)
- 11/04 8:41a mitigated by rolling the fleet back
- 11/04 3:75 pm closed after the fixed image passed canary
`;
  const [timeline] = timelinesOf(text);
  assert.deepEqual(instants(timeline), ['11/04 7:27a=2000-01-01T15:27', '11/04 7:52a=2000-01-01T15:52', '11/04 8:41a=2000-01-01T16:41', '11/04 3:75 pm=-']);
  assert.deepEqual(diagnostics(text, 'timeline-time'), [
    '8:3-8:16 warning Timeline item 4 has time "11/04 3:75 pm", but a time has no minute 75: correct the minutes (00 to 59). [timeline-time]',
  ]);
});

test('YYYY-MM-DD HHMM keeps its time; HH:MM 6th Nov 2023 and 22:30 UTC (Oct 29) keep their date', () => {
  assert.deepEqual(parseLeadingTime('2019-01-22 1430 deploy'), { date: { year: 2019, month: 1, day: 22 }, seconds: 14.5 * 3600, length: 15 });
  assert.deepEqual(parseLeadingTime('14:05 6th Nov 2023 - paged'), { date: { year: 2023, month: 11, day: 6 }, seconds: 14 * 3600 + 300, length: 18 });
  assert.deepEqual(parseLeadingTime('22:30 UTC (Oct 29): failover'), { date: { year: undefined, month: 10, day: 29 }, seconds: 22.5 * 3600, zone: 'UTC', length: 18 });
  assert.deepEqual(parseLeadingTime('19. April, 11:00'), { date: { year: undefined, month: 4, day: 19 }, seconds: 11 * 3600, length: 16 });
});

test('four-digit times in paragraphs under a dated heading: "1324 :", "~1215:"', () => {
  const text = `# Markets were offline

## How was it fixed

### Thur 3 Nov 2016

~1215: Changes deployed which swapped the image service.

1324 : Someone noticed that the market images were missing.

~1452: Changes went live and the issue was confirmed as resolved.
`;
  const [timeline] = timelinesOf(text);
  assert.equal(timeline.source, 'list');
  assert.deepEqual(instants(timeline), ['~1215=2016-11-03T12:15', '1324=2016-11-03T13:24', '~1452=2016-11-03T14:52']);
  assert.deepEqual(timeline.entries.map((e) => [e.startLine, e.endLine, e.event.text]), [
    [6, 7, 'Changes deployed which swapped the image service.'],
    [8, 9, 'Someone noticed that the market images were missing.'],
    [10, 11, 'Changes went live and the issue was confirmed as resolved.'],
  ]);
});

test('time-prefixed lines of a paragraph under a bare date line are entries; a four-digit number without a colon is not a time', () => {
  const text = '# Outage\n\n## Timeline\n\n2019-01-22\n\n7:32 PM - Outage begins.\n7:45 PM - Alert fired.\n8:02 PM - Service restored.\n\n1200 users were affected.\n';
  const [timeline] = timelinesOf(text);
  assert.deepEqual(instants(timeline), ['7:32 PM=2019-01-22T19:32', '7:45 PM=2019-01-22T19:45', '8:02 PM=2019-01-22T20:02']);
  assert.deepEqual(metricsOf(text), [13, 30, 30]);
});

test('a date line above a table is the day of its rows', () => {
  const text = '# Outage\n\n## Timeline\n\n**2024-03-13** (all times in UTC)\n\n| Time | Event |\n|------|-------|\n| 10:01 | Node entered NotReady state |\n| 10:05 | Alert fired |\n';
  assert.deepEqual(instants(timelinesOf(text)[0]), ['10:01=2024-03-13T10:01', '10:05=2024-03-13T10:05']);
  const plain = '# Outage\n\n## Timeline\n\n2024-03-13\n\n| Time | Event |\n|------|-------|\n| 10:01 | Node entered NotReady state |\n| 10:05 | Alert fired |\n';
  assert.deepEqual(instants(timelinesOf(plain)[0]), ['10:01=2024-03-13T10:01', '10:05=2024-03-13T10:05']);
});

test('a list split by an image or a code block is one timeline: its start is kept', () => {
  const text = `# Outage

## Timeline

- 09:00 Outage begins.

![graph](graph.png)

- 09:10 Alert fired.

\`\`\`
kubectl get nodes
\`\`\`

- 09:40 Service restored.
`;
  const timelines = timelinesOf(text);
  assert.equal(timelines.length, 1);
  assert.deepEqual(timelines[0].entries.map((e) => e.time.text), ['09:00', '09:10', '09:40']);
  assert.deepEqual(metricsOf(text), [10, 40, 40]);
  // A lone timed bullet elsewhere is still no timeline.
  assert.deepEqual(timelinesOf('# Notes\n\n- 10:00 standup\n- review the runbook\n'), []);
});

test('heading timelines: "### 19. April, 11:00" moves to the next day, "### ~13:30-13:45" starts at 13:30', () => {
  const text = `# Culler flood

## Timeline

All times in CEST.

### 2018-04-18 12:35

Trouble starts.

### ~13:30-13:45

Outages.

### 19:47

Quiet.

### 19. April, 11:00

Again.

### 11:07

Fixed.
`;
  const [timeline] = timelinesOf(text);
  assert.deepEqual(instants(timeline), [
    '2018-04-18 12:35=2018-04-18T10:35', '~13:30=2018-04-18T11:30', '19:47=2018-04-18T17:47', '19. April, 11:00=2018-04-19T09:00', '11:07=2018-04-19T09:07',
  ]);
  assert.deepEqual(diagnostics(text, 'timeline-order'), []);
});

test('zones stated in prose: "All times PDT.", "All times US/Pacific"', () => {
  const pdt = timelinesOf('# Outage\n\n## Timeline\n\nAll times PDT.\n\n- 2019-10-08 11:20 push\n- 2019-10-08 11:40 done\n')[0];
  assert.deepEqual(instants(pdt), ['2019-10-08 11:20=2019-10-08T18:20', '2019-10-08 11:40=2019-10-08T18:40']);
  const pacific = timelinesOf('# Outage\n\n## Timeline\n\nAll times US/Pacific\n\n- 2019-01-08 11:20 push\n- 2019-01-08 11:40 done\n')[0];
  assert.deepEqual(instants(pacific), ['2019-01-08 11:20=2019-01-08T19:20', '2019-01-08 11:40=2019-01-08T19:40']);
});

test('unknown and impossible times in a list are reported with the reason and take no part in the metrics', () => {
  const text = `# Outage

## Timeline

- [???] IOPS reached a critical point; outage begins
- X: someone noticed
- 13:55 PM: review scheduled
- 10:10 alert fired
`;
  assert.deepEqual(diagnostics(text, 'timeline-time'), [
    '5:4-5:7 warning Timeline item 1 has time "???", which is not known: write the time as HH:MM, or the nearest known time with "~". [timeline-time]',
    '6:3-6:4 warning Timeline item 2 has time "X", which is not known: write the time as HH:MM, or the nearest known time with "~". [timeline-time]',
    '7:3-7:11 warning Timeline item 3 has time "13:55 PM", but there is no hour 13 PM: write 13:55 without PM, or 1:55 PM. [timeline-time]',
  ]);
  assert.deepEqual(metricsOf(text), [null, null, null]);
});

const TWO_INCIDENTS = `# Two outages on the payments API

## Summary

Two separate outages hit the payments API in one week.

## Timeline

### Incident 1: 2026-02-03 database failover

- 10:00 Outage begins: writes fail.
- 10:12 Alert fired for write errors.
- 10:40 Service restored after the failover.

### Incident 2: 2026-02-05 certificate expiry

- 09:00 Outage begins: TLS handshakes fail.
- 09:30 Alert fired for handshake errors.
- 09:50 Service restored with a new certificate.
`;

test('several incidents under their own headings: one timeline each, never compared, metrics per incident', () => {
  const { model, metrics, diagnostics: found } = analyze(TWO_INCIDENTS);
  assert.deepEqual(model.incidents.map((i) => [i.title, i.line, i.startLine, i.endLine, i.timelines.length]), [
    ['Incident 1: 2026-02-03 database failover', 8, 8, 14, 1],
    ['Incident 2: 2026-02-05 certificate expiry', 14, 14, 20, 1],
  ]);
  assert.deepEqual(found.filter((d) => d.code === 'timeline-order'), []);
  assert.deepEqual([metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes], [12, 40, 40]);
  assert.deepEqual(metrics.incidents!.map((i) => [i.title, i.line, i.mttdMinutes, i.mttrMinutes, i.durationMinutes]), [
    ['Incident 1: 2026-02-03 database failover', 8, 12, 40, 40],
    ['Incident 2: 2026-02-05 certificate expiry', 14, 30, 50, 50],
  ]);
  const second = incidentAt(model, metrics, 16);
  assert.deepEqual([second.incident.title, second.metrics.mttdMinutes, second.metrics.measured.mttr.end?.time], ['Incident 2: 2026-02-05 certificate expiry', 30, '09:50']);
  assert.equal(incidentAt(model, metrics, 4).metrics, metrics);
});

test('one dated title, day headings and a single incident are one incident with every timeline', () => {
  const { model, metrics } = analyze('# 2026-02-03: database failover\n\n## Timeline\n\n### 2026-02-03\n\n- 10:00 Outage begins.\n- 10:12 Alert fired.\n\n### 2026-02-04\n\n- 09:00 Service restored.\n');
  assert.deepEqual(model.incidents.map((i) => [i.title, i.line, i.timelines.length]), [[undefined, 0, 1]]);
  assert.equal(metrics.incidents, undefined);
  assert.deepEqual([metrics.mttdMinutes, metrics.mttrMinutes], [12, 1380]);
});

test('.postmortemrc.json events add to the words; an explicit marker still wins', () => {
  const text = '# Outage\n\n## Timeline\n\n| Time | Event |\n|------|-------|\n| 09:00 | Customer impact kicks off |\n| 09:07 | Pager went off |\n| 09:20 | Everything green |\n';
  const config = { ...defaultConfig(), events: { start: ['impact kicks off'], detection: ['pager went off'], resolved: ['everything green'] } };
  const measured = (t: string) => {
    const { metrics } = analyze(t, { config });
    return [metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes];
  };
  assert.deepEqual(metricsOf(text), [null, null, null]);
  assert.deepEqual(measured(text), [7, 20, 20]);
  assert.deepEqual(analyze(text, { config }).metrics.markers.map((m) => [m.kind, m.phrase]), [['start', 'impact kicks off'], ['detection', 'Pager went off'], ['resolved', 'Everything green']]);
  const marked = text.replace('| 09:20 | Everything green |', '| 09:15 | Failover done ← Resolved |\n| 09:20 | Everything green |');
  assert.deepEqual(measured(marked), [7, 15, 15]);
});

test('the preview shows the first incident\'s figures and one line per incident', () => {
  const html = renderBody(analyze(TWO_INCIDENTS));
  const list = /<ol class="incidents"[^>]*>\n([^]*?)\n<\/ol>/.exec(html);
  assert.ok(list);
  assert.deepEqual(list[1].split('\n'), [
    '<li data-line="8"><span class="incident-title">Incident 1: 2026-02-03 database failover</span>: MTTD 12m · MTTR 40m · duration 40m</li>',
    '<li data-line="14"><span class="incident-title">Incident 2: 2026-02-05 certificate expiry</span>: MTTD 30m · MTTR 50m · duration 50m</li>',
  ]);
  assert.equal(renderBody(analyze('# One\n\n## Timeline\n\n- 10:00 Outage begins.\n- 10:05 Alert fired.\n')).includes('class="incidents"'), false);
});

test('a quick fix writes the explicit marker on an entry read from its words, and the metrics stay', () => {
  const apply = (text: string, edit: { range: { start: { line: number; character: number } }; newText: string }) => {
    const lines = text.split('\n');
    const { line, character } = edit.range.start;
    lines[line] = lines[line].slice(0, character) + edit.newText + lines[line].slice(character);
    return lines.join('\n');
  };
  const table = '# Outage\n\n## Timeline\n\n| Time | Event |\n|------|-------|\n| 09:00 | Outage begins |\n| 09:07 | Alert fired |\n| 09:20 | Service restored |\n';
  const list = '# Outage\n\n## Timeline\n\n- 09:00 Outage begins.\n- 09:07 Alert fired.\n- 09:20 Service restored.\n';
  for (const text of [table, list]) {
    const analysis = analyze(text);
    const line = text.split('\n').findIndex((l) => l.includes('Alert fired'));
    const fixes = markerFixesAt(analysis, { start: { line, character: 0 }, end: { line, character: 0 } });
    assert.deepEqual(fixes.map((f) => [f.fix.title, f.fix.safe, f.diagnostics]), [['Mark 09:07 as "Detection" (read from "Alert fired")', undefined, []]]);
    // Every entry's fix, each on its own line, so that none moves another.
    const all = analysis.model.timelines[0].entries;
    const whole = markerFixesAt(analysis, { start: { line: all[0].startLine, character: 0 }, end: { line: all[all.length - 1].startLine, character: 0 } });
    assert.equal(whole.length, 3);
    const fixed = whole.reduce((t, f) => apply(t, f.fix.edits[0]), text);
    const after = analyze(fixed).metrics;
    assert.deepEqual([after.mttdMinutes, after.mttrMinutes, after.markers.map((m) => [m.kind, m.label, m.phrase])], [7, 20, [['start', 'Incident start', undefined], ['detection', 'Detection', undefined], ['resolved', 'Resolved', undefined]]]);
  }
  assert.equal(apply(list, markerFixesAt(analyze(list), { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } })[0].fix.edits[0]).split('\n')[5], '- 09:07 Alert fired. ← Detection');
});

test('a list of years is no timeline outside a timeline section; four-digit times are read inside one', () => {
  assert.deepEqual(timelinesOf('# History\n\n## Background\n\n- 2019: migrated to Kubernetes\n- 2021: moved to EKS\n- 2020: added Traefik\n'), []);
  const [timeline] = timelinesOf('# Outage\n\n## Timeline\n\n- 1955: deploy\n- 2010: alert\n');
  assert.deepEqual(instants(timeline), ['1955=2000-01-01T19:55', '2010=2000-01-01T20:10']);
});

test('a bold lead label names the marker (**Detection:**, **Recovery:**), and a timeline that opens with its detection starts there', () => {
  const text = `## Timeline

| Time | Event |
|------|-------|
| 2022-01-25 10:21 | **Detection:** We received a lot of alerts about i/o timeouts |
| 2022-01-25 10:49 | We started a full node rollover |
| 2022-01-25 15:00 | **Recovery:** Uncordoned the node |
| 2022-01-25 15:14 | __Root cause__: found spikes in CPU |
`;
  const { model, metrics } = analyze(text);
  const [first, , recovery, cause] = model.timelines[0].entries;
  assert.deepEqual([first.marker?.kind, first.marker?.range], ['detection', range(4, 21, 35)]);
  assert.deepEqual([recovery.marker?.kind, cause.marker?.kind], ['restored', 'rootCause']);
  assert.deepEqual([metrics.mttdMinutes, metrics.mttrMinutes, metrics.durationMinutes], [0, null, 279]);
  assert.deepEqual(metrics.markers.slice(0, 2).map((m) => [m.kind, m.time]), [['start', '2022-01-25 10:21'], ['detection', '2022-01-25 10:21']]);
  // A detection after another entry (the deploy that may have started the impact) is no start; nor one read from words.
  const later = text.replace('| 2022-01-25 10:21 |', '| 2022-01-25 10:05 | Deploy of the new node image |\n| 2022-01-25 10:21 |');
  assert.equal(analyze(later).metrics.durationMinutes, null);
  assert.equal(analyze(text.replace('**Detection:** We received', 'Alert fired: we received')).metrics.durationMinutes, null);
});
