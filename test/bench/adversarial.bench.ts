// Hostile documents against a plain post-mortem of the same size, in one run: the worst 100 KB
// case (every place × run of test/adversarial.ts) for the analysis and for the render, each with
// its ratio to the plain document, the render also with its ratio to bare markdown-it on the same
// text (what we add to markdown-it's own inline pass), then that worst case grown to 1 MB.
import { cpus } from 'node:os';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../server/src/core/analyze';
import { renderBody } from '../../server/src/render/body';
import { PLACES, RUNS, adversarial, cpuMs } from '../adversarial';
import { generateByLines } from './generate';

const SIZE = 100_000;
const RUNS_EACH = 3;
const bare = new MarkdownIt({ html: true });

const median = (times: number[]) => times.sort((a, b) => a - b)[times.length >> 1];

/**
 * Median CPU milliseconds (garbage collection included) of the analysis, of the render of a fresh
 * analysis (a second render of one skips markdown-it's inline pass), and of bare markdown-it.
 */
function costs(text: string, runs = RUNS_EACH): { analysis: number; render: number; markdownIt: number } {
  const analysis: number[] = [];
  const render: number[] = [];
  const markdownIt: number[] = [];
  for (let i = 0; i < runs; i++) {
    let result: ReturnType<typeof analyze> | undefined;
    analysis.push(cpuMs(() => (result = analyze(text))));
    render.push(cpuMs(() => renderBody(result!, { today: '2026-05-01' })));
    markdownIt.push(cpuMs(() => bare.render(text)));
  }
  return { analysis: median(analysis), render: median(render), markdownIt: median(markdownIt) };
}

function plainOfSize(bytes: number): string {
  let lines = 100;
  while (Buffer.byteLength(generateByLines(lines)) < bytes) lines += 100;
  return generateByLines(lines);
}

const plain = costs(plainOfSize(SIZE), 9);
let worstAnalysis = { name: '', ms: 0 };
let worstRender = { name: '', ms: 0, markdownIt: 0 };
for (const place of Object.keys(PLACES)) {
  for (const run of RUNS) {
    const name = `${place} × ${JSON.stringify(run)}`;
    const text = adversarial(place, run, SIZE);
    const { analysis, render, markdownIt } = costs(text, 1);
    if (analysis > worstAnalysis.ms) worstAnalysis = { name, ms: analysis };
    if (render > worstRender.ms) worstRender = { name, ms: render, markdownIt };
  }
}
// The worst cases again, measured as carefully as the plain document.
const worst = Object.keys(PLACES).flatMap((place) => RUNS.map((run) => ({ place, run }))).find(({ place, run }) => `${place} × ${JSON.stringify(run)}` === worstRender.name)!;
const again = costs(adversarial(worst.place, worst.run, SIZE));
const [analysisPlace, analysisRun] = worstAnalysis.name.split(' × ');
worstAnalysis.ms = costs(adversarial(analysisPlace, JSON.parse(analysisRun), SIZE)).analysis;
worstRender = { ...worstRender, ms: again.render, markdownIt: again.markdownIt };
const megabyte = costs(adversarial(worst.place, worst.run, 1_000_000), 1);

console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}; CPU time, medians`);
console.log(`plain post-mortem of ${SIZE / 1000} KB: analysis ${plain.analysis.toFixed(1)} ms, render ${plain.render.toFixed(1)} ms`);
console.log(`worst analysis of ${Object.keys(PLACES).length * RUNS.length} hostile ${SIZE / 1000} KB documents: ${worstAnalysis.ms.toFixed(1)} ms (${(worstAnalysis.ms / plain.analysis).toFixed(2)}× the plain one; target ≤ 3×), ${worstAnalysis.name}`);
console.log(`worst render: ${worstRender.ms.toFixed(1)} ms (${(worstRender.ms / plain.render).toFixed(1)}× the plain one; ${(worstRender.ms / worstRender.markdownIt).toFixed(2)}× bare markdown-it's ${worstRender.markdownIt.toFixed(1)} ms on the same text), ${worstRender.name}`);
console.log(`that case at 1 MB: analysis ${megabyte.analysis.toFixed(0)} ms, render ${megabyte.render.toFixed(0)} ms (bare markdown-it ${megabyte.markdownIt.toFixed(0)} ms)`);
