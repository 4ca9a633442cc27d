import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusBarText } from '../../client/src/status-bar-text';
import { analyze } from '../../server/src/core/analyze';
import { metricsText } from '../../server/src/core/features/summary';
import type { Metrics } from '../../server/src/core/metrics';
import { readExample } from '../paths';

test('the checkout example: completeness and MTTR in the text, the rest in the tooltip', () => {
  const { metrics } = analyze(readExample('2026-03-14-checkout-latency-post-mortem.md'));
  const percent = Math.round(metrics.completeness * 100);
  const { text, tooltip, label } = statusBarText({ metrics, metricsText: metricsText(metrics) });
  assert.equal(text, `PM ${percent}% · MTTR 1h 10m`);
  assert.match(tooltip, /^MTTD \*\*12m\*\* · MTTR \*\*1h 10m\*\* · Duration \*\*1h 10m\*\*$/m);
  assert.equal(label, `Post-mortem ${percent}% complete, MTTR 1h 10m`);
});

test('the exact text (the numbers written by the server, as the analysis result carries them): rounding, counts, and a dash for what the timeline does not give', () => {
  const metrics: Metrics = {
    mttdMinutes: null,
    mttrMinutes: null,
    durationMinutes: 3 * 1440 + 125,
    timeToMarkerMinutes: {},
    markers: [],
    actionItems: { total: 3, open: 3, withoutOwner: 1, byPriority: {} },
    completeness: 0.825,
    placeholdersLeft: 4,
  };
  assert.deepEqual(statusBarText({ metrics, metricsText: metricsText(metrics) }), {
    text: 'PM 83% · MTTR —',
    tooltip: [
      '**Post-mortem** 83% complete',
      '',
      'MTTD **—** · MTTR **—** · Duration **3d 2h 5m**',
      '',
      '1 action item without an owner · 4 placeholders left',
      '',
      'Click to open the preview to the side.',
    ].join('\n'),
    label: 'Post-mortem 83% complete, MTTR unknown',
  });
  const later = { ...metrics, completeness: 0.004, mttrMinutes: 12 };
  assert.equal(statusBarText({ metrics: later, metricsText: metricsText(later) }).text, 'PM 0% · MTTR 12m');
});
