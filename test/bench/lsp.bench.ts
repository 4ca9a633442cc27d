// The language server as an editor sees it: didChange → publishDiagnostics latency on a 2,000-line
// post-mortem (debounce 0), and the server's RSS with 50 post-mortems open. Run with `npm run bench`.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { TestClient } from '../lsp/client';
import { readExample, readFixture, readRepoFile } from '../paths';
import MarkdownIt from 'markdown-it';
import { generateByLines, generatePostMortem } from './generate';

const EDITS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMegabytes(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return kb / 1024;
}

/** What latency-probe.cjs, preloaded into the server, timed of each change so far: from its bytes read to its diagnostics' written. */
async function serverTimes(client: TestClient, probe: string): Promise<number[]> {
  rmSync(probe, { force: true });
  process.kill(client.pid, 'SIGUSR2');
  while (!existsSync(probe)) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.parse(readFileSync(probe, 'utf8')) as number[];
}

/**
 * Types one character into a timeline row and deletes it again (or, `enter`, a line break at the
 * start of the executive summary's line, which moves every line below it, the 1,584-row timeline's
 * included), timing each change until its diagnostics arrive.
 */
async function latency(client: TestClient, edits: number, enter = false): Promise<number[]> {
  const uri = client.uri(enter ? 'enter-post-mortem.md' : 'large-post-mortem.md');
  const text = generateByLines(2000);
  await client.open(uri, text);
  await client.diagnostics(uri, 1);
  const lines = text.split('\n');
  const line = enter ? lines.indexOf('{{EXECUTIVE_SUMMARY}}') : lines.findIndex((l) => l.startsWith('| 2026-03-14 12:00'));
  const at = { line, character: enter ? 0 : 30 };
  const typed = { range: { start: at, end: at }, text: enter ? '\n' : 'x' };
  const deleted = { range: { start: at, end: enter ? { line: line + 1, character: 0 } : { line, character: 31 } }, text: '' };
  const times: number[] = [];
  for (let i = 0; i < edits + 20; i++) {
    const start = performance.now();
    const version = await client.change(uri, [i % 2 ? deleted : typed]);
    await client.diagnostics(uri, version);
    // The first 20 warm the server up.
    if (i >= 20) times.push(performance.now() - start);
  }
  await client.close(uri);
  return times.sort((a, b) => a - b);
}

/**
 * One character typed in the middle of the 0.5 MB benchmark post-mortem (core.bench.ts's) and
 * deleted again over LSP (incremental sync, debounce 0), each change timed until its diagnostics
 * arrive; and one bare markdown-it parse of that text, measured in the same run.
 */
async function largeLatency(client: TestClient, edits: number): Promise<{ times: number[]; parse: number; kb: number }> {
  const uri = client.uri('half-megabyte-post-mortem.md');
  const text = generatePostMortem({ timelineRows: 5000, actionItems: 500 });
  await client.open(uri, text);
  await client.diagnostics(uri, 1);
  const line = text.slice(0, text.length >> 1).split('\n').length;
  const times: number[] = [];
  for (let i = 0; i < edits + 4; i++) {
    const at = { line, character: 5 };
    const change = i % 2 ? { range: { start: at, end: { line, character: 6 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
    const start = performance.now();
    const version = await client.change(uri, [change]);
    await client.diagnostics(uri, version);
    if (i >= 4) times.push(performance.now() - start);
  }
  await client.close(uri);
  const md = new MarkdownIt();
  const parses = Array.from({ length: 9 }, () => {
    const start = performance.now();
    md.parse(text, {});
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { times: times.sort((a, b) => a - b), parse: percentile(parses, 50), kb: Buffer.byteLength(text) / 1024 };
}

/**
 * Opens 50 documents made from `texts` in turn and returns the server's RSS once all are linted,
 * then its heap and RSS after a full garbage collection (memory-probe.cjs, preloaded into it).
 */
async function memory(texts: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-memory-'));
  const probe = join(dir, 'memory.json');
  const env = { NODE_OPTIONS: `--expose-gc --require ${join(__dirname, 'memory-probe.cjs')}`, POSTMORTEM_MEMORY_PROBE: probe };
  const client = await TestClient.start({ settings: { lint: { debounceMs: 0 } }, env });
  try {
    for (let i = 0; i < 50; i++) {
      const uri = client.uri(`open-${i}-post-mortem.md`);
      await client.open(uri, texts[i % texts.length]);
      await client.diagnostics(uri, 1);
    }
    const rss = rssMegabytes(client.pid);
    process.kill(client.pid, 'SIGUSR2');
    while (!existsSync(probe)) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { heapUsed } = JSON.parse(readFileSync(probe, 'utf8')) as NodeJS.MemoryUsage;
    return `${rss.toFixed(0)} MB; after a full GC ${rssMegabytes(client.pid).toFixed(0)} MB, of which ${(heapUsed / 2 ** 20).toFixed(0)} MB heap in use`;
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}`);
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-latency-'));
  const probe = join(dir, 'latency.json');
  const env = { NODE_OPTIONS: `--require ${join(__dirname, 'latency-probe.cjs')}`, POSTMORTEM_LATENCY_PROBE: probe };
  // As an editor keeps them: each document's last diagnostics, not every message (see ClientOptions.published).
  const client = await TestClient.start({ settings: { lint: { debounceMs: 0 } }, published: 'latest', env });
  try {
    const times = await latency(client, EDITS);
    console.log(`didChange → publishDiagnostics, 2,000-line post-mortem, debounce 0 (${EDITS} edits): p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target: p95 < 15 ms)`);
    // The same edits as the server saw them (the first 20 warmed it up); the rest is the test client's and the pipe's.
    const inServer = (await serverTimes(client, probe)).slice(20).sort((a, b) => a - b);
    console.log(`  inside the server, from the change read to its diagnostics written: p50 ${percentile(inServer, 50).toFixed(1)} ms, p95 ${percentile(inServer, 95).toFixed(1)} ms`);
    // A full analysis in this process (what the server did on every keystroke before it was incremental).
    const text = generateByLines(2000);
    const alone = Array.from({ length: 40 }, () => {
      const start = performance.now();
      analyze(text);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    console.log(`  a full analysis of it, in this process: p50 ${percentile(alone, 50).toFixed(1)} ms, p95 ${percentile(alone, 95).toFixed(1)} ms`);
    // The analysis as the server makes it after a keystroke: from the previous version's (incremental parse).
    const line = text.split('\n').findIndex((l) => l.startsWith('| 2026-03-14 12:00'));
    const at = text.split('\n').slice(0, line).join('\n').length + 31;
    let previous = analyze(text, { remember: true });
    // As many edits as over LSP, after as many to warm up.
    const incremental = Array.from({ length: EDITS + 20 }, (_, i) => {
      const edited = i % 2 ? text : `${text.slice(0, at)}x${text.slice(at)}`;
      const start = performance.now();
      previous = analyze(edited, { previous });
      return performance.now() - start;
    })
      .slice(20)
      .sort((a, b) => a - b);
    console.log(`  the analysis alone from the previous version's: p50 ${percentile(incremental, 50).toFixed(1)} ms, p95 ${percentile(incremental, 95).toFixed(1)} ms`);
    // Not a target of its own: every row moves, so every row is made and read anew (see the README).
    const enter = await latency(client, 100, true);
    console.log(`  a line break typed above the timeline and deleted (100 edits): p50 ${percentile(enter, 50).toFixed(1)} ms, p95 ${percentile(enter, 95).toFixed(1)} ms, worst ${enter[enter.length - 1].toFixed(1)} ms`);
    const large = await largeLatency(client, 20);
    const [p50, p95] = [percentile(large.times, 50), percentile(large.times, 95)];
    console.log(
      `didChange → publishDiagnostics, ${large.kb.toFixed(0)} KB post-mortem, one character typed in the middle (20 edits): p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; ` +
        `one bare markdown-it parse of it ${large.parse.toFixed(0)} ms (p50 ${(p50 / large.parse).toFixed(1)}× it; target: < 1×)`,
    );
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const typical = [
    readExample('2026-03-14-checkout-latency-post-mortem.md'),
    readExample('2026-04-02-dns-outage-post-mortem.md'),
    readRepoFile('templates/post-mortem-template.md'),
    readFixture('lsp', 'dns-outage-post-mortem.md'),
  ];
  const lines = typical.map((t) => t.split('\n').length);
  console.log(`RSS with 50 open post-mortems (examples, template; ${Math.min(...lines)}–${Math.max(...lines)} lines): ${await memory(typical)} (target: < 150 MB)`);
  console.log(`RSS with 50 open 2,000-line post-mortems: ${await memory([generateByLines(2000)])}`);
}

main();
