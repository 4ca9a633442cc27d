// The preview's cost on a 2,000-line post-mortem: analysis, then the body rendered from it (what
// the preview adds on every edit), and the size of the update message the webview receives: the
// whole body, and the patch (render/patch.ts) that one-line edits make, with the time to compute it.
// The analysis leaves markdown-it's inline pass to the first render, so that render pays for it;
// rendering the same analysis again shows the renderer's own share.
import { cpus } from 'node:os';
import { analyze } from '../../server/src/core/analyze';
import type { ExtensionToPreview } from '../../shared/protocol';
import { bodyPieces, renderBody } from '../../server/src/render/body';
import { diffBlocks, markedBlocks } from '../../server/src/render/patch';
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

// Patches: the blocks of the text before and after each edit, rendered once; then, RUNS times, the
// runs from the old blocks to the new (what the server adds to a render).
const lines = text.split('\n');
const row = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('| '));
const prose = lines.findIndex((l) => /^[A-Z][a-z]/.test(l));
const edits: [string, (l: string[]) => void][] = [
  ['a word typed in a timeline row, mid-document', (l) => (l[row] = l[row].replace('reported', 'reported first')) as unknown as void],
  ['a word typed in a line of prose', (l) => (l[prose] = `${l[prose]} More.`) as unknown as void],
  ['a line inserted in the prose near the top', (l) => void l.splice(prose + 1, 0, '', 'A new paragraph.')],
  ['a timeline row duplicated (rows after renumbered)', (l) => void l.splice(row, 0, l[row])],
];
const before = markedBlocks(bodyPieces(analyze(text), { today: '2026-05-01' }));
const size = Buffer.byteLength(text);
console.log(`  one-line edits as patches (target < 5% of the document on the wire, < 10 ms):`);
for (const [name, change] of edits) {
  const edited = [...lines];
  change(edited);
  const after = markedBlocks(bodyPieces(analyze(edited.join('\n')), { today: '2026-05-01' }));
  const t: number[] = [];
  let runs = diffBlocks(before, after);
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    runs = diffBlocks(before, after);
    if (i) t.push(performance.now() - t0);
  }
  const patch: ExtensionToPreview = { type: 'patch', version: 2, id: '2.2', from: '1.1', runs };
  const patchBytes = Buffer.byteLength(JSON.stringify(patch));
  const full = patchBytes * 2 > Buffer.byteLength(JSON.stringify(message));
  console.log(`    ${name.padEnd(52)} ${String(patchBytes).padStart(7)} bytes (${((patchBytes / size) * 100).toFixed(2)}%)  computed in ${median(t).toFixed(1)} ms${full ? '  (over half the body: the server sends the body)' : ''}`);
}
