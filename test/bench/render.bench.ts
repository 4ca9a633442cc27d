// The preview's cost on a 2,000-line post-mortem: analysis, then the body rendered from it (what
// the preview adds on every edit), and the size of the update message the webview receives.
// The analysis leaves markdown-it's inline pass to the first render, so that render pays for it;
// rendering the same analysis again shows the renderer's own share.
import { cpus } from 'node:os';
import { analyze } from '../../server/src/core/analyze';
import type { ExtensionToPreview } from '../../shared/protocol';
import { renderBody } from '../../server/src/render/body';
import { generateByLines } from './generate';

const RUNS = 21;
const TARGET_MS = 50;

const text = generateByLines(2000);
const times = { analysis: [] as number[], render: [] as number[], again: [] as number[] };
let body = '';
// One warm-up round, then RUNS measured ones, each on a fresh analysis as after an edit.
for (let i = 0; i <= RUNS; i++) {
  const t0 = performance.now();
  const analysis = analyze(text);
  const t1 = performance.now();
  body = renderBody(analysis, { today: '2026-05-01' });
  const t2 = performance.now();
  renderBody(analysis, { today: '2026-05-01' });
  const t3 = performance.now();
  if (i === 0) continue;
  times.analysis.push(t1 - t0);
  times.render.push(t2 - t1);
  times.again.push(t3 - t2);
}
const median = (t: number[]) => [...t].sort((a, b) => a - b)[t.length >> 1];
const render = median(times.render);
const message: ExtensionToPreview = { type: 'update', body, version: 1 };
const bytes = Buffer.byteLength(JSON.stringify(message));

console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}`);
console.log(`generated post-mortem: ${text.split('\n').length} lines, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB; medians of ${RUNS} runs`);
console.log(`  analysis                    ${median(times.analysis).toFixed(1)} ms`);
console.log(`  render body                 ${render.toFixed(1)} ms  (target < ${TARGET_MS} ms: ${render < TARGET_MS ? 'met' : 'missed'}; includes markdown-it's inline pass)`);
console.log(`  render the same body again  ${median(times.again).toFixed(1)} ms  (the renderer alone)`);
console.log(`  update message              ${bytes} bytes (${(bytes / 1024).toFixed(0)} KB)`);
