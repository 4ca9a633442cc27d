// No input freezes the analysis or the preview. For every hostile document (place × run):
// - the analysis of 100 KB costs at most ~25× that of 10 KB (linear is 10×, quadratic 100×);
// - our render costs at most 3× bare markdown-it's render of the same text, + 50 ms: what we add
//   to markdown-it's own inline pass (its cost, ~2–3 ms/KB on some runs) stays proportional to it;
// - the 100 KB document is analysed and rendered in under 3 s.
// Costs are CPU time (process.cpuUsage, GC threads included), not wall time, so other work on the
// machine does not count; each is the best of up to 3 tries after an untimed one, retried only
// while it fails. The 10 KB cost is the mean of 10 analyses, so that both sides of the ratio time
// the same amount of work: one 1 ms analysis is within a garbage collection's noise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { analyze } from '../../server/src/core/analyze';
import { renderBody } from '../../server/src/render/body';
import { PLACES, PROBES, RUNS, adversarial, cpuMs } from '../adversarial';

const RATIO = 25;
/** Below this the 10 KB/100 KB ratio is mostly garbage collection and JIT: only the cap applies. */
const FLOOR_MS = 20;
const CAP_MS = 3000;
const TRIES = 3;
const SMALL_REPEATS = 10;
const bare = new MarkdownIt({ html: true });

/** The best of up to TRIES measures of `measure`, stopping as soon as `ok` holds. */
function bestUntil<T extends number[]>(measure: () => T, ok: (best: T) => boolean): T {
  let best = measure();
  for (let i = 1; i < TRIES && !ok(best); i++) best = measure().map((v, j) => Math.min(v, best[j])) as T;
  return best;
}

const analysisOk = ([small, large]: number[]) => large < FLOOR_MS || large <= RATIO * small;
const renderOk = ([ours, md]: number[]) => ours <= 3 * md + 50;

/** What is wrong with one hostile case, or undefined. */
function check(place: string, run: string): string | undefined {
  const small = adversarial(place, run, 10_000);
  const large = adversarial(place, run, 100_000);
  // One untimed analysis of each first: the first runs on a new shape of text pay for the JIT
  // (a 100 KB heading of `1:`: 41 ms in its first runs, 16 ms after), which says nothing of growth.
  analyze(small);
  analyze(large);
  const smallMs = () => cpuMs(() => {
    for (let i = 0; i < SMALL_REPEATS; i++) analyze(small);
  }) / SMALL_REPEATS;
  const [a10, a100] = bestUntil(() => [smallMs(), cpuMs(() => analyze(large))], analysisOk);
  // Each try renders a fresh analysis: a second render of one skips markdown-it's inline pass.
  const [ours, md] = bestUntil(() => {
    const analysis = analyze(large);
    return [cpuMs(() => renderBody(analysis, { today: '2026-05-01' })), cpuMs(() => bare.render(large))];
  }, renderOk);
  const figures = `${JSON.stringify(run)}: analysis 10 KB ${a10.toFixed(1)} ms, 100 KB ${a100.toFixed(1)} ms; render ${ours.toFixed(1)} ms, markdown-it ${md.toFixed(1)} ms`;
  if (!analysisOk([a10, a100])) return `${figures}: analysis super-linear`;
  if (!renderOk([ours, md])) return `${figures}: render beyond markdown-it's`;
  if (a100 + ours > CAP_MS) return `${figures}: over ${CAP_MS} ms`;
  return undefined;
}

for (const place of Object.keys(PLACES)) {
  test(`linear time: ${place}`, () => {
    assert.deepEqual(RUNS.map((run) => check(place, run)).filter(Boolean), []);
  });
}

for (const [name, text] of Object.entries(PROBES)) {
  test(`the probe's case stays fast: ${name}`, () => {
    const spent = cpuMs(() => renderBody(analyze(text), { today: '2026-05-01' }));
    assert.ok(spent < CAP_MS, `${spent.toFixed(0)} ms`);
  });
}
