// The analysis as the extension and the CLI ship it: core/analyze.ts bundled by esbuild as
// esbuild.mjs bundles dist/server.js and dist/cli.js (one CommonJS file for Node 20). The
// benchmarks run under tsx, whose own transform names every function it makes (`__name`, a
// property defined at each closure made): timing the sources through it times that too.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Analyze from '../../server/src/core/analyze';

export function bundledAnalyze(): typeof Analyze.analyze {
  const [bundle] = buildSync({ entryPoints: [join(__dirname, '../../server/src/core/analyze.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'warning' }).outputFiles;
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-bench-'));
  try {
    const file = join(dir, 'analyze.js');
    writeFileSync(file, bundle.text);
    return (createRequire(file)(file) as typeof Analyze).analyze;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
