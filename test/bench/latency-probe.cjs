// Preloaded into the language server by the benchmark (NODE_OPTIONS=--require …): for each
// didChange read from stdin, the time until the server writes the publishDiagnostics that follows
// it; on SIGUSR2 it writes those times, in order, to $POSTMORTEM_LATENCY_PROBE. The benchmark
// tells the server's part of a round trip from the test client's and the pipe's with it.
const { writeFileSync } = require('node:fs');

const times = [];
let changed;
process.stdin.on('data', (chunk) => {
  if (changed === undefined && chunk.includes('textDocument/didChange')) changed = performance.now();
});
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (changed !== undefined && typeof chunk !== 'string' && chunk.includes('textDocument/publishDiagnostics')) {
    times.push(performance.now() - changed);
    changed = undefined;
  }
  return write(chunk, ...rest);
};

process.on('SIGUSR2', () => writeFileSync(process.env.POSTMORTEM_LATENCY_PROBE, JSON.stringify(times)));
