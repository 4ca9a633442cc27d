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
// The blameless statement, a long quoted paragraph near the top.
const prose = lines.findIndex((l) => l.startsWith('> ') && l.length > 60);
// Each edit's patch, its size, and the time to compute it cold (the first edit there) and while
// typing on (the edit's second step: render/patch.ts split the elements it compares at the first).
const edits: [string, (l: string[], step: number) => void][] = [
  ['a word typed in a timeline row, mid-document', (l, step) => void (l[row] = l[row].replace('reported', `reported ${'first'.slice(0, step * 3)}`))],
  ['a word typed in a line of prose', (l, step) => void (l[prose] = `${l[prose]} ${'More.'.slice(0, step * 3)}`)],
  ['a line inserted in the prose near the top', (l, step) => void l.splice(prose + 1, 0, '', 'A new paragraph.'.slice(0, step * 8))],
  ['a timeline row duplicated (rows after renumbered)', (l, step) => void l.splice(row, 0, step === 1 ? l[row] : l[row].replace('reported', 'reports'))],
];
const blocksOf = (text: string) => markedBlocks(bodyPieces(analyze(text), { today: '2026-05-01' }));
const before = blocksOf(text);
const size = Buffer.byteLength(text);
const fullBytes = Buffer.byteLength(JSON.stringify(message));
console.log(`  one-line edits as patches (target < 5% of the document on the wire, < 10 ms): size; time cold / typing on`);
for (const [name, change] of edits) {
  const [first, second] = [1, 2].map((step) => {
    const edited = [...lines];
    change(edited, step);
    return blocksOf(edited.join('\n'));
  });
  const typing: number[] = [];
  const cold: number[] = [];
  let runs = diffBlocks(before, first);
  for (let i = 0; i <= RUNS; i++) {
    diffBlocks([], []);
    diffBlocks([], []);
    const t0 = performance.now();
    runs = diffBlocks(before, first);
    const t1 = performance.now();
    diffBlocks(first, second);
    if (i) cold.push(t1 - t0);
    if (i) typing.push(performance.now() - t1);
  }
  const patch: ExtensionToPreview = { type: 'patch', version: 2, id: '2.2', from: '1.1', runs };
  const bytes = Buffer.byteLength(JSON.stringify(patch));
  const full = bytes * 2 > fullBytes;
  console.log(`    ${name.padEnd(52)} ${String(bytes).padStart(7)} bytes (${((bytes / size) * 100).toFixed(2)}%)  ${median(cold).toFixed(1)} / ${median(typing).toFixed(1)} ms${full ? '  (over half the body: the body is sent)' : ''}`);
}
