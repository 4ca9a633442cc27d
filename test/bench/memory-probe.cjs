// Preloaded into the language server by the benchmark (NODE_OPTIONS=--expose-gc --require …): on
// SIGUSR2 it collects garbage and writes process.memoryUsage() to $POSTMORTEM_MEMORY_PROBE, so the
// benchmark reads what the server holds rather than heap pages not yet given back.
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  globalThis.gc();
  writeFileSync(process.env.POSTMORTEM_MEMORY_PROBE, JSON.stringify(process.memoryUsage()));
});
