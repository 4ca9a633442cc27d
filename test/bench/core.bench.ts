// Analysis end to end (as shipped: bundled.ts) against a bare markdown-it parse and markdownlint, measured in one run.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import MarkdownIt from 'markdown-it';
import { bundledAnalyze } from './bundled';
import { generatePostMortem } from './generate';

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `fn` over `runs` runs, after one warm-up run. */
function time(fn: () => unknown, runs: number): number {
  return timeInTurn([fn], runs)[0];
}

/**
 * Median wall time of each of `fns` over `runs` runs, one run of each in turn (after one warm-up
 * run of each): a ratio between them is taken in the same state of the machine and of the heap.
 */
function timeInTurn(fns: (() => unknown)[], runs: number): number[] {
  for (const fn of fns) fn();
  const times = fns.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const start = performance.now();
      fn();
      times[k].push(performance.now() - start);
    });
  }
  return times.map(median);
}

async function main() {
  const { lint } = await import('markdownlint/sync');
  const large = generatePostMortem({ timelineRows: 5000, actionItems: 500 });
  const typical = readFileSync(new URL('../../examples/2026-03-14-checkout-latency-post-mortem.md', import.meta.url), 'utf8');
  const md = new MarkdownIt();
  const analyze = bundledAnalyze();
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}`);
  for (const [name, text, runs, lintRuns] of [['generated', large, 15, 1], ['typical', typical, 200, 20]] as const) {
    const [parse, analysis] = timeInTurn([() => md.parse(text, {}), () => analyze(text)], runs);
    // One character typed mid-document and taken back, each version analysed from the last (incremental parse).
    const middle = text.indexOf('\n', text.length >> 1) + 5;
    // As the language server makes it: the first version's analysis keeps what the next reuses.
    let previous = analyze(text, { remember: true });
    let typed = 0;
    const keystrokes: number[] = [];
    const incremental = time(() => {
      const edited = typed++ % 2 ? text : `${text.slice(0, middle)}x${text.slice(middle)}`;
      const start = performance.now();
      previous = analyze(edited, { previous });
      keystrokes.push(performance.now() - start);
    }, runs * 4);
    const p95 = [...keystrokes].sort((a, b) => a - b)[Math.ceil(keystrokes.length * 0.95) - 1];
    const markdownlint = time(() => lint({ strings: { doc: text } }), lintRuns);
    const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
    console.log(`${name} post-mortem (${kb} KB, ${text.split('\n').length} lines):`);
    console.log(`  markdown-it parse   ${parse.toFixed(1)} ms`);
    console.log(`  analysis            ${analysis.toFixed(1)} ms  (${(analysis / parse).toFixed(2)}× the parse)`);
    console.log(`  after a keystroke   p50 ${incremental.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms  (p50 ${(incremental / parse).toFixed(2)}× the parse; the previous version's parse and extraction reused; target on 0.5 MB: < 1×)`);
    console.log(`  markdownlint        ${markdownlint.toFixed(1)} ms  (${(markdownlint / parse).toFixed(1)}× the parse)`);
  }
}

main();
